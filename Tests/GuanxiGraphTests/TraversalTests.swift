import XCTest
@testable import GuanxiGraph

final class TraversalTests: XCTestCase {
    func names(_ g: KnowledgeGraph, _ hits: [NeighborHit]) -> [String] { hits.compactMap { g.entity(at: $0.node)?.name } }

    func testNeighborhoodDepthOne() {
        let (g, _) = Fixture.sample()
        let hits = g.neighborhood(of: g.slot("陈凯"))
        XCTAssertEqual(Set(names(g, hits)), ["西烟循环经济产业园", "阳泉市人民政府"])
        XCTAssertTrue(hits.allSatisfy { $0.distance == 1 && $0.via.forward })
        // Any alias finds the focus.
        XCTAssertEqual(g.slot("西烟园区"), g.slot("西烟循环经济产业园"))
    }

    func testNeighborhoodDepthTwoAndOrdering() {
        let (g, _) = Fixture.sample()
        let hits = g.neighborhood(of: g.slot("陈凯"), depth: 2)
        XCTAssertEqual(names(g, hits), ["阳泉市人民政府", "西烟循环经济产业园", "欧贝姆纳米科技有限公司"],
                       "ordered by distance, then relation, then id")
        XCTAssertEqual(hits.map(\.distance), [1, 1, 2])
        let last = hits[2]
        XCTAssertEqual(g.entity(at: last.via.from)?.name, "西烟循环经济产业园")
        XCTAssertFalse(last.via.forward, "company —located_in→ park is followed against its direction")
        XCTAssertTrue(g.neighborhood(of: g.slot("陈凯"), depth: 0).isEmpty)
        XCTAssertEqual(g.neighborhood(of: g.slot("陈凯"), depth: 10).count, 3, "depth stops at the component's edge")
    }

    func testNeighborhoodDirectionFilter() {
        let (g, _) = Fixture.sample()
        let park = g.slot("西烟循环经济产业园")
        XCTAssertEqual(Set(names(g, g.neighborhood(of: park, filter: .init(direction: .in)))), ["陈凯", "欧贝姆纳米科技有限公司"])
        XCTAssertTrue(g.neighborhood(of: park, filter: .init(direction: .out)).isEmpty)
        XCTAssertEqual(names(g, g.neighborhood(of: g.slot("陈凯"), depth: 2, filter: .init(direction: .out))).sorted(),
                       ["西烟循环经济产业园", "阳泉市人民政府"].sorted(), "out only: cannot come back in to the company")
    }

    func testNeighborhoodRelationFilter() {
        let (g, _) = Fixture.sample()
        let hits = g.neighborhood(of: g.slot("陈凯"), depth: 3, filter: .init(relations: [.visited]))
        XCTAssertEqual(names(g, hits), ["西烟循环经济产业园"])
        let both = g.neighborhood(of: g.slot("陈凯"), depth: 3, filter: .init(relations: [.visited, .locatedIn]))
        XCTAssertEqual(names(g, both), ["西烟循环经济产业园", "欧贝姆纳米科技有限公司"])
    }

    func testNeighborhoodTypeFilterReportsButWalksThrough() {
        let (g, _) = Fixture.sample()
        // The company is two hops away through a park; --type company still reaches it.
        let hits = g.neighborhood(of: g.slot("陈凯"), depth: 2, filter: .init(types: [.company]))
        XCTAssertEqual(names(g, hits), ["欧贝姆纳米科技有限公司"])
        XCTAssertEqual(hits.first?.distance, 2)
        let orgs = g.neighborhood(of: g.slot("钱征华"), depth: 2, filter: .init(types: [.organization, .park]))
        XCTAssertEqual(names(g, orgs), ["低空经济智能制造院士专家工作站", "屯留经济技术开发区"])
    }

    func testShortestPath() throws {
        let (g, _) = Fixture.sample()
        let path = try XCTUnwrap(g.shortestPath(from: g.slot("陈凯"), to: g.slot("欧贝姆")))
        XCTAssertEqual(path.count, 2)
        XCTAssertEqual(path.map { g.relation(at: $0.edge)?.type }, [.visited, .locatedIn])
        XCTAssertEqual(path.map(\.forward), [true, false])
        XCTAssertEqual(path.first?.from, g.slot("陈凯"))
        XCTAssertEqual(path.last?.to, g.slot("欧贝姆"))
        for (a, b) in zip(path, path.dropFirst()) { XCTAssertEqual(a.to, b.from, "steps chain") }
        XCTAssertEqual(g.shortestPath(from: g.slot("陈凯"), to: g.slot("陈凯"))?.count, 0)
        // Out-only: 陈凯 cannot reach the company, whose edge points at the park.
        XCTAssertNil(g.shortestPath(from: g.slot("陈凯"), to: g.slot("欧贝姆"), filter: .init(direction: .out)))
    }

    func testShortestPathPrefersFewerHops() throws {
        var g = KnowledgeGraph()
        let n = (0..<6).map { g.add(Entity(type: .organization, name: "机构\($0)")) }
        for i in 0..<5 { g.add(Relation(source: n[i], type: .partOf, target: n[i + 1])) }
        g.add(Relation(source: n[0], type: .supports, target: n[4]))
        let path = try XCTUnwrap(g.shortestPath(from: g.index(of: n[0])!, to: g.index(of: n[5])!))
        XCTAssertEqual(path.count, 2)
    }

    func testShortestPathNoneWhenDisconnected() {
        let (g, _) = Fixture.sample()
        XCTAssertNil(g.shortestPath(from: g.slot("陈凯"), to: g.slot("王健")))
        XCTAssertNil(g.shortestPath(from: g.slot("陈凯"), to: g.slot("钱征华")))
        XCTAssertNil(g.shortestPath(from: g.slot("陈凯"), to: 10_000), "an index out of range is no node")
    }

