import Foundation

// Queries that read a whole table's worth of rows (`facts`, `export`) stream them from the
// database in the order the in-memory graph gives, instead of loading the graph: one statement,
// walked row by row, holding one relation's evidence at a time (plus the documents' records,
// which every row may cite).
//
// Order. The in-memory graph sorts ids with Swift's `String <`, SQLite with its byte order
// (BINARY collation). The two agree on text in Unicode normal form C (what the normaliser
// writes); before streaming, the store checks that they agree on every entity id it holds (one
// pass over the id index: each id must come strictly after the one before under Swift's order,
// which by transitivity proves the whole order), and falls back to the in-memory graph when they
// do not. Evidence of one relation is sorted in Swift, as ``Relation`` does.

extension SQLiteGraphStore {
    public func documentIDs(for ids: Set<String>) throws -> Set<String> {
        try guarded {
            let conn = try reader()
            return try conn.transaction(immediate: false) {
                var scope = Set<String>()
                for d in try conn.query("SELECT doc FROM documents", [], { $0.text(0) })
                where ids.contains(d) || ids.contains(where: { d.hasPrefix($0 + "#") }) { scope.insert(d) }
                return scope
            }
        }
    }

    public func forEachFact(_ filter: FactFilter, _ body: (Fact) throws -> Void) throws {
        let streamed: Bool = try guarded {
            let conn = try reader()
            return try conn.transaction(immediate: false) {
                guard try idsSortAlike(conn) else { return false }
                try streamFacts(filter, conn, body)
                return true
            }
        }
        if !streamed { for f in try loadAll().facts(filter) { try body(f) } }
    }

    /// Whether SQLite's byte order of the entity ids is Swift's `String` order (each id strictly
    /// after the one before it; true for text in normal form C).
    func idsSortAlike(_ conn: SQLiteDatabase) throws -> Bool {
        try sortsAlike(conn, "SELECT eid FROM entities ORDER BY eid")
    }

    /// Whether the text values a query returns in SQLite's order come strictly ascending in Swift's.
    private func sortsAlike(_ conn: SQLiteDatabase, _ sql: String) throws -> Bool {
        let s = try conn.prepare(sql)
        var previous: String?
        while try s.step() {
            let id = s.text(0)
            if let previous, !(previous < id) { s.reset(); return false }
            previous = id
        }
        return true
    }

    /// Row ids of the entities that lie within `place` (``KnowledgeGraph/lies(_:within:)``).
    private func entities(within place: String, _ conn: SQLiteDatabase) throws -> Set<Int64> {
        var out = Set<Int64>()
        let decoder = JSONDecoder()
        let stem = Region.stem(place)
        for (id, type, regionJSON) in try conn.query("SELECT id, type, region FROM entities WHERE region IS NOT NULL OR type = 'place'", [], {
            ($0.int(0), $0.text(1), $0.optionalText(2))
        }) {
            if let regionJSON, let region = try? decoder.decode(Region.self, from: Data(regionJSON.utf8)), region.isWithin(place) {
                out.insert(id); continue
            }
            guard type == EntityType.place.rawValue else { continue }
            let names = try conn.query("SELECT name FROM names WHERE entity = ?1", [.int64(id)]) { $0.text(0) }
                + conn.query("SELECT name FROM entities WHERE id = ?1", [.int64(id)]) { $0.text(0) }
            if names.contains(where: { $0 == place || Region.stem($0) == stem }) { out.insert(id) }
        }
        return out
    }

    /// Region labels by the region's stored JSON (few distinct regions; decoded once each).
    struct RegionLabels {
        private var labels: [String: String?] = [:]
        private let decoder = JSONDecoder()
        mutating func label(_ json: String?) -> String? {
            guard let json else { return nil }
            if let held = labels[json] { return held }
            let label = (try? decoder.decode(Region.self, from: Data(json.utf8)))?.label
            labels[json] = label
            return label
        }
    }

