import Foundation
import GuanxiGraph
import GuanxiText

/// Reads the sum of money a sentence states for a signing or an investment (`总投资108亿元` →
/// `108亿元`, 1.08e10 CNY).
///
/// Sums named as investment, contract value or funds (`投资`, `金额`, `签约`, `合同`, `资金`, `总额`)
/// come first; output, revenue and tax figures (`产值`, `营收`, `税收`) are never taken. Where a
/// sentence states several sums, the one following the fact's tail (else head) name is taken;
/// where it cannot be told which, none is.
public enum AmountReader {
    /// Relations whose evidence can carry an amount.
    public static func carriesAmount(_ type: RelationType) -> Bool {
        type == .signedWith || type == .investsIn || type == .builds
    }

    /// A sum in a sentence, with its scalar range.
    struct Found { var range: Range<Int>; var amount: Amount; var investment: Bool; var excluded: Bool }

    static let currencies: [(String, String)] = [
        ("亿美元", "USD"), ("万美元", "USD"), ("美元", "USD"), ("欧元", "EUR"), ("港元", "HKD"), ("港币", "HKD"),
        ("日元", "JPY"), ("英镑", "GBP"), ("人民币", "CNY"), ("元", "CNY"),
    ]
    static let investmentWords = ["投资", "金额", "签约", "合同", "资金", "总额", "融资", "注资", "出资", "规模"]
    static let excludedWords = ["产值", "营收", "收入", "税收", "利税", "销售", "利润", "营业额", "年产"]

    /// The amount for a fact whose ends are named by `names` (tail's names last), or nil.
    public static func amount(in sentence: String, near names: [[String]]) -> Amount? {
        let s = Array(sentence.unicodeScalars)
        let all = find(s).filter { !$0.excluded }
        guard !all.isEmpty else { return nil }
        let preferred = all.filter(\.investment)
        let pool = preferred.isEmpty ? all : preferred
        if pool.count == 1 { return pool[0].amount }
        // Several sums: the first after the tail's name, else after the head's.
        for group in names.reversed() {
            var firstEnd: Int?
            for name in group where name.unicodeScalars.count >= 2 {
                if let r = sentence.range(of: name) {
                    let end = sentence.unicodeScalars.distance(from: sentence.unicodeScalars.startIndex, to: r.upperBound)
                    firstEnd = min(firstEnd ?? end, end)
                }
            }
            if let firstEnd, let hit = pool.first(where: { $0.range.lowerBound >= firstEnd }) { return hit.amount }
        }
        return nil
    }

    /// Every sum written with a number, a magnitude (`万`, `亿`, `千万`) and a currency.
    static func find(_ s: [Unicode.Scalar]) -> [Found] {
        var out: [Found] = []
        var i = 0
        while i < s.count {
            guard let (value, numberEnd) = number(s, at: i), i == 0 || !isNumeral(s[i - 1]) else { i += 1; continue }
            var j = numberEnd
            var magnitude = 1.0
            while j < s.count, let m = unit(s[j]) { magnitude *= m; j += 1 }
            var currency: String?
            let rest = String(String.UnicodeScalarView(s[j..<min(s.count, j + 3)]))
            for (word, code) in currencies where rest.hasPrefix(word) {
                currency = code
                // 亿美元 / 万美元: the magnitude is part of the currency word.
                if word.hasPrefix("亿") { magnitude *= 1e8 } else if word.hasPrefix("万") { magnitude *= 1e4 }
                j += word.unicodeScalars.count
                break
            }
            guard let currency else { i = max(numberEnd, i + 1); continue }
            let text = String(String.UnicodeScalarView(s[i..<j]))
            let before = String(String.UnicodeScalarView(s[max(0, i - 8)..<i]))
            let investment = investmentWords.contains { before.contains($0) }
            let excluded = !investment && excludedWords.contains { before.contains($0) }
            out.append(Found(range: i..<j, amount: Amount(text: text, value: value.map { $0 * magnitude }, currency: currency),
                             investment: investment, excluded: excluded))
            i = j
        }
        return out
    }

    static func isNumeral(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) || c == "." }

    /// The value of a Chinese digit in a sum (`零`, `〇`, `一` … `九`, `两`): a date's digits, less the
    /// circle and letter O a date may be written with, and with `两`.
    static func chineseDigit(_ c: Unicode.Scalar) -> Double? {
        if c == "两" { return 2 }
        if c == "○" || c == "O" { return nil }
        return TextDates.chineseDigit(c).map(Double.init)
    }

    /// The value of a unit or magnitude character (`十`, `百`, `千`, `万`, `亿`).
    static func unit(_ c: Unicode.Scalar) -> Double? {
        switch c {
        case "十": 10
        case "百": 100
        case "千": 1000
        case "万": 1e4
        case "亿": 1e8
        default: nil
        }
    }

    /// A number at `i`: Arabic digits (`108`, `1.5`, `3,000`), or Chinese numerals (`五十`,
    /// `一百二十`) that a magnitude or currency follows. Returns the value (nil when unreadable) and the end.
    static func number(_ s: [Unicode.Scalar], at i: Int) -> (Double?, Int)? {
        if ("0"..."9").contains(s[i]) {
            var j = i, text = ""
            while j < s.count, ("0"..."9").contains(s[j]) || s[j] == "." || (s[j] == "," && j + 1 < s.count && ("0"..."9").contains(s[j + 1])) {
                if s[j] != "," { text.unicodeScalars.append(s[j]) }
                j += 1
            }
            return (Double(text), j)
        }
        // Chinese numerals: digits and 十/百/千 below ten thousand.
        var j = i, total = 0.0, digit: Double?
        var sawDigit = false
        while j < s.count {
            if let d = chineseDigit(s[j]) { digit = d; sawDigit = true; j += 1; continue }
            if let unit = unit(s[j]), unit < 1e4 {
                total += (digit ?? 1) * unit; digit = nil; sawDigit = true; j += 1; continue
            }
            break
        }
        guard sawDigit, j > i else { return nil }
        // Only a numeral a magnitude or currency follows counts (`一家`, `三个` are no sums).
        guard j < s.count, "万亿元美欧港日英人".unicodeScalars.contains(s[j]) else { return nil }
        return (total + (digit ?? 0), j)
    }
}
