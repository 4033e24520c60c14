import Foundation
import XCTest

/// Issue 7: each bad input goes through `guanxi build` with good files beside it. Every bad file
/// is named on stderr with its reason, the good files are built, the exit code is 3, and
/// `--strict` fails (exit 2) without touching the graph.
final class BadInputTests: XCTestCase {
    struct Case {
        var name: String
        /// Creates the bad input in the folder; returns the path to name on the command line, or
        /// nil when the folder itself is the argument.
        var make: (URL) throws -> String?
        /// What stderr must say about it (besides the path).
        var reason: String
        /// The path stderr must name.
        var reported: (URL) -> String
    }

    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]
    static let pdf: [UInt8] = Array("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".utf8)
    static let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0] + Array("word/document.xml".utf8) + [0, 0, 0xFF, 0xFE]
    /// Neither UTF-8, GB18030 nor Big5: 0x80 and 0xFF are not lead bytes in any of them.
    static let invalid: [UInt8] = Array("太原市委书记陈凯".utf8) + [0xFF, 0x80, 0xFF, 0xFE, 0x80] + Array("调研。".utf8)

    func cases() -> [Case] {
        var cs: [Case] = [
            Case(name: "empty", make: { dir in try Data().write(to: dir.appendingPathComponent("in/empty.txt")); return nil },
                 reason: "empty file", reported: { $0.appendingPathComponent("in/empty.txt").path }),
            Case(name: "blank", make: { dir in try Harness.write(" \n\u{3000}\n\t\n", to: dir.appendingPathComponent("in/blank.txt")); return nil },
                 reason: "empty file", reported: { $0.appendingPathComponent("in/blank.txt").path }),
            Case(name: "png", make: { dir in try Data(Self.png).write(to: dir.appendingPathComponent("in/photo.txt")); return nil },
                 reason: "PNG image", reported: { $0.appendingPathComponent("in/photo.txt").path }),
            Case(name: "pdf", make: { dir in try Data(Self.pdf).write(to: dir.appendingPathComponent("in/paper.txt")); return nil },
                 reason: "PDF document", reported: { $0.appendingPathComponent("in/paper.txt").path }),
            Case(name: "zip", make: { dir in try Data(Self.zip).write(to: dir.appendingPathComponent("in/archive.txt")); return nil },
                 reason: "zip archive", reported: { $0.appendingPathComponent("in/archive.txt").path }),
            Case(name: "invalid", make: { dir in try Data(Self.invalid).write(to: dir.appendingPathComponent("in/garbled.txt")); return nil },
                 reason: "not text in UTF-8, UTF-16, UTF-32, GB18030 or Big5", reported: { $0.appendingPathComponent("in/garbled.txt").path }),
            Case(name: "missing", make: { dir in dir.appendingPathComponent("nowhere/absent.txt").path },
                 reason: "no such file", reported: { $0.appendingPathComponent("nowhere/absent.txt").path }),
            Case(name: "fifo", make: { dir in
                     let p = dir.appendingPathComponent("in/pipe.txt").path
                     XCTAssertEqual(mkfifo(p, 0o644), 0)
                     return nil
                 }, reason: "not a regular file", reported: { $0.appendingPathComponent("in/pipe.txt").path }),
            Case(name: "folder loop", make: { dir in
                     try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("in/again").path, withDestinationPath: ".")
                     return nil
                 }, reason: "symbolic-link loop", reported: { $0.appendingPathComponent("in/again").path }),
            Case(name: "link loop", make: { dir in
                     try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("in/self.txt").path, withDestinationPath: "self.txt")
                     return nil
                 }, reason: "symbolic-link loop", reported: { $0.appendingPathComponent("in/self.txt").path }),
            Case(name: "broken link", make: { dir in
                     let p = dir.appendingPathComponent("gone.txt").path
                     try FileManager.default.createSymbolicLink(atPath: p, withDestinationPath: "nothing-here.txt")
                     return p
                 }, reason: "broken symbolic link", reported: { $0.appendingPathComponent("gone.txt").path }),
        ]
        if getuid() != 0 {
            // Root reads any file, so a permission test means something only for other users.
            cs.append(Case(name: "unreadable", make: { dir in
                let p = dir.appendingPathComponent("in/secret.txt")
                try Harness.write(Harness.goodDocument("秘"), to: p)
                XCTAssertEqual(chmod(p.path, 0), 0)
                return nil
            }, reason: "permission denied", reported: { $0.appendingPathComponent("in/secret.txt").path }))
        }
        return cs
    }

    /// Each bad input alone beside two good files: reported, skipped, good files built, exit 3.
    func testEachBadInputIsReportedAndTheGoodFilesAreBuilt() throws {
        for c in cases() {
            let dir = try Harness.scratch(self, "bad-\(c.name)")
            let input = dir.appendingPathComponent("in")
            try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
            try Harness.write(Harness.goodDocument("甲"), to: input.appendingPathComponent("good-a.txt"))
            try Harness.write(Harness.goodDocument("乙"), to: input.appendingPathComponent("good-b.md"))
            let extra = try c.make(dir)
            let graph = dir.appendingPathComponent("g.db")
            let r = try Harness.run(["build", input.path] + (extra.map { [$0] } ?? []) + ["--graph", graph.path])
            XCTAssertEqual(r.code, 3, "\(c.name): exit code; stderr: \(r.stderr)")
            let line = r.stderr.split(separator: "\n").first { $0.contains(c.reported(dir)) }
            XCTAssertNotNil(line, "\(c.name): stderr names \(c.reported(dir)): \(r.stderr)")
            XCTAssertTrue(line?.contains(c.reason) ?? false, "\(c.name): stderr says '\(c.reason)': \(r.stderr)")
            XCTAssertEqual(try Harness.documentIDs(graph), ["good-a", "good-b"], "\(c.name): the good files are built")
            XCTAssertTrue(r.stdout.contains("2 document(s) added"), "\(c.name): \(r.stdout)")
            XCTAssertTrue(r.stdout.contains("1 skipped") || r.stdout.contains("skipped"), "\(c.name): \(r.stdout)")

            // --strict: the same run fails with exit 2 and leaves the graph byte-identical.
            try Harness.write(Harness.goodDocument("丙"), to: input.appendingPathComponent("good-c.txt"))
            let before = try Data(contentsOf: graph)
            let s = try Harness.run(["build", input.path] + (extra.map { [$0] } ?? []) + ["--graph", graph.path, "--strict"])
            XCTAssertEqual(s.code, 2, "\(c.name) --strict: exit code; stderr: \(s.stderr)")
            XCTAssertTrue(s.stderr.contains(c.reported(dir)) && s.stderr.contains(c.reason), "\(c.name) --strict: \(s.stderr)")
            XCTAssertTrue(s.stderr.contains("--strict"), "\(c.name) --strict: \(s.stderr)")
            XCTAssertEqual(try Data(contentsOf: graph), before, "\(c.name) --strict: graph untouched")
        }
    }

    /// All bad inputs in one run: each one named, all good files built, exit 3; `--strict` on a
    /// fresh graph path writes nothing.
    func testAllBadInputsInOneRun() throws {
        let dir = try Harness.scratch(self)
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for (i, m) in ["一", "二", "三"].enumerated() {
            try Harness.write(Harness.goodDocument(m), to: input.appendingPathComponent("good-\(i).txt"))
        }
        var extras: [String] = []
        let cs = cases()
        for c in cs { if let e = try c.make(dir) { extras.append(e) } }
        let graph = dir.appendingPathComponent("g.db")
        let strict = try Harness.run(["build", input.path] + extras + ["--graph", graph.path, "--strict"])
        XCTAssertEqual(strict.code, 2, strict.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: graph.path), "--strict wrote nothing")

        let r = try Harness.run(["build", input.path] + extras + ["--graph", graph.path])
        XCTAssertEqual(r.code, 3, r.stderr)
        for c in cs {
            XCTAssertTrue(r.stderr.split(separator: "\n").contains { $0.contains(c.reported(dir)) && $0.contains(c.reason) },
                          "\(c.name) reported: \(r.stderr)")
        }
        XCTAssertEqual(try Harness.documentIDs(graph), ["good-0", "good-1", "good-2"])
        let again = try Harness.run(["build", input.path, "--graph", graph.path, "--json"])
        XCTAssertEqual(again.code, 3, again.stderr)
        let summary = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(summary?["documentsKnown"] as? Int, 3)
        XCTAssertEqual((summary?["skipped"] as? [[String: String]])?.count, cs.count - 2,
                       "skipped entries in --json (all but the two named on the command line)")
    }

    /// A file of one long line (no line break) is built, beside a good file. 64 KB in the default
    /// suite, 4 MB with GUANXI_LONG_TESTS=1 (GUANXI_BIG_MB=N for any size). Whether the time grows
    /// linearly is measured by the benchmark (`guanxi-bench run`: the ratio of a 4× longer line),
    /// not by a wall-clock ceiling here that a loaded machine could break.
    func testOneHugeLineIsBuilt() throws {
        let mb = Double(ProcessInfo.processInfo.environment["GUANXI_BIG_MB"] ?? "") ?? (Harness.long ? 4 : 0.0625)
        let size = Int(mb * 1_048_576)
        let dir = try Harness.scratch(self)
        let unit = "太原市委书记陈凯到山西转型综改示范区调研，察看山西合成生物产业生态园项目建设情况。1234567890，，，，！！！“”abc "
        let unitBytes = Array(unit.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        while bytes.count + unitBytes.count <= size { bytes += unitBytes }
        let big = dir.appendingPathComponent("long-line.txt")
        try Data(bytes).write(to: big)
        try Harness.write(Harness.goodDocument("长"), to: dir.appendingPathComponent("good.txt"))
        let graph = dir.appendingPathComponent("g.db")
        let t0 = Date()
        let r = try Harness.run(["build", big.path, dir.appendingPathComponent("good.txt").path, "--graph", graph.path])
        let seconds = Date().timeIntervalSince(t0)
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        print("long line: \(bytes.count) bytes built in \(String(format: "%.1f", seconds)) s; largest child peak RSS \(usage.ru_maxrss / 1024) MB")
        XCTAssertEqual(r.code, 0, r.stderr)
        XCTAssertEqual(try Harness.documentIDs(graph), ["good", "long-line"])
    }
}
