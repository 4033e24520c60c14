import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What can go wrong reading or writing a graph file, said so a user knows what to do.
public enum GraphStoreError: Error, CustomStringConvertible, Equatable {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case corrupt(path: String, detail: String)
    case unsupportedVersion(path: String, found: Int, supported: Int)
    case notAGraph(path: String)
    case writeFailed(path: String, reason: String)
    case locked(path: String)
    /// `import` into a store that holds a graph already.
    case notEmpty(path: String)

    public var description: String {
        switch self {
        case .missing(let p):
            "\(p): no graph file here (build one with `guanxi build PATH --graph \(p)`)"
        case .unreadable(let p, let r): "\(p): cannot read the graph file: \(r)"
        case .corrupt(let p, let d):
            "\(p): the graph file is damaged or was edited by hand and no longer parses (\(d)); it was left as it is"
        case .unsupportedVersion(let p, let found, let supported):
            found > supported
                ? "\(p): graph schema version \(found) is newer than this guanxi understands (\(supported)); upgrade guanxi"
                : "\(p): graph schema version \(found) is older than this guanxi reads (\(supported)); rebuild it from its sources"
        case .notAGraph(let p):
            "\(p): this is not a Guanxi graph file (another program's JSON or SQLite database, or a JSON graph under a name without .json); it was left as it is"
        case .writeFailed(let p, let r): "\(p): cannot write the graph file: \(r); the previous file is untouched"
        case .locked(let p): "\(p): another guanxi process holds the graph's lock"
        case .notEmpty(let p): "\(p): the graph holds documents already; import into a new graph (or add documents with `guanxi build`)"
        }
    }
}

/// The graph as one JSON file: the import/export form (`graphs/seeds.json`) and the store of
/// ``JSONGraphStore`` (paths ending in `.json`). The default store is ``SQLiteGraphStore``.
///
/// The file is `{"format": "guanxi-graph", "schemaVersion": 1, "documents": […],
/// "nodes": [{…, "out": [{"type", "target", "evidence"}]}]}` — the nodes with their out-lists
/// (in-lists are rebuilt on load). Keys and arrays are sorted, so the same graph always gives the
/// same bytes. Writes go to a temporary file in the same folder, are flushed to disk, then renamed
/// over the old file: a crash leaves the old graph or the new one, never half of one.
public enum GraphFile {
    /// The schema version this build writes and reads.
    public static let schemaVersion = 1
    public static let formatName = "guanxi-graph"

    struct FileNode: Codable {
        var id: String
        var type: EntityType
        var name: String
        var aliases: [String]
        var posts: [Post]
        var mentions: [Mention]
        var region: Region?
        var out: [FileEdge]
    }
    struct FileEdge: Codable {
        var type: RelationType
        var target: String
        var evidence: [Evidence]
    }
    struct FileGraph: Codable {
        var format: String
        var schemaVersion: Int
        var documents: [DocumentRecord]
        var nodes: [FileNode]
    }
    struct Header: Decodable {
        var format: String?
        var schemaVersion: Int?
    }

    /// The graph's bytes as written to disk.
    public static func encode(_ graph: KnowledgeGraph) throws -> Data {
        try encode(graph, formatting: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }

    /// The graph as one line of JSON (no newline inside; one ends it): a line of `guanxi extract --jsonl`.
    public static func encodeLine(_ graph: KnowledgeGraph) throws -> Data {
        try encode(graph, formatting: [.sortedKeys, .withoutEscapingSlashes])
    }

    static func encode(_ graph: KnowledgeGraph, formatting: JSONEncoder.OutputFormatting) throws -> Data {
        var outByNode: [String: [FileEdge]] = [:]
        for r in graph.edges {
            outByNode[r.source, default: []].append(FileEdge(type: r.type, target: r.target, evidence: r.evidence))
        }
        let nodes = graph.entities.map { e in
            FileNode(id: e.id, type: e.type, name: e.name, aliases: e.aliases, posts: e.posts,
                     mentions: e.mentions, region: e.region, out: outByNode[e.id] ?? [])
        }
        let file = FileGraph(format: formatName, schemaVersion: schemaVersion,
                             documents: graph.documentList, nodes: nodes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        var data = try encoder.encode(file)
        data.append(0x0A)
        return data
    }

    /// A graph from its JSON bytes; `path` names the file in errors.
    public static func decode(_ data: Data, path: String) throws -> KnowledgeGraph {
        let decoder = JSONDecoder()
        let header: Header
        do { header = try decoder.decode(Header.self, from: data) } catch {
            throw GraphStoreError.corrupt(path: path, detail: JSONDiagnosis.problem(in: data) ?? describe(error))
        }
        guard header.format == formatName else { throw GraphStoreError.notAGraph(path: path) }
        guard let version = header.schemaVersion else {
            throw GraphStoreError.corrupt(path: path, detail: "no schemaVersion")
        }
        guard version == schemaVersion else {
            throw GraphStoreError.unsupportedVersion(path: path, found: version, supported: schemaVersion)
        }
        let file: FileGraph
        do { file = try decoder.decode(FileGraph.self, from: data) } catch {
            throw GraphStoreError.corrupt(path: path, detail: JSONDiagnosis.problem(in: data) ?? describe(error))
        }
        var graph = KnowledgeGraph()
        for doc in file.documents { graph.addDocument(doc) }
        for n in file.nodes {
            graph.insertVerbatim(Entity(id: n.id, type: n.type, name: n.name, aliases: n.aliases,
                                        posts: n.posts, mentions: n.mentions, region: n.region))
        }
        for n in file.nodes {
            for e in n.out {
                guard graph.entity(id: e.target) != nil else {
                    throw GraphStoreError.corrupt(path: path, detail: "edge from \(n.id) to unknown node \(e.target)")
                }
                graph.add(Relation(source: n.id, type: e.type, target: e.target, evidence: e.evidence))
            }
        }
        return graph
    }

    /// Loads the graph at `path`.
    public static func load(_ path: String) throws -> KnowledgeGraph {
        guard FileManager.default.fileExists(atPath: path) else { throw GraphStoreError.missing(path: path) }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe) } catch {
            throw GraphStoreError.unreadable(path: path, reason: error.localizedDescription)
        }
        return try decode(data, path: path)
    }

