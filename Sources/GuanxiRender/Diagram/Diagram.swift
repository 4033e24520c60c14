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
    /// relations among the selected entities. The `maxNodes` cut keeps the focus and the
    /// highest-degree entities.
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

    /// The focus, then the highest-ranked entities up to the limit: what `--max-nodes` promises.
    /// Rank is degree in the whole graph; ties go to the entity nearer the focus, then by id. An
    /// entity of high rank far from the focus beats a degree-1 neighbour of a hub.
    private static func cut(ids: Set<String>, edges: [Relation], graph: KnowledgeGraph, focus: String?, limit: Int) -> Set<String> {
        var degrees: [String: Int] = [:]
        for id in ids { degrees[id] = degree(id, graph) }
        // Hops from the focus over the selected edges (unreachable: after every reachable one).
        var distance: [String: Int] = [:]
        if let focus, ids.contains(focus) {
            var adjacency: [String: [String]] = [:]
            for r in edges { adjacency[r.source, default: []].append(r.target); adjacency[r.target, default: []].append(r.source) }
            distance[focus] = 0
            var queue = [focus], head = 0
            while head < queue.count {
                let n = queue[head]; head += 1
                for m in adjacency[n] ?? [] where distance[m] == nil { distance[m] = (distance[n] ?? 0) + 1; queue.append(m) }
            }
        }
        let ranked = ids.sorted { a, b in
            let da = degrees[a] ?? 0, db = degrees[b] ?? 0
            if da != db { return da > db }
            let ha = distance[a] ?? Int.max, hb = distance[b] ?? Int.max
            return ha != hb ? ha < hb : a < b
        }
        var kept = Set<String>()
        if let focus, ids.contains(focus) { kept.insert(focus) }
        for id in ranked where kept.count < limit { kept.insert(id) }
        return kept
    }
}
