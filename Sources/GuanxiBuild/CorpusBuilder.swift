import Foundation
import GuanxiExtract
import GuanxiGraph
import GuanxiText
#if canImport(Glibc)
import Glibc
#endif

/// Why a build wrote nothing.
public enum BuildError: Error, CustomStringConvertible {
    /// The store could not be read or written.
    case store(GraphStoreError)
    /// `--strict` and some inputs were skipped (path, reason).
    case strict(skipped: [(path: String, reason: String)])
    /// A JSON Lines file could not be read, or a line is not one document's graph.
    case jsonl(path: String, line: Int, detail: String)

    public var description: String {
        switch self {
        case .store(let e): e.description
        case .strict(let s): "--strict: \(s.count) input(s) skipped; nothing was written"
        case .jsonl(let p, let line, let d): line > 0 ? "\(p):\(line): not a document graph line (\(d))" : "\(p): \(d)"
        }
    }
}

/// What a build did (printed by `guanxi build`, as text or JSON).
public struct BuildReport: Encodable, Sendable {
    public var graph: String
    public var documentsAdded: Int
    public var documentsKnown: Int
    public var skipped: [[String: String]]
    public var nodesAdded: Int
    public var edgesAdded: Int
    public var documents: Int
    public var nodes: Int
    public var edges: Int
    public var nodesByType: [String: Int]
    public var edgesByType: [String: Int]

