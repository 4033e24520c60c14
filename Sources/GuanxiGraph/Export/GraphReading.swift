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
/// `.withoutEscapingSlashes`) a few hundred elements at a time: each batch is encoded as an array
/// and its elements indented as the encoder indents a nested value, so the bytes equal encoding
/// the whole array at once.
public struct PrettyJSONArrayWriter<Element: Encodable> {
    let encoder: JSONEncoder
    /// Nesting depth of the array (its elements are one deeper).
    let depth: Int
    let sink: OutputSink
    private var written = 0
    private var batch: [Element] = []
    private let pad: [UInt8]

    /// An array at nesting `depth` (0 for a whole document) written into `sink`.
    public init(depth: Int, sink: OutputSink) {
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        self.depth = depth; self.sink = sink
        pad = Array(repeating: UInt8(ascii: " "), count: 2 * depth)
    }

    /// Adds the next element (written when its batch is full).
    public mutating func append(_ value: Element) throws {
        batch.append(value)
        if batch.count >= 256 { try flush() }
    }

    private mutating func flush() throws {
        guard !batch.isEmpty else { return }
        // `[\n` + the elements, each indented one level, joined by `,\n` + `\n]`.
        let encoded = try encoder.encode(batch)
        let inner = encoded.dropFirst(2).dropLast(2)
        try sink.write(written == 0 ? "[\n" : ",\n")
        try sink.write(Self.indented(inner, pad: pad))
        written += batch.count
        batch.removeAll(keepingCapacity: true)
    }

    /// Each line that is not empty gets `pad` in front (the encoder leaves empty lines, those of
    /// empty arrays and objects, without indentation).
    static func indented(_ json: Data, pad: [UInt8]) -> Data {
        if pad.isEmpty { return json }
        var out = [UInt8]()
        out.reserveCapacity(json.count + json.count / 4)
        json.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var start = 0
            while start < raw.count {
                var end = start
                while end < raw.count, raw[end] != 0x0A { end += 1 }
                if end > start { out.append(contentsOf: pad) }
                out.append(contentsOf: raw[start..<min(end + 1, raw.count)])
                start = end + 1
            }
        }
        return Data(out)
    }

    /// Writes what is left and closes the array (`[`, an empty line and `]` when it is empty, as
    /// the encoder writes it).
    public mutating func finish() throws {
        try flush()
        let pad = String(repeating: "  ", count: depth)
        try sink.write(written == 0 ? "[\n\n" + pad + "]" : "\n" + pad + "]")
    }
}
