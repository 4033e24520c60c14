import XCTest
@testable import GuanxiExtract
import GuanxiText

/// The trigger lexicon is data: the shipped file loads, and broken files are rejected with the
/// file, line and problem named.
final class TriggerLexiconTests: XCTestCase {
    func testShippedLexiconLoadsWithEveryClass() throws {
        let lex = try TriggerLexicon.loadShipped()
        XCTAssertGreaterThan(lex.entries.count, 100)
        for c in TriggerLexicon.WordClass.allCases { XCTAssertFalse(lex.words(c).isEmpty, "no word of class \(c.rawValue)") }
        XCTAssertTrue(lex.words(.visit).contains("调研"))
        XCTAssertEqual(Set(lex.entries.first { $0.word == "签约" }?.classes ?? []), [.build, .cooperate, .sign])
    }

    func testDuplicateWordIsRejected() {
        let tsv = "调研\tvisit\t市长调研某园区\n考察\tvisit\t\n调研\tissue\t\n"
        XCTAssertThrowsError(try TriggerLexicon(tsv: tsv, file: "t.tsv")) { e in
            XCTAssertEqual(e as? TriggerLexicon.LoadError, .duplicate(file: "t.tsv", line: 3, word: "调研", firstLine: 1))
            XCTAssertTrue("\(e)".contains("t.tsv:3"))
        }
    }

    func testUnknownClassIsRejected() {
        XCTAssertThrowsError(try TriggerLexicon(tsv: "# comment\n调研\tvisit,tour\t\n", file: "t.tsv")) { e in
            XCTAssertEqual(e as? TriggerLexicon.LoadError, .unknownClass(file: "t.tsv", line: 2, word: "调研", className: "tour"))
        }
    }

    func testMalformedLineIsRejected() {
        XCTAssertThrowsError(try TriggerLexicon(tsv: "调研\n", file: "t.tsv")) { e in
            XCTAssertEqual(e as? TriggerLexicon.LoadError, .malformed(file: "t.tsv", line: 1, text: "调研"))
        }
    }

    /// A lexicon passed in changes what the rules read: without 走访 as a visiting verb, no visit.
    func testTheLexiconPassedInDrivesTheRules() throws {
        let text = "市委书记韩立民走访延安高新技术产业开发区。"
        let src = SourceText(path: "t.txt", sha256: "", encoding: "UTF-8", format: .text, text: text)
        let full = Extractor().extract(src, id: "t")
        XCTAssertTrue(hasRelation(full, "韩立民", .visited, "延安高新技术产业开发区"))
        let shipped = try TriggerLexicon.shippedText()
        let without = try TriggerLexicon(tsv: shipped.split(separator: "\n").filter { !$0.hasPrefix("走访\t") }.joined(separator: "\n"), file: "t.tsv")
        let g = Extractor(triggers: without).extract(src, id: "t")
        XCTAssertFalse(hasRelation(g, "韩立民", .visited, "延安高新技术产业开发区"))
    }
}
