import GuanxiGraph
import GuanxiText

/// A recognised name in the normalised text, before resolution.
struct Candidate: Sendable {
    var range: Range<Int>
    var type: EntityType
    var name: String
    var aliases: [String] = []
    /// How much the pattern that found it is trusted: title marks 4, quotes 3, posts 3, suffixes 2, gazetteer 1.
    var priority: Int
    var placeCode: String?
    /// For officials: the post as written and where it is.
    var post: String?
    var postRange: Range<Int>?
    /// For officials named in an appointment: whether the post is taken up or left, and the
    /// date the sentence gives.
    var postStatus: PostStatus?
    var postDate: String?
    /// Candidate lies inside another one (kept only where the pair makes sense).
    var nested = false
    /// A reference (`该公司`, bare `经开区`) to resolve to an entity named elsewhere.
    var reference = false
    /// Entity type a reference may point at and the suffix it must share.
    var referenceSuffix: String?
    /// An organization that opens a policy's title (`《国务院关于…》`): it issued the policy.
    var issuerOfTitle = false
}

/// What the recognisers know about the whole document (places named, byline names).
struct DocumentContext: Sendable {
    var provinceCode: String?
    var cityCode: String?
    var countyCode: String?
    /// How often each county-level division is named (what `countyCode` is the most of).
    var countyCounts: [String: Int] = [:]
    var mentionedCodes: Set<String> = []
    var bylineNames: Set<String> = []

    /// The county-level division named most whose name ends in `suffix` (`区`: a district), if any.
    func mostNamedCounty(endingWith suffix: String, in gazetteer: Gazetteer = .shared) -> String? {
        countyCounts.filter { gazetteer.divisions[$0.key]?.name.hasSuffix(suffix) == true }
            .max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }
}

/// Finds the names of the seven entity types in one article, by patterns: name suffixes with the
/// left boundary of the name, posts next to personal names, title marks and quotes, and the
/// gazetteer of administrative divisions.
struct Recognizer: Sendable {
    let gazetteer: Gazetteer
    let surnames: Surnames
    let userEntities: UserDictionary
    /// The word lists the patterns generalise from (Resources/lexicon.tsv unless given).
    let lexicon: Lexicon
    /// Words that end a name to their left: the lexicon's boundary words and every trigger word
    /// of the relation rules (a trigger is never part of a name).
    var boundaryWords: WordSet

    /// A recogniser with a lexicon (the shipped one unless given) and the words that end a name to
    /// their left (the lexicon's boundary words unless given).
    init(gazetteer: Gazetteer, surnames: Surnames, userEntities: UserDictionary, lexicon: Lexicon = .shared, boundaryWords: WordSet? = nil) {
        self.gazetteer = gazetteer; self.surnames = surnames; self.userEntities = userEntities; self.lexicon = lexicon
        self.boundaryWords = boundaryWords ?? lexicon.boundaryWords
    }

    /// All candidates of an article, overlaps resolved.
    func recognize(_ s: [Unicode.Scalar], article: Article, context: DocumentContext) -> [Candidate] {
        var blocked = [Bool](repeating: false, count: s.count)
        for r in article.creditRanges { for i in r where i < s.count { blocked[i] = true } }
        let credit0 = blocked
        var regions: [Range<Int>] = article.scanRanges
        regions.sort { $0.lowerBound < $1.lowerBound }
        // Personal names after posts first, so a name never swallows a person (`校长王存文与鄂城区区委`).
        for region in regions {
            for c in officialNames(s, region, taken: [], context: context, blocked: blocked) { for i in c.range { blocked[i] = true } }
        }
        var found: [Candidate] = []
        for region in regions {
            found += userMatches(s, region)
            found += titleMarks(s, region)
            found += quotedNames(s, region)
            found += suffixNames(s, region, blocked: blocked)
            found += namedLists(s, region)
            found += headTypedLists(s, region, blocked: blocked)
        }
        found += companiesOpeningProjects(s, found)
        var accepted = resolveOverlaps(splitZones(s, found))
        // Places and officials read around what is already recognised.
        var places: [Candidate] = []
        var longest = accepted.map(\.range.count).max() ?? 0
        for region in regions { places += placeNames(s, region, taken: Recognizer.near(region, in: accepted, longest: longest), context: context) }
        accepted = resolveOverlaps(accepted + places)
        var officials: [Candidate] = []
        longest = accepted.map(\.range.count).max() ?? 0
        for region in regions { officials += officialNames(s, region, taken: Recognizer.near(region, in: accepted, longest: longest), context: context, blocked: credit0) }
        accepted = resolveOverlaps(accepted + officials.filter { !lexicon.notPersonalNames.contains($0.name) })
        var credit = [Bool](repeating: false, count: s.count)
        for r in article.creditRanges { for i in r where i < s.count { credit[i] = true } }
        return accepted.filter { c in !c.range.contains(where: { credit[$0] }) }
    }

