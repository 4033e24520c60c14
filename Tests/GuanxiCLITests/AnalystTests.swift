import Foundation
import GuanxiGraph
import XCTest

/// An analyst's questions across articles, asked through the CLI on the sample page.
final class AnalystTests: GuanxiCLITestCase {
    static let page = "000_7b3e52b32049f56f"

    /// "Who visited which parks?" in one call: a TSV row per statement, each with document, title,
    /// date and source.
    func testFactsAnswersWhoVisitedWhichParks() throws {
        let g = try buildSeeds()
        let r = try guanxi(["facts", "--relation", "visited", "--type", "park", "--tsv", "--graph", g])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.first, "head\thead_type\trelation\ttail\ttail_type\tamount\tdate\tdocument\ttitle\tsource\tevidence")
        XCTAssertEqual(lines.last, "", "ends with a line break")
        let rows = lines.dropFirst().dropLast().map { $0.components(separatedBy: "\t") }
        XCTAssertFalse(rows.isEmpty)
        for row in rows {
            XCTAssertEqual(row.count, 11, "\(row)")
            XCTAssertEqual(row[2], "visited")
            XCTAssertTrue(row[1] == "park" || row[4] == "park", "\(row)")
            XCTAssertTrue(row[7].hasPrefix(Self.page + "#"), "an article's document: \(row[7])")
            XCTAssertFalse(row[8].isEmpty, "a title: \(row)")
            XCTAssertFalse(row[6].isEmpty, "a date: \(row)")
            XCTAssertTrue(row[9].hasSuffix(Self.page + ".txt"), row[9])
            XCTAssertTrue(row[10].contains(row[0]) && row[10].contains("西烟") || row[10].contains(row[3]), "evidence names the fact: \(row)")
        }
        XCTAssertTrue(rows.contains { $0[0] == "陈凯" && $0[3] == "西烟循环经济产业园" && $0[6] == "01-04" && $0[8].contains("陈凯在孟县调研") })
    }

    func testFactsFormatsAndFilters() throws {
        let g = try buildSeeds()
        // JSON carries every field; every row has a document the graph holds.
        let all = try XCTUnwrap(try json(try guanxi(["facts", "--json", "--graph", g])) as? [[String: Any]])
        let graph = try GraphStore.load(g)
        XCTAssertEqual(all.count, graph.edges.reduce(0) { $0 + $1.evidence.count }, "one row per relation × evidence")
        for row in all { XCTAssertNotNil(graph.documents[row["document"] as? String ?? ""], "\(row)") }
        // --document with the file's id covers its five articles; with an article's id, that one.
        let file = try XCTUnwrap(try json(try guanxi(["facts", "--json", "--document", Self.page, "--graph", g])) as? [[String: Any]])
        XCTAssertEqual(file.count, all.count)
        let one = try XCTUnwrap(try json(try guanxi(["facts", "--json", "--document", Self.page + "#4", "--graph", g])) as? [[String: Any]])
        XCTAssertFalse(one.isEmpty)
        XCTAssertTrue(one.allSatisfy { $0["document"] as? String == Self.page + "#4" })
        XCTAssertTrue(one.allSatisfy { $0["date"] as? String == "2025-12-29" })
        // Dates: the fourth article is dated 2025-12-29; nothing in 2024.
        let dec = try XCTUnwrap(try json(try guanxi(["facts", "--json", "--from", "2025-12-29", "--to", "2025-12-29", "--graph", g])) as? [[String: Any]])
        XCTAssertEqual(Set(dec.compactMap { $0["document"] as? String }), [Self.page + "#4"])
        XCTAssertEqual(try guanxi(["facts", "--to", "2024", "--graph", g]).out, "no facts match\n")
        // CSV for spreadsheets: a byte-order mark, CRLF lines.
        let csv = try guanxi(["facts", "--csv", "--excel", "--graph", g])
        XCTAssertEqual(csv.status, 0)
        XCTAssertEqual(Array(csv.stdout.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertTrue(csv.out.contains("\r\n"))
        // Bad input: a clear message and exit code.
        let bad = try guanxi(["facts", "--from", "last week", "--graph", g])
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.contains("is not a date"), bad.stderr)
        let missing = try guanxi(["facts", "--document", "nope", "--graph", g])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "guanxi: the graph holds no document \"nope\"\n")
    }

    /// "Which parks in Shanxi?": parks placed by name and gazetteer, no province's parks elsewhere.
    func testFactsPlaceListsShanxiParks() throws {
        let g = try buildSeeds()
        let rows = try XCTUnwrap(try json(try guanxi(["facts", "--place", "山西省", "--type", "park", "--json", "--graph", g])) as? [[String: Any]])
        var parks = Set<String>()
        for row in rows {
            for (name, type, region) in [("head", "headType", "headRegion"), ("tail", "tailType", "tailRegion")]
            where row[type] as? String == "park" && (row[region] as? String ?? "").hasPrefix("山西省") {
                parks.insert(row[name] as? String ?? "")
            }
        }
        for park in ["长治市屯留经济技术开发区", "侯马经济开发区", "山西转型综合改革示范区"] {
            XCTAssertTrue(parks.contains(park), "\(park) in \(parks.sorted())")
        }
        let none = try guanxi(["facts", "--place", "四川省", "--type", "park", "--graph", g])
        XCTAssertEqual(none.out, "no facts match\n")
    }
}
