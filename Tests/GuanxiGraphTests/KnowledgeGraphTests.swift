import XCTest
@testable import GuanxiGraph

final class KnowledgeGraphTests: XCTestCase {
    // MARK: - Adding and merging entities

    func testAddEntityAndLookupByNameAndAlias() {
        var g = KnowledgeGraph()
        let id = g.add(Entity(type: .park, name: "屯留经济技术开发区", aliases: ["屯留经开区"]))
        XCTAssertEqual(id, "park:屯留经济技术开发区")
        XCTAssertEqual(g.nodeCount, 1)
        XCTAssertEqual(g.lookup("屯留经济技术开发区").map(\.id), [id])
        XCTAssertEqual(g.lookup("屯留经开区").map(\.id), [id])
        // Names are compared by NameKey: quotes, spaces and full-width forms do not matter.
        XCTAssertEqual(g.lookup("“屯留 经开区”").map(\.id), [id])
        XCTAssertTrue(g.lookup("长治").isEmpty)
    }

    func testSameNameSameTypeMergesAndKeepsFullestName() {
        var g = KnowledgeGraph()
        let a = g.add(Entity(type: .company, name: "凯赛", mentions: [Fixture.mention("d1", 5, "凯赛")]))
        let b = g.add(Entity(type: .company, name: "凯赛(太原)生物材料有限公司", aliases: ["凯赛"],
                             mentions: [Fixture.mention("d1", 50, "凯赛(太原)生物材料有限公司")]))
        XCTAssertEqual(a, b, "an alias shared with a node of the same type merges into it")
        XCTAssertEqual(g.nodeCount, 1)
        let e = try! XCTUnwrap(g.entity(id: a))
        XCTAssertEqual(e.name, "凯赛(太原)生物材料有限公司", "a longer name containing the old one becomes canonical")
        XCTAssertEqual(e.aliases, ["凯赛"])
        XCTAssertEqual(e.mentions.count, 2)
        XCTAssertEqual(e.mentions, e.mentions.sorted())
    }

    func testSameNameDifferentTypeStaysApart() {
        var g = KnowledgeGraph()
        let place = g.add(Entity(type: .place, name: "屯留"))
        let park = g.add(Entity(type: .park, name: "屯留经开区", aliases: ["屯留"]))
        XCTAssertNotEqual(place, park)
        XCTAssertEqual(g.nodeCount, 2)
        XCTAssertEqual(Set(g.lookup("屯留").map(\.type)), [.place, .park])
    }

    func testAddingAnEntityThatBridgesTwoNodesMergesThem() {
        var g = KnowledgeGraph()
        let a = g.add(Entity(type: .park, name: "屯留经济技术开发区"))
        let b = g.add(Entity(type: .park, name: "屯留经开区"))
        let other = g.add(Entity(type: .official, name: "钱征华"))
        g.add(Relation(source: other, type: .visited, target: b, evidence: [Fixture.evidence("d1", 1, "钱征华到屯留经开区。")]))
        XCTAssertEqual(g.nodeCount, 3)
        // One entity naming both forms: the two nodes become one, and the edge follows.
        let c = g.add(Entity(type: .park, name: "屯留经济技术开发区", aliases: ["屯留经开区"]))
        XCTAssertEqual(g.nodeCount, 2)
        XCTAssertEqual(c, min(a, b), "the node with the smallest id survives")
        let gone = c == a ? b : a
        XCTAssertNil(g.entity(id: gone))
        XCTAssertEqual(g.edges.map(\.target), [c])
        XCTAssertEqual(g.lookup("屯留经开区").map(\.id), [c])
        XCTAssertEqual(g.lookup("屯留经济技术开发区").map(\.id), [c])
        XCTAssertEqual(Set(g.entity(id: c)?.allNames ?? []), ["屯留经开区", "屯留经济技术开发区"])
        XCTAssertEqual(g.currentID(gone), c, "the merged-away id redirects to the survivor")
    }

    func testAddAlias() {
        var g = KnowledgeGraph()
        let id = g.add(Entity(type: .organization, name: "山西省工业和信息化厅"))
        g.addAlias("省工信厅", to: id)
        g.addAlias("省工信厅", to: id)
        g.addAlias("山西省工业和信息化厅", to: id)
        XCTAssertEqual(g.entity(id: id)?.aliases, ["省工信厅"])
        XCTAssertEqual(g.lookup("省工信厅").first?.id, id)
    }

    // MARK: - Edges

