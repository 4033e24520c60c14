import Foundation
import GuanxiGraph
import XCTest

/// An analyst's questions across articles, asked through the CLI on the sample page.
final class AnalystTests: GuanxiCLITestCase {
    static let page = "000_7b3e52b32049f56f"

    /// "Who visited which parks?" in one call: a TSV row per statement, each with document, title,
    /// date and source.
    func testFactsAnswersWhoVisitedWhichParks() throws {
        let g = try buildSeeds()
        let r = try guanxi(["facts", "--relation", "visited", "--type", "park", "--tsv", "--graph", g])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.first, "head\thead_type\trelation\ttail\ttail_type\tamount\tdate\tdocument\ttitle\tsource\tevidence")
        XCTAssertEqual(lines.last, "", "ends with a line break")
        let rows = lines.dropFirst().dropLast().map { $0.components(separatedBy: "\t") }
        XCTAssertFalse(rows.isEmpty)
        for row in rows {
            XCTAssertEqual(row.count, 11, "\(row)")
            XCTAssertEqual(row[2], "visited")
            XCTAssertTrue(row[1] == "park" || row[4] == "park", "\(row)")
            XCTAssertTrue(row[7].hasPrefix(Self.page + "#"), "an article's document: \(row[7])")
            XCTAssertFalse(row[8].isEmpty, "a title: \(row)")
            XCTAssertFalse(row[6].isEmpty, "a date: \(row)")
            XCTAssertTrue(row[9].hasSuffix(Self.page + ".txt"), row[9])
            XCTAssertTrue(row[10].contains(row[0]) && row[10].contains("西烟") || row[10].contains(row[3]), "evidence names the fact: \(row)")
        }
        XCTAssertTrue(rows.contains { $0[0] == "陈凯" && $0[3] == "西烟循环经济产业园" && $0[6] == "01-04" && $0[8].contains("陈凯在孟县调研") })
    }

    func testFactsFormatsAndFilters() throws {
        let g = try buildSeeds()
        // JSON carries every field; every row has a document the graph holds.
        let all = try XCTUnwrap(try json(try guanxi(["facts", "--json", "--graph", g])) as? [[String: Any]])
        let graph = try GraphFile.load(g)
        XCTAssertEqual(all.count, graph.edges.reduce(0) { $0 + $1.evidence.count }, "one row per relation × evidence")
        for row in all { XCTAssertNotNil(graph.documents[row["document"] as? String ?? ""], "\(row)") }
        // --document with the file's id covers its five articles; with an article's id, that one.
        let file = try XCTUnwrap(try json(try guanxi(["facts", "--json", "--document", Self.page, "--graph", g])) as? [[String: Any]])
        XCTAssertEqual(file.count, all.count)
        let one = try XCTUnwrap(try json(try guanxi(["facts", "--json", "--document", Self.page + "#4", "--graph", g])) as? [[String: Any]])
        XCTAssertFalse(one.isEmpty)
        XCTAssertTrue(one.allSatisfy { $0["document"] as? String == Self.page + "#4" })
        XCTAssertTrue(one.allSatisfy { $0["date"] as? String == "2025-12-29" })
        // Dates: the fourth article is dated 2025-12-29; nothing in 2024.
        let dec = try XCTUnwrap(try json(try guanxi(["facts", "--json", "--from", "2025-12-29", "--to", "2025-12-29", "--graph", g])) as? [[String: Any]])
        XCTAssertEqual(Set(dec.compactMap { $0["document"] as? String }), [Self.page + "#4"])
        XCTAssertEqual(try guanxi(["facts", "--to", "2024", "--graph", g]).out, "no facts match\n")
        // CSV for spreadsheets: a byte-order mark, CRLF lines.
        let csv = try guanxi(["facts", "--csv", "--excel", "--graph", g])
        XCTAssertEqual(csv.status, 0)
        XCTAssertEqual(Array(csv.stdout.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertTrue(csv.out.contains("\r\n"))
        // Bad input: a clear message and exit code.
        let bad = try guanxi(["facts", "--from", "last week", "--graph", g])
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.contains("is not a date"), bad.stderr)
        let missing = try guanxi(["facts", "--document", "nope", "--graph", g])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "guanxi: the graph holds no document \"nope\"\n")
    }

    /// "Which parks in Shanxi?": parks placed by name and gazetteer, no province's parks elsewhere.
    func testFactsPlaceListsShanxiParks() throws {
        let g = try buildSeeds()
        let rows = try XCTUnwrap(try json(try guanxi(["facts", "--place", "山西省", "--type", "park", "--json", "--graph", g])) as? [[String: Any]])
        var parks = Set<String>()
        for row in rows {
            for (name, type, region) in [("head", "headType", "headRegion"), ("tail", "tailType", "tailRegion")]
            where row[type] as? String == "park" && (row[region] as? String ?? "").hasPrefix("山西省") {
                parks.insert(row[name] as? String ?? "")
            }
        }
        for park in ["长治市屯留经济技术开发区", "侯马经济开发区", "山西转型综合改革示范区"] {
            XCTAssertTrue(parks.contains(park), "\(park) in \(parks.sorted())")
        }
        let none = try guanxi(["facts", "--place", "四川省", "--type", "park", "--graph", g])
        XCTAssertEqual(none.out, "no facts match\n")
    }

    /// `path` prints the document (headline, id, date) of every step; unrelated articles are not connected.
    func testPathPrintsDocumentAndDatePerStep() throws {
        let g = try buildSeeds()
        let r = try guanxi(["path", "陈凯", "中大(天津)集团", "--graph", g])
        XCTAssertEqual(r.status, 0, r.stderr)
        let title = "阳泉市委副书记、代市长陈凯在孟县调研时强调 加快项目建设 夯实平台支撑 推动经济发展持续向好"
        XCTAssertEqual(r.out, """
        陈凯 → 中大(天津)集团: 2 step(s)
          陈凯 —visited→ 西烟循环经济产业园
              「调研期间,陈凯来到西烟循环经济产业园,了解园区规划、产业布局 and 项目建设情况,并听取孟县经开区工作汇报。」
                — \(title) (\(Self.page)#2, 01-04)
          西烟循环经济产业园 ←invests_in— 中大(天津)集团
              「中大(天津)集团专注于建材和农业两大核心领域,在西烟循环经济产业园布局2家企业,其中,欧贝姆纳米科技有限公司主攻工业废料制备新型绿色建材,东大土壤科技股份有限公司致力于土壤修复。」
                — \(title) (\(Self.page)#2, 01-04)

        """)
        let steps = try XCTUnwrap(try json(try guanxi(["path", "陈凯", "中大(天津)集团", "--json", "--graph", g])) as? [[String: Any]])
        XCTAssertEqual(steps.map { $0["document"] as? String }, [Self.page + "#2", Self.page + "#2"])
        XCTAssertEqual(steps.map { $0["date"] as? String }, ["01-04", "01-04"])
        XCTAssertEqual(steps.map { $0["title"] as? String }, [title, title])
        // --k: several paths, a list of {length, steps}.
        let many = try XCTUnwrap(try json(try guanxi(["path", "陈凯", "中大(天津)集团", "--k", "3", "--json", "--graph", g])) as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(many.count, 1)
        let lengths = many.compactMap { $0["length"] as? Int }
        XCTAssertEqual(lengths, lengths.sorted())
        XCTAssertEqual(lengths.first, 2)
        // Entities of unrelated articles (a Changzhi workstation, a Houma park) are not connected: exit 1.
        let apart = try guanxi(["path", "钱征华", "侯马经济开发区", "--graph", g])
        XCTAssertEqual(apart.status, 1)
        XCTAssertEqual(apart.stderr, "guanxi: 钱征华 and 侯马经济开发区 are not connected\n")
    }

    /// `show` lists the documents an entity appears in (headline, date), groups identical
    /// sentences with a count, and prints evidence with line breaks on one line.
    func testShowListsDocumentsAndGroupsEvidence() throws {
        let g = try buildSeeds()
        let r = try guanxi(["show", "侯马经济开发区", "--graph", g])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.out.contains("region: 山西省 临汾市 侯马市 (derived from name)\n"), r.out)
        XCTAssertTrue(r.out.contains("\n  \(Self.page)#5  2025-12-21  侯马经济开发区 创优“营商环境” 增添发展动能  ×"), r.out)
        // The sentence with a raw line break (标\n准地) is on one line, with the listing's indent.
        XCTAssertTrue(r.out.contains("      「2025年以来,侯马经济开发区聚焦项目攻坚和效能提升,纵深推进“承诺制+标 准地+全代办”改革,"), r.out)
        for line in r.out.split(separator: "\n") where !line.isEmpty {
            XCTAssertFalse(line.hasPrefix("准地"), "a broken evidence line: \(line)")
        }
        let card = try XCTUnwrap(try json(try guanxi(["show", "侯马经济开发区", "--json", "--graph", g])) as? [String: Any])
        let docs = try XCTUnwrap(card["documents"] as? [[String: Any]])
        XCTAssertEqual(docs.map { $0["id"] as? String }, [Self.page + "#5"])
        XCTAssertEqual(docs.first?["date"] as? String, "2025-12-21")
        XCTAssertEqual((card["region"] as? [String: Any])?["countyCode"] as? String, "141081")
    }

    func testShowCountsRepeatedSentences() throws {
        // One sentence stating the same fact twice in a file, and again in a second file.
        let text = "青松市委书记王立新到青松经济技术开发区调研。\n\n王立新强调,要加快建设。\n\n青松市委书记王立新到青松经济技术开发区调研。\n"
        try text.write(toFile: path("a.txt"), atomically: true, encoding: .utf8)
        let g = path("g.json")
        XCTAssertEqual(try guanxi(["build", path("a.txt"), "--graph", g]).status, 0)
        let r = try guanxi(["show", "王立新", "--graph", g])
        XCTAssertEqual(r.status, 0, r.stderr)
        let sentence = "「青松市委书记王立新到青松经济技术开发区调研。」"
        XCTAssertEqual(r.out.components(separatedBy: sentence).count - 1, 2, "printed once per relation:\n\(r.out)")
        XCTAssertTrue(r.out.contains(sentence + " ×2"), r.out)
    }

    /// `neighbors --depth 2` prints edges, including those between neighbours, not a tree;
    /// `--within` lists what lies in a place.
    func testNeighborsDepthTwoIsAnEdgeListAndWithinListsPlaces() throws {
        let g = try buildSeeds()
        let r = try guanxi(["neighbors", "陈凯", "--depth", "2", "--graph", g])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.out.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[1].hasSuffix("edge(s) among them:"), lines[1])
        XCTAssertTrue(lines.contains("  中大(天津)集团 —invests_in→ 西烟循环经济产业园"), r.out)
        XCTAssertTrue(lines.contains("  陈凯 —visited→ 西烟循环经济产业园"), r.out)
        XCTAssertEqual(lines.count, Set(lines).count, "each edge once")
        let j = try XCTUnwrap(try json(try guanxi(["neighbors", "陈凯", "--depth", "2", "--json", "--graph", g])) as? [String: Any])
        XCTAssertEqual((j["edges"] as? [Any])?.count, lines.count - 2)
        let w = try guanxi(["neighbors", "山西省", "--within", "--type", "park", "--graph", g])
        XCTAssertEqual(w.status, 0, w.stderr)
        for park in ["长治市屯留经济技术开发区", "侯马经济开发区", "怀仁经济技术开发区", "山西转型综合改革示范区"] {
            XCTAssertTrue(w.out.contains("\n  \(park) [park]  山西省"), "\(park):\n\(w.out)")
        }
        XCTAssertFalse(w.out.contains("[official]"))
        let none = try guanxi(["neighbors", "四川省", "--within", "--graph", g])
        XCTAssertEqual(none.status, 1)
        XCTAssertEqual(none.stderr, "guanxi: no entity is located within 四川省\n")
    }

    /// `render --component K` draws one connected group: a big graph printed a picture at a time.
    func testRenderOneComponent() throws {
        let g = try buildSeeds()
        let graph = try GraphFile.load(g)
        let largest = try XCTUnwrap(graph.connectedComponents().first)
        let r = try guanxi(["render", "--component", "1", "-o", path("c1.svg"), "--graph", g])
        XCTAssertEqual(r.status, 0, r.stderr)
        let svg = try String(contentsOfFile: path("c1.svg"), encoding: .utf8)
        XCTAssertEqual(svg.components(separatedBy: "class=\"node entity ").count - 1, largest.count)
        let past = try guanxi(["render", "--component", "9999", "-o", path("x.svg"), "--graph", g])
        XCTAssertEqual(past.status, 1)
        XCTAssertTrue(past.stderr.hasSuffix("--component 9999 is past the last\n"), past.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("x.svg")))
    }

    /// A signing's amount, as the sentence states it, in `facts` and `show`.
    func testSigningAmountInFactsAndShow() throws {
        try "3月5日,青松市人民政府与青松新材料科技有限公司签约,项目总投资108亿元。\n".write(toFile: path("m.txt"), atomically: true, encoding: .utf8)
        let g = path("g.json")
        XCTAssertEqual(try guanxi(["build", path("m.txt"), "--graph", g]).status, 0)
        let rows = try XCTUnwrap(try json(try guanxi(["facts", "--json", "--graph", g])) as? [[String: Any]])
        let signed = rows.filter { ["signed_with", "invests_in", "builds"].contains($0["relation"] as? String ?? "") }
        XCTAssertFalse(signed.isEmpty, "\(rows)")
        for row in signed {
            let amount = try XCTUnwrap(row["amount"] as? [String: Any])
            XCTAssertEqual(amount["text"] as? String, "108亿元")
            XCTAssertEqual(amount["value"] as? Double, 1.08e10)
            XCTAssertEqual(amount["currency"] as? String, "CNY")
        }
        let show = try guanxi(["show", "青松新材料科技有限公司", "--graph", g])
        XCTAssertTrue(show.out.contains("」 [108亿元]\n"), show.out)
    }

    /// `report --overview province`: one picture per province; `--overview component` by default.
    func testReportOverviewSplit() throws {
        let g = try buildSeeds()
        let r = try guanxi(["report", "--overview", "province", "-o", path("r.html"), "--graph", g])
        XCTAssertEqual(r.status, 0, r.stderr)
        let html = try String(contentsOfFile: path("r.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<figcaption>山西省："), "a Shanxi picture")
        XCTAssertTrue(html.contains("<h2>要点</h2>") && html.contains("<h2>时间线</h2>") && html.contains("<h2>按省份</h2>"))
        let c = try guanxi(["report", "-o", path("c.html"), "--graph", g])
        XCTAssertEqual(c.status, 0, c.stderr)
        XCTAssertTrue(try String(contentsOfFile: path("c.html"), encoding: .utf8).contains("<figcaption>第 1 组："))
    }
}
