import XCTest
@testable import GuanxiExtract
import GuanxiGraph
import GuanxiText

/// Every named relation rule runs on its own yes/no example sentences (``RelationRules``), and every
/// rule id an edge records is a rule of the registry.
final class RelationRuleTests: XCTestCase {
    /// The edge `head -type-> tail` and the rules its evidence names, or nil.
    func edgeRules(_ g: KnowledgeGraph, _ head: String, _ type: RelationType, _ tail: String) -> Set<String>? {
        for a in g.lookup(head) {
            for b in g.lookup(tail) {
                if let r = g.relation(EdgeKey(source: a.id, type: type, target: b.id)) { return Set(r.evidence.compactMap(\.rule)) }
                if type.isSymmetric, let r = g.relation(EdgeKey(source: b.id, type: type, target: a.id)) { return Set(r.evidence.compactMap(\.rule)) }
            }
        }
        return nil
    }

    func testEveryRuleHasExamplesAndAUniqueId() {
        var seen = Set<String>()
        for rule in RelationRules.all {
            XCTAssertTrue(seen.insert(rule.id).inserted, "duplicate rule id \(rule.id)")
            XCTAssertFalse(rule.yes.isEmpty, "\(rule.id) has no yes example")
            XCTAssertFalse(rule.no.isEmpty, "\(rule.id) has no no example")
        }
    }

    func testYesExamplesMakeTheirEdgeByTheirRule() {
        for rule in RelationRules.all {
            for ex in rule.yes {
                let g = extract(ex.text)
                let rules = edgeRules(g, ex.head, rule.relation, ex.tail)
                XCTAssertNotNil(rules, "\(rule.id): no \(ex.head) -\(rule.relation.rawValue)-> \(ex.tail) in “\(ex.text)”; edges: \(describe(g))")
                if let rules { XCTAssertTrue(rules.contains(rule.id), "\(rule.id): the edge was made by \(rules.sorted()) in “\(ex.text)”") }
            }
        }
    }

    func testNoExamplesMakeNoSuchEdge() {
        for rule in RelationRules.all {
            for ex in rule.no {
                let g = extract(ex.text)
                XCTAssertNil(edgeRules(g, ex.head, rule.relation, ex.tail), "\(rule.id): \(ex.head) -\(rule.relation.rawValue)-> \(ex.tail) read from “\(ex.text)”")
            }
        }
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

    func describe(_ g: KnowledgeGraph) -> String {
        g.edges.map { r in
            let s = g.entity(id: r.source)?.name ?? r.source, t = g.entity(id: r.target)?.name ?? r.target
            return "\(s) -\(r.type.rawValue)-> \(t) [\(r.evidence.compactMap(\.rule).joined(separator: ","))]"
        }.joined(separator: "; ")
    }
}
