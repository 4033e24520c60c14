/// Escaping of text for DOT quoted strings, in the forms Graphviz 2.42+ reads back exactly.
///
/// Graphviz decodes HTML entities in labels and tooltips and treats `\` specially (`\N`, `\n`,
/// `\l` …), differently in labels and in tooltips. So `&`, `<`, `>`, `"` become entities (no
/// quote ever reaches the DOT text, and the SVG writer re-escapes them), backslashes are doubled
/// as each attribute kind needs, and control characters are dropped. Line breaks are written
/// only by the caller, between escaped lines.
enum DOTEscape {
    /// A label line: Graphviz turns `\\` back into `\`; a newline in the text becomes a space.
    /// Cut to ``maxTooltipCharacters`` (names are cut shorter by ``DiagramStyle/nodeLabelLines(_:)``).
    static func label(_ s: String) -> String { escape(capped(s, maxTooltipCharacters), backslash: "\\\\", newline: " ") }

    /// A tooltip (or other escString attribute): Graphviz unescapes backslashes twice here;
    /// newlines are kept as character references. Cut to ``maxTooltipCharacters``.
    static func tooltip(_ s: String) -> String { escape(capped(s, maxTooltipCharacters), backslash: "\\\\\\\\", newline: "&#10;") }

    /// A plain attribute we generate ourselves (ids, classes, colours, URLs already encoded).
    static func plain(_ s: String) -> String { escape(s, backslash: "", newline: "") }

    /// Longest text (in characters) put in a tooltip or label: `dot` refuses quoted strings
    /// over 16 KB, and a character can take up to 8 bytes once escaped.
    static let maxTooltipCharacters = 1_000

    /// Text cut to at most `limit` characters, ending in `…` when cut.
    static func capped(_ s: String, _ limit: Int) -> String {
        guard limit > 1, s.unicodeScalars.count > limit else { return s }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s.unicodeScalars.prefix(limit - 1))
        return String(out) + "…"
    }

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
