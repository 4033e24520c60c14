import Foundation
import GuanxiGraph

/// Formats a report can be written in.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// One self-contained HTML file, diagrams inline.
    case html
    /// Markdown, diagrams as SVG files beside it.
    case md
}

/// How the report's overview is split into pictures.
public enum OverviewSplit: String, CaseIterable, Sendable {
    /// One picture per connected group of entities, largest first.
    case component
    /// One picture per province (entities placed there by their derived region).
    case province
}

/// Settings of a report.
public struct ReportOptions: Sendable {
    /// How many entities (by degree) get a profile.
    public var topN: Int
    public var labels: LabelLanguage
    public var style: DiagramStyle
    /// Entity cap of the whole-graph diagram (the highest-degree ones are kept).
    public var overviewMaxNodes: Int
    /// Entity cap of each profile's ego diagram.
    public var egoMaxNodes: Int
    /// How the overview is split into pictures.
    public var overviewSplit: OverviewSplit
    /// Most overview pictures drawn (the smaller groups are listed by name).
    public var overviewParts: Int
    /// Entity cap of each overview picture, so it reads at page width.
    public var overviewPartMaxNodes: Int

    public init(topN: Int = 10, labels: LabelLanguage = .zh, style: DiagramStyle = .standard,
                overviewMaxNodes: Int = 150, egoMaxNodes: Int = 40, overviewSplit: OverviewSplit = .component,
                overviewParts: Int = 8, overviewPartMaxNodes: Int = 40) {
        self.topN = topN; self.labels = labels; self.style = style
        self.overviewMaxNodes = overviewMaxNodes; self.egoMaxNodes = egoMaxNodes
        self.overviewSplit = overviewSplit; self.overviewParts = overviewParts; self.overviewPartMaxNodes = overviewPartMaxNodes
    }
}

/// A file a Markdown report refers to, relative to the report's directory.
public struct ReportAsset: Sendable {
    public var relativePath: String
    public var data: Data
}

/// A written report: the main file and, for Markdown, the diagram files beside it.
public struct Report: Sendable {
    public var main: Data
    public var assets: [ReportAsset]
}

/// Builds HTML and Markdown reports of a graph: overview, one section per source document, and
/// profiles of the best-connected entities, each with a diagram drawn by ``GraphvizRenderer``
/// in the same ``DiagramStyle`` as `guanxi render`.
public struct ReportBuilder: Sendable {
    public var graph: KnowledgeGraph
    public var options: ReportOptions

    public init(graph: KnowledgeGraph, options: ReportOptions = .init()) {
        self.graph = graph; self.options = options
    }

    /// Builds the report. For Markdown, diagrams go in `assetDirectory` (relative to the report,
    /// e.g. `report-assets`).
    public func build(format: ReportFormat, assetDirectory: String = "report-assets") throws -> Report {
        let model = ReportModel(graph: graph, options: options)
        switch format {
        case .html:
            return Report(main: Data(try HTMLReportWriter(model: model).write().utf8), assets: [])
        case .md:
            let (text, assets) = try MarkdownReportWriter(model: model, assetDirectory: assetDirectory).write()
            return Report(main: Data(text.utf8), assets: assets)
        }
    }

    /// The HTML report as text.
    public func html() throws -> String {
        try HTMLReportWriter(model: ReportModel(graph: graph, options: options)).write()
    }
}
