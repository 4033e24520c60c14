import CSQLite
import Foundation

/// What can go wrong talking to an SQLite database file, said so a user knows what to do.
public enum SQLiteError: Error, CustomStringConvertible, Equatable {
    /// The file could not be opened (missing folder, no permission, …).
    case cannotOpen(path: String, reason: String)
    /// The file is not an SQLite database (or its header is damaged).
    case notADatabase(path: String)
    /// SQLite found damaged pages.
    case damaged(path: String, detail: String)
    /// Another process held the database's write lock for longer than the busy timeout.
    case busy(path: String)
    /// The file or its folder is read-only.
    case readOnly(path: String)
    /// Any other failure, with SQLite's message and the statement that failed.
    case failed(path: String, code: Int32, message: String)

    public var description: String {
        switch self {
        case .cannotOpen(let p, let r): "\(p): cannot open the graph database: \(r)"
        case .notADatabase(let p): "\(p): not an SQLite graph database (the file is damaged or is something else); it was left as it is"
        case .damaged(let p, let d): "\(p): the graph database is damaged (\(d)); it was left as it is"
        case .busy(let p): "\(p): another guanxi process kept the graph database locked too long; try again"
        case .readOnly(let p): "\(p): the graph database (or its folder) is read-only"
        case .failed(let p, let c, let m): "\(p): SQLite error \(c): \(m)"
        }
    }
}

/// SQLite's way of saying "no value": the destructor argument that makes SQLite copy bound text.
private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One connection to an SQLite database file: a thin, owned wrapper over the C API
/// (connection, prepared statements, transactions). Not shared between threads.
public final class SQLiteDatabase {
    /// The path as the user gave it (named in every error).
    public let path: String
    private var handle: OpaquePointer?
    private var cache: [String: SQLiteStatement] = [:]

    /// Opens (or, with `create`, creates) the database at `path`. `readOnly` opens without the
    /// right to write. A busy timeout lets a reader wait for a writer's commit and writers take turns.
    public init(path: String, create: Bool, readOnly: Bool = false, busyTimeout: Int32 = 600_000) throws {
        self.path = path
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError.cannotOpen(path: path, reason: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeout)
    }

    deinit { close() }

    /// Closes the connection (statements first). Safe to call twice.
    public func close() {
        for s in cache.values { s.finalize() }
        cache = [:]
        if let h = handle { sqlite3_close_v2(h) }
        handle = nil
    }

    /// The error for SQLite's result code `rc` on this connection.
    func error(_ rc: Int32, _ sql: String? = nil) -> SQLiteError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "closed"
        switch rc & 0xFF {
        case SQLITE_NOTADB: return .notADatabase(path: path)
        case SQLITE_CORRUPT: return .damaged(path: path, detail: message)
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy(path: path)
        case SQLITE_READONLY, SQLITE_PERM: return .readOnly(path: path)
        case SQLITE_CANTOPEN: return .cannotOpen(path: path, reason: message)
        default: return .failed(path: path, code: rc, message: message + (sql.map { " (in \($0.prefix(80)))" } ?? ""))
        }
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        guard let handle else { throw SQLiteError.cannotOpen(path: path, reason: "closed") }
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw error(rc, sql) }
    }

    /// A prepared statement, compiled once per connection and reused.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        if let s = cache[sql] { s.reset(); return s }
        guard let handle else { throw SQLiteError.cannotOpen(path: path, reason: "closed") }
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(rc, sql) }
        let s = SQLiteStatement(stmt, db: self, sql: sql)
        cache[sql] = s
        return s
    }

    /// Runs a statement with its parameters, returning nothing.
    public func run(_ sql: String, _ values: SQLiteValue...) throws {
        try run(sql, values)
    }

    /// Runs a statement with its parameters given as an array, returning nothing.
    public func run(_ sql: String, _ values: [SQLiteValue]) throws {
        let s = try prepare(sql)
        try s.bind(values)
        while try s.step() {}
    }

    /// Rows of a query, each read by `row`.
    public func query<T>(_ sql: String, _ values: [SQLiteValue] = [], _ row: (SQLiteStatement) throws -> T) throws -> [T] {
        let s = try prepare(sql)
        try s.bind(values)
        var out: [T] = []
        while try s.step() { out.append(try row(s)) }
        return out
    }

    /// The first column of the first row, as an integer.
    public func scalar(_ sql: String, _ values: SQLiteValue...) throws -> Int64? {
        let s = try prepare(sql)
        try s.bind(values)
        defer { s.reset() }
        return try s.step() ? (s.isNull(0) ? nil : s.int(0)) : nil
    }

    /// The rowid of the last insert on this connection.
    public var lastInsertRowID: Int64 { handle.map { sqlite3_last_insert_rowid($0) } ?? 0 }
    /// Rows changed by the last statement.
    public var changes: Int { handle.map { Int(sqlite3_changes($0)) } ?? 0 }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    /// `immediate` takes the write lock at once (writers wait for each other there, under the busy timeout).
    /// Inside a transaction already open, `body` runs in a savepoint of it.
    public func transaction<T>(immediate: Bool = true, _ body: () throws -> T) throws -> T {
        let nested = handle.map { sqlite3_get_autocommit($0) == 0 } ?? false
        let (begin, commit, rollback) = nested ? ("SAVEPOINT nested", "RELEASE nested", "ROLLBACK TO nested; RELEASE nested")
            : (immediate ? "BEGIN IMMEDIATE" : "BEGIN", "COMMIT", "ROLLBACK")
        try execute(begin)
        do {
            let value = try body()
            try execute(commit)
            return value
        } catch {
            try? execute(rollback)
            throw error
        }
    }
}

