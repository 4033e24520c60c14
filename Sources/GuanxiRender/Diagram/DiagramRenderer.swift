import Foundation

/// A drawn diagram and the engine that laid it out.
public struct RenderedDiagram: Sendable {
    public var data: Data
    public var format: DiagramFormat
    public var engine: LayoutEngine
    /// True when the engine was picked by size rather than given.
    public var engineWasPicked: Bool
}

extension GraphvizRenderer {
    /// Writes a diagram as DOT and draws it: the step `guanxi render` and reports share.
    public func render(_ diagram: Diagram, format: DiagramFormat, options: DOTOptions = .init()) throws -> RenderedDiagram {
        let engine = options.engine ?? .automatic(nodeCount: diagram.graph.nodeCount,
                                                  components: diagram.graph.connectedComponents().count)
        var resolved = options
        resolved.engine = engine
        let dot = DOTWriter.write(diagram, options: resolved)
        let data = try render(dot: dot, format: format, engine: engine)
        return RenderedDiagram(data: data, format: format, engine: engine, engineWasPicked: options.engine == nil)
    }
}
