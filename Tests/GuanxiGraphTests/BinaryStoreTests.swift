import Foundation
import XCTest
@testable import GuanxiGraph

/// The compact `.gxb` store holds exactly what the JSON file holds.
final class BinaryStoreTests: XCTestCase {
    func graph() -> KnowledgeGraph {
        var (g, ids) = Fixture.sample()
        g.addDocument(DocumentRecord(id: "d2", path: "a/b \"c\".html", sha256: "ff00", encoding: "GB18030",
                                     format: "html", length: 3, title: "标题\n第二行", byline: ["张三"],
                                     articles: [ArticleRecord(title: nil, byline: ["张三"], dateline: "本报讯", date: "01-04", start: 0, end: 3)]))
        let odd = g.add(Entity(type: .policy, name: "《山西省“十四五”未来产业发展规划》", aliases: ["《规划》", "𠀀规划/2025", "ＡＢＣ规划"],
                               posts: [], mentions: [Fixture.mention("d2", 0, "《规划》")]))
        g.add(Entity(type: .official, name: "陈凯", posts: [Post(title: "阳泉市委副书记、代市长", organization: "阳泉市"), Post(title: "市长")]))
        g.add(Relation(source: ids["gov"]!, type: .issued, target: odd,
                       evidence: [Fixture.evidence("d2", 0, "发布\"规划\"\t😀\n。", date: "2025-12"), Fixture.evidence("d2", 1, "又一句。")]))
        return g
    }

    func testBinaryRoundTripEqualsJSON() throws {
        let g = graph()
        let bin = GraphStore.encodeBinary(g)
        let back = try GraphStore.decode(bin, path: "mem.gxb")
        XCTAssertEqual(try GraphStore.encode(back), try GraphStore.encode(g))
        XCTAssertEqual(GraphStore.encodeBinary(back), bin)
        XCTAssertEqual(back.lookup("《规划》").first?.type, .policy)
        XCTAssertEqual(back.lookup("abc规划").first?.type, .policy)
        for i in 0..<g.slotCount {
            guard let e = g.entity(at: i), let j = back.index(of: e.id) else { continue }
            XCTAssertEqual(back.degree(of: j), g.degree(of: i), e.id)
        }
        // A loaded graph still merges: the same fact again grows one edge's evidence.
        var grown = back
        let edge = try XCTUnwrap(g.edges.first)
        let before = grown.edgeCount
        grown.add(Relation(source: edge.source, type: edge.type, target: edge.target, evidence: [Fixture.evidence("d9", 5, "新的证据。")]))
        XCTAssertEqual(grown.edgeCount, before)
        XCTAssertEqual(grown.relation(edge.key)?.evidence.count, edge.evidence.count + 1)
        XCTAssertEqual(back.relation(edge.key)?.evidence, edge.evidence)
    }

    func testSaveByExtensionAndDamage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gxb-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let g = graph()
        try GraphStore.save(g, to: dir + "/g.gxb")
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/g.gxb"))
        XCTAssertEqual(Array(data.prefix(4)), Array("GXB1".utf8))
        XCTAssertEqual(try GraphStore.load(dir + "/g.gxb").edges, g.edges)
        for cut in [6, 20, data.count / 2, data.count - 1] {
            XCTAssertThrowsError(try GraphStore.decode(data.prefix(cut), path: "x.gxb")) { e in
                guard case GraphStoreError.corrupt = e as! GraphStoreError else { return XCTFail("\(e)") }
            }
        }
        var newer = data; newer[4] = 99
        XCTAssertEqual(try? GraphStore.decode(newer, path: "x.gxb").nodeCount, nil)
    }

    func testNameKeyFastPathMatchesNFKC() {
        for name in ["山西转型综改示范区", "ABC有限公司", "《规划》", "“陈凯”", "京东方 BOE", "a'b\"c", "中大(天津)集团", "𠀀规划/2025", "ＡＢＣ", "ⅫⅡ区", "i̇stanbul", "・中·心•"] {
            let slow = String(name.precomposedStringWithCompatibilityMapping.lowercased().filter { !NameKey.ignored.contains($0) && !$0.isWhitespace })
            XCTAssertEqual(NameKey.of(name), slow, name)
        }
    }

    func testSortedUnionMatchesSetUnion() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let a = Array(Set((0..<Int.random(in: 0...20, using: &rng)).map { _ in Int.random(in: 0...40, using: &rng) })).sorted()
            let b = (0..<Int.random(in: 0...20, using: &rng)).map { _ in Int.random(in: 0...40, using: &rng) }
            var x = a
            KnowledgeGraph.formSortedUnion(&x, b)
            XCTAssertEqual(x, Array(Set(a).union(b)).sorted())
        }
    }
}
