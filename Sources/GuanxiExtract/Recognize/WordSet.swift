/// A set of words over Unicode scalars, answering "the longest word starting (or ending) here"
/// in time proportional to the few words that share the first (or last) scalar.
struct WordSet: Sendable {
    private var byFirst: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
    private var byLast: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
    private(set) var words: Set<String> = []
    /// One bit per scalar value (modulo the table's size, which grows with the set: small sets
    /// are built per sentence) that starts / ends some word: most positions of a text start no
    /// word, and a bit test is far cheaper than hashing the scalar into the dictionaries (the
    /// profile of a build showed the dictionary look-ups of these sets).
    private var firstBits: [UInt64]
    private var lastBits: [UInt64]
    private let mask: UInt32
    /// For a large set (the gazetteer, boundary words), the buckets of scalars of the Basic
    /// Multilingual Plane also in flat tables (slot + 1, 0 for none): an array index instead of
    /// hashing the scalar into the dictionaries, for sets that most Han characters start or end.
    private var firstSlots: [Int32] = []
    private var lastSlots: [Int32] = []
    private var firstBuckets: [[[Unicode.Scalar]]] = []
    private var lastBuckets: [[[Unicode.Scalar]]] = []
    private static let denseSize = 256

    @inline(__always)
    private func bucket(first c: Unicode.Scalar) -> [[Unicode.Scalar]]? {
        if !firstSlots.isEmpty, c.value < 65536 {
            let k = Int(firstSlots[Int(c.value)])
            return k == 0 ? nil : firstBuckets[k - 1]
        }
        return byFirst[c]
    }

    @inline(__always)
    private func bucket(last c: Unicode.Scalar) -> [[Unicode.Scalar]]? {
        if !lastSlots.isEmpty, c.value < 65536 {
            let k = Int(lastSlots[Int(c.value)])
            return k == 0 ? nil : lastBuckets[k - 1]
        }
        return byLast[c]
    }

    /// Builds the flat tables from the dictionaries.
    private mutating func buildDense() {
        firstSlots = [Int32](repeating: 0, count: 65536)
        lastSlots = [Int32](repeating: 0, count: 65536)
        firstBuckets = []; lastBuckets = []
        for (c, b) in byFirst where c.value < 65536 { firstBuckets.append(b); firstSlots[Int(c.value)] = Int32(firstBuckets.count) }
        for (c, b) in byLast where c.value < 65536 { lastBuckets.append(b); lastSlots[Int(c.value)] = Int32(lastBuckets.count) }
    }

    /// Keeps the flat tables in step with the dictionaries after an insert.
    private mutating func updateDense(_ f: Unicode.Scalar, _ l: Unicode.Scalar) {
        guard !firstSlots.isEmpty else {
            if words.count >= WordSet.denseSize { buildDense() }
            return
        }
        if f.value < 65536, let b = byFirst[f] {
            let k = Int(firstSlots[Int(f.value)])
            if k == 0 { firstBuckets.append(b); firstSlots[Int(f.value)] = Int32(firstBuckets.count) } else { firstBuckets[k - 1] = b }
        }
        if l.value < 65536, let b = byLast[l] {
            let k = Int(lastSlots[Int(l.value)])
            if k == 0 { lastBuckets.append(b); lastSlots[Int(l.value)] = Int32(lastBuckets.count) } else { lastBuckets[k - 1] = b }
        }
    }

    @inline(__always)
    private func test(_ bits: [UInt64], _ c: Unicode.Scalar) -> Bool {
        let v = Int(c.value & mask)
        return bits[v >> 6] & (1 << UInt64(v & 63)) != 0
    }

    @inline(__always)
    private mutating func mark(_ f: Unicode.Scalar, _ l: Unicode.Scalar) {
        let a = Int(f.value & mask), b = Int(l.value & mask)
        firstBits[a >> 6] |= 1 << UInt64(a & 63)
        lastBits[b >> 6] |= 1 << UInt64(b & 63)
    }

    init(_ list: [String]) {
        var size = 256
        while size < list.count * 16 && size < 65536 { size <<= 1 }
        mask = UInt32(size - 1)
        firstBits = [UInt64](repeating: 0, count: size / 64)
        lastBits = [UInt64](repeating: 0, count: size / 64)
        for w in list {
            let s = Array(w.unicodeScalars)
            guard let f = s.first, let l = s.last, words.insert(w).inserted else { continue }
            mark(f, l)
            byFirst[f, default: []].append(s)
            byLast[l, default: []].append(s)
        }
        // Longest first, as `insert` keeps them (a stable sort: equal lengths keep list order).
        for k in byFirst.keys { byFirst[k] = byFirst[k].map(WordSet.longestFirst) }
        for k in byLast.keys { byLast[k] = byLast[k].map(WordSet.longestFirst) }
        if words.count >= WordSet.denseSize { buildDense() }
    }

    /// Sorted by length, longest first, equal lengths in their order.
    static func longestFirst(_ words: [[Unicode.Scalar]]) -> [[Unicode.Scalar]] {
        words.enumerated().sorted { $0.element.count != $1.element.count ? $0.element.count > $1.element.count : $0.offset < $1.offset }.map(\.element)
    }