    func testSameFactTwiceIsOneEdgeWithTwoEvidences() {
        var g = KnowledgeGraph()
        let a = g.add(Entity(type: .official, name: "陈凯"))
        let b = g.add(Entity(type: .park, name: "西烟循环经济产业园"))
        let e1 = Fixture.evidence("d1", 100, "陈凯来到西烟循环经济产业园。", date: "01-04")
        let e2 = Fixture.evidence("d2", 7, "陈凯到西烟循环经济产业园调研。")
        XCTAssertTrue(g.add(Relation(source: a, type: .visited, target: b, evidence: [e1])))
        XCTAssertTrue(g.add(Relation(source: a, type: .visited, target: b, evidence: [e2])))
        XCTAssertTrue(g.add(Relation(source: a, type: .visited, target: b, evidence: [e1])), "the same evidence again is kept once")
        XCTAssertEqual(g.edgeCount, 1)
        let edge = try! XCTUnwrap(g.relation(EdgeKey(source: a, type: .visited, target: b)))
        XCTAssertEqual(edge.evidence, [e1, e2])
        // A different relation between the same nodes, or the reverse direction, is another edge.
        g.add(Relation(source: a, type: .leads, target: b))
        g.add(Relation(source: b, type: .visited, target: a))
        XCTAssertEqual(g.edgeCount, 3)
        XCTAssertEqual(g.degree(of: g.index(of: a)!), 3)
    }

    func testEdgesToUnknownNodesOrSelfAreRejected() {
        var g = KnowledgeGraph()
        let a = g.add(Entity(type: .official, name: "陈凯"))
        XCTAssertFalse(g.add(Relation(source: a, type: .visited, target: "park:nowhere")))
        XCTAssertFalse(g.add(Relation(source: "official:nobody", type: .visited, target: a)))
        XCTAssertFalse(g.add(Relation(source: a, type: .visited, target: a)))
        XCTAssertEqual(g.edgeCount, 0)
    }

    func testEvidenceOrderIsIndependentOfInsertionOrder() {
        // Evidence that differs only in its sentence or date must still sort one way.
        let evs = [Fixture.evidence("d1", 0, "甲。"), Fixture.evidence("d1", 0, "乙。"),
                   Fixture.evidence("d1", 0, "乙。", date: "2025-12-29"), Fixture.evidence("d0", 9, "丙。")]
        var reference: [Evidence]?
        var rng = SeededRNG(seed: 7)
        for _ in 0..<20 {
            var g = KnowledgeGraph()
            let a = g.add(Entity(type: .official, name: "陈凯")), b = g.add(Entity(type: .park, name: "园区"))
            for e in evs.shuffled(using: &rng) { g.add(Relation(source: a, type: .visited, target: b, evidence: [e])) }
            let got = g.edges[0].evidence
            if let reference { XCTAssertEqual(got, reference) } else { reference = got }
        }
    }

    // MARK: - Node merge

    func testMergeNodeRewiresEdges() {
        var (g, ids) = Fixture.sample()
        // 欧贝姆 and the park both get an edge to the organization; merging the company into
        // a new node must move its edges and fold duplicate facts into one edge.
        let dup = g.add(Entity(type: .company, name: "欧贝姆纳米科技公司", aliases: ["欧贝姆纳米"]))
        g.add(Relation(source: dup, type: .locatedIn, target: ids["park"]!, evidence: [Fixture.evidence("d1", 90, "欧贝姆纳米位于园区。")]))
        g.add(Relation(source: ids["chen"]!, type: .visited, target: dup, evidence: [Fixture.evidence("d1", 91, "陈凯来到欧贝姆纳米。")]))
        let edgesBefore = g.edgeCount
        g.merge(dup, into: ids["company"]!)
        XCTAssertNil(g.entity(id: dup))
        XCTAssertEqual(g.currentID(dup), ids["company"]!)
        let company = try! XCTUnwrap(g.entity(id: ids["company"]!))
        XCTAssertTrue(company.aliases.contains("欧贝姆纳米科技公司"))
        XCTAssertTrue(company.aliases.contains("欧贝姆纳米"))
        XCTAssertEqual(g.lookup("欧贝姆纳米").map(\.id), [ids["company"]!])
        // located_in company→park existed already: its evidence grows, no new edge.
        XCTAssertEqual(g.edgeCount, edgesBefore - 1)
        let located = try! XCTUnwrap(g.relation(EdgeKey(source: ids["company"]!, type: .locatedIn, target: ids["park"]!)))
        XCTAssertEqual(located.evidence.count, 2)
        XCTAssertNotNil(g.relation(EdgeKey(source: ids["chen"]!, type: .visited, target: ids["company"]!)))
        // Adjacency lists agree with the edge set: no edge mentions the merged id.
        for r in g.edges { XCTAssertNotEqual(r.source, dup); XCTAssertNotEqual(r.target, dup) }
        assertAdjacencyConsistent(g)
    }

    func testMergeNodeDropsEdgesBetweenTheTwo() {
        var g = KnowledgeGraph()
        let a = g.add(Entity(type: .park, name: "侯马经济开发区"))
        let b = g.add(Entity(type: .park, name: "侯马开发区"))
        g.add(Relation(source: a, type: .partOf, target: b))
        g.merge(b, into: a)
        XCTAssertEqual(g.nodeCount, 1)
        XCTAssertEqual(g.edgeCount, 0, "an edge between the two would become a self-loop")
        assertAdjacencyConsistent(g)
    }

