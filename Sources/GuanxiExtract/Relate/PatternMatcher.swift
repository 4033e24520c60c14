import GuanxiGraph
import GuanxiText

/// A ``RelationPattern`` made ready to match: trigger classes resolved to their word sets, entity
/// types to bit masks, and what a match can start with. Made once per extractor.
struct CompiledPattern: Sendable {
    /// One atom, ready to match.
    indirect enum Step: Sendable {
        case mention(role: PatternAtom.Role, types: UInt8, list: Bool)
        case trigger(WordSet)
        case literal([[Unicode.Scalar]])
        case gap(max: Int, mentions: Bool, clauses: Bool)
        case sentenceStart
        case optional(Step)
    }

    /// Where a match can start (checked before trying one at each position).
    enum Start: Sendable {
        /// At a name of one of these types.
        case mention(UInt8)
        /// At one of these characters (a literal's first).
        case scalars(ScalarSet)
        /// At a word of this set.
        case trigger(WordSet)
        /// Only at the sentence's start.
        case sentenceStart
        /// Anywhere (the pattern opens with something optional or a gap).
        case anywhere
    }

    let rule: RelationPattern
    let steps: [Step]
    let start: Start

    init(_ rule: RelationPattern, words: RuleWords) {
        self.rule = rule
        func step(_ a: PatternAtom) -> Step {
            switch a {
            case .mention(let role, let types, let list): .mention(role: role, types: Self.mask(types), list: list)
            case .trigger(let c): .trigger(words.set(c))
            case .literal(let alts): .literal(alts)
            case .gap(let max, let mentions, let clauses): .gap(max: max, mentions: mentions, clauses: clauses)
            case .sentenceStart: .sentenceStart
            case .optional(let inner): .optional(step(inner))
            }
        }
        steps = rule.atoms.map(step)
        switch steps.first {
        case .mention(_, let types, _): start = .mention(types)
        case .literal(let alts): start = .scalars(ScalarSet(alts.compactMap(\.first).map { String($0) }.joined()))
        case .trigger(let set): start = .trigger(set)
        case .sentenceStart: start = .sentenceStart
        default: start = .anywhere
        }
    }

    /// The bit of an entity type in a mask.
    static func bit(_ t: EntityType) -> UInt8 {
        UInt8(1) << UInt8(EntityType.allCases.firstIndex(of: t) ?? 0)
    }

    static func mask(_ types: Set<EntityType>) -> UInt8 { types.reduce(0) { $0 | bit($1) } }
}

/// Matches ``CompiledPattern``s against one sentence: the sentence's characters with each name a
/// single element (names nested in another name, or inside an official's post, are left to the
/// code rules). Every match pairs each captured head with each captured tail.
struct PatternMatcher {
    /// A name of the sentence: where it ends, its entity and the bit of its type.
    struct Name {
        var end: Int
        var entity: Int
        var type: UInt8
    }

    let s: [Unicode.Scalar]
    let range: Range<Int>
    /// The names of the sentence, and the one starting at each position (an index, or -1).
    private var names: [Name] = []
    private var starts: [Int32]

    /// Characters a gap never crosses: they end a clause.
    static let clauseEnds: ScalarSet = ScalarSet("，,；;：:。！!？?\n")
    /// What joins the members of a list: `A、B和C`, `A及B`.
    static let listJoiners: [[Unicode.Scalar]] = ["、", "和", "与", "及", "以及"].map { Array($0.unicodeScalars) }

    /// `type`: an entity's type. Where two names start at one position, the longer is read.
    init(text: [Unicode.Scalar], sentence: Range<Int>, mentions: [ResolvedMention], posts: [Range<Int>], type: (Int) -> EntityType) {
        s = text; range = sentence
        starts = Array(repeating: -1, count: sentence.count)
        for m in mentions where sentence.contains(m.range.lowerBound) && m.range.upperBound <= sentence.upperBound
            && !m.candidate.nested && !posts.contains(where: { $0.contains(m.range.lowerBound) }) {
            let k = m.range.lowerBound - sentence.lowerBound
            let held = Int(starts[k])
            if held >= 0, names[held].end >= m.range.upperBound { continue }
            starts[k] = Int32(names.count)
            names.append(Name(end: m.range.upperBound, entity: m.entity, type: CompiledPattern.bit(type(m.entity))))
        }
    }

    /// The name starting at `p`, if one does.
    @inline(__always)
    func name(at p: Int) -> Name? {
        guard p >= range.lowerBound, p < range.upperBound else { return nil }
        let k = Int(starts[p - range.lowerBound])
        return k >= 0 ? names[k] : nil
    }