    mutating func insert(_ w: String) {
        let s = Array(w.unicodeScalars)
        guard let f = s.first, let l = s.last, words.insert(w).inserted else { return }
        mark(f, l)
        WordSet.insertByLength(s, into: &byFirst[f, default: []])
        WordSet.insertByLength(s, into: &byLast[l, default: []])
        updateDense(f, l)
    }

    /// Inserts a word into a bucket kept longest first, after the words of its length (what
    /// appending and a stable sort give), by binary search: building a set stays O(n log n)
    /// instead of sorting a bucket at every insert.
    static func insertByLength(_ w: [Unicode.Scalar], into bucket: inout [[Unicode.Scalar]]) {
        var lo = 0, hi = bucket.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if bucket[mid].count >= w.count { lo = mid + 1 } else { hi = mid }
        }
        bucket.insert(w, at: lo)
    }

    func contains(_ w: String) -> Bool { words.contains(w) }

    /// Length of the longest word starting at `i` (0 when none), not reading past `limit`.
    func longest(startingAt i: Int, in s: [Unicode.Scalar], limit: Int? = nil) -> Int {
        let hi = limit ?? s.count
        guard i >= 0, i < hi, test(firstBits, s[i]), let cands = bucket(first: s[i]) else { return 0 }
        for w in cands where i + w.count <= hi {
            var ok = true
            for k in 1..<w.count where s[i + k] != w[k] { ok = false; break }
            if ok { return w.count }
        }
        return 0
    }

    /// Length of the longest word ending just before `end` (0 when none), not reading below `lower`.
    func longest(endingAt end: Int, in s: [Unicode.Scalar], lower: Int = 0) -> Int {
        guard end - 1 >= lower, end <= s.count, test(lastBits, s[end - 1]), let cands = bucket(last: s[end - 1]) else { return 0 }
        for w in cands where end - w.count >= lower {
            var ok = true
            let start = end - w.count
            for k in 0..<(w.count - 1) where s[start + k] != w[k] { ok = false; break }
            if ok { return w.count }
        }
        return 0
    }

    /// All lengths of words starting at `i`, longest first, not reading past `limit`.
    func all(startingAt i: Int, in s: [Unicode.Scalar], limit: Int? = nil) -> [Int] {
        let hi = limit ?? s.count
        guard i >= 0, i < hi, test(firstBits, s[i]), let cands = bucket(first: s[i]) else { return [] }
        var out: [Int] = []
        for w in cands where i + w.count <= hi {
            var ok = true
            for k in 1..<w.count where s[i + k] != w[k] { ok = false; break }
            if ok { out.append(w.count) }
        }
        return out
    }

    /// All lengths of words ending just before `end`, longest first.
    func all(endingAt end: Int, in s: [Unicode.Scalar], lower: Int = 0) -> [Int] {
        guard end - 1 >= lower, end <= s.count, test(lastBits, s[end - 1]), let cands = bucket(last: s[end - 1]) else { return [] }
        var out: [Int] = []
        for w in cands where end - w.count >= lower {
            let start = end - w.count
            var ok = true
            for k in 0..<(w.count - 1) where s[start + k] != w[k] { ok = false; break }
            if ok { out.append(w.count) }
        }
        return out
    }
}

extension Array where Element == Unicode.Scalar {
    /// Removes every occurrence of `word`, left to right, not overlapping (as
    /// `replacingOccurrences(of:with: "")` does on a string).
    mutating func removeAll(occurrencesOf word: [Unicode.Scalar]) {
        guard let first = word.first, word.count <= count else { return }
        var out: [Unicode.Scalar] = []
        var k = 0, changed = false
        while k < count {
            if self[k] == first, k + word.count <= count, occurs(word, at: k) {
                if !changed { out = Array(self[0..<k]); out.reserveCapacity(count); changed = true }
                k += word.count
                continue
            }
            if changed { out.append(self[k]) }
            k += 1
        }
        if changed { self = out }
    }

    /// Whether `word` occurs at `i` (anywhere when `i` is nil), without allocating.
    func occurs(_ word: [Unicode.Scalar], at i: Int?) -> Bool {
        guard !word.isEmpty, word.count <= count else { return false }
        func at(_ k: Int) -> Bool {
            guard k >= 0, k + word.count <= count else { return false }
            for j in 0..<word.count where self[k + j] != word[j] { return false }
            return true
        }
        if let i { return at(i) }
        for k in 0...(count - word.count) where self[k] == word[0] && at(k) { return true }
        return false
    }

    /// Whether a string's scalars occur in this array (a scalar search, no Foundation).
    func contains(_ word: String) -> Bool { occurs(Array(word.unicodeScalars), at: nil) }

    /// Whether `word` occurs at `i`.
    func has(_ word: String, at i: Int) -> Bool {
        var k = i
        for u in word.unicodeScalars {
            guard k < count, self[k] == u else { return false }
            k += 1
        }
        return true
    }
}
