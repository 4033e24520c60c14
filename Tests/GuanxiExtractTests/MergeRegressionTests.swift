import Foundation
import GuanxiExtract
import GuanxiGraph
import GuanxiText
import XCTest

/// Issue 14 item 1: entities of different documents join only through distinctive names. Three
/// one-line articles about three cities' party secretaries used to make one place `梧州市` with
/// `杭州市` and `沈阳市` as aliases; on the sample page plus the development set one city absorbed
/// four others and one park four others.
final class MergeRegressionTests: XCTestCase {
    /// Builds documents as `guanxi build` does: each extracted on its own, merged across documents.
    func build(_ docs: [(id: String, text: String)]) -> KnowledgeGraph {
        var graph = KnowledgeGraph()
        let extractor = Extractor()
        for d in docs {
            let src = SourceText(path: d.id + ".txt", sha256: SHA256.hex(Array(d.text.utf8)), encoding: "UTF-8", format: .text, text: d.text)
            graph.merge(extractor.extractBounded(src, id: d.id), acrossDocuments: true)
        }
        return graph
    }

    func testThreeCitiesWithASecretaryEachStayThreePlaces() throws {
        // Written for this test: one line each, the same shape, the generic word 市委 in all three.
        let docs = [("a", "梧州市召开全市经济工作会议，市委书记李明出席并讲话。"),
                    ("b", "杭州市召开全市经济工作会议，市委书记王刚出席并讲话。"),
                    ("c", "沈阳市召开全市经济工作会议，市委书记赵强出席并讲话。")]
        let g = build(docs)
        let cities = ["梧州市", "杭州市", "沈阳市"]
        var ids = Set<String>()
        for city in cities {
            let hits = g.lookup(city)
            XCTAssertEqual(hits.count, 1, "\(city): \(hits.map(\.name))")
            let e = try XCTUnwrap(hits.first, city)
            XCTAssertEqual(e.name, city, "looking up \(city) finds \(city), not another city's node")
            XCTAssertEqual(e.type, .place)
            XCTAssertTrue(Set(e.allNames).isDisjoint(with: cities.filter { $0 != city }), "\(city) has another city as alias: \(e.allNames)")
            ids.insert(e.id)
        }
        XCTAssertEqual(ids.count, 3, "three places")
        XCTAssertEqual(g.entities.filter { $0.type == .place }.count, 3, "\(g.entities.filter { $0.type == .place }.map(\.allNames))")
        // No entity joins two documents through a generic name.
        for e in g.entities {
            let docs = Set(e.mentions.map(\.document))
            XCTAssertLessThanOrEqual(docs.count, 1, "\(e.name) \(e.aliases) joins documents \(docs.sorted())")
        }
    }

    /// The provinces a name points at: the divisions its longest leading place name can be, when
    /// they all lie in one province (an ambiguous name such as 朝阳区 tells nothing).
    func province(of name: String, _ gaz: Gazetteer) -> String? {
        let scalars = Array(name)
        for n in stride(from: min(8, scalars.count), through: 2, by: -1) {
            let prefix = String(scalars[0..<n])
            let ds = gaz.divisions(named: prefix)
            guard !ds.isEmpty else { continue }
            // Regions (晋北, 长三角) are no provinces: they tell nothing here.
            let provinces = Set(ds.compactMap { gaz.province(of: $0.code)?.code }.filter { !$0.hasPrefix("R:") })
            return provinces.count == 1 ? provinces.first : nil
        }
        return nil
    }

    /// On the sample page (seeds/) plus ../shared/devset, built together, no place or park holds
    /// names of two provinces (a city absorbing another province's city, a park another's park).
    func testDevsetAndSeedsBuildJoinsNoTwoProvinces() throws {
        let devset = Paths.shared.appendingPathComponent("devset/texts")
        var files = (try? FileManager.default.contentsOfDirectory(atPath: devset.path))?.sorted().map { devset.appendingPathComponent($0).path } ?? []
        // ../shared/devset is required (CI has it beside the repo): its absence fails the test.
        XCTAssertEqual(files.count, 40, "../shared/devset/texts must hold the 40 development articles")
        files.insert(Paths.seed.path, at: 0)
        var graph = KnowledgeGraph()
        let extractor = Extractor()
        for f in files {
            let src = try SourceReader.read(path: f)
            graph.merge(extractor.extractBounded(src, id: URL(fileURLWithPath: f).deletingPathExtension().lastPathComponent), acrossDocuments: true)
        }
        XCTAssertEqual(Set(graph.documentList.map(\.path)).count, 41, "41 files (a page's articles are documents of one file)")
        let gaz = Gazetteer.shared
        var checked = 0
        for e in graph.entities where e.type == .place || e.type == .park {
            var byProvince: [String: [String]] = [:]
            let names = e.allNames
            for name in names {
                // A name that is another of its names without the leading place (南部现代制造业新区
                // of 北京南部现代制造业新区) does not start with a place of its own.
                if names.contains(where: { $0 != name && $0.hasSuffix(name) }) { continue }
                if let p = province(of: name, gaz) { byProvince[p, default: []].append(name) }
            }
            checked += 1
            XCTAssertLessThanOrEqual(byProvince.count, 1, "\(e.type.rawValue) \(e.name) holds names of \(byProvince.count) provinces: \(byProvince)")
        }
        XCTAssertGreaterThan(checked, 50, "places and parks were checked")
    }
}
