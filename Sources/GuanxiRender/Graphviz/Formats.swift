/// Output formats of a diagram.
public enum DiagramFormat: String, CaseIterable, Sendable {
    case svg, png, pdf
    /// The DOT text itself, unlaid-out: `dot -Tsvg` renders it as `svg` would.
    case dot

    /// The format a file name's extension names (`chen.svg` → `.svg`, `.gv` → `.dot`), if any.
    public init?(pathExtension ext: String) {
        let lower = ext.lowercased()
        if lower == "gv" { self = .dot; return }
        self.init(rawValue: lower)
    }

    /// The Graphviz output format name (`svg`, `png`, `pdf`); `nil` for ``dot``.
    var graphvizName: String? {
        switch self {
        case .svg: "svg"
        case .png: "png:cairo"
        case .pdf: "pdf:cairo"
        case .dot: nil
        }
    }
}

/// Graphviz layout engines.
public enum LayoutEngine: String, CaseIterable, Sendable {
    case dot, neato, fdp, sfdp, circo, twopi

    /// Largest node count `dot` is picked for when no engine is given.
    public static let automaticThreshold = 150

    /// The engine picked by size: `dot` for up to ``automaticThreshold`` nodes, `sfdp` above.
    public static func automatic(nodeCount: Int) -> LayoutEngine {
        nodeCount <= automaticThreshold ? .dot : .sfdp
    }

    /// Most disconnected pieces `dot` is picked for: it stacks pieces in one column (a strip),
    /// so a drawing of more pieces goes to `neato`, which packs them into a page.
    public static let maxDotComponents = 3

    /// The engine picked by size and shape: `sfdp` above ``automaticThreshold`` nodes, `neato`
    /// for a drawing of more than ``maxDotComponents`` disconnected pieces, `dot` otherwise.
    public static func automatic(nodeCount: Int, components: Int) -> LayoutEngine {
        if nodeCount > automaticThreshold { return .sfdp }
        return components > maxDotComponents ? .neato : .dot
    }

    /// Largest drawing `dot` is expected to lay out in seconds; above it a forced `dot` gets a warning.
    public static let dotWarningThreshold = 600

    /// A warning for an engine given by the user that will be slow on `nodeCount` entities
    /// (`dot` on thousands takes minutes), naming what to do instead; nil when none is needed.
    public static func slowLayoutWarning(_ engine: LayoutEngine, nodeCount: Int) -> String? {
        guard engine != .sfdp, nodeCount > dotWarningThreshold else { return nil }
        return "\(engine.rawValue) on \(nodeCount) entities may take minutes; leave out --layout (sfdp is picked above \(automaticThreshold)) or cut the drawing with --max-nodes"
    }

    /// Whether the engine lays out clusters (the legend is a cluster for these).
    var drawsClusters: Bool { self == .dot || self == .fdp }
}

/// Which language relation and type names are written in.
public enum LabelLanguage: String, CaseIterable, Sendable {
    /// Chinese (`任职`, `官员`): ``RelationType/chineseLabel``.
    case zh
    /// English raw values (`holds_post`, `official`).
    case en
}
