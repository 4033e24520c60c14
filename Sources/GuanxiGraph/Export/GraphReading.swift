import Foundation

/// An entity as the exporters read it: the entity (its mentions not needed), its degree and how
/// often it is mentioned in each document the graph holds.
public struct EntityRecord: Sendable {
    public var entity: Entity
    /// Relations touching it (both directions).
    public var degree: Int
    /// (document, mentions), documents in id order; only documents the graph holds.
    public var mentionCounts: [(document: String, count: Int)]

    public init(entity: Entity, degree: Int, mentionCounts: [(document: String, count: Int)]) {
        self.entity = entity; self.degree = degree; self.mentionCounts = mentionCounts
    }
}

/// A graph read in order, one piece at a time: what the exporters write from. An in-memory
/// ``KnowledgeGraph`` is one; ``SQLiteGraphStore`` gives one that streams from its tables
/// (``GraphStore/withReader(_:)``), so an export needs memory for one piece, not the graph.
public protocol GraphReading {
    /// Documents in id order.
    func forEachDocument(_ body: (DocumentRecord) throws -> Void) throws
    /// Entities in id order (``KnowledgeGraph/entities``). `mentions`: fill
    /// ``EntityRecord/mentionCounts`` (else empty).
    func forEachEntity(mentions: Bool, _ body: (EntityRecord) throws -> Void) throws
    /// Relations in key order (``KnowledgeGraph/edges``), evidence sorted.
    func forEachRelation(_ body: (Relation) throws -> Void) throws
}

extension KnowledgeGraph: GraphReading {
    public func forEachDocument(_ body: (DocumentRecord) throws -> Void) throws {
        for d in documentList { try body(d) }
    }

    public func forEachEntity(mentions: Bool, _ body: (EntityRecord) throws -> Void) throws {
        for e in entities {
            var counts: [(document: String, count: Int)] = []
            if mentions {
                var byDocument: [String: Int] = [:]
                for m in e.mentions { byDocument[m.document, default: 0] += 1 }
                counts = byDocument.keys.sorted().filter { documents[$0] != nil }.map { ($0, byDocument[$0] ?? 0) }
            }
            try body(EntityRecord(entity: e, degree: index(of: e.id).map(degree(of:)) ?? 0, mentionCounts: counts))
        }
    }

    public func forEachRelation(_ body: (Relation) throws -> Void) throws {
        for r in edges { try body(r) }
    }
}

/// An exporter that writes from a ``GraphReading`` into sinks, a piece at a time: what
/// `guanxi export` streams from the store with. ``Exporter/export(_:)`` is the same bytes in memory.
public protocol StreamingExporter: Exporter {
    /// The files it writes, in order (one for a single-stream format).
    var fileNames: [String] { get }
    /// Writes the file `fileNames[index]` of the graph `source` into `sink`.
    func write(file index: Int, from source: any GraphReading, to sink: OutputSink) throws
}

extension StreamingExporter {
    public func export(_ graph: KnowledgeGraph) throws -> [ExportedFile] {
        try fileNames.indices.map { i in
            let sink = OutputSink()
            try write(file: i, from: graph, to: sink)
            return ExportedFile(name: fileNames[i], data: sink.data)
        }
    }
}

/// Writes pretty-printed JSON (`JSONEncoder`'s `.prettyPrinted`, `.sortedKeys`,
/// `.withoutEscapingSlashes`) a value at a time: an array's elements are encoded one by one and
/// indented as the encoder indents a nested value, so the bytes equal encoding the whole at once.
public struct PrettyJSONArrayWriter {
    let encoder: JSONEncoder
    /// Nesting depth of the array (its elements are one deeper).
    let depth: Int
    let sink: OutputSink
    private var count = 0
    private let pad: [UInt8]

    /// An array at nesting `depth` (0 for a whole document) written into `sink`.
    public init(depth: Int, sink: OutputSink) {
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        self.depth = depth; self.sink = sink
        pad = Array(repeating: UInt8(ascii: " "), count: 2 * (depth + 1))
    }

    /// Writes the next element.
    public mutating func append<T: Encodable>(_ value: T) throws {
        try sink.write(count == 0 ? "[\n" : ",\n")
        count += 1
        try sink.write(Self.indented(try encoder.encode(value), pad: pad))
    }

    /// Each line that is not empty gets `pad` in front (the encoder leaves empty lines, those of
    /// empty arrays and objects, without indentation).
    static func indented(_ json: Data, pad: [UInt8]) -> Data {
        var out = Data()
        out.reserveCapacity(json.count + json.count / 4)
        var lineStart = true
        for byte in json {
            if lineStart, byte != 0x0A { out.append(contentsOf: pad) }
            out.append(byte)
            lineStart = byte == 0x0A
        }
        return out
    }

    /// Closes the array (`[`, an empty line and `]` when it is empty, as the encoder writes it).
    public func finish() throws {
        let pad = String(repeating: "  ", count: depth)
        try sink.write(count == 0 ? "[\n\n" + pad + "]" : "\n" + pad + "]")
    }
}
