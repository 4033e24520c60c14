/// Reduces HTML to its readable text: scripts, styles and comments dropped, block elements
/// turned into line breaks, character references decoded.
public enum HTMLText {
    static let blockTags: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
        "section", "article", "header", "footer", "blockquote", "pre", "hr", "dd", "dt", "title",
        "td", "th", "figure", "figcaption", "nav", "aside", "main",
    ]
    static let skipTags: Set<String> = ["script", "style", "noscript", "template", "svg", "head"]
    /// Elements whose content is raw text, not markup.
    static let rawTextTags: Set<String> = ["script", "style"]

    /// The index just past `</name…>` at or after `from` (case-insensitive), or the end.
    static func closingTag(_ name: String, in s: [Unicode.Scalar], from: Int) -> Int {
        let pattern = Array(("</" + name).unicodeScalars)
        var i = from
        while i + pattern.count <= s.count {
            if s[i] == "<" {
                var match = true
                for (k, p) in pattern.enumerated() where s[i + k].properties.lowercaseMapping != String(p) { match = false; break }
                let after = i + pattern.count < s.count ? s[i + pattern.count] : ">"
                if match, !(after.properties.isAlphabetic || (0x30...0x39).contains(after.value)) {
                    var j = i + pattern.count
                    while j < s.count, s[j] != ">" { j += 1 }
                    return min(s.count, j + 1)
                }
            }
            i += 1
        }
        return s.count
    }

    /// The page's text and its `<title>`.
    public static func reduce(_ html: String) -> (text: String, title: String?) {
        let s = Array(html.unicodeScalars)
        var out = String.UnicodeScalarView()
        var title: String?
        var i = 0
        var skipUntil: String?
        while i < s.count {
            let c = s[i]
            if c == "<" {
                // Comment
                if i + 3 < s.count, s[i + 1] == "!", s[i + 2] == "-", s[i + 3] == "-" {
                    var j = i + 4
                    while j + 2 < s.count, !(s[j] == "-" && s[j + 1] == "-" && s[j + 2] == ">") { j += 1 }
                    i = min(s.count, j + 3); continue
                }
                var j = i + 1
                while j < s.count, s[j] != ">" { j += 1 }
                let inner = String(String.UnicodeScalarView(s[(i + 1)..<min(j, s.count)]))
                i = min(s.count, j + 1)
                let closing = inner.hasPrefix("/")
                let name = String(inner.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber })).lowercased()
                // Script and style hold raw text (`a < b`, `"<p>"`): jump to their closing tag,
                // whether or not they sit in a skipped element.
                if rawTextTags.contains(name), !closing, !inner.hasSuffix("/") {
                    i = closingTag(name, in: s, from: i)
                    continue
                }
                // The <title> lives in <head>, which is skipped otherwise: read it here.
                if name == "title", !closing, skipUntil == nil || skipUntil == "head" {
                    // Read the title text up to </title>.
                    var k = i
                    var t = String.UnicodeScalarView()
                    while k < s.count, !(s[k] == "<" && k + 1 < s.count && s[k + 1] == "/") { t.append(s[k]); k += 1 }
                    let tt = decodeEntities(String(t)).trimmedWhitespace()
                    if !tt.isEmpty, title == nil { title = tt }
                    i = closingTag("title", in: s, from: i)
                    continue
                }
                if let skip = skipUntil {
                    if closing, name == skip { skipUntil = nil }
                    continue
                }
                if skipTags.contains(name), !closing, !inner.hasSuffix("/") { skipUntil = name; continue }
                if blockTags.contains(name) { out.append("\n") }
                continue
            }
            if skipUntil != nil { i += 1; continue }
            if c == "&" {
                var j = i + 1
                while j < s.count, j - i < 12, s[j] != ";", s[j] != "&", s[j] != "<" { j += 1 }
                if j < s.count, s[j] == ";" {
                    let ent = String(String.UnicodeScalarView(s[i...j]))
                    let dec = decodeEntities(ent)
                    if dec != ent { out.append(contentsOf: dec.unicodeScalars); i = j + 1; continue }
                }
            }
            out.append(c)
            i += 1
        }
        // Collapse runs of blank lines and trailing spaces the markup leaves.
        let lines = String(out).split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).trimmedWhitespace() }
        var result: [String] = []
        for line in lines where !(line.isEmpty && (result.last?.isEmpty ?? true)) { result.append(line) }
        return (result.joined(separator: "\n").trimmedWhitespace(), title)
    }

    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ldquo": "“",
        "rdquo": "”", "lsquo": "‘", "rsquo": "’", "middot": "·", "mdash": "—", "ndash": "–",
        "hellip": "…", "emsp": " ", "ensp": " ", "thinsp": " ", "copy": "©", "reg": "®",
    ]

    /// Decodes `&name;`, `&#N;` and `&#xH;` references.
    public static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            // Look for the `;` within reach only: a long run of `&` must not rescan the rest each time.
            if let semi = after.prefix(11).firstIndex(of: ";"), after.distance(from: after.startIndex, to: semi) <= 10 {
                let name = String(after[..<semi])
                var decoded: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                    decoded = String(Character(u))
                } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) {
                    decoded = String(Character(u))
                } else { decoded = named[name] }
                if let decoded {
                    out += decoded
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        out += rest
        return out
    }
}