    private func streamFacts(_ filter: FactFilter, _ conn: SQLiteDatabase, _ body: (Fact) throws -> Void) throws {
        var docs = (names: [Int64: String](), records: [String: DocumentRecord]())
        for (id, d) in try conn.query("SELECT id, doc FROM documents", [], { ($0.int(0), $0.text(1)) }) { docs.names[id] = d }
        // Records are read as rows cite them (a filtered table cites few documents).
        let dec = JSONDecoder()
        func record(_ name: String) throws -> DocumentRecord? {
            if let held = docs.records[name] { return held }
            let s = try conn.prepare("SELECT doc, path, sha256, encoding, format, length, title, byline, articles, record FROM documents WHERE doc = ?1")
            try s.bind([.text(name)])
            defer { s.reset() }
            guard try s.step() else { return nil }
            let r = try Self.documentRecord(s, dec)
            docs.records[name] = r
            return r
        }
        var conditions: [String] = [], values: [SQLiteValue] = []
        func list(_ items: [SQLiteValue]) -> String {
            let first = values.count + 1
            values += items
            return "(" + items.indices.map { "?\(first + $0)" }.joined(separator: ", ") + ")"
        }
        if !filter.relations.isEmpty {
            conditions.append("e.type IN " + list(filter.relations.map(\.rawValue).sorted().map { .text($0) }))
        }
        if !filter.types.isEmpty {
            let types = filter.types.map(\.rawValue).sorted().map { SQLiteValue.text($0) }
            conditions.append("(s.type IN \(list(types)) OR t.type IN \(list(types)))")
        }
        if !filter.entities.isEmpty {
            var rows: [SQLiteValue] = []
            for id in filter.entities.sorted() {
                if let row = try conn.scalar("SELECT id FROM entities WHERE eid = ?1", .text(id)) { rows.append(.int64(row)) }
            }
            conditions.append("(e.source IN \(list(rows)) OR e.target IN \(list(rows)))")
        }
        var scope: Set<String>?
        if !filter.documents.isEmpty {
            let names = Set(docs.names.values)
            let s = names.filter { d in filter.documents.contains(d) || filter.documents.contains(where: { d.hasPrefix($0 + "#") }) }
            scope = s
            // A short list goes into the query; a long one (a file of many articles) is checked per row.
            if s.count <= 500 {
                conditions.append("v.document IN " + list(docs.names.filter { s.contains($0.value) }.keys.sorted().map { .int64($0) }))
            }
        }
        let within = try filter.place.map { try entities(within: $0, conn) }
        let sql = """
            SELECT e.id, s.id, s.eid, s.type, s.name, s.region, e.type, t.id, t.eid, t.type, t.name, t.region,
                   v.document, v.sentence, v.start, v."end", v.date, v.rule, v.amount_text, v.amount_value, v.amount_currency
            """ + (filter.entities.isEmpty
                // Every edge, walked in source-id order (sorted per source only: bounded memory).
                ? " FROM entities s CROSS JOIN edges e ON e.source = s.id CROSS JOIN entities t ON t.id = e.target CROSS JOIN evidence v ON v.edge = e.id"
                // The named entities' edges, through the edge indexes, sorted (memory for the answer).
                : " FROM edges e JOIN entities s ON s.id = e.source JOIN entities t ON t.id = e.target JOIN evidence v ON v.edge = e.id")
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")) + " ORDER BY s.eid, e.type, t.eid"
        let st = try conn.prepare(sql)
        try st.bind(values)
        defer { st.reset() }

        var labels = RegionLabels()
        struct End { var name: String; var type: EntityType; var region: String? }
        var edge: Int64?
        var head = End(name: "", type: .official), tail = End(name: "", type: .official)
        var relation = RelationType.holdsPost
        var keep = false
        var evidence: [Evidence] = []

        func flush() throws {
            defer { evidence.removeAll(keepingCapacity: true) }
            guard keep, !evidence.isEmpty else { return }
            for ev in Array(Set(evidence)).sorted() {
                if let scope, !scope.contains(ev.document) { continue }
                let doc = try record(ev.document)
                let date = ev.date ?? doc?.date
                if filter.from != nil || filter.to != nil {
                    guard let date, KnowledgeGraph.dateInRange(date, from: filter.from, to: filter.to) else { continue }
                }
                try body(Fact(head: head.name, headType: head.type, relation: relation, tail: tail.name, tailType: tail.type,
                              evidence: ev.sentence, document: ev.document, title: doc?.title, date: date,
                              source: doc?.origin ?? "", amount: ev.amount, rule: ev.rule,
                              headRegion: head.region, tailRegion: tail.region))
            }
        }

        while try st.step() {
            let id = st.int(0)
            if id != edge {
                try flush()
                edge = id
                guard let ht = EntityType(rawValue: st.text(3)), let tt = EntityType(rawValue: st.text(9)),
                      let rt = RelationType(rawValue: st.text(6)) else {
                    throw GraphStoreError.corrupt(path: path, detail: "edge \(id) names an unknown node or type")
                }
                head = End(name: st.text(4), type: ht, region: labels.label(st.optionalText(5)))
                tail = End(name: st.text(10), type: tt, region: labels.label(st.optionalText(11)))
                relation = rt
                keep = true
                if let within {
                    let ends = [(st.int(1), ht), (st.int(7), tt)].filter { filter.types.isEmpty || filter.types.contains($0.1) }
                    keep = ends.contains { within.contains($0.0) }
                }
            }
            guard keep else { continue }
            // The document and date filters, before the row is read whole (`flush` checks them again).
            let document = docs.names[st.int(12)] ?? ""
            if let scope, !scope.contains(document) { continue }
            if filter.from != nil || filter.to != nil {
                guard let date = try st.optionalText(16) ?? record(document)?.date,
                      KnowledgeGraph.dateInRange(date, from: filter.from, to: filter.to) else { continue }
            }
            evidence.append(Evidence(document: document, sentence: st.text(13), start: Int(st.int(14)), end: Int(st.int(15)),
                                     date: st.optionalText(16), rule: st.optionalText(17),
                                     amount: st.optionalText(18).map { Amount(text: $0, value: st.optionalDouble(19), currency: st.optionalText(20) ?? "CNY") }))
        }
        try flush()
    }
}

