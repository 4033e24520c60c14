import Foundation
import GuanxiGraph
@testable import GuanxiRender
import XCTest

final class ReportTests: XCTestCase {
    func html(_ g: KnowledgeGraph, top: Int = 10) throws -> (String, XMLScan) {
        let report = try ReportBuilder(graph: g, options: ReportOptions(topN: top)).build(format: .html)
        let scan = XMLScan.parse(report.main)
        XCTAssertNil(scan.error, "report is not well-formed: \(String(describing: scan.error))")
        return (String(decoding: report.main, as: UTF8.self), scan)
    }

    /// Ids of all elements, and every in-page link (`href`, `xlink:href`).
    func anchorsAndLinks(_ scan: XMLScan) -> (Set<String>, [String]) {
        let ids = Set(scan.elements.compactMap { $0.attributes["id"] })
        let links = scan.elements.flatMap { [$0.attributes["href"], $0.attributes["xlink:href"]].compactMap { $0 } }
        return (ids, links)
    }

    func testHTMLHasOneSVGPerDiagramAndEveryLinkTargetsAnAnchor() throws {
        let g = Fixtures.sample()
        let top = 3
        let (text, scan) = try html(g, top: top)
        let svgs = scan.elements.filter { $0.name == "svg" }
        let figures = scan.elements.filter { $0.name == "figure" }
        // Overview + one per document with entities + one per profile.
        XCTAssertEqual(svgs.count, 1 + g.documents.count + top)
        XCTAssertEqual(figures.count, svgs.count)
        let (ids, links) = anchorsAndLinks(scan)
        XCTAssertFalse(links.isEmpty)
        for link in links {
            XCTAssertTrue(link.hasPrefix("#"), "link leaves the page: \(link)")
            XCTAssertTrue(ids.contains(String(link.dropFirst())), "dangling link \(link)")
        }
        // Every profiled entity's node in the overview links to its profile.
        for (e, _) in g.degreeRanking(limit: top) {
            XCTAssertTrue(links.contains("#entity-" + Anchor.of(e.id)), e.name)
            XCTAssertTrue(ids.contains("entity-" + Anchor.of(e.id)))
        }
        XCTAssertEqual(ids.count, Set(scan.elements.compactMap { $0.attributes["id"] }).count)
        XCTAssertEqual(scan.elements.compactMap { $0.attributes["id"] }.count, ids.count, "duplicate ids")
        XCTAssertFalse(text.contains("<script"))
        XCTAssertFalse(text.contains("http://") && text.contains("src=\"http"), "no network resources")
        // Documents: title, date, byline, evidence.
        XCTAssertTrue(text.contains("陈凯调研阳泉经济技术开发区"))
        XCTAssertTrue(text.contains("2025-12-29"))
        XCTAssertTrue(text.contains("记者 王芳"))
        XCTAssertTrue(text.contains("<blockquote>陈凯到阳泉经济技术开发区调研。"))
    }

    func testAdversarialDocumentInjectsNothing() throws {
        let g = Fixtures.adversarial()
        let (text, scan) = try html(g)
        let allowed: Set<String> = ["html", "head", "meta", "title", "style", "body", "header", "nav", "a", "h1", "h2", "h3", "h4",
                                    "section", "p", "table", "thead", "tbody", "tr", "th", "td", "span", "ul", "ol", "li", "figure",
                                    "figcaption", "blockquote", "cite", "code", "dl", "dt", "dd",
                                    "svg", "g", "text", "path", "polygon", "ellipse", "polyline"]
        let names = Set(scan.elements.map(\.name))
        XCTAssertTrue(names.isSubset(of: allowed), "unexpected elements: \(names.subtracting(allowed))")
        for e in scan.elements {
            for key in e.attributes.keys {
                XCTAssertFalse(key.lowercased().hasPrefix("on"), "event handler attribute \(key) on <\(e.name)>")
                XCTAssertFalse(key.lowercased() == "src", "src attribute on <\(e.name)>")
            }
        }
        XCTAssertFalse(text.contains("<script"))
        XCTAssertFalse(text.contains("<img"))
        XCTAssertFalse(text.contains("<svg onload"))
        // …yet the text is shown as text.
        let shown = scan.elements.map(\.text).joined()
        XCTAssertTrue(shown.contains("<script>alert('t')</script>\"><img src=x onerror=alert(2)>"))
        XCTAssertTrue(shown.contains("Evidence <script>x()</script> \"q\" \\ & &lt;"))
        let (ids, links) = anchorsAndLinks(scan)
        for link in links { XCTAssertTrue(ids.contains(String(link.dropFirst())), "dangling link \(link)") }
    }

