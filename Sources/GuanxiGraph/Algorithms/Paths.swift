/// K shortest paths and the edges of a neighbourhood.
extension KnowledgeGraph {
    /// Up to `k` shortest loopless paths between two nodes, shortest first (Yen's algorithm over
    /// breadth-first searches: edges count one each, in either direction unless the filter says
    /// otherwise). Paths of equal length come in a fixed order. Empty when not connected.
    public func shortestPaths(from a: Int, to b: Int, k: Int, filter: TraversalFilter = .init()) -> [[Step]] {
        guard k > 0, let first = bfsPath(from: a, to: b, filter: filter, bannedEdges: [], bannedNodes: []) else { return [] }
        var found: [[Step]] = [first]
        var candidates: [[Step]] = []
        var seen: Set<[Int]> = [first.map(\.edge)]
        while found.count < k {
            let last = found[found.count - 1]
            for i in 0..<last.count {
                let spur = i == 0 ? a : last[i - 1].to
                let root = Array(last[0..<i])
                // Edges that would repeat a found path's next step from this root are banned,
                // and the root's nodes (but the spur) may not be visited again.
                var bannedEdges = Set<Int>()
                for p in found where p.count > i && Array(p[0..<i].map(\.edge)) == root.map(\.edge) { bannedEdges.insert(p[i].edge) }
                var bannedNodes = Set(root.map(\.from))
                bannedNodes.remove(spur)
                guard let tail = bfsPath(from: spur, to: b, filter: filter, bannedEdges: bannedEdges, bannedNodes: bannedNodes) else { continue }
                let path = root + tail
                if seen.insert(path.map(\.edge)).inserted { candidates.append(path) }
            }
            guard !candidates.isEmpty else { break }
            candidates.sort { x, y in x.count != y.count ? x.count < y.count : x.map(\.edge).lexicographicallyPrecedes(y.map(\.edge)) }
            found.append(candidates.removeFirst())
        }
        return found
    }

    /// A breadth-first shortest path avoiding some edges and nodes (``shortestPath(from:to:filter:)``
    /// is this with none banned).
    func bfsPath(from a: Int, to b: Int, filter: TraversalFilter, bannedEdges: Set<Int>, bannedNodes: Set<Int>) -> [Step]? {
        guard entity(at: a) != nil, entity(at: b) != nil else { return nil }
        if a == b { return [] }
        var parent: [Int: Step] = [:]
        var seen: Set<Int> = bannedNodes.union([a])
        var queue = [a]
        var head = 0
        while head < queue.count {
            let node = queue[head]; head += 1
            // Deterministic: visit neighbours in edge-key order.
            let next = steps(from: node, filter: filter).filter { !bannedEdges.contains($0.edge) }.sorted {
                (relation(at: $0.edge)?.key ?? EdgeKey(source: "", type: .partOf, target: "")) <
                (relation(at: $1.edge)?.key ?? EdgeKey(source: "", type: .partOf, target: ""))
            }
            for step in next where !seen.contains(step.to) {
                seen.insert(step.to)
                parent[step.to] = step
                if step.to == b {
                    var path: [Step] = []
                    var cur = b
                    while cur != a, let s = parent[cur] { path.append(s); cur = s.from }
                    return path.reversed()
                }
                queue.append(step.to)
            }
        }
        return nil
    }

    /// The edges among a focus and the nodes within `depth` hops of it: each edge once, including
    /// edges between two listed neighbours, in edge-key order. The filter's relations and direction
    /// apply to the walk; with types, the nodes listed are the focus, the nodes of those types and
    /// the nodes on the way to them.
    public func neighborhoodEdges(of focus: Int, depth: Int, filter: TraversalFilter = .init()) -> [Int] {
        var walk = filter
        walk.types = []
        let hits = neighborhood(of: focus, depth: depth, filter: walk)
        let via = Dictionary(hits.map { ($0.node, $0.via.from) }, uniquingKeysWith: { a, _ in a })
        var listed: Set<Int> = [focus]
        for h in hits where entity(at: h.node).map({ filter.reports($0) }) ?? false {
            var cur = h.node
            while listed.insert(cur).inserted, let up = via[cur] { cur = up }
        }
        var out = Set<Int>()
        for n in listed {
            for e in outEdges(of: n) + inEdges(of: n) {
                guard let r = relation(at: e), filter.follows(r), let s = index(of: r.source), let t = index(of: r.target),
                      listed.contains(s), listed.contains(t) else { continue }
                out.insert(e)
            }
        }
        let none = EdgeKey(source: "", type: .partOf, target: "")
        return out.sorted { (relation(at: $0)?.key ?? none) < (relation(at: $1)?.key ?? none) }
    }
}
