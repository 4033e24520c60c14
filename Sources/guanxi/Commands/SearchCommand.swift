import ArgumentParser
import Foundation
import GuanxiGraph
import GuanxiText

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
            let graph = try graphOptions.load(searching: text)
            let q = NameKey.of(ChineseConverter.shared?.convert(text) ?? text)
            let hits = graph.entities.filter { e in
                (types.isEmpty || types.contains(e.type)) && e.allNames.contains { NameKey.of($0).contains(q) }
            }
            if json { try writeStandardOutput(try encodeJSON(hits.map(EntitySummary.init))); return }
            if hits.isEmpty { print("no entity matches \"\(text)\""); throw ExitCode(1) }
            for e in hits { print(EntitySummary(e).label) }
        }
    }
}
