import Foundation
import XCTest
@testable import GuanxiGraph

/// The fact table: one row per relation × evidence, its filters and its formats.
final class FactTableTests: XCTestCase {
    /// Two files: `p` a page of two articles (p#1 and p#2, sharing the hash), `q` a file of its own.
    func graph() -> KnowledgeGraph {
        var g = KnowledgeGraph()
        g.addDocument(DocumentRecord(id: "p#1", path: "news/p.txt", sha256: "hp", title: "甲文", start: 0, end: 50, date: "2025-12-29"))
        g.addDocument(DocumentRecord(id: "p#2", path: "news/p.txt", sha256: "hp", title: "乙文", start: 50, end: 100, date: "01-04"))
        g.addDocument(DocumentRecord(id: "q", path: "news/q.txt", sha256: "hq", title: nil, date: "2024-03-01", source: "http://example.org/q.html"))
        let shanxi = Region(province: "山西省", provinceCode: "140000", city: "朔州市", cityCode: "140600", county: "怀仁市", countyCode: "140681", how: "name")
        let sichuan = Region(province: "四川省", provinceCode: "510000", how: "name")
        let chen = g.add(Entity(type: .official, name: "陈凯", mentions: [Mention(document: "p#1", start: 1, end: 3, text: "陈凯")]))
        let park = g.add(Entity(type: .park, name: "怀仁经济技术开发区", mentions: [Mention(document: "p#1", start: 5, end: 14, text: "怀仁经济技术开发区")], region: shanxi))
        let park2 = g.add(Entity(type: .park, name: "广安经济技术开发区", mentions: [Mention(document: "q", start: 5, end: 14, text: "广安经济技术开发区")], region: sichuan))
        let co = g.add(Entity(type: .company, name: "甲公司", mentions: [Mention(document: "p#2", start: 60, end: 63, text: "甲公司")]))
        let place = g.add(Entity(type: .place, name: "山西省", mentions: [Mention(document: "p#1", start: 20, end: 23, text: "山西省")],
                                 region: Region(province: "山西省", provinceCode: "140000", how: "gazetteer")))
        g.add(Relation(source: chen, type: .visited, target: park, evidence: [
            Evidence(document: "p#1", sentence: "陈凯来到怀仁经济技术开发区。", start: 0, end: 14),
            Evidence(document: "p#2", sentence: "陈凯再次来到\n怀仁经济技术开发区。", start: 50, end: 66, date: "2026-01-04"),
        ]))
        g.add(Relation(source: chen, type: .visited, target: park2, evidence: [
            Evidence(document: "q", sentence: "陈凯到广安经济技术开发区调研。", start: 0, end: 15),
        ]))
        g.add(Relation(source: co, type: .signedWith, target: park, evidence: [
            Evidence(document: "p#2", sentence: "甲公司与怀仁经济技术开发区签约,总投资108亿元。", start: 60, end: 85,
                     amount: Amount(text: "108亿元", value: 1.08e10)),
        ]))
        g.add(Relation(source: park, type: .locatedIn, target: place, evidence: [
            Evidence(document: "p#1", sentence: "怀仁经济技术开发区位于山西省。", start: 20, end: 35),
        ]))
        return g
    }

    func testOneRowPerEvidenceWithDocumentTitleDateAndSource() {
        let rows = graph().facts(FactFilter(relations: [.visited], types: [.park]))
        XCTAssertEqual(rows.map { "\($0.head)|\($0.tail)|\($0.document)|\($0.title ?? "-")|\($0.date ?? "-")|\($0.source)" }, [
            "陈凯|广安经济技术开发区|q|-|2024-03-01|http://example.org/q.html",
            "陈凯|怀仁经济技术开发区|p#1|甲文|2025-12-29|news/p.txt",
            "陈凯|怀仁经济技术开发区|p#2|乙文|2026-01-04|news/p.txt",
        ])
    }

    func testFiltersCombine() {
        let g = graph()
        XCTAssertEqual(g.facts().count, 5)
        XCTAssertEqual(g.facts(FactFilter(types: [.company])).map(\.relation), [.signedWith])
        XCTAssertEqual(g.facts(FactFilter(entities: [try! XCTUnwrap(g.lookup("甲公司").first).id])).count, 1)
        // A file's id stands for all its article documents; an article's id for itself only.
        XCTAssertEqual(Set(g.facts(FactFilter(documents: ["p"])).map(\.document)), ["p#1", "p#2"])
        XCTAssertEqual(Set(g.facts(FactFilter(documents: ["p#2"])).map(\.document)), ["p#2"])
        XCTAssertEqual(Set(g.facts(FactFilter(documents: ["q"])).map(\.document)), ["q"])
        // Dates: partial bounds, inclusive; undated-year dates never match a dated range.
        XCTAssertEqual(g.facts(FactFilter(from: "2025-12", to: "2025-12")).map(\.document), ["p#1", "p#1"])
        XCTAssertEqual(g.facts(FactFilter(from: "2026")).map(\.date), ["2026-01-04"])
        XCTAssertEqual(g.facts(FactFilter(to: "2024")).map(\.document), ["q"])
    }

