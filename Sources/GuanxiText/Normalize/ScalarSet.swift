/// A set of Unicode scalars answered by a bit table over the Basic Multilingual Plane (a hashed
/// set beyond it): a membership test is a shift and a mask instead of hashing the scalar, which
/// the extractor does for nearly every character it reads.
public struct ScalarSet: Sendable, ExpressibleByArrayLiteral {
    @usableFromInline var bits = [UInt64](repeating: 0, count: 1024)
    @usableFromInline var astral: Set<Unicode.Scalar> = []

    /// The scalars of `s`.
    public init(_ s: String) { for c in s.unicodeScalars { insert(c) } }

    /// The scalars of a sequence.
    public init<S: Sequence>(_ scalars: S) where S.Element == Unicode.Scalar { for c in scalars { insert(c) } }

    public init(arrayLiteral elements: Unicode.Scalar...) { self.init(elements) }

    /// Adds a scalar.
    public mutating func insert(_ c: Unicode.Scalar) {
        let v = Int(c.value)
        if v < 65536 { bits[v >> 6] |= 1 << UInt64(v & 63) } else { astral.insert(c) }
    }

    /// Whether the set holds `c` (inlined into other modules: it runs at nearly every character).
    @inlinable @inline(__always)
    public func contains(_ c: Unicode.Scalar) -> Bool {
        let v = Int(c.value)
        return v < 65536 ? bits[v >> 6] & (1 << UInt64(v & 63)) != 0 : astral.contains(c)
    }
}

extension Array where Element == Unicode.Scalar {
    /// The scalars of a range as a String (clamped to the array).
    @inlinable
    public func string(_ r: Range<Int>) -> String {
        let lo = Swift.max(0, Swift.min(r.lowerBound, count)), hi = Swift.max(lo, Swift.min(r.upperBound, count))
        // UTF-8 straight into the string's storage (at most 4 bytes a scalar): several times
        // faster than appending scalars to a UnicodeScalarView, which the profile showed.
        return String(unsafeUninitializedCapacity: (hi - lo) * 4) { buf in
            var n = 0
            for k in lo..<hi {
                UTF8.encode(self[k]) { buf[n] = $0; n += 1 }
            }
            return n
        }
    }
}

extension Array where Element == Unicode.Scalar {
    /// Whether `word` occurs anywhere in the array (a scalar search: no character breaking).
    public func containsRun(_ word: [Unicode.Scalar]) -> Bool {
        guard let first = word.first, word.count <= count else { return false }
        var k = 0
        while k + word.count <= count {
            if self[k] == first {
                var j = 1
                while j < word.count, self[k + j] == word[j] { j += 1 }
                if j == word.count { return true }
            }
            k += 1
        }
        return false
    }
}