extension SQLiteGraphStore {
    public func withReader<T>(_ body: (any GraphReading) throws -> T) throws -> T {
        try guarded {
            let conn = try reader()
            return try conn.transaction(immediate: false) {
                guard try idsSortAlike(conn), try documentsSortAlike(conn) else { return try body(try loadGraph(conn)) }
                return try body(SQLiteGraphReader(store: self, conn: conn))
            }
        }
    }

    /// Whether SQLite's byte order of the document ids is Swift's `String` order.
    func documentsSortAlike(_ conn: SQLiteDatabase) throws -> Bool {
        try sortsAlike(conn, "SELECT doc FROM documents ORDER BY doc")
    }
}

/// The store's graph read in order from its tables, inside one read transaction: documents,
/// entities (names, posts and mentions read alongside by cursors in the same id order) and
/// relations with their evidence, one at a time.
struct SQLiteGraphReader: GraphReading {
    let store: SQLiteGraphStore
    let conn: SQLiteDatabase

    func forEachDocument(_ body: (DocumentRecord) throws -> Void) throws {
        let dec = JSONDecoder()
        let s = try conn.prepare("SELECT doc, path, sha256, encoding, format, length, title, byline, articles, record FROM documents ORDER BY doc")
        defer { s.reset() }
        while try s.step() { try body(try SQLiteGraphStore.documentRecord(s, dec)) }
    }

    /// A statement's rows taken alongside another walk in the same order: the rows whose first
    /// column is a given id, as the walk reaches it.
    final class Cursor {
        let statement: SQLiteStatement
        var more: Bool
        init(_ statement: SQLiteStatement) throws { self.statement = statement; more = try statement.step() }
        func rows(of id: String, _ body: (SQLiteStatement) throws -> Void) throws {
            while more, statement.text(0) == id {
                try body(statement)
                more = try statement.step()
            }
        }
        func close() { statement.reset() }
    }

