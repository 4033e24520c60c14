import GuanxiGraph

/// What part of a graph to draw.
public struct DiagramQuery: Sendable {
    /// Id of the entity to centre on; `nil` draws the whole graph (after the filters).
    public var focus: String?
    /// Hops from the focus.
    public var depth: Int
    /// Only draw entities of these types (empty: all). The focus is always drawn.
    public var types: Set<EntityType>
    /// Only draw (and walk) relations of these types (empty: all).
    public var relations: Set<RelationType>
    /// Keep at most this many entities: the focus, then the highest-degree ones around it.
    public var maxNodes: Int?
    /// Leave out entities that no drawn relation touches (whole-graph drawings only).
    public var hideIsolated: Bool

    public init(focus: String? = nil, depth: Int = 1, types: Set<EntityType> = [],
                relations: Set<RelationType> = [], maxNodes: Int? = nil, hideIsolated: Bool = false) {
        self.focus = focus; self.depth = depth; self.types = types
        self.relations = relations; self.maxNodes = maxNodes; self.hideIsolated = hideIsolated
    }
}

/// A selection of a graph ready to draw, with what the selection left out.
public struct Diagram: Sendable {
    /// The entities and edges drawn (documents kept for the evidence they cite).
    public var graph: KnowledgeGraph
    /// Id of the entity drawn as the focus, if any.
    public var focus: String?
    /// Entities that matched the query but were cut by `maxNodes`, highest degree first.
    public var omitted: [Entity]
    /// Edges among matching entities that were cut with them.
    public var omittedEdgeCount: Int

    /// A diagram of a whole graph, nothing omitted.
    public init(graph: KnowledgeGraph, focus: String? = nil, omitted: [Entity] = [], omittedEdgeCount: Int = 0) {
        self.graph = graph; self.focus = focus
        self.omitted = omitted; self.omittedEdgeCount = omittedEdgeCount
    }

    /// One line saying what `maxNodes` left out (`nil` when nothing was).
    public var omissionSummary: String? {
        guard !omitted.isEmpty else { return nil }
        let names = omitted.prefix(8).map(\.name).joined(separator: ", ")
        let more = omitted.count > 8 ? ", …" : ""
        return "left out \(omitted.count) entities (\(names)\(more)) and \(omittedEdgeCount) edges"
    }

    /// Selects the part of `graph` a query asks for.
    ///
    /// With a focus: the focus and the entities within `depth` hops (walking only the chosen
    /// relations, reporting only the chosen types). Without: every entity of the chosen types
    /// (only those touching a chosen relation when relations are given). Edges: the chosen
    /// relations among the selected entities. The `maxNodes` cut grows outward from the focus
    /// (or the highest-degree entity), always taking the highest-degree entity adjacent to what
    /// is kept, so the drawing stays connected where the selection was.
    public static func select(from graph: KnowledgeGraph, query: DiagramQuery) -> Diagram {
        let filter = TraversalFilter(types: query.types, relations: query.relations)
        var ids = Set<String>()
        if let focus = query.focus, let f = graph.index(of: focus) {
            ids.insert(focus)
            for hit in graph.neighborhood(of: f, depth: max(query.depth, 0), filter: filter) {
                if let e = graph.entity(at: hit.node) { ids.insert(e.id) }
            }
        } else {
            for e in graph.entities where query.types.isEmpty || query.types.contains(e.type) { ids.insert(e.id) }
            if !query.relations.isEmpty {
                var touching = Set<String>()
                for r in graph.edges where query.relations.contains(r.type) && ids.contains(r.source) && ids.contains(r.target) {
                    touching.insert(r.source); touching.insert(r.target)
                }
                ids = touching
            }
        }
        let edges = graph.edges.filter {
            ids.contains($0.source) && ids.contains($0.target) && (query.relations.isEmpty || query.relations.contains($0.type))
        }
        if query.hideIsolated, query.focus == nil {
            ids = Set(edges.flatMap { [$0.source, $0.target] })
        }
        var kept = ids
        if let limit = query.maxNodes, ids.count > max(limit, 1) {
            kept = cut(ids: ids, edges: edges, graph: graph, focus: query.focus, limit: max(limit, 1))
        }
        let keptEdges = edges.filter { kept.contains($0.source) && kept.contains($0.target) }
        var sub = KnowledgeGraph()
        for id in kept.sorted() { if let e = graph.entity(id: id) { sub.insertVerbatim(e) } }
        var docs = Set<String>()
        for r in keptEdges { sub.add(r); r.evidence.forEach { docs.insert($0.document) } }
        for d in docs.sorted() { if let rec = graph.documents[d] { sub.addDocument(rec) } }
        let omitted = ids.subtracting(kept).compactMap { graph.entity(id: $0) }
            .sorted { (degree($0.id, graph), $1.id) > (degree($1.id, graph), $0.id) }
        return Diagram(graph: sub, focus: query.focus.flatMap { kept.contains($0) ? $0 : nil },
                       omitted: omitted, omittedEdgeCount: edges.count - keptEdges.count)
    }

    private static func degree(_ id: String, _ graph: KnowledgeGraph) -> Int {
        graph.index(of: id).map(graph.degree(of:)) ?? 0
    }

    /// Greedy growth from the focus by degree (in the whole graph), ties by id.
    private static func cut(ids: Set<String>, edges: [Relation], graph: KnowledgeGraph, focus: String?, limit: Int) -> Set<String> {
        var adjacency: [String: [String]] = [:]
        for r in edges { adjacency[r.source, default: []].append(r.target); adjacency[r.target, default: []].append(r.source) }
        var degrees: [String: Int] = [:]
        for id in ids { degrees[id] = degree(id, graph) }
        func better(_ a: String, _ b: String) -> Bool {
            let da = degrees[a] ?? 0, db = degrees[b] ?? 0
            return da != db ? da > db : a < b
        }
        // Rank every entity once; the frontier is a heap of ranks (smaller = better), so each step
        // costs O(log n) instead of a scan of the whole frontier.
        let ranked = ids.sorted(by: better)
        var rank: [String: Int] = [:]
        for (i, id) in ranked.enumerated() { rank[id] = i }
        var kept = Set<String>()
        var heap = MinHeap()
        var cursor = 0
        func take(_ id: String) {
            kept.insert(id)
            for n in adjacency[id] ?? [] where !kept.contains(n) { if let r = rank[n] { heap.push(r) } }
        }
        if let focus, ids.contains(focus) { take(focus) }
        while kept.count < limit {
            // The best entity next to what is kept; when none is (a new component), the best left.
            var next: String?
            while let r = heap.pop() { if !kept.contains(ranked[r]) { next = ranked[r]; break } }
            if next == nil {
                while cursor < ranked.count, kept.contains(ranked[cursor]) { cursor += 1 }
                if cursor < ranked.count { next = ranked[cursor] }
            }
            guard let chosen = next else { break }
            take(chosen)
        }
        return kept
    }
}

/// A binary min-heap of integers (ranks), with duplicates allowed.
struct MinHeap {
    private var items: [Int] = []

    mutating func push(_ x: Int) {
        items.append(x)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if items[parent] <= items[i] { break }
            items.swapAt(parent, i); i = parent
        }
    }

    mutating func pop() -> Int? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < items.count, items[l] < items[m] { m = l }
                if r < items.count, items[r] < items[m] { m = r }
                if m == i { break }
                items.swapAt(i, m); i = m
            }
        }
        return top
    }
}
