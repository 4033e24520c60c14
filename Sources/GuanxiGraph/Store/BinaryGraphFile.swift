import Foundation

/// The compact graph file (`.gxb`): the same content as the JSON file, as a string table and
/// fixed-width records, so a graph of a million edges loads in about a second instead of a
/// minute. JSON stays the default and the export; ``GraphStore`` picks this form for paths that
/// end in `.gxb` and recognises it by its magic bytes when reading.
///
/// Layout (little-endian): `"GXB1"`, u32 schema version, then sections, each a u32 count and its
/// records — strings (u32 byte length + UTF-8), documents, nodes, edges. Every string is stored
/// once and referred to by its u32 index (`0xFFFFFFFF` for none), so a sentence that states
/// three relations, or a document id quoted by a thousand mentions, costs four bytes each time.
/// Nodes carry their comparison keys (``NameKey``), so loading computes no normalisation. Nodes
/// are in id order and edges in key order, so the same graph always gives the same bytes.
enum BinaryGraphFile {
    static let magic: [UInt8] = Array("GXB1".utf8)
    static let none: UInt32 = 0xFFFF_FFFF

    static func isBinary(_ data: Data) -> Bool { data.count >= 4 && data.prefix(4).elementsEqual(magic) }

    // MARK: - Writing

    struct Writer {
        var out: [UInt8] = []
        var strings: [String: UInt32] = [:]
        var table: [String] = []

        mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        mutating func int(_ v: Int) { withUnsafeBytes(of: Int64(v).littleEndian) { out.append(contentsOf: $0) } }
        mutating func u8(_ v: UInt8) { out.append(v) }
        mutating func ref(_ s: String) -> UInt32 {
            if let k = strings[s] { return k }
            let k = UInt32(table.count)
            strings[s] = k; table.append(s)
            return k
        }
        mutating func str(_ s: String) { u32(ref(s)) }
        mutating func opt(_ s: String?) { if let s { str(s) } else { u32(BinaryGraphFile.none) } }
        mutating func list(_ l: [String]) { u32(UInt32(l.count)); for s in l { str(s) } }
    }

    static func encode(_ graph: KnowledgeGraph, schemaVersion: Int) -> Data {
        var body = Writer()
        body.out.reserveCapacity(1 << 20)
        let docs = graph.documentList
        body.u32(UInt32(docs.count))
        for d in docs {
            body.str(d.id); body.str(d.path); body.str(d.sha256); body.str(d.encoding); body.str(d.format)
            body.int(d.length); body.opt(d.title); body.list(d.byline)
            body.u32(UInt32(d.articles.count))
            for a in d.articles {
                body.opt(a.title); body.list(a.byline); body.opt(a.dateline); body.opt(a.date)
                body.int(a.start); body.int(a.end)
            }
        }
        let entities = graph.entities
        var position: [String: UInt32] = [:]
        position.reserveCapacity(entities.count)
        for (k, e) in entities.enumerated() { position[e.id] = UInt32(k) }
        body.u32(UInt32(entities.count))
        for e in entities {
            body.str(e.id); body.u8(UInt8(EntityType.allCases.firstIndex(of: e.type)!)); body.str(e.name)
            body.list(e.aliases)
            var keys: [String] = []
            for name in e.allNames { let k = NameKey.of(name); if !keys.contains(k) { keys.append(k) } }
            body.list(keys)
            body.u32(UInt32(e.posts.count))
            for p in e.posts { body.str(p.title); body.opt(p.organization) }
            body.u32(UInt32(e.mentions.count))
            for m in e.mentions { body.str(m.document); body.int(m.start); body.int(m.end); body.str(m.text) }
        }
        let edges = graph.edges
        body.u32(UInt32(edges.count))
        for r in edges {
            body.u32(position[r.source]!); body.u8(UInt8(RelationType.allCases.firstIndex(of: r.type)!)); body.u32(position[r.target]!)
            body.u32(UInt32(r.evidence.count))
            for ev in r.evidence {
                body.str(ev.document); body.str(ev.sentence); body.int(ev.start); body.int(ev.end); body.opt(ev.date)
            }
        }
        var head = Writer()
        head.out.append(contentsOf: magic)
        head.u32(UInt32(schemaVersion))
        head.u32(UInt32(body.table.count))
        for s in body.table {
            var s = s
            s.withUTF8 { b in head.u32(UInt32(b.count)); head.out.append(contentsOf: b) }
        }
        return Data(head.out) + Data(body.out)
    }

    // MARK: - Reading

    struct Malformed: Error { var detail: String }

    struct Reader {
        let base: UnsafeRawPointer
        let count: Int
        var pos = 0
        var table: [String] = []

