import GuanxiGraph

/// Escaping of document text for each place a report puts it.
public enum ReportEscape {
    /// HTML/XHTML text or a double-quoted attribute value: `& < > " '` as references, control
    /// characters dropped (``GraphMLExporter/xmlEscape(_:)``), so no document string can open a tag or
    /// leave an attribute.
    public static func html(_ s: String) -> String { GraphMLExporter.xmlEscape(s) }

    /// Markdown inline text: HTML-significant characters as entities, Markdown punctuation
    /// backslash-escaped, line breaks as spaces, a leading `#` (or list marker) neutralised.
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
        // A line starting with `-`, `+` or `1.` would become a list item.
        if let first = out.first, first == "-" || first == "+" { out = "\\" + out }
        if let dot = out.firstIndex(of: "."), out[..<dot].allSatisfy(\.isASCII), !out[..<dot].isEmpty,
           out[..<dot].allSatisfy(\.isNumber) {
            out.replaceSubrange(dot...dot, with: "\\.")
        }
        return out
    }
}
