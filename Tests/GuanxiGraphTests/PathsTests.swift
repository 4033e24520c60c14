import Foundation
import XCTest
@testable import GuanxiGraph

/// K shortest paths and neighbourhoods as edge lists.
final class PathsTests: XCTestCase {
    /// A square with a diagonal tail:  A—B—D, A—C—D, D—E, and B—C (so A→D has two 2-step paths
    /// and 3-step ones through B—C).
    func square() -> KnowledgeGraph {
        var g = KnowledgeGraph()
        g.addDocument(Fixture.doc("d1"))
        var ids: [String: String] = [:]
        for (k, n) in ["甲", "乙", "丙", "丁", "戊"].enumerated() {
            ids[n] = g.add(Entity(type: .organization, name: n + "机构", mentions: [Fixture.mention("d1", k * 10, n + "机构")]))
        }
        func link(_ a: String, _ b: String) {
            g.add(Relation(source: ids[a]!, type: .cooperatesWith, target: ids[b]!, evidence: [Fixture.evidence("d1", 0, "\(a)与\(b)合作。")]))
        }
        link("甲", "乙"); link("甲", "丙"); link("乙", "丁"); link("丙", "丁"); link("丁", "戊"); link("乙", "丙")
        return g
    }

    func names(_ g: KnowledgeGraph, _ path: [Step]) -> String {
        guard let first = path.first else { return "" }
        return ([first.from] + path.map(\.to)).compactMap { g.entity(at: $0)?.name.prefix(1) }.joined()
    }

    func testKShortestPathsShortestFirstAndLoopless() {
        let g = square()
        let paths = g.shortestPaths(from: g.slot("甲机构"), to: g.slot("戊机构"), k: 5)
        // The first is `shortestPath`'s (neighbours in edge-key order); the rest shortest first.
        XCTAssertEqual(paths.map { names(g, $0) }, ["甲丙丁戊", "甲乙丁戊", "甲乙丙丁戊", "甲丙乙丁戊"])
        XCTAssertEqual(g.shortestPaths(from: g.slot("甲机构"), to: g.slot("戊机构"), k: 1).map { names(g, $0) }, ["甲丙丁戊"])
        // The first path is the breadth-first shortest path.
        XCTAssertEqual(paths[0].count, g.shortestPath(from: g.slot("甲机构"), to: g.slot("戊机构"))?.count)
        for p in paths { XCTAssertEqual(Set(p.map(\.to)).count, p.count, "no node twice") }
    }

    func testNotConnectedGivesNoPath() {
        let (g, _) = Fixture.sample()
        XCTAssertEqual(g.shortestPaths(from: g.slot("陈凯"), to: g.slot("王健"), k: 3).count, 0)
    }

    func testNeighbourhoodEdgesIncludeEdgesBetweenNeighbours() {
        let g = square()
        let edges = g.neighborhoodEdges(of: g.slot("甲机构"), depth: 1).compactMap { g.relation(at: $0) }
            .map { "\(g.entity(id: $0.source)!.name.prefix(1))\(g.entity(id: $0.target)!.name.prefix(1))" }
        XCTAssertEqual(edges, ["甲乙", "甲丙", "乙丙"].sorted { a, b in
            // In edge-key order (source id, relation, target id).
            ("organization:\(a.prefix(1))机构", "organization:\(a.suffix(1))机构") < ("organization:\(b.prefix(1))机构", "organization:\(b.suffix(1))机构")
        }, "the edge between two neighbours is listed")
        let two = g.neighborhoodEdges(of: g.slot("甲机构"), depth: 2)
        XCTAssertEqual(two.count, 5, "all but 丁—戊")
        XCTAssertEqual(g.neighborhoodEdges(of: g.slot("甲机构"), depth: 3).count, 6)
    }

    func testNeighbourhoodEdgesWithTypesKeepTheWayThere() {
        let (g, _) = Fixture.sample()
        // 钱征华 —leads→ 工作站 —located_in→ 屯留经开区: parks at depth 2 keep the station on the way.
        let edges = g.neighborhoodEdges(of: g.slot("钱征华"), depth: 2, filter: TraversalFilter(types: [.park]))
            .compactMap { g.relation(at: $0) }.map(\.type)
        XCTAssertEqual(edges, [.leads, .locatedIn])
        XCTAssertEqual(g.neighborhoodEdges(of: g.slot("钱征华"), depth: 2, filter: TraversalFilter(types: [.company])).count, 0)
    }
}
