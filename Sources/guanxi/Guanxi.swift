import ArgumentParser
import Foundation
import GuanxiGraph
import GuanxiText

/// The `guanxi` command: a thin layer over the Guanxi libraries.
@main
struct Guanxi: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guanxi",
        abstract: "Build and query a knowledge graph of officials, companies, parks and policies from Chinese news.",
        discussion: """
        The graph is --graph FILE, or $GUANXI_GRAPH, or ./guanxi.db: an SQLite database (any path not ending in .json), or a whole-graph JSON file (paths ending in .json).

        Examples:
          guanxi build seeds
          guanxi neighbors 陈凯
          guanxi render --focus 陈凯 -o chen.svg
          guanxi export --format json > graph.json
        """,
        version: "0.1.0",
        subcommands: [
            BuildCommand.self, ExtractCommand.self, NeighborsCommand.self, PathCommand.self, ShowCommand.self,
            SearchCommand.self, FactsCommand.self, StatsCommand.self, ExportCommand.self, ImportCommand.self,
            EvaluateCommand.self, RulesCommand.self, RenderCommand.self, ReportCommand.self,
            MergeCommand.self, SplitCommand.self, RenameCommand.self, DeleteCommand.self, RetypeCommand.self, WhyCommand.self,
        ]
    )
}

/// The `--graph` option every command shares.
struct GraphOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The graph: an SQLite database, or a .json graph file.", valueName: "FILE"))
    var graph: String?

    /// The path in force: --graph, else $GUANXI_GRAPH, else ./guanxi.db.
    var path: String {
        if let graph { return graph }
        if let env = ProcessInfo.processInfo.environment["GUANXI_GRAPH"], !env.isEmpty { return env }
        return GraphStores.defaultPath
    }

    /// The store at the path in force.
    var store: any GraphStore { GraphStores.open(path) }

    /// Runs a store read, turning store errors into a clean message and exit code 2.
    func reading<T>(_ body: (any GraphStore) throws -> T) throws -> T {
        do { return try body(store) } catch let e as GraphStoreError {
            throw CLIError(message: e.description, code: 2)
        }
    }

    /// The whole graph.
    func load() throws -> KnowledgeGraph { try reading { try $0.loadAll() } }

    /// The entity `name` names (Traditional input converted) and its neighbourhood, `depth` hops.
    func load(around name: String, depth: Int, mentions: Bool = false) throws -> KnowledgeGraph {
        try reading { try $0.neighbourhood(of: variants(name), depth: depth, mentions: mentions) }
    }

    /// The two entities named and a shortest chain of relations between them.
    func load(pathFrom a: String, to b: String) throws -> KnowledgeGraph {
        try reading { try $0.pathGraph(from: variants(a), to: variants(b)) }
    }

    /// The entities a name or alias of which contains `text`.
    func load(searching text: String) throws -> KnowledgeGraph {
        try reading { try $0.search(ChineseConverter.shared?.convert(text) ?? text) }
    }

    /// A name as typed and in Simplified script (as `resolveEntity` tries them).
    func variants(_ name: String) -> [String] {
        let simplified = ChineseConverter.shared?.convert(name) ?? name
        return simplified == name ? [name] : [name, simplified]
    }
}

/// An error the CLI reports as one line on stderr with an exit code.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var code: Int32
    var description: String { message }
}

/// Writes a line to standard error, control characters made visible (``terminalSafe(_:)``);
/// a closed or full standard error is ignored (there is nowhere left to report it).
func printError(_ message: String) {
    _ = OutputFile.writeAll(2, Data((terminalSafe(message) + "\n").utf8))
}

/// Runs a command body, printing a `CLIError` as `guanxi: message` and exiting with its code.
func runReporting(_ body: () throws -> Void) throws {
    do { try body() } catch let e as CLIError {
        printError("guanxi: \(e.message)")
        throw ExitCode(e.code)
    } catch let e as OutputError {
        throw ExitCode(Guanxi.report(e))
    }
}

/// Writes a command's output through ``OutputFile``: to standard output when the path is `-` or
/// nil; a regular file atomically (mode kept, symlinks written through); a device or FIFO in place.
/// `graph` is the graph file in force: an output that is that file (same device and inode, however
/// spelled) is refused before anything is written.
func writeOutput(_ data: Data, to path: String?, graph: String? = nil) throws {
    guard let path, path != "-" else { try writeStandardOutput(data); return }
    try OutputFile.write(data, to: path, protecting: graph.map { [$0] } ?? [])
}

extension EntityType: ExpressibleByArgument {}
extension RelationType: ExpressibleByArgument {}
extension Direction: ExpressibleByArgument {}
