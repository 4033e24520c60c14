import Foundation
import XCTest
@testable import GuanxiExtract
import GuanxiGraph
import GuanxiText

/// The extracted triples of every fixture document, checked in under `Tests/Fixtures/snapshots`:
/// a change to the extractor shows as a diff of what it reads. After a deliberate change, rewrite
/// them with `GUANXI_UPDATE_SNAPSHOTS=1 swift test --filter SnapshotTests` and review the diff in git.
final class SnapshotTests: XCTestCase {
    static let root = Paths.repo.appendingPathComponent("Tests/Fixtures/snapshots")

    /// One line per entity (`type name`) and per relation (`head -type-> tail [rule]`), sorted.
    static func triples(_ g: KnowledgeGraph) -> [String] {
        var lines = g.entities.map { "entity \($0.type.rawValue) \($0.name)" }.sorted()
        lines += g.edges.map { r in
            let h = g.entity(id: r.source)?.name ?? r.source, t = g.entity(id: r.target)?.name ?? r.target
            let rules = Set(r.evidence.compactMap(\.rule)).sorted().joined(separator: ",")
            return "\(h) -\(r.type.rawValue)-> \(t) [\(rules)]"
        }.sorted()
        return lines
    }

    func fixtureTexts() throws -> [(set: String, url: URL)] {
        var out: [(String, URL)] = []
        for (set, dir) in [("articles-a", Paths.articles.appendingPathComponent("a/texts")), ("articles-b", Paths.articles.appendingPathComponent("b/texts")),
                           ("heldout", Paths.heldout.appendingPathComponent("texts"))] {
            out += try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted().map { (set, dir.appendingPathComponent($0)) }
        }
        out.append(("seed", Paths.seed))
        return out
    }

    func testExtractedTriplesMatchTheSnapshots() throws {
        let update = ProcessInfo.processInfo.environment["GUANXI_UPDATE_SNAPSHOTS"] == "1"
        let texts = try fixtureTexts()
        XCTAssertGreaterThanOrEqual(texts.count, 29)
        for (set, url) in texts {
            let (g, _) = try extractFile(url)
            let lines = SnapshotTests.triples(g)
            let file = SnapshotTests.root.appendingPathComponent(set).appendingPathComponent(url.deletingPathExtension().lastPathComponent + ".txt")
            let text = lines.joined(separator: "\n") + "\n"
            if update {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            guard let stored = try? String(contentsOf: file, encoding: .utf8) else {
                XCTFail("no snapshot \(set)/\(file.lastPathComponent): run with GUANXI_UPDATE_SNAPSHOTS=1"); continue
            }
            let old = stored.split(separator: "\n").map(String.init)
            let gone = Set(old).subtracting(lines).sorted(), new = Set(lines).subtracting(old).sorted()
            XCTAssertTrue(gone.isEmpty && new.isEmpty,
                          "\(set)/\(file.lastPathComponent) changed:\n" + (gone.map { "- \($0)" } + new.map { "+ \($0)" }).joined(separator: "\n"))
        }
    }
}
