import XCTest
import GuanxiTestSupport
@testable import GuanxiText

typealias SeededRNG = SplitMix64

final class NormalizerTests: XCTestCase {
    func converter() throws -> ChineseConverter {
        try XCTUnwrap(ChineseConverter.shared, "OpenCC (libopencc-dev) and its t2s.json must be installed")
    }

    func range(of needle: String, in t: NormalizedText) -> Range<Int>? {
        let n = Array(needle.unicodeScalars)
        guard n.count <= t.scalars.count else { return nil }
        for i in 0...(t.scalars.count - n.count) where Array(t.scalars[i..<(i + n.count)]) == n { return i..<(i + n.count) }
        return nil
    }

    // MARK: - Traditional → Simplified

    func testTraditionalMixedIntoSimplifiedMapsBackToTheOriginal() throws {
        _ = try converter()
        let text = "笔者驾车抵达山西转型综改示范区合成生物产业生态园,切实感受这里涌动的發展熱潮:超净车间里。"
        let t = Normalizer.normalize(text)
        XCTAssertTrue(t.convertedTraditional)
        let normalized = String(String.UnicodeScalarView(t.scalars))
        XCTAssertTrue(normalized.contains("发展热潮"), normalized)
        XCTAssertFalse(normalized.contains("發展"))
        let r = try XCTUnwrap(range(of: "发展热潮", in: t))
        XCTAssertEqual(t.originalText(r), "發展熱潮", "evidence quotes the source as written")
        XCTAssertEqual(t.text(r), "发展热潮")
        // Simplified parts are unchanged.
        XCTAssertTrue(normalized.hasPrefix("笔者驾车抵达山西转型综改示范区"))
    }

    func testTraditionalOnlyArticle() throws {
        _ = try converter()
        let text = "山西省商務廳和省工信廳公佈第二批省級消費品特色園區名單。經過組織申報、專家評審,12個園區入選。"
        let t = Normalizer.normalize(text)
        let normalized = String(String.UnicodeScalarView(t.scalars))
        XCTAssertEqual(normalized, "山西省商务厅和省工信厅公布第二批省级消费品特色园区名单。经过组织申报、专家评审,12个园区入选。")
        XCTAssertEqual(t.origin, Array(0..<t.scalars.count), "one to one")
        let r = try XCTUnwrap(range(of: "商务厅", in: t))
        XCTAssertEqual(t.originalText(r), "商務廳")
    }

    func testWithoutConverterNothingIsConverted() {
        let t = Normalizer.normalize("發展熱潮", converter: nil)
        XCTAssertFalse(t.convertedTraditional)
        XCTAssertEqual(String(String.UnicodeScalarView(t.scalars)), "發展熱潮")
    }

    // MARK: - Width folding

    func testFullWidthFolded() throws {
        let text = "ＡＢＣ公司（太原）投资１２３亿元，建设５Ｇ基站：ｔ／ａ！\u{3000}结束"
        let t = Normalizer.normalize(text)
        XCTAssertEqual(String(String.UnicodeScalarView(t.scalars)), "ABC公司(太原)投资123亿元,建设5G基站:t/a! 结束")
        XCTAssertEqual(t.scalars.count, text.unicodeScalars.count)
        let r = try XCTUnwrap(range(of: "ABC公司(太原)", in: t))
        XCTAssertEqual(t.originalText(r), "ＡＢＣ公司（太原）")
    }

    // MARK: - Line-break joining

    func testWordBrokenInsideABodyLineIsJoined() throws {
        let text = "2025年以来,侯马经济开发区聚焦项目攻坚和效能提升,纵深推进“承诺制+标\n\n准地+全代办”改革,一枚印章管审批。"
        let t = Normalizer.normalize(text)
        let normalized = String(String.UnicodeScalarView(t.scalars))
        XCTAssertTrue(normalized.contains("“承诺制+标准地+全代办”改革"), normalized)
        XCTAssertFalse(normalized.contains("\n"))
        let r = try XCTUnwrap(range(of: "承诺制+标准地", in: t))
        XCTAssertEqual(t.originalText(r), "承诺制+标\n\n准地", "the original slice spans the break")
    }

