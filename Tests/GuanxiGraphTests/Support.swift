import Foundation
import GuanxiTestSupport
@testable import GuanxiGraph

typealias SeededRNG = SplitMix64

/// Builders for small hand-made graphs.
enum Fixture {
    static func doc(_ id: String, sha: String? = nil) -> DocumentRecord {
        DocumentRecord(id: id, path: "news/\(id).txt", sha256: sha ?? String(repeating: id.first.map(String.init) ?? "0", count: 8) + id,
                       length: 100, title: "标题\(id)", byline: ["郭赞"],
                       articles: [ArticleRecord(title: "标题", byline: ["郭赞"], dateline: "科学导报讯", date: "01-04", start: 0, end: 100)])
    }

    static func mention(_ doc: String, _ start: Int, _ text: String) -> Mention {
        Mention(document: doc, start: start, end: start + text.unicodeScalars.count, text: text)
    }

    static func evidence(_ doc: String, _ start: Int, _ sentence: String, date: String? = nil) -> Evidence {
        Evidence(document: doc, sentence: sentence, start: start, end: start + sentence.unicodeScalars.count, date: date)
    }

    /// A little graph of officials visiting parks and companies located in them:
    ///
    ///     陈凯 —visited→ 西烟循环经济产业园 ←located_in— 欧贝姆纳米科技有限公司
    ///     陈凯 —holds_post→ 阳泉市人民政府
    ///     王健 (alone)      钱征华 —leads→ 工作站 —located_in→ 屯留经济技术开发区
    static func sample() -> (graph: KnowledgeGraph, ids: [String: String]) {
        var g = KnowledgeGraph()
        g.addDocument(doc("d1"))
        var ids: [String: String] = [:]
        func put(_ key: String, _ type: EntityType, _ name: String, aliases: [String] = [], at: Int = 0) {
            ids[key] = g.add(Entity(type: type, name: name, aliases: aliases, mentions: [mention("d1", at, name)]))
        }
        put("chen", .official, "陈凯", at: 1)
        put("park", .park, "西烟循环经济产业园", aliases: ["西烟园区"], at: 10)
        put("company", .company, "欧贝姆纳米科技有限公司", aliases: ["欧贝姆"], at: 20)
        put("gov", .organization, "阳泉市人民政府", aliases: ["阳泉市政府"], at: 30)
        put("wang", .official, "王健", at: 40)
        put("qian", .official, "钱征华", at: 50)
        put("station", .organization, "低空经济智能制造院士专家工作站", aliases: ["工作站"], at: 60)
        put("tunliu", .park, "屯留经济技术开发区", aliases: ["屯留经开区"], at: 70)
        func link(_ a: String, _ t: RelationType, _ b: String, _ at: Int) {
            g.add(Relation(source: ids[a]!, type: t, target: ids[b]!, evidence: [evidence("d1", at, "句子\(at)。")]))
        }
        link("chen", .visited, "park", 1)
        link("company", .locatedIn, "park", 2)
        link("chen", .holdsPost, "gov", 3)
        link("qian", .leads, "station", 4)
        link("station", .locatedIn, "tunliu", 5)
        return (g, ids)
    }
}

extension KnowledgeGraph {
    /// The node slot of a name, for tests (fails loudly when missing).
    func slot(_ name: String) -> Int {
        guard let e = lookup(name).first, let i = index(of: e.id) else { fatalError("no node \(name)") }
        return i
    }
}
