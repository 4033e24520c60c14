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
    ///
    /// Names are almost always CJK ideographs and ASCII, which NFKC leaves alone: those are
    /// folded here in one pass over the scalars (a profile of `guanxi build` showed NFKC
    /// normalisation at 12% of the build). Anything else takes the general path below.
    public static func of(_ name: String) -> String {
        if let fast = fastKey(name) { return fast }
        let folded = name.precomposedStringWithCompatibilityMapping.lowercased()
        return String(folded.filter { !ignored.contains($0) && !$0.isWhitespace })
    }

    /// The key of a name made only of characters NFKC does not change (CJK unified ideographs,
    /// printable ASCII, the ignored punctuation); nil when any other character occurs.
    @inline(__always)
    static func fastKey(_ name: String) -> String? {
        // Most names are their own key (ideographs and lower-case ASCII): nothing to build.
        if name.unicodeScalars.allSatisfy({ u in
            let v = u.value
            return (0x4E00...0x9FFF).contains(v) || ((0x21...0x7E).contains(v) && !(0x41...0x5A).contains(v) && v != 0x22 && v != 0x27)
        }) { return name }
        var out = [UInt8]()
        var changed = false
        for u in name.unicodeScalars {
            let v = u.value
            switch v {
            case 0x41...0x5A: changed = true; appendASCII(UInt8(v + 0x20), &out)
            case 0x21...0x7E:
                if v == 0x22 || v == 0x27 { changed = true } else { appendASCII(UInt8(v), &out) }
            case 0x09, 0x0A, 0x0D, 0x20, 0x3000, 0x00B7, 0x2022, 0x30FB,
                 0x201C, 0x201D, 0x2018, 0x2019, 0x300A, 0x300B, 0x3008, 0x3009, 0x300C, 0x300D, 0x300E, 0x300F:
                changed = true     // ignored (white space, quotes, title marks, middle dots)
            case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2EBEF:
                // Unified ideographs: NFKC and lower-casing leave them as they are.
                appendScalar(u, &out)
            default: return nil
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : name
    }

    /// A string hashed and compared by its UTF-8 bytes, as SQLite compares `TEXT`: a dictionary
    /// key for names in normal form (``of(_:)``'s keys, or plain text: see
    /// ``Swift/String/isPlainForComparison``), where equal bytes mean equal names. Swift's own `String`
    /// hashing and `==` normalise non-ASCII text first, which showed in profiles of extraction and
    /// of a build's writer.
    public struct Bytes: Hashable, Sendable {
        public let string: String

        public init(_ s: String) {
            var s = s
            s.makeContiguousUTF8()
            string = s
        }

        public static func == (a: Bytes, b: Bytes) -> Bool {
            let x = a.string.utf8, y = b.string.utf8
            guard x.count == y.count else { return false }
            guard x.count > 0 else { return true }
            let same = x.withContiguousStorageIfAvailable { p in
                y.withContiguousStorageIfAvailable { q in memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0 }
            }
            if let same, let same { return same }
            return x.elementsEqual(y)
        }

        /// The key Swift's `String` equality compares by (canonical equivalence): the bytes of the
        /// NFC form (a plain string is its own NFC form, taken as it is).
        public static func canonical(_ s: String) -> Bytes {
            Bytes(s.isPlainForComparison ? s : s.precomposedStringWithCanonicalMapping)
        }

        public func hash(into h: inout Hasher) {
            let u = string.utf8
            h.combine(u.count)
            if u.withContiguousStorageIfAvailable({ h.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
                var copy = string
                copy.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
            }
        }
    }

    @inline(__always) static func appendASCII(_ b: UInt8, _ out: inout [UInt8]) { out.append(b) }
    @inline(__always) static func appendScalar(_ u: Unicode.Scalar, _ out: inout [UInt8]) {
        UTF8.encode(u) { out.append($0) }
    }
}

extension String {
    /// Whether this string is its own NFC form for certain: every scalar is below U+0300 (no
    /// combining mark), CJK punctuation other than its tone marks, or a unified ideograph — as
    /// almost every name is. For such strings Swift's `==` (canonical equivalence) is byte
    /// equality, so ``NameKey/Bytes`` keys hold what `String` keys would.
    public var isPlainForComparison: Bool {
        unicodeScalars.allSatisfy { u in
            let v = u.value
            return v < 0x300 || (0x3000...0x3029).contains(v) || (0x3030...0x303F).contains(v)
                || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
        }
    }
}