    func testPlaceFilterUsesDerivedRegionsAndTypes() {
        let g = graph()
        let shanxiParks = g.facts(FactFilter(types: [.park], place: "山西省"))
        XCTAssertEqual(Set(shanxiParks.map(\.tail)).union(shanxiParks.map(\.head)).filter { $0.hasSuffix("开发区") }, ["怀仁经济技术开发区"])
        XCTAssertFalse(shanxiParks.contains { $0.tail == "广安经济技术开发区" })
        XCTAssertEqual(g.facts(FactFilter(types: [.park], place: "山西")).count, shanxiParks.count, "short form")
        XCTAssertEqual(g.facts(FactFilter(types: [.park], place: "朔州市")).count, shanxiParks.count, "city level")
        XCTAssertEqual(g.facts(FactFilter(types: [.park], place: "四川省")).map(\.tail), ["广安经济技术开发区"])
        XCTAssertEqual(g.facts(FactFilter(types: [.official], place: "山西省")).count, 0, "officials are not placed")
        XCTAssertEqual(g.entities(within: "山西省").map(\.name), ["怀仁经济技术开发区"], "within lists what lies inside, not the place itself")
        XCTAssertEqual(g.entities(within: "陕西省").map(\.name), [])
    }

    func testTSVIsOneLinePerFact() {
        let rows = graph().facts(FactFilter(relations: [.visited, .signedWith], documents: ["p#2"]))
        XCTAssertEqual(FactTableFormat.tsv(rows), """
        head\thead_type\trelation\ttail\ttail_type\tamount\tdate\tdocument\ttitle\tsource\tevidence
        甲公司\tcompany\tsigned_with\t怀仁经济技术开发区\tpark\t108亿元\t01-04\tp#2\t乙文\tnews/p.txt\t甲公司与怀仁经济技术开发区签约,总投资108亿元。
        陈凯\tofficial\tvisited\t怀仁经济技术开发区\tpark\t\t2026-01-04\tp#2\t乙文\tnews/p.txt\t陈凯再次来到 怀仁经济技术开发区。

        """)
    }

    func testCSVQuotesAndExcelMarksBOMAndDefusesFormulas() {
        var f = graph().facts(FactFilter(relations: [.signedWith]))
        f[0].head = "=HYPERLINK(\"x\")"
        let plain = FactTableFormat.csv(f)
        XCTAssertFalse(plain.hasPrefix("\u{FEFF}"))
        XCTAssertEqual(plain, "head,head_type,relation,tail,tail_type,amount,date,document,title,source,evidence\r\n"
            + "\"=HYPERLINK(\"\"x\"\")\",company,signed_with,怀仁经济技术开发区,park,108亿元,01-04,p#2,乙文,news/p.txt,\"甲公司与怀仁经济技术开发区签约,总投资108亿元。\"\r\n")
        let excel = FactTableFormat.csv(f, excel: true)
        XCTAssertTrue(excel.hasPrefix("\u{FEFF}head,"))
        XCTAssertTrue(excel.contains("\r\n\"'=HYPERLINK(\"\"x\"\")\",company"), excel)
    }

    func testTableAlignsByDisplayWidth() {
        XCTAssertEqual(FactTableFormat.displayWidth("陈凯ab"), 6)
        XCTAssertEqual(FactTableFormat.displayWidth("（１）"), 6)
        let table = FactTableFormat.table(graph().facts(FactFilter(relations: [.visited])))
        let lines = table.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4)
        // The relation column starts at the same display column on every line.
        let starts = lines.map { line -> Int in
            let head = line.prefix { $0 != " " }
            let rest = line.dropFirst(head.count).prefix { $0 == " " }
            return FactTableFormat.displayWidth(String(head)) + rest.count
        }
        XCTAssertEqual(Set(starts).count, 1, table)
        XCTAssertTrue(lines[3].hasSuffix("陈凯再次来到 怀仁经济技术开发区。"), "evidence on one line: \(lines[3])")
    }

    func testJSONCarriesAmountAndRegions() throws {
        let rows = graph().facts(FactFilter(relations: [.signedWith]))
        let data = try JSONEncoder().encode(rows)
        let back = try JSONDecoder().decode([Fact].self, from: data)
        XCTAssertEqual(back, rows)
        XCTAssertEqual(back.first?.amount?.value, 1.08e10)
        XCTAssertEqual(back.first?.tailRegion, "山西省 朔州市 怀仁市")
    }

    func testCellsDropTerminalEscapes() {
        XCTAssertEqual(FactTableFormat.oneLine("标题\u{1B}[31m红\u{1B}[0m\n第二行\u{7}"), "标题[31m红[0m 第二行")
        var f = graph().facts(FactFilter(relations: [.signedWith]))
        f[0].title = "乙\u{1B}]0;x\u{7}文"
        XCTAssertFalse(FactTableFormat.table(f).unicodeScalars.contains("\u{1B}"))
        XCTAssertFalse(FactTableFormat.tsv(f).unicodeScalars.contains("\u{1B}"))
    }
}