    func forEachEntity(mentions: Bool, _ body: (EntityRecord) throws -> Void) throws {
        var docName: [Int64: String] = [:]
        if mentions {
            for (id, d) in try conn.query("SELECT id, doc FROM documents", [], { ($0.int(0), $0.text(1)) }) { docName[id] = d }
        }
        let main = try conn.prepare("""
            SELECT s.eid, s.type, s.name, (SELECT count(*) FROM edges WHERE source = s.id) + (SELECT count(*) FROM edges WHERE target = s.id)
            FROM entities s ORDER BY s.eid
            """)
        defer { main.reset() }
        let names = try Cursor(try conn.prepare("SELECT s.eid, n.name FROM entities s CROSS JOIN names n ON n.entity = s.id ORDER BY s.eid"))
        defer { names.close() }
        let posts = try Cursor(try conn.prepare("""
            SELECT s.eid, p.title, p.organization, p.status, p.date FROM entities s CROSS JOIN posts p ON p.entity = s.id ORDER BY s.eid
            """))
        defer { posts.close() }
        let mentionRows = mentions
            ? try Cursor(try conn.prepare("SELECT s.eid, m.document FROM entities s CROSS JOIN mentions m ON m.entity = s.id ORDER BY s.eid"))
            : nil
        defer { mentionRows?.close() }
        while try main.step() {
            let id = main.text(0)
            guard let type = EntityType(rawValue: main.text(1)) else {
                throw GraphStoreError.corrupt(path: store.path, detail: "unknown entity type \(main.text(1))")
            }
            var aliases: [String] = [], held: [Post] = []
            try names.rows(of: id) { aliases.append($0.text(1)) }
            try posts.rows(of: id) {
                held.append(Post(title: $0.text(1), organization: $0.optionalText(2), status: $0.optionalText(3).flatMap(PostStatus.init(rawValue:)),
                                 date: $0.optionalText(4)))
            }
            var counts: [(document: String, count: Int)] = []
            if let mentionRows {
                var byDocument: [String: Int] = [:]
                try mentionRows.rows(of: id) { if let d = docName[$0.int(1)] { byDocument[d, default: 0] += 1 } }
                counts = byDocument.keys.sorted().map { ($0, byDocument[$0] ?? 0) }
            }
            let entity = Entity(id: id, type: type, name: main.text(2), aliases: aliases, posts: held)
            try body(EntityRecord(entity: entity, degree: Int(main.int(3)), mentionCounts: counts))
        }
    }

    func forEachRelation(_ body: (Relation) throws -> Void) throws {
        var docName: [Int64: String] = [:]
        for (id, d) in try conn.query("SELECT id, doc FROM documents", [], { ($0.int(0), $0.text(1)) }) { docName[id] = d }
        let s = try conn.prepare("""
            SELECT e.id, s.eid, e.type, t.eid, v.document, v.sentence, v.start, v."end", v.date, v.rule, v.amount_text, v.amount_value, v.amount_currency
            FROM entities s CROSS JOIN edges e ON e.source = s.id CROSS JOIN entities t ON t.id = e.target
            LEFT JOIN evidence v ON v.edge = e.id
            ORDER BY s.eid, e.type, t.eid
            """)
        defer { s.reset() }
        var edge: Int64?
        var current: Relation?
        var evidence: [Evidence] = []
        func flush() throws {
            guard var r = current else { return }
            r.evidence = Array(Set(evidence)).sorted()
            evidence.removeAll(keepingCapacity: true)
            current = nil
            try body(r)
        }
        while try s.step() {
            let id = s.int(0)
            if id != edge {
                try flush()
                edge = id
                guard let type = RelationType(rawValue: s.text(2)) else {
                    throw GraphStoreError.corrupt(path: store.path, detail: "edge \(id) names an unknown node or type")
                }
                current = Relation(source: s.text(1), type: type, target: s.text(3))
            }
            guard !s.isNull(4) else { continue }
            evidence.append(Evidence(document: docName[s.int(4)] ?? "", sentence: s.text(5), start: Int(s.int(6)), end: Int(s.int(7)),
                                     date: s.optionalText(8), rule: s.optionalText(9),
                                     amount: s.optionalText(10).map { Amount(text: $0, value: s.optionalDouble(11), currency: s.optionalText(12) ?? "CNY") }))
        }
        try flush()
    }
}
