import Foundation
import GuanxiGraph
import XCTest

/// Issue 14 item 17: each message that misled now says what is wrong, and refusing creates nothing.
final class MessageTests: GuanxiCLITestCase {
    func exists(_ p: String) -> Bool { FileManager.default.fileExists(atPath: p) }

    func testGraphPathThatIsAFolderIsRefusedAndNothingIsCreated() throws {
        let rootLockExisted = exists("/.lock")
        for args in [["stats", "--graph", "/"], ["build", Self.seeds, "--graph", "/"], ["export", "--graph", "/"]] {
            let r = try guanxi(args)
            XCTAssertEqual(r.status, 2, "\(args)")
            XCTAssertEqual(r.stderr, "guanxi: /: is a folder, not a graph file; give a file, e.g. --graph /guanxi.json\n", "\(args)")
        }
        XCTAssertEqual(exists("/.lock"), rootLockExisted, "no lock file made in /")
        let folder = path("notes")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let r = try guanxi(["show", "陈凯", "--graph", folder])
        XCTAssertEqual(r.stderr, "guanxi: \(folder): is a folder, not a graph file; give a file, e.g. --graph \(folder)/guanxi.json\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), [])
        let dev = try guanxi(["stats", "--graph", "/dev/null"])
        XCTAssertEqual(dev.stderr, "guanxi: /dev/null: is not a regular file (a device, pipe or socket); the graph must be a file\n")
        let slash = try guanxi(["build", Self.seeds, "--graph", path("new") + "/"])
        XCTAssertEqual(slash.stderr, "guanxi: \(path("new"))/: names a folder (ends in /), not a graph file; give a file name\n")
        XCTAssertFalse(exists(path("new")))
    }

    func testStrictBuildWithABadInputCreatesNothing() throws {
        let input = path("in")
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        try Data("太原市委书记陈凯到山西转型综改示范区调研。\n".utf8).write(to: URL(fileURLWithPath: input + "/good.txt"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).write(to: URL(fileURLWithPath: input + "/bad.txt"))
        let g = path("out/sub/g.json")
        let r = try guanxi(["build", input, "--graph", g, "--strict"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, """
            guanxi: skipped \(input)/bad.txt: not a text file (looks like a PNG image)
            guanxi: --strict: 1 input(s) skipped; nothing was written

            """)
        XCTAssertFalse(exists(path("out")), "no folder, no lock, no graph")
    }

    func testHiddenInputFilesAreNamedWithTheReason() throws {
        let input = path("in")
        try FileManager.default.createDirectory(atPath: input + "/.git", withIntermediateDirectories: true)
        try Data("太原市委书记陈凯到山西转型综改示范区调研。\n".utf8).write(to: URL(fileURLWithPath: input + "/.hidden.txt"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: input + "/.git/config"))
        try Data("阳泉市委书记王强到阳泉经济技术开发区调研。\n".utf8).write(to: URL(fileURLWithPath: input + "/a.txt"))
        let r = try guanxi(["build", input, "--graph", path("g.json")])
        XCTAssertEqual(r.status, 0, "a hidden file is a note, not a failed input: \(r.stderr)")
        XCTAssertEqual(r.stderr, "guanxi: \(input)/.hidden.txt: hidden file (name starts with a dot) not read; name it on the command line to build it\n")
        XCTAssertTrue(r.out.hasPrefix("\(path("g.json")): 1 document(s) added, 0 file(s) already held, 0 skipped\n"), r.out)
        // Named on the command line, it is read.
        let named = try guanxi(["build", input + "/.hidden.txt", "--graph", path("g.json")])
        XCTAssertTrue(named.out.hasPrefix("\(path("g.json")): 1 document(s) added"), named.out + named.stderr)
    }

    func testDeepFoldersAreNotCalledASymlinkLoop() throws {
        var p = path("deep")
        for _ in 0..<66 { p += "/d" }
        try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        try Data("太原市委书记陈凯到山西转型综改示范区调研。\n".utf8).write(to: URL(fileURLWithPath: p + "/x.txt"))
        let r = try guanxi(["build", path("deep"), "--graph", path("g.json")])
        XCTAssertEqual(r.status, 3)
        var deepest = path("deep")
        for _ in 0..<65 { deepest += "/d" }
        XCTAssertEqual(r.stderr, "guanxi: skipped \(deepest): folders nested more than 64 deep are not read; skipped\n")
        XCTAssertFalse(r.stderr.contains("loop"))
    }

    func testWellFormedJSONTheReaderRefusesIsExplained() throws {
        let g = try buildSeeds("g.json")
        let text = String(decoding: try bytes(g), as: UTF8.self)
        let huge = text.replacingOccurrences(of: "\"schemaVersion\" : ", with: "\"schemaVersion\" : 1e400, \"was\" : ")
        try Data(huge.utf8).write(to: URL(fileURLWithPath: path("huge.json")))
        let r1 = try guanxi(["stats", "--graph", path("huge.json")])
        XCTAssertEqual(r1.status, 2)
        XCTAssertTrue(r1.stderr.contains("the number 1e400 (at byte "), r1.stderr)
        XCTAssertTrue(r1.stderr.contains(") is too large for a 64-bit number"), r1.stderr)
        XCTAssertFalse(r1.stderr.contains("not valid JSON"), r1.stderr)
        let deep = text.replacingOccurrences(of: "\"schemaVersion\" : ", with: "\"deep\" : \(String(repeating: "[", count: 600))\(String(repeating: "]", count: 600)), \"schemaVersion\" : ")
        try Data(deep.utf8).write(to: URL(fileURLWithPath: path("deep.json")))
        let r2 = try guanxi(["stats", "--graph", path("deep.json")])
        XCTAssertEqual(r2.status, 2)
        XCTAssertTrue(r2.stderr.contains("arrays and objects are nested more than 512 deep (at byte "), r2.stderr)
        XCTAssertFalse(r2.stderr.contains("not valid JSON"), r2.stderr)
    }

    func testOutputFailuresNameTheOutputNotTheGraph() throws {
        let g = try buildSeeds("g.json")
        try Data("x".utf8).write(to: URL(fileURLWithPath: path("file")))
        for (args, out) in [(["render", "-o", path("file") + "/x.svg"], path("file") + "/x.svg"),
                            (["report", "-o", path("file") + "/r.html"], path("file") + "/r.html"),
                            (["export", "-o", path("file") + "/x.json"], path("file") + "/x.json")] {
            let r = try guanxi(args + ["--graph", g])
            XCTAssertEqual(r.status, 2, "\(args)")
            XCTAssertTrue(r.stderr.hasSuffix("guanxi: \(out): cannot write the output file: \(path("file")) is not a folder; the previous file is untouched\n"), r.stderr)
            XCTAssertFalse(r.stderr.contains("graph file"), r.stderr)
        }
        let folder = try guanxi(["export", "-o", dir.path, "--graph", g])
        XCTAssertEqual(folder.stderr, "guanxi: \(dir.path): is a folder; give a file name for the output\n")
    }
}

/// Issue 14 item 1 through the CLI: three one-line articles built together stay three places and
/// `show 杭州市` prints 杭州市's card (the library-level checks are in CrossDocumentMergeTests).
final class MergeRegressionCLITests: GuanxiCLITestCase {
    func testShowOfOneCityPrintsThatCityAfterBuildingThree() throws {
        let input = path("in")
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        for (file, line) in [("a.txt", "梧州市召开全市经济工作会议，市委书记李明出席并讲话。"),
                             ("b.txt", "杭州市召开全市经济工作会议，市委书记王刚出席并讲话。"),
                             ("c.txt", "沈阳市召开全市经济工作会议，市委书记赵强出席并讲话。")] {
            try Data((line + "\n").utf8).write(to: URL(fileURLWithPath: input + "/" + file))
        }
        let g = path("g.json")
        XCTAssertEqual(try guanxi(["build", input, "--graph", g]).status, 0)
        for city in ["梧州市", "杭州市", "沈阳市"] {
            let card = try XCTUnwrap(try json(try guanxi(["show", city, "--graph", g, "--json"])) as? [String: Any])
            let entity = try XCTUnwrap(card["entity"] as? [String: Any])
            XCTAssertEqual(entity["name"] as? String, city)
            XCTAssertEqual(entity["type"] as? String, "place")
            let others = Set(["梧州市", "杭州市", "沈阳市"]).subtracting([city])
            XCTAssertTrue(Set(entity["aliases"] as? [String] ?? []).isDisjoint(with: others), "\(city): \(entity)")
        }
        let places = try XCTUnwrap(try json(try guanxi(["search", "市", "--type", "place", "--graph", g, "--json"])) as? [[String: Any]])
        XCTAssertEqual(places.compactMap { $0["name"] as? String }.sorted(), ["杭州市", "梧州市", "沈阳市"])
    }
}
