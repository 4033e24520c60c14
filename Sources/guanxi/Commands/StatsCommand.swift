import ArgumentParser
import Foundation
import GuanxiGraph
import GuanxiText

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

    func validate() throws {
        guard top >= 0 else { throw ValidationError("--top must be 0 or more.") }
    }

    func run() throws {
        try runReporting {
            let s = try graphOptions.reading { try $0.statistics(top: top) }
            let stats = Stats(documents: s.counts.documents, entities: s.counts.entities, relations: s.counts.relations,
                              entitiesByType: s.counts.entitiesByType, relationsByType: s.counts.relationsByType,
                              components: s.components, largestComponent: s.largestComponent,
                              topByDegree: s.topByDegree.map { Ranked(name: $0.entity.name, type: $0.entity.type, degree: $0.degree) })
            if json { try writeStandardOutput(try encodeJSON(stats)); return }
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
