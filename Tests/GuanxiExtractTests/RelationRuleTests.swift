import XCTest
@testable import GuanxiExtract
import GuanxiGraph
import GuanxiText

/// Every named relation rule runs on its own yes/no example sentences (``RelationRules``), and every
/// rule id an edge records is a rule of the registry.
final class RelationRuleTests: XCTestCase {
    func testEveryRuleHasExamplesAndAUniqueId() {
        var seen = Set<String>()
        for rule in RelationRules.all {
            XCTAssertTrue(seen.insert(rule.id).inserted, "duplicate rule id \(rule.id)")
            XCTAssertFalse(rule.yes.isEmpty, "\(rule.id) has no yes example")
            XCTAssertFalse(rule.no.isEmpty, "\(rule.id) has no no example")
        }
    }

    /// Each `yes` example gives its edge by its rule; each `no` example gives no such edge.
    func testEveryRulesExamplesHold() {
        let extractor = Extractor()
        for rule in RelationRules.all {
            for failure in rule.failedExamples(with: extractor) { XCTFail(failure) }
        }
    }

    /// The check itself fails where it should: a rule whose examples are swapped fails every one.
    func testSwappedExamplesFail() throws {
        var rule = try XCTUnwrap(RelationRules.rule("locate.zone-before-names"))
        swap(&rule.yes, &rule.no)
        XCTAssertEqual(rule.failedExamples().count, rule.yes.count + rule.no.count)
    }

    /// Every edge of the fixture sets and the sample page names a rule of the registry.
    func testEdgesNameRegisteredRules() throws {
        var urls = [Paths.seed]
        for dir in [Paths.articles.appendingPathComponent("a/texts"), Paths.articles.appendingPathComponent("b/texts"), Paths.heldout.appendingPathComponent("texts")] {
            urls += try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted().map { dir.appendingPathComponent($0) }
        }
        let known = Set(RelationRules.all.map(\.id))
        var edges = 0
        for url in urls {
            let (g, _) = try extractFile(url)
            for r in g.edges {
                edges += 1
                for ev in r.evidence {
                    let id = try XCTUnwrap(ev.rule, "\(url.lastPathComponent): \(r.key) records no rule")
                    XCTAssertTrue(known.contains(id), "\(url.lastPathComponent): unregistered rule \(id)")
                }
            }
        }
        XCTAssertGreaterThan(edges, 200)
    }
}
