import Foundation
import GuanxiGraph
import XCTest

/// Issue 12's scale-out path: `extract --jsonl` in parts, `build --from-jsonl`, equal to a direct build.
final class ScaleOutTests: GuanxiCLITestCase {
    /// The sample page cut in two at the blank line nearest its middle: two documents sharing entities.
    func halves() throws -> [String] {
        let page = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: Self.seeds).sorted().first { $0.hasSuffix(".txt") })
        let lines = try String(contentsOfFile: Self.seeds + "/" + page, encoding: .utf8).components(separatedBy: "\n")
        let blanks = lines.indices.filter { lines[$0].trimmingCharacters(in: .whitespaces).isEmpty }
        let cut = try XCTUnwrap(blanks.min { abs($0 - lines.count / 2) < abs($1 - lines.count / 2) })
        try FileManager.default.createDirectory(atPath: path("page"), withIntermediateDirectories: true)
        try lines[..<cut].joined(separator: "\n").write(toFile: path("page/part-1.txt"), atomically: true, encoding: .utf8)
        try lines[cut...].joined(separator: "\n").write(toFile: path("page/part-2.txt"), atomically: true, encoding: .utf8)
        return ["page/part-1.txt", "page/part-2.txt"]
    }

    func testExtractInTwoHalvesThenBuildFromJSONLEqualsADirectBuild() throws {
        let parts = try halves()
        // Each half extracted on its own (as two machines would), one to stdout, one to a file.
        let first = try guanxi(["extract", parts[0], "--jsonl"])
        XCTAssertEqual(first.status, 0, first.stderr)
        try first.stdout.write(to: URL(fileURLWithPath: path("a.jsonl")))
        XCTAssertEqual(try guanxi(["extract", parts[1], "--jsonl", "-o", "b.jsonl"]).status, 0)
        var articles = 0
        for name in ["a.jsonl", "b.jsonl"] {
            let lines = try String(contentsOfFile: path(name), encoding: .utf8).split(separator: "\n")
            XCTAssertEqual(lines.count, 1, name)
            let g = try GraphFile.decode(Data(lines[0].utf8), path: name)
            // One line a file; its articles are documents of that file (one hash).
            XCTAssertEqual(Set(g.documentList.map(\.sha256)).count, 1)
            articles += g.documents.count
            XCTAssertGreaterThan(g.nodeCount, 10)
            XCTAssertGreaterThan(g.edgeCount, 5)
        }
        // A line is a pure function of its document: extracting again gives the same bytes.
        XCTAssertEqual(try guanxi(["extract", parts[0], "--jsonl"]).stdout, first.stdout)
        let scaled = try guanxi(["build", "--from-jsonl", "a.jsonl", "b.jsonl", "--graph", "scaled.db"])
        XCTAssertEqual(scaled.status, 0, scaled.stderr)
        XCTAssertTrue(scaled.out.contains("\(articles) document(s) added"), scaled.out)
        XCTAssertEqual(try guanxi(["build", "page", "--graph", "direct.db"]).status, 0)
        let a = try guanxi(["export", "--format", "graph", "--graph", "scaled.db"])
        let b = try guanxi(["export", "--format", "graph", "--graph", "direct.db"])
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertEqual(a.out, b.out)
        // The halves share entities: the merged graph is smaller than the two parts side by side.
        let g = try GraphFile.decode(a.stdout, path: "scaled")
        let sum = try ["a.jsonl", "b.jsonl"].map { try GraphFile.decode(try bytes(path($0)), path: $0).nodeCount }.reduce(0, +)
        XCTAssertLessThan(g.nodeCount, sum)
        // Merging the same lines again adds nothing.
        let again = try guanxi(["build", "--from-jsonl", "b.jsonl", "a.jsonl", "--graph", "scaled.db"])
        XCTAssertTrue(again.out.contains("0 document(s) added, 2 file(s) already held"), again.out)
        // And the node-link export of both is the same too.
        XCTAssertEqual(try guanxi(["export", "--graph", "scaled.db"]).out, try guanxi(["export", "--graph", "direct.db"]).out)
    }

    func testImportOfTheJSONGraphGivesTheSameGraph() throws {
        let json = try buildSeeds()
        let r = try guanxi(["import", json, "--graph", "copy.db"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try guanxi(["export", "--format", "graph", "--graph", "copy.db"]).stdout, try bytes(json))
        let twice = try guanxi(["import", json, "--graph", "copy.db"])
        XCTAssertEqual(twice.status, 2)
        XCTAssertTrue(twice.stderr.contains("copy.db") && twice.stderr.contains("holds documents already"), twice.stderr)
        // A direct build into SQLite gives the JSON graph's bytes.
        XCTAssertEqual(try guanxi(["build", Self.seeds, "--graph", "direct.db"]).status, 0)
        XCTAssertEqual(try guanxi(["export", "--format", "graph", "--graph", "direct.db"]).stdout, try bytes(json))
    }

    func testBadJSONLinesAreNamedAndNothingIsWritten() throws {
        try Data("{\"format\": \"guanxi-graph\", \"schemaVersion\": 1, \"documents\": [], \"nodes\": []}\nnot json\n".utf8)
            .write(to: URL(fileURLWithPath: path("bad.jsonl")))
        let r = try guanxi(["build", "--from-jsonl", "bad.jsonl", "--graph", "g.db"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("bad.jsonl:2"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("g.db")), "nothing written")
        let missing = try guanxi(["build", "--from-jsonl", "none.jsonl", "--graph", "g.db"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("none.jsonl"), missing.stderr)
        XCTAssertEqual(try guanxi(["extract", "seeds"]).status, 64, "extract without --jsonl is a usage error")
    }

    func testABadLineLeavesTheBatchesBeforeItCommittedAndNoPartOfItsOwn() throws {
        // Five documents in a part, extracted in parallel and written in input order.
        try FileManager.default.createDirectory(atPath: path("five"), withIntermediateDirectories: true)
        for (i, city) in ["太原", "大同", "阳泉", "长治", "晋城"].enumerated() {
            try "\(city)市委书记王\(i)明到\(city)经济技术开发区调研。".write(toFile: path("five/d\(i).txt"), atomically: true, encoding: .utf8)
        }
        let r = try guanxi(["extract", "five", "--jsonl", "-o", "five.jsonl"])
        XCTAssertEqual(r.status, 0, r.stderr)
        var lines = try String(contentsOfFile: path("five.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 5)
        XCTAssertEqual(lines.map { $0.contains("\"d\(lines.firstIndex(of: $0) ?? -1)\"") }, Array(repeating: true, count: 5), "input order")
        // Line 4 broken: the batch of lines 1–2 is committed, the batch of lines 3–4 is not written at all.
        lines[3] = "{\"nodes\": 3"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path("broken.jsonl"), atomically: true, encoding: .utf8)
        let b = try guanxi(["build", "--from-jsonl", "broken.jsonl", "--graph", "g.db", "--batch", "2", "--json"])
        XCTAssertEqual(b.status, 2)
        XCTAssertTrue(b.stderr.contains("broken.jsonl:4"), b.stderr)
        let stats = try guanxi(["stats", "--graph", "g.db", "--json"])
        XCTAssertEqual(stats.status, 0, stats.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: stats.stdout) as? [String: Any])
        XCTAssertEqual(json["documents"] as? Int, 2, String(decoding: stats.stdout, as: UTF8.self))
    }
}