    /// The summary as `guanxi build` prints it.
    public var text: String {
        var lines = ["\(graph): \(documentsAdded) document(s) added, \(documentsKnown) file(s) already held, \(skipped.count) skipped",
                     "graph: \(documents) documents, \(nodes) entities (+\(nodesAdded)), \(edges) relations (+\(edgesAdded))"]
        lines.append("entities: " + EntityType.allCases.map { "\($0.rawValue) \(nodesByType[$0.rawValue] ?? 0)" }.joined(separator: ", "))
        lines.append("relations: " + edgesByType.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}

/// Builds a store from documents: collects the inputs, skips documents the store holds already
/// (by content SHA-256), extracts the rest in parallel and merges each batch into the store in
/// one commit. The CLI's `build` is a thin layer over it.
public struct CorpusBuilder {
    /// The store built into.
    public let store: any GraphStore
    public let extractor: Extractor
    /// Fail without writing anything when any input is skipped.
    public var strict = false
    /// Documents merged in one commit. They are extracted (in parallel) and handed to the store
    /// ``extractionChunk`` at a time, so memory holds a few chunks whatever the batch. 4096: a
    /// commit writes every index page its batch touched (to the WAL, then the database), so
    /// fewer commits write less — the 100 MB benchmark corpus's merge took 89 s at 256 documents
    /// a commit, 73 s at 1024, and 56–61 s at 4096 against 64–77 s at 1024 run turn about.
    public var batchSize = 4096
    /// Documents handed to the store at a time (at most a batch); the workers run up to two
    /// such chunks ahead of the merge.
    public static let extractionChunk = 256
    /// Called after each part of a batch is merged with (documents merged, documents to merge).
    public var progress: ((Int, Int) -> Void)?
    /// The user's corrections (``CorrectionsFile``), applied to every document's graph before it
    /// is merged, so a correction made once holds for every later build.
    public var corrections: [Correction] = []
    /// Called with what a build leaves out on purpose (hidden files), said without failing it.
    public var note: ((String) -> Void)?

    /// File extensions read from folders.
    public static let extensions: Set<String> = ["txt", "md", "markdown", "html", "htm", "xhtml", "shtml", "text"]

    public init(store: any GraphStore, extractor: Extractor = Extractor()) {
        self.store = store; self.extractor = extractor
    }

    // MARK: - Building from documents

    /// Builds the documents at `paths` (files, or folders read recursively) into the store.
    public func build(paths: [String]) throws -> BuildReport {
        var skipped: [(path: String, reason: String)] = []
        let files = Self.collect(paths, storePath: store.path, skipped: &skipped, note: note)
        // Read every input before the store is touched, so --strict refuses with nothing created.
        var read: [(SourceText, String)] = []
        for (file, result) in zip(files, Self.readAll(files)) {
            switch result {
            case .success(let src): read.append((src, Self.documentID(file)))
            case .failure(let e): skipped.append((file, e.description))
            }
        }
        if strict, !skipped.isEmpty { throw BuildError.strict(skipped: skipped) }
        return try storeErrors {
            try store.write {
                let before = store.exists ? try store.counts() : nil
                var sources: [(SourceText, String)] = []
                var known = 0
                var seen = Set<String>()
                for (src, id) in read {
                    let held = try store.containsDocument(sha256: src.sha256)
                    if !seen.insert(src.sha256).inserted || held { known += 1; continue }
                    sources.append((src, id))
                }
                read.removeAll()
                let outcome = try extractAll(&sources)
                return try report(before: before, added: outcome.added, known: known + outcome.known, skipped: skipped)
            }
        }
    }

    /// Builds per-document graphs read from JSON Lines files (as `guanxi extract --jsonl` writes
    /// them) into the store, a batch per commit. Lines are read in order and decoded on one
    /// worker per core (``ExtractionPipeline``) while the store merges the lines before them.
    public func build(jsonl files: [String]) throws -> BuildReport {
        try storeErrors {
            try store.write {
                let before = store.exists ? try store.counts() : nil
                let lines = JSONLines(files)
                let pipeline = ExtractionPipeline(chunkSize: chunkSize(from:), source: lines.next) { (line: JSONLines.Line) -> Result<KnowledgeGraph, BuildError> in
                    switch line {
                    case .unreadable(let file, let reason): return .failure(.jsonl(path: file, line: 0, detail: reason))
                    case .text(let file, let n, let data):
                        do { return .success(try GraphFile.decode(data, path: "\(file):\(n)")) } catch {
                            let detail = (error as? GraphStoreError)?.description ?? "\(error)"
                            return .failure(.jsonl(path: file, line: n, detail: detail))
                        }
                    }
                }
                defer { pipeline.cancel() }
                let batchSize = max(1, batchSize)
                var outcome = MergeOutcome()
                while let (r, results) = pipeline.next() {
                    let graphs = try results.map { try $0.get() }
                    let o = try store.merge(corrected(graphs), commit: r.upperBound % batchSize == 0)
                    outcome.added += o.added; outcome.known += o.known
                }
                return try report(before: before, added: outcome.added, known: outcome.known, skipped: [])
            }
        }
    }

    /// Documents' graphs with the user's corrections applied.
    func corrected(_ fragments: [KnowledgeGraph]) -> [KnowledgeGraph] {
        guard !corrections.isEmpty else { return fragments }
        return fragments.map { var g = $0; g.apply(corrections, toDocument: true); return g }
    }

    private func storeErrors<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as GraphStoreError { throw BuildError.store(e) }
    }

    private func report(before: GraphCounts?, added: Int, known: Int, skipped: [(path: String, reason: String)]) throws -> BuildReport {
        let after = try store.counts()
        return BuildReport(graph: store.path, documentsAdded: added, documentsKnown: known,
                           skipped: skipped.map { ["path": $0.path, "reason": $0.reason] },
                           nodesAdded: after.entities - (before?.entities ?? 0), edgesAdded: after.relations - (before?.relations ?? 0),
                           documents: after.documents, nodes: after.entities, edges: after.relations,
                           nodesByType: after.entitiesByType, edgesByType: after.relationsByType)
    }

    /// Extracts documents in parallel (one worker per core, ``ExtractionPipeline``) and merges them
    /// into the store in input order, a batch per commit. Extraction runs up to two chunks ahead
    /// of the merge, at a lower priority than it: the merge is the one serial stage. A document's
    /// text is let go once extracted and its graph once merged, so memory holds a few chunks,
    /// never the graph.
    func extractAll(_ sources: inout [(SourceText, String)]) throws -> MergeOutcome {
        let total = sources.count
        let batchSize = max(1, batchSize)
        let extractor = extractor
        let pipeline = ExtractionPipeline(sources, chunkSize: chunkSize(from:)) { (source: (SourceText, String)) in
            extractor.extractBounded(source.0, id: source.1)
        }
        defer { pipeline.cancel() }
        sources.removeAll()
        var outcome = MergeOutcome()
        var merged = 0
        while let (r, graphs) = pipeline.next() {
            let o = try store.merge(corrected(graphs), commit: r.upperBound % batchSize == 0)
            outcome.added += o.added; outcome.known += o.known
            merged += r.count
            progress?(merged, total)
        }
        return outcome
    }

    /// The size of the chunk of documents handed to the store from document `start`: chunks never
    /// straddle a batch (a batch is whole chunks, the last ending it). A transaction left open at
    /// the end is committed by the store's `write`.
    func chunkSize(from start: Int) -> Int {
        let batchSize = max(1, batchSize)
        return min(Self.extractionChunk, batchSize - start % batchSize)
    }

    // MARK: - Inputs

    /// Reads and decodes `files` in parallel (one worker per core), in input order.
    static func readAll(_ files: [String]) -> [Result<SourceText, ReadError>] {
        let box = Slots<Result<SourceText, ReadError>>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            do { box.set(i, .success(try SourceReader.read(path: files[i]))) } catch {
                box.set(i, .failure(error as? ReadError ?? .unreadable(path: files[i], reason: "\(error)")))
            }
        }
        return box.values
    }

