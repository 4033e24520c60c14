import ArgumentParser
import Foundation
import GuanxiGraph
import GuanxiText

extension ExportFormat: ExpressibleByArgument {}

/// `guanxi export`
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the graph as node-link JSON, GraphML, Neo4j CSV or the graph file's JSON.",
        discussion: """
        json: ANNOTATION.md's node-link form. graphml: for Gephi, yEd, Cytoscape. csv: nodes.csv and
        relationships.csv for `neo4j-admin database import` (-o names the folder; default: the current one).
        graph: the graph file's JSON (sorted, byte-deterministic: diffs cleanly in git; `guanxi import` reads it).

        Examples:
          guanxi export --graph graphs/seeds.json --format json | python3 -m json.tool
          guanxi export --format csv -o neo4j-import/
        """
    )
    @OptionGroup var graphOptions: GraphOptions
    @Option(help: "json, graphml, csv or graph.") var format: ExportFormat = .json
    @Option(name: .shortAndLong, help: ArgumentHelp("Output file (folder for csv); - or none for standard output.", valueName: "OUT")) var output: String?

    func run() throws {
        try runReporting {
            let graph = try graphOptions.load()
            switch format {
            case .json: try writeOutput(try Exporter.nodeLinkJSON(graph), to: output)
            case .graphml: try writeOutput(Data(Exporter.graphML(graph).utf8), to: output)
            case .graph: try writeOutput(try GraphFile.encode(graph), to: output)
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
