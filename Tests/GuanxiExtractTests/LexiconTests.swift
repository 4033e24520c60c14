import XCTest
@testable import GuanxiExtract
import GuanxiGraph
import GuanxiText

/// The recogniser lexicon is data: the shipped file loads with every class and no word twice in a
/// class, broken files are rejected with the file, line and problem named, and a lexicon passed in
/// changes what the recognisers find.
final class LexiconTests: XCTestCase {
    func testShippedLexiconLoadsWithEveryClassAndNoDuplicates() throws {
        let lex = try Lexicon.loadShipped()
        XCTAssertGreaterThan(lex.entries.count, 1500)
        for c in Lexicon.WordClass.allCases { XCTAssertFalse(lex.words(c).isEmpty, "no word of class \(c.rawValue)") }
        // No word twice in a class (an abbreviation: no pair twice).
        var seen: Set<String> = []
        for e in lex.entries {
            let key = e.wordClass.rawValue + "\t" + e.word + (e.wordClass == .abbreviation ? "\t" + e.value : "")
            XCTAssertTrue(seen.insert(key).inserted, "“\(e.word)” twice in \(e.wordClass.rawValue) (line \(e.line))")
        }
    }

    func testDerivedListsKeepTheirMeaningAndOrder() throws {
        let lex = try Lexicon.loadShipped()
        XCTAssertEqual(lex.suffixType["有限公司"], .company)
        XCTAssertEqual(lex.suffixType["经济技术开发区"], .park)
        XCTAssertEqual(lex.suffixType["管委会"], .organization)
        XCTAssertEqual(lex.suffixType["街道办事处"], .place)
        XCTAssertEqual(lex.suffixes.words, Set(lex.suffixTypes.map(\.0)))
        // The abbreviations keep their order: a short form with two full forms lists both, in order.
        XCTAssertEqual(lex.abbreviations.filter { $0.0 == "经开区" }.map(\.1), ["经济技术开发区", "经济开发区"])
        XCTAssertEqual(lex.abbreviationVariants(of: "屯留经开区"), ["屯留经济技术开发区", "屯留经济开发区"])
        // A variant is read one way: the text's `经开发区` names the full form, the full form makes no `经开发区`.
        XCTAssertEqual(lex.variants.map(\.0), ["经开发区"])
        XCTAssertTrue(lex.abbreviationVariants(of: "拉萨经开发区").contains("拉萨经济技术开发区"))
        XCTAssertFalse(lex.abbreviationVariants(of: "拉萨经济技术开发区").contains { $0.contains("经开发区") })
        XCTAssertEqual(lex.levelPrefix["省"], .province)
        XCTAssertEqual(lex.levelPrefix["区"], .county)
        XCTAssertTrue(lex.hardStops.contains("的"))
        XCTAssertTrue(lex.weakStops.contains("和"))
        XCTAssertFalse(lex.hardStops.contains("和"))
        XCTAssertTrue(lex.genericStems.contains(""), "the empty stem is generic")
        XCTAssertTrue(lex.standaloneOrganizations.contains("国务院"))
        // Boundary words joined with the triggers that never stand inside a name.
        let b = lex.boundaries(with: .shipped)
        XCTAssertTrue(b.contains("印发"))
        XCTAssertTrue(b.words.isSuperset(of: lex.boundaryWords.words))
        XCTAssertTrue(b.words.isSuperset(of: TriggerLexicon.shipped.boundaries))
    }

