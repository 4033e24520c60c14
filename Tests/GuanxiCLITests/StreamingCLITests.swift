import Foundation
import XCTest

/// `facts` and `export` read an SQLite graph row by row; their output is byte for byte what the
/// same graph gives from its JSON file (read whole).
final class StreamingCLITests: GuanxiCLITestCase {
    func seedsInBothStores() throws -> (json: String, db: String) {
        let json = try buildSeeds()
        let r = try guanxi(["import", json, "--graph", path("seeds.db")])
        XCTAssertEqual(r.status, 0, r.stderr)
        return (json, path("seeds.db"))
    }

    func testFactsFromTheDatabaseAreTheBytesOfTheJSONGraphs() throws {
        let (json, db) = try seedsInBothStores()
        let filters: [[String]] = [[], ["--relation", "visited"], ["--type", "park"], ["--entity", "陈凯"],
                                   ["--document", "000_7b3e52b32049f56f#2"], ["--from", "2025-12", "--to", "2026-01"],
                                   ["--place", "山西省", "--type", "park"], ["--to", "2024"]]
        for filter in filters {
            for format in [[], ["--tsv"], ["--csv"], ["--csv", "--excel"], ["--json"]] {
                let a = try guanxi(["facts", "--graph", db] + filter + format)
                let b = try guanxi(["facts", "--graph", json] + filter + format)
                XCTAssertEqual(a.status, 0, a.stderr)
                XCTAssertEqual(a.out, b.out, "\(filter) \(format)")
                XCTAssertEqual(a.stdout, b.stdout, "\(filter) \(format)")
            }
        }
        XCTAssertGreaterThan(try guanxi(["facts", "--graph", db, "--json"]).stdout.count, 10_000)
        // Errors are the same too.
        for bad in [["--entity", "不存在的人名"], ["--document", "nope"]] {
            let a = try guanxi(["facts", "--graph", db] + bad), b = try guanxi(["facts", "--graph", json] + bad)
            XCTAssertEqual(a.status, 1)
            XCTAssertEqual(a.status, b.status)
            XCTAssertEqual(a.stderr, b.stderr)
        }
    }

    func testExportsFromTheDatabaseAreTheBytesOfTheJSONGraphs() throws {
        let (json, db) = try seedsInBothStores()
        for format in ["json", "graphml"] {
            let a = try guanxi(["export", "--graph", db, "--format", format])
            let b = try guanxi(["export", "--graph", json, "--format", format])
            XCTAssertEqual(a.status, 0, a.stderr)
            XCTAssertGreaterThan(a.stdout.count, 10_000)
            XCTAssertEqual(a.out, b.out, format)
            // To a file: the same bytes.
            let f = try guanxi(["export", "--graph", db, "--format", format, "-o", path("out." + format)])
            XCTAssertEqual(f.status, 0, f.stderr)
            XCTAssertEqual(try bytes(path("out." + format)), b.stdout)
        }
        for excel in [[], ["--excel"]] {
            let a = try guanxi(["export", "--graph", db, "--format", "csv", "-o", path("csv-db")] + excel)
            let b = try guanxi(["export", "--graph", json, "--format", "csv", "-o", path("csv-json")] + excel)
            XCTAssertEqual(a.status, 0, a.stderr)
            XCTAssertEqual(b.status, 0, b.stderr)
            for name in ["nodes.csv", "documents.csv", "relationships.csv", "mentioned_in.csv"] {
                XCTAssertEqual(try bytes(path("csv-db/" + name)), try bytes(path("csv-json/" + name)), name)
            }
        }
        // The graph file's JSON (read whole) is the file itself.
        let g = try guanxi(["export", "--graph", db, "--format", "graph"])
        XCTAssertEqual(g.stdout, try bytes(json))
    }
}
