import Foundation
import XCTest
@testable import GuanxiExtract
import GuanxiGraph
import GuanxiText

/// The sample page and the 40 real articles of ../shared/devset built into one graph: entities of
/// two documents join only through distinctive names (MergePolicy), never through a short or
/// generic one, so no body of one city absorbs another's.
final class CrossDocumentMergeTests: XCTestCase {
    func testRealArticlesJoinOnlyThroughDistinctiveNames() throws {
        let dev = Paths.shared.appendingPathComponent("devset/texts")
        let names = try FileManager.default.contentsOfDirectory(atPath: dev.path).sorted()
        XCTAssertEqual(names.count, 40, "../shared/devset/texts must hold the 40 articles")
        var graph = KnowledgeGraph()
        for url in [Paths.seed] + names.map({ dev.appendingPathComponent($0) }) {
            let (g, _) = try extractFile(url)
            graph.merge(g, acrossDocuments: true)
        }
        var joined = 0
        for e in graph.entities where Set(e.mentions.map(\.document)).count > 1 {
            joined += 1
            let weak = graph.explain(e).joins.filter(\.weak)
            XCTAssertTrue(weak.isEmpty, "\(e.name) joins documents through \(weak.map(\.through))")
        }
        XCTAssertGreaterThan(joined, 5, "the same provinces and ministries recur across the articles")
        // Places of different names never share a node.
        for e in graph.entities where e.type == .place {
            // Each name the gazetteer reads as exactly one division: they must all be one division.
            let divisions = Set(e.allNames.compactMap { name -> String? in
                let hits = Gazetteer.shared.divisions(named: name)
                return hits.count == 1 ? hits.first?.code : nil
            })
            XCTAssertLessThanOrEqual(divisions.count, 1, "\(e.name) holds \(e.allNames)")
        }
    }
}
