import GuanxiGraph
import GuanxiText

/// Places: provinces, cities, counties and districts from the gazetteer, written in full or short,
/// and a city followed by one of its districts (`鄂州市鄂城区`) as one place.
extension Recognizer {
    static let visitVerbs = WordSet(["调研", "考察", "视察", "检查", "督导", "调度"])

    struct PlaceMatch {
        var range: Range<Int>
        var division: Gazetteer.Division
    }

    /// Gazetteer matches in a range, longest first at each position, filtered by context: a short
    /// county name counts only where its city or province is named in the document.
    func placeMatches(_ s: [Unicode.Scalar], _ region: Range<Int>, context: DocumentContext?) -> [PlaceMatch] {
        var out: [PlaceMatch] = []
        var i = region.lowerBound
        while i < region.upperBound {
            let n = gazetteer.words.longest(startingAt: i, in: s, limit: region.upperBound)
            guard n >= 2 else { i += 1; continue }
            let form = s.string(i..<(i + n))
            let options = gazetteer.divisions(named: form)
            guard let division = pick(options, form: form, context: context) else { i += 1; continue }
            // A short form glued to the word before it is part of that word (`东北海陆` holds no 北海).
            if !options.contains(where: { $0.name == form }), i > region.lowerBound, ChineseConverter.isHan(s[i - 1]),
               !lexicon.hardStops.contains(s[i - 1]), !lexicon.weakStops.contains(s[i - 1]),
               boundaryWords.longest(endingAt: i, in: s, lower: region.lowerBound) == 0,
               gazetteer.words.longest(endingAt: i, in: s, lower: region.lowerBound) == 0 {
                i += 1; continue
            }
            out.append(PlaceMatch(range: i..<(i + n), division: division))
            i += n
        }
        return out
    }

    /// Chooses among divisions sharing a form: one the document names the parent of, else the highest level.
    func pick(_ options: [Gazetteer.Division], form: String, context: DocumentContext?) -> Gazetteer.Division? {
        guard let first = options.first else { return nil }
        guard let context else { return first }
        let isFull = options.contains { $0.name == form }
        // A division the document names contains it (walked up from the division: a handful of look-ups).
        func anchored(_ d: Gazetteer.Division) -> Bool {
            gazetteer.ancestors(of: d.code).contains { $0 != d.code && context.mentionedCodes.contains($0) }
        }
        if let local = options.first(where: { anchored($0) }) { return local }
        if isFull, let exact = options.first(where: { $0.name == form }) {
            return exact.level == .county && !anchored(exact) && form.unicodeScalars.count <= 2 ? nil : exact
        }
        // A short form alone: provinces and cities always, counties only when anchored.
        return first.level == .county ? nil : first
    }

    func placeNames(_ s: [Unicode.Scalar], _ region: Range<Int>, taken: [Candidate], context: DocumentContext) -> [Candidate] {
        var free = [Bool](repeating: true, count: region.count)
        for c in taken where c.range.overlaps(region) {
            for k in c.range where region.contains(k) { free[k - region.lowerBound] = false }
        }
        var out: [Candidate] = []
        var matches = placeMatches(s, region, context: context).filter { m in m.range.allSatisfy { free[$0 - region.lowerBound] } }
        // A place right after a preposition of place and before 调研/考察 may be written with a suffix the
        // gazetteer lacks (a misprint, a renamed county): `在X县调研`.
        matches += unlistedPlaces(s, region, free: free, known: matches)
        matches.sort { $0.range.lowerBound < $1.range.lowerBound }
        var k = 0
        while k < matches.count {
            let m = matches[k]
            // City + district, province + city written together: one place.
            if k + 1 < matches.count, matches[k + 1].range.lowerBound == m.range.upperBound,
               gazetteer.contains(m.division.code, matches[k + 1].division.code) {
                let inner = matches[k + 1]
                let r = m.range.lowerBound..<inner.range.upperBound
                var aliases = [s.string(inner.range), inner.division.name] + inner.division.shortForms
                if m.division.level == .city { aliases.append(gazetteer.shortName(m.division) + inner.division.name) }
                out.append(Candidate(range: r, type: .place, name: s.string(r), aliases: aliases, priority: 1,
                                     placeCode: inner.division.code))
                k += 2; continue
            }
            // A place name glued to a following Han word that is no suffix is likely part of a
            // longer word (`长治久安`); keep it only when a boundary follows or it is written in full.
            let written = s.string(m.range)
            out.append(Candidate(range: m.range, type: .place, name: written,
                                 aliases: [m.division.name] + m.division.shortForms, priority: 1,
                                 placeCode: m.division.code))
            k += 1
        }
        return out
    }

    /// `在X县调研`: X县 after a preposition of place and before a visiting verb is a place even when
    /// the gazetteer does not list it.
    /// First characters of `在`, `到`, `赴`, `来到`, `前往`.
    static let prepositionInitials = ScalarSet("在到赴来前")

    func unlistedPlaces(_ s: [Unicode.Scalar], _ region: Range<Int>, free: [Bool], known: [PlaceMatch]) -> [PlaceMatch] {
        var out: [PlaceMatch] = []
        let preps = ["在", "到", "赴", "来到", "前往"]
        var i = region.lowerBound
        while i < region.upperBound {
            var p = 0
            for w in preps where Recognizer.prepositionInitials.contains(s[i]) && s.has(w, at: i) { p = max(p, w.unicodeScalars.count) }
            guard p > 0 else { i += 1; continue }
            let start = i + p
            for len in 2...4 where start + len <= region.upperBound {
                let end = start + len
                guard "县市区".unicodeScalars.contains(s[end - 1]),
                      s[start..<end].allSatisfy(ChineseConverter.isHan),
                      Recognizer.visitVerbs.longest(startingAt: end, in: s, limit: region.upperBound) > 0,
                      (start..<end).allSatisfy({ free[$0 - region.lowerBound] }),
                      !known.contains(where: { $0.range.overlaps(start..<end) }) else { continue }
                let name = s.string(start..<end)
                out.append(PlaceMatch(range: start..<end, division: Gazetteer.Division(
                    code: "U:" + name, name: name, level: .county, parent: nil, shortForms: [])))
                break
            }
            i += p
        }
        return out
    }
}
