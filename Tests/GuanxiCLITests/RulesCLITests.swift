import Foundation
import XCTest

/// `guanxi rules`: the rule ids that evidence records can be looked up from the command line.
final class RulesCLITests: GuanxiCLITestCase {
    func testOneRulesCardIsItsWholeText() throws {
        let r = try guanxi(["rules", "locate.zone-before-names"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.out, """
            locate.zone-before-names  located_in  (pattern, Resources/relations.rules)
            reads    a company or project (or a list of them) written right after a zone lies in it (`走进X开发区Y公司车间`)
            pattern  [tail park] [head+ company project]
            yes      市长周建华来到南通经济技术开发区年产5万吨锂电隔膜项目现场。 → 年产5万吨锂电隔膜项目 -located_in-> 南通经济技术开发区
            no       市长周建华来到南通经济技术开发区，随后察看年产5万吨锂电隔膜项目。 → no 年产5万吨锂电隔膜项目 -located_in-> 南通经济技术开发区

            """)
    }

    func testTheListNamesEveryRuleOnceAndFilters() throws {
        let all = try guanxi(["rules", "--json"])
        XCTAssertEqual(all.status, 0, all.stderr)
        let cards = try XCTUnwrap(JSONSerialization.jsonObject(with: all.stdout) as? [[String: Any]])
        let ids = cards.compactMap { $0["id"] as? String }
        XCTAssertEqual(Set(ids).count, ids.count, "a rule listed twice")
        XCTAssertTrue(Set(cards.compactMap { $0["kind"] as? String }) == ["code", "pattern"])
        let text = try guanxi(["rules"])
        XCTAssertEqual(text.out.split(separator: "\n").map { String($0.split(separator: " ")[0]) }, ids)
        // A family, filtered by relation.
        let issued = try guanxi(["rules", "issue", "--relation", "issued"])
        XCTAssertTrue(issued.out.split(separator: "\n").allSatisfy { $0.hasPrefix("issue.") && $0.contains(" issued ") }, issued.out)
        XCTAssertGreaterThanOrEqual(issued.out.split(separator: "\n").count, 4)
    }

    func testAnUnknownRuleIsNamed() throws {
        let r = try guanxi(["rules", "no.such-rule"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "guanxi: no relation rule no.such-rule (`guanxi rules` lists them)\n")
    }

    /// A rules file of one's own: checked, listed, and used by build and extract.
    static let yourRules = """
        # a rule of one's own
        rule     mine.zone-hosts
        emits    located_in
        reads    `X园区内有A公司`: the companies a zone has inside it
        pattern  [tail park] "内有" [head+ company]
        yes      常州经济开发区内有常州天阳电子有限公司、常州博新材料有限公司。 | 常州博新材料有限公司 | 常州经济开发区
        no       常州经济开发区外有常州天阳电子有限公司。 | 常州天阳电子有限公司 | 常州经济开发区

        """

    func testYourRulesAreCheckedAndUsedByBuildAndExtract() throws {
        try Self.yourRules.write(toFile: path("my.rules"), atomically: true, encoding: .utf8)
        let check = try guanxi(["rules", "--rules", "my.rules", "--check", "--relation", "located_in"])
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.out.hasSuffix(" rule(s): every example holds\n"), check.out)
        let card = try guanxi(["rules", "--rules", "my.rules", "mine.zone-hosts"])
        XCTAssertTrue(card.out.hasPrefix("mine.zone-hosts  located_in  (pattern, my.rules)\n"), card.out)

        try "常州经济开发区内有常州天阳电子有限公司、常州博新材料有限公司。\n".write(toFile: path("a.txt"), atomically: true, encoding: .utf8)
        let build = try guanxi(["build", "a.txt", "--graph", "g.json", "--rules", "my.rules"])
        XCTAssertEqual(build.status, 0, build.stderr)
        let facts = try guanxi(["export", "--graph", "g.json", "--format", "json"])
        XCTAssertTrue(facts.out.contains("\"rule\" : \"mine.zone-hosts\""), facts.out)
        let without = try guanxi(["build", "a.txt", "--graph", "h.json"])
        XCTAssertEqual(without.status, 0, without.stderr)
        XCTAssertFalse(try guanxi(["export", "--graph", "h.json", "--format", "json"]).out.contains("mine.zone-hosts"))
        let lines = try guanxi(["extract", "a.txt", "--jsonl", "--rules", "my.rules"])
        XCTAssertTrue(lines.out.contains("\"rule\":\"mine.zone-hosts\""), lines.out)
    }

    func testABrokenRulesFileIsNamedAndNothingIsBuilt() throws {
        try Self.yourRules.replacingOccurrences(of: "emits    located_in", with: "emits    lies_in").write(toFile: path("bad.rules"), atomically: true, encoding: .utf8)
        try "常州经济开发区内有常州天阳电子有限公司。\n".write(toFile: path("a.txt"), atomically: true, encoding: .utf8)
        for args in [["build", "a.txt", "--graph", "g.db", "--rules", "bad.rules"], ["extract", "a.txt", "--jsonl", "--rules", "bad.rules"],
                     ["rules", "--rules", "bad.rules"]] {
            let r = try guanxi(args)
            XCTAssertEqual(r.status, 2, "\(args)")
            XCTAssertTrue(r.stderr.hasPrefix("guanxi: bad.rules:2: rule mine.zone-hosts emits the unknown relation “lies_in”"), r.stderr)
            XCTAssertTrue(r.out.isEmpty, r.out)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("g.db")))
        // A rule taking a shipped rule's id is refused too, and a file that cannot be read is named.
        try Self.yourRules.replacingOccurrences(of: "mine.zone-hosts", with: "build.adjacent").write(toFile: path("twice.rules"), atomically: true, encoding: .utf8)
        XCTAssertTrue(try guanxi(["rules", "--rules", "twice.rules"]).stderr.contains("twice.rules:2: rule build.adjacent is defined twice"))
        let missing = try guanxi(["build", "a.txt", "--graph", "g.db", "--rules", "none.rules"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.hasPrefix("guanxi: none.rules: cannot read the rules file"), missing.stderr)
    }

    func testAFailingExampleIsNamedWithExitOne() throws {
        try Self.yourRules.replacingOccurrences(of: "\"内有\"", with: "\"内设\"").write(toFile: path("weak.rules"), atomically: true, encoding: .utf8)
        let r = try guanxi(["rules", "--rules", "weak.rules", "--check", "mine"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "guanxi: mine.zone-hosts: yes example gives no 常州博新材料有限公司 -located_in-> 常州经济开发区: “常州经济开发区内有常州天阳电子有限公司、常州博新材料有限公司。”\n")
        XCTAssertEqual(r.out, "0 of 1 rule(s): every example holds\n")
    }
}