/// Reduces Markdown to its text: headings' `#`, emphasis marks, link and image syntax, code
/// fences and HTML tags dropped; the words kept.
public enum MarkdownText {
    public static func reduce(_ md: String) -> String {
        var lines: [String] = []
        for var line in md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") || line.hasPrefix("~~~") { lines.append(""); continue }
            let trimmed = line.drop(while: { $0 == " " })
            if trimmed.hasPrefix("#") { line = String(trimmed.drop(while: { $0 == "#" }).drop(while: { $0 == " " })) }
            else if trimmed.hasPrefix(">") { line = String(trimmed.dropFirst().drop(while: { $0 == " " })) }
            else if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.hasPrefix("+ ") { line = String(trimmed.dropFirst(2)) }
            line = stripInline(line)
            lines.append(line)
        }
        return HTMLText.decodeEntities(lines.joined(separator: "\n"))
    }

    /// `![alt](url)` → ``, `[text](url)` → `text`, `**b**`/`__b__`/`*i*`/`` `c` `` → their text, tags dropped.
    static func stripInline(_ line: String) -> String {
        let s = Array(line)
        // The next `]`, `)` and `>` at or after each position, found once: searching the rest of
        // the line at every `[` or `<` is quadratic on a long line of them.
        func nextIndices(_ ch: Character) -> [Int] {
            var next = [Int](repeating: s.count, count: s.count + 1)
            var k = s.count - 1
            while k >= 0 { next[k] = s[k] == ch ? k : next[k + 1]; k -= 1 }
            return next
        }
        let nextBracket = nextIndices("]"), nextParen = nextIndices(")"), nextAngle = nextIndices(">")
        func index(_ next: [Int], from k: Int) -> Int? { k < next.count && next[k] < s.count ? next[k] : nil }
        var out = ""
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "!", i + 1 < s.count, s[i + 1] == "[", let close = index(nextBracket, from: i + 2),
               close + 1 < s.count, s[close + 1] == "(", let paren = index(nextParen, from: close + 2) {
                i = paren + 1; continue
            }
            if c == "[", let close = index(nextBracket, from: i + 1), close + 1 < s.count, s[close + 1] == "(",
               let paren = index(nextParen, from: close + 2) {
                out += String(s[(i + 1)..<close]); i = paren + 1; continue
            }
            if c == "*" || c == "`" || (c == "_" && i + 1 < s.count && s[i + 1] == "_") { i += 1; continue }
            if c == "<", let close = index(nextAngle, from: i + 1), close - i < 40,
               s[(i + 1)..<close].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "/" || $0 == " " || $0 == "=" || $0 == "\"" }) {
                i = close + 1; continue
            }
            out.append(c); i += 1
        }
        return out
    }
}

extension String {
    /// The string without leading and trailing white space (ASCII and ideographic).
    func trimmedWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
