/// Filters for walking the graph.
public struct TraversalFilter: Sendable {
    /// Only report nodes of these types (empty: all). Walking still passes through other nodes.
    public var types: Set<EntityType>
    /// Only follow edges of these relations (empty: all).
    public var relations: Set<RelationType>
    public var direction: Direction

    public init(types: Set<EntityType> = [], relations: Set<RelationType> = [], direction: Direction = .both) {
        self.types = types; self.relations = relations; self.direction = direction
    }

    func follows(_ relation: Relation) -> Bool { relations.isEmpty || relations.contains(relation.type) }
    func reports(_ entity: Entity) -> Bool { types.isEmpty || types.contains(entity.type) }
}

/// One step of a walk: an edge and whether it was followed along or against its direction.
public struct Step: Sendable, Hashable {
    public var edge: Int
    public var from: Int
    public var to: Int
    /// True when the edge points from `from` to `to`.
    public var forward: Bool
}

/// A node reached from the focus of a neighbourhood query.
public struct NeighborHit: Sendable {
    public var node: Int
    public var distance: Int
    /// The edge that first reached the node (breadth-first).
    public var via: Step
}

extension KnowledgeGraph {
    /// Edges incident to a node in the filter's direction, as steps away from it: O(degree).
    public func steps(from node: Int, filter: TraversalFilter = .init()) -> [Step] {
        var examined = 0
        return steps(from: node, filter: filter, examined: &examined)
    }

    /// ``steps(from:filter:)`` that also counts the edges it looked at (for tests that check a
    /// query stays O(degree)).
    func steps(from node: Int, filter: TraversalFilter, examined: inout Int) -> [Step] {
        var result: [Step] = []
        if filter.direction != .in {
            for e in outEdges(of: node) {
                examined += 1
                guard let r = relation(at: e), filter.follows(r), let t = index(of: r.target) else { continue }
                result.append(Step(edge: e, from: node, to: t, forward: true))
            }
        }
        if filter.direction != .out {
            for e in inEdges(of: node) {
                examined += 1
                guard let r = relation(at: e), filter.follows(r), let s = index(of: r.source) else { continue }
                result.append(Step(edge: e, from: node, to: s, forward: false))
            }
        }
        return result
    }

    /// Nodes within `depth` hops of `focus`, breadth-first, filtered; ordered by distance, then
    /// relation, then name. Costs O(sum of degrees of the nodes visited), never O(edges).
    public func neighborhood(of focus: Int, depth: Int = 1, filter: TraversalFilter = .init()) -> [NeighborHit] {
        var examined = 0
        return neighborhood(of: focus, depth: depth, filter: filter, examined: &examined)
    }

    /// ``neighborhood(of:depth:filter:)`` that also counts the edges it looked at.
    func neighborhood(of focus: Int, depth: Int, filter: TraversalFilter, examined: inout Int) -> [NeighborHit] {
        guard depth > 0, entity(at: focus) != nil else { return [] }
        var seen: Set<Int> = [focus]
        var frontier = [focus]
        var hits: [NeighborHit] = []
        for d in 1...depth {
            var next: [Int] = []
            for node in frontier {
                for step in steps(from: node, filter: filter, examined: &examined) where !seen.contains(step.to) {
                    seen.insert(step.to)
                    next.append(step.to)
                    if let e = entity(at: step.to), filter.reports(e) {
                        hits.append(NeighborHit(node: step.to, distance: d, via: step))
                    }
                }
            }
            frontier = next
            if frontier.isEmpty { break }
        }
        return hits.sorted { a, b in
            if a.distance != b.distance { return a.distance < b.distance }
            let ra = relation(at: a.via.edge)?.type.rawValue ?? "", rb = relation(at: b.via.edge)?.type.rawValue ?? ""
            if ra != rb { return ra < rb }
            return (entity(at: a.node)?.id ?? "") < (entity(at: b.node)?.id ?? "")
        }
    }

    /// A shortest path between two nodes, following edges in either direction (or as the filter
    /// says); `nil` when they are not connected. Breadth-first, so it costs O(nodes + edges) at most.
    public func shortestPath(from a: Int, to b: Int, filter: TraversalFilter = .init()) -> [Step]? {
        bfsPath(from: a, to: b, filter: filter, bannedEdges: [], bannedNodes: [])
    }

    /// Weakly connected components (edges taken in both directions), largest first; each is a
    /// sorted list of node ids.
    public func connectedComponents() -> [[String]] {
        var seen = Set<Int>()
        var components: [[String]] = []
        for start in 0..<slotCount where entity(at: start) != nil && !seen.contains(start) {
            var stack = [start]
            seen.insert(start)
            var members: [String] = []
            while let node = stack.popLast() {
                if let e = entity(at: node) { members.append(e.id) }
                for step in steps(from: node) where !seen.contains(step.to) {
                    seen.insert(step.to); stack.append(step.to)
                }
            }
            components.append(members.sorted())
        }
        return components.sorted { $0.count != $1.count ? $0.count > $1.count : ($0.first ?? "") < ($1.first ?? "") }
    }

    /// Nodes by degree, highest first (ties by id), optionally of some types only.
    public func degreeRanking(types: Set<EntityType> = [], limit: Int? = nil) -> [(entity: Entity, degree: Int)] {
        var ranked: [(entity: Entity, degree: Int)] = []
        for i in 0..<slotCount {
            guard let e = entity(at: i), types.isEmpty || types.contains(e.type) else { continue }
            ranked.append((e, degree(of: i)))
        }
        ranked.sort { $0.degree != $1.degree ? $0.degree > $1.degree : $0.entity.id < $1.entity.id }
        if let limit { return Array(ranked.prefix(max(0, limit))) }
        return ranked
    }

    /// The graph restricted to some nodes (by id) and the edges among them, with the documents
    /// their evidence cites.
    public func subgraph(nodeIDs: Set<String>) -> KnowledgeGraph {
        var g = KnowledgeGraph()
        var docs = Set<String>()
        for id in nodeIDs.sorted() {
            guard let e = entity(id: id) else { continue }
            g.insertVerbatim(e)
        }
        for id in nodeIDs.sorted() {
            guard let s = index(of: id) else { continue }
            for e in outEdges(of: s) {
                guard let r = relation(at: e), nodeIDs.contains(r.target) else { continue }
                g.add(r)
                r.evidence.forEach { docs.insert($0.document) }
            }
        }
        for d in docs.sorted() { if let rec = documents[d] { g.addDocument(rec) } }
        return g
    }

    /// Suggestions for a name that matched nothing: names containing it or contained in it, then
    /// the closest by edit distance.
    public func suggestions(for query: String, limit: Int = 5) -> [String] {
        let q = NameKey.of(query)
        guard !q.isEmpty else { return [] }
        var scored: [(String, Int)] = []
        for e in entities {
            var best = Int.max
            for name in e.allNames {
                let k = NameKey.of(name)
                let score = (k.contains(q) || q.contains(k)) ? abs(k.count - q.count) : 100 + editDistance(Array(k), Array(q))
                best = min(best, score)
            }
            scored.append((e.name, best))
        }
        scored.sort { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        let cutoff = 100 + max(1, q.count / 2)
        return Array(scored.filter { $0.1 <= cutoff }.prefix(limit).map(\.0))
    }
}

/// Levenshtein distance over characters.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