    /// Whether a match of `pattern` could start at `p` (a cheap check before trying one).
    @inline(__always)
    private func mayStart(_ start: CompiledPattern.Start, at p: Int) -> Bool {
        switch start {
        case .mention(let types): name(at: p).map { $0.type & types != 0 } ?? false
        case .scalars(let set): name(at: p) == nil && set.contains(s[p])
        case .trigger(let set): name(at: p) == nil && set.longest(startingAt: p, in: s, limit: range.upperBound) > 0
        case .sentenceStart: p == range.lowerBound
        case .anywhere: true
        }
    }

    /// The (head, tail) entity pairs `pattern` finds in the sentence, in the order found, each once:
    /// every way the pattern matches, from every start (a name or a character, never inside a name).
    /// `implicit`: the heads of a match that names none, or its tails when the pattern has no tail
    /// atom (the pattern's ``PatternSubject``, if it has one).
    func pairs(_ pattern: CompiledPattern, implicit: [Int] = []) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var seen = Set<Int>()
        var p = range.lowerBound
        var heads: [Int] = [], tails: [Int] = []
        while p < range.upperBound {
            if mayStart(pattern.start, at: p) {
                match(pattern.steps, 0, p, &heads, &tails) { h, t in
                    let t = t.isEmpty && !h.isEmpty ? implicit : t
                    for a in h.isEmpty ? implicit : h {
                        for b in t where a != b && seen.insert(a << 32 | b).inserted { out.append((a, b)) }
                    }
                }
            }
            p = name(at: p)?.end ?? (p + 1)
        }
        return out
    }

    /// Matches `steps[i...]` from position `p` in every way, calling `found` with the heads and tails
    /// of each complete match (captures are undone on the way back).
    private func match(_ steps: [CompiledPattern.Step], _ i: Int, _ p: Int, _ heads: inout [Int], _ tails: inout [Int],
                       _ found: ([Int], [Int]) -> Void) {
        guard i < steps.count else { found(heads, tails); return }
        matchStep(steps[i], p, &heads, &tails) { q, h, t in match(steps, i + 1, q, &h, &t, found) }
    }

    /// Matches one step at `p` in each of its ways (a gap's lengths, an optional step's presence, a
    /// literal's alternatives), going on with the rest (`next`) from where it ends.
    private func matchStep(_ step: CompiledPattern.Step, _ p: Int, _ heads: inout [Int], _ tails: inout [Int],
                           _ next: (Int, inout [Int], inout [Int]) -> Void) {
        switch step {
        case .sentenceStart:
            if p == range.lowerBound { next(p, &heads, &tails) }
        case .literal(let alternatives):
            for alt in alternatives where has(alt, at: p) { next(p + alt.count, &heads, &tails) }
        case .trigger(let set):
            guard p < range.upperBound, name(at: p) == nil else { return }
            let n = set.longest(startingAt: p, in: s, limit: range.upperBound)
            if n > 0 { next(p + n, &heads, &tails) }
        case .gap(let max, let mentions, let clauses):
            var q = p
            while true {
                next(q, &heads, &tails)
                guard q < range.upperBound, clauses || !Self.clauseEnds.contains(s[q]) else { return }
                if let n = name(at: q) {
                    guard mentions else { return }
                    q = n.end
                } else { q += 1 }
                if q - p > max || q > range.upperBound { return }
            }
        case .optional(let inner):
            matchStep(inner, p, &heads, &tails, next)
            next(p, &heads, &tails)
        case .mention(let role, let types, let list):
            guard let first = name(at: p), first.type & types != 0 else { return }
            let (h0, t0) = (heads.count, tails.count)
            var end = first.end
            func take(_ e: Int) {
                switch role {
                case .head: heads.append(e)
                case .tail: tails.append(e)
                case .any: break
                }
            }
            take(first.entity)
            if list {
                // The longest coordination from here: names of the types joined by 、/和/与/及/以及 (or written together).
                while true {
                    var joined = name(at: end)
                    if joined == nil {
                        for j in Self.listJoiners where has(j, at: end) {
                            if let n = name(at: end + j.count) { joined = n; break }
                        }
                    }
                    guard let n = joined, n.type & types != 0 else { break }
                    take(n.entity)
                    end = n.end
                }
            }
            next(end, &heads, &tails)
            heads.removeSubrange(h0...); tails.removeSubrange(t0...)
        }
    }

    /// Whether the text `w` is written at `p`, outside every name (a name is one element).
    private func has(_ w: [Unicode.Scalar], at p: Int) -> Bool {
        guard p >= range.lowerBound, p + w.count <= range.upperBound else { return false }
        for k in w.indices where s[p + k] != w[k] || starts[p + k - range.lowerBound] >= 0 { return false }
        return true
    }
}