    /// The document id of a file: its name without the extension.
    public static func documentID(_ file: String) -> String {
        URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    }

    /// The files a store at `storePath` writes (never read as inputs): the database, its WAL,
    /// shared-memory and journal files, and a JSON store's lock and temporaries.
    public static func isStoreFile(_ file: String, storePath: String) -> Bool {
        let real = { (p: String) in URL(fileURLWithPath: p).resolvingSymlinksInPath().standardizedFileURL.path }
        let f = real(file), s = real(storePath)
        let own = [s, s + "-wal", s + "-shm", s + "-journal", s + ".lock"]
        if own.contains(f) { return true }
        let dir = URL(fileURLWithPath: s).deletingLastPathComponent().path
        let name = URL(fileURLWithPath: s).lastPathComponent
        return f.hasPrefix(dir + "/." + name + ".tmp-")
    }

    /// Files named or found under folders (see ``InputFiles``), in order; the store's own files
    /// are never inputs. Notes (hidden files left out) go to `note`.
    public static func collect(_ paths: [String], storePath: String, skipped: inout [(path: String, reason: String)],
                               note: ((String) -> Void)? = nil) -> [String] {
        var inputs = InputFiles(extensions: extensions, storePath: storePath)
        let files = inputs.collect(paths)
        skipped += inputs.skipped
        for n in inputs.notes { note?(n) }
        return files
    }
}

/// Collects what parallel workers make, in input order.
final class Slots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) { lock.lock(); slots[i] = value; lock.unlock() }
    var values: [T] { lock.lock(); defer { lock.unlock() }; return slots.compactMap { $0 } }
}

/// The lines of JSON Lines files in order, blank lines left out, each with its file and line
/// number; a file that cannot be opened is one item saying why.
final class JSONLines: @unchecked Sendable {
    enum Line {
        case text(file: String, line: Int, Data)
        case unreadable(file: String, reason: String)
    }

    private var files: ArraySlice<String>
    private var reader: LineReader?
    private var file = "", n = 0

    init(_ files: [String]) { self.files = files[...] }

    /// The next line (called by one thread at a time).
    func next() -> Line? {
        while true {
            if let reader {
                while let line = reader.next() {
                    n += 1
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                    return .text(file: file, line: n, line)
                }
                self.reader = nil
            }
            guard let f = files.popFirst() else { return nil }
            file = f; n = 0
            guard let r = LineReader(path: f) else { return .unreadable(file: f, reason: "cannot read the file: \(String(cString: strerror(errno)))") }
            reader = r
        }
    }
}

/// Reads a file a line at a time (lines of any length), without holding the file in memory.
final class LineReader {
    private let file: UnsafeMutablePointer<FILE>
    init?(path: String) {
        guard let f = fopen(path, "r") else { return nil }
        file = f
    }
    deinit { fclose(file) }
    /// The next line without its newline, or nil at the end.
    func next() -> Data? {
        var line: UnsafeMutablePointer<CChar>?
        var cap = 0
        let n = getline(&line, &cap, file)
        defer { free(line) }
        guard n >= 0, let line else { return nil }
        var count = n
        if count > 0, line[count - 1] == 0x0A { count -= 1 }
        return Data(bytes: line, count: count)
    }
}
