import Foundation

/// Counts a store gives without reading its graph.
public struct GraphCounts: Sendable, Equatable {
    public var documents: Int
    public var entities: Int
    public var relations: Int
    public var entitiesByType: [String: Int]
    public var relationsByType: [String: Int]

    public init(documents: Int, entities: Int, relations: Int, entitiesByType: [String: Int], relationsByType: [String: Int]) {
        self.documents = documents; self.entities = entities; self.relations = relations
        self.entitiesByType = entitiesByType; self.relationsByType = relationsByType
    }

    /// The counts of an in-memory graph.
    public init(_ graph: KnowledgeGraph) {
        self.init(documents: graph.documents.count, entities: graph.nodeCount, relations: graph.edgeCount,
                  entitiesByType: Dictionary(grouping: graph.entities, by: \.type.rawValue).mapValues(\.count),
                  relationsByType: Dictionary(grouping: graph.edges, by: \.type.rawValue).mapValues(\.count))
    }
}

/// What `guanxi stats` reports: counts, components and the best-connected entities.
public struct GraphStatistics: Sendable {
    public var counts: GraphCounts
    /// Number of weakly connected components, and the size of the largest.
    public var components: Int
    public var largestComponent: Int
    /// Highest degree first, ties by id.
    public var topByDegree: [(entity: Entity, degree: Int)]

    /// The statistics of an in-memory graph (its own algorithms).
    public init(_ graph: KnowledgeGraph, top: Int) {
        let comps = graph.connectedComponents()
        counts = GraphCounts(graph)
        components = comps.count
        largestComponent = comps.first?.count ?? 0
        topByDegree = graph.degreeRanking(limit: top)
    }

    init(counts: GraphCounts, components: Int, largestComponent: Int, topByDegree: [(entity: Entity, degree: Int)]) {
        self.counts = counts; self.components = components
        self.largestComponent = largestComponent; self.topByDegree = topByDegree
    }
}

/// What merging a batch of per-document graphs did.
public struct MergeOutcome: Sendable, Equatable {
    /// Documents added to the store.
    public var added: Int
    /// Documents skipped because the store held their bytes already (another build may have added them).
    public var known: Int
    public init(added: Int = 0, known: Int = 0) { self.added = added; self.known = known }
}

/// The one store interface: where a graph lives between commands.
///
/// ``SQLiteGraphStore`` is the default (`guanxi.db`): builds merge into it a batch at a time and
/// queries read only the part they need. ``JSONGraphStore`` keeps a whole graph in one JSON file
/// (`graphs/seeds.json`), read and written whole. Queries get a small ``KnowledgeGraph`` holding
/// what they asked for and run the usual algorithms on it.
public protocol GraphStore: AnyObject {
    /// The path as given (named in errors).
    var path: String { get }

    /// Whether the store's file exists yet (a build creates it).
    var exists: Bool { get }

    /// Runs a build's work: the JSON store holds its file's lock, reads it first and writes it at
    /// the end if anything changed (or the file is missing); the SQLite store commits each
    /// ``merge(_:)`` on its own, so concurrent builds interleave batch by batch.
    func write<T>(_ body: () throws -> T) throws -> T

    /// Whether the store holds a document with these bytes (SHA-256, hex).
    func containsDocument(sha256: String) throws -> Bool

    /// Merges per-document graphs (as ``KnowledgeGraph/merge(_:acrossDocuments:)`` with
    /// `acrossDocuments: true` does), in order, as one commit.
    func merge(_ fragments: [KnowledgeGraph]) throws -> MergeOutcome

    /// Merges as ``merge(_:)`` does, into the transaction the last call left open (or a new one),
    /// committing it only when `commit` is true: a build hands over documents a part at a time as
    /// they are extracted and commits several parts together (a commit writes every index page
    /// the batch touched, so fewer commits write less). Inside ``write(_:)`` a transaction left
    /// open is committed when the body returns and rolled back when it throws.
    func merge(_ fragments: [KnowledgeGraph], commit: Bool) throws -> MergeOutcome

    /// Replaces the whole graph (a user's correction applied to it), in one commit.
    func replaceAll(with graph: KnowledgeGraph) throws

    /// Counts by type.
    func counts() throws -> GraphCounts

    /// The whole graph (for reports, evaluation, the graph file's JSON and corrections); `facts`
    /// and the other exports read through ``forEachFact(_:_:)`` and ``withReader(_:)``.
    func loadAll() throws -> KnowledgeGraph

    /// The entities named (or aliased) by any of `names` and everything within `depth` hops, with
    /// the edges that reach them. When no entity has such a name, the graph holds the entities
    /// whose names come closest instead (for suggestions). `mentions`: with the named entities' mentions.
    func neighbourhood(of names: [String], depth: Int, mentions: Bool) throws -> KnowledgeGraph

