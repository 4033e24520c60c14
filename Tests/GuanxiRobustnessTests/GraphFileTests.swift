import Foundation
import GuanxiGraph
import XCTest
import GuanxiTestSupport

/// Issue 7: bad graph files are named with their problem and never overwritten; writes are
/// atomic under SIGKILL; concurrent builds of one graph lose nothing.
final class GraphFileTests: XCTestCase {
    /// A folder with a built graph `g.json` (documents a, b) and a third document c to add.
    func builtGraph() throws -> (dir: URL, graph: URL, extra: URL) {
        let dir = try Harness.scratch(self, "graph-\(UInt32.random(in: 0...UInt32.max))")
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Harness.write(Harness.goodDocument("甲"), to: input.appendingPathComponent("a.txt"))
        try Harness.write(Harness.goodDocument("乙"), to: input.appendingPathComponent("b.txt"))
        let extra = dir.appendingPathComponent("c.txt")
        try Harness.write(Harness.goodDocument("丙"), to: extra)
        let graph = dir.appendingPathComponent("g.json")
        let r = try Harness.run(["build", input.path, "--graph", graph.path])
        XCTAssertEqual(r.code, 0, r.stderr)
        return (dir, graph, extra)
    }

    func testMissingGraphFile() throws {
        let dir = try Harness.scratch(self)
        let missing = dir.appendingPathComponent("none.json").path
        for args in [["stats"], ["export", "--format", "graphml"], ["neighbors", "陈凯"]] {
            let r = try Harness.run(args + ["--graph", missing])
            XCTAssertEqual(r.code, 2, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(missing) && r.stderr.contains("no graph file"), "\(args): \(r.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: missing), "\(args) created the graph")
        }
    }

    /// Damaged graph files: each command that reads one fails with exit 2 and a message naming
    /// the file and the problem, and the file stays byte-identical.
    func testDamagedGraphFilesAreNamedAndLeftAlone() throws {
        let (_, graph, extra) = try builtGraph()
        let good = try Data(contentsOf: graph)
        let text = String(decoding: good, as: UTF8.self)
        let damages: [(String, Data, String)] = [
            ("truncated", good.prefix(good.count / 2), "damaged"),
            ("truncated to nothing", Data(), "damaged"),
            ("hand-edited type", Data(text.replacingOccurrences(of: "\"official\"", with: "\"wizard\"").utf8), "damaged"),
            ("hand-edited syntax", Data(text.replacingOccurrences(of: "\"nodes\" :", with: "\"nodes\" ::").utf8), "damaged"),
            ("dangling edge", Data(text.replacingOccurrences(of: "\"target\" : \"", with: "\"target\" : \"x").utf8), "unknown node"),
            ("newer version", Data(text.replacingOccurrences(of: "\"schemaVersion\" : \(GraphFile.schemaVersion)", with: "\"schemaVersion\" : 99").utf8), "newer"),
            ("older version", Data(text.replacingOccurrences(of: "\"schemaVersion\" : \(GraphFile.schemaVersion)", with: "\"schemaVersion\" : 0").utf8), "older"),
            ("not a graph", Data("{\"nodes\": [], \"edges\": []}".utf8), "not a Guanxi graph file"),
            ("binary junk", Data(BadInputTests.png), "damaged"),
        ]
        for (name, bytes, reason) in damages {
            XCTAssertNotEqual(bytes, good, "\(name): the damage changes the file")
            try bytes.write(to: graph)
            for args in [["build", extra.path], ["stats"], ["export", "--format", "csv", "-o", graph.deletingLastPathComponent().appendingPathComponent("csv").path]] {
                let r = try Harness.run(args + ["--graph", graph.path])
                XCTAssertEqual(r.code, 2, "\(name) \(args[0]): \(r.stderr)")
                XCTAssertTrue(r.stderr.contains(graph.path), "\(name) \(args[0]) names the file: \(r.stderr)")
                XCTAssertTrue(r.stderr.contains(reason), "\(name) \(args[0]) says '\(reason)': \(r.stderr)")
                XCTAssertEqual(try Data(contentsOf: graph), bytes, "\(name) \(args[0]): file untouched")
            }
        }
        // The graph restored, the build goes through.
        try good.write(to: graph)
        XCTAssertEqual(try Harness.run(["build", extra.path, "--graph", graph.path]).code, 0)
        XCTAssertEqual(try Harness.documentIDs(graph), ["a", "b", "c"])
    }

    /// SIGKILL at random moments of a large build: the graph on disk is always the old one or the
    /// new one, and it loads.
    func testKilledBuildLeavesOldOrNewGraph() throws {
        let (dir, graph, _) = try builtGraph()
        let old = try Data(contentsOf: graph)
        // A large input: many documents, so the build spends time reading, extracting and writing.
        let big = dir.appendingPathComponent("big")
        try FileManager.default.createDirectory(at: big, withIntermediateDirectories: true)
        let count = Int(ProcessInfo.processInfo.environment["GUANXI_KILL_DOCS"] ?? "") ?? 60
        for i in 0..<count {
            let body = (0..<20).map { Harness.goodDocument("第\(i)篇\($0)段") }.joined(separator: "\n\n")
            try Harness.write(body, to: big.appendingPathComponent("doc\(i).txt"))
        }
        // How long an unkilled build takes, on a copy.
        let probe = dir.appendingPathComponent("probe.json")
        try old.write(to: probe)
        let t0 = Date()
        XCTAssertEqual(try Harness.run(["build", big.path, "--graph", probe.path]).code, 0)
        let duration = Date().timeIntervalSince(t0)
        let new = try Data(contentsOf: probe)
        var rng = SplitMix(seed: 7)
        var outcomes = (old: 0, new: 0)
        let kills = Int(ProcessInfo.processInfo.environment["GUANXI_KILLS"] ?? "") ?? 12
        for k in 0..<kills {
            try old.write(to: graph)
            let running = try Harness.start(["build", big.path, "--graph", graph.path])
            // Spread the kills over the whole run, the last ones near its end (the write).
            // (Under load a build runs slower than the probe: the last kills come late enough to
            // find the new graph written.)
            let fraction = k < kills / 2 ? Double(rng.next() % 1000) / 1000 : 0.8 + Double(rng.next() % 1000) / 1000
            usleep(useconds_t(duration * fraction * 1_000_000))
            kill(running.process.processIdentifier, SIGKILL)
            _ = running.finish()
            let now = try Data(contentsOf: graph)
            XCTAssertNoThrow(try GraphFile.load(graph.path), "kill \(k) at \(fraction): graph loads")
            if now == old { outcomes.old += 1 } else if now == new { outcomes.new += 1 } else {
                XCTFail("kill \(k) at \(fraction): the graph is neither the old nor the new one")
            }
        }
        print("kill test: \(kills) kills over a \(String(format: "%.1f", duration)) s build: \(outcomes.old) old graph, \(outcomes.new) new graph")
        // Temporary files of killed writers are cleared by the next successful write.
        try old.write(to: graph)
        XCTAssertEqual(try Harness.run(["build", big.path, "--graph", graph.path]).code, 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [], "temporary files left behind")
    }

    /// Two (and four) builds of different inputs into one graph at once: every document is there.
    func testConcurrentBuildsLoseNothing() throws {
        let dir = try Harness.scratch(self)
        for round in 0..<3 {
            let graph = dir.appendingPathComponent("g\(round).json")
            let n = round == 2 ? 4 : 2
            var inputs: [URL] = []
            for k in 0..<n {
                let f = dir.appendingPathComponent("r\(round)-p\(k).txt")
                // Several articles each, so the builds overlap in time.
                try Harness.write((0..<40).map { Harness.goodDocument("轮\(round)路\(k)段\($0)") }.joined(separator: "\n\n"), to: f)
                inputs.append(f)
            }
            let runs = try inputs.map { try Harness.start(["build", $0.path, "--graph", graph.path]) }
            for r in runs.map({ $0.finish() }) { XCTAssertEqual(r.code, 0, r.stderr) }
            XCTAssertEqual(try Harness.documentIDs(graph), Set(inputs.map { $0.deletingPathExtension().lastPathComponent }),
                           "round \(round): every build's document is in the graph")
            XCTAssertNoThrow(try GraphFile.load(graph.path))
        }
    }

    /// The lock itself: while one process holds it, another waits (checked in-process with a
    /// child `guanxi build` against a lock this test holds).
    func testLockMakesBuildsTakeTurns() throws {
        let (_, graph, extra) = try builtGraph()
        let started = Date()
        let holder = DispatchSemaphore(value: 0)
        var childStart: Date?
        let t = Thread {
            try? GraphFile.withLock(graph.path) {
                holder.signal()
                Thread.sleep(forTimeInterval: 1.5)
            }
        }
        t.start()
        holder.wait()
        childStart = Date()
        let r = try Harness.run(["build", extra.path, "--graph", graph.path])
        XCTAssertEqual(r.code, 0, r.stderr)
        XCTAssertGreaterThan(Date().timeIntervalSince(childStart ?? started), 1.0, "the build waited for the lock")
        XCTAssertEqual(try Harness.documentIDs(graph), ["a", "b", "c"])
    }
}

typealias SplitMix = SplitMix64