/// A value bound to a statement's parameter.
public enum SQLiteValue {
    case int(Int64)
    case double(Double)
    case text(String)
    case null

    /// Text, or NULL for nil.
    public static func text(_ s: String?) -> SQLiteValue { s.map { .text($0) } ?? .null }
    /// An integer from an `Int`.
    public static func int(_ i: Int) -> SQLiteValue { .int(Int64(i)) }
    /// A double, or NULL for nil.
    public static func double(_ d: Double?) -> SQLiteValue { d.map { .double($0) } ?? .null }
}

/// A compiled statement of an ``SQLiteDatabase``.
public final class SQLiteStatement {
    private var stmt: OpaquePointer?
    private unowned let db: SQLiteDatabase
    let sql: String

    init(_ stmt: OpaquePointer, db: SQLiteDatabase, sql: String) { self.stmt = stmt; self.db = db; self.sql = sql }

    func finalize() { if let stmt { sqlite3_finalize(stmt) }; stmt = nil }

    /// Makes the statement ready to run again (bindings cleared).
    public func reset() {
        guard let stmt else { return }
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
    }

    /// Binds parameters ?1, ?2, … in order.
    public func bind(_ values: [SQLiteValue]) throws {
        guard let stmt else { return }
        for (i, v) in values.enumerated() {
            let k = Int32(i + 1)
            let rc: Int32
            switch v {
            case .int(let x): rc = sqlite3_bind_int64(stmt, k, x)
            case .double(let x): rc = sqlite3_bind_double(stmt, k, x)
            case .text(let s): rc = sqlite3_bind_text(stmt, k, s, -1, SQLITE_TRANSIENT)
            case .null: rc = sqlite3_bind_null(stmt, k)
            }
            guard rc == SQLITE_OK else { throw db.error(rc, sql) }
        }
    }

    /// Advances to the next row: true when there is one, false when done.
    public func step() throws -> Bool {
        guard let stmt else { return false }
        let rc = sqlite3_step(stmt)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { sqlite3_reset(stmt); return false }
        let e = db.error(rc, sql)
        sqlite3_reset(stmt)
        throw e
    }

    public func int(_ column: Int32) -> Int64 { stmt.map { sqlite3_column_int64($0, column) } ?? 0 }
    public func double(_ column: Int32) -> Double { stmt.map { sqlite3_column_double($0, column) } ?? 0 }
    public func isNull(_ column: Int32) -> Bool { stmt.map { sqlite3_column_type($0, column) == SQLITE_NULL } ?? true }
    public func text(_ column: Int32) -> String {
        guard let stmt, let p = sqlite3_column_text(stmt, column) else { return "" }
        let n = Int(sqlite3_column_bytes(stmt, column))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }
    public func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
    public func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }
}