    func testConnectedComponents() {
        let (g, ids) = Fixture.sample()
        let comps = g.connectedComponents()
        XCTAssertEqual(comps.count, 3)
        XCTAssertEqual(comps.map(\.count), [4, 3, 1], "largest first")
        XCTAssertEqual(Set(comps[0]), [ids["chen"]!, ids["park"]!, ids["company"]!, ids["gov"]!])
        XCTAssertEqual(comps[0], comps[0].sorted())
        XCTAssertEqual(comps[2], [ids["wang"]!])
        XCTAssertEqual(comps.flatMap { $0 }.count, g.nodeCount)
    }

    func testDegreeRanking() {
        let (g, ids) = Fixture.sample()
        let ranked = g.degreeRanking()
        XCTAssertEqual(ranked.count, g.nodeCount)
        XCTAssertEqual(ranked.first?.degree, 2)
        XCTAssertEqual(ranked.map(\.degree), ranked.map(\.degree).sorted(by: >))
        // Ties by id: 陈凯 (official:) after the organization/park ids of the same degree.
        let twos = ranked.filter { $0.degree == 2 }.map(\.entity.id)
        XCTAssertEqual(twos, twos.sorted())
        XCTAssertEqual(Set(twos), [ids["chen"]!, ids["park"]!, ids["station"]!])
        XCTAssertEqual(ranked.last?.entity.id, ids["wang"]!)
        XCTAssertEqual(g.degreeRanking(types: [.official], limit: 2).map(\.entity.id), [ids["chen"]!, ids["qian"]!])
    }

    func testSuggestionsForUnknownName() {
        let (g, _) = Fixture.sample()
        XCTAssertTrue(g.lookup("陈凯市长").isEmpty)
        XCTAssertEqual(g.suggestions(for: "陈凯市长").first, "陈凯", "a name containing a known one")
        XCTAssertEqual(g.suggestions(for: "屯留经开").first, "屯留经济技术开发区", "a prefix of an alias")
        XCTAssertTrue(g.suggestions(for: "西烟循环经济产业圆").contains("西烟循环经济产业园"), "one character off")
        XCTAssertTrue(g.suggestions(for: "完全无关的名字").isEmpty)
        XCTAssertTrue(g.suggestions(for: "").isEmpty)
        XCTAssertLessThanOrEqual(g.suggestions(for: "经济", limit: 2).count, 2)
    }

    func testSubgraphKeepsEdgesAmongNodesAndCitedDocuments() {
        let (g, ids) = Fixture.sample()
        let sub = g.subgraph(nodeIDs: [ids["chen"]!, ids["park"]!, ids["wang"]!])
        XCTAssertEqual(sub.nodeCount, 3)
        XCTAssertEqual(sub.edges.map(\.type), [.visited])
        XCTAssertEqual(sub.documentList.map(\.id), ["d1"])
    }

    // MARK: - Neighbour queries cost O(degree), not O(edges)

    /// A graph of 200,000 edges among 5,000 nodes, and a focus node of degree 3. The neighbour
    /// query must look at the focus's three edges only; the count is structural, not timed.
    func testNeighbourQueriesTouchOnlyIncidentEdges() throws {
        var g = KnowledgeGraph()
        var rng = SeededRNG(seed: 42)
        let n = 5_000
        let ids = (0..<n).map { g.add(Entity(type: .company, name: "企业\($0)有限公司")) }
        let types = RelationType.allCases
        while g.edgeCount < 200_000 {
            let a = Int.random(in: 0..<n, using: &rng), b = Int.random(in: 0..<n, using: &rng)
            g.add(Relation(source: ids[a], type: types[Int.random(in: 0..<types.count, using: &rng)], target: ids[b]))
        }
        let focus = g.add(Entity(type: .official, name: "焦点"))
        g.add(Relation(source: focus, type: .visited, target: ids[1]))
        g.add(Relation(source: focus, type: .investsIn, target: ids[2]))
        g.add(Relation(source: ids[3], type: .accompanied, target: focus))
        XCTAssertEqual(g.edgeCount, 200_003)
        let f = try XCTUnwrap(g.index(of: focus))

        // The adjacency lists hold exactly the incident edges.
        XCTAssertEqual(g.degree(of: f), 3)
        XCTAssertEqual(g.steps(from: f).count, 3)
        XCTAssertEqual(g.steps(from: f, filter: .init(direction: .out)).count, 2)
        XCTAssertEqual(g.steps(from: f, filter: .init(direction: .in)).count, 1)

        var examined = 0
        let hits = g.neighborhood(of: f, depth: 1, filter: .init(), examined: &examined)
        XCTAssertEqual(hits.count, 3)
        XCTAssertEqual(examined, 3, "a depth-1 query looks at the focus's own edges and no others")

        examined = 0
        _ = g.neighborhood(of: f, depth: 1, filter: .init(relations: [.visited], direction: .out), examined: &examined)
        XCTAssertEqual(examined, 2, "direction out: only the out-list is read")

        // Depth 2 reads the edges of the nodes it expands, exactly: the sum of their degrees.
        examined = 0
        _ = g.neighborhood(of: f, depth: 2, filter: .init(), examined: &examined)
        let expected = 3 + [1, 2, 3].map { g.degree(of: g.index(of: ids[$0])!) }.reduce(0, +)
        XCTAssertEqual(examined, expected)
        XCTAssertLessThan(examined, g.edgeCount / 100)

        // Name look-up is an index probe, not a scan.
        XCTAssertEqual(g.lookup("焦点").map(\.id), [focus])
    }
}