        mutating func need(_ n: Int) throws {
            guard n >= 0, pos + n <= count else { throw Malformed(detail: "truncated at byte \(pos)") }
        }
        mutating func u32() throws -> UInt32 {
            try need(4)
            let v = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: pos, as: UInt32.self))
            pos += 4
            return v
        }
        mutating func u8() throws -> UInt8 { try need(1); defer { pos += 1 }; return base.load(fromByteOffset: pos, as: UInt8.self) }
        mutating func int() throws -> Int {
            try need(8)
            let v = Int64(littleEndian: base.loadUnaligned(fromByteOffset: pos, as: Int64.self))
            pos += 8
            return Int(v)
        }
        mutating func str() throws -> String {
            let k = Int(try u32())
            guard k < table.count else { throw Malformed(detail: "string \(k) out of range at byte \(pos - 4)") }
            return table[k]
        }
        mutating func opt() throws -> String? {
            let k = try u32()
            if k == BinaryGraphFile.none { return nil }
            guard Int(k) < table.count else { throw Malformed(detail: "string \(k) out of range at byte \(pos - 4)") }
            return table[Int(k)]
        }
        mutating func n(_ limit: Int = 1 << 31) throws -> Int {
            let v = Int(try u32())
            // Every record takes at least one byte: a count beyond the bytes left is damage.
            guard v <= count - pos else { throw Malformed(detail: "count \(v) exceeds the file at byte \(pos - 4)") }
            return v
        }
        mutating func list() throws -> [String] {
            let c = try n()
            var out: [String] = []; out.reserveCapacity(c)
            for _ in 0..<c { out.append(try str()) }
            return out
        }
    }

    /// The schema version a binary file declares (nil when it is too short to say).
    static func version(_ data: Data) -> Int? {
        guard data.count >= 8 else { return nil }
        return Int(UInt32(data[data.startIndex + 4]) | UInt32(data[data.startIndex + 5]) << 8
                   | UInt32(data[data.startIndex + 6]) << 16 | UInt32(data[data.startIndex + 7]) << 24)
    }

    static func decode(_ data: Data) throws -> KnowledgeGraph {
        try data.withUnsafeBytes { raw -> KnowledgeGraph in
            guard let base = raw.baseAddress else { throw Malformed(detail: "empty") }
            var r = Reader(base: base, count: raw.count, pos: 8)
            let stringCount = try r.n()
            r.table.reserveCapacity(stringCount)
            for _ in 0..<stringCount {
                let len = Int(try r.u32())
                try r.need(len)
                let buf = UnsafeRawBufferPointer(start: base + r.pos, count: len)
                guard let s = String(validating: buf.bindMemory(to: UInt8.self), as: UTF8.self) else {
                    throw Malformed(detail: "invalid UTF-8 at byte \(r.pos)")
                }
                r.table.append(s)
                r.pos += len
            }
            let types = EntityType.allCases, relationTypes = RelationType.allCases
            var docs: [DocumentRecord] = []
            let docCount = try r.n()
            docs.reserveCapacity(docCount)
            for _ in 0..<docCount {
                var d = DocumentRecord(id: try r.str(), path: try r.str(), sha256: try r.str(), encoding: try r.str(), format: try r.str())
                d.length = try r.int(); d.title = try r.opt(); d.byline = try r.list()
                let ac = try r.n()
                d.articles.reserveCapacity(ac)
                for _ in 0..<ac {
                    let title = try r.opt(), byline = try r.list(), dateline = try r.opt(), date = try r.opt()
                    d.articles.append(ArticleRecord(title: title, byline: byline, dateline: dateline, date: date,
                                                    start: try r.int(), end: try r.int()))
                }
                docs.append(d)
            }
            let nodeCount = try r.n()
            var entities: [Entity] = []; entities.reserveCapacity(nodeCount)
            var keys: [[String]] = []; keys.reserveCapacity(nodeCount)
            for _ in 0..<nodeCount {
                let id = try r.str()
                let t = Int(try r.u8())
                guard t < types.count else { throw Malformed(detail: "entity type \(t) unknown at byte \(r.pos - 1)") }
                var e = Entity(id: id, type: types[t], name: try r.str())
                e.aliases = try r.list()
                keys.append(try r.list())
                let pc = try r.n()
                e.posts.reserveCapacity(pc)
                for _ in 0..<pc { e.posts.append(Post(title: try r.str(), organization: try r.opt())) }
                let mc = try r.n()
                e.mentions.reserveCapacity(mc)
                for _ in 0..<mc {
                    e.mentions.append(Mention(document: try r.str(), start: try r.int(), end: try r.int(), text: try r.str()))
                }
                entities.append(e)
            }
            let edgeCount = try r.n()
            var edges: [(source: Int, relation: Relation, target: Int)] = []
            edges.reserveCapacity(edgeCount)
            for _ in 0..<edgeCount {
                let s = Int(try r.u32()), t = Int(try r.u8()), o = Int(try r.u32())
                guard s < nodeCount, o < nodeCount, t < relationTypes.count else {
                    throw Malformed(detail: "edge refers to an unknown node or relation at byte \(r.pos - 9)")
                }
                var rel = Relation(source: entities[s].id, type: relationTypes[t], target: entities[o].id)
                let ec = try r.n()
                rel.evidence.reserveCapacity(ec)
                for _ in 0..<ec {
                    rel.evidence.append(Evidence(document: try r.str(), sentence: try r.str(), start: try r.int(),
                                                 end: try r.int(), date: try r.opt()))
                }
                edges.append((s, rel, o))
            }
            guard r.pos == r.count else { throw Malformed(detail: "\(r.count - r.pos) unexpected bytes at the end") }
            return KnowledgeGraph(loadingDocuments: docs, entities: entities, nameKeys: keys, edges: edges)
        }
    }
}