    /// Loads the graph at `path`, or an empty graph when there is no file yet.
    public static func loadOrEmpty(_ path: String) throws -> KnowledgeGraph {
        FileManager.default.fileExists(atPath: path) ? try load(path) : KnowledgeGraph()
    }

    /// Writes the graph as JSON atomically (temporary file in the same folder, fsync, rename).
    public static func save(_ graph: KnowledgeGraph, to path: String) throws {
        try writeAtomically(try encode(graph), to: path)
    }

    /// Writes bytes to `path` atomically: the old file or the new one, never a mix.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: dir) {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw GraphStoreError.writeFailed(path: path, reason: error.localizedDescription)
            }
        }
        // The one writer of files (``OutputFile``): temporary file, fsync, rename, the folder
        // fsynced; the old file's mode kept and a symbolic link written through, not replaced.
        do { try OutputFile.write(data, to: path) } catch let e as OutputError {
            throw GraphStoreError.writeFailed(path: path, reason: e.description)
        }
        removeStaleTemporaries(dir: dir, name: url.lastPathComponent)
    }

    /// Deletes `.NAME.tmp-PID-…` files that a writer killed mid-write (SIGKILL, power loss) left
    /// behind: those whose process is gone. A live writer's file is never touched.
    static func removeStaleTemporaries(dir: String, name: String) {
        let prefix = ".\(name).tmp-"
        guard let items = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for item in items where item.hasPrefix(prefix) {
            let rest = item.dropFirst(prefix.count)
            guard let pid = rest.split(separator: "-").first.flatMap({ pid_t($0) }), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink("\(dir)/\(item)") }
        }
    }

    /// Runs `body` holding an exclusive advisory lock on `path + ".lock"`, so two builds of the
    /// same graph take turns instead of losing each other's documents.
    public static func withLock<T>(_ path: String, _ body: () throws -> T) throws -> T {
        // One lock per file, not per name: a symbolic link and its target share it.
        let lockPath = URL(fileURLWithPath: path).resolvingSymlinksInPath().path + ".lock"
        let dir = URL(fileURLWithPath: lockPath).deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // The lock file is removed when its holder is done, so none is left beside the graph. A
        // process that waited on a file removed meanwhile holds a lock nobody else sees: it checks,
        // once it holds the lock, that the path still names its file, and opens it again if not.
        while true {
            let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
            guard fd >= 0 else { throw GraphStoreError.writeFailed(path: lockPath, reason: String(cString: strerror(errno))) }
            while flock(fd, LOCK_EX) != 0 {
                if errno != EINTR { close(fd); throw GraphStoreError.locked(path: path) }
            }
            var held = stat(), named = stat()
            guard fstat(fd, &held) == 0, stat(lockPath, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev else {
                flock(fd, LOCK_UN); close(fd)
                continue
            }
            defer { unlink(lockPath); flock(fd, LOCK_UN); close(fd) }
            return try body()
        }
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c): return c.debugDescription + codingPath(c.codingPath)
        case DecodingError.keyNotFound(let k, let c): return "missing \"\(k.stringValue)\"" + codingPath(c.codingPath)
        case DecodingError.typeMismatch(_, let c): return c.debugDescription + codingPath(c.codingPath)
        case DecodingError.valueNotFound(_, let c): return c.debugDescription + codingPath(c.codingPath)
        default: return "\(error)"
        }
    }

    static func codingPath(_ path: [CodingKey]) -> String {
        path.isEmpty ? "" : " at " + path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
