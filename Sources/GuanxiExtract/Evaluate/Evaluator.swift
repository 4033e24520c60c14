import Foundation
import GuanxiGraph
import GuanxiText

/// A gold annotation file (ANNOTATION.md).
public struct GoldFile: Decodable, Sendable {
    public struct GoldEntity: Decodable, Sendable {
        public var type: EntityType
        public var name: String
        public var aliases: [String]?
        public var title: String?
        public var also: [EntityType]?
        public var optional: Bool?
    }
    public struct GoldRelation: Decodable, Sendable {
        public var head: String
        public var type: String
        public var tail: String
        public var also: [String]?
        public var optional: Bool?
    }
    public var doc: String
    public var entities: [GoldEntity]
    public var relations: [GoldRelation]

    /// Reads a gold file; errors name the file.
    public static func load(_ path: String) throws -> GoldFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw EvaluationError.unreadable(path: path) }
        do { return try JSONDecoder().decode(GoldFile.self, from: data) } catch {
            throw EvaluationError.badGold(path: path, detail: "\(error)")
        }
    }
}

/// Problems with an evaluation's inputs.
public enum EvaluationError: Error, CustomStringConvertible {
    case unreadable(path: String)
    case badGold(path: String, detail: String)
    public var description: String {
        switch self {
        case .unreadable(let p): "\(p): cannot read the gold file"
        case .badGold(let p, let d): "\(p): not a gold file of ANNOTATION.md's form (\(d))"
        }
    }
}

/// Precision, recall and F1 from counts.
public struct Score: Sendable, Codable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    public var precision: Double { truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives) }
    public var recall: Double { truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}

/// The scores of one graph against one gold file, and what was missed or wrong.
public struct EvaluationReport: Sendable {
    public var entities = Score()
    public var typedEntities = Score()
    public var byType: [EntityType: Score] = [:]
    public var relations = Score()
    public var labeledRelations = Score()
    public var missedEntities: [String] = []
    public var spuriousEntities: [String] = []
    public var missedRelations: [String] = []
    public var spuriousRelations: [String] = []
}

/// Scores a graph as ANNOTATION.md says: names compared after NFKC, Traditional→Simplified and
/// dropping white space, quotes and title marks; a node matches a gold entity when a name or
/// alias of one equals a name or alias of the other; a second node for a matched entity is a
/// false positive; optional gold items neither reward nor penalise.
public enum Evaluator {
    static func norm(_ s: String) -> String {
        let t = ChineseConverter.shared?.convert(s.precomposedStringWithCompatibilityMapping) ?? s
        return NameKey.of(t)
    }

