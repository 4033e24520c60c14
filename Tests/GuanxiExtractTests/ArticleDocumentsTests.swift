import Foundation
import XCTest
@testable import GuanxiExtract
import GuanxiGraph
import GuanxiText

/// Documents as first-class: one per article, with its own headline, date, byline and source;
/// derived placement of entities; amounts of signings and investments.
final class ArticleDocumentsTests: XCTestCase {
    func testSamplePageGivesFiveDocumentsWithTheirOwnHeadlines() throws {
        let (g, src) = try extractFile(Paths.seed)
        let docs = g.documentList
        XCTAssertEqual(docs.map(\.id), (1...5).map { "000_7b3e52b32049f56f#\($0)" })
        XCTAssertEqual(docs.map { $0.title ?? "-" }, [
            "从“因煤而兴”到“因智而强”的战略跃迁—— 山西：未来产业乘势谋“未来”",
            "阳泉市委副书记、代市长陈凯在孟县调研时强调 加快项目建设 夯实平台支撑 推动经济发展持续向好",
            "山西省商务厅和省工信厅公布第二批省级消费品特色园区名单",
            "低空经济智能制造院士专家工作站落户屯留经开区",
            "侯马经济开发区 创优“营商环境” 增添发展动能",
        ])
        XCTAssertEqual(docs.map { $0.date ?? "-" }, ["2025-12", "01-04", "-", "2025-12-29", "2025-12-21"])
        XCTAssertEqual(docs.map(\.byline), [["侯海宏", "李京益", "李青", "高朋"], ["郭赞"], ["马永亮"], ["白续宏", "何君苗"], []])
        // One file: same path and hash, ranges in order and disjoint, within the file.
        let text = Array(src.text.unicodeScalars)
        XCTAssertEqual(Set(docs.map(\.sha256)), [src.sha256])
        var last = 0
        for d in docs {
            let start = try XCTUnwrap(d.start), end = try XCTUnwrap(d.end)
            XCTAssertTrue(last <= start && start < end && end <= text.count, "\(d.id) \(start)..<\(end)")
            last = end
        }
        // Mentions and evidence cite the article that holds them, with offsets in the file.
        func holder(_ offset: Int) -> String? { docs.first { ($0.start ?? 0) <= offset && offset < ($0.end ?? 0) }?.id }
        for e in g.entities { for m in e.mentions {
            XCTAssertEqual(String(String.UnicodeScalarView(text[m.start..<m.end])), m.text)
            XCTAssertEqual(holder(m.start), m.document, "\(m.text)@\(m.start)")
        } }
        for r in g.edges { for ev in r.evidence {
            XCTAssertEqual(String(String.UnicodeScalarView(text[ev.start..<ev.end])), ev.sentence)
            XCTAssertEqual(holder(ev.start), ev.document, ev.sentence)
        } }
        // Chen Kai's visit is cited under the second article's headline, not the first's.
        let chen = try XCTUnwrap(g.lookup("陈凯").first)
        XCTAssertEqual(Set(chen.mentions.map(\.document)), ["000_7b3e52b32049f56f#2"])
    }

    /// A page written for this test: a menu, a breadcrumb, a meta line with the date, a birth year
    /// in the body, a photo caption, a source address.
    func testTitleDateAndSourceIgnoreMenusCaptionsAndBirthYears() {
        let text = """
        首页 新闻 政务 公开 专题 互动
        首页 > 新闻中心 > 本地要闻
        王立新任青松市委书记
        发布时间:2024-03-05 09:12  来源:青松日报
        放大图片
        王立新,男,1966年4月生,汉族,曾任青松市市长。3月4日,青松市召开领导干部大会,宣布王立新任青松市委书记。
        会议指出,要加快青松经济技术开发区建设。
        原文链接:http://news.example.cn/2024/0305/123.html
        """
        let g = extract(text, id: "t1", path: "t1.txt")
        XCTAssertEqual(g.documentList.count, 1)
        let d = g.documentList[0]
        XCTAssertEqual(d.id, "t1")
        XCTAssertEqual(d.title, "王立新任青松市委书记")
        XCTAssertEqual(d.date, "2024-03-05", "the published date of the first lines, never the birth year")
        XCTAssertEqual(d.source, "http://news.example.cn/2024/0305/123.html")
        XCTAssertNil(d.start, "a one-article file is the whole file")
    }

    func testDatesFromFirstLineAndInChineseNumerals() {
        let a = extract("二○○九年七月二十三日,青松市委书记王立新到青松经济技术开发区调研。\n他强调,要加快项目建设。", id: "a", path: "a.txt")
        XCTAssertEqual(a.documentList.first?.date, "2009-07-23")
        let b = extract("青松开发区新闻\n2021/8/16 上午9:31:36 星期一\n稿源: 青松区政府网 2020-12-29\n12月27日,青松产业技术研究院在青松高新区成立。", id: "b", path: "b.txt")
        XCTAssertEqual(b.documentList.first?.date, "2020-12-29", "a date printed with its source beats a page timestamp")
        XCTAssertEqual(b.documentList.first?.title, "青松开发区新闻")
    }

