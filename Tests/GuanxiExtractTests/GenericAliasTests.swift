import XCTest
@testable import GuanxiExtract
import GuanxiGraph
import GuanxiText

/// Generic words (`园区`, `市委`, `开发区`, `《规划》`) are never aliases, so they never join
/// entities of two documents; measured on the real articles of ../shared (devset and sample page).
final class GenericAliasTests: XCTestCase {
    func realTexts() throws -> [URL] {
        let dev = Paths.shared.appendingPathComponent("devset/texts")
        // ../shared/devset is required (CI has it beside the repository): its absence fails the test.
        return [Paths.seed] + (try FileManager.default.contentsOfDirectory(atPath: dev.path).sorted().map { dev.appendingPathComponent($0) })
    }

    func testNoGenericWordIsAnAliasInTheMergedGraph() throws {
        let urls = try realTexts()
        XCTAssertEqual(urls.count, 41)
        var merged = KnowledgeGraph()
        var perDocument = 0
        for url in urls {
            let (g, _) = try extractFile(url)
            for e in g.entities {
                for alias in e.aliases { XCTAssertFalse(MergePolicy.isGeneric(alias), "\(url.lastPathComponent): \(e.name) has the generic alias \(alias)") }
                perDocument += 1
            }
            merged.merge(g, acrossDocuments: true)
        }
        XCTAssertGreaterThan(perDocument, 400)
        for e in merged.entities {
            for alias in e.aliases { XCTAssertFalse(MergePolicy.isGeneric(alias), "merged: \(e.name) has the generic alias \(alias)") }
            // An entity named in two documents shares a distinctive name with each of them.
            let docs = Set(e.mentions.map(\.document))
            if docs.count > 1 {
                XCTAssertTrue(MergePolicy.isDistinctive(e.name) || e.aliases.contains(where: MergePolicy.isDistinctive) || e.type == .official,
                              "\(e.name) joins \(docs.sorted()) through no distinctive name")
            }
        }
    }
}
