import Foundation
import GuanxiGraph
@testable import GuanxiRender
import XCTest

/// Pictures worth printing and reports an analyst reads: the cut, routing, fonts, caps, the
/// split overview, findings, timeline, provinces, Markdown links, and cost at scale.
final class AnalystRenderTests: XCTestCase {
    func add(_ g: inout KnowledgeGraph, _ type: EntityType, _ name: String, doc: String = "d1", region: Region? = nil) -> String {
        g.add(Entity(type: type, name: name, mentions: [Mention(document: doc, start: 0, end: 1, text: name)], region: region))
    }
    func link(_ g: inout KnowledgeGraph, _ a: String, _ t: RelationType, _ b: String, doc: String = "d1", sentence: String? = nil, date: String? = nil) {
        g.add(Relation(source: a, type: t, target: b, evidence: [Evidence(document: doc, sentence: sentence ?? "\(a)\(t.rawValue)\(b)。", start: 0, end: 1, date: date)]))
    }

    /// A hub with twelve degree-1 escorts, an entity of degree 6 and one of degree 4 elsewhere:
    /// `--max-nodes 4` keeps the hub and the degree-6 and degree-4 entities, not escorts.
    func testMaxNodesKeepsTheHighestRankedNotEscorts() {
        var g = KnowledgeGraph()
        g.addDocument(DocumentRecord(id: "d1", path: "d1.txt", sha256: "h1"))
        let hub = add(&g, .official, "枢纽官员")
        for i in 0..<12 { link(&g, hub, .visited, add(&g, .project, "随行项目\(i)")) }
        let six = add(&g, .park, "六度园区"), four = add(&g, .company, "四度公司")
        for i in 0..<5 { link(&g, add(&g, .company, "园内企业\(i)"), .locatedIn, six) }
        link(&g, four, .locatedIn, six)
        for i in 0..<3 { link(&g, four, .builds, add(&g, .project, "公司项目\(i)")) }
        let d = Diagram.select(from: g, query: DiagramQuery(maxNodes: 4))
        let kept = Set(d.graph.entities.map(\.name))
        XCTAssertTrue(kept.isSuperset(of: ["枢纽官员", "六度园区", "四度公司"]), "\(kept.sorted())")
        XCTAssertEqual(kept.count, 4)
        XCTAssertTrue(d.omitted.allSatisfy { g.degree(of: g.index(of: $0.id) ?? 0) <= 1 }, "only degree-1 entities are left out")
        // With a focus: the focus, then by rank (the park of degree 6), ties nearer the focus first
        // (a project of the company, one hop, before a company in the park, two hops).
        let f = Diagram.select(from: g, query: DiagramQuery(focus: four, depth: 3, maxNodes: 3))
        XCTAssertEqual(Set(f.graph.entities.map(\.name)), ["四度公司", "六度园区", "公司项目0"])
        XCTAssertEqual(f.focus, four)
    }

    func testEdgesAreSplinesAndFontsFallBack() throws {
        let g = Fixtures.sample()
        let dot = DOTWriter.write(Diagram(graph: g), options: DOTOptions(engine: .dot))
        XCTAssertTrue(dot.contains("splines=\"true\""), dot)
        XCTAssertTrue(DOTWriter.write(Diagram(graph: g), options: DOTOptions(engine: .neato)).contains("splines=\"true\""))
        let svg = String(decoding: try GraphvizRenderer.shared.render(Diagram(graph: g), format: .svg).data, as: UTF8.self)
        XCTAssertTrue(svg.contains("font-family=\"Noto Sans CJK SC,Source Han Sans SC,Noto Sans SC,PingFang SC,Hiragino Sans GB,Microsoft YaHei,SimHei,WenQuanYi Micro Hei,sans-serif\""))
        // Spline edges are curves (`C` commands), not straight segments only.
        XCTAssertTrue(svg.contains(" C"), "edge paths are splines")
    }

    func testSlowLayoutWarning() {
        XCTAssertNil(LayoutEngine.slowLayoutWarning(.dot, nodeCount: 500))
        XCTAssertNil(LayoutEngine.slowLayoutWarning(.sfdp, nodeCount: 50_000))
        let w = try? XCTUnwrap(LayoutEngine.slowLayoutWarning(.dot, nodeCount: 5_000))
        XCTAssertEqual(w, "dot on 5000 entities may take minutes; leave out --layout (sfdp is picked above 150) or cut the drawing with --max-nodes")
        XCTAssertNotNil(LayoutEngine.slowLayoutWarning(.neato, nodeCount: 601))
    }

