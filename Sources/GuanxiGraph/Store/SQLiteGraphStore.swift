import Foundation

/// The graph in an SQLite database: the default store (`guanxi.db`).
///
/// Tables (schema version ``schemaVersion`` in `PRAGMA user_version`; see ``schema``):
/// `documents` (one row per source file, unique by content SHA-256), `entities`, `names` (every
/// name and alias of an entity by its ``NameKey``, indexed: the name index merges go through),
/// `posts`, `mentions`, `edges` (unique by source, type, target; indexed by source and by target:
/// the adjacency lists, on disk), `evidence` (one row per sentence stating an edge) and
/// `official_anchors` (each official's name keys × ``MergePolicy/postAnchors(of:)``, so officials
/// of one name join through an index look-up, not a scan of every namesake).
///
/// Builds merge a batch of per-document graphs in one transaction, joining entities through the
/// name index under ``MergePolicy`` exactly as ``KnowledgeGraph/merge(_:acrossDocuments:)``
/// does; nothing reads the whole graph. The database runs in WAL mode with a busy timeout, so
/// readers query while a build commits and concurrent builds take turns per batch. The file is
/// opened in place: its mode, owner and symbolic link are kept, and SQLite's locks belong to the
/// file, not to the name it was reached by.
public final class SQLiteGraphStore: GraphStore {
    /// The schema this build writes and reads (`PRAGMA user_version`).
    public static let schemaVersion = 1
    /// The application id in the database header (`PRAGMA application_id`): "GXDB".
    public static let applicationID: Int32 = 0x4758_4442

    public let path: String
    private var db: SQLiteDatabase?
    /// Entity rowid → the rowid it was merged into, during one fragment's merge.
    private var redirects: [Int64: Int64] = [:]

    /// A store at `path`; nothing is opened or created until it is used.
    public init(path: String) { self.path = path }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// The schema, as `sqlite3 guanxi.db .schema` prints it.
    public static let schema = """
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE documents(id INTEGER PRIMARY KEY, doc TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL, content_key TEXT NOT NULL UNIQUE, path TEXT NOT NULL, title TEXT, date TEXT, source_url TEXT, encoding TEXT NOT NULL, format TEXT NOT NULL, length INTEGER NOT NULL, byline TEXT NOT NULL, articles TEXT NOT NULL, record TEXT NOT NULL);
    CREATE INDEX documents_by_sha256 ON documents(sha256);
    CREATE TABLE entities(id INTEGER PRIMARY KEY, eid TEXT NOT NULL UNIQUE, type TEXT NOT NULL, name TEXT NOT NULL, region TEXT);
    CREATE INDEX entities_by_type ON entities(type);
    CREATE TABLE names(entity INTEGER NOT NULL REFERENCES entities(id), name TEXT NOT NULL, key TEXT NOT NULL, canonical INTEGER NOT NULL, PRIMARY KEY(entity, name)) WITHOUT ROWID;
    CREATE INDEX names_by_key ON names(key);
    CREATE TABLE posts(entity INTEGER NOT NULL REFERENCES entities(id), title TEXT NOT NULL, organization TEXT, status TEXT, date TEXT);
    CREATE INDEX posts_by_entity ON posts(entity);
    CREATE TABLE mentions(entity INTEGER NOT NULL REFERENCES entities(id), document INTEGER NOT NULL REFERENCES documents(id), start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY(entity, document, start, "end", text)) WITHOUT ROWID;
    CREATE TABLE edges(id INTEGER PRIMARY KEY, source INTEGER NOT NULL REFERENCES entities(id), type TEXT NOT NULL, target INTEGER NOT NULL REFERENCES entities(id), UNIQUE(source, type, target));
    CREATE INDEX edges_by_target ON edges(target);
    CREATE TABLE evidence(edge INTEGER NOT NULL REFERENCES edges(id), document INTEGER NOT NULL REFERENCES documents(id), sentence TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, date TEXT, rule TEXT, amount_text TEXT, amount_value REAL, amount_currency TEXT);
    CREATE INDEX evidence_by_edge ON evidence(edge, document, start);
    CREATE TABLE official_anchors(name_key TEXT NOT NULL, anchor TEXT NOT NULL, entity INTEGER NOT NULL REFERENCES entities(id), PRIMARY KEY(name_key, anchor, entity)) WITHOUT ROWID;
    CREATE INDEX official_anchors_by_entity ON official_anchors(entity);
    CREATE TABLE counts(kind TEXT NOT NULL, type TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY(kind, type)) WITHOUT ROWID;
    CREATE TRIGGER documents_added AFTER INSERT ON documents BEGIN INSERT INTO counts VALUES ('documents', '', 1) ON CONFLICT(kind, type) DO UPDATE SET n = n + 1; END;
    CREATE TRIGGER documents_removed AFTER DELETE ON documents BEGIN UPDATE counts SET n = n - 1 WHERE kind = 'documents' AND type = ''; END;
    CREATE TRIGGER entities_added AFTER INSERT ON entities BEGIN INSERT INTO counts VALUES ('entities', NEW.type, 1) ON CONFLICT(kind, type) DO UPDATE SET n = n + 1; END;
    CREATE TRIGGER entities_removed AFTER DELETE ON entities BEGIN UPDATE counts SET n = n - 1 WHERE kind = 'entities' AND type = OLD.type; END;
    CREATE TRIGGER edges_added AFTER INSERT ON edges BEGIN INSERT INTO counts VALUES ('edges', NEW.type, 1) ON CONFLICT(kind, type) DO UPDATE SET n = n + 1; END;
    CREATE TRIGGER edges_removed AFTER DELETE ON edges BEGIN UPDATE counts SET n = n - 1 WHERE kind = 'edges' AND type = OLD.type; END;
    """

    // MARK: - Opening

    /// The open connection; with `create`, a missing file is created with the schema.
    func connection(create: Bool) throws -> SQLiteDatabase {
        if let db { return db }
        if !FileManager.default.fileExists(atPath: path) {
            guard create else { throw GraphStoreError.missing(path: path) }
            try createFile()
        }
        try checkHeader()
        let conn = try SQLiteDatabase(path: path, create: false)
        do {
            let (version, app) = try Self.header(conn)
            guard app == Int64(Self.applicationID) else { throw GraphStoreError.notAGraph(path: path) }
            guard version == Self.schemaVersion else {
                throw GraphStoreError.unsupportedVersion(path: path, found: version, supported: Self.schemaVersion)
            }
            try configure(conn)
        } catch {
            conn.close()
            throw error
        }
        db = conn
        return conn
    }

    /// The schema version and application id, read in one statement (one snapshot).
    private static func header(_ conn: SQLiteDatabase) throws -> (version: Int, app: Int64) {
        let sql = "SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id)"
        return try conn.query(sql) { (Int($0.int(0)), $0.int(1)) }.first ?? (0, 0)
    }

