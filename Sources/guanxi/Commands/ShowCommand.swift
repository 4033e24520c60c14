import ArgumentParser
import Foundation
import GuanxiGraph
import GuanxiText

/// `guanxi show`
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "An entity's card: type, aliases, posts, where it lies, the documents naming it and every relation with its evidence.",
        discussion: """
        Identical evidence sentences are printed once with a count (×N); every sentence is followed by the headline, id and date of its document. The region line is derived (from the name, a stated located_in, or the gazetteer), never a stated relation.

        Example:
          guanxi show 屯留经开区 --graph graphs/seeds.json
        """
    )
    @Argument(help: "The entity's name or alias.") var name: String
    @OptionGroup var graphOptions: GraphOptions
    @Flag(help: "Print JSON.") var json = false

    struct DocumentOut: Encodable {
        var id: String; var title: String?; var date: String?; var source: String?; var mentions: Int
    }
    struct Card: Encodable {
        var entity: EntitySummary
        var region: Region?
        var documents: [DocumentOut]
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
            let counts = Dictionary(grouping: e.mentions, by: \.document).mapValues(\.count)
            let docs = counts.keys.sorted().map { id in
                let d = graph.documents[id]
                return DocumentOut(id: id, title: d?.title, date: d?.date, source: d?.origin, mentions: counts[id] ?? 0)
            }
            if json {
                try writeStandardOutput(try encodeJSON(Card(entity: EntitySummary(e), region: e.region, documents: docs,
                                                                    mentions: e.mentions, relations: rels)))
                return
            }
            print("\(e.name)  [\(e.type.rawValue) \(e.type.chineseLabel)]  id: \(e.id)")
            if !e.aliases.isEmpty { print("aliases: \(e.aliases.joined(separator: "、"))") }
            for p in e.posts {
                let extra = [p.organization, p.status.map(\.rawValue), p.date].compactMap { $0 }
                print("post: \(p.title)\(extra.isEmpty ? "" : " (\(extra.joined(separator: ", ")))")")
            }
            if let r = e.region { print("region: \(r.label) (derived from \(r.how))") }
            print("mentioned \(e.mentions.count) time(s) in \(docs.count) document(s):")
            for d in docs {
                let when = d.date.map { "  \($0)" } ?? ""
                print("  \(oneLine(d.id))\(when)  \(oneLine(d.title ?? "(untitled)"))  ×\(d.mentions)")
            }
            print("relations (\(rels.count)):")
            for r in rels {
                let other = r.source == e.id ? graph.entity(id: r.target)?.name ?? r.target : graph.entity(id: r.source)?.name ?? r.source
                let arrow = r.source == e.id ? "—\(r.type.rawValue)→ \(other)" : "←\(r.type.rawValue)— \(other)"
                print("  \(arrow)")
                for ev in EvidenceOut.grouped(r.evidence, graph: graph) {
                    for line in ev.lines(indent: "      ") { print(line) }
                }
            }
        }
    }
}
