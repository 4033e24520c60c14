import ArgumentParser
import Foundation
import GuanxiGraph
import GuanxiText

/// `guanxi neighbors`
struct NeighborsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbors",
        abstract: "List the entities related to one, with the relation.",
        discussion: """
        NAME may be any name or alias. Filters: --type keeps entities of that type in the answer,
        --relation follows only those relations, --direction out|in|both.

        With --depth 2 or more the answer is the neighbourhood as a list of edges (every edge among the focus and the entities listed, including edges between two neighbours), not a tree. With --within, NAME is a place (a province, city or county: 山西省, 朔州市) and the answer is the entities located within it, placed by their names, stated located_in edges and the gazetteer (derived, not stated relations).

        Examples:
          guanxi neighbors 陈凯 --graph graphs/seeds.json
          guanxi neighbors 屯留经开区 --depth 2 --type organization --json
          guanxi neighbors 山西省 --within --type park
        """
    )
    @Argument(help: "The entity's name or alias.") var name: String
    @OptionGroup var graphOptions: GraphOptions
    @Option(help: "Hops to follow.") var depth = 1
    @Option(name: .customLong("type"), help: ArgumentHelp("Only list entities of this type (repeatable).", valueName: "T")) var types: [EntityType] = []
    @Option(name: .customLong("relation"), help: ArgumentHelp("Only follow this relation (repeatable).", valueName: "R")) var relations: [RelationType] = []
    @Option(help: "out, in or both.") var direction: Direction = .both
    @Flag(help: "List the entities located within the place NAME (province, city or county).") var within = false
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

    struct EdgeOut: Encodable {
        var source: String; var relation: RelationType; var target: String; var evidence: [EvidenceOut]
    }
    struct WithinOut: Encodable { var entity: EntitySummary; var region: Region? }

    func run() throws {
        try runReporting {
            if within { try listWithin(try graphOptions.load()); return }
            let graph = try graphOptions.load(around: name, depth: depth)
            let focus = try resolveEntity(graph, name)
            guard let idx = graph.index(of: focus.id) else { return }
            let hits = graph.neighborhood(of: idx, depth: depth,
                                          filter: TraversalFilter(types: Set(types), relations: Set(relations), direction: direction))
            let rows: [Hit] = hits.compactMap { h in
                guard let e = graph.entity(at: h.node), let r = graph.relation(at: h.via.edge), let from = graph.entity(at: h.via.from) else { return nil }
                return Hit(entity: EntitySummary(e), distance: h.distance, relation: r.type,
                           direction: h.via.forward ? "out" : "in", via: from.name, evidence: r.evidence)
            }
            let filter = TraversalFilter(types: Set(types), relations: Set(relations), direction: direction)
            let edges: [EdgeOut] = depth < 2 ? [] : graph.neighborhoodEdges(of: idx, depth: depth, filter: filter).compactMap { k in
                guard let r = graph.relation(at: k) else { return nil }
                return EdgeOut(source: graph.entity(id: r.source)?.name ?? r.source, relation: r.type,
                               target: graph.entity(id: r.target)?.name ?? r.target, evidence: EvidenceOut.grouped(r.evidence, graph: graph))
            }
            if json {
                struct Out: Encodable { var entity: EntitySummary; var neighbors: [Hit]; var edges: [EdgeOut]? }
                try writeStandardOutput(try encodeJSON(Out(entity: EntitySummary(focus), neighbors: rows, edges: depth < 2 ? nil : edges)))
                return
            }
            print(EntitySummary(focus).label)
            if rows.isEmpty { print("  (no neighbours match)"); return }
            if depth < 2 {
                for row in rows {
                    let arrow = row.direction == "out" ? "—\(row.relation.rawValue)→" : "←\(row.relation.rawValue)—"
                    print("  \(arrow) \(row.entity.label)")
                }
                return
            }
            // A neighbourhood as a list of edges: who is linked to whom, each edge once.
            print("\(rows.count) entit\(rows.count == 1 ? "y" : "ies") within \(depth) hops, \(edges.count) edge(s) among them:")
            for e in edges { print("  \(e.source) —\(e.relation.rawValue)→ \(e.target)") }
        }
    }

    /// `--within`: the entities located within a place.
    func listWithin(_ graph: KnowledgeGraph) throws {
        let place = ChineseConverter.shared?.convert(name) ?? name
        let inside = graph.entities(within: place, types: Set(types))
        if json {
            try writeStandardOutput(try encodeJSON(inside.map { WithinOut(entity: EntitySummary($0), region: $0.region) }))
            return
        }
        if inside.isEmpty {
            let known = graph.entities.contains { $0.region?.isWithin(place) ?? false } || !graph.lookup(place).isEmpty
            throw CLIError(message: known ? "nothing of that type is located within \(name)" : "no entity is located within \(name)", code: 1)
        }
        print("\(name): \(inside.count) entit\(inside.count == 1 ? "y" : "ies") located within (derived)")
        for e in inside {
            print("  \(EntitySummary(e).label)  \(e.region?.label ?? "")  [\(e.region?.how ?? "")]")
        }
    }
}
