import GuanxiGraph

/// Escaping of document text for each place a report puts it.
public enum ReportEscape {
    /// HTML/XHTML text or a double-quoted attribute value: `& < > " '` as references, control
    /// characters dropped (``GraphMLExporter/xmlEscape(_:)``), so no document string can open a tag or
    /// leave an attribute.
    public static func html(_ s: String) -> String { GraphMLExporter.xmlEscape(s) }

    /// Text with the starts of GFM autolinks broken by a word joiner: `://` → `:⁠//`, `www.` →
    /// `www⁠.` (any case), `@` → `@⁠`. The text reads and prints the same.
    static func breakAutolinks(_ s: String) -> String {
        guard s.contains(where: { $0 == ":" || $0 == "@" || $0 == "." }) else { return s }
        let joiner: Unicode.Scalar = "\u{2060}"
        let u = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < u.count {
            let c = u[i]
            out.append(c)
            if c == ":", i + 2 < u.count, u[i + 1] == "/", u[i + 2] == "/" { out.append(joiner) }
            else if c == "@" { out.append(joiner) }
            else if c == "w" || c == "W", i + 3 < u.count, u[i + 1] == "w" || u[i + 1] == "W", u[i + 2] == "w" || u[i + 2] == "W", u[i + 3] == "." {
                out.append(u[i + 1]); out.append(u[i + 2]); out.append(joiner)
                i += 3
                continue
            }
            i += 1
        }
        return String(out)
    }

    /// Markdown inline text: HTML-significant characters as entities, Markdown punctuation
    /// backslash-escaped, line breaks as spaces, a leading `#` (or list marker) neutralised,
    /// web addresses and e-mail addresses kept from becoming links (``breakAutolinks(_:)``).
    /// Safe in table cells too (`|` is escaped).
    public static func markdown(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "*", "_", "[", "]", "`", "|", "#", "!", "~", "(", ")", "{", "}": out += "\\" + String(u)
            case "\n", "\r", "\t", "\u{2028}", "\u{2029}": out += " "
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) { continue }
                out.unicodeScalars.append(u)
            }
        }
        // GitHub-flavoured Markdown turns `http://…`, `www.…` and `user@host` in plain text into
        // links: an invisible word joiner (U+2060) after `:`, `www` and `@` keeps them text.
        out = ReportEscape.breakAutolinks(out)
        // A line starting with `-`, `+` or `1.` would become a list item.
        if let first = out.first, first == "-" || first == "+" { out = "\\" + out }
        if let dot = out.firstIndex(of: "."), out[..<dot].allSatisfy(\.isASCII), !out[..<dot].isEmpty,
           out[..<dot].allSatisfy(\.isNumber) {
            out.replaceSubrange(dot...dot, with: "\\.")
        }
        return out
    }
}
