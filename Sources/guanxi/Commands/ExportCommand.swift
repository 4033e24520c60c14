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
        json: ANNOTATION.md's node-link form. graphml: for Gephi, yEd, Cytoscape, networkx (documents are nodes too; every evidence sentence is kept). csv: nodes.csv, documents.csv, relationships.csv and mentioned_in.csv for `neo4j-admin database import full` (-o names the folder, default the current one; the command that loads them is printed). CSV cells that a spreadsheet would run as a formula (starting with = + - @) get a leading '. graph: the graph file's JSON (sorted, byte-deterministic:
        diffs cleanly in git; `guanxi import` reads it back into a store).

        Examples:
          guanxi export --graph graphs/seeds.json --format json | python3 -m json.tool
          guanxi export --format csv -o neo4j-import/
        """
    )
    @OptionGroup var graphOptions: GraphOptions
    @Option(help: "json, graphml, csv or graph.") var format: ExportFormat = .json
    @Option(name: .shortAndLong, help: ArgumentHelp("Output file (a folder for csv); - or none for standard output (json, graphml).", valueName: "OUT")) var output: String?
    @Flag(help: "CSV for spreadsheets: start each file with a UTF-8 byte-order mark (Excel).") var excel = false

    func validate() throws {
        if excel && format != .csv { throw ValidationError("--excel applies to --format csv only.") }
        if format == .csv && output == "-" {
            throw ValidationError("--format csv writes four files (nodes.csv, documents.csv, relationships.csv, mentioned_in.csv): give -o FOLDER, not -.")
        }
    }

    func run() throws {
        try runReporting {
            let exporter = format.exporter(excel: excel)
            guard let streaming = exporter as? any StreamingExporter else {
                // The graph file's JSON is encoded whole (GraphFile): it reads the whole graph.
                try writeOutput(try exporter.exportData(graphOptions.load()), to: output, graph: graphOptions.path)
                return
            }
            // The other formats are written a piece at a time as the store reads them.
            try graphOptions.reading { store in
                try store.withReader { source in
                    if streaming.writesFolder {
                        let dir = output ?? "."
                        try OutputFile.writeFolder(names: streaming.fileNames, to: dir, protecting: [graphOptions.path]) { i, sink in
                            try streaming.write(file: i, from: source, to: sink)
                        }
                        printError("wrote \(streaming.fileNames.map { (dir as NSString).appendingPathComponent($0) }.joined(separator: ", "))")
                        printError("load into Neo4j (an empty database) with:\n  \(Neo4jCSVExporter.importCommand(folder: dir))")
                    } else {
                        try StandardOutput.shared.finish()
                        try OutputFile.write(to: output ?? "-", protecting: [graphOptions.path]) { sink in
                            try streaming.write(file: 0, from: source, to: sink)
                        }
                    }
                }
            }
        }
    }
}
