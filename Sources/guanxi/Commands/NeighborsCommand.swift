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