    /// A 40,000-character evidence sentence and a 20,000-character name: the DOT text keeps every
    /// quoted string under dot's 16 KB limit, and the `dot` program draws it.
    func testDOTCapsHugeEvidenceAndNamesSoDotAcceptsThem() throws {
        var g = KnowledgeGraph()
        g.addDocument(DocumentRecord(id: "d1", path: "d1.txt", sha256: "h1"))
        let longName = String(repeating: "长", count: 20_000) + "有限公司"
        let a = g.add(Entity(type: .company, name: longName, aliases: [String(repeating: "别", count: 20_000)],
                             posts: [], mentions: [Mention(document: "d1", start: 0, end: 1, text: "长")]))
        let b = add(&g, .park, "青松经济技术开发区")
        link(&g, a, .locatedIn, b, sentence: String(repeating: "证据&\"<>\\", count: 8_000))
        let text = DOTWriter.write(Diagram(graph: g), options: DOTOptions(engine: .dot))
        var longest = 0, current = 0, inString = false, escaped = false
        for byte in text.utf8 {
            if inString { current += 1 }
            if escaped { escaped = false; continue }
            if byte == UInt8(ascii: "\\") { escaped = true; continue }
            if byte == UInt8(ascii: "\"") { if inString { longest = max(longest, current) }; inString.toggle(); current = 0 }
        }
        XCTAssertLessThan(longest, 16_000, "a quoted DOT string of \(longest) bytes")
        let dot = try XCTUnwrap(["/usr/bin/dot", "/usr/local/bin/dot"].first(where: FileManager.default.isExecutableFile(atPath:)),
                                "the dot program is needed (apt-get install graphviz)")
        let (status, out) = try RenderTests.run(dot, ["-Tsvg"], input: Data(text.utf8))
        XCTAssertEqual(status, 0)
        XCTAssertNil(XMLScan.parse(out).error)
        XCTAssertTrue(String(decoding: out, as: UTF8.self).contains("长长长…"), "the label ends in an ellipsis")
    }

    /// Two unrelated stories and a province each: one overview picture per connected group (or
    /// per province), each under the cap; findings, timeline and provinces in the report.
    func splitGraph() -> KnowledgeGraph {
        var g = KnowledgeGraph()
        g.addDocument(DocumentRecord(id: "p#1", path: "p.txt", sha256: "hp", title: "甲市长调研开发区", start: 0, end: 10, date: "2025-12-29"))
        g.addDocument(DocumentRecord(id: "p#2", path: "p.txt", sha256: "hp", title: "乙省公布特色园区名单", start: 10, end: 20, date: "01-04"))
        g.addDocument(DocumentRecord(id: "q", path: "q.txt", sha256: "hq", title: "丙园区签约", date: "2024-03-01", source: "http://example.org/q"))
        let shanxi = Region(province: "山西省", provinceCode: "140000", how: "name")
        let sichuan = Region(province: "四川省", provinceCode: "510000", how: "name")
        let mayor = add(&g, .official, "甲市长", doc: "p#1")
        let park = add(&g, .park, "甲开发区", doc: "p#1", region: shanxi)
        link(&g, mayor, .visited, park, doc: "p#1")
        for i in 0..<30 { link(&g, mayor, .visited, add(&g, .project, "甲项目\(i)", doc: "p#1", region: shanxi), doc: "p#1") }
        let list = add(&g, .policy, "特色园区名单", doc: "p#2")
        link(&g, add(&g, .park, "乙园区", doc: "p#2", region: shanxi), .selectedInto, list, doc: "p#2")
        link(&g, add(&g, .park, "甲开发区", doc: "p#2"), .selectedInto, list, doc: "p#2")
        let park3 = add(&g, .park, "丙园区", doc: "q", region: sichuan)
        let co = add(&g, .company, "丙公司", doc: "q")
        link(&g, co, .signedWith, park3, doc: "q")
        link(&g, add(&g, .company, "丁公司", doc: "q"), .signedWith, park3, doc: "q")
        link(&g, co, .investsIn, park3, doc: "q")
        _ = add(&g, .place, "孤立地区", doc: "q")
        return g
    }