    /// Creates the graph database whole, or not at all: the schema is written into a temporary file
    /// beside `path`, which is then hard-linked to `path` only if no file is there yet. Builds that
    /// start together into a new graph thus never see a half-made database: one creates it, the
    /// others find it complete (and a process killed while creating leaves no file at `path`).
    private func createFile() throws {
        let fm = FileManager.default
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !fm.fileExists(atPath: dir) {
            do { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw GraphStoreError.writeFailed(path: path, reason: error.localizedDescription)
            }
        }
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        defer { for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary + suffix) } }
        try guarded {
            let conn = try SQLiteDatabase(path: temporary, create: true)
            defer { conn.close() }
            try conn.execute("PRAGMA journal_mode=WAL")
            try conn.transaction {
                try conn.execute(Self.schema)
                try conn.execute("PRAGMA user_version=\(Self.schemaVersion); PRAGMA application_id=\(Self.applicationID)")
                try conn.run("INSERT INTO meta(key, value) VALUES ('format', 'guanxi-graph')")
            }
        }
        // Closing checkpointed the WAL into the file; the file stays in WAL mode.
        if link(temporary, path) != 0, errno != EEXIST {
            throw GraphStoreError.writeFailed(path: path, reason: String(cString: strerror(errno)))
        }
    }

    private func configure(_ conn: SQLiteDatabase) throws {
        try conn.execute("PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY")
    }

    /// Refuses a file that is not a whole SQLite database before SQLite touches it: empty, another
    /// format, or shorter than its header says (truncated). SQLite would take an empty file for a
    /// new database and write into it.
    private func checkHeader() throws {
        func read() throws -> Data {
            guard let fh = FileHandle(forReadingAtPath: path) else {
                throw GraphStoreError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            defer { try? fh.close() }
            return fh.readData(ofLength: 100)
        }
        let header = try read()
        // The file itself, through any symbolic link (SQLite keeps its WAL beside the target).
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var st = stat()
        let size = stat(path, &st) == 0 ? Int(st.st_size) : 0
        guard !header.isEmpty else { throw GraphStoreError.corrupt(path: path, detail: "the file is empty") }
        let magic = Data("SQLite format 3\0".utf8)
        guard header.prefix(16) == magic.prefix(header.count) else {
            if header.first == UInt8(ascii: "{") { throw GraphStoreError.notAGraph(path: path) }
            throw GraphStoreError.corrupt(path: path, detail: "not an SQLite database")
        }
        guard header.count == 100 else { throw GraphStoreError.corrupt(path: path, detail: "the file is shorter than an SQLite header") }
        let b = [UInt8](header)
        func u32(_ o: Int) -> Int { Int(b[o]) << 24 | Int(b[o + 1]) << 16 | Int(b[o + 2]) << 8 | Int(b[o + 3]) }
        var pageSize = Int(b[16]) << 8 | Int(b[17])
        if pageSize == 1 { pageSize = 65536 }
        let pages = u32(28)
        let valid = pages > 0 && u32(24) == u32(92)
        let wal = FileManager.default.fileExists(atPath: real + "-wal")
        if valid, !wal, size < pages * pageSize {
            throw GraphStoreError.corrupt(path: path, detail: "truncated: \(size) bytes of \(pages * pageSize)")
        }
    }

    /// Closes the connection (the next use reopens it).
    public func close() { db?.close(); db = nil; buildCache = false; writer = nil; pending = false }

    /// Maps SQLite's errors to the store's (naming the file).
    func guarded<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as SQLiteError {
            switch e {
            case .notADatabase(let p): throw GraphStoreError.corrupt(path: p, detail: "not an SQLite database")
            case .damaged(let p, let d): throw GraphStoreError.corrupt(path: p, detail: d)
            case .busy(let p): throw GraphStoreError.locked(path: p)
            case .readOnly(let p): throw GraphStoreError.writeFailed(path: p, reason: "read-only")
            case .cannotOpen(let p, let r): throw GraphStoreError.unreadable(path: p, reason: r)
            case .failed(let p, _, let m): throw GraphStoreError.writeFailed(path: p, reason: m)
            }
        }
    }

    // MARK: - Building

    public func write<T>(_ body: () throws -> T) throws -> T {
        if exists { _ = try guarded { try connection(create: false) } }
        let value: T
        do { value = try body() } catch {
            rollBackPending()
            throw error
        }
        try commitPending()
        if !exists { _ = try guarded { try connection(create: true) } }
        return value
    }

    public func containsDocument(sha256: String) throws -> Bool {
        guard exists else { return false }
        return try guarded {
            try connection(create: false).scalar("SELECT 1 FROM documents WHERE sha256 = ?1", .text(sha256)) != nil
        }
    }

    /// Runs `body` in one write transaction (for tests: a build waits while it runs).
    public func withWriteTransaction<T>(_ body: () throws -> T) throws -> T {
        writer = nil
        return try guarded { try connection(create: true).transaction(body) }
    }

    /// Whether this connection's page cache was enlarged for building.
    private var buildCache = false

    public func merge(_ fragments: [KnowledgeGraph]) throws -> MergeOutcome {
        try merge(fragments, commit: true)
    }

    public func merge(_ fragments: [KnowledgeGraph], commit: Bool) throws -> MergeOutcome {
        try guarded {
            let conn = try connection(create: true)
            if !buildCache {
                // A build touches the name, edge and evidence indexes all over: a larger page cache
                // (256 MB at most, grown only as used) keeps them in memory as the database grows.
                try conn.execute("PRAGMA cache_size=-262144")
                buildCache = true
            }
            do {
                if !pending {
                    try conn.execute("BEGIN IMMEDIATE")
                    pending = true
                }
                let cache = try writerCache(conn)
                var outcome = MergeOutcome()
                for f in fragments {
                    if try mergeFragment(f, conn, cache) { outcome.added += f.documents.count } else { outcome.known += 1 }
                }
                if commit {
                    try conn.execute("COMMIT")
                    pending = false
                }
                return outcome
            } catch {
                // Rolled back: the cache may hold rows that were never committed.
                rollBackPending()
                throw error
            }
        }
    }

    /// Whether a merge left its transaction open for the next (``merge(_:commit:)``).
    private var pending = false

    /// Commits the transaction merges left open.
    private func commitPending() throws {
        guard pending, let db else { pending = false; return }
        do { try guarded { try db.execute("COMMIT") } } catch {
            rollBackPending()
            throw error
        }
        pending = false
    }

    /// Rolls back the transaction merges left open (and drops the cache, which may hold its rows).
    private func rollBackPending() {
        if pending { try? db?.execute("ROLLBACK") }
        pending = false
        writer = nil
    }

    /// The writer's cache (``WriterCache``) while no other connection has committed since it was
    /// made; nil until a merge, and dropped by every other write and by a failed merge.
    private var writer: WriterCache?

    /// The cache for the transaction just begun: the one held when `PRAGMA data_version` (which
    /// another connection's commit changes) has not moved, a new one otherwise.
    private func writerCache(_ conn: SQLiteDatabase) throws -> WriterCache {
        let version = try conn.scalar("PRAGMA data_version") ?? 0
        if let writer, writer.version == version { return writer }
        let empty = try conn.scalar("SELECT NOT EXISTS (SELECT 1 FROM entities)") == 1
        let cache = WriterCache(version: version, complete: empty)
        writer = cache
        return cache
    }

    /// Merges one document's graph; false when the store holds its documents already.
    private func mergeFragment(_ g: KnowledgeGraph, _ conn: SQLiteDatabase, _ cache: WriterCache) throws -> Bool {
        redirects = [:]
        var docRow: [String: Int64] = [:], docName: [String: String] = [:]
        var newDocuments = Set<Int64>()
        var anyNew = g.documentList.isEmpty
        let enc = encoder
        for doc in g.documentList {
            if let held = try conn.scalar("SELECT id FROM documents WHERE content_key = ?1", .text(doc.contentKey)) {
                docRow[doc.id] = held
                docName[doc.id] = try conn.query("SELECT doc FROM documents WHERE id = ?1", [.int(held)]) { $0.text(0) }.first ?? doc.id
                continue
            }
            anyNew = true
            var id = doc.id, n = 2
            while try conn.scalar("SELECT 1 FROM documents WHERE doc = ?1", .text(id)) != nil { id = "\(doc.id)-\(n)"; n += 1 }
            try conn.run("""
                INSERT INTO documents(doc, sha256, content_key, path, title, date, source_url, encoding, format, length, byline, articles, record)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                """, try Self.documentRow(doc, id: id, enc))
            docRow[doc.id] = conn.lastInsertRowID
            newDocuments.insert(conn.lastInsertRowID)
            docName[doc.id] = id
        }
        guard anyNew else { return false }
        func docID(_ name: String) throws -> Int64 {
            if let r = docRow[name] { return r }
            if let r = try conn.scalar("SELECT id FROM documents WHERE doc = ?1", .text(name)) { docRow[name] = r; return r }
            throw GraphStoreError.writeFailed(path: path, reason: "a fact cites document \(name), which the batch does not hold")
        }
        // A mention's document row, from the document id the fragment gives (renamed as stored).
        var mentionRows: [String: Int64] = [:]
        func mentionRow(_ given: String) throws -> Int64 {
            if let r = mentionRows[given] { return r }
            let r = try docID(docName[given] ?? given)
            mentionRows[given] = r
            return r
        }
        // Entity id → row (keyed as Swift compares the ids, without hashing normalised text).
        var ids: [NameKey.Bytes: Int64] = [:]
        for e in g.entities {
            let (matches, anchors) = try crossDocumentMatches(e, conn, cache)
            ids[.canonical(e.id)] = try addEntity(e, joining: matches, anchors: anchors, conn, cache, mentionRow)
        }
        var fresh: FreshEvidence? = FreshEvidence(documents: newDocuments)
        for r in g.edges {
            guard let s0 = ids[.canonical(r.source)], let t0 = ids[.canonical(r.target)] else { continue }
            let s = current(s0), t = current(t0)
            guard s != t else { continue }
            let evidence = r.evidence.map { var ev = $0; ev.document = docName[ev.document] ?? ev.document; return ev }
            try addEdge(source: s, type: r.type, target: t, evidence: evidence, conn, docID, fresh: &fresh)
        }
        return true
    }

    /// Copies a whole graph (a JSON graph file's) into an empty store exactly as it is: ids,
    /// names, posts, mentions, edges and evidence. Throws ``GraphStoreError/notEmpty`` when the
    /// store holds documents already (add documents with a build instead).
    public func importGraph(_ g: KnowledgeGraph) throws {
        writer = nil
        try guarded {
            let conn = try connection(create: true)
            try conn.transaction {
                guard try conn.scalar("SELECT count(*) FROM entities") == 0, try conn.scalar("SELECT count(*) FROM documents") == 0 else {
                    throw GraphStoreError.notEmpty(path: path)
                }
                try insertAll(g, conn)
            }
        }
    }

    /// Replaces everything the store holds by `g`, in one transaction (a user's correction).
    public func replaceAll(with g: KnowledgeGraph) throws {
        writer = nil
        try guarded {
            let conn = try connection(create: true)
            try conn.transaction {
                for table in ["evidence", "edges", "mentions", "posts", "names", "official_anchors", "entities", "documents"] {
                    try conn.run("DELETE FROM \(table)")
                }
                try insertAll(g, conn)
            }
        }
    }

    /// Inserts a whole graph exactly as it is (ids, names, posts, mentions, edges, evidence).
    private func insertAll(_ g: KnowledgeGraph, _ conn: SQLiteDatabase) throws {
        do {
            do {
                let enc = JSONEncoder(); enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                var docRow: [String: Int64] = [:]
                for doc in g.documentList {
                    try conn.run("""
                        INSERT INTO documents(doc, sha256, content_key, path, title, date, source_url, encoding, format, length, byline, articles, record)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                        """, try Self.documentRow(doc, id: doc.id, enc))
                    docRow[doc.id] = conn.lastInsertRowID
                }
                func docID(_ name: String) throws -> Int64 {
                    guard let r = docRow[name] else { throw GraphStoreError.corrupt(path: path, detail: "a fact cites document \(name), which the graph does not hold") }
                    return r
                }
                var rows: [String: Int64] = [:]
                for e in g.entities {
                    try conn.run("INSERT INTO entities(eid, type, name, region) VALUES (?1, ?2, ?3, ?4)", .text(e.id), .text(e.type.rawValue), .text(e.name),
                                 .text(Self.regionText(e.region)))
                    let row = conn.lastInsertRowID
                    rows[e.id] = row
                    for name in Set(e.allNames) {
                        try conn.run("INSERT OR IGNORE INTO names(entity, name, key, canonical) VALUES (?1, ?2, ?3, ?4)",
                                     .int64(row), .text(name), .text(NameKey.of(name)), .int(name == e.name ? 1 : 0))
                    }
                    for p in e.posts { try addPost(p, to: row, conn) }
                    try addMentions(e.mentions, to: row, conn, docID)
                    try rewriteAnchors(row, type: e.type, conn)
                }
                for r in g.edges {
                    guard let s = rows[r.source], let t = rows[r.target] else { continue }
                    var none: FreshEvidence?
                    try addEdge(source: s, type: r.type, target: t, evidence: r.evidence, conn, docID, fresh: &none)
                }
            }
        }
    }

    /// The values of a document's row: the searchable columns and the whole record (JSON), which
    /// is what reading gives back.
    static func documentRow(_ doc: DocumentRecord, id: String, _ enc: JSONEncoder) throws -> [SQLiteValue] {
        var record = doc
        record.id = id
        return [.text(id), .text(doc.sha256), .text(doc.contentKey), .text(doc.path), .text(doc.title),
                .text(doc.date ?? doc.articles.compactMap(\.date).first), .text(doc.source ?? Self.sourceURL(of: doc)),
                .text(doc.encoding), .text(doc.format), .int(doc.length),
                .text(String(decoding: try enc.encode(doc.byline), as: UTF8.self)),
                .text(String(decoding: try enc.encode(doc.articles), as: UTF8.self)),
                .text(String(decoding: try enc.encode(record), as: UTF8.self))]
    }

    /// An entity's derived region as stored (JSON), or nil.
    static func regionText(_ region: Region?, _ encoder: JSONEncoder? = nil) -> String? {
        guard let region else { return nil }
        let enc = encoder ?? { let e = JSONEncoder(); e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]; return e }()
        return (try? enc.encode(region)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The encoder of the JSON columns (keys sorted), made once per store: making one per row
    /// showed in the profile of a build.
    private lazy var encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    /// A source URL the document's text states (the first `http(s)://` address in its title or byline), if any.
    static func sourceURL(of doc: DocumentRecord) -> String? {
        // (A scan for `http://` or `https://` up to white space or closing punctuation: what the
        // pattern `https?://[^\s，。、）)]+` matches, without compiling it for every document.)
        for text in [doc.title ?? ""] + doc.byline + doc.articles.compactMap(\.dateline) {
            let u = Array(text.unicodeScalars)
            var i = 0
            while i < u.count {
                let scheme = u[i] != "h" ? 0 : u[i...].starts(with: "http://".unicodeScalars) ? 7 : u[i...].starts(with: "https://".unicodeScalars) ? 8 : 0
                if scheme > 0 {
                    var j = i + scheme
                    while j < u.count, !u[j].properties.isWhitespace, !"，。、）)".unicodeScalars.contains(u[j]) { j += 1 }
                    if j > i + scheme { return u[i..<j].reduce(into: "") { $0.unicodeScalars.append($1) } }
                }
                i += 1
            }
        }
        return nil
    }

    /// What the writer knows of an entity row: from the cache, or read once.
    private func state(_ id: Int64, _ conn: SQLiteDatabase, _ cache: WriterCache) throws -> EntityState {
        if let s = cache.entities[id] { return s }
        guard let (eid, type, name, region) = try conn.query("SELECT eid, type, name, region IS NOT NULL FROM entities WHERE id = ?1", [.int64(id)], {
            ($0.text(0), EntityType(rawValue: $0.text(1)), $0.text(2), $0.int(3) != 0)
        }).first, let type else {
            throw GraphStoreError.corrupt(path: path, detail: "a name or post anchor belongs to entity row \(id), which is missing or of an unknown type")
        }
        let s = EntityState(eid: eid, type: type, name: name, hasRegion: region)
        cache.entities[id] = s
        return s
    }

    /// ``state(_:_:_:)`` with the entity's names, keys, posts and (officials) anchor rows read.
    private func details(_ id: Int64, _ conn: SQLiteDatabase, _ cache: WriterCache) throws -> EntityState {
        let s = try state(id, conn, cache)
        if s.names == nil || s.keys == nil {
            var names = Set<NameKey.Bytes>(), keys = Set<NameKey.Bytes>(), plain = true
            for (name, key) in try conn.query("SELECT name, key FROM names WHERE entity = ?1", [.int64(id)], { ($0.text(0), $0.text(1)) }) {
                names.insert(NameKey.Bytes(name)); keys.insert(NameKey.Bytes(key))
                plain = plain && name.isPlainForComparison
            }
            s.names = names; s.keys = keys; s.plainNames = plain
        }
        if s.posts == nil {
            var posts: [Post] = [], postKeys = Set<PostKey>()
            for (p, key) in try conn.query("SELECT title, organization, status, date FROM posts WHERE entity = ?1", [.int64(id)], { r in
                (Post(title: r.text(0), organization: r.optionalText(1), status: r.optionalText(2).flatMap(PostStatus.init(rawValue:)), date: r.optionalText(3)),
                 PostKey(title: NameKey.Bytes(r.text(0)), organization: r.optionalText(1).map(NameKey.Bytes.init),
                         status: r.optionalText(2).map(NameKey.Bytes.init), date: r.optionalText(3).map(NameKey.Bytes.init)))
            }) {
                posts.append(p); postKeys.insert(key)
            }
            s.posts = posts; s.postKeys = postKeys
        }
        if s.type == .official, s.anchorRows == nil { s.anchorRows = try anchorRows(of: id, conn) }
        return s
    }

    private func anchorRows(of id: Int64, _ conn: SQLiteDatabase) throws -> Set<AnchorPair> {
        Set(try conn.query("SELECT name_key, anchor FROM official_anchors WHERE entity = ?1", [.int64(id)]) {
            AnchorPair(key: NameKey.Bytes($0.text(0)), anchor: NameKey.Bytes($0.text(1)))
        })
    }

    /// Entities holding a name of `key` (any type), each with its state cached.
    private func entities(named key: NameKey.Bytes, _ conn: SQLiteDatabase, _ cache: WriterCache) throws -> Set<Int64> {
        if let ids = cache.byKey[key] { return ids }
        if cache.complete { return [] }
        var ids = Set<Int64>()
        for (id, eid, type, name, region) in try conn.query(
            "SELECT n.entity, e.eid, e.type, e.name, e.region IS NOT NULL FROM names n CROSS JOIN entities e ON e.id = n.entity WHERE n.key = ?1",
            [.text(key.string)], { ($0.int(0), $0.text(1), $0.text(2), $0.text(3), $0.int(4) != 0) }) {
            guard ids.insert(id).inserted else { continue }
            if cache.entities[id] == nil, let t = EntityType(rawValue: type) {
                cache.entities[id] = EntityState(eid: eid, type: t, name: name, hasRegion: region)
            }
        }
        cache.byKey[key] = ids
        return ids
    }

    /// Officials holding the row (name key, anchor) of `official_anchors`.
    private func officials(_ pair: AnchorPair, _ conn: SQLiteDatabase, _ cache: WriterCache) throws -> Set<Int64> {
        if let ids = cache.anchored[pair] { return ids }
        if cache.complete { return [] }
        let ids = Set(try conn.query("SELECT entity FROM official_anchors WHERE name_key = ?1 AND anchor = ?2",
                                     [.text(pair.key.string), .text(pair.anchor.string)], { $0.int(0) }))
        cache.anchored[pair] = ids
        return ids
    }

    private func current(_ id: Int64) -> Int64 {
        var cur = id, n = 0
        while let next = redirects[cur], n < 64 { cur = next; n += 1 }
        return cur
    }

    /// The store's side of ``KnowledgeGraph``'s cross-document matching, through ``MergePolicy``:
    /// entities of the type holding a distinctive name of it, and officials of one of its names
    /// whose posts share an anchor with its own (through `official_anchors`). An official's
    /// ``MergePolicy/postAnchors(of:)`` come back too (a new row's anchors are the same).
    private func crossDocumentMatches(_ entity: Entity, _ conn: SQLiteDatabase, _ cache: WriterCache) throws -> (Set<Int64>, Set<String>?) {
        var matches = Set<Int64>()
        // (MergePolicy.crossDocumentKeys(of:), without hashing normalised text.)
        let keys = entity.allNames.map(NameKey.of)
        for key in distinctStrings(keys.filter(MergePolicy.isDistinctiveKey)) {
            for id in try entities(named: NameKey.Bytes(key), conn, cache) where cache.entities[id]?.type == entity.type { matches.insert(id) }
        }
        if entity.type == .official {
            let anchors = MergePolicy.postAnchors(of: entity)
            if !anchors.isEmpty {
                for key in distinctStrings(keys) {
                    for anchor in anchors {
                        for id in try officials(AnchorPair(key: NameKey.Bytes(key), anchor: NameKey.Bytes(anchor)), conn, cache) { matches.insert(id) }
                    }
                }
            }
            return (matches, anchors)
        }
        return (matches, nil)
    }

    /// Rewrites an official's rows of `official_anchors` from its names and posts as the tables
    /// hold them (a whole graph's import).
    private func rewriteAnchors(_ id: Int64, type: EntityType, _ conn: SQLiteDatabase) throws {
        guard type == .official else { return }
        try conn.run("DELETE FROM official_anchors WHERE entity = ?1", .int64(id))
        let anchors = MergePolicy.postAnchors(of: Entity(type: .official, name: "", posts: try posts(of: id, conn)))
        guard !anchors.isEmpty else { return }
        let keys = Set(try conn.query("SELECT key FROM names WHERE entity = ?1", [.int64(id)]) { $0.text(0) })
        for key in keys where !key.isEmpty {
            for anchor in anchors {
                try conn.run("INSERT OR IGNORE INTO official_anchors(name_key, anchor, entity) VALUES (?1, ?2, ?3)", .text(key), .text(anchor), .int64(id))
            }
        }
    }

    /// Brings an official's rows of `official_anchors` to its name keys × ``MergePolicy/postAnchors(of:)``
    /// of its posts, writing only the rows that change (names and posts only grow as entities merge).
    private func refreshAnchors(_ id: Int64, _ conn: SQLiteDatabase, _ cache: WriterCache) throws {
        let s = try details(id, conn, cache)
        guard s.type == .official, let held = s.anchorRows, let keys = s.keys, let posts = s.posts else { return }
        let anchors = MergePolicy.postAnchors(of: Entity(type: .official, name: "", posts: posts))
        var target = Set<AnchorPair>()
        if !anchors.isEmpty {
            let anchorKeys = anchors.map(NameKey.Bytes.init)
            for key in keys where !key.string.isEmpty {
                for anchor in anchorKeys { target.insert(AnchorPair(key: key, anchor: anchor)) }
            }
        }
        if held != target {
            var adding = target
            if held.isSubset(of: target) {
                adding.subtract(held)
            } else {
                try conn.run("DELETE FROM official_anchors WHERE entity = ?1", .int64(id))
                for pair in held { cache.removeAnchor(pair, id) }
            }
            for pair in adding {
                try conn.run("INSERT OR IGNORE INTO official_anchors(name_key, anchor, entity) VALUES (?1, ?2, ?3)",
                             .text(pair.key.string), .text(pair.anchor.string), .int64(id))
                cache.addAnchor(pair, id)
            }
            s.anchorRows = target
        }
        s.anchorsChecked = true
    }

    private func posts(of id: Int64, _ conn: SQLiteDatabase) throws -> [Post] {
        try conn.query("SELECT title, organization, status, date FROM posts WHERE entity = ?1", [.int64(id)]) { s in
            Post(title: s.text(0), organization: s.optionalText(1), status: s.optionalText(2).flatMap(PostStatus.init(rawValue:)), date: s.optionalText(3))
        }
    }

    /// An entity's region as its JSON column holds it (one encoding per distinct region).
    private func regionText(_ region: Region?) -> String? {
        guard let region else { return nil }
        let key = RegionKey(region)
        if let text = regionTexts[key] { return text }
        let text = Self.regionText(region, encoder)
        if let text { regionTexts[key] = text }
        return text
    }

    private var regionTexts: [RegionKey: String] = [:]

    private func addEntity(_ entity: Entity, joining matches: Set<Int64>, anchors postAnchors: Set<String>?, _ conn: SQLiteDatabase, _ cache: WriterCache,
                           _ docID: (String) throws -> Int64) throws -> Int64 {
        if !matches.isEmpty {
            var ranked: [(String, Int64)] = []
            for m in matches { ranked.append((try state(m, conn, cache).eid, m)) }
            ranked.sort { $0.0 < $1.0 }
            let first = ranked[0].1
            var changed = try absorb(name: entity.name, names: entity.allNames, posts: entity.posts, into: first, conn, cache)
            let winner = try state(first, conn, cache)
            if !winner.hasRegion, let region = regionText(entity.region) {
                try conn.run("UPDATE entities SET region = ?2 WHERE id = ?1 AND region IS NULL", .int64(first), .text(region))
                winner.hasRegion = true
            }
            try addMentions(entity.mentions, to: first, conn, docID)
            for (_, other) in ranked.dropFirst() where other != first {
                try mergeEntity(other, into: first, conn, cache)
                changed = true
            }
            if entity.type == .official, changed || !winner.anchorsChecked { try refreshAnchors(first, conn, cache) }
            return first
        }
        // A new row under the entity's id, or the lowest free of `id#2`, `#3`… when another holds
        // it (the unique index on eid refuses the insert: one statement, not a look-up and an
        // insert). The cache knows which suffixes are taken, so the 200th entity of one id tries
        // two ids, not 200.
        var id = entity.id
        let base = NameKey.Bytes(entity.id)
        var n = cache.freeSuffix[base] ?? 2
        let region = regionText(entity.region)
        while true {
            try conn.run("INSERT OR IGNORE INTO entities(eid, type, name, region) VALUES (?1, ?2, ?3, ?4)", .text(id), .text(entity.type.rawValue),
                         .text(entity.name), .text(region))
            if conn.changes > 0 { break }
            if id != entity.id { n += 1 }
            id = "\(entity.id)#\(n)"
        }
        if id != entity.id { cache.freeSuffix[base] = n + 1 }
        let row = conn.lastInsertRowID
        let names = distinctStrings(entity.allNames)
        var keys = Set<NameKey.Bytes>()
        for name in names {
            let key = NameKey.of(name)
            let k = NameKey.Bytes(key)
            keys.insert(k)
            try conn.run("INSERT OR IGNORE INTO names(entity, name, key, canonical) VALUES (?1, ?2, ?3, ?4)",
                         .int64(row), .text(name), .text(key), .int(name == entity.name ? 1 : 0))
            cache.addKey(k, row)
        }
        // A new row has no posts yet: each distinct post goes in as it is.
        let posts = entity.posts.count > 1 ? Array(Set(entity.posts)) : entity.posts
        for p in posts {
            try conn.run("INSERT INTO posts(entity, title, organization, status, date) VALUES (?1, ?2, ?3, ?4, ?5)",
                         .int64(row), .text(p.title), .text(p.organization), .text(p.status?.rawValue), .text(p.date))
        }
        try addMentions(entity.mentions, to: row, conn, docID)
        let s = EntityState(eid: id, type: entity.type, name: entity.name, hasRegion: region != nil)
        s.names = Set(names.map(NameKey.Bytes.init)); s.plainNames = names.allSatisfy(\.isPlainForComparison)
        s.keys = keys; s.posts = posts
        // Its anchors from the names and posts just written (what `refreshAnchors` would make).
        if entity.type == .official {
            var rows = Set<AnchorPair>()
            let anchors = postAnchors ?? MergePolicy.postAnchors(of: Entity(type: .official, name: "", posts: posts))
            for key in keys where !key.string.isEmpty {
                for anchor in anchors {
                    let pair = AnchorPair(key: key, anchor: NameKey.Bytes(anchor))
                    try conn.run("INSERT OR IGNORE INTO official_anchors(name_key, anchor, entity) VALUES (?1, ?2, ?3)", .text(key.string), .text(anchor), .int64(row))
                    rows.insert(pair)
                    cache.addAnchor(pair, row)
                }
            }
            s.anchorRows = rows
            s.anchorsChecked = true
        }
        cache.entities[row] = s
        return row
    }

    private func addPost(_ p: Post, to id: Int64, _ conn: SQLiteDatabase) throws {
        try conn.run("""
            INSERT INTO posts(entity, title, organization, status, date) SELECT ?1, ?2, ?3, ?4, ?5
            WHERE NOT EXISTS (SELECT 1 FROM posts WHERE entity = ?1 AND title = ?2 AND organization IS ?3 AND status IS ?4 AND date IS ?5)
            """, .int64(id), .text(p.title), .text(p.organization), .text(p.status?.rawValue), .text(p.date))
    }

    private func addMentions(_ mentions: [Mention], to id: Int64, _ conn: SQLiteDatabase, _ docID: (String) throws -> Int64) throws {
        // Up to 16 rows a statement (SQLite inserts them one after another, as separate statements would).
        var i = 0
        while i < mentions.count {
            let n = min(mentions.count - i, Self.mentionInserts.count - 1)
            var values: [SQLiteValue] = []
            values.reserveCapacity(5 * n)
            for m in mentions[i..<(i + n)] {
                values.append(.int64(id)); values.append(.int64(try docID(m.document)))
                values.append(.int(m.start)); values.append(.int(m.end)); values.append(.text(m.text))
            }
            try conn.run(Self.mentionInserts[n], values)
            i += n
        }
    }

    /// `INSERT OR IGNORE INTO mentions … VALUES` with 0…16 rows.
    static let mentionInserts: [String] = (0...16).map { n in
        "INSERT OR IGNORE INTO mentions(entity, document, start, \"end\", text) VALUES "
            + (0..<n).map { k in "(?\(5 * k + 1), ?\(5 * k + 2), ?\(5 * k + 3), ?\(5 * k + 4), ?\(5 * k + 5))" }.joined(separator: ", ")
    }

    /// ``KnowledgeGraph``'s absorb on the store: new names join the name index, the fullest
    /// canonical name wins (a longer name containing the old one), posts are united. True when
    /// a name or a post was added.
    private func absorb(name: String, names: [String], posts: [Post], into id: Int64, _ conn: SQLiteDatabase, _ cache: WriterCache) throws -> Bool {
        let s = try details(id, conn, cache)
        var changed = false
        if let held = s.names {
            // Set(names).subtracting(held names), as Swift's String compares them.
            let incoming = distinctStrings(names)
            let fresh = s.plainNames && incoming.allSatisfy(\.isPlainForComparison)
                ? incoming.filter { !held.contains(NameKey.Bytes($0)) }
                : Array(Set(incoming).subtracting(held.map(\.string)))
            for n in fresh {
                let key = NameKey.of(n)
                try conn.run("INSERT OR IGNORE INTO names(entity, name, key, canonical) VALUES (?1, ?2, ?3, 0)", .int64(id), .text(n), .text(key))
                let k = NameKey.Bytes(key)
                s.names?.insert(NameKey.Bytes(n)); s.keys?.insert(k)
                s.plainNames = s.plainNames && n.isPlainForComparison
                cache.addKey(k, id)
                changed = true
            }
        }
        if name.count > s.name.count, name.contains(s.name) {
            try conn.run("UPDATE entities SET name = ?2 WHERE id = ?1", .int64(id), .text(name))
            try conn.run("UPDATE names SET canonical = (name = ?2) WHERE entity = ?1", .int64(id), .text(name))
            s.name = name
        }
        if s.postKeys == nil, !posts.isEmpty { s.postKeys = Set((s.posts ?? []).map(PostKey.init)) }
        for p in posts.count > 1 ? Array(Set(posts)) : posts where s.postKeys?.insert(PostKey(p)).inserted == true {
            try conn.run("INSERT INTO posts(entity, title, organization, status, date) VALUES (?1, ?2, ?3, ?4, ?5)",
                         .int64(id), .text(p.title), .text(p.organization), .text(p.status?.rawValue), .text(p.date))
            s.posts?.append(p)
            changed = true
        }
        return changed
    }

    /// ``KnowledgeGraph``'s node merge on the store: the loser's names, posts and mentions move to
    /// the winner, its edges are re-pointed (merging evidence into an edge the winner has already,
    /// dropping edges that would join the winner to itself), and its row goes.
    private func mergeEntity(_ loser: Int64, into winner: Int64, _ conn: SQLiteDatabase, _ cache: WriterCache) throws {
        guard loser != winner else { return }
        let l = try details(loser, conn, cache)
        _ = try absorb(name: l.name, names: (l.names ?? []).map(\.string), posts: l.posts ?? [], into: winner, conn, cache)
        try conn.run("UPDATE entities SET region = (SELECT region FROM entities WHERE id = ?1) WHERE id = ?2 AND region IS NULL",
                     .int64(loser), .int64(winner))
        if l.hasRegion { try state(winner, conn, cache).hasRegion = true }
        try conn.run("INSERT OR IGNORE INTO mentions(entity, document, start, \"end\", text) SELECT ?2, document, start, \"end\", text FROM mentions WHERE entity = ?1",
                     .int64(loser), .int64(winner))
        for pair in try anchorRows(of: loser, conn) { cache.removeAnchor(pair, loser) }
        for key in l.keys ?? [] { cache.removeKey(key, loser) }
        try conn.run("DELETE FROM mentions WHERE entity = ?1", .int64(loser))
        try conn.run("DELETE FROM names WHERE entity = ?1", .int64(loser))
        try conn.run("DELETE FROM posts WHERE entity = ?1", .int64(loser))
        try conn.run("DELETE FROM official_anchors WHERE entity = ?1", .int64(loser))
        let moving = try conn.query("SELECT id, source, type, target FROM edges WHERE source = ?1 UNION SELECT id, source, type, target FROM edges WHERE target = ?1",
                                    [.int64(loser)]) { ($0.int(0), $0.int(1), $0.text(2), $0.int(3)) }
        for (edge, source, type, target) in moving {
            let s = source == loser ? winner : source, t = target == loser ? winner : target
            if s == t {
                try conn.run("DELETE FROM evidence WHERE edge = ?1", .int64(edge))
                try conn.run("DELETE FROM edges WHERE id = ?1", .int64(edge))
            } else if let existing = try conn.scalar("SELECT id FROM edges WHERE source = ?1 AND type = ?2 AND target = ?3", .int64(s), .text(type), .int64(t)) {
                try conn.run("""
                    INSERT INTO evidence(edge, document, sentence, start, "end", date, rule, amount_text, amount_value, amount_currency)
                    SELECT ?2, v.document, v.sentence, v.start, v."end", v.date, v.rule, v.amount_text, v.amount_value, v.amount_currency
                    FROM evidence v WHERE v.edge = ?1 AND NOT EXISTS (SELECT 1 FROM evidence w WHERE w.edge = ?2 AND w.document = v.document
                      AND w.start = v.start AND w."end" = v."end" AND w.sentence = v.sentence AND w.date IS v.date AND w.rule IS v.rule
                      AND w.amount_text IS v.amount_text AND w.amount_value IS v.amount_value AND w.amount_currency IS v.amount_currency)
                    """, .int64(edge), .int64(existing))
                try conn.run("DELETE FROM evidence WHERE edge = ?1", .int64(edge))
                try conn.run("DELETE FROM edges WHERE id = ?1", .int64(edge))
            } else {
                try conn.run("UPDATE edges SET source = ?2, target = ?3 WHERE id = ?1", .int64(edge), .int64(s), .int64(t))
            }
        }
        try conn.run("DELETE FROM entities WHERE id = ?1", .int64(loser))
        cache.freed(eid: l.eid)
        cache.entities[loser] = nil
        redirects[loser] = winner
    }

    /// Evidence rows written during one document's merge that cite its new document rows: no
    /// other row can cite them, so whether such a row is held is answered here, not by a query.
    struct FreshEvidence {
        let documents: Set<Int64>
        var rows = Set<EvidenceKey>()
    }

    private func addEdge(source: Int64, type: RelationType, target: Int64, evidence: [Evidence], _ conn: SQLiteDatabase,
                         _ docID: (String) throws -> Int64, fresh: inout FreshEvidence?) throws {
        try conn.run("INSERT OR IGNORE INTO edges(source, type, target) VALUES (?1, ?2, ?3)", .int64(source), .text(type.rawValue), .int64(target))
        let edge: Int64
        let isNew = conn.changes > 0
        if isNew { edge = conn.lastInsertRowID } else {
            guard let e = try conn.scalar("SELECT id FROM edges WHERE source = ?1 AND type = ?2 AND target = ?3",
                                          .int64(source), .text(type.rawValue), .int64(target)) else { return }
            edge = e
        }
        func insert(_ ev: Evidence, _ document: Int64) throws {
            try conn.run("""
                INSERT INTO evidence(edge, document, sentence, start, "end", date, rule, amount_text, amount_value, amount_currency)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                """, .int64(edge), .int64(document), .text(ev.sentence), .int(ev.start), .int(ev.end), .text(ev.date),
                         .text(ev.rule), .text(ev.amount?.text), .double(ev.amount?.value), .text(ev.amount?.currency))
        }
        // A new edge holds no evidence yet: its distinct evidence goes in without a check.
        if isNew, evidence.count <= 1 || Set(evidence).count == evidence.count {
            for ev in evidence {
                let document = try docID(ev.document)
                try insert(ev, document)
                if fresh?.documents.contains(document) == true { fresh?.rows.insert(EvidenceKey(edge: edge, document: document, ev)) }
            }
            return
        }
        for ev in evidence {
            let document = try docID(ev.document)
            if fresh?.documents.contains(document) == true {
                guard fresh?.rows.insert(EvidenceKey(edge: edge, document: document, ev)).inserted == true else { continue }
                try insert(ev, document)
                continue
            }
            try conn.run("""
                INSERT INTO evidence(edge, document, sentence, start, "end", date, rule, amount_text, amount_value, amount_currency)
                SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10
                WHERE NOT EXISTS (SELECT 1 FROM evidence WHERE edge = ?1 AND document = ?2 AND start = ?4 AND "end" = ?5 AND sentence = ?3
                  AND date IS ?6 AND rule IS ?7 AND amount_text IS ?8 AND amount_value IS ?9 AND amount_currency IS ?10)
                """, .int64(edge), .int64(document), .text(ev.sentence), .int(ev.start), .int(ev.end), .text(ev.date),
                         .text(ev.rule), .text(ev.amount?.text), .double(ev.amount?.value), .text(ev.amount?.currency))
        }
    }

    // MARK: - Reading

    func reader() throws -> SQLiteDatabase { try connection(create: false) }

    public func counts() throws -> GraphCounts {
        try guarded {
            let conn = try reader()
            return try conn.transaction(immediate: false) { try counts(conn) }
        }
    }

    /// Counts from the `counts` table, which triggers keep as rows come and go (a `count(*)` over
    /// a million edges would cost a build's summary a second).
    private func counts(_ conn: SQLiteDatabase) throws -> GraphCounts {
        var c = GraphCounts(documents: 0, entities: 0, relations: 0, entitiesByType: [:], relationsByType: [:])
        for (kind, type, n) in try conn.query("SELECT kind, type, n FROM counts WHERE n > 0", [], { ($0.text(0), $0.text(1), Int($0.int(2))) }) {
            switch kind {
            case "documents": c.documents += n
            case "entities": c.entities += n; c.entitiesByType[type] = n
            case "edges": c.relations += n; c.relationsByType[type] = n
            default: break
            }
        }
        return c
    }

    /// A document's record from a row of `doc, path, sha256, encoding, format, length, title, byline, articles, record`.
    static func documentRecord(_ s: SQLiteStatement, _ dec: JSONDecoder) throws -> DocumentRecord {
        if let record = try? dec.decode(DocumentRecord.self, from: Data(s.text(9).utf8)) { return record }
        let byline = (try? dec.decode([String].self, from: Data(s.text(7).utf8))) ?? []
        let articles = (try? dec.decode([ArticleRecord].self, from: Data(s.text(8).utf8))) ?? []
        return DocumentRecord(id: s.text(0), path: s.text(1), sha256: s.text(2), encoding: s.text(3), format: s.text(4),
                              length: Int(s.int(5)), title: s.optionalText(6), byline: byline, articles: articles)
    }

    func documentRecords(_ conn: SQLiteDatabase, ids: Set<Int64>? = nil) throws -> [DocumentRecord] {
        let dec = JSONDecoder()
        let sql = "SELECT doc, path, sha256, encoding, format, length, title, byline, articles, record FROM documents"
        func read(_ s: SQLiteStatement) throws -> DocumentRecord { try Self.documentRecord(s, dec) }
        guard let ids else { return try conn.query(sql + " ORDER BY doc", [], read) }
        var out: [DocumentRecord] = []
        for id in ids.sorted() { out += try conn.query(sql + " WHERE id = ?1", [.int64(id)], read) }
        return out
    }

    func entity(_ id: Int64, mentions: Bool, _ conn: SQLiteDatabase) throws -> Entity? {
        guard let (eid, type, name, regionJSON) = try conn.query("SELECT eid, type, name, region FROM entities WHERE id = ?1", [.int64(id)], {
            ($0.text(0), EntityType(rawValue: $0.text(1)), $0.text(2), $0.optionalText(3))
        }).first, let type else { return nil }
        let aliases = try conn.query("SELECT name FROM names WHERE entity = ?1", [.int64(id)]) { $0.text(0) }
        var e = Entity(id: eid, type: type, name: name, aliases: aliases, posts: try posts(of: id, conn))
        e.region = regionJSON.flatMap { try? JSONDecoder().decode(Region.self, from: Data($0.utf8)) }
        if mentions {
            e.mentions = try conn.query("SELECT d.doc, m.start, m.\"end\", m.text FROM mentions m JOIN documents d ON d.id = m.document WHERE m.entity = ?1",
                                        [.int64(id)]) { Mention(document: $0.text(0), start: Int($0.int(1)), end: Int($0.int(2)), text: $0.text(3)) }.sorted()
        }
        return e
    }

    private func evidence(of edge: Int64, _ conn: SQLiteDatabase) throws -> [Evidence] {
        try conn.query("""
            SELECT d.doc, v.sentence, v.start, v."end", v.date, v.rule, v.amount_text, v.amount_value, v.amount_currency
            FROM evidence v JOIN documents d ON d.id = v.document WHERE v.edge = ?1
            """, [.int64(edge)]) { s in
            Evidence(document: s.text(0), sentence: s.text(1), start: Int(s.int(2)), end: Int(s.int(3)), date: s.optionalText(4),
                     rule: s.optionalText(5), amount: s.optionalText(6).map { Amount(text: $0, value: s.optionalDouble(7), currency: s.optionalText(8) ?? "CNY") })
        }
    }

    public func loadAll() throws -> KnowledgeGraph {
        try guarded {
            let conn = try reader()
            return try conn.transaction(immediate: false) { try loadGraph(conn) }
        }
    }

    /// The whole graph, read in the caller's transaction.
    func loadGraph(_ conn: SQLiteDatabase) throws -> KnowledgeGraph {
                let docs = try documentRecords(conn)
                var slot: [Int64: Int] = [:]
                var rows: [(Int64, String, EntityType, String)] = []
                var regions: [Region?] = []
                let regionDecoder = JSONDecoder()
                for row in try conn.query("SELECT id, eid, type, name, region FROM entities ORDER BY eid", [], {
                    ($0.int(0), $0.text(1), $0.text(2), $0.text(3), $0.optionalText(4))
                }) {
                    guard let t = EntityType(rawValue: row.2) else { throw GraphStoreError.corrupt(path: path, detail: "unknown entity type \(row.2)") }
                    slot[row.0] = rows.count
                    rows.append((row.0, row.1, t, row.3))
                    regions.append(row.4.flatMap { try? regionDecoder.decode(Region.self, from: Data($0.utf8)) })
                }
                var names = Array(repeating: [String](), count: rows.count)
                for (e, n) in try conn.query("SELECT entity, name FROM names", [], { ($0.int(0), $0.text(1)) }) { if let i = slot[e] { names[i].append(n) } }
                var posts = Array(repeating: [Post](), count: rows.count)
                for (e, p) in try conn.query("SELECT entity, title, organization, status, date FROM posts", [], {
                    ($0.int(0), Post(title: $0.text(1), organization: $0.optionalText(2), status: $0.optionalText(3).flatMap(PostStatus.init(rawValue:)), date: $0.optionalText(4)))
                }) { if let i = slot[e] { posts[i].append(p) } }
                var docName: [Int64: String] = [:]
                for (id, d) in try conn.query("SELECT id, doc FROM documents", [], { ($0.int(0), $0.text(1)) }) { docName[id] = d }
                var mentions = Array(repeating: [Mention](), count: rows.count)
                for (e, m) in try conn.query("SELECT entity, document, start, \"end\", text FROM mentions", [], {
                    ($0.int(0), Mention(document: docName[$0.int(1)] ?? "", start: Int($0.int(2)), end: Int($0.int(3)), text: $0.text(4)))
                }) { if let i = slot[e] { mentions[i].append(m) } }
                let entities = rows.indices.map { i in
                    Entity(id: rows[i].1, type: rows[i].2, name: rows[i].3, aliases: names[i], posts: posts[i], mentions: mentions[i],
                           region: regions[i])
                }
                var evidence: [Int64: [Evidence]] = [:]
                for (edge, ev) in try conn.query("""
                    SELECT edge, document, sentence, start, "end", date, rule, amount_text, amount_value, amount_currency FROM evidence
                    """, [], { s in
                    (s.int(0), Evidence(document: docName[s.int(1)] ?? "", sentence: s.text(2), start: Int(s.int(3)), end: Int(s.int(4)), date: s.optionalText(5),
                                        rule: s.optionalText(6), amount: s.optionalText(7).map { Amount(text: $0, value: s.optionalDouble(8), currency: s.optionalText(9) ?? "CNY") }))
                }) { evidence[edge, default: []].append(ev) }
                var edges: [(source: Int, relation: Relation, target: Int)] = []
                for (id, s, type, t) in try conn.query("SELECT id, source, type, target FROM edges", [], { ($0.int(0), $0.int(1), $0.text(2), $0.int(3)) }) {
                    guard let si = slot[s], let ti = slot[t], let rt = RelationType(rawValue: type) else {
                        throw GraphStoreError.corrupt(path: path, detail: "edge \(id) names an unknown node or type")
                    }
                    edges.append((si, Relation(source: rows[si].1, type: rt, target: rows[ti].1, evidence: evidence[id] ?? []), ti))
                }
                return KnowledgeGraph(loadingDocuments: docs, entities: entities, edges: edges)
    }

    /// Entity rows named by the first of `names` that names any (name or alias, by ``NameKey``),
    /// in ``KnowledgeGraph/lookup(_:)``'s order: exact canonical names first, then by id.
    private func lookup(_ names: [String], _ conn: SQLiteDatabase) throws -> [Int64] {
        for n in names {
            let key = NameKey.of(n)
            let hits = try conn.query("SELECT n.entity, e.eid, e.name FROM names n CROSS JOIN entities e ON e.id = n.entity WHERE n.key = ?1",
                                      [.text(key)]) { ($0.int(0), $0.text(1), NameKey.of($0.text(2)) == key) }
            guard !hits.isEmpty else { continue }
            var seen = Set<Int64>()
            return hits.sorted { $0.2 != $1.2 ? $0.2 : $0.1 < $1.1 }.map(\.0).filter { seen.insert($0).inserted }
        }
        return []
    }

    /// When a name matches nothing: the entities whose names come closest (those sharing a
    /// character with it; ``KnowledgeGraph/suggestions(for:limit:)`` ranks them).
    private func closest(_ names: [String], _ conn: SQLiteDatabase, limit: Int = 20) throws -> [Int64] {
        var scored: [Int64: Int] = [:]
        for n in names {
            let q = NameKey.of(n)
            guard !q.isEmpty else { continue }
            let chars = Array(Set(q)).prefix(16).map(String.init)
            let sql = "SELECT entity, key FROM names WHERE " + chars.indices.map { "instr(key, ?\($0 + 1)) > 0" }.joined(separator: " OR ")
            for (id, k) in try conn.query(sql, chars.map { .text($0) }, { ($0.int(0), $0.text(1)) }) {
                let score = (k.contains(q) || q.contains(k)) ? abs(k.count - q.count) : 100 + editDistance(Array(k), Array(q))
                scored[id] = min(scored[id] ?? .max, score)
            }
        }
        return scored.sorted { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }.prefix(limit).map(\.key)
    }

    /// Edges touching a node: (edge, other end, outgoing).
    private func incident(_ id: Int64, _ conn: SQLiteDatabase) throws -> [(Int64, Int64)] {
        try conn.query("SELECT id, target FROM edges WHERE source = ?1", [.int64(id)]) { ($0.int(0), $0.int(1)) }
            + conn.query("SELECT id, source FROM edges WHERE target = ?1", [.int64(id)]) { ($0.int(0), $0.int(1)) }
    }

    /// A graph of the given entities and edges, read from the store.
    private func graph(nodes: [Int64], edges: Set<Int64>, mentionsOf: Set<Int64>, _ conn: SQLiteDatabase) throws -> KnowledgeGraph {
        var g = KnowledgeGraph()
        var docs = Set<Int64>()
        var eids: [Int64: String] = [:]
        for id in nodes {
            guard let e = try entity(id, mentions: mentionsOf.contains(id), conn) else { continue }
            eids[id] = e.id
            g.insertVerbatim(e)
        }
        for edge in edges.sorted() {
            guard let (s, type, t) = try conn.query("SELECT source, type, target FROM edges WHERE id = ?1", [.int64(edge)], {
                ($0.int(0), RelationType(rawValue: $0.text(1)), $0.int(2))
            }).first, let type, let sid = eids[s], let tid = eids[t] else { continue }
            g.add(Relation(source: sid, type: type, target: tid, evidence: try evidence(of: edge, conn)))
            for d in try conn.query("SELECT DISTINCT document FROM evidence WHERE edge = ?1", [.int64(edge)], { $0.int(0) }) { docs.insert(d) }
        }
        for id in mentionsOf {
            for d in try conn.query("SELECT DISTINCT document FROM mentions WHERE entity = ?1", [.int64(id)], { $0.int(0) }) { docs.insert(d) }
        }
        for d in try documentRecords(conn, ids: docs) { g.addDocument(d) }
        return g
    }

    /// `mentions`: read the named entities' mentions too (a hub's run to tens of thousands; `show` prints them).
    public func neighbourhood(of names: [String], depth: Int, mentions: Bool) throws -> KnowledgeGraph {
        try guarded {
            let conn = try reader()
            return try conn.transaction(immediate: false) {
                let focus = try lookup(names, conn)
                guard !focus.isEmpty else { return try graph(nodes: try closest(names, conn), edges: [], mentionsOf: [], conn) }
                var seen = Set(focus), order = focus, frontier = focus, edges = Set<Int64>()
                for _ in 0..<max(0, depth) {
                    var next: [Int64] = []
                    for node in frontier {
                        for (edge, other) in try incident(node, conn) {
                            edges.insert(edge)
                            if seen.insert(other).inserted { next.append(other); order.append(other) }
                        }
                    }
                    frontier = next
                    if frontier.isEmpty { break }
                }
                return try graph(nodes: order, edges: edges, mentionsOf: mentions ? Set(focus) : [], conn)
            }
        }
    }

    public func pathGraph(from: [String], to: [String]) throws -> KnowledgeGraph {
        try guarded {
            let conn = try reader()
            return try conn.transaction(immediate: false) {
                let a = try lookup(from, conn), b = try lookup(to, conn)
                guard !a.isEmpty, !b.isEmpty else {
                    let nodes = (a.isEmpty ? try closest(from, conn) : a) + (b.isEmpty ? try closest(to, conn) : b)
                    return try graph(nodes: nodes, edges: [], mentionsOf: [], conn)
                }
                // The command follows the first match of each name; so does the search.
                let (pathNodes, pathEdges) = try shortestPath(a[0], b[0], conn)
                return try graph(nodes: Array(Set(a + b + pathNodes)).sorted(), edges: pathEdges, mentionsOf: [], conn)
            }
        }
    }

    /// Bidirectional breadth-first search over the edge tables (both directions); the nodes
    /// and the edges between consecutive nodes of one shortest path.
    private func shortestPath(_ a: Int64, _ b: Int64, _ conn: SQLiteDatabase) throws -> ([Int64], Set<Int64>) {
        if a == b { return ([a], []) }
        var parentA: [Int64: Int64] = [a: a], parentB: [Int64: Int64] = [b: b]
        var frontierA = [a], frontierB = [b]
        var meet: Int64?
        while meet == nil, !frontierA.isEmpty, !frontierB.isEmpty {
            let forward = frontierA.count <= frontierB.count
            var next: [Int64] = []
            for node in forward ? frontierA : frontierB {
                for (_, other) in try incident(node, conn) {
                    if forward {
                        if parentA[other] == nil { parentA[other] = node; next.append(other) }
                        if parentB[other] != nil { meet = other; break }
                    } else {
                        if parentB[other] == nil { parentB[other] = node; next.append(other) }
                        if parentA[other] != nil { meet = other; break }
                    }
                }
                if meet != nil { break }
            }
            if forward { frontierA = next } else { frontierB = next }
        }
        guard let meet else { return ([a, b], []) }
        var left: [Int64] = [meet], cur = meet
        while cur != a, let p = parentA[cur] { left.append(p); cur = p }
        var right: [Int64] = [], c2 = meet
        while c2 != b, let p = parentB[c2] { right.append(p); c2 = p }
        let nodes = Array(left.reversed()) + right
        var edges = Set<Int64>()
        for (x, y) in zip(nodes, nodes.dropFirst()) {
            for (edge, other) in try incident(x, conn) where other == y { edges.insert(edge) }
        }
        return (nodes, edges)
    }

    public func search(_ text: String) throws -> KnowledgeGraph {
        try guarded {
            let conn = try reader()
            return try conn.transaction(immediate: false) {
                let q = NameKey.of(text)
                let ids = try conn.query("SELECT DISTINCT entity FROM names WHERE instr(key, ?1) > 0 ORDER BY entity", [.text(q)]) { $0.int(0) }
                return try graph(nodes: ids, edges: [], mentionsOf: [], conn)
            }
        }
    }

    public func statistics(top: Int) throws -> GraphStatistics {
        try guarded {
            let conn = try reader()
            return try conn.transaction(immediate: false) {
                let counts = try counts(conn)
                // Union-find over the edge table (integer pairs only) for the components, degrees alongside.
                var parent: [Int64: Int64] = [:], degree: [Int64: Int] = [:]
                func find(_ x: Int64) -> Int64 {
                    var r = x
                    while let p = parent[r], p != r { r = p }
                    var c = x
                    while let p = parent[c], p != r { parent[c] = r; c = p }
                    return r
                }
                let s = try conn.prepare("SELECT source, target FROM edges")
                while try s.step() {
                    let a = s.int(0), b = s.int(1)
                    degree[a, default: 0] += 1; degree[b, default: 0] += 1
                    if parent[a] == nil { parent[a] = a }
                    if parent[b] == nil { parent[b] = b }
                    let ra = find(a), rb = find(b)
                    if ra != rb { parent[ra] = rb }
                }
                var sizes: [Int64: Int] = [:]
                for x in parent.keys { sizes[find(x), default: 0] += 1 }
                let isolated = counts.entities - parent.count
                let components = sizes.count + isolated
                let largest = max(sizes.values.max() ?? 0, isolated > 0 ? 1 : 0)
                // Top by degree, ties by id: every node of the cut-off degree takes part in the tie-break.
                var ranked: [(entity: Entity, degree: Int)] = []
                if top > 0 {
                    let byDegree = degree.sorted { $0.value > $1.value }
                    let cutoff = byDegree.count >= top ? byDegree[top - 1].value : 0
                    var candidates = byDegree.filter { $0.value >= max(cutoff, 1) }.map { ($0.key, $0.value) }
                    if cutoff == 0 {
                        // Fewer linked nodes than asked: isolated nodes fill the list.
                        candidates += try conn.query("SELECT id FROM entities WHERE id NOT IN (SELECT source FROM edges) AND id NOT IN (SELECT target FROM edges)",
                                                     [], { ($0.int(0), 0) })
                    }
                    for (id, d) in candidates { if let e = try entity(id, mentions: false, conn) { ranked.append((e, d)) } }
                    ranked.sort { $0.degree != $1.degree ? $0.degree > $1.degree : $0.entity.id < $1.entity.id }
                    ranked = Array(ranked.prefix(top))
                }
                return GraphStatistics(counts: counts, components: components, largestComponent: largest, topByDegree: ranked)
            }
        }
    }
}

extension SQLiteValue {
    /// An integer from a rowid.
    static func int64(_ i: Int64) -> SQLiteValue { .int(i) }
}
