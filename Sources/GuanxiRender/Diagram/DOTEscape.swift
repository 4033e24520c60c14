/// Escaping of text for DOT quoted strings, in the forms Graphviz 2.42+ reads back exactly.
///
/// Graphviz decodes HTML entities in labels and tooltips and treats `\` specially (`\N`, `\n`,
/// `\l` …), differently in labels and in tooltips. So `&`, `<`, `>`, `"` become entities (no
/// quote ever reaches the DOT text, and the SVG writer re-escapes them), backslashes are doubled
/// as each attribute kind needs, and control characters are dropped. Line breaks are written
/// only by the caller, between escaped lines.
enum DOTEscape {
    /// A label line: Graphviz turns `\\` back into `\`; a newline in the text becomes a space.
    static func label(_ s: String) -> String { escape(s, backslash: "\\\\", newline: " ") }

    /// A tooltip (or other escString attribute): Graphviz unescapes backslashes twice here;
    /// newlines are kept as character references.
    static func tooltip(_ s: String) -> String { escape(s, backslash: "\\\\\\\\", newline: "&#10;") }

    /// A plain attribute we generate ourselves (ids, classes, colours, URLs already encoded).
    static func plain(_ s: String) -> String { escape(s, backslash: "", newline: "") }

    /// Label lines joined by centred DOT line breaks.
    static func labelLines(_ lines: [String]) -> String { lines.map(label).joined(separator: "\\n") }

    private static func escape(_ s: String, backslash: String, newline: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var lastWasCR = false
        for u in s.unicodeScalars {
            defer { lastWasCR = u == "\r" }
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\\": out += backslash
            case "\n": if !lastWasCR { out += newline }
            case "\r", "\u{2028}", "\u{2029}": out += newline
            case "\t": out += " "
            default:
                // C0/C1 controls, DEL and non-characters: XML cannot carry them.
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || (0xFFFE...0xFFFF).contains(u.value) { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
