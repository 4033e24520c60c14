import GuanxiGraph
import GuanxiText

/// Matches ``RelationPattern``s against one sentence: the sentence's characters with each name a
/// single element (names nested in another name, or inside an official's post, are left to the
/// code rules). Every match pairs each captured head with each captured tail.
struct PatternMatcher {
    let s: [Unicode.Scalar]
    let range: Range<Int>
    let words: RuleWords
    let entityType: (Int) -> EntityType
    /// The name starting at each position of the sentence (the longest, when two start there).
    private var starts: [ResolvedMention?]

    /// Characters a gap never crosses: they end a clause.
    static let clauseEnds: ScalarSet = ScalarSet("，,；;：:。！!？?\n")
    /// What joins the members of a list: `A、B和C`, `A及B`.
    static let listJoiners: [[Unicode.Scalar]] = ["、", "和", "与", "及", "以及"].map { Array($0.unicodeScalars) }

    init(text: [Unicode.Scalar], sentence: Range<Int>, mentions: [ResolvedMention], posts: [Range<Int>], words: RuleWords,
         type: @escaping (Int) -> EntityType) {
        s = text; range = sentence; self.words = words; entityType = type
        starts = Array(repeating: nil, count: sentence.count)
        for m in mentions where sentence.contains(m.range.lowerBound) && m.range.upperBound <= sentence.upperBound
            && !m.candidate.nested && !posts.contains(where: { $0.contains(m.range.lowerBound) }) {
            let k = m.range.lowerBound - sentence.lowerBound
            if let held = starts[k], held.range.count >= m.range.count { continue }
            starts[k] = m
        }
    }

    /// The name starting at `p`, if one does.
    func mentionAt(_ p: Int) -> ResolvedMention? {
        p >= range.lowerBound && p < range.upperBound ? starts[p - range.lowerBound] : nil
    }

    /// The (head, tail) entity pairs `pattern` finds in the sentence, in the order found, each once:
    /// every way the pattern matches, from every start (a name or a character, never inside a name).
    /// `implicit`: the heads of a match that names none, or its tails when the pattern has no tail
    /// atom (the pattern's ``Subject``, if it has one).
    func pairs(_ pattern: RelationPattern, implicit: [Int] = []) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var seen = Set<[Int]>()
        let atoms = pattern.atoms
        var p = range.lowerBound
        while p < range.upperBound {
            var heads: [Int] = [], tails: [Int] = []
            match(atoms, 0, p, &heads, &tails) { h, t in
                let t = t.isEmpty && !h.isEmpty ? implicit : t
                for a in h.isEmpty ? implicit : h { for b in t where a != b && seen.insert([a, b]).inserted { out.append((a, b)) } }
            }
            p = mentionAt(p)?.range.upperBound ?? (p + 1)
        }
        return out
    }

    /// Matches `atoms[i...]` from position `p` in every way, calling `found` with the heads and tails
    /// of each complete match (captures are undone on the way back).
    private func match(_ atoms: [PatternAtom], _ i: Int, _ p: Int, _ heads: inout [Int], _ tails: inout [Int],
                       _ found: ([Int], [Int]) -> Void) {
        guard i < atoms.count else { found(heads, tails); return }
        matchAtom(atoms[i], p, &heads, &tails) { q, h, t in match(atoms, i + 1, q, &h, &t, found) }
    }

    /// Matches one atom at `p` in each of its ways (a gap's lengths, an optional atom's presence, a
    /// literal's alternatives), going on with the rest (`next`) from where it ends.
    private func matchAtom(_ atom: PatternAtom, _ p: Int, _ heads: inout [Int], _ tails: inout [Int],
                           _ next: (Int, inout [Int], inout [Int]) -> Void) {
        switch atom {
        case .sentenceStart:
            if p == range.lowerBound { next(p, &heads, &tails) }
        case .literal(let alternatives):
            for alt in alternatives where has(alt, at: p) { next(p + alt.count, &heads, &tails) }
        case .trigger(let c):
            guard p < range.upperBound, mentionAt(p) == nil else { return }
            let n = words.set(c).longest(startingAt: p, in: s, limit: range.upperBound)
            if n > 0 { next(p + n, &heads, &tails) }
        case .gap(let max, let mentions, let clauses):
            var q = p
            while true {
                next(q, &heads, &tails)
                guard q < range.upperBound, clauses || !Self.clauseEnds.contains(s[q]) else { return }
                if let m = mentionAt(q) {
                    guard mentions else { return }
                    q = m.range.upperBound
                } else { q += 1 }
                if q - p > max || q > range.upperBound { return }
            }
        case .optional(let inner):
            matchAtom(inner, p, &heads, &tails, next)
            next(p, &heads, &tails)
        case .mention(let role, let types, let list):
            guard let first = mentionAt(p), types.contains(entityType(first.entity)) else { return }
            var members = [first.entity]
            var end = first.range.upperBound
            if list {
                // The longest coordination from here: names of the types joined by 、/和/与/及/以及 (or written together).
                while true {
                    var joined: ResolvedMention?
                    if let m = mentionAt(end) { joined = m } else {
                        for j in Self.listJoiners where has(j, at: end) {
                            if let m = mentionAt(end + j.count) { joined = m; break }
                        }
                    }
                    guard let m = joined, types.contains(entityType(m.entity)) else { break }
                    members.append(m.entity)
                    end = m.range.upperBound
                }
            }
            let (h0, t0) = (heads, tails)
            switch role {
            case .head: heads += members
            case .tail: tails += members
            case .any: break
            }
            next(end, &heads, &tails)
            heads = h0; tails = t0
        }
    }

    /// Whether the text `w` is written at `p`, outside every name (a name is one element).
    private func has(_ w: [Unicode.Scalar], at p: Int) -> Bool {
        guard p >= range.lowerBound, p + w.count <= range.upperBound else { return false }
        for (k, c) in w.enumerated() where s[p + k] != c || mentionAt(p + k) != nil { return false }
        return true
    }
}
