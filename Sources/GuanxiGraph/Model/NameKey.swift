import Foundation

/// The form names are compared in: NFKC, lower-cased Latin, without white space, quotes,
/// title marks and middle dots (ANNOTATION.md's scoring rule, less Traditional→Simplified,
/// which the text layer applies before names reach the graph).
public enum NameKey {
    /// Characters dropped when names are compared.
    public static let ignored: Set<Character> = [
        "“", "”", "‘", "’", "\"", "'", "《", "》", "〈", "〉", "「", "」", "『", "』",
        "·", "•", "・", " ", "\u{3000}", "\t", "\n", "\r",
    ]

    /// The comparison key of a name.
    public static func of(_ name: String) -> String {
        let folded = name.precomposedStringWithCompatibilityMapping.lowercased()
        return String(folded.filter { !ignored.contains($0) && !$0.isWhitespace })
    }
}
