import ArgumentParser
import Foundation
import GuanxiGraph
import GuanxiText

/// Finds the entity a user names (any alias; Traditional input converted), or fails with the
/// closest names as suggestions and exit code 1.
func resolveEntity(_ graph: KnowledgeGraph, _ name: String) throws -> Entity {
    let simplified = ChineseConverter.shared?.convert(name) ?? name
    if let hit = graph.lookup(name).first ?? graph.lookup(simplified).first { return hit }
    let suggestions = graph.suggestions(for: simplified)
    let hint = suggestions.isEmpty ? "" : "; did you mean: " + suggestions.joined(separator: ", ")
    throw CLIError(message: "no entity named \"\(name)\" in the graph\(hint)", code: 1)
}

func encodeJSON<T: Encodable>(_ value: T) throws -> Data {
    let enc = JSONEncoder()
    enc.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return try enc.encode(value) + Data("\n".utf8)
}

/// An entity as the query commands print it.
struct EntitySummary: Encodable {
    var id: String
    var type: EntityType
    var name: String
    var aliases: [String]
    var posts: [Post]
    init(_ e: Entity) { id = e.id; type = e.type; name = e.name; aliases = e.aliases; posts = e.posts }
    var label: String {
        let post = posts.first.map { "（\($0.title)）" } ?? ""
        return "\(name)\(post) [\(type.rawValue)]"
    }
}

/// `guanxi neighbors`
struct NeighborsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbors",
        abstract: "List the entities related to one, with the relation.",
        discussion: """
        NAME may be any name or alias. Filters: --type keeps entities of that type in the answer,
        --relation follows only those relations, --direction out|in|both.

        Examples:
          guanxi neighbors 陈凯 --graph graphs/seeds.json
          guanxi neighbors 屯留经开区 --depth 2 --type organization --json
        """
    )
    @Argument(help: "The entity's name or alias.") var name: String
    @OptionGroup var graphOptions: GraphOptions
    @Option(help: "Hops to follow.") var depth = 1
    @Option(name: .customLong("type"), help: ArgumentHelp("Only list entities of this type (repeatable).", valueName: "T")) var types: [EntityType] = []
    @Option(name: .customLong("relation"), help: ArgumentHelp("Only follow this relation (repeatable).", valueName: "R")) var relations: [RelationType] = []
    @Option(help: "out, in or both.") var direction: Direction = .both
    @Flag(help: "Print JSON.") var json = false

    func validate() throws { guard depth >= 1 else { throw ValidationError("--depth must be at least 1.") } }

    struct Hit: Encodable {
        var entity: EntitySummary
        var distance: Int
        var relation: RelationType
        var direction: String
        var via: String
        var evidence: [Evidence]
    }

    func run() throws {
        try runReporting {
            let graph = try graphOptions.load()
            let focus = try resolveEntity(graph, name)
            guard let idx = graph.index(of: focus.id) else { return }
            let hits = graph.neighborhood(of: idx, depth: depth,
                                          filter: TraversalFilter(types: Set(types), relations: Set(relations), direction: direction))
            let rows: [Hit] = hits.compactMap { h in
                guard let e = graph.entity(at: h.node), let r = graph.relation(at: h.via.edge), let from = graph.entity(at: h.via.from) else { return nil }
                return Hit(entity: EntitySummary(e), distance: h.distance, relation: r.type,
                           direction: h.via.forward ? "out" : "in", via: from.name, evidence: r.evidence)
            }
            if json {
                struct Out: Encodable { var entity: EntitySummary; var neighbors: [Hit] }
                FileHandle.standardOutput.write(try encodeJSON(Out(entity: EntitySummary(focus), neighbors: rows)))
                return
            }
            print(EntitySummary(focus).label)
            if rows.isEmpty { print("  (no neighbours match)") }
            for row in rows {
                let arrow = row.direction == "out" ? "—\(row.relation.rawValue)→" : "←\(row.relation.rawValue)—"
                let prefix = row.distance > 1 ? "  \(String(repeating: "  ", count: row.distance - 1))\(row.via) " : "  "
                print("\(prefix)\(arrow) \(row.entity.label)")
            }
        }
    }
}

