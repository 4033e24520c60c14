import Foundation
import XCTest

/// Every command's `--help` compared whole with a golden file (Tests/GuanxiCLITests/Golden/), as
/// swift-argument-parser's own `AssertExecuteCommand` does: a changed option, default or text
/// shows up as a diff, not as a passing "USAGE appears" check. After an intended change, rewrite
/// the golden files with `GUANXI_UPDATE_GOLDEN=1 swift test --skip-build --filter HelpTests` and
/// review the diff.
final class HelpTests: GuanxiCLITestCase {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let commands = ["build", "neighbors", "path", "show", "search", "stats", "export", "evaluate", "rules", "render", "report"]

    func assertGolden(_ args: [String], _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        // A fixed width, so the parser's line wrapping does not depend on the terminal.
        let r = try guanxi(args, environment: ["COLUMNS": "100"])
        XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)", file: file, line: line)
        let url = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["GUANXI_UPDATE_GOLDEN"] == "1" {
            try r.stdout.write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(r.out, expected, "\(args) differs from \(name) (GUANXI_UPDATE_GOLDEN=1 rewrites it)", file: file, line: line)
    }

    func testTopLevelHelpIsTheGoldenText() throws {
        try assertGolden(["--help"], "help.txt")
    }

    func testEveryCommandsHelpIsTheGoldenText() throws {
        for c in Self.commands {
            try assertGolden([c, "--help"], "help-\(c).txt")
            // `guanxi help C` prints the same text.
            let viaHelp = try guanxi(["help", c], environment: ["COLUMNS": "100"])
            XCTAssertEqual(viaHelp.out, try guanxi([c, "--help"], environment: ["COLUMNS": "100"]).out, c)
        }
    }

    func testUnknownCommandIsAUsageError() throws {
        let r = try guanxi(["no-such-command"])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.hasPrefix("Error: Unexpected argument 'no-such-command'\n"), r.stderr)
    }
}
