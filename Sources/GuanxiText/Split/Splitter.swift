/// A sentence: a range of the normalised text.
public struct Sentence: Sendable {
    public let range: Range<Int>
}

/// A date as an article gives it; the year is known only when the article states one.
public struct TextDate: Sendable, Hashable {
    public var year: Int?
    public var month: Int
    public var day: Int?

    /// `2025-12-29`, `2025-12`, or `01-04` when the year is not stated.
    public var iso: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day.map { $0 < 10 ? "-0\($0)" : "-\($0)" } ?? ""
        if let year { return "\(year)-\(m)\(d)" }
        return "\(m)\(d)"
    }
}

/// One article of a document: its range, title, byline and sentences.
public struct Article: Sendable {
    public var range: Range<Int>
    /// Headline lines (on a scanned page they may follow the body).
    public var titleRanges: [Range<Int>] = []
    /// Short heading lines inside the body (section titles): read for names, not the title.
    public var headingRanges: [Range<Int>] = []
    /// Reporters and photographers: names that are never officials.
    public var byline: [String] = []
    /// Ranges of byline lines and credits (`记者 XXX`, `XXX摄`), which recognisers skip.
    public var creditRanges: [Range<Int>] = []
    public var dateline: String?
    public var date: TextDate?
    public var sentences: [Sentence] = []

    /// Every range the recognisers read, in text order: title, headings and sentences.
    public var scanRanges: [Range<Int>] {
        (titleRanges + headingRanges + sentences.map(\.range)).sorted { $0.lowerBound < $1.lowerBound }
    }
}

/// Splits normalised text into articles and sentences.
///
/// A newspaper page holds several articles: a byline line (`侯海宏 李京益 李青`, `郭赞`) closes
/// one, a dateline (`科学导报讯`, `本报讯`, `新华社…电`) opens one, and the headline lines between
/// an article's byline and the next body go to whichever article they share more words with
/// (scanned pages print some headlines after their body).
public struct Splitter: Sendable {
    public let surnames: Surnames

    public init(surnames: Surnames = .shared) { self.surnames = surnames }

    enum LineKind { case blank, byline, dateline, headline, body }

    struct Line {
        var range: Range<Int>
        var kind: LineKind
    }

    /// The articles of a text.
    public func split(_ t: NormalizedText) -> [Article] {
        let s = t.scalars
        let lines = classify(s)
        // Chunks end after byline lines.
        var chunks: [[Line]] = [[]]
        for line in lines {
            chunks[chunks.count - 1].append(line)
            if line.kind == .byline, chunks[chunks.count - 1].contains(where: { $0.kind == .body || $0.kind == .dateline }) {
                chunks.append([])
            }
        }
        // Consecutive byline lines (a credit on two lines) stay with the chunk they close.
        var merged: [[Line]] = []
        for chunk in chunks where !chunk.isEmpty {
            if let last = merged.last, !chunk.contains(where: { $0.kind != .byline && $0.kind != .blank }), !last.isEmpty {
                merged[merged.count - 1].append(contentsOf: chunk)
            } else { merged.append(chunk) }
        }
        // Split chunks further at datelines that follow body text.
        var pieces: [[Line]] = []
        for chunk in merged {
            var cur: [Line] = []
            for line in chunk {
                if line.kind == .dateline, cur.contains(where: { $0.kind == .body || $0.kind == .dateline }) {
                    // The headline block right before the dateline opens the new article.
                    var lead: [Line] = []
                    while let last = cur.last, last.kind == .headline || last.kind == .blank { lead.insert(last, at: 0); cur.removeLast() }
                    pieces.append(cur)
                    cur = lead
                }
                cur.append(line)
            }
            pieces.append(cur)
        }
        pieces = pieces.filter { !$0.isEmpty }
        // Leading headlines of a piece may be trailing headlines of the previous article.
        var owned: [[Line]] = pieces
        for k in 1..<max(1, owned.count) {
            let lead = owned[k].prefix { $0.kind == .headline || $0.kind == .blank }
            guard !lead.isEmpty, lead.count < owned[k].count else { continue }
            let prevBody = bigrams(s, owned[k - 1].filter { $0.kind == .body || $0.kind == .dateline })
            let curBody = bigrams(s, owned[k].filter { $0.kind == .body || $0.kind == .dateline })
            var moved = 0
            for line in lead {
                if line.kind == .blank { moved += 1; continue }
                let g = bigrams(s, [line])
                let a = Double(g.intersection(prevBody).count), b = Double(g.intersection(curBody).count)
                if a > b { moved += 1 } else { break }
            }
            // Do not strand blank lines: move only up to the last moved headline.
            while moved > 0, owned[k][moved - 1].kind == .blank { moved -= 1 }
            if moved > 0 {
                owned[k - 1].append(contentsOf: owned[k][0..<moved])
                owned[k].removeFirst(moved)
            }
        }
        return owned.compactMap { makeArticle(t, $0) }
    }