/// `guanxi path`
struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "The shortest chain of relations between two entities.",
        discussion: "Example:\n  guanxi path 陈凯 中大(天津)集团 --graph graphs/seeds.json"
    )
    @Argument(help: "From this entity.") var from: String
    @Argument(help: "To this entity.") var to: String
    @OptionGroup var graphOptions: GraphOptions
    @Flag(help: "Print JSON.") var json = false

    struct StepOut: Encodable {
        var from: String; var relation: RelationType; var to: String; var forward: Bool; var evidence: String?
    }

    func run() throws {
        try runReporting {
            let graph = try graphOptions.load()
            let a = try resolveEntity(graph, from), b = try resolveEntity(graph, to)
            guard let ia = graph.index(of: a.id), let ib = graph.index(of: b.id) else { return }
            guard let steps = graph.shortestPath(from: ia, to: ib) else {
                throw CLIError(message: "\(a.name) and \(b.name) are not connected", code: 1)
            }
            let out: [StepOut] = steps.compactMap { st in
                guard let r = graph.relation(at: st.edge), let f = graph.entity(at: st.from), let t = graph.entity(at: st.to) else { return nil }
                return StepOut(from: f.name, relation: r.type, to: t.name, forward: st.forward, evidence: r.evidence.first?.sentence)
            }
            if json { FileHandle.standardOutput.write(try encodeJSON(out)); return }
            print("\(a.name) → \(b.name): \(out.count) step(s)")
            for st in out {
                print(st.forward ? "  \(st.from) —\(st.relation.rawValue)→ \(st.to)" : "  \(st.from) ←\(st.relation.rawValue)— \(st.to)")
                if let ev = st.evidence { print("      「\(ev)」") }
            }
        }
    }
}

/// `guanxi show`
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "An entity's card: type, aliases, posts, mentions and every relation with its evidence.",
        discussion: "Example:\n  guanxi show 屯留经开区 --graph graphs/seeds.json"
    )
    @Argument(help: "The entity's name or alias.") var name: String
    @OptionGroup var graphOptions: GraphOptions
    @Flag(help: "Print JSON.") var json = false

    struct Card: Encodable {
        var entity: EntitySummary
        var mentions: [Mention]
        var relations: [Relation]
    }

    func run() throws {
        try runReporting {
            let graph = try graphOptions.load()
            let e = try resolveEntity(graph, name)
            guard let idx = graph.index(of: e.id) else { return }
            let rels = (graph.outEdges(of: idx) + graph.inEdges(of: idx)).compactMap { graph.relation(at: $0) }
                .sorted { $0.key < $1.key }
            if json { FileHandle.standardOutput.write(try encodeJSON(Card(entity: EntitySummary(e), mentions: e.mentions, relations: rels))); return }
            print("\(e.name)  [\(e.type.rawValue) \(e.type.chineseLabel)]  id: \(e.id)")
            if !e.aliases.isEmpty { print("aliases: \(e.aliases.joined(separator: "、"))") }
            for p in e.posts { print("post: \(p.title)\(p.organization.map { " (\($0))" } ?? "")") }
            let docs = Set(e.mentions.map(\.document)).sorted()
            print("mentioned \(e.mentions.count) time(s) in \(docs.count) document(s): \(docs.joined(separator: ", "))")
            print("relations (\(rels.count)):")
            for r in rels {
                let other = r.source == e.id ? graph.entity(id: r.target)?.name ?? r.target : graph.entity(id: r.source)?.name ?? r.source
                let arrow = r.source == e.id ? "—\(r.type.rawValue)→ \(other)" : "←\(r.type.rawValue)— \(other)"
                print("  \(arrow)")
                for ev in r.evidence {
                    print("      [\(ev.document)\(ev.date.map { " \($0)" } ?? "") @\(ev.start)-\(ev.end)] \(ev.sentence)")
                }
            }
        }
    }
}