    // MARK: - Merging graphs

    func testMergeGraphRemapsDocumentsMentionsAndEvidence() {
        var base = KnowledgeGraph()
        base.addDocument(Fixture.doc("page", sha: "aaa"))
        let chen = base.add(Entity(type: .official, name: "陈凯", mentions: [Fixture.mention("page", 3, "陈凯")]))
        let park = base.add(Entity(type: .park, name: "西烟循环经济产业园", mentions: [Fixture.mention("page", 9, "西烟循环经济产业园")]))
        base.add(Relation(source: chen, type: .visited, target: park, evidence: [Fixture.evidence("page", 0, "陈凯来到西烟循环经济产业园。")]))

        // Another file with the same name (so the same proposed id) but other bytes.
        var other = KnowledgeGraph()
        other.addDocument(Fixture.doc("page", sha: "bbb"))
        let chen2 = other.add(Entity(type: .official, name: "陈凯", mentions: [Fixture.mention("page", 40, "陈凯")]))
        let park2 = other.add(Entity(type: .park, name: "西烟园区", aliases: ["西烟循环经济产业园"], mentions: [Fixture.mention("page", 50, "西烟园区")]))
        let company = other.add(Entity(type: .company, name: "东大土壤科技股份有限公司", mentions: [Fixture.mention("page", 60, "东大土壤科技股份有限公司")]))
        other.add(Relation(source: chen2, type: .visited, target: park2, evidence: [Fixture.evidence("page", 30, "陈凯再到西烟园区。")]))
        other.add(Relation(source: company, type: .locatedIn, target: park2, evidence: [Fixture.evidence("page", 55, "东大土壤位于西烟园区。")]))

        base.merge(other)
        XCTAssertEqual(base.documentList.map(\.id), ["page", "page-2"], "a clashing document id is made unique")
        XCTAssertEqual(base.nodeCount, 3, "陈凯 and the park merge by name/alias; the company is new")
        let c = try! XCTUnwrap(base.entity(id: chen))
        XCTAssertEqual(c.mentions.map(\.document), ["page", "page-2"])
        let p = try! XCTUnwrap(base.entity(id: park))
        XCTAssertEqual(Set(p.allNames), ["西烟循环经济产业园", "西烟园区"])
        XCTAssertEqual(Set(p.mentions.map(\.document)), ["page", "page-2"])
        let visited = try! XCTUnwrap(base.relation(EdgeKey(source: chen, type: .visited, target: park)))
        XCTAssertEqual(visited.evidence.map(\.document), ["page", "page-2"], "evidence cites the remapped document id")
        XCTAssertEqual(base.edgeCount, 2)
        for r in base.edges { for ev in r.evidence { XCTAssertNotNil(base.documents[ev.document]) } }
        for e in base.entities { for m in e.mentions { XCTAssertNotNil(base.documents[m.document]) } }

        // Merging a document the graph holds already (same bytes) maps onto the held id.
        var again = KnowledgeGraph()
        again.addDocument(Fixture.doc("renamed", sha: "aaa"))
        again.add(Entity(type: .official, name: "陈凯", mentions: [Fixture.mention("renamed", 3, "陈凯")]))
        base.merge(again)
        XCTAssertEqual(base.documentList.map(\.id), ["page", "page-2"])
        XCTAssertEqual(base.entity(id: chen)?.mentions.map(\.document), ["page", "page-2"])
        assertAdjacencyConsistent(base)
    }

    func testMergeGraphIsIdempotent() throws {
        let (g, _) = Fixture.sample()
        var twice = g
        twice.merge(g)
        XCTAssertEqual(try GraphFile.encode(twice), try GraphFile.encode(g))
    }

    // MARK: - Helpers

    /// Out- and in-lists hold exactly the live edges, each once, at their endpoints.
    func assertAdjacencyConsistent(_ g: KnowledgeGraph, file: StaticString = #filePath, line: UInt = #line) {
        var outSeen = 0, inSeen = 0
        for i in 0..<g.slotCount {
            guard let e = g.entity(at: i) else {
                XCTAssertTrue(g.outEdges(of: i).isEmpty && g.inEdges(of: i).isEmpty, "merged slot keeps edges", file: file, line: line)
                continue
            }
            for s in g.outEdges(of: i) {
                XCTAssertEqual(g.relation(at: s)?.source, e.id, file: file, line: line); outSeen += 1
            }
            for s in g.inEdges(of: i) {
                XCTAssertEqual(g.relation(at: s)?.target, e.id, file: file, line: line); inSeen += 1
            }
        }
        XCTAssertEqual(outSeen, g.edgeCount, file: file, line: line)
        XCTAssertEqual(inSeen, g.edgeCount, file: file, line: line)
    }
}
