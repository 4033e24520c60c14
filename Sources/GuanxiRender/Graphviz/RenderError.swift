/// Why a diagram could not be drawn.
public enum RenderError: Error, CustomStringConvertible, Equatable {
    /// Graphviz could not parse the DOT text.
    case syntax(String)
    /// The layout engine failed.
    case layout(engine: String, message: String)
    /// The output plugin failed (or is not installed).
    case render(format: String, message: String)
    /// Graphviz could not create its context (plugins missing).
    case noContext

    public var description: String {
        switch self {
        case .syntax(let m): "Graphviz could not read the diagram: \(m.isEmpty ? "syntax error" : m)"
        case .layout(let engine, let m): "Graphviz layout '\(engine)' failed\(m.isEmpty ? "" : ": \(m)")"
        case .render(let format, let m):
            "Graphviz could not write \(format)\(m.isEmpty ? " (is the plugin installed?)" : ": \(m)")"
        case .noContext: "Graphviz could not start (are its plugins installed? try `dot -c` as root)"
        }
    }
}