/// `guanxi search`
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Entities whose name or an alias contains TEXT.",
        discussion: "Example:\n  guanxi search 开发区 --type park"
    )
    @Argument(help: "Text to look for.") var text: String
    @OptionGroup var graphOptions: GraphOptions
    @Option(name: .customLong("type"), help: ArgumentHelp("Only entities of this type (repeatable).", valueName: "T")) var types: [EntityType] = []
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try runReporting {
            let graph = try graphOptions.load()
            let q = NameKey.of(ChineseConverter.shared?.convert(text) ?? text)
            let hits = graph.entities.filter { e in
                (types.isEmpty || types.contains(e.type)) && e.allNames.contains { NameKey.of($0).contains(q) }
            }
            if json { FileHandle.standardOutput.write(try encodeJSON(hits.map(EntitySummary.init))); return }
            if hits.isEmpty { print("no entity matches \"\(text)\""); throw ExitCode(1) }
            for e in hits { print(EntitySummary(e).label) }
        }
    }
}

/// `guanxi stats`
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Counts by type, the best-connected entities and the graph's components."
    )
    @OptionGroup var graphOptions: GraphOptions
    @Option(help: "How many top entities to list.") var top = 10
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Print only the names of the top entities, one a line (for scripts).") var names = false

    struct Stats: Encodable {
        var documents: Int; var entities: Int; var relations: Int
        var entitiesByType: [String: Int]; var relationsByType: [String: Int]
        var components: Int; var largestComponent: Int
        var topByDegree: [Ranked]
    }
    struct Ranked: Encodable { var name: String; var type: EntityType; var degree: Int }

    func run() throws {
        try runReporting {
            let graph = try graphOptions.load()
            let comps = graph.connectedComponents()
            let stats = Stats(documents: graph.documents.count, entities: graph.nodeCount, relations: graph.edgeCount,
                              entitiesByType: Dictionary(grouping: graph.entities, by: \.type.rawValue).mapValues(\.count),
                              relationsByType: Dictionary(grouping: graph.edges, by: \.type.rawValue).mapValues(\.count),
                              components: comps.count, largestComponent: comps.first?.count ?? 0,
                              topByDegree: graph.degreeRanking(limit: top).map { Ranked(name: $0.entity.name, type: $0.entity.type, degree: $0.degree) })
            if json { FileHandle.standardOutput.write(try encodeJSON(stats)); return }
            if names { stats.topByDegree.forEach { print($0.name) }; return }
            print("\(stats.documents) documents, \(stats.entities) entities, \(stats.relations) relations")
            print("entities:  " + EntityType.allCases.map { "\($0.rawValue) \(stats.entitiesByType[$0.rawValue] ?? 0)" }.joined(separator: ", "))
            print("relations: " + stats.relationsByType.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            print("components: \(stats.components) (largest \(stats.largestComponent) entities)")
            print("best connected:")
            for row in stats.topByDegree { print("  \(row.degree)  \(row.name) [\(row.type.rawValue)]") }
        }
    }
}

extension ExportFormat: ExpressibleByArgument {}

/// `guanxi export`
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the graph as node-link JSON, GraphML or Neo4j CSV.",
        discussion: """
        json: ANNOTATION.md's node-link form. graphml: for Gephi, yEd, Cytoscape. csv: nodes.csv and
        relationships.csv for `neo4j-admin database import` (-o names the folder; default: the current one).

        Examples:
          guanxi export --graph graphs/seeds.json --format json | python3 -m json.tool
          guanxi export --format csv -o neo4j-import/
        """
    )
    @OptionGroup var graphOptions: GraphOptions
    @Option(help: "json, graphml or csv.") var format: ExportFormat = .json
    @Option(name: .shortAndLong, help: ArgumentHelp("Output file (folder for csv); - or none for standard output.", valueName: "OUT")) var output: String?

    func run() throws {
        try runReporting {
            let graph = try graphOptions.load()
            switch format {
            case .json: try writeOutput(try Exporter.nodeLinkJSON(graph), to: output)
            case .graphml: try writeOutput(Data(Exporter.graphML(graph).utf8), to: output)
            case .csv:
                let dir = (output == nil || output == "-") ? "." : output ?? "."
                let csv = Exporter.neo4jCSV(graph)
                try writeOutput(Data(csv.nodes.utf8), to: (dir as NSString).appendingPathComponent("nodes.csv"))
                try writeOutput(Data(csv.relationships.utf8), to: (dir as NSString).appendingPathComponent("relationships.csv"))
                printError("wrote \(dir)/nodes.csv and \(dir)/relationships.csv")
            }
        }
    }
}
