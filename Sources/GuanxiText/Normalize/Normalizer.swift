/// A document's text in the form the recognisers read, with a map back to the text as read.
///
/// Normalisation folds full-width letters, digits and punctuation to ASCII, converts Traditional
/// characters to Simplified, and joins words broken across line breaks (`信息技\n\n术`). Each
/// normalised scalar remembers the original scalar it came from, so evidence and mentions quote
/// the source exactly.
public struct NormalizedText: Sendable {
    /// The text as read (offsets stored in the graph count these scalars).
    public let original: [Unicode.Scalar]
    /// The normalised text.
    public let scalars: [Unicode.Scalar]
    /// `origin[i]` is the index in ``original`` of normalised scalar `i`.
    public let origin: [Int]
    /// Whether Traditional characters were converted.
    public let convertedTraditional: Bool

    /// The original range a normalised range covers.
    public func originalRange(_ r: Range<Int>) -> Range<Int> {
        guard !r.isEmpty, r.lowerBound >= 0, r.upperBound <= origin.count else {
            let p = r.lowerBound < origin.count && r.lowerBound >= 0 ? origin[r.lowerBound] : original.count
            return p..<p
        }
        return origin[r.lowerBound]..<(origin[r.upperBound - 1] + 1)
    }

    /// The source text a normalised range covers, as written.
    public func originalText(_ r: Range<Int>) -> String {
        original.string(originalRange(r))
    }

    /// The normalised text of a range.
    public func text(_ r: Range<Int>) -> String {
        scalars.string(r)
    }
}

/// Builds ``NormalizedText``.
public enum Normalizer {
    /// Normalises a document's text.
    public static func normalize(_ text: String, converter: ChineseConverter? = ChineseConverter.shared) -> NormalizedText {
        let original = Array(text.unicodeScalars)
        var folded = original.map(fold)
        var converted = false
        if let converter { converted = simplify(&folded, converter: converter) }
        // Join words broken across line breaks; keep everything else.
        var scalars: [Unicode.Scalar] = []
        var origin: [Int] = []
        scalars.reserveCapacity(folded.count); origin.reserveCapacity(folded.count)
        var lineStart = 0          // index in `scalars` where the current output line starts
        var i = 0
        while i < folded.count {
            let c = folded[i]
            if c == "\n" {
                var j = i
                while j < folded.count, folded[j] == "\n" || folded[j] == " " || folded[j] == "\t" { j += 1 }
                if shouldJoin(line: scalars[lineStart...], next: j < folded.count ? folded[j] : nil, nextLine: folded[j...].prefix(40)) {
                    i = j; continue
                }
                scalars.append(c); origin.append(i); i += 1
                lineStart = scalars.count
                continue
            }
            scalars.append(c); origin.append(i); i += 1
        }
        return NormalizedText(original: original, scalars: scalars, origin: origin, convertedTraditional: converted)
    }

    /// Full-width ASCII forms and ideographic space to ASCII; other scalars unchanged.
    @inline(__always)
    static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if (0xFF01...0xFF5E).contains(v), let u = Unicode.Scalar(v - 0xFEE0) { return u }
        switch v {
        case 0x3000, 0x00A0, 0x2002, 0x2003, 0x2009, 0x202F: return " "
        case 0x2028, 0x2029: return "\n"
        default: return s
        }
    }

    /// Converts Traditional characters in place, line by line, only on lines that hold one.
    /// Phrase-level conversion is used when it keeps the line's length (so offsets map one to
    /// one); otherwise each character is converted on its own.
    static func simplify(_ s: inout [Unicode.Scalar], converter: ChineseConverter) -> Bool {
        var any = false
        var lineStart = 0
        var idx = 0
        while idx <= s.count {
            if idx == s.count || s[idx] == "\n" {
                if lineStart < idx {
                    var changes = false
                    for k in lineStart..<idx where ChineseConverter.isHan(s[k]) && converter.simplifiedScalar(s[k]) != s[k] {
                        changes = true; break
                    }
                    if changes {
                        any = true
                        let line = String(String.UnicodeScalarView(s[lineStart..<idx]))
                        let phrase = Array(converter.convert(line).unicodeScalars)
                        if phrase.count == idx - lineStart {
                            s.replaceSubrange(lineStart..<idx, with: phrase)
                        } else {
                            for k in lineStart..<idx { s[k] = converter.simplifiedScalar(s[k]) }
                        }
                    }
                }
                lineStart = idx + 1
            }
            idx += 1
        }
        return any
    }

    static let terminal: Set<Unicode.Scalar> = ["。", "!", "?", ";", ":", "…", "”", "」", "』", ")", "）", "】", "》", "\"", "'", "."]

    /// Whether a line break inside `line` followed by `next` breaks a word: the line is body text
    /// (long, with clause punctuation, no sentence end), both sides are Chinese, and the next
    /// line is not a byline or a new paragraph of its own.
    static func shouldJoin(line: ArraySlice<Unicode.Scalar>, next: Unicode.Scalar?, nextLine: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let last = line.last, let next else { return false }
        guard line.count >= 30 else { return false }
        guard !terminal.contains(last) else { return false }
        guard ChineseConverter.isHan(last) || last.properties.isAlphabetic || (0x30...0x39).contains(last.value) || last == "+" || last == "-" else { return false }
        guard ChineseConverter.isHan(next) || next.properties.isAlphabetic || (0x30...0x39).contains(next.value) else { return false }
        // Body text carries clause punctuation (a dash counts: `先手棋——山西省…信息技|术`);
        // headlines rarely do.
        guard line.contains(where: { $0 == "," || $0 == "，" || $0 == "、" || $0 == "。" || $0 == "—" }) else { return false }
        // A line never continues into a dateline (`科学导报讯 …`, `新华社北京1月4日电`): what
        // comes before one is a headline, however it is punctuated.
        if startsWithDateline(nextLine) { return false }
        return true
    }

    /// Whether a line opens with a dateline: `…讯` or `…日电` within its first words.
    static func startsWithDateline(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
        let head = Array(line.prefix(while: { $0 != "\n" }).prefix(24))
        if let k = head.firstIndex(of: "讯"), k >= 2, k <= 12,
           head[..<k].allSatisfy({ ChineseConverter.isHan($0) || $0 == " " }) { return true }
        for k in 0..<max(0, head.count - 1) where head[k] == "日" && head[k + 1] == "电" {
            return head[..<k].contains("月")
        }
        return false
    }
}
