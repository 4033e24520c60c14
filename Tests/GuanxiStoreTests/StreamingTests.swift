import Foundation
import GuanxiBuild
import GuanxiExtract
import GuanxiGraph
import GuanxiText
import XCTest

/// Queries that stream from the SQLite store give what the in-memory graph gives: the same rows
/// in the same order, for every filter.
final class StreamingTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("guanxi-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { if let dir { try? FileManager.default.removeItem(at: dir) } }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seedPage = root.appendingPathComponent("seeds/000_7b3e52b32049f56f.txt").path
    /// ../shared/devset/texts: required (CI has it beside the repository); its absence fails the test.
    static let devset = root.deletingLastPathComponent().appendingPathComponent("shared/devset/texts")

    func store(_ name: String, files: [String]) throws -> SQLiteGraphStore {
        let store = SQLiteGraphStore(path: dir.appendingPathComponent(name).path)
        let fragments = try files.map { try Extractor().extractBounded(SourceReader.read(path: $0), id: CorpusBuilder.documentID($0)) }
        _ = try store.merge(fragments)
        return store
    }

    func streamed(_ store: SQLiteGraphStore, _ filter: FactFilter) throws -> [Fact] {
        var rows: [Fact] = []
        try store.forEachFact(filter) { rows.append($0) }
        return rows
    }

    /// Filters of every kind and some combinations, chosen from the graph's own contents.
    func filters(_ g: KnowledgeGraph) throws -> [FactFilter] {
        let all = g.facts()
        XCTAssertGreaterThan(all.count, 20)
        let busiest = try XCTUnwrap(Dictionary(grouping: all, by: \.head).max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key)
        let busiestID = try XCTUnwrap(g.lookup(busiest).first?.id)
        let doc = try XCTUnwrap(all.map(\.document).sorted().dropFirst(all.count / 2).first)
        let file = String(doc.split(separator: "#").first ?? Substring(doc))
        let dates = all.compactMap(\.date).filter { $0.count == 10 }.sorted()
        let mid = try XCTUnwrap(dates.dropFirst(dates.count / 2).first)
        let province = try XCTUnwrap(g.entities.compactMap { $0.region?.names.first }.first)
        return [
            FactFilter(),
            FactFilter(relations: [.visited]),
            FactFilter(relations: [.locatedIn, .holdsPost]),
            FactFilter(types: [.park]),
            FactFilter(relations: [.visited], types: [.park]),
            FactFilter(entities: [busiestID]),
            FactFilter(entities: [busiestID], from: String(mid.prefix(7))),
            FactFilter(documents: [doc]),
            FactFilter(documents: [file], to: mid),
            FactFilter(relations: [.visited], documents: [file]),
            FactFilter(from: String(mid.prefix(4)), to: mid),
            FactFilter(from: "01-01", to: "12-31"),
            FactFilter(place: province),
            FactFilter(types: [.park, .company], place: province),
            FactFilter(relations: [.visited], types: [.official], entities: [busiestID], from: "2000", place: province),
            FactFilter(entities: ["company:nobody"]),
            FactFilter(documents: ["no-such-document"]),
        ]
    }

    func assertStreamsAsInMemory(_ store: SQLiteGraphStore, file: StaticString = #filePath, line: UInt = #line) throws {
        let g = try store.loadAll()
        var nonEmpty = 0
        for filter in try filters(g) {
            let expected = g.facts(filter)
            let got = try streamed(store, filter)
            XCTAssertEqual(got.count, expected.count, "\(filter)", file: file, line: line)
            XCTAssertEqual(got, expected, "\(filter)", file: file, line: line)
            if !expected.isEmpty { nonEmpty += 1 }
            XCTAssertEqual(try store.documentIDs(for: filter.documents), g.documentIDs(for: filter.documents), file: file, line: line)
        }
        XCTAssertGreaterThan(nonEmpty, 10, "most filters select rows", file: file, line: line)
    }

    func testFactsStreamedFromTheStoreEqualTheInMemoryTableOnTheSeedPage() throws {
        try assertStreamsAsInMemory(try store("seed.db", files: [Self.seedPage]))
    }

    func testFactsStreamedFromTheStoreEqualTheInMemoryTableOnTheDevset() throws {
        let texts = try FileManager.default.contentsOfDirectory(atPath: Self.devset.path).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertGreaterThan(texts.count, 20, "../shared/devset/texts holds the development set")
        try assertStreamsAsInMemory(try store("dev.db", files: [Self.seedPage] + texts.map { Self.devset.appendingPathComponent($0).path }))
    }

    /// Ids whose byte order is not Swift's order (decomposed accents: `e` + U+0301 sorts before `f`
    /// byte-wise, after it as `é`): the store notices and answers from the in-memory graph, in its order.
    func testIdsSortedDifferentlyFallBackToTheInMemoryOrder() throws {
        var g = KnowledgeGraph()
        g.addDocument(DocumentRecord(id: "d", path: "d.txt", sha256: "sha-d"))
        let park = Entity(type: .park, name: "园区甲")
        for e in [Entity(type: .company, name: "e\u{301}a"), Entity(type: .company, name: "f"), park] { g.insertVerbatim(e) }
        for name in ["e\u{301}a", "f"] {
            _ = g.add(Relation(source: "company:" + name, type: .locatedIn, target: park.id,
                               evidence: [Evidence(document: "d", sentence: name + "位于园区甲", start: 0, end: 5)]))
        }
        let store = SQLiteGraphStore(path: dir.appendingPathComponent("nfd.db").path)
        try store.importGraph(g)
        let expected = try store.loadAll().facts()
        XCTAssertEqual(expected.map(\.head), ["f", "e\u{301}a"], "Swift's order")
        XCTAssertEqual(try streamed(store, FactFilter()), expected)
        try assertExportsAsInMemory(store, atLeast: 40)
    }

    /// Every streaming export format, from the store's reader and from the in-memory graph.
    func assertExportsAsInMemory(_ store: SQLiteGraphStore, atLeast minimum: Int = 100, file: StaticString = #filePath, line: UInt = #line) throws {
        let g = try store.loadAll()
        let exporters: [any StreamingExporter] = [NodeLinkJSONExporter(), GraphMLExporter(), Neo4jCSVExporter(), Neo4jCSVExporter(excel: true)]
        for exporter in exporters {
            let expected = try exporter.export(g)
            let got: [ExportedFile] = try store.withReader { source in
                try exporter.fileNames.indices.map { i in
                    let sink = OutputSink()
                    try exporter.write(file: i, from: source, to: sink)
                    return ExportedFile(name: exporter.fileNames[i], data: sink.data)
                }
            }
            XCTAssertEqual(got.map(\.name), expected.map(\.name), file: file, line: line)
            for (a, b) in zip(got, expected) {
                XCTAssertGreaterThan(b.data.count, minimum, b.name, file: file, line: line)
                XCTAssertEqual(String(decoding: a.data, as: UTF8.self), String(decoding: b.data, as: UTF8.self), "\(exporter) \(a.name)", file: file, line: line)
            }
        }
    }

    func testExportsStreamedFromTheStoreEqualTheInMemoryExports() throws {
        let texts = try FileManager.default.contentsOfDirectory(atPath: Self.devset.path).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertGreaterThan(texts.count, 20, "../shared/devset/texts holds the development set")
        try assertExportsAsInMemory(try store("seed.db", files: [Self.seedPage]))
        try assertExportsAsInMemory(try store("dev.db", files: [Self.seedPage] + texts.map { Self.devset.appendingPathComponent($0).path }))
    }
}