    func testWordBrokenInLongLineWithoutCommaIsJoined() throws {
        // The sample page breaks 信息技|术 in a long line whose only punctuation is a dash.
        let text = "量子信息在“无人区”布下先手棋——山西省虽非传统意义上的信息技\n\n术强省,但在量子测量具体应用领域找到了突破口。"
        let normalized = String(String.UnicodeScalarView(Normalizer.normalize(text).scalars))
        XCTAssertTrue(normalized.contains("信息技术强省"), normalized)
    }

    func testHeadlineIsNotGluedToTheNextParagraph() {
        let cases = [
            "阳泉市委副书记、代市长陈凯在孟县调研时强调\n\n加快项目建设 夯实平台支撑 推动经济发展持续向好\n\n科学导报讯 1月4日,陈凯在孟县调研。",
            "山西省商务厅和省工信厅公布第二批省级消费品特色园区名单\n\n科学导报讯 近日,山西省商务厅、省工信厅联合发布通知。",
            "低空经济智能制造院士专家工作站落户屯留经开区\n\n科学导报讯 2025年12月29日,工作站落户。",
            "前瞻布局:从资源依赖到未来导向的顶层设计\n\n岁末年初,山西转型综改示范区政务服务中心内,工作人员在加紧梳理。",
            "立足未来产业,山西的未来值得我们共同期待。\n\n侯海宏 李京益 李青\n\n科学导报讯 1月4日。",
            // A long headline with a dash, then a dateline: still two lines.
            "从“因煤而兴”到“因智而强”的战略跃迁——山西未来产业观察报告之一\n\n科学导报讯 近日,山西省发布通知。",
            "从“因煤而兴”到“因智而强”的战略跃迁——山西未来产业观察报告之一\n新华社太原1月4日电 山西省发布通知。",
        ]
        for text in cases {
            let t = Normalizer.normalize(text)
            let lines = String(String.UnicodeScalarView(t.scalars)).split(separator: "\n", omittingEmptySubsequences: true)
            let originalLines = text.split(separator: "\n", omittingEmptySubsequences: true)
            XCTAssertEqual(lines.count, originalLines.count, "a line was glued: \(lines)")
        }
    }

    func testSentenceEndIsNotJoined() {
        let text = "在搭建高端平台方面,山西省全力支持怀柔实验室山西基地建设。\n\n在创新体制机制方面,推行“揭榜挂帅”制度。"
        let t = Normalizer.normalize(text)
        XCTAssertEqual(t.scalars.count, text.unicodeScalars.count)
        XCTAssertEqual(t.origin, Array(0..<t.scalars.count))
    }

    func testOriginalRangeEdgeCases() {
        let t = Normalizer.normalize("甲乙丙")
        XCTAssertEqual(t.originalRange(1..<1), 1..<1)
        XCTAssertEqual(t.originalRange(3..<3), 3..<3)
        XCTAssertEqual(t.originalRange(0..<3), 0..<3)
        XCTAssertEqual(t.text(2..<10), "丙")
        let empty = Normalizer.normalize("")
        XCTAssertTrue(empty.scalars.isEmpty)
        XCTAssertEqual(empty.originalText(0..<0), "")
    }

    // MARK: - Property: the offset map

    static let simplified = Array("山西省阳泉市委副书记代市长陈凯在孟县调研经济技术开发区有限公司发展新质生产力")
    static let traditional = Array("發展熱潮遠未來興業園區經濟開發區書記縣長調研廳學實驗室國際電網")
    static let fullWidth = Array("ＡＢＣｘｙｚ０１２９（）［］，：；！？＋－／\u{3000}")
    static let ascii = Array("abcXYZ0129()+-/.,:; ")
    static let punct = Array("，。、“”《》:;—…")
    static let emoji = ["😀", "🏭", "👨‍👩‍👧", "🇨🇳", "𠀀", "e\u{301}"]
    static let breaks = ["\n", "\n\n", " \n", "\n \n", "\t", "\r\n"]

