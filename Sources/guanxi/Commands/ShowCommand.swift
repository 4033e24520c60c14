import ArgumentParser
import Foundation
import GuanxiGraph
import GuanxiText

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
            let graph = try graphOptions.load(around: name, depth: 1, mentions: true)
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
