import ArgumentParser
import Foundation
import GuanxiGraph
import GuanxiRender

extension ReportFormat: ExpressibleByArgument {}
extension OverviewSplit: ExpressibleByArgument {}

/// `guanxi report`: an HTML or Markdown report with diagrams drawn in-process.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML or Markdown report: overview, key findings, timeline, provinces, one section per document, profiles.",
        discussion: """
        HTML is one self-contained file (diagrams inline, nodes link to profiles). Markdown puts its diagrams in OUT-assets/ beside OUT. The format follows OUT's extension unless --format is given.

        The overview is one picture per connected group of entities (--overview component, the default) or per province (--overview province), each cut to --overview-max-nodes entities so it reads at page width. Key findings: the most active officials, the parks with most signings, policies and lists with who is selected into them, entities shared across documents; then a timeline of the documents and the entities grouped by province.

        Example:
          guanxi report --graph graphs/seeds.json --top 15 -o report.html
        """
    )

    @OptionGroup var graphOptions: GraphOptions

    @Option(help: "Report format: html or md.")
    var format: ReportFormat?

    @Option(help: ArgumentHelp("Profile the N best-connected entities.", valueName: "N"))
    var top: Int = 10

    @Option(help: "Language of relation and type names: zh or en.")
    var labels: LabelLanguage = .zh

    @Option(help: "Split the overview into one picture per connected group (component) or per province.")
    var overview: OverviewSplit = .component

    @Option(help: ArgumentHelp("Entities per overview picture (the highest-degree ones are kept).", valueName: "N"))
    var overviewMaxNodes: Int = 40

    @Option(name: .shortAndLong, help: ArgumentHelp("Output file, or - for standard output (HTML only).", valueName: "OUT"))
    var output: String

    func validate() throws {
        guard top >= 0 else { throw ValidationError("--top must be 0 or more.") }
        guard overviewMaxNodes >= 1 else { throw ValidationError("--overview-max-nodes must be at least 1.") }
    }

    func run() throws {
        try runReporting {
            let graph = try graphOptions.load()
            let format = try resolvedFormat()
            let url = URL(fileURLWithPath: output)
            let assetDir = url.deletingPathExtension().lastPathComponent + "-assets"
            if format == .md, output == "-" {
                throw CLIError(message: "a Markdown report writes diagram files beside it: give -o FILE.md", code: 1)
            }
            let report: Report
            do {
                report = try ReportBuilder(graph: graph, options: ReportOptions(topN: top, labels: labels, overviewSplit: overview, overviewPartMaxNodes: overviewMaxNodes))
                    .build(format: format, assetDirectory: assetDir)
            } catch let e as RenderError {
                throw CLIError(message: e.description, code: 2)
            }
            let base = url.deletingLastPathComponent()
            for asset in report.assets {
                let path = base.appendingPathComponent(asset.relativePath)
                do {
                    try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
                } catch {
                    throw CLIError(message: "cannot create \(path.deletingLastPathComponent().path): \(error.localizedDescription)", code: 2)
                }
                try writeOutput(asset.data, to: path.path, graph: graphOptions.path)
            }
            try writeOutput(report.main, to: output, graph: graphOptions.path)
        }
    }

    func resolvedFormat() throws -> ReportFormat {
        if let format { return format }
        if output == "-" { return .html }
        switch URL(fileURLWithPath: output).pathExtension.lowercased() {
        case "html", "htm", "xhtml": return .html
        case "md", "markdown": return .md
        default: throw CLIError(message: "cannot tell the format from '\(output)': give --format html|md", code: 1)
        }
    }
}