    func testRegionsAreDerivedNotRelations() throws {
        let (g, _) = try extractFile(Paths.seed)
        func region(_ name: String) -> Region? { g.lookup(name).first?.region }
        XCTAssertEqual(region("长治市屯留经济技术开发区").map { [$0.province, $0.city, $0.county, $0.how] }, ["山西省", "长治市", "屯留区", "name"])
        XCTAssertEqual(region("怀仁经济技术开发区").map { [$0.province, $0.city, $0.county] }, ["山西省", "朔州市", "怀仁市"])
        XCTAssertEqual(region("侯马经济开发区")?.countyCode, "141081")
        XCTAssertEqual(region("山西省工信厅").map { [$0.province, $0.how] }, ["山西省", "name"])
        XCTAssertEqual(region("太原市").map { [$0.province, $0.city, $0.how] }, ["山西省", "太原市", "gazetteer"])
        XCTAssertEqual(region("低空经济智能制造院士专家工作站")?.how, "located_in", "placed through its stated located_in")
        XCTAssertNil(region("南京航空航天大学"), "a university named after a city of another province the page never names is not placed")
        XCTAssertNil(region("陈凯"), "officials are not placed")
        // No edge was added for placement: located_in edges all come with evidence of a rule.
        for r in g.edges where r.type == .locatedIn { XCTAssertFalse(r.evidence.isEmpty) }
        XCTAssertFalse(g.edges.contains { r in r.type == .locatedIn && g.entity(id: r.target)?.name == "山西省" && g.entity(id: r.source)?.name == "侯马经济开发区" })
    }

    func testShortPlaceFormsNeedTheDocumentToNameThePlace() {
        let placer = RegionPlacement()
        var es = [Entity(type: .company, name: "东方电气集团"), Entity(type: .company, name: "大同煤矿集团有限公司"),
                  Entity(type: .park, name: "山西综改示范区"), Entity(type: .park, name: "朝阳经济技术开发区")]
        placer.place(&es, relations: [])
        XCTAssertEqual(es.map { $0.region?.label ?? "-" }, ["-", "-", "-", "-"], "no place named in the file: short forms place nothing")
        var es2 = es + [Entity(type: .place, name: "山西省"), Entity(type: .place, name: "辽宁省")]
        placer.place(&es2, relations: [])
        XCTAssertEqual(es2.prefix(4).map { $0.region?.label ?? "-" }, ["-", "山西省 大同市", "山西省", "辽宁省 朝阳市"])
        // A full name needs no context.
        var es3 = [Entity(type: .organization, name: "阳泉市人民政府"), Entity(type: .park, name: "四川省广安经济技术开发区")]
        placer.place(&es3, relations: [])
        XCTAssertEqual(es3.map { $0.region?.label ?? "-" }, ["山西省 阳泉市", "四川省 广安市"])
    }

    func testAmounts() {
        func amount(_ s: String, _ names: [[String]] = []) -> String {
            guard let a = AmountReader.amount(in: s, near: names) else { return "-" }
            return "\(a.text) \(a.value.map { String(format: "%.4g", $0) } ?? "?") \(a.currency)"
        }
        XCTAssertEqual(amount("甲公司与乙园区签约,项目总投资108亿元。"), "108亿元 1.08e+10 CNY")
        XCTAssertEqual(amount("双方签订合作协议,投资5000万美元建设基地。"), "5000万美元 5e+07 USD")
        XCTAssertEqual(amount("签约项目总投资1.5亿美元。"), "1.5亿美元 1.5e+08 USD")
        XCTAssertEqual(amount("项目计划投资五千万元。"), "五千万元 5e+07 CNY")
        XCTAssertEqual(amount("签约金额达3,200万元。"), "3,200万元 3.2e+07 CNY")
        XCTAssertEqual(amount("企业年产值50亿元,与园区签约。"), "-", "an output figure is no signing amount")
        XCTAssertEqual(amount("甲公司与园区签约。"), "-")
        // Several sums: the one after the fact's tail.
        let two = "A项目总投资10亿元,B项目总投资5亿元。"
        XCTAssertEqual(amount(two, [["甲公司"], ["B项目"]]), "5亿元 5e+08 CNY")
        XCTAssertEqual(amount(two, [["甲公司"], ["A项目"]]), "10亿元 1e+09 CNY")
        XCTAssertEqual(amount(two, [["甲公司"], ["丙项目"]]), "-", "cannot tell which: none")
    }

    func testSigningEvidenceCarriesItsAmount() throws {
        let g = extract("3月5日,青松市人民政府与青松新材料科技有限公司签约,项目总投资108亿元。", id: "m", path: "m.txt")
        let withAmount = g.edges.filter { AmountReader.carriesAmount($0.type) }.flatMap(\.evidence)
        XCTAssertFalse(withAmount.isEmpty, "\(g.edges.map(\.type))")
        for ev in withAmount {
            XCTAssertEqual(ev.amount, Amount(text: "108亿元", value: 1.08e10, currency: "CNY"))
        }
        // Other relations carry none.
        XCTAssertTrue(g.edges.filter { !AmountReader.carriesAmount($0.type) }.allSatisfy { $0.evidence.allSatisfy { $0.amount == nil } })
    }

    /// The devset's documents, as a user sees them: a headline that is no menu, footer or caption,
    /// and no date in a birth year.
    func testDevsetTitlesAreNoFurniture() throws {
        let dir = Paths.shared.appendingPathComponent("devset/texts")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        XCTAssertEqual(files.count, 40, "../shared/devset/texts must hold the 40 devset articles")
        var titled = 0
        for f in files {
            let (g, _) = try extractFile(dir.appendingPathComponent(f))
            for d in g.documentList {
                guard let t = d.title else { continue }
                titled += 1
                for bad in ["首页", ">", "发布时间", "来源", "放大", "行业直达", "浏览", "版权", "本站", "今日"] {
                    XCTAssertFalse(t.contains(bad), "\(f): title \(t)")
                }
                XCTAssertLessThanOrEqual(t.count, 80, "\(f): \(t)")
            }
            for d in g.documentList { XCTAssertFalse(d.date?.hasPrefix("1966") ?? false, "\(f): a birth year as date") }
        }
        XCTAssertGreaterThanOrEqual(titled, 21, "the devset articles that print a headline keep it (21 measured)")
    }
}