    // MARK: - Lines

    func classify(_ s: [Unicode.Scalar]) -> [Line] {
        var lines: [Line] = []
        var start = 0
        for i in 0...s.count where i == s.count || s[i] == "\n" {
            let r = trim(s, start..<i)
            let kind: LineKind
            if r.isEmpty { kind = .blank }
            else if isBylineLine(Array(s[r])) { kind = .byline }
            else if isDateline(Array(s[r])) { kind = .dateline }
            else if isHeadline(Array(s[r])) { kind = .headline }
            else { kind = .body }
            lines.append(Line(range: r.isEmpty ? start..<start : r, kind: kind))
            start = i + 1
        }
        return lines
    }

    func trim(_ s: [Unicode.Scalar], _ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi, s[lo].properties.isWhitespace { lo += 1 }
        while hi > lo, s[hi - 1].properties.isWhitespace { hi -= 1 }
        return lo..<hi
    }

    /// A line of one to five personal names and nothing else (`侯海宏 李京益 李青`, `郭赞`), or a
    /// credit line (`记者 张三`, `张三 摄`).
    func isBylineLine(_ line: [Unicode.Scalar]) -> Bool {
        guard line.count <= 24 else { return false }
        var tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "、" || $0 == "/" }).map(Array.init)
        if let first = tokens.first, ["记者", "通讯员", "文", "图", "摄影", "作者", "编辑", "责任编辑", "文图"].contains(String(String.UnicodeScalarView(first))) {
            tokens.removeFirst()
        }
        if let last = tokens.last, last == ["摄"] { tokens.removeLast() }
        else if var last = tokens.last, last.count >= 3, last.last == "摄" { last.removeLast(); tokens[tokens.count - 1] = last }
        guard (1...5).contains(tokens.count) else { return false }
        return tokens.allSatisfy { surnames.isPersonName($0) }
    }

    /// A line that opens an article body: `科学导报讯 …`, `本报讯 …`, `新华社北京1月1日电 …`.
    func isDateline(_ line: [Unicode.Scalar]) -> Bool {
        let head = Array(line.prefix(30))
        if let k = head.firstIndex(of: "讯"), k >= 2, k + 1 <= head.count {
            let next = k + 1 < head.count ? head[k + 1] : " "
            if next == " " || next == "(" || next == "（" || next == "【" || next == "[" || next == ":" || ChineseConverter.isHan(next) || (0x30...0x39).contains(next.value) {
                // `讯` closes a short run of Han characters naming the paper: …报讯, …网讯, 本报讯.
                let name = head[0..<k]
                if name.count <= 14, name.allSatisfy({ ChineseConverter.isHan($0) || $0 == "-" || $0 == "·" || $0 == " " }) {
                    return name.last == "报" || name.last == "网" || name.last == "社" || name.last == "台" || name.count <= 8
                }
            }
        }
        // …月…日电
        let text = String(String.UnicodeScalarView(head))
        if let r = text.range(of: "日电") {
            let before = text[..<r.lowerBound]
            return before.contains("月") && before.count <= 24
        }
        return false
    }

    static let sentenceEnd: Set<Unicode.Scalar> = ["。", "!", "?", ";", "！", "？", "；"]

    /// A short line with no sentence punctuation: a headline or subtitle.
    func isHeadline(_ line: [Unicode.Scalar]) -> Bool {
        guard line.count <= 42 else { return false }
        if line.contains(where: { Splitter.sentenceEnd.contains($0) }) { return false }
        let commas = line.filter { $0 == "," || $0 == "，" }.count
        return commas <= 1
    }

    func bigrams(_ s: [Unicode.Scalar], _ lines: [Line]) -> Set<UInt64> {
        var out = Set<UInt64>()
        for line in lines {
            let r = line.range
            guard r.count >= 2 else { continue }
            for i in r.lowerBound..<(r.upperBound - 1) where ChineseConverter.isHan(s[i]) && ChineseConverter.isHan(s[i + 1]) {
                out.insert(UInt64(s[i].value) << 32 | UInt64(s[i + 1].value))
            }
        }
        return out
    }

    // MARK: - Articles

    func makeArticle(_ t: NormalizedText, _ lines: [Line]) -> Article? {
        let nonBlank = lines.filter { $0.kind != .blank }
        guard let first = nonBlank.first, let last = nonBlank.last else { return nil }
        let s = t.scalars
        var a = Article(range: first.range.lowerBound..<last.range.upperBound)
        let hasBody = nonBlank.contains { $0.kind == .body || $0.kind == .dateline }
        // The title is the headline block before the body, or (on a scanned page) after it;
        // other short lines inside the body are section headings.
        let firstBody = nonBlank.firstIndex { $0.kind == .body || $0.kind == .dateline } ?? nonBlank.count
        let lastBody = nonBlank.lastIndex { $0.kind == .body || $0.kind == .dateline } ?? -1
        let leading = nonBlank[..<firstBody].filter { $0.kind == .headline }.map(\.range)
        let trailing = lastBody >= 0 ? nonBlank[(lastBody + 1)...].filter { $0.kind == .headline }.map(\.range) : []
        let titleSet = Set((leading.isEmpty ? trailing : leading).map(\.lowerBound))
        for line in nonBlank {
            switch line.kind {
            case .headline where hasBody && !titleSet.contains(line.range.lowerBound): a.headingRanges.append(line.range)
            case .headline where hasBody: a.titleRanges.append(line.range)
            case .byline:
                a.creditRanges.append(line.range)
                a.byline += bylineNames(Array(s[line.range]))
            case .dateline where a.dateline == nil:
                a.dateline = datelineText(Array(s[line.range]))
            default: break
            }
        }
        // Inline credits: 记者 X, X 摄, 通讯员:X, …电(X Y).
        for (range, names) in inlineCredits(s, in: a.range) {
            a.creditRanges.append(range)
            a.byline += names
        }
        var seen = Set<String>()
        a.byline = a.byline.filter { seen.insert($0).inserted }
        a.sentences = sentences(s, lines: nonBlank.filter { $0.kind != .byline }, credits: a.creditRanges)
        a.date = articleDate(s, a)
        return a
    }

    func bylineNames(_ line: [Unicode.Scalar]) -> [String] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "、" || $0 == "/" }).map(Array.init)
            .map { tok -> [Unicode.Scalar] in tok.count >= 3 && tok.last == "摄" ? Array(tok.dropLast()) : tok }
            .filter { surnames.isPersonName($0) }
            .map { String(String.UnicodeScalarView($0)) }
    }

    func datelineText(_ line: [Unicode.Scalar]) -> String {
        let text = String(String.UnicodeScalarView(line))
        if let r = text.range(of: "讯") { return String(text[..<r.upperBound]) }
        if let r = text.range(of: "日电") { return String(text[..<r.upperBound]) }
        return String(text.prefix(12))
    }

    /// Names in credits inside body lines, with the credit's range.
    func inlineCredits(_ s: [Unicode.Scalar], in range: Range<Int>) -> [(Range<Int>, [String])] {
        var out: [(Range<Int>, [String])] = []
        func names(from i: Int, limit: Int) -> (Int, [String]) {
            // One to three names separated by spaces or 、.
            var j = i, found: [String] = []
            while j < limit {
                while j < limit, s[j] == " " || s[j] == "、" || s[j] == ":" { j += 1 }
                var best = 0
                for len in [3, 2, 4] where j + len <= limit && surnames.isPersonName(Array(s[j..<(j + len)])) {
                    let after = j + len < limit ? s[j + len] : " "
                    if !ChineseConverter.isHan(after) || after == "摄" { best = len; break }
                }
                if best == 0 { break }
                found.append(String(String.UnicodeScalarView(s[j..<(j + best)])))
                j += best
            }
            return (j, found)
        }
        var i = range.lowerBound
        while i < range.upperBound {
            let c = s[i]
            // 记者 X / 通讯员:X
            for marker in ["记者", "通讯员"] {
                let m = Array(marker.unicodeScalars)
                if i + m.count <= range.upperBound, Array(s[i..<(i + m.count)]) == m {
                    let (end, found) = names(from: i + m.count, limit: min(range.upperBound, i + m.count + 16))
                    if !found.isEmpty { out.append((i..<end, found)) }
                }
            }
            // …日电(X Y)
            if c == "电", i > 0, s[i - 1] == "日", i + 1 < range.upperBound, s[i + 1] == "(" || s[i + 1] == "（" {
                let (end, found) = names(from: i + 2, limit: min(range.upperBound, i + 20))
                if !found.isEmpty { out.append((i..<end, found)) }
            }
            // X摄 / X 摄 preceded by a space or punctuation
            if c == "摄", i + 1 >= range.upperBound || !ChineseConverter.isHan(s[i + 1]) || s[i + 1] == "新" {
                var j = i
                while j > range.lowerBound, s[j - 1] == " " { j -= 1 }
                for len in [3, 2] where j - len >= range.lowerBound {
                    let tok = Array(s[(j - len)..<j])
                    let before = j - len > range.lowerBound ? s[j - len - 1] : " "
                    if surnames.isPersonName(tok), !ChineseConverter.isHan(before) || before == "网" || before == "报" {
                        out.append(((j - len)..<(i + 1), [String(String.UnicodeScalarView(tok))]))
                        break
                    }
                }
            }
            i += 1
        }
        return out
    }

    func sentences(_ s: [Unicode.Scalar], lines: [Line], credits: [Range<Int>]) -> [Sentence] {
        var out: [Sentence] = []
        for line in lines where !line.range.isEmpty {
            var start = line.range.lowerBound
            var i = start
            while i < line.range.upperBound {
                if Splitter.sentenceEnd.contains(s[i]) {
                    var end = i + 1
                    while end < line.range.upperBound, ["”", "」", "』", "\"", ")", "）"].contains(s[end]) { end += 1 }
                    let r = trim(s, start..<end)
                    if !r.isEmpty { out.append(Sentence(range: r)) }
                    start = end; i = end; continue
                }
                i += 1
            }
            let r = trim(s, start..<line.range.upperBound)
            if !r.isEmpty { out.append(Sentence(range: r)) }
        }
        return out
    }

    func articleDate(_ s: [Unicode.Scalar], _ a: Article) -> TextDate? {
        let dates = TextDates.find(s, in: a.range)
        guard let first = dates.first else { return nil }
        var d = first.date
        if d.year == nil, let y = dates.lazy.compactMap({ $0.date.year }).first { d.year = y }
        return d
    }
}