    func randomText(_ rng: inout SeededRNG) -> String {
        var s = ""
        let length = Int.random(in: 0...160, using: &rng)
        while s.unicodeScalars.count < length {
            switch Int.random(in: 0..<100, using: &rng) {
            case 0..<40: s.append(Self.simplified.randomElement(using: &rng)!)
            case 40..<55: s.append(Self.traditional.randomElement(using: &rng)!)
            case 55..<63: s.append(Self.fullWidth.randomElement(using: &rng)!)
            case 63..<71: s.append(Self.ascii.randomElement(using: &rng)!)
            case 71..<82: s.append(Self.punct.randomElement(using: &rng)!)
            case 82..<87: s.append(Self.emoji.randomElement(using: &rng)!)
            default: s.append(Self.breaks.randomElement(using: &rng)!)
            }
        }
        return s
    }

    /// What a scalar may normalise to: itself, its width fold, or (for Han) a Simplified form.
    func mayBecome(_ original: Unicode.Scalar, _ normalized: Unicode.Scalar, converter: ChineseConverter?) -> Bool {
        if original == normalized { return true }
        let folded = Normalizer.fold(original)
        if folded == normalized { return true }
        if ChineseConverter.isHan(original) && ChineseConverter.isHan(normalized) {
            // Phrase-level conversion may choose another Simplified form than the single character does.
            return converter?.simplifiedScalar(original) == normalized || converter?.simplifiedScalar(original) != original
        }
        return false
    }

    func testPropertyOriginMapIsMonotoneAndFaithful() throws {
        let conv = try converter()
        var rng = SeededRNG(seed: 20_250_104)
        var joined = 0, converted = 0, folded = 0
        for n in 0..<400 {
            let text = randomText(&rng)
            let t = Normalizer.normalize(text)
            if t.scalars.count < t.original.count { joined += 1 }
            if t.convertedTraditional { converted += 1 }
            if zip(t.origin, t.scalars).contains(where: { t.original[$0.0] != $0.1 && !ChineseConverter.isHan($0.1) }) { folded += 1 }
            let context = "case \(n): \(text.debugDescription)"
            XCTAssertEqual(t.original, Array(text.unicodeScalars), context)
            XCTAssertEqual(t.origin.count, t.scalars.count, context)
            // Strictly increasing and in bounds.
            for (i, o) in t.origin.enumerated() {
                XCTAssertTrue(o >= 0 && o < t.original.count, "\(context): origin[\(i)] = \(o) out of bounds")
                if i > 0 { XCTAssertLessThan(t.origin[i - 1], o, "\(context): origin not increasing at \(i)") }
            }
            // Each normalised scalar comes from its original by folding or T→S.
            for (i, o) in t.origin.enumerated() {
                XCTAssertTrue(mayBecome(t.original[o], t.scalars[i], converter: conv),
                              "\(context): \(t.original[o]) → \(t.scalars[i]) at \(i)")
            }
            // Only white space (line breaks joined away) is dropped.
            let kept = Set(t.origin)
            for k in 0..<t.original.count where !kept.contains(k) {
                let dropped = Normalizer.fold(t.original[k])
                XCTAssertTrue(dropped == "\n" || dropped == " " || dropped == "\t",
                              "\(context): dropped non-space \(t.original[k]) at \(k)")
            }
            // Any normalised range maps back to a slice of the original that holds it.
            if t.scalars.count >= 2 {
                let a = Int.random(in: 0..<(t.scalars.count - 1), using: &rng)
                let b = Int.random(in: (a + 1)...t.scalars.count, using: &rng)
                let o = t.originalRange(a..<b)
                XCTAssertTrue(o.lowerBound >= 0 && o.upperBound <= t.original.count && o.count >= b - a, context)
                XCTAssertEqual(t.originalText(a..<b), String(String.UnicodeScalarView(t.original[o])), context)
            }
        }
        // The generator exercises every kind of change.
        XCTAssertGreaterThan(joined, 10, "cases with joined line breaks")
        XCTAssertGreaterThan(converted, 100, "cases with Traditional characters")
        XCTAssertGreaterThan(folded, 100, "cases with full-width characters")
    }
}