    /// The entities named by `from` and `to` and a shortest chain of relations between them (edges
    /// followed both ways), when there is one.
    func pathGraph(from: [String], to: [String]) throws -> KnowledgeGraph

    /// Entities a name or alias of which contains `text` (compared by ``NameKey``).
    func search(_ text: String) throws -> KnowledgeGraph

    /// Counts, components and the `top` best-connected entities.
    func statistics(top: Int) throws -> GraphStatistics

    /// The documents some ids name (``KnowledgeGraph/documentIDs(for:)``): a document's own id, or
    /// a file's id for every article document of that file.
    func documentIDs(for ids: Set<String>) throws -> Set<String>

    /// The fact table (``KnowledgeGraph/facts(_:)``): the same rows in the same order, handed to
    /// `body` one at a time. The SQLite store reads them with the filters in its query and holds
    /// one relation's evidence at a time, not the graph.
    func forEachFact(_ filter: FactFilter, _ body: (Fact) throws -> Void) throws

    /// Runs `body` with the whole graph to read in order (one snapshot): the SQLite store streams
    /// it from its tables a piece at a time; the JSON store hands over its in-memory graph.
    func withReader<T>(_ body: (any GraphReading) throws -> T) throws -> T
}

extension GraphStore {
    /// Stores that write at the end of ``write(_:)`` have nothing to keep open.
    public func merge(_ fragments: [KnowledgeGraph], commit: Bool) throws -> MergeOutcome {
        try merge(fragments)
    }
}

/// Opening the store a path names.
public enum GraphStores {
    /// The default store path.
    public static let defaultPath = "guanxi.db"

    /// The store for `path`: JSON for paths ending in `.json`, SQLite otherwise.
    public static func open(_ path: String) -> any GraphStore {
        URL(fileURLWithPath: path).pathExtension.lowercased() == "json" ? JSONGraphStore(path: path) : SQLiteGraphStore(path: path)
    }
}

/// A whole graph in one JSON file (``GraphFile``): loaded whole, written whole, atomically,
/// under an advisory lock on `PATH.lock` while a build runs.
public final class JSONGraphStore: GraphStore {
    public let path: String
    private var graph: KnowledgeGraph?
    private var changed = false

    public init(path: String) { self.path = path }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    private func loaded() throws -> KnowledgeGraph {
        if let graph { return graph }
        let g = try GraphFile.load(path)
        graph = g
        return g
    }

    public func write<T>(_ body: () throws -> T) throws -> T {
        try GraphFile.withLock(path) {
            graph = try GraphFile.loadOrEmpty(path)
            changed = false
            let value = try body()
            if changed || !exists, let graph { try GraphFile.save(graph, to: path) }
            return value
        }
    }

    public func containsDocument(sha256: String) throws -> Bool {
        exists || graph != nil ? try loaded().containsDocument(sha256: sha256) : false
    }

    public func merge(_ fragments: [KnowledgeGraph]) throws -> MergeOutcome {
        var g = graph ?? KnowledgeGraph()
        var outcome = MergeOutcome()
        for f in fragments {
            if !f.documentList.isEmpty, f.documentList.allSatisfy({ g.containsDocument(sha256: $0.sha256) }) { outcome.known += 1; continue }
            g.merge(f, acrossDocuments: true)
            outcome.added += f.documents.count
        }
        graph = g
        if outcome.added > 0 { changed = true }
        return outcome
    }

    public func replaceAll(with g: KnowledgeGraph) throws {
        graph = g
        changed = true
    }

    public func counts() throws -> GraphCounts { GraphCounts(try loaded()) }
    public func loadAll() throws -> KnowledgeGraph { try loaded() }
    public func neighbourhood(of names: [String], depth: Int, mentions: Bool) throws -> KnowledgeGraph { try loaded() }
    public func pathGraph(from: [String], to: [String]) throws -> KnowledgeGraph { try loaded() }
    public func search(_ text: String) throws -> KnowledgeGraph { try loaded() }
    public func statistics(top: Int) throws -> GraphStatistics { GraphStatistics(try loaded(), top: top) }
    public func documentIDs(for ids: Set<String>) throws -> Set<String> { try loaded().documentIDs(for: ids) }
    public func forEachFact(_ filter: FactFilter, _ body: (Fact) throws -> Void) throws {
        for f in try loaded().facts(filter) { try body(f) }
    }
    public func withReader<T>(_ body: (any GraphReading) throws -> T) throws -> T { try body(try loaded()) }
}