/// Dates written `2025年12月29日`, `2025年12月`, `1月4日`.
public enum TextDates {
    /// Every date in a range, in order, with its range.
    public static func find(_ s: [Unicode.Scalar], in range: Range<Int>) -> [(range: Range<Int>, date: TextDate)] {
        var out: [(Range<Int>, TextDate)] = []
        var i = range.lowerBound
        func number(_ at: Int, max: Int) -> (Int, Int)? {
            var j = at, v = 0
            while j < range.upperBound, j - at < max, let d = digit(s[j]) { v = v * 10 + d; j += 1 }
            return j > at ? (v, j) : nil
        }
        while i < range.upperBound {
            guard digit(s[i]) != nil, i == range.lowerBound || digit(s[i - 1]) == nil else { i += 1; continue }
            var year: Int?
            var j = i
            if let (y, e) = number(i, max: 4), e - i == 4, e < range.upperBound, s[e] == "年" { year = y; j = e + 1 }
            if let (m, e) = number(j, max: 2), (1...12).contains(m), e < range.upperBound, s[e] == "月" {
                var day: Int?
                var end = e + 1
                if let (d, e2) = number(e + 1, max: 2), (1...31).contains(d), e2 < range.upperBound, s[e2] == "日" || s[e2] == "号" {
                    day = d; end = e2 + 1
                }
                if day != nil || year != nil {
                    out.append((i..<end, TextDate(year: year, month: m, day: day)))
                    i = end; continue
                }
            }
            i += 1
        }
        return out
    }

    @inlinable
    public static func digit(_ c: Unicode.Scalar) -> Int? { (0x30...0x39).contains(c.value) ? Int(c.value - 0x30) : nil }
}
