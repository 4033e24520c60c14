import XCTest
@testable import GuanxiGraph

/// Entities of two documents join only through distinctive names (MergePolicy).
final class MergePolicyTests: XCTestCase {
    /// One document's graph holding the given entities.
    func document(_ id: String, _ entities: [Entity]) -> KnowledgeGraph {
        var g = KnowledgeGraph()
        g.addDocument(Fixture.doc(id))
        for e in entities { g.add(e) }
        return g
    }

    func testGenericAndRelativeNamesNeverJoinTwoDocuments() {
        var g = KnowledgeGraph()
        g.merge(document("d1", [Entity(type: .place, name: "梧州市", aliases: ["市委"])]), acrossDocuments: true)
        g.merge(document("d2", [Entity(type: .place, name: "杭州市", aliases: ["市委"])]), acrossDocuments: true)
        g.merge(document("d3", [Entity(type: .park, name: "广安经济技术开发区", aliases: ["园区"])]), acrossDocuments: true)
        g.merge(document("d4", [Entity(type: .park, name: "晋北采煤沉陷区新能源基地", aliases: ["园区", "开发区"])]), acrossDocuments: true)
        g.merge(document("d5", [Entity(type: .organization, name: "长治市科技局", aliases: ["市科技局"])]), acrossDocuments: true)
        g.merge(document("d6", [Entity(type: .organization, name: "阳泉市科技局", aliases: ["市科技局"])]), acrossDocuments: true)
        XCTAssertEqual(g.nodeCount, 6, g.entities.map(\.name).description)
        XCTAssertEqual(g.lookup("杭州市").map(\.name), ["杭州市"])
        XCTAssertEqual(Set(g.lookup("市委").map(\.name)), ["梧州市", "杭州市"])
    }

    func testDistinctiveNamesJoinTwoDocuments() {
        var g = KnowledgeGraph()
        g.merge(document("d1", [Entity(type: .park, name: "屯留经济技术开发区", aliases: ["屯留经开区"])]), acrossDocuments: true)
        g.merge(document("d2", [Entity(type: .park, name: "屯留经开区")]), acrossDocuments: true)
        XCTAssertEqual(g.nodeCount, 1)
        XCTAssertEqual(g.entities.first?.name, "屯留经济技术开发区")
    }

    func testShortPersonalNamesJoinOnlyWhenPostsShareAnAnchor() {
        var g = KnowledgeGraph()
        g.merge(document("d1", [Entity(type: .official, name: "陈凯", posts: [Post(title: "阳泉市委副书记、代市长")])]), acrossDocuments: true)
        g.merge(document("d2", [Entity(type: .official, name: "陈凯", posts: [Post(title: "阳泉市代市长")])]), acrossDocuments: true)
        g.merge(document("d3", [Entity(type: .official, name: "陈凯", posts: [Post(title: "杭州市副市长")])]), acrossDocuments: true)
        g.merge(document("d4", [Entity(type: .official, name: "陈凯", posts: [Post(title: "市委书记")])]), acrossDocuments: true)
        XCTAssertEqual(g.lookup("陈凯").count, 3, "阳泉's 陈凯 is one node; 杭州's and an unanchored one stay apart")
        XCTAssertEqual(g.lookup("陈凯").first { $0.posts.count == 2 }?.posts.map(\.title).sorted(), ["阳泉市代市长", "阳泉市委副书记、代市长"])
    }

    func testPieceOfOneDocumentStillMergesByAnyName() {
        var g = document("d1", [Entity(type: .park, name: "西烟循环经济产业园", aliases: ["园区"])])
        g.merge(document("d1", [Entity(type: .park, name: "园区")]))
        XCTAssertEqual(g.nodeCount, 1)
    }

    func testGenericWordsAndPostAnchors() {
        for generic in ["园区", "开发区", "市委", "省委", "市政府", "省工信厅", "区管委会", "市科技局", "该公司", "《规划》", "王健", "自治区党委", "园区管委会"] {
            XCTAssertFalse(MergePolicy.isDistinctive(generic), generic)
        }
        for name in ["屯留经开区", "山西省工信厅", "阳泉市", "凯赛(太原)生物材料有限公司"] {
            XCTAssertTrue(MergePolicy.isDistinctive(name), name)
        }
        XCTAssertEqual(MergePolicy.postAnchors(of: Entity(type: .official, name: "x", posts: [Post(title: "屯留经开区党工委书记")])), ["屯留经开区"])
        XCTAssertEqual(MergePolicy.postAnchors(of: Entity(type: .official, name: "x", posts: [Post(title: "省委常委、副省长")])), [])
    }

    /// The scalar fast paths (titles cut into parts, generic keys) answer as the character-based
    /// ones: on plain text, and on text with combining marks or other scripts (the general path).
    func testFastPathsAnswerAsCharacters() {
        let titles = ["阳泉市委副书记、代市长", "屯留经开区党工委书记，管委会主任", "A; b,,c", "、，,；; ", "", "市长",
                      "晋中市委书记；晋中市\u{3000}市长", "Ｘ市长、副市长", "e\u{301}市、长", "、\u{301}副市长", "〰\u{200D}〰、市长"]
        for t in titles {
            XCTAssertEqual(MergePolicy.titleParts(t).map(String.init), t.split(whereSeparator: { "、，,；; ".contains($0) }).map(String.init), t)
        }
        for key in ["园区", "市委", "省工信厅", "阳泉市", "自治区党委", "新区管委会", "项目", "abc", "", "屯留经开区", "市\u{301}科技局", "ｘ园区"] {
            let slow = key.first.map { MergePolicy.categoryWords.contains(key) || MergePolicy.relativePrefixes.contains($0)
                || MergePolicy.relativeOpenings.contains { key.unicodeScalars.starts(with: $0.unicodeScalars) } } ?? true
            XCTAssertEqual(MergePolicy.isGenericKey(key), slow, key)
        }
    }
}