    func testOverviewSplitsByComponentAndProvince() {
        let g = splitGraph()
        let model = ReportModel(graph: g, options: ReportOptions(overviewPartMaxNodes: 12))
        let (parts, rest) = model.overviewParts()
        XCTAssertEqual(parts.map { $0.diagram.graph.nodeCount }, [12, 3], "the Shanxi story (cut to 12) and the Sichuan signing; the isolated place gets no picture")
        XCTAssertTrue(parts[0].title.hasPrefix("第 1 组：34 个实体，以 甲市长 为中心，山西省"), parts[0].title)
        XCTAssertTrue(rest.isEmpty)
        // No picture holds entities of two groups.
        XCTAssertFalse(parts[0].diagram.graph.entities.contains { $0.name.hasPrefix("丙") })
        let byProvince = ReportModel(graph: g, options: ReportOptions(overviewSplit: .province, overviewParts: 2, overviewPartMaxNodes: 50))
        let (pp, pr) = byProvince.overviewParts()
        XCTAssertEqual(pp.map(\.title), ["山西省：32 个实体", "未定位：5 个实体"])
        XCTAssertEqual(pr.map(\.title), [], "四川省 has a single placed entity: no picture of one box")
        XCTAssertEqual(byProvince.entitiesByProvince.map(\.province), ["山西省", "四川省", "未定位"])
    }

    func testFindingsTimelineAndSharedEntities() throws {
        let g = splitGraph()
        let model = ReportModel(graph: g, options: ReportOptions())
        XCTAssertEqual(model.mostActiveOfficials().map { "\(model.name($0.id)) \($0.count)" }, ["甲市长 31"])
        XCTAssertEqual(model.parksWithMostSignings().map { "\(model.name($0.id)) \($0.count) \($0.detail)" }, ["丙园区 3 丁公司、丙公司"])
        XCTAssertEqual(model.selections().map { "\(model.name($0.target)): \($0.members.map(model.name).joined(separator: ","))" },
                       ["特色园区名单: 乙园区,甲开发区"])
        XCTAssertEqual(model.sharedEntities().map { "\(model.name($0.id)) \($0.documents)" }, ["甲开发区 [\"p#1\", \"p#2\"]"])
        XCTAssertEqual(model.timeline().map { "\($0.date ?? "-") \($0.document.id) \($0.facts)" },
                       ["2024-03-01 q 3", "2025-12-29 p#1 31", "01-04 p#2 2"])
        let html = String(decoding: try ReportBuilder(graph: g).build(format: .html).main, as: UTF8.self)
        for heading in ["<h2>要点</h2>", "<h3>最活跃的官员</h3>", "<h3>签约、投资最多的园区</h3>", "<h3>政策、名单与入选者</h3>",
                        "<h3>多篇文档共有的实体</h3>", "<h2>时间线</h2>", "<h2>按省份</h2>"] {
            XCTAssertTrue(html.contains(heading), heading)
        }
        XCTAssertTrue(html.contains("<code>http://example.org/q</code>"), "a document's source address")
        let md = String(decoding: try ReportBuilder(graph: g).build(format: .md).main, as: UTF8.self)
        XCTAssertTrue(md.contains("| 2025-12-29 | 甲市长调研开发区 | 31 |"), md)
        XCTAssertTrue(md.contains("1. **甲市长** — 31 条事实"), md)
    }

    /// GFM autolinks `http://…`, `www.…` and `user@host` in text; the report's Markdown must not.
    func testMarkdownEvidenceAddressesDoNotBecomeLinks() throws {
        var g = KnowledgeGraph()
        g.addDocument(DocumentRecord(id: "d1", path: "d1.txt", sha256: "h1", title: "见 WWW.Example.cn"))
        let a = add(&g, .company, "甲公司"), b = add(&g, .park, "乙园区")
        link(&g, a, .signedWith, b, sentence: "详见https://evil.example/x?a=1与www.evil.example,联系admin@evil.example或ftp://files.example。")
        let md = String(decoding: try ReportBuilder(graph: g).build(format: .md).main, as: UTF8.self)
        // The GFM autolink extension needs `://` after a scheme, `www.` and an alphanumeric after `@`.
        for pattern in ["://", "www.", "WWW."] { XCTAssertFalse(md.contains(pattern), pattern) }
        let u = Array(md.unicodeScalars)
        XCTAssertFalse(u.indices.dropLast().contains { u[$0] == "@" && (u[$0 + 1].properties.isAlphabetic || ("0"..."9").contains(u[$0 + 1])) },
                       "an e-mail address")
        // The text still reads the same once the invisible joiners are removed.
        let visible = md.replacingOccurrences(of: "\u{2060}", with: "")
        XCTAssertTrue(visible.contains("https://evil.example/x?a=1与www.evil.example,联系admin@evil.example或ftp://files.example"), visible)
        XCTAssertEqual(ReportEscape.markdown("a@b www.c http://d"), "a@\u{2060}b www\u{2060}.c http:\u{2060}//d")
    }