    /// Scores the part of `graph` that document `docID` yields (the whole graph when nil).
    public static func evaluate(graph: KnowledgeGraph, gold: GoldFile, document docID: String?) -> EvaluationReport {
        var nodes = graph.entities
        var edges = graph.edges
        if let docID {
            // A file's id stands for every article document of that file (`page#1`, `page#2`, …).
            let scope = graph.documentIDs(for: [docID]).union([docID])
            nodes = nodes.filter { $0.mentions.contains { scope.contains($0.document) } }
            edges = edges.filter { $0.evidence.contains { scope.contains($0.document) } }
        }
        var rep = EvaluationReport()
        let goldNames = gold.entities.map { Set(([$0.name] + ($0.aliases ?? [])).map(norm)) }
        let nodeNames = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, Set($0.allNames.map(norm))) })
        func matches(_ node: Entity) -> [Int] {
            let n = nodeNames[node.id] ?? []
            return goldNames.indices.filter { !goldNames[$0].isDisjoint(with: n) }
        }
        // Entities, untyped and typed.
        for typed in [false, true] {
            var used = Set<Int>()
            var score = Score()
            var perType: [EntityType: Score] = [:]
            for node in nodes.sorted(by: { a, b in
                // Nodes whose canonical name equals a gold name claim it first.
                let ea = goldNames.contains { $0.contains(norm(a.name)) }, eb = goldNames.contains { $0.contains(norm(b.name)) }
                return ea != eb ? ea : a.id < b.id
            }) {
                let cands = matches(node).filter { g in
                    !typed || gold.entities[g].type == node.type || (gold.entities[g].also ?? []).contains(node.type)
                }
                if let g = cands.first(where: { !used.contains($0) && gold.entities[$0].optional != true }) {
                    used.insert(g); score.truePositives += 1; perType[node.type, default: Score()].truePositives += 1
                } else if cands.contains(where: { gold.entities[$0].optional == true }) || (!typed && matches(node).contains { gold.entities[$0].optional == true }) {
                    continue
                } else if typed, !matches(node).isEmpty, matches(node).allSatisfy({ gold.entities[$0].optional == true }) {
                    continue
                } else {
                    score.falsePositives += 1; perType[node.type, default: Score()].falsePositives += 1
                    if typed { rep.spuriousEntities.append("\(node.type.rawValue) \(node.name)") }
                }
            }
            for (g, e) in gold.entities.enumerated() where e.optional != true && !used.contains(g) {
                score.falseNegatives += 1; perType[e.type, default: Score()].falseNegatives += 1
                if typed { rep.missedEntities.append("\(e.type.rawValue) \(e.name)") }
            }
            if typed { rep.typedEntities = score; rep.byType = perType } else { rep.entities = score }
        }
        // Relations.
        func goldEntity(_ name: String) -> Int? {
            let k = norm(name)
            return goldNames.firstIndex { $0.contains(k) }
        }
        let scored = Set(RelationType.allCases.map(\.rawValue))
        let goldRels = gold.relations.filter { scored.contains($0.type) }
        let byID = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0) })
        func names(_ id: String) -> Set<String> { nodeNames[id] ?? [] }
        func endMatches(_ nodeID: String, _ goldName: String) -> Bool {
            guard let g = goldEntity(goldName) else { return names(nodeID).contains(norm(goldName)) }
            return !names(nodeID).isDisjoint(with: goldNames[g])
        }
        func onlyOptional(_ nodeID: String) -> Bool {
            guard let node = byID[nodeID] else { return false }
            let m = matches(node)
            return !m.isEmpty && m.allSatisfy { gold.entities[$0].optional == true }
        }
        for labeled in [false, true] {
            var used = Set<Int>()
            var score = Score()
            for e in edges {
                let fits = goldRels.indices.filter { i in
                    let g = goldRels[i]
                    let forward = endMatches(e.source, g.head) && endMatches(e.target, g.tail)
                    let backward = endMatches(e.source, g.tail) && endMatches(e.target, g.head)
                    if !labeled { return forward || backward }
                    let types = [g.type] + (g.also ?? [])
                    guard types.contains(e.type.rawValue) else { return false }
                    return forward || (e.type.isSymmetric && backward)
                }
                if let i = fits.first(where: { !used.contains($0) && goldRels[$0].optional != true }) {
                    used.insert(i); score.truePositives += 1
                } else if fits.contains(where: { goldRels[$0].optional == true }) || onlyOptional(e.source) || onlyOptional(e.target)
                            || goldRels.contains(where: { g in g.optional == true && ((endMatches(e.source, g.head) && endMatches(e.target, g.tail)) || (endMatches(e.source, g.tail) && endMatches(e.target, g.head))) }) {
                    continue
                } else {
                    score.falsePositives += 1
                    if labeled {
                        // The rule that made the edge, so a reader sees which rule to fix.
                        let rules = Set(e.evidence.compactMap(\.rule)).sorted().joined(separator: ", ")
                        rep.spuriousRelations.append("\(byID[e.source]?.name ?? e.source) -\(e.type.rawValue)-> \(byID[e.target]?.name ?? e.target)"
                                                     + (rules.isEmpty ? "" : "   [rule \(rules)]"))
                    }
                }
            }
            for (i, g) in goldRels.enumerated() where g.optional != true && !used.contains(i) {
                score.falseNegatives += 1
                if labeled { rep.missedRelations.append("\(g.head) -\(g.type)-> \(g.tail)") }
            }
            if labeled { rep.labeledRelations = score } else { rep.relations = score }
        }
        return rep
    }
}
