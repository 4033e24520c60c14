import Foundation
import XCTest
@testable import GuanxiExtract
import GuanxiGraph
import GuanxiText

/// A document of one long line (no line break) is extracted in time linear in its length: it is
/// cut into pieces of at most ``Extractor/maxPieceScalars`` scalars, each at least half that long,
/// each extracted once, and the pieces' graphs merge into one. These tests hold the structure
/// that makes the time linear (the time itself is measured by `guanxi-bench line`, not here).
final class OneLineTests: XCTestCase {
    /// A made-up report sentence; repeated it is one line with sentence ends and clause marks.
    static let unit = "太原市委书记陈凯到山西转型综改示范区调研，察看山西合成生物产业生态园项目建设情况。"

    func testPiecesOfOneLongLineAreAtLeastHalfTheBoundSoTheirNumberGrowsLinearly() {
        let bound = Extractor.maxPieceScalars
        var counts: [Int] = []
        for repeats in [4_000, 16_000] {
            let text = String(repeating: OneLineTests.unit, count: repeats)
            let length = text.unicodeScalars.count
            let pieces = TextPieces.split(text, maxScalars: bound)
            XCTAssertEqual(pieces.map(\.text).joined(), text)
            XCTAssertEqual(pieces.map(\.length).reduce(0, +), length)
            for p in pieces.dropLast() {
                XCTAssertTrue(bound / 2 <= p.length && p.length <= bound, "piece at \(p.offset): \(p.length) scalars")
                // Cut after a sentence end, the best mark the line offers.
                XCTAssertEqual(p.text.unicodeScalars.last, "。", "piece at \(p.offset)")
            }
            XCTAssertLessThanOrEqual(pieces.count, 2 * length / bound + 1)
            counts.append(pieces.count)
        }
        // ×4 the line, ×4 the pieces (the last one may be partial).
        XCTAssertTrue((4 * counts[0] - 3)...(4 * counts[0]) ~= counts[1], "\(counts)")
    }

    func testALineWithoutAnyMarkIsCutAtTheBound() {
        let bound = 1_000
        let text = String(repeating: "山西转型综改示范区", count: 1_000)     // 9,000 scalars, no mark
        let pieces = TextPieces.split(text, maxScalars: bound)
        XCTAssertEqual(pieces.map(\.length), Array(repeating: bound, count: 9))
        XCTAssertEqual(pieces.map(\.offset), (0..<9).map { $0 * bound })
        XCTAssertEqual(pieces.map(\.text).joined(), text)
    }

    func testPiecesOfARepeatedLineMergeIntoTheGraphOfOneUnitWithEveryMentionOnce() throws {
        let extractor = Extractor()
        let one = extractor.extract(source(OneLineTests.unit), id: "line")
        let repeats = 60
        let text = String(repeating: OneLineTests.unit, count: repeats)
        let bound = 300      // ~7 units a piece: 9 pieces
        XCTAssertEqual(TextPieces.split(text, maxScalars: bound).count, 9)
        let g = extractor.extractBounded(source(text), id: "line", maxScalars: bound)
        // The same entities (each piece's joined into one node), each mention once.
        XCTAssertFalse(one.entities.isEmpty)
        XCTAssertEqual(g.entities.map(\.id), one.entities.map(\.id))
        let unitLength = OneLineTests.unit.unicodeScalars.count
        for (e, e1) in zip(g.entities, one.entities) {
            XCTAssertEqual(e.mentions.count, repeats * e1.mentions.count, e.name)
            XCTAssertEqual(Set(e.mentions.map(\.start)).count, e.mentions.count, "\(e.name): a mention twice")
            // Mention k·unit + x for every mention x of one unit and every k.
            let expected = Set((0..<repeats).flatMap { k in e1.mentions.map { k * unitLength + $0.start } })
            XCTAssertEqual(Set(e.mentions.map(\.start)), expected, e.name)
        }
        XCTAssertEqual(g.edges.map(\.key), one.edges.map(\.key))
        for (r, r1) in zip(g.edges, one.edges) {
            XCTAssertEqual(r.evidence.count, repeats * r1.evidence.count, "\(r.key)")
        }
        // One document covering the whole line.
        XCTAssertEqual(g.documentList.map(\.length), [text.unicodeScalars.count])
    }

    func source(_ text: String) -> SourceText {
        SourceText(path: "line.txt", sha256: "0", encoding: "UTF-8", format: .text, text: text)
    }
}
