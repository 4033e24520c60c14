import Foundation
import GuanxiGraph
import XCTest

/// Issue 14 item 12: terminal escapes and control characters in titles, evidence sentences, names
/// and file names never reach the terminal raw from show, search, neighbors, path or stats: they
/// are shown as visible symbols (`␛`, `␍`, `<U+009B>`, `<U+202E>`).
final class TerminalTests: GuanxiCLITestCase {
    static let esc = "\u{1B}[31m"

    /// A graph whose every printed string carries terminal controls.
    func hostileGraph() throws -> String {
        var g = KnowledgeGraph()
        let doc = "d\u{1B}]0;pwned\u{07}"
        g.addDocument(DocumentRecord(id: doc, path: "news/\(doc).txt", sha256: "ab", title: "标题\(Self.esc)红\u{1B}[0m"))
        let a = g.add(Entity(type: .official, name: "陈凯\(Self.esc)", posts: [Post(title: "书记\r覆盖")],
                             mentions: [Mention(document: doc, start: 0, end: 2, text: "陈凯")]))
        let b = g.add(Entity(type: .park, name: "园区\u{9B}2J甲", aliases: ["别名\u{202E}反向"],
                             mentions: [Mention(document: doc, start: 3, end: 5, text: "园区")]))
        g.add(Relation(source: a, type: .visited, target: b,
                       evidence: [Evidence(document: doc, sentence: "陈凯\(Self.esc)到园区\u{08}\u{08}调研\u{7F}。\u{2028}", start: 0, end: 9, date: "2025-01-04")]))
        let p = path("hostile.json")
        try GraphFile.save(g, to: p)
        return p
    }

    /// The bytes a terminal would act on: ESC, CSI (U+009B), BEL, CR, BS, DEL, bidi overrides.
    func assertNoControls(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let bad = text.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0.value == 0x7F || (0x80..<0xA0).contains($0.value)
                || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029
        }
        XCTAssertTrue(bad.isEmpty, "\(what) printed raw controls \(bad.map { String(format: "U+%04X", $0.value) }): \(text)", file: file, line: line)
    }

    func testTerminalControlsInDocumentsAreMadeVisible() throws {
        let g = try hostileGraph()
        let chen = "陈凯\(Self.esc)", park = "园区\u{9B}2J甲"
        let runs: [[String]] = [["show", chen], ["show", park], ["search", "园"], ["search", "陈凯"], ["neighbors", chen],
                                ["neighbors", park, "--depth", "2"], ["path", chen, park], ["stats"], ["stats", "--names"]]
        for args in runs {
            let r = try guanxi(args + ["--graph", g])
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
            assertNoControls(r.out, "\(args)")
            assertNoControls(r.stderr, "\(args) (stderr)")
            XCTAssertFalse(r.out.isEmpty, "\(args)")
        }
        // Made visible, not silently dropped: a reader can see something was there.
        XCTAssertEqual(try guanxi(["stats", "--names", "--graph", g]).out, "陈凯␛[31m\n园区<U+009B>2J甲\n")
        let show = try guanxi(["show", park, "--graph", g]).out
        XCTAssertTrue(show.contains("陈凯␛[31m到园区␈␈调研␡。<U+2028>"), show)
        XCTAssertTrue(show.contains("别名<U+202E>反向"), show)
        XCTAssertTrue(show.contains("d␛]0;pwned␇"), show)
        XCTAssertTrue(try guanxi(["show", chen, "--graph", g]).out.contains("书记␍覆盖"))
        // JSON keeps the exact strings (escaped by JSON itself) for programs.
        let json = try guanxi(["stats", "--json", "--graph", g]).out
        XCTAssertTrue(json.contains("陈凯\\u001b[31m"), json)
    }

    func testErrorMessagesShowControlsVisibly() throws {
        let g = try hostileGraph()
        let r = try guanxi(["show", "无此\u{1B}[2J名", "--graph", g])
        XCTAssertEqual(r.status, 1)
        assertNoControls(r.stderr, "error message")
        XCTAssertTrue(r.stderr.hasPrefix("guanxi: no entity named \"无此␛[2J名\" in the graph"), r.stderr)
    }
}
