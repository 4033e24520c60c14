import XCTest
import GuanxiGraph
@testable import GuanxiExtract
import GuanxiText

/// The fast paths the extractor's speed rests on answer exactly what the plain ways answer: word
/// sets with flat tables (large sets) against a naive search, built at once or word by word;
/// scalar bit tables against `Set`; scalar removal against Foundation's `replacingOccurrences`.
final class FastPathTests: XCTestCase {
    /// A deterministic stream of CJK ideographs drawn from a small alphabet (so words recur).
    struct Stream {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        mutating func word(_ alphabet: [Unicode.Scalar], length: Int) -> [Unicode.Scalar] {
            (0..<length).map { _ in alphabet[next(alphabet.count)] }
        }
    }

    static let alphabet = Array("山西省市县区园开发经济技术产业工业科技公司集团有限项目中心政府委员会".unicodeScalars)

    func naiveLongest(startingAt i: Int, in s: [Unicode.Scalar], limit: Int, words: Set<[Unicode.Scalar]>) -> Int {
        var best = 0
        for w in words where i + w.count <= limit && Array(s[i..<(i + w.count)]) == w { best = max(best, w.count) }
        return best
    }

    func naiveLongest(endingAt e: Int, in s: [Unicode.Scalar], lower: Int, words: Set<[Unicode.Scalar]>) -> Int {
        var best = 0
        for w in words where e - w.count >= lower && Array(s[(e - w.count)..<e]) == w { best = max(best, w.count) }
        return best
    }

    func testWordSetsSmallAndLargeAnswerAsANaiveSearch() {
        for count in [40, 600] {     // a small set (dictionaries) and a large one (flat tables)
            var rng = Stream(state: UInt64(count))
            let list = (0..<count).map { _ in String(String.UnicodeScalarView(rng.word(Self.alphabet, length: 1 + rng.next(5)))) }
            let reference = Set(list.map { Array($0.unicodeScalars) })
            let atOnce = WordSet(list)
            if count > 256 { XCTAssertGreaterThanOrEqual(atOnce.words.count, 256, "the large set takes the flat tables") }
            var oneByOne = WordSet([])
            for w in list { oneByOne.insert(w) }
            let text = rng.word(Self.alphabet, length: 3000)
            for i in 0..<text.count {
                let limit = min(text.count, i + 1 + rng.next(8))
                let expected = naiveLongest(startingAt: i, in: text, limit: limit, words: reference)
                XCTAssertEqual(atOnce.longest(startingAt: i, in: text, limit: limit), expected, "\(count) words, start \(i)")
                XCTAssertEqual(oneByOne.longest(startingAt: i, in: text, limit: limit), expected, "\(count) words inserted, start \(i)")
                XCTAssertEqual(atOnce.all(startingAt: i, in: text, limit: limit).first ?? 0, expected)
                let lower = max(0, i - rng.next(8))
                XCTAssertEqual(atOnce.longest(endingAt: i + 1, in: text, lower: lower),
                               naiveLongest(endingAt: i + 1, in: text, lower: lower, words: reference), "\(count) words, end \(i + 1)")
            }
        }
    }

    func testScalarSetAgreesWithSet() {
        let members = Array("的在由是了被把将对从为让给到其".unicodeScalars) + ["\u{20000}", "a", "\u{FFFF}"]
        let bits = ScalarSet(members), set = Set(members)
        var rng = Stream(state: 7)
        let probes = members + (0..<5000).compactMap { _ in Unicode.Scalar(UInt32(rng.next(0x30000))) }
        for c in probes { XCTAssertEqual(bits.contains(c), set.contains(c), "U+\(String(c.value, radix: 16))") }
    }

    func testScalarRemovalIsReplacingOccurrences() {
        var rng = Stream(state: 11)
        let alphabet = Array("重点在建项目新大好企业".unicodeScalars)
        for _ in 0..<500 {
            let text = rng.word(alphabet, length: rng.next(12))
            let word = rng.word(alphabet, length: 1 + rng.next(2))
            var scalars = text
            scalars.removeAll(occurrencesOf: word)
            let expected = String(String.UnicodeScalarView(text)).replacingOccurrences(of: String(String.UnicodeScalarView(word)), with: "")
            XCTAssertEqual(String(String.UnicodeScalarView(scalars)), expected)
        }
    }

    /// Place forms keyed by bytes answer as `String` equality does: canonically equal forms (a
    /// compatibility ideograph, a decomposed accent) are one key; others are not.
    func testFormKeysAreStringEquality() {
        let pairs: [(String, String)] = [("\u{F900}", "\u{8C48}"), ("Qu\u{E9}bec", "Que\u{301}bec"), ("吉安", "吉安"), ("吉安", "吉安市")]
        for (a, b) in pairs {
            XCTAssertEqual(NameKey.Bytes.canonical(a) == NameKey.Bytes.canonical(b), a == b, "\(a) / \(b)")
            if a == b { XCTAssertEqual(NameKey.Bytes.canonical(a).hashValue, NameKey.Bytes.canonical(b).hashValue) }
        }
        XCTAssertEqual(Gazetteer.shared.divisions(named: "吉安").first?.name, "吉安市")
    }
}
