import XCTest
@testable import GuanxiExtract
import GuanxiGraph
import GuanxiText

/// Relation rules written as data (`Resources/relations.rules`): the shipped file loads, broken files
/// are refused with the file, line and problem named, and each kind of atom matches what it says.
/// (Every shipped rule's own yes/no examples run in `RelationRuleTests`.)
final class RelationPatternTests: XCTestCase {
    func testShippedRulesLoadAndJoinTheRegistry() throws {
        let shipped = try RelationPatterns.loadShipped()
        XCTAssertGreaterThanOrEqual(shipped.patterns.count, 5)
        let registry = Set(RelationRules.all.map(\.id))
        for p in shipped.patterns {
            XCTAssertTrue(registry.contains(p.id), "\(p.id) is not in RelationRules.all")
            XCTAssertEqual(RelationRules.rule(p.id)?.pattern, p.source)
        }
        // A rule is written once: as a pattern or in code, never both.
        XCTAssertTrue(Set(RelationRules.code.map(\.id)).isDisjoint(with: shipped.patterns.map(\.id)))
    }

    func testParsedAtoms() throws {
        let atoms = try RelationPatterns.parse(#"^ "在" [tail park] ("，" | ",") *80 [head+ project company] @locate? ~~6 ~3"#)
        XCTAssertEqual(atoms, [
            .sentenceStart, .literal([Array("在".unicodeScalars)]), .mention(role: .tail, types: [.park], list: false),
            .literal([Array("，".unicodeScalars), Array(",".unicodeScalars)]), .gap(max: 80, mentions: true, clauses: true),
            .mention(role: .head, types: [.project, .company], list: true), .optional(.trigger(.locate)),
            .gap(max: 6, mentions: true), .gap(max: 3, mentions: false),
        ])
    }

    /// A rules file made of one block with `pattern` (and anything else) replaced.
    func rules(pattern: String = "[head company] @locate [tail park]", emits: String = "located_in", extra: String = "",
               subject: String? = nil) -> String {
        """
        # test
        rule     test.rule
        emits    \(emits)\(subject.map { "\nsubject  " + $0 } ?? "")
        reads    a company and the zone after 位于
        pattern  \(pattern)
        yes      江苏华远精密机械有限公司位于常州经济开发区。 | 江苏华远精密机械有限公司 | 常州经济开发区
        no       江苏华远精密机械有限公司参观常州经济开发区。 | 江苏华远精密机械有限公司 | 常州经济开发区
        \(extra)
        """
    }

    func assertRefused(_ text: String, line: Int, mentioning words: [String], file: StaticString = #filePath, lineNo: UInt = #line) {
        XCTAssertThrowsError(try RelationPatterns(text: text, file: "r.rules"), file: file, line: lineNo) { e in
            let message = "\(e)"
            XCTAssertTrue(message.hasPrefix("r.rules:\(line):"), "message: \(message)", file: file, line: lineNo)
            for w in words { XCTAssertTrue(message.contains(w), "“\(w)” not in: \(message)", file: file, line: lineNo) }
        }
    }

    func testBrokenFilesAreRefusedNamingTheLine() throws {
        XCTAssertEqual(try RelationPatterns(text: rules(), file: "r.rules").patterns.map(\.id), ["test.rule"])
        assertRefused(rules(emits: "lies_in"), line: 2, mentioning: ["unknown relation", "lies_in"])
        assertRefused(rules(pattern: "[head firm] @locate [tail park]"), line: 2, mentioning: ["unknown entity type", "firm"])
        assertRefused(rules(pattern: "[head company] @lies [tail park]"), line: 2, mentioning: ["unknown trigger class", "@lies"])
        assertRefused(rules(pattern: "[head company] @locate [any park]"), line: 2, mentioning: ["without a [head …] and a [tail …] (one of them may be its `subject`)"])
        assertRefused(rules(pattern: "[head company] \"位于 [tail park]"), line: 2, mentioning: ["not closed"])
        assertRefused(rules(pattern: "[head company] ~0 [tail park]"), line: 2, mentioning: ["gap"])
        assertRefused(rules(pattern: "[head company] ^ [tail park]"), line: 2, mentioning: ["must open"])
        assertRefused(rules(subject: "nobody"), line: 2, mentioning: ["unknown subject", "nobody"])
        assertRefused(rules(extra: "colour   red"), line: 8, mentioning: ["unknown keyword", "colour"])
        assertRefused(rules(extra: "yes      only a sentence"), line: 8, mentioning: ["sentence | head | tail"])
        assertRefused(rules() + "\n" + rules(), line: 10, mentioning: ["test.rule", "defined twice"])
        let noExample = rules().split(separator: "\n").filter { !$0.hasPrefix("no ") }.joined(separator: "\n")
        assertRefused(noExample, line: 2, mentioning: ["needs a `yes` and a `no` example"])
    }

    /// The edges a document gives with only the rules of `text` added to the shipped ones.
    func edges(_ sentence: String, pattern: String, emits: String = "located_in", subject: String? = nil) throws -> [(String, String, String?)] {
        let p = try RelationPatterns(text: rules(pattern: pattern, emits: emits, subject: subject).replacingOccurrences(of: "test.rule", with: "t.probe"), file: "r.rules")
        let src = SourceText(path: "t.txt", sha256: "", encoding: "UTF-8", format: .text, text: sentence)
        let g = Extractor(patterns: p).extract(src, id: "t")
        return g.edges.filter { $0.evidence.contains { $0.rule == "t.probe" } }.map { r in
            (g.entity(id: r.source)?.name ?? "", g.entity(id: r.target)?.name ?? "", r.evidence.first?.rule)
        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }

    func testAtomsMatchWhatTheySay() throws {
        // A list takes every member; a single mention only the first.
        let listed = "常州市江苏华远精密机械有限公司、常州天阳电子有限公司和常州博新材料有限公司获评。"
        XCTAssertEqual(try edges(listed, pattern: "[tail place] [head+ company]").map(\.0),
                       ["常州博新材料有限公司", "常州天阳电子有限公司", "江苏华远精密机械有限公司"])
        XCTAssertEqual(try edges(listed, pattern: "[tail place] [head company]").map(\.0), ["江苏华远精密机械有限公司"])
        // A clause gap stops at a comma; a sentence gap goes over it.
        let two = "常州天阳电子有限公司发展迅速，位于常州经济开发区。"
        XCTAssertTrue(try edges(two, pattern: "[head company] ~~20 @locate [tail park]").isEmpty)
        XCTAssertEqual(try edges(two, pattern: "[head company] *20 @locate [tail park]").map(\.0), ["常州天阳电子有限公司"])
        // A gap without names does not skip one; `~~` does.
        let between = "常州天阳电子有限公司与南京大学合作位于常州经济开发区。"
        XCTAssertTrue(try edges(between, pattern: "[head company] ~12 @locate [tail park]").isEmpty)
        XCTAssertEqual(try edges(between, pattern: "[head company] ~~12 @locate [tail park]").map(\.0), ["常州天阳电子有限公司"])
        // An optional atom may be missing; `^` holds only at the sentence's start.
        XCTAssertEqual(try edges("常州天阳电子有限公司已位于常州经济开发区。", pattern: #"[head company] "已"? @locate [tail park]"#).count, 1)
        XCTAssertEqual(try edges("常州天阳电子有限公司位于常州经济开发区。", pattern: #"[head company] "已"? @locate [tail park]"#).count, 1)
        XCTAssertTrue(try edges("据悉，常州天阳电子有限公司位于常州经济开发区。", pattern: "^ [head company] @locate [tail park]").isEmpty)
        // A match naming no head takes the sentence's implicit subject from the discourse stage:
        // the official the article follows (with the group that official leads), or the sentence's topic.
        let carried = "区领导张建国、李文涛带队来到常州经济开发区。随后，走访了常州天阳电子有限公司。"
        XCTAssertEqual(try edges(carried, pattern: #""走访了" [tail company]"#, emits: "visited", subject: "official").map(\.0), ["张建国", "李文涛"])
        XCTAssertTrue(try edges(carried, pattern: #"[head official]? "走访了" [tail company]"#, emits: "visited").isEmpty)
        let topic = "常州经济开发区成立于1992年。今年，深入实施《常州市制造业智能化改造行动方案》。"
        XCTAssertEqual(try edges(topic, pattern: #""实施" [tail policy]"#, emits: "implements", subject: "topic").map(\.0), ["常州经济开发区"])
        // The schema drops pairs of the wrong types (a place is built by no one).
        XCTAssertTrue(try edges("常州天阳电子有限公司建设常州市。", pattern: "[head company] ~4 [tail place]", emits: "builds").isEmpty)
    }
}
