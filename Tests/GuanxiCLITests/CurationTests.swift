import Foundation
import GuanxiGraph
import XCTest

/// merge, split, rename, delete, retype and why: recorded in the corrections file, applied again
/// by every later build.
final class CurationTests: GuanxiCLITestCase {
    func testMergeAndSplitRoundTripThroughARebuild() throws {
        let g = path("g.json")
        XCTAssertEqual(try guanxi(["build", Self.seeds, "--graph", g]).status, 0)
        let before = try GraphFile.load(g)
        let merged = try guanxi(["merge", "西烟循环经济产业园", "侯北产业园", "--graph", g])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertEqual(merged.out, """
        merged 1 node(s) named 侯北产业园 into 西烟循环经济产业园
        recorded in \(path("g.corrections.tsv")): later builds apply it again

        """)
        var after = try GraphFile.load(g)
        XCTAssertEqual(after.nodeCount, before.nodeCount - 1)
        XCTAssertEqual(after.lookup("侯北产业园").map(\.name), ["西烟循环经济产业园"])

        // A rebuild from nothing applies the recorded correction again.
        try FileManager.default.removeItem(atPath: g)
        XCTAssertEqual(try guanxi(["build", Self.seeds, "--graph", g]).status, 0)
        after = try GraphFile.load(g)
        XCTAssertEqual(after.lookup("侯北产业园").map(\.name), ["西烟循环经济产业园"])

        // Split undoes it; the rebuilt graph equals the first build's entity set.
        let split = try guanxi(["split", "西烟循环经济产业园", "侯北产业园", "--graph", g])
        XCTAssertEqual(split.status, 0, split.stderr)
        try FileManager.default.removeItem(atPath: g)
        XCTAssertEqual(try guanxi(["build", Self.seeds, "--graph", g]).status, 0)
        after = try GraphFile.load(g)
        XCTAssertEqual(Set(after.entities.map(\.name)), Set(before.entities.map(\.name)))
        XCTAssertEqual(after.lookup("侯北产业园").map(\.name), ["侯北产业园"])
        let file = try String(contentsOfFile: path("g.corrections.tsv"), encoding: .utf8)
        XCTAssertTrue(file.hasSuffix("merge\t西烟循环经济产业园\t侯北产业园\nsplit\t西烟循环经济产业园\t侯北产业园\n"), file)
    }

    func testRenameDeleteRetype() throws {
        let g = path("g.json")
        XCTAssertEqual(try guanxi(["build", Self.seeds, "--graph", g]).status, 0)
        XCTAssertEqual(try guanxi(["rename", "侯北产业园", "侯北新能源产业园", "--graph", g]).status, 0)
        XCTAssertEqual(try guanxi(["retype", "侯北新能源产业园", "project", "--graph", g]).status, 0)
        var graph = try GraphFile.load(g)
        let renamed = try XCTUnwrap(graph.lookup("侯北产业园").first)
        XCTAssertEqual(renamed.name, "侯北新能源产业园")
        XCTAssertEqual(renamed.type, .project)
        let edges = graph.index(of: renamed.id).map { graph.degree(of: $0) } ?? -1
        XCTAssertEqual(try guanxi(["delete", "侯北新能源产业园", "--graph", g]).status, 0)
        graph = try GraphFile.load(g)
        XCTAssertTrue(graph.lookup("侯北产业园").isEmpty)
        XCTAssertGreaterThanOrEqual(edges, 0)
        // A correction that names nothing is refused and not recorded.
        let none = try guanxi(["merge", "阳泉市", "不存在的园区", "--graph", g])
        XCTAssertEqual(none.status, 1)
        XCTAssertEqual(none.stderr, "guanxi: no entity named 不存在的园区 (yet): nothing changed; nothing was recorded\n")
        let lines = try String(contentsOfFile: path("g.corrections.tsv"), encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        XCTAssertEqual(lines, ["rename\t侯北产业园\t侯北新能源产业园", "retype\t侯北新能源产业园\tproject", "delete\t侯北新能源产业园"])
    }

    func testWhyNamesTheDocumentsAndTheJoin() throws {
        let g = path("g.json")
        let a = path("a.txt"), b = path("b.txt")
        try "阳泉市委副书记、代市长陈凯来到西烟循环经济产业园调研。".write(toFile: a, atomically: true, encoding: .utf8)
        try "1月8日,阳泉市代市长陈凯到西烟循环经济产业园检查安全生产。".write(toFile: b, atomically: true, encoding: .utf8)
        XCTAssertEqual(try guanxi(["build", a, b, "--graph", g]).status, 0)
        let why = try guanxi(["why", "西烟循环经济产业园", "--graph", g])
        XCTAssertEqual(why.status, 0, why.stderr)
        XCTAssertTrue(why.out.contains("  b: through 西烟循环经济产业园 — distinctive name\n"), why.out)
        let chen = try guanxi(["why", "陈凯", "--graph", g, "--json"])
        let x = try JSONDecoder().decode(EntityExplanation.self, from: chen.stdout)
        XCTAssertEqual(x.joins.map(\.document), ["b"])
        XCTAssertEqual(x.joins.first?.how, "same name and post anchor (阳泉市, 阳泉市委)")
        XCTAssertEqual(x.joins.first?.weak, false)
    }

    func testMalformedCorrectionsFileStopsTheBuildNamingTheLine() throws {
        let g = path("g.json")
        try "# mine\nmerge\t阳泉市\n".write(toFile: path("g.corrections.tsv"), atomically: true, encoding: .utf8)
        let r = try guanxi(["build", Self.seeds, "--graph", g])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "guanxi: \(path("g.corrections.tsv")):2: `merge` takes 2 name(s): merge A B; found 1\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: g))
    }
}
