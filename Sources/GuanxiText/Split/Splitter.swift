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
        // A headline printed after the body (a scanned page) is a block of one to three short,
        // complete lines; a longer block is a menu, a long line or one ending in `、` or `,` the
        // cut end of an excerpt.
        let trailingIsTitle = (1...3).contains(trailing.count)
            && !trailing.contains { r in r.count > 30 || (r.last.map { "、,，:：;；".unicodeScalars.contains(s[$0]) } ?? true) }
        let titleBlock = leading.isEmpty ? (trailingIsTitle ? trailing : []) : leading
        // Menus, breadcrumbs, meta lines, captions and column labels are read for names but are
        // never the title; a title line is cut before the date or source printed after it.
        var titleCut = Dictionary(titleBlock.map { ($0.lowerBound, titleRange(s, $0, block: titleBlock)) }, uniquingKeysWith: { x, _ in x })
        // A line repeating an earlier title line (`原标题:` + the same words) is not said twice.
        var seenTitles = Set<[Unicode.Scalar]>()
        for r in titleBlock {
            guard let cut = titleCut[r.lowerBound] ?? nil else { continue }
            if !seenTitles.insert(Array(s[cut])).inserted { titleCut[r.lowerBound] = .some(nil) }
        }
        for line in nonBlank {
            switch line.kind {
            case .headline where hasBody && titleCut[line.range.lowerBound] == nil: a.headingRanges.append(line.range)
            case .headline where hasBody:
                if let cut = titleCut[line.range.lowerBound] ?? nil {
                    a.titleRanges.append(cut)
                    // What the cut leaves (a date, a source) is still read.
                    if cut.lowerBound > line.range.lowerBound { a.headingRanges.append(line.range.lowerBound..<cut.lowerBound) }
                    if cut.upperBound < line.range.upperBound { a.headingRanges.append(cut.upperBound..<line.range.upperBound) }
                } else { a.headingRanges.append(line.range) }
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
        // The date: from the lines before the body, the dateline and the first body line.
        let firstLines = nonBlank.prefix(min(nonBlank.count, firstBody + 1)).map(\.range)
        a.date = articleDate(s, a, firstLines: firstLines)
        return a
    }

    // MARK: - Titles

    /// Words of lines that are page furniture, never a headline: meta data, menus, footers.
    static let metaWords = ["发布时间", "发布日期", "发布:", "来源:", "来源：", "稿源", "作者:", "作者：", "浏览次数", "点击量", "点击数",
                            "索引号", "文号", "发布机构", "主题词", "分类:", "日期:", "日期：", "字体", "打印", "分享到", "责任编辑",
                            "编辑:", "成文日期", "名称:", "信息公开", "当前位置", "您的位置", "首页", "版权", "Copyright", "copyright",
                            "©", "ICP", "本站注明", "免责", "联系我们", "关于我们", "网站地图", "数字报", "版:", "版：", "评论:",
                            "放大图片", "点击图片", "资料图片", "图片来源", "图为", "扫一扫", "二维码", "上一篇", "下一篇", "返回顶部",
                            "来源：", "时间:", "时间："]

    static let metaWordScalars = metaWords.map { Array($0.unicodeScalars) }

    /// Words that end a headline when printed after it on its line (what follows is meta data).
    static let cutWords = ["发布时间", "发布日期", "发布:", "来源:", "来源：", "稿源", "作者:", "作者：", "浏览次数", "点击量", "点击数",
                           "日期:", "日期：", "时间:", "时间：", "评论:"]

    static let cutWordInitials = ScalarSet(cutWords.compactMap(\.unicodeScalars.first))

    /// Whether a short line is page furniture: a meta line (`发布时间: …`), a breadcrumb
    /// (`首页 > 新闻`), a menu of short items, a photo caption (`放大图片`, `张三 摄`), a
    /// timestamp, or a footer.
    func isFurniture(_ line: [Unicode.Scalar]) -> Bool {
        let text = String(String.UnicodeScalarView(line))
        let folded = ChineseConverter.shared?.convert(text) ?? text
        let foldedScalars = Array(folded.unicodeScalars)
        if Splitter.metaWordScalars.contains(where: { foldedScalars.containsRun($0) }) { return true }
        if line.filter({ $0 == ">" || $0 == "›" || $0 == "»" }).count >= 2 { return true }
        // A document number: 黔工信规划〔2019〕9号.
        if (folded.contains("〔") || folded.contains("[")) && folded.hasSuffix("号") && line.count <= 24 { return true }
        if line.first == "■" || line.first == "▲" || line.first == "△" || folded.hasSuffix("摄") || folded.hasSuffix("(图)") { return true }
        // A menu: four or more short items.
        let items = folded.split(whereSeparator: { $0 == " " || $0 == "|" || $0 == "-" || $0 == "·" || $0 == "/" || $0 == "\t" })
        if items.count >= 4, items.allSatisfy({ $0.count <= 6 }) { return true }
        // A timestamp: little but digits, date and time marks.
        let rest = folded.unicodeScalars.filter { !(("0"..."9").contains($0) || "/-:.年月日 上下午星期一二三四五六日天".unicodeScalars.contains($0)) }
        if rest.count <= 1, folded.unicodeScalars.contains(where: { ("0"..."9").contains($0) }) { return true }
        return false
    }

    /// The part of a title-block line that is title: nil for furniture and for a column label
    /// (a line of six characters or fewer beside a longer title line); otherwise the line without
    /// a leading `原标题:` / `视频|` / `当前观点:` and cut before a date, time or source printed after it.
    func titleRange(_ s: [Unicode.Scalar], _ r: Range<Int>, block: [Range<Int>]) -> Range<Int>? {
        let line = Array(s[r])
        if line.count <= 6, block.contains(where: { $0.count >= 8 && $0 != r }) { return nil }
        var lo = r.lowerBound, hi = r.upperBound
        for prefix in ["(原标题:", "(原标题：", "（原标题:", "（原标题：", "原标题:", "原标题：", "视频|", "视频｜", "当前观点:", "当前观点："] {
            let p = Array(prefix.unicodeScalars)
            if Array(s[lo..<min(hi, lo + p.count)]) == p {
                lo += p.count
                if p.first == "(" || p.first == "（", hi > lo, s[hi - 1] == ")" || s[hi - 1] == "）" { hi -= 1 }
                break
            }
        }
        // Cut at a printed date (`2026-01-27`, `2023年3月7日 10:32`) or a meta word.
        var k = lo
        while k < hi {
            if k > lo + 4, isNumericDateStart(s, k, limit: hi) { hi = k; break }
            if k > lo + 4, Splitter.cutWordInitials.contains(s[k]), Splitter.cutWords.contains(where: { s.hasPrefix($0, at: k, limit: hi) }) { hi = k; break }
            k += 1
        }
        while hi > lo, s[hi - 1] == " " || s[hi - 1] == "\t" || s[hi - 1] == "　" { hi -= 1 }
        while lo < hi, s[lo] == " " || s[lo] == "　" { lo += 1 }
        guard hi - lo >= 4, !isFurniture(Array(s[lo..<hi])) else { return nil }
        return lo..<hi
    }

    func lineStarts(_ line: [Unicode.Scalar], with prefixes: [String]) -> Bool {
        prefixes.contains { p in Array(line.prefix(p.unicodeScalars.count)) == Array(p.unicodeScalars) }
    }

    /// Whether a numeric date (`2026-01-27`, `2021/8/16`, `2025.04.11`) starts at `k`.
    func isNumericDateStart(_ s: [Unicode.Scalar], _ k: Int, limit: Int) -> Bool {
        guard k == 0 || TextDates.digit(s[k - 1]) == nil else { return false }
        return TextDates.numericDate(s, at: k, limit: limit) != nil
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

    /// Words before a reporter's name in running text (`记者 X`, `通讯员:X`).
    static let creditMarkers: [[Unicode.Scalar]] = ["记者", "通讯员"].map { Array($0.unicodeScalars) }

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
            for m in Splitter.creditMarkers where c == m[0] {
                if i + m.count <= range.upperBound, s[i..<(i + m.count)].elementsEqual(m) {
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

    /// The article's date: one printed with a publication word (`发布时间`, `日期`, `来源`, `稿源`)
    /// in its first lines, else the dateline's, else the first in its first lines (headline block,
    /// dateline, first body line), else its first date. Birth dates (`1966年4月生`) never count;
    /// a date without a year takes the year of a full date of the first lines, else of the article.
    func articleDate(_ s: [Unicode.Scalar], _ a: Article, firstLines: [Range<Int>] = []) -> TextDate? {
        let all = TextDates.find(s, in: a.range, numeric: true, skipBirthDates: true)
        guard !all.isEmpty else { return nil }
        let early = all.filter { d in firstLines.contains { $0.contains(d.range.lowerBound) } }
        let publication = early.first { d in
            guard let line = firstLines.first(where: { $0.contains(d.range.lowerBound) }) else { return false }
            let before = String(String.UnicodeScalarView(s[line.lowerBound..<d.range.lowerBound]))
            return ["发布", "日期", "来源", "稿源", "时间", "發佈", "發布", "來源", "時間"].contains { before.contains($0) }
        }
        var d = (publication ?? early.first ?? all[0]).date
        if d.year == nil, let y = early.lazy.compactMap({ $0.date.year }).first ?? all.lazy.compactMap({ $0.date.year }).first { d.year = y }
        return d
    }
}

/// Dates written `2025年12月29日`, `2025年12月`, `1月4日`.
public enum TextDates {
    /// Every date in a range, in order, with its range. `numeric`: also `2025-04-11`,
    /// `2021/8/16`, `2025.04.11` and dates in Chinese numerals (`二○○九年七月二十三日`).
    /// `skipBirthDates`: leave out dates of birth (`1966年4月生`, `1966年4月出生`, `生于1966年4月`).
    public static func find(_ s: [Unicode.Scalar], in range: Range<Int>, numeric: Bool = false,
                            skipBirthDates: Bool = false) -> [(range: Range<Int>, date: TextDate)] {
        var out: [(Range<Int>, TextDate)] = []
        if numeric || skipBirthDates {
            var i = range.lowerBound
            var written = find(s, in: range)
            if numeric {
                while i < range.upperBound {
                    if i == range.lowerBound || digit(s[i - 1]) == nil, let (d, end) = numericDate(s, at: i, limit: range.upperBound) {
                        written.append((i..<end, d)); i = end; continue
                    }
                    if let (d, end) = chineseDate(s, at: i, limit: range.upperBound) { written.append((i..<end, d)); i = end; continue }
                    i += 1
                }
                written.sort { $0.range.lowerBound < $1.range.lowerBound }
            }
            if skipBirthDates { written = written.filter { !isBirthDate(s, $0.range, in: range) } }
            return written
        }
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

    /// Whether a date is a date of birth: `生`/`出生` right after it, or `生于`/`出生于` right before.
    static func isBirthDate(_ s: [Unicode.Scalar], _ r: Range<Int>, in range: Range<Int>) -> Bool {
        var k = r.upperBound
        while k < range.upperBound, k < r.upperBound + 2, s[k] == " " || s[k] == "(" || s[k] == "（" { k += 1 }
        if k < range.upperBound, s[k] == "生" { return true }
        if s.hasPrefix("出生", at: k, limit: range.upperBound) { return true }
        let lo = max(range.lowerBound, r.lowerBound - 3)
        let before = String(String.UnicodeScalarView(s[lo..<r.lowerBound]))
        return before.hasSuffix("生于") || before.hasSuffix("出生")
    }

    /// A numeric date at `i`: `2025-04-11`, `2021/8/16`, `2025.04.11` (year 1900–2099), with its end.
    public static func numericDate(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> (TextDate, Int)? {
        func num(_ at: Int, max: Int) -> (Int, Int)? {
            var j = at, v = 0
            while j < limit, j - at < max, let d = digit(s[j]) { v = v * 10 + d; j += 1 }
            return j > at ? (v, j) : nil
        }
        guard let (y, e1) = num(i, max: 4), e1 - i == 4, (1900...2099).contains(y), e1 < limit else { return nil }
        let sep = s[e1]
        guard sep == "-" || sep == "/" || sep == "." else { return nil }
        guard let (m, e2) = num(e1 + 1, max: 2), (1...12).contains(m), e2 < limit, s[e2] == sep,
              let (d, e3) = num(e2 + 1, max: 2), (1...31).contains(d) else { return nil }
        if e3 < limit, digit(s[e3]) != nil { return nil }
        return (TextDate(year: y, month: m, day: d), e3)
    }

    /// The value of a digit written in a Chinese date (`〇`, `○`, `零`, `O`, `一` … `九`).
    public static func chineseDigit(_ c: Unicode.Scalar) -> Int? {
        switch c {
        case "〇", "○", "零", "O": 0
        case "一": 1
        case "二": 2
        case "三": 3
        case "四": 4
        case "五": 5
        case "六": 6
        case "七": 7
        case "八": 8
        case "九": 9
        default: nil
        }
    }

    /// A date in Chinese numerals at `i`: `二○○九年七月二十三日`, with its end.
    static func chineseDate(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> (TextDate, Int)? {
        guard i + 4 < limit, i == 0 || chineseDigit(s[i - 1]) == nil else { return nil }
        var y = 0
        for k in i..<(i + 4) { guard let d = chineseDigit(s[k]) else { return nil }; y = y * 10 + d }
        guard (1900...2099).contains(y), s[i + 4] == "年" else { return nil }
        func small(_ at: Int) -> (Int, Int)? {
            // 一 … 九, 十, 十一 … 十九, 二十 … 三十一
            var j = at, v = 0, seen = false
            if j < limit, let d = chineseDigit(s[j]), d > 0 { v = d; j += 1; seen = true }
            if j < limit, s[j] == "十" {
                v = (seen ? v : 1) * 10; j += 1; seen = true
                if j < limit, let d = chineseDigit(s[j]), d > 0 { v += d; j += 1 }
            }
            return seen ? (v, j) : nil
        }
        guard let (m, e1) = small(i + 5), (1...12).contains(m), e1 < limit, s[e1] == "月" else { return nil }
        var end = e1 + 1
        var day: Int?
        if let (d, e2) = small(e1 + 1), (1...31).contains(d), e2 < limit, s[e2] == "日" { day = d; end = e2 + 1 }
        return (TextDate(year: y, month: m, day: day), end)
    }
}

extension Array where Element == Unicode.Scalar {
    /// Whether `word` starts at `i` and ends by `limit`.
    func hasPrefix(_ word: String, at i: Int, limit: Int) -> Bool {
        var k = i
        for c in word.unicodeScalars {
            guard k < limit, k < count, self[k] == c else { return false }
            k += 1
        }
        return true
    }
}
