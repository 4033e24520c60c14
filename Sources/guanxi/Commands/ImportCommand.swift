import ArgumentParser
import Foundation
import GuanxiGraph

/// `guanxi import`: a JSON graph file into a new SQLite graph.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Copy a JSON graph file (as `export --format graph` writes it) into a new SQLite graph.",
        discussion: """
        The graph is copied exactly (ids, names, posts, mentions, edges, evidence); the SQLite graph must be new or empty. Exit 2 when the JSON file is missing or damaged (it is named) or the database holds a graph already.

        Example:
          guanxi import graphs/seeds.json --graph seeds.db
        """
    )
    @Argument(help: "The JSON graph file.") var file: String
    @OptionGroup var graphOptions: GraphOptions

    func run() throws {
        try runReporting {
            guard let store = graphOptions.store as? SQLiteGraphStore else {
                throw CLIError(message: "\(graphOptions.path): import writes an SQLite graph; give --graph FILE.db", code: 2)
            }
            do {
                let graph = try GraphFile.load(file)
                try store.importGraph(graph)
                print("\(graphOptions.path): imported \(graph.documents.count) documents, \(graph.nodeCount) entities, \(graph.edgeCount) relations from \(file)")
            } catch let e as GraphStoreError {
                throw CLIError(message: e.description, code: 2)
            }
        }
    }
}
