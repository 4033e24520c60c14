import CGraphviz
import Foundation

/// Draws DOT text with libgvc, in-process (never by running `dot`).
///
/// Graphviz keeps global state and is not thread-safe, so one shared instance owns the single
/// Graphviz context and serialises every call behind a lock; it is safe to use from any thread,
/// any number of times. Every C resource (graph, layout, output buffer) is freed on every path.
public final class GraphvizRenderer: @unchecked Sendable {
    /// The one renderer of the process.
    public static let shared = GraphvizRenderer()

    private let lock = NSLock()
    /// Created on first use, kept for the life of the process. Guarded by `lock`.
    private var context: OpaquePointer?

    private init() {}

    /// Renders DOT text in `format` with `engine`. For ``DiagramFormat/dot`` the text is checked
    /// (parsed by cgraph) and returned as is.
    public func render(dot: String, format: DiagramFormat, engine: LayoutEngine) throws -> Data {
        guard let name = format.graphvizName else {
            try validate(dot: dot)
            return Data(dot.utf8)
        }
        return try withGraph(dot) { gvc, graph in
            gx_reseed(1)
            guard gx_layout(gvc, graph, engine.rawValue) == 0, gx_errors() < 1 else {
                gx_free_layout(gvc, graph)
                throw RenderError.layout(engine: engine.rawValue, message: ErrorSink.shared.take())
            }
            defer { gx_free_layout(gvc, graph) }
            var buffer: UnsafeMutablePointer<CChar>?
            var length: UInt32 = 0
            let rc = gx_render(gvc, graph, name, &buffer, &length)
            defer { if let buffer { gx_free_data(buffer) } }
            guard rc == 0, let buffer, length > 0 else {
                throw RenderError.render(format: format.rawValue, message: ErrorSink.shared.take())
            }
            return Data(bytes: buffer, count: Int(length))
        }
    }

    /// Checks that cgraph accepts DOT text, throwing ``RenderError/syntax(_:)`` when not.
    public func validate(dot: String) throws {
        try withGraph(dot) { _, _ in }
    }

    /// Parses `dot` under the lock, runs `body`, and closes the graph whatever happens.
    private func withGraph<T>(_ dot: String, _ body: (OpaquePointer, UnsafeMutablePointer<Agraph_t>) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        let gvc = try contextLocked()
        ErrorSink.shared.reset()
        gx_reset_errors()
        guard let graph = gx_read(dot) else {
            throw RenderError.syntax(ErrorSink.shared.take())
        }
        defer { gx_close(graph) }
        if gx_errors() >= 1 { throw RenderError.syntax(ErrorSink.shared.take()) }
        return try body(gvc, graph)
    }

    private func contextLocked() throws -> OpaquePointer {
        if let context { return context }
        gx_capture_errors { message in
            if let message { ErrorSink.shared.append(String(cString: message)) }
            return 0
        }
        guard let gvc = gx_context() else { throw RenderError.noContext }
        context = gvc
        return gvc
    }
}

/// Collects Graphviz's messages while one call runs. Only touched under the renderer's lock
/// (Graphviz calls the handler synchronously from within those calls).
final class ErrorSink: @unchecked Sendable {
    static let shared = ErrorSink()
    private var text = ""

    func reset() { text = "" }
    func append(_ piece: String) { if text.utf8.count < 8192 { text += piece } }

    /// The messages so far as one line, and clears them.
    func take() -> String {
        defer { text = "" }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
    }
}
