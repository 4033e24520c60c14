import Foundation

/// Chinese family names (the package resource `surnames.txt`), for telling personal names from
/// other words in bylines and next to posts.
public struct Surnames: Sendable {
    public let single: Set<Unicode.Scalar>
    public let compound: Set<String>
    /// Compound surnames as pairs of scalar values, for look-ups without building strings.
    private let compoundPairs: Set<UInt64>
    /// The single surnames as a bit table (looked up at nearly every character).
    private let singleTable: ScalarSet
    /// First characters of compound surnames (most characters open none: no pair is hashed then).
    private let compoundFirsts: ScalarSet

    /// The shipped list.
    public static let shared = Surnames(resourceText: Surnames.loadResource())

    public init(resourceText: String) {
        var single = Set<Unicode.Scalar>(), compound = Set<String>()
        for raw in resourceText.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let scalars = Array(line.unicodeScalars)
            if scalars.count == 1 { single.insert(scalars[0]) } else { compound.insert(line) }
        }
        self.single = single; self.compound = compound
        self.singleTable = ScalarSet(single)
        self.compoundFirsts = ScalarSet(compound.compactMap { $0.unicodeScalars.first })
        self.compoundPairs = Set(compound.compactMap { c -> UInt64? in
            let u = Array(c.unicodeScalars)
            return u.count == 2 ? UInt64(u[0].value) << 32 | UInt64(u[1].value) : nil
        })
    }

    static func loadResource() -> String {
        guard let url = Bundle.module.url(forResource: "surnames", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "" }
        return text
    }

    /// Length of the surname starting at `i` (2 for a compound surname, 1, or 0 for none).
    public func surnameLength(_ s: [Unicode.Scalar], at i: Int) -> Int {
        guard i < s.count else { return 0 }
        if i + 1 < s.count, compoundFirsts.contains(s[i]), compoundPairs.contains(UInt64(s[i].value) << 32 | UInt64(s[i + 1].value)) { return 2 }
        return singleTable.contains(s[i]) ? 1 : 0
    }

    /// Whether a whole token looks like a personal name: a surname and one or two more Han characters.
    public func isPersonName(_ token: [Unicode.Scalar]) -> Bool {
        guard (2...4).contains(token.count), token.allSatisfy(ChineseConverter.isHan) else { return false }
        let n = surnameLength(token, at: 0)
        guard n > 0 else { return false }
        let given = token.count - n
        return (1...2).contains(given)
    }
}