    /// The report's model costs in proportion to the graph: documents × graph would be 16 times
    /// slower at 4× the documents; a linear one about 4 times.
    func testReportModelScalesLinearlyWithDocuments() {
        func graph(_ docs: Int) -> KnowledgeGraph {
            var g = KnowledgeGraph()
            let hub = g.add(Entity(type: .official, name: "常委甲"))
            for d in 0..<docs {
                let id = "doc\(d)"
                g.addDocument(DocumentRecord(id: id, path: id + ".txt", sha256: "h\(d)", title: "第\(d)篇", date: "2025-01-01"))
                let p = g.add(Entity(type: .park, name: "园区\(d)号", mentions: [Mention(document: id, start: 0, end: 1, text: "园")]))
                let c = g.add(Entity(type: .company, name: "公司\(d)号", mentions: [Mention(document: id, start: 2, end: 3, text: "公")]))
                g.add(Relation(source: c, type: .signedWith, target: p, evidence: [Evidence(document: id, sentence: "签约。", start: 0, end: 3)]))
                g.add(Relation(source: hub, type: .visited, target: p, evidence: [Evidence(document: id, sentence: "调研。", start: 4, end: 7)]))
            }
            return g
        }
        func time(_ g: KnowledgeGraph) -> Double {
            let start = Date()
            let model = ReportModel(graph: g, options: ReportOptions())
            _ = model.documentSections.count + model.timeline().count + model.sharedEntities().count
                + model.mostActiveOfficials().count + model.parksWithMostSignings().count + model.entitiesByProvince.count
            return Date().timeIntervalSince(start)
        }
        let small = graph(500), large = graph(2_000)
        _ = time(small)
        let a = time(small), b = time(large)
        XCTAssertLessThan(b / a, 8, "500 → 2,000 documents: \(a) s → \(b) s")
    }

    /// Many unconnected pieces: dot would stack them into a strip; neato packs them into a page.
    func testManyPiecesAreNotAStrip() throws {
        var g = KnowledgeGraph()
        g.addDocument(DocumentRecord(id: "d1", path: "d1.txt", sha256: "h1"))
        for i in 0..<12 { link(&g, add(&g, .official, "官员\(i)号"), .visited, add(&g, .park, "第\(i)号经济开发区")) }
        for i in 0..<8 { _ = add(&g, .policy, "《第\(i)号政策文件》") }
        let drawn = try GraphvizRenderer.shared.render(Diagram(graph: g), format: .svg)
        XCTAssertEqual(drawn.engine, .neato)
        XCTAssertEqual(LayoutEngine.automatic(nodeCount: 10, components: 1), .dot)
        XCTAssertEqual(LayoutEngine.automatic(nodeCount: 10, components: 4), .neato)
        XCTAssertEqual(LayoutEngine.automatic(nodeCount: 500, components: 40), .sfdp)
        let svg = String(decoding: drawn.data, as: UTF8.self)
        func points(_ attr: String) -> Double? {
            guard let r = svg.range(of: " \(attr)=\"") else { return nil }
            return Double(svg[r.upperBound...].prefix { $0.isNumber || $0 == "." })
        }
        let width = try XCTUnwrap(points("width")), height = try XCTUnwrap(points("height"))
        XCTAssertLessThan(max(width / height, height / width), 2.5, "\(width)×\(height) pt")
        let dotDrawn = try GraphvizRenderer.shared.render(Diagram(graph: g), format: .svg, options: DOTOptions(engine: .dot))
        let dotSVG = String(decoding: dotDrawn.data, as: UTF8.self)
        XCTAssertTrue(dotSVG.contains("<svg"), "dot still draws when asked")
    }
}
