import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GuanxiGraph
import XCTest
import GuanxiText

/// The same article as UTF-8 plain text, GB18030, HTML and Traditional characters must give the
/// same graph (issue 3). The article is the 陈凯 report of the sample page.
final class EncodingTwinTests: GuanxiCLITestCase {

    /// The article in Simplified characters, cut from the sample page.
    static func simplifiedArticle() throws -> String {
        let page = try String(contentsOfFile: GuanxiCLITestCase.seeds + "/000_7b3e52b32049f56f.txt", encoding: .utf8)
        let start = try XCTUnwrap(page.range(of: "科学导报讯 1月4日"))
        let end = try XCTUnwrap(page.range(of: "\n郭赞", range: start.upperBound..<page.endIndex))
        return String(page[start.lowerBound..<end.upperBound])
    }

    /// Entities as (type, name) and relations as (source name, type, target name).
    func summary(_ graphPath: String) throws -> (entities: [String], relations: [String]) {
        let g = try GraphFile.load(graphPath)
        let names = Dictionary(uniqueKeysWithValues: g.entities.map { ($0.id, $0.name) })
        return (g.entities.map { "\($0.type.rawValue) \($0.name)" }.sorted(),
                g.edges.map { "\(names[$0.source] ?? "?") \($0.type.rawValue) \(names[$0.target] ?? "?")" }.sorted())
    }

    func testEncodingsAndScriptsGiveTheSameGraph() throws {
        let cli = self
        let simplified = try Self.simplifiedArticle()
        XCTAssertEqual(Self.traditional.count, simplified.count, "the fixture is the article, character for character")

        let plain = cli.path("plain.txt"), gb = cli.path("gb.txt"), html = cli.path("page.html"), trad = cli.path("trad.txt")
        try simplified.write(toFile: plain, atomically: true, encoding: .utf8)
        try Data(try XCTUnwrap(TextEncoding.encode(simplified, as: "GB18030"))).write(to: URL(fileURLWithPath: gb))
        let paragraphs = simplified.split(separator: "\n").map { "<p>\($0.replacingOccurrences(of: "&", with: "&amp;"))</p>" }
        try ("<!DOCTYPE html>\n<html><head><title>陈凯调研</title><style>p{margin:0}</style></head><body>\n"
             + paragraphs.joined(separator: "\n") + "\n<script>var a = 1 < 2;</script></body></html>\n")
            .write(toFile: html, atomically: true, encoding: .utf8)
        try Self.traditional.write(toFile: trad, atomically: true, encoding: .utf8)
        // Issue 14 item 15: the Traditional text in Big5 (as Taiwan and Hong Kong sites serve it)
        // and the article in UTF-32 give the same graph too. (Big5 writes 為 where OpenCC gives 爲.)
        let big5 = cli.path("big5.txt"), utf32 = cli.path("utf32.txt")
        try Data(try XCTUnwrap(TextEncoding.encode(Self.traditional.replacingOccurrences(of: "爲", with: "為"), as: "BIG5-HKSCS"), "Big5 encodes the article")).write(to: URL(fileURLWithPath: big5))
        try Data([0xFF, 0xFE, 0, 0] + (try XCTUnwrap(TextEncoding.encode(simplified, as: "UTF-32LE")))).write(to: URL(fileURLWithPath: utf32))

        var results: [String: (entities: [String], relations: [String])] = [:]
        for file in [plain, gb, html, trad, big5, utf32] {
            let graph = file + ".json"
            let r = try cli.guanxi(["build", file, "--graph", graph])
            XCTAssertEqual(r.status, 0, "\(file): \(r.stderr)")
            results[file] = try summary(graph)
        }
        let reference = try XCTUnwrap(results[plain])
        XCTAssertFalse(reference.entities.isEmpty)
        XCTAssertTrue(reference.entities.contains("official 陈凯"), "\(reference.entities)")
        for file in [gb, html, trad, big5, utf32] {
            XCTAssertEqual(results[file]?.entities, reference.entities, "entities of \(file)")
            XCTAssertEqual(results[file]?.relations, reference.relations, "relations of \(file)")
        }
        XCTAssertEqual(try GraphFile.load(big5 + ".json").documentList.first?.encoding, "Big5")
        XCTAssertEqual(try GraphFile.load(utf32 + ".json").documentList.first?.encoding, "UTF-32LE")
        // Mentions of the Traditional text quote it as written.
        let g = try GraphFile.load(trad + ".json")
        let chen = try XCTUnwrap(g.lookup("陈凯").first)
        XCTAssertTrue(chen.mentions.contains { $0.text == "陳凱" }, "\(chen.mentions)")
        let doc = try XCTUnwrap(g.documentList.first)
        let text = Array(Self.traditional.unicodeScalars)
        for e in g.entities {
            for m in e.mentions where m.document == doc.id {
                XCTAssertEqual(String(String.UnicodeScalarView(text[m.start..<m.end])), m.text)
            }
        }
    }

    /// The article converted with OpenCC s2t (a fixture, so the test needs no converter).
    static let traditional = #"""
科學導報訊 1月4日,陽泉市委副書記、代市長陳凱在孟縣調研。他強調,要深入學習貫徹黨的二十屆四中全會精神和習近平總書記對山西工作的重要講話重要指示精神,按照省、市部署要求,因地制宜推動能源轉型、產業升級、適度多元發展,加快項目建設,強化平臺支撐,統籌好發展和安全,推動經濟發展持續向好。

調研期間,陳凱來到西煙循環經濟產業園,瞭解園區規劃、產業佈局 and 項目建設情況,並聽取孟縣經開區工作彙報。他叮囑園區負責同志要用好國家級大宗固廢綜合利用示範基地政策,系統謀劃產業佈局,精準實施以企引企、資本招商,強化政策支持、資源配置、要素保障,推動更多好項目落地,爲全市綠色轉型發展提供支撐。

在山西瑞達再生資源科技有限公司3萬噸/年廢活性炭再生項目、山西弘盛益通環保科技有限公司6000t/a廢催化劑綜合利用項目現場,陳凱詳細瞭解項目規劃設計、建設內容、投資強度、經濟效益等情況。他指出,要大力發展資源循環利用產業,強化科技創新與產業創新深度融合,提高再生產品質量,加快構建綠色低碳循環經濟體系。

鋁產業鏈一體化項目是陽泉市社大“333”產業集羣的重點項目。陳凱查看項目進展,聽取工作情況彙報。他指出,項目建設時間緊、任務重。各級相關部門及項目單位要堅決落實省委、省政府部署要求,按照“四個綠色”理念,發揮工作專班作用,緊盯節點、加快進度,確保項目按時投產,推動鋁產業向高端化、智能化、綠色化發展。

中大(天津)集團專注於建材和農業兩大核心領域,在西煙循環經濟產業園佈局2家企業,其中,歐貝姆納米科技有限公司主攻工業廢料製備新型綠色建材,東大土壤科技股份有限公司致力於土壤修復。在現場,陳凱分別聽取2家企業科技創新、核心產品、市場應用等情況介紹。他勉勵企業苦練內功、深耕細作,積極拓展市場,切實把企業做大做強。

其間,陳凱還查看東大路交通狀況,聽取孟縣道路交通安全管理工作彙報。他強調,要毫不放鬆抓好安全生產工作,強化國省幹道、城市道路、農村公路等重點路段隱患排查治理,加強道路運輸、公路運營、城市客運等重點領域安全監管,嚴查嚴懲交通違法行爲,不斷增強羣衆安全意識,努力營造安全、有序、暢通的道路交通環境。

郭贊
"""#
}
