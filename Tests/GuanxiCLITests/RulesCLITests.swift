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
}