    /// The candidates (sorted by start, as ``resolveOverlaps(_:)`` returns them) that overlap a
    /// region or stand empty inside it, in their order: what a region's recognisers look at,
    /// found without reading every candidate of the article for every sentence.
    /// `longest`: the longest candidate's length.
    static func near(_ region: Range<Int>, in sorted: [Candidate], longest: Int) -> [Candidate] {
        let from = region.lowerBound - longest
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid].range.lowerBound < from { lo = mid + 1 } else { hi = mid }
        }
        var out: [Candidate] = []
        var k = lo
        while k < sorted.count, sorted[k].range.lowerBound <= region.upperBound {
            let r = sorted[k].range
            if r.overlaps(region) || (r.isEmpty && region.lowerBound <= r.lowerBound && r.lowerBound <= region.upperBound) { out.append(sorted[k]) }
            k += 1
        }
        return out
    }

    // MARK: - Overlaps

    /// Keeps the best of overlapping candidates: higher priority, then longer. A candidate inside
    /// an accepted one is kept as nested where the pair makes sense (a company in its project's
    /// name, a park in a park, a university in its laboratory).
    func resolveOverlaps(_ cands: [Candidate]) -> [Candidate] {
        let sorted = cands.sorted { a, b in
            if a.priority != b.priority { return a.priority > b.priority }
            if a.range.count != b.range.count { return a.range.count > b.range.count }
            return a.range.lowerBound < b.range.lowerBound
        }
        var accepted: [Candidate] = []
        // Accepted candidates by the positions they cover: only those sharing a position with a
        // candidate can reject it, so an article of many candidates is not scanned once per candidate.
        // (A list per position, kept as links in two flat arrays: no array allocated per position.)
        var head = [Int32](repeating: -1, count: cands.map(\.range.upperBound).max() ?? 0)
        var link: [Int32] = [], holder: [Int32] = []
        outer: for var c in sorted {
            var near: [Int] = []
            for p in c.range where p >= 0 {
                var l = head[p]
                while l >= 0 { near.append(Int(holder[Int(l)])); l = link[Int(l)] }
            }
            if near.count > 1 { near.sort(); near = near.enumerated().filter { $0.offset == 0 || near[$0.offset - 1] != $0.element }.map(\.element) }
            for k in c.range.isEmpty ? Array(accepted.indices) : near {
                let a = accepted[k]
                if a.range == c.range { continue outer }
                if a.range.overlaps(c.range) {
                    let inside = a.range.lowerBound <= c.range.lowerBound && c.range.upperBound <= a.range.upperBound
                    if inside, nestedAllowed(outer: a, inner: c) { c.nested = true; continue }
                    continue outer
                }
            }
            for p in c.range where p >= 0 {
                holder.append(Int32(accepted.count)); link.append(head[p]); head[p] = Int32(holder.count - 1)
            }
            accepted.append(c)
        }
        return accepted.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    func nestedAllowed(outer: Candidate, inner: Candidate) -> Bool {
        if inner.reference || outer.reference { return false }
        switch (outer.type, inner.type) {
        case (.project, .company): return true
        // `福清某某学校项目`, `某某中心项目`: the body is what the project builds, not its builder.
        case (.project, .organization): return !(inner.range.lowerBound == outer.range.lowerBound && outer.range.upperBound - inner.range.upperBound <= 2)
        case (.park, .park):
            // A zone inside a zone's name is a zone of its own when a place opens it (`怀仁经济技术开发区…特色园区`).
            return inner.range.lowerBound == outer.range.lowerBound && outer.range.upperBound - inner.range.upperBound >= 3
                && gazetteer.words.longest(startingAt: 0, in: Array(inner.name.unicodeScalars)) > 0
        case (.project, .park):
            return inner.range.lowerBound == outer.range.lowerBound && outer.range.upperBound - inner.range.upperBound > 2
        case (.organization, .park), (.park, .organization): return inner.range.lowerBound == outer.range.lowerBound
        case (.organization, .organization), (.organization, .company):
            return false
        case (.policy, .organization): return inner.issuerOfTitle
        case (.policy, .policy):
            if inner.name.hasPrefix("《"), outer.name.hasPrefix("《"), inner.range.lowerBound > outer.range.lowerBound { return true }
            return lexicon.listEndings.longest(endingAt: inner.name.unicodeScalars.count, in: Array(inner.name.unicodeScalars)) > 0
        case (.official, _): return false
        default: return false
        }
    }

    /// A zone named after the zone it lies in (`山西转型综改示范区合成生物产业生态园`) is two zones
    /// when its own part is a specific name; a generic remainder (`…医药消费品特色园区`) keeps it whole.
    func splitZones(_ s: [Unicode.Scalar], _ cands: [Candidate]) -> [Candidate] {
        let parks = cands.filter { $0.type == .park && !$0.reference }
        return cands.map { c in
            guard c.type == .park, !c.reference else { return c }
            guard let inner = parks.filter({ $0.range.lowerBound == c.range.lowerBound && $0.range.upperBound < c.range.upperBound })
                .max(by: { $0.range.count < $1.range.count }) else { return c }
            let rest = inner.range.upperBound..<c.range.upperBound
            let n = lexicon.suffixes.longest(endingAt: rest.upperBound, in: s, lower: rest.lowerBound)
            guard n > 0, rest.count - n >= 2, s[rest.lowerBound] != "(", s[rest.lowerBound] != "（" else { return c }
            let stem = Array(s[rest.lowerBound..<(rest.upperBound - n)])
            if coveredByGenericWords(stem) || lexicon.genericStems.contains(String(String.UnicodeScalarView(stem))) { return c }
            // `…自由贸易试验区大连片区`: a place and a section word name a part of the zone, not a zone of its own.
            if gazetteer.words.longest(startingAt: 0, in: stem) == stem.count, s.string((rest.upperBound - n)..<rest.upperBound).hasSuffix("片区") { return c }
            // `长沙经济技术开发区工程机械产业集群`: a cluster is named after its zone.
            if s.string((rest.upperBound - n)..<rest.upperBound).hasSuffix("集群") { return c }
            var split = c
            split.range = rest
            split.name = s.string(rest)
            return split
        }
    }

    /// `宝科机械年产100万米输送机械项目`: a company's short name (a brand and a company word such as
    /// 机械, 药业) opening a project's name, before what is built (`年产…`, `新建…`), is the company that builds it.
    func companiesOpeningProjects(_ s: [Unicode.Scalar], _ cands: [Candidate]) -> [Candidate] {
        var out: [Candidate] = []
        for p in cands where p.type == .project && !p.reference {
            let lo = p.range.lowerBound, hi = min(p.range.upperBound - 4, lo + 10)
            guard hi >= lo + 3 else { continue }
            for e in (lo + 3)...hi {
                let n = lexicon.weakCompanySuffixes.longest(endingAt: e, in: s, lower: lo)
                guard n > 0, e - n - lo >= 2 else { continue }
                let stem = Array(s[lo..<(e - n)]), whole = Array(s[lo..<e])
                guard stem.allSatisfy(ChineseConverter.isHan), !coveredByGenericWords(stem), !coveredBy(lexicon.fieldWords, stem),
                      !coveredBy(lexicon.fieldWords, whole), gazetteer.words.longest(startingAt: 0, in: stem) < stem.count,
                      lexicon.weakCompanySuffixes.longest(startingAt: e, in: s, limit: p.range.upperBound) == 0,
                      // What follows says what is built (`年产…`, `新建…`, `二期`), so the words before name its builder.
                      TextDates.digit(s[e]) != nil || ["年产", "年加工", "年处理", "新建", "扩建", "技改", "一期", "二期", "三期"].contains(where: { s.has($0, at: e) })
                else { continue }
                out.append(Candidate(range: lo..<e, type: .company, name: s.string(lo..<e), priority: 1))
                break
            }
        }
        return out
    }

    // MARK: - User dictionary

    func userMatches(_ s: [Unicode.Scalar], _ region: Range<Int>) -> [Candidate] {
        guard !userEntities.entries.isEmpty else { return [] }
        var out: [Candidate] = []
        var i = region.lowerBound
        while i < region.upperBound {
            let n = userEntities.words.longest(startingAt: i, in: s, limit: region.upperBound)
            if n > 0, let e = userEntities.entry(for: s.string(i..<(i + n))) {
                out.append(Candidate(range: i..<(i + n), type: e.type, name: e.name, aliases: e.aliases, priority: 5))
                i += n
            } else { i += 1 }
        }
        return out
    }
}
