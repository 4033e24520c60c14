import Foundation
@testable import GuanxiGraph
import XCTest

/// The name key's fast path and the sorted union the graph merges with.
final class NameKeyTests: XCTestCase {
    func testNameKeyFastPathMatchesNFKC() {
        for name in ["山西转型综改示范区", "ABC有限公司", "《规划》", "“陈凯”", "京东方 BOE", "a'b\"c", "中大(天津)集团", "𠀀规划/2025", "ＡＢＣ", "ⅫⅡ区", "i̇stanbul", "・中·心•"] {
            let slow = String(name.precomposedStringWithCompatibilityMapping.lowercased().filter { !NameKey.ignored.contains($0) && !$0.isWhitespace })
            XCTAssertEqual(NameKey.of(name), slow, name)
        }
    }

    func testSortedUnionMatchesSetUnion() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let a = Array(Set((0..<Int.random(in: 0...20, using: &rng)).map { _ in Int.random(in: 0...40, using: &rng) })).sorted()
            let b = (0..<Int.random(in: 0...20, using: &rng)).map { _ in Int.random(in: 0...40, using: &rng) }
            var x = a
            KnowledgeGraph.formSortedUnion(&x, b)
            XCTAssertEqual(x, Array(Set(a).union(b)).sorted())
        }
    }
}
