import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XCTest
@testable import GuanxiGraph

/// The output writer in-process (the CLI's behaviour is in GuanxiCLITests.OutputTests).
final class OutputFileTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("guanxi-out-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func p(_ name: String) -> String { (dir as NSString).appendingPathComponent(name) }
    func read(_ name: String) throws -> String { try String(contentsOfFile: p(name), encoding: .utf8) }

    func testProtectedFileIsRefusedUnderAnyName() throws {
        try Data("graph".utf8).write(to: URL(fileURLWithPath: p("g.json")))
        XCTAssertEqual(link(p("g.json"), p("hard.json")), 0)
        try FileManager.default.createSymbolicLink(atPath: p("soft.json"), withDestinationPath: "g.json")
        for out in [p("g.json"), p("hard.json"), p("soft.json"), dir + "/./g.json"] {
            XCTAssertThrowsError(try OutputFile.write(Data("x".utf8), to: out, protecting: [p("g.json")])) { error in
                XCTAssertEqual(error as? OutputError, .wouldOverwrite(path: out, protected: p("g.json")))
            }
        }
        XCTAssertEqual(try read("g.json"), "graph")
        XCTAssertNoThrow(try OutputFile.write(Data("x".utf8), to: p("other.json"), protecting: [p("g.json")]))
    }

    func testStandardStreamPathsNameTheirDescriptors() {
        XCTAssertEqual(OutputFile.standardStreamDescriptor("/dev/stdout"), 1)
        XCTAssertEqual(OutputFile.standardStreamDescriptor("/dev/stderr"), 2)
        XCTAssertEqual(OutputFile.standardStreamDescriptor("/dev/fd/1"), 1)
        XCTAssertEqual(OutputFile.standardStreamDescriptor("/proc/self/fd/2"), 2)
        XCTAssertNil(OutputFile.standardStreamDescriptor("/dev/fd/987"), "not an open descriptor")
        XCTAssertNil(OutputFile.standardStreamDescriptor("/dev/null"))
    }

    func testFolderExportReplacesEveryFileOrNone() throws {
        for n in ["a.csv", "b.csv"] { try Data("old \(n)".utf8).write(to: URL(fileURLWithPath: p(n))) }
        XCTAssertEqual(chmod(p("a.csv"), 0o640), 0)
        try OutputFile.writeFolder([("a.csv", Data("new a".utf8)), ("b.csv", Data("new b".utf8))], to: dir)
        XCTAssertEqual(try read("a.csv"), "new a")
        XCTAssertEqual(try read("b.csv"), "new b")
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: p("a.csv")))[.posixPermissions] as? Int, 0o640)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["a.csv", "b.csv"])
        // A folder where the second file goes: refused before the first is replaced.
        try FileManager.default.removeItem(atPath: p("b.csv"))
        try FileManager.default.createDirectory(atPath: p("b.csv"), withIntermediateDirectories: false)
        XCTAssertThrowsError(try OutputFile.writeFolder([("a.csv", Data("newer".utf8)), ("b.csv", Data("x".utf8))], to: dir)) { error in
            XCTAssertEqual(error as? OutputError, .isAFolder(path: p("b.csv")))
        }
        XCTAssertEqual(try read("a.csv"), "new a")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["a.csv", "b.csv"], "no staging folder left")
        // A file where the folder goes.
        XCTAssertThrowsError(try OutputFile.writeFolder([("x.csv", Data())], to: p("a.csv"))) { error in
            XCTAssertEqual(error as? OutputError, .notAFolder(path: p("a.csv")))
        }
    }

    func testMessagesNameTheOutput() {
        XCTAssertEqual(OutputError.writeFailed(path: "out.svg", reason: "No space left on device").description,
                       "out.svg: cannot write the output file: No space left on device; the previous file is untouched")
        XCTAssertEqual(OutputError.standardOutputFailed(reason: "No space left on device").description,
                       "cannot write to standard output: No space left on device; the output is incomplete")
        XCTAssertEqual(OutputFile.standardOutputError(EPIPE), .brokenPipe)
    }
}
