import ArgumentParser
import Foundation
import GuanxiGraph
import GuanxiRender

extension LayoutEngine: ExpressibleByArgument {}
extension DiagramFormat: ExpressibleByArgument {}
extension LabelLanguage: ExpressibleByArgument {}
extension ClusterMode: ExpressibleByArgument {}

/// `guanxi render`: draws the graph, or a focus's neighbourhood, with Graphviz (in-process).
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the graph (or part of it) as SVG, PNG, PDF or DOT.",
        discussion: """
        Without --layout, dot draws graphs of up to \(LayoutEngine.automaticThreshold) entities (neato when they fall into more than \(LayoutEngine.maxDotComponents) unconnected pieces, which dot would stack into a strip) and sfdp larger ones; a layout given for more than \(LayoutEngine.dotWarningThreshold) entities (other than sfdp) prints a warning first. Edges are routed around nodes (splines) by dot, neato and fdp; sfdp draws straight edges. The format follows OUT's extension unless --format is given; -o - writes to standard output.

        Examples:
          guanxi render --graph graphs/seeds.json --focus 陈凯 --depth 2 -o chen.svg
          guanxi render --type official --type company --max-nodes 80 -o officials.png
          guanxi render --component 1 --max-nodes 40 -o group1.png
        """
    )

    @OptionGroup var graphOptions: GraphOptions

    @Option(help: ArgumentHelp("Centre on this entity (name or alias).", valueName: "NAME"))
    var focus: String?

    @Option(help: "Hops from the focus.")
    var depth: Int = 1

    @Option(name: .customLong("type"), help: ArgumentHelp("Only draw entities of this type (repeatable).", valueName: "T"))
    var types: [EntityType] = []

    @Option(name: .customLong("relation"), help: ArgumentHelp("Only draw relations of this type (repeatable).", valueName: "R"))
    var relations: [RelationType] = []

    @Option(help: ArgumentHelp("Keep at most N entities: the focus and the N-1 highest-degree others.", valueName: "N"))
    var maxNodes: Int?

    @Option(help: ArgumentHelp("Layout engine: \(LayoutEngine.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "ENGINE"))
    var layout: LayoutEngine?

    @Option(help: ArgumentHelp("Output format: svg, png, pdf or dot.", valueName: "FORMAT"))
    var format: DiagramFormat?

    @Option(help: "Language of relation and type names: zh or en.")
    var labels: LabelLanguage = .zh

    @Option(help: ArgumentHelp("Make nodes links: {id} (anchor), {name}, {type} are filled in, e.g. '#entity-{id}'.", valueName: "T"))
    var urlTemplate: String?

    @Flag(help: "Leave out entities without relations (whole-graph drawings).")
    var hideIsolated = false

    @Option(help: ArgumentHelp("Draw only the K-th largest connected group of entities (1 = largest), so a big graph can be printed one readable picture at a time.", valueName: "K"))
    var component: Int?

    @Option(help: "Group nodes in boxes: none, park (a park with what lies in it) or type (dot and fdp layouts).")
    var cluster: ClusterMode = .none

    @Option(name: .shortAndLong, help: ArgumentHelp("Output file, or - for standard output.", valueName: "OUT"))
    var output: String

    func validate() throws {
        guard depth >= 0 else { throw ValidationError("--depth must be 0 or more.") }
        if let maxNodes, maxNodes < 1 { throw ValidationError("--max-nodes must be at least 1.") }
        if let component, component < 1 { throw ValidationError("--component must be at least 1.") }
        if component != nil, focus != nil { throw ValidationError("--component and --focus do not go together.") }
    }

    func run() throws {
        try runReporting {
            var graph = try focus.map { try graphOptions.load(around: $0, depth: depth, mentions: true) } ?? graphOptions.load()
            let format = try resolvedFormat()
            if let component {
                let groups = graph.connectedComponents()
                guard component <= groups.count else {
                    throw CLIError(message: "the graph has \(groups.count) connected group(s); --component \(component) is past the last", code: 1)
                }
                graph = graph.subgraph(nodeIDs: Set(groups[component - 1]))
            }
            var focusID: String?
            if let focus { focusID = try resolveEntity(graph, focus).id }
            let query = DiagramQuery(focus: focusID, depth: depth, types: Set(types),
                                     relations: Set(relations), maxNodes: maxNodes, hideIsolated: hideIsolated)
            let diagram = Diagram.select(from: graph, query: query)
            if let summary = diagram.omissionSummary { printError("guanxi: --max-nodes \(maxNodes ?? 0): \(summary)") }
            var options = DOTOptions(engine: layout, labels: labels)
            options.cluster = cluster
            if let urlTemplate {
                let template = URLTemplate(urlTemplate)
                options.nodeURL = { @Sendable (entity: Entity) -> String? in template.url(for: entity) }
            }
            if let layout, format != .dot, let warning = LayoutEngine.slowLayoutWarning(layout, nodeCount: diagram.graph.nodeCount) {
                printError("guanxi: warning: \(warning)")
            }
            let drawn: RenderedDiagram
            do { drawn = try GraphvizRenderer.shared.render(diagram, format: format, options: options) } catch let e as RenderError {
                throw CLIError(message: e.description, code: 2)
            }
            if drawn.engineWasPicked, format != .dot {
                printError("guanxi: layout \(drawn.engine.rawValue) (\(diagram.graph.nodeCount) entities, \(diagram.graph.edgeCount) relations)")
            }
            try writeOutput(drawn.data, to: output, graph: graphOptions.path)
        }
    }

    /// --format, else OUT's extension, else SVG for standard output.
    func resolvedFormat() throws -> DiagramFormat {
        if let format { return format }
        if output == "-" { return .svg }
        let ext = URL(fileURLWithPath: output).pathExtension
        guard let f = DiagramFormat(pathExtension: ext) else {
            throw CLIError(message: "cannot tell the format from '\(output)': give --format svg|png|pdf|dot", code: 1)
        }
        return f
    }
}