    func testMarkdownReportWritesAssetsAndEscapes() throws {
        let g = Fixtures.adversarial()
        let report = try ReportBuilder(graph: g, options: ReportOptions(topN: 2)).build(format: .md, assetDirectory: "r-assets")
        let text = String(decoding: report.main, as: UTF8.self)
        XCTAssertEqual(report.assets.count, 1 + g.documents.count + 2)
        for asset in report.assets {
            XCTAssertTrue(text.contains("](\(asset.relativePath))"), asset.relativePath)
            XCTAssertNil(XMLScan.parse(asset.data).error)
        }
        XCTAssertFalse(text.contains("<script"))
        XCTAssertFalse(text.contains("<img"))
        XCTAssertTrue(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || text.contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;"))
        for line in text.split(separator: "\n") where line.hasPrefix("#") {
            XCTAssertTrue(line.hasPrefix("# ") || line.hasPrefix("## ") || line.hasPrefix("### ") || line.hasPrefix("#### "), String(line))
        }
        // Only our own raw HTML: the anchors.
        for line in text.split(separator: "\n") where line.contains("<") {
            XCTAssertTrue(line.hasPrefix("<a id=\"") && line.hasSuffix("\"></a>"), String(line))
        }
        XCTAssertEqual(ReportEscape.markdown("# *a* _b_ [c](d) `e` | f <g> & h"),
                       "\\# \\*a\\* \\_b\\_ \\[c\\]\\(d\\) \\`e\\` \\| f &lt;g&gt; &amp; h")
        XCTAssertEqual(ReportEscape.markdown("- item"), "\\- item")
        XCTAssertEqual(ReportEscape.markdown("1. item"), "1\\. item")
    }

    /// Draws the HTML report with headless Chromium and checks the screenshot is not blank.
    func testHeadlessChromiumRendersReport() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .first(where: FileManager.default.isExecutableFile(atPath:)) else {
            // CI installs chromium (scripts/setup.sh): a missing browser is a failure, not a skip.
            return XCTFail("chromium is not installed (apt-get install chromium): the report cannot be checked in a browser")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guanxi-report-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try ReportBuilder(graph: Fixtures.sample()).build(format: .html)
        let page = dir.appendingPathComponent("report.html"), blank = dir.appendingPathComponent("blank.html")
        try report.main.write(to: page)
        try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(to: blank)
        func shoot(_ url: URL, _ name: String) throws -> Data {
            let shot = dir.appendingPathComponent(name)
            let (status, _) = try RenderTests.run(chromium, [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--user-data-dir=\(dir.appendingPathComponent("profile").path)",
                "--screenshot=\(shot.path)", "--window-size=1400,2000", url.absoluteString,
            ], input: Data())
            XCTAssertEqual(status, 0)
            return try Data(contentsOf: shot)
        }
        let shot = try shoot(page, "report.png"), empty = try shoot(blank, "blank.png")
        if let keep = ProcessInfo.processInfo.environment["GUANXI_RENDER_SAMPLES"] {
            try shot.write(to: URL(fileURLWithPath: keep).appendingPathComponent("report-screenshot.png"))
        }
        XCTAssertEqual(Array(shot.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        // A blank page compresses to almost nothing; text and diagrams do not.
        XCTAssertGreaterThan(shot.count, max(30_000, empty.count * 5), "screenshot looks blank (\(shot.count) vs \(empty.count) bytes)")
    }
}