    func testDuplicateWordInAClassIsRejected() {
        let tsv = "布局\tboundary\n# comment\n布局\tgeneric-stem\n\n布局\tboundary\n"
        XCTAssertThrowsError(try Lexicon(tsv: tsv, file: "t.tsv")) { e in
            XCTAssertEqual(e as? Lexicon.LoadError, .duplicate(file: "t.tsv", line: 5, word: "布局", className: "boundary", firstLine: 1))
            XCTAssertTrue("\(e)".contains("t.tsv:5"), "\(e)")
        }
        // The same short form with two full forms is two entries; the same pair twice is not.
        XCTAssertNoThrow(try Lexicon(tsv: "经开区\tabbreviation\t经济技术开发区\n经开区\tabbreviation\t经济开发区\n", file: "t.tsv"))
        XCTAssertThrowsError(try Lexicon(tsv: "经开区\tabbreviation\t经济开发区\n经开区\tabbreviation\t经济开发区\n", file: "t.tsv")) { e in
            XCTAssertEqual(e as? Lexicon.LoadError, .duplicate(file: "t.tsv", line: 2, word: "经开区", className: "abbreviation", firstLine: 1))
        }
    }

    func testUnknownClassIsRejected() {
        XCTAssertThrowsError(try Lexicon(tsv: "# comment\n书记\ttitles\n", file: "t.tsv")) { e in
            XCTAssertEqual(e as? Lexicon.LoadError, .unknownClass(file: "t.tsv", line: 2, word: "书记", className: "titles"))
            XCTAssertTrue("\(e)".contains("suffix.company"), "the message lists the known classes: \(e)")
        }
    }

    func testMalformedLineIsRejected() {
        XCTAssertThrowsError(try Lexicon(tsv: "书记\ttitle\n书记\n", file: "t.tsv")) { e in
            XCTAssertEqual(e as? Lexicon.LoadError, .malformed(file: "t.tsv", line: 2, text: "书记"))
        }
        XCTAssertThrowsError(try Lexicon(tsv: "书记\ttitle\tnote\textra\n", file: "t.tsv")) { e in
            XCTAssertEqual(e as? Lexicon.LoadError, .malformed(file: "t.tsv", line: 1, text: "书记\ttitle\tnote\textra"))
        }
    }

    func testBlanksAroundColumnsAndWindowsLineEndsAreRead() throws {
        let lex = try Lexicon(tsv: "# c\r\n书记\ttitle\r\n  市长 \t title\u{3000}\r\n\r\n", file: "t.tsv")
        XCTAssertEqual(lex.words(.title), ["书记", "市长"])
        XCTAssertEqual(lex.entries.map(\.line), [2, 3])
    }

    func testValuesTheClassNeedsAreChecked() {
        XCTAssertThrowsError(try Lexicon(tsv: "的了\tstop.hard\n", file: "t.tsv")) { e in
            guard case .badValue(_, 1, "的了", "stop.hard", _)? = e as? Lexicon.LoadError else { return XCTFail("\(e)") }
        }
        XCTAssertThrowsError(try Lexicon(tsv: "经开区\tabbreviation\n", file: "t.tsv")) { e in
            guard case .badValue(_, 1, "经开区", "abbreviation", _)? = e as? Lexicon.LoadError else { return XCTFail("\(e)") }
        }
        XCTAssertThrowsError(try Lexicon(tsv: "乡\tlevel-prefix\ttownship\n", file: "t.tsv")) { e in
            guard case .badValue(_, 1, "乡", "level-prefix", _)? = e as? Lexicon.LoadError else { return XCTFail("\(e)") }
            XCTAssertTrue("\(e)".contains("township"), "\(e)")
        }
    }

    /// A lexicon passed in changes what the recognisers find: a park suffix added to the data makes a name.
    func testTheLexiconPassedInDrivesTheRecognisers() throws {
        let text = "该公司落户天鹅湖科创谷。"
        let src = SourceText(path: "t.txt", sha256: "", encoding: "UTF-8", format: .text, text: text)
        XCTAssertTrue(Extractor().extract(src, id: "t").lookup("天鹅湖科创谷").isEmpty)
        let more = try Lexicon(tsv: Lexicon.shippedText() + "科创谷\tsuffix.park\n", file: "t.tsv")
        let found = Extractor(lexicon: more).extract(src, id: "t").lookup("天鹅湖科创谷")
        XCTAssertEqual(found.map(\.type), [.park])
    }
}
