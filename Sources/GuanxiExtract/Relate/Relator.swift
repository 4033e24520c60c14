import GuanxiGraph
import GuanxiText

/// A relation found in one sentence of one article.
struct LocalRelation: Sendable, Hashable {
    var head: Int
    var type: RelationType
    var tail: Int
    var sentence: Range<Int>
    var article: Int
    /// The id of the rule that read it (``RelationRules``), recorded in ``Evidence/rule``.
    var rule: String = ""
}

/// The trigger words of each class as word sets, built once per extractor from a ``TriggerLexicon``
/// (one reference, so copying a ``Relator`` copies no sets).
final class RuleWords: Sendable {
    let visit, accompany, locate, locateAfterIn, issue, approve, select, implement, build, cooperate, sign, lead: WordSet
    let builtBy, investVerbs, among, investor, ownedBy, respectively, relyingOn, incubate, support, onSite, develop, drawIn: WordSet
    /// Every trigger of every class: where none starts, no rule's trigger does.
    let any: WordSet

    init(_ t: TriggerLexicon) {
        visit = t.set(.visit); accompany = t.set(.accompany); locate = t.set(.locate)
        locateAfterIn = t.set(.locateAfterIn); issue = t.set(.issue); approve = t.set(.approve)
        select = t.set(.select); implement = t.set(.implement); build = t.set(.build)
        cooperate = t.set(.cooperate); sign = t.set(.sign); lead = t.set(.lead)
        builtBy = t.set(.builtBy); investVerbs = t.set(.invest); among = t.set(.among)
        investor = t.set(.investor); ownedBy = t.set(.ownedBy); respectively = t.set(.respectively)
        relyingOn = t.set(.relyingOn); incubate = t.set(.incubate); support = t.set(.support)
        onSite = t.set(.onSite); develop = t.set(.develop); drawIn = t.set(.drawIn)
        any = WordSet(t.entries.map(\.word))
        byClass = Dictionary(uniqueKeysWithValues: TriggerLexicon.WordClass.allCases.map { ($0, t.set($0)) })
    }

    /// The words of every class, for the relation patterns (`@class`).
    private let byClass: [TriggerLexicon.WordClass: WordSet]
    /// The words of one class.
    func set(_ c: TriggerLexicon.WordClass) -> WordSet { byClass[c] ?? WordSet([]) }
}

/// Relation rules driven by trigger words and sentence structure, never by names. Each rule
/// checks the types of both ends against the schema; the subject of a sentence without one is the
/// official (or zone) the article was last about.
struct Relator {
    let entities: [LocalEntity]
    let s: [Unicode.Scalar]

    // Trigger words: the lexicon's classes (Resources/triggers.tsv), read once per extractor.
    let words: RuleWords
    static let coordinators: Set<Unicode.Scalar> = ["与", "和", "同", "跟"]

    private var out: [LocalRelation] = []
    /// The rule now matching: every relation added records it.
    var rule = ""

    /// Positions of the text where some trigger starts, found once per document: the rules look
    /// for triggers of two dozen classes in every sentence, and most positions start none.
    private let triggerAt: [Bool]

    /// The rules written as data (``RelationPatterns``), matched after the code rules of each sentence.
    let patterns: [CompiledPattern]

    init(entities: [LocalEntity], text: [Unicode.Scalar], words: RuleWords = RuleWords(.shipped), patterns: [CompiledPattern]? = nil) {
        self.entities = entities; self.s = text; self.words = words
        self.patterns = patterns ?? RelationPatterns.shipped.patterns.map { CompiledPattern($0, words: words) }
        triggerAt = text.indices.map { words.any.longest(startingAt: $0, in: text) > 0 }
    }

    func type(_ m: ResolvedMention) -> EntityType { entities[m.entity].type }

    /// Positions (start, end) of trigger words in a range. `words` is one of ``RuleWords``' sets.
    func find(_ words: WordSet, in r: Range<Int>) -> [Range<Int>] {
        var hits: [Range<Int>] = []
        var i = r.lowerBound
        while i < r.upperBound {
            if i >= 0, i < triggerAt.count, !triggerAt[i] { i += 1; continue }
            let n = words.longest(startingAt: i, in: s, limit: r.upperBound)
            if n > 0 { hits.append(i..<(i + n)); i += n } else { i += 1 }
        }
        return hits
    }

    /// Whether a position lies inside any mention (a trigger inside a name is no trigger).
    func insideMention(_ p: Int, _ ms: [ResolvedMention]) -> Bool { ms.contains { $0.range.contains(p) } }

    mutating func add(_ head: Int, _ type: RelationType, _ tail: Int, _ sentence: Range<Int>, _ article: Int) {
        guard head != tail, RelationSchema.allows(type, head: entities[head].type, tail: entities[tail].type) else { return }
        out.append(LocalRelation(head: head, type: type, tail: tail, sentence: sentence, article: article, rule: rule))
    }

    /// Relations of every sentence of every article.
    mutating func relate(articles: [Article], mentions: [ResolvedMention]) -> [LocalRelation] {
        for (a, article) in articles.enumerated() {
            let ms = mentions.filter { $0.article == a }
            var discourse = SentenceDiscourse()
            var host: Int?
            var policyTopic: Int?
            var selectContext = false
            var lastList: Int?
            var listHeading: Int?
            var recent: [EntityType: Int] = [:]
            let regions = article.scanRanges
            // Mentions come sorted by start (from `Extractor`): a sentence's are one run, found by
            // binary search instead of a pass over the article's mentions per sentence.
            let byStart = zip(ms, ms.dropFirst()).allSatisfy { $0.range.lowerBound <= $1.range.lowerBound }
            for sentence in regions {
                let inS = byStart ? Relator.run(of: ms, in: sentence) : ms.filter { sentence.contains($0.range.lowerBound) }
                // First who the sentence is about (the discourse stage), then the rules, which read it.
                discourse = self.discourse(sentence, inS, after: discourse)
                listItems(sentence, a, inS, heading: &listHeading)
                relateSentence(sentence, a, inS, discourse, recent: recent, policyTopic: policyTopic,
                               selectContext: selectContext, lastList: lastList)
                // The article's list is the first it names (usually in its headline or lead).
                if lastList == nil, let l = inS.first(where: { type($0) == .policy && isList(entities[$0.entity].name) }) { lastList = l.entity }
                if !find(words.select, in: sentence).isEmpty { selectContext = true }
                // A sentence opening with a policy (`《方案》还…`) makes it the subject of the sentences after
                // it, until one opens with another subject.
                if let first = inS.first, first.range.lowerBound - sentence.lowerBound <= 1 {
                    policyTopic = type(first) == .policy ? first.entity : nil
                }
                hostedItems(sentence, a, inS, host: &host)
                for m in inS { recent[type(m)] = m.entity }
            }
        }
        return out
    }

    /// The mentions starting in `r`, of mentions sorted by start (what `filter` gives, in order).
    static func run(of ms: [ResolvedMention], in r: Range<Int>) -> [ResolvedMention] {
        var lo = 0, hi = ms.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ms[mid].range.lowerBound < r.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < ms.count, ms[end].range.lowerBound < r.upperBound { end += 1 }
        return Array(ms[lo..<end])
    }

    mutating func relateSentence(_ r: Range<Int>, _ a: Int, _ ms: [ResolvedMention], _ d: SentenceDiscourse,
                                 recent: [EntityType: Int], policyTopic: Int? = nil, selectContext: Bool = false, lastList: Int? = nil) {
        func triggers(_ w: WordSet) -> [Range<Int>] { find(w, in: r).filter { !insideMention($0.lowerBound, ms) } }
        let officials = d.officials

        // holds_post: the organizations, places and zones named in an official's post.
        rule = "post.named-in-post"
        for o in officials {
            guard let post = o.candidate.postRange else { continue }
            // `北海工业园区陈勋主任`: a name written before its post; the body named right before the name.
            if post.lowerBound >= o.range.upperBound, let before = ms.last(where: { $0.range.upperBound == o.range.lowerBound }),
               [.company, .organization, .park].contains(type(before)) {
                add(o.entity, .holdsPost, before.entity, r, a)
            }
            // 山西正大制管有限公司年产40万吨薄壁钢管项目相关负责人: the post belongs to the company named before it.
            if let before = ms.last(where: { $0.range.upperBound == post.lowerBound }) {
                if [.company, .organization, .park].contains(type(before)) { add(o.entity, .holdsPost, before.entity, r, a) }
                else if type(before) == .project, let c = ms.last(where: { $0.range.upperBound == before.range.lowerBound && type($0) == .company }) {
                    add(o.entity, .holdsPost, c.entity, r, a)
                }
            }
            for m in ms where m.entity != o.entity && post.contains(m.range.lowerBound) {
                add(o.entity, .holdsPost, m.entity, r, a)
                // A party body's place: 芜湖市委 also when the body is an entity of its own.
                if type(m) == .place {
                    let body = s.string(m.range.lowerBound..<post.upperBound)
                    for (k, e) in entities.enumerated() where e.type == .organization && ([e.name] + e.aliases).contains(where: { n in body.hasPrefix(n) && n.count > entities[m.entity].name.count - 1 && n.hasSuffix("委") }) {
                        add(o.entity, .holdsPost, k, r, a)
                    }
                }
            }
        }
        postsListedAfterBody(r, a, ms, officials)

        // accompanied: officials before 陪同 accompany the official the article is about (the
        // discourse stage found both).
        rule = "accompany.verb"
        if let main = d.accompanied { for o in d.accompanying { add(o.entity, .accompanied, main, r, a) } }
        let subjects = d.subjects, focus = d.subject

        // visited: an official (or the one the article is about) and the places after a visiting verb.
        rule = "visit.verb"
        let visits = triggers(words.visit)
        let accompanyOnly = d.accompanyTrigger.map { t in !subjects.contains(where: { $0.range.lowerBound > t.upperBound }) && visits.count <= 1 } ?? false
        for v in visits where !accompanyOnly {
            guard let who = subjects.last(where: { $0.range.upperBound <= v.lowerBound })?.entity ?? focus else { continue }
            // The sites named right after the verb, in its clause: 深入A、B、C等项目现场; a list of
            // sites goes on past a comma when the next clause opens with another site.
            var cl = clause(around: v.lowerBound, in: r)
            while cl.upperBound < r.upperBound, [",", "，"].contains(s[cl.upperBound]),
                  ms.contains(where: { [.park, .company, .project].contains(type($0)) && $0.range.lowerBound > cl.upperBound && $0.range.lowerBound <= cl.upperBound + 4 }),
                  find(words.visit, in: (cl.upperBound + 1)..<min(r.upperBound, cl.upperBound + 6)).isEmpty {
                cl = cl.lowerBound..<clause(around: cl.upperBound + 1, in: r).upperBound
            }
            var targets = ms.filter { m in
                [.park, .company, .project, .place].contains(type(m)) && m.range.lowerBound >= v.upperBound
                    && m.range.upperBound <= cl.upperBound && !isInPost(m, officials)
                    // (`走访X开发区管委会`: visiting a zone's committee is visiting the zone.)
                    && (!m.candidate.nested || (type(m) == .park && (s.has("管委会", at: m.range.upperBound) || s.has("管理委员会", at: m.range.upperBound))))
            }
            // `到`/`赴` visit only what is named right after them (`到我市`).
            let strict = v.count == 1
            // (A list whose first item is a name not recognised still counts: `走访X、B公司`.)
            if let first = targets.first, first.range.lowerBound - v.upperBound > (strict ? 0 : 6),
               strict || s[first.range.lowerBound - 1] != "、" || first.range.lowerBound - v.upperBound > 30 { targets = [] }
            // `到A、B调研`: what is named right after them, with the names listed with it.
            if strict { targets = coordinatedFrom(targets) }
            // 在孟县调研: the place between 在 and the verb.
            if !strict, let zai = lastIndex(of: "在", before: v.lowerBound, from: r.lowerBound) {
                targets += ms.filter { m in [.park, .company, .project, .place].contains(type(m)) && m.range.lowerBound > zai && m.range.upperBound <= v.lowerBound && !isInPost(m, officials) }
            }
            // 查看项目进展: a generic noun after the verb is the one just named.
            if targets.isEmpty, !strict {
                for (noun, t) in [("项目", EntityType.project), ("园区", .park), ("企业", .company)] where s.has(noun, at: v.upperBound) {
                    if let e = recent[t] { for w in d.visitors(who) { add(w, .visited, e, r, a) } }
                }
            }
            for m in targets { for w in d.visitors(who) { add(w, .visited, m.entity, r, a) } }
        }
        // 在河南远航电气股份有限公司，周立新走进车间…: a sentence that opens at a site.
        rule = "visit.opens-at-site"
        if s.has("在", at: r.lowerBound) {
            let first = clause(around: r.lowerBound + 1, in: r)
            let sites = ms.filter { first.contains($0.range.lowerBound) && [.park, .company, .project].contains(type($0)) && !$0.candidate.nested }
            if !sites.isEmpty, first.upperBound < r.upperBound, !first.isEmpty,
               let who = subjects.first(where: { $0.range.lowerBound >= first.upperBound })?.entity {
                for m in sites { add(who, .visited, m.entity, r, a) }
            }
        }
        // 在X现场，陈凯…: the sites named before 现场 were visited.
        rule = "visit.on-site"
        if let site = find(words.onSite, in: r).first, let zai = lastIndex(of: "在", before: site.lowerBound, from: r.lowerBound),
           let who = subjects.first(where: { $0.range.lowerBound >= site.upperBound })?.entity ?? (visits.isEmpty ? focus : nil) {
            for m in ms where m.range.lowerBound > zai && m.range.upperBound <= site.lowerBound && [.park, .company, .project].contains(type(m)) {
                add(who, .visited, m.entity, r, a)
            }
        }

        // leads: an official and the body or project after 牵头/领衔; `Y由X领衔` names Y before.
        rule = "lead.verb"
        for t in triggers(words.lead) {
            if let o = officials.last(where: { $0.range.upperBound <= t.lowerBound }),
               let by = lastIndex(of: "由", before: o.range.lowerBound, from: r.lowerBound),
               let y = ms.last(where: { [.organization, .project].contains(type($0)) && $0.range.upperBound <= by && !isInPost($0, officials) }) {
                add(o.entity, .leads, y.entity, r, a)
                continue
            }
            if let o = officials.last(where: { $0.range.upperBound <= t.lowerBound }) {
                if let m = ms.first(where: { $0.range.lowerBound >= t.upperBound && (type($0) == .organization || type($0) == .project) }) {
                    add(o.entity, .leads, m.entity, r, a)
                }
            }
        }

        relateOrganizations(r, a, ms, d, recent: recent, policyTopic: policyTopic, selectContext: selectContext, lastList: lastList)
        matchPatterns(r, a, ms, d)
    }

    /// The relations the patterns of `Resources/relations.rules` read in the sentence.
    /// A pattern's head, when a match names none, is the sentence's implicit subject (``SentenceDiscourse``).
    mutating func matchPatterns(_ r: Range<Int>, _ a: Int, _ ms: [ResolvedMention], _ d: SentenceDiscourse) {
        guard !patterns.isEmpty else { return }
        let entities = entities
        let matcher = PatternMatcher(text: s, sentence: r, mentions: ms, posts: d.officials.compactMap(\.candidate.postRange)) { entities[$0].type }
        for p in patterns {
            rule = p.rule.id
            let implicit: [Int] = switch p.rule.subject {
            case .official: d.subject.map(d.visitors) ?? []
            case .topic: d.topic.map { [$0] } ?? []
            case nil: []
            }
            for (h, t) in matcher.pairs(p, implicit: implicit) { add(h, p.rule.relation, t, r, a) }
        }
    }

    /// `X集团党委书记、董事长A，党委委员、副总经理B，党委副书记C`, `X园区A主任、B书记`: officials listed
    /// one after another after a body, whose own posts name no body and no level of government, hold
    /// their posts in the body the first of them holds a post in.
    mutating func postsListedAfterBody(_ r: Range<Int>, _ a: Int, _ ms: [ResolvedMention], _ officials: [ResolvedMention]) {
        let pairs = listedPairs(officials)
        /// The sentence's holds_post tails of these types, by official.
        func held(_ types: Set<EntityType>) -> [Int: [Int]] {
            var out: [Int: [Int]] = [:]
            for rel in self.out where rel.sentence == r && rel.article == a && rel.type == .holdsPost && types.contains(entities[rel.tail].type) {
                out[rel.head, default: []].append(rel.tail)
            }
            return out
        }
        /// Whether the post names a body of its own.
        func namesBody(_ o: ResolvedMention, _ post: Range<Int>) -> Bool { ms.contains { $0.entity != o.entity && post.contains($0.range.lowerBound) } }

        rule = "post.listed-after-body"
        let bodies = held([.company, .organization, .park])
        var inherited: [Int: [Int]] = [:]
        for (prev, o) in pairs {
            guard let body = bodies[prev.entity] ?? inherited[prev.entity], bodies[o.entity] == nil else { continue }
            if let post = o.candidate.postRange {
                guard !namesBody(o, post), !s[post].contains(where: { Self.levelCharacters.contains($0) }) else { continue }
            }
            for b in body { add(o.entity, .holdsPost, b, r, a) }
            inherited[o.entity] = body
        }
        // `奉贤区委书记A、代区长B`, `市委书记A，市长B`: a head of government named by level only, listed right
        // after an official of that place, heads that place's government.
        rule = "post.listed-level"
        var places = held([.place])
        for (prev, o) in pairs {
            guard let post = o.candidate.postRange, post.lowerBound <= o.range.lowerBound, places[o.entity] == nil, !namesBody(o, post) else { continue }
            var title = s.string(post)
            for prefix in ["常务副", "代", "副"] where title.hasPrefix(prefix) { title.removeFirst(prefix.count); break }
            guard title.count == 2, title.hasSuffix("长"), let level = title.first, "省市县区".contains(level),
                  let place = places[prev.entity]?.first(where: { entities[$0].name.hasSuffix(String(level)) }) else { continue }
            add(o.entity, .holdsPost, place, r, a)
            places[o.entity] = [place]
        }
    }

    /// Officials written one after another in a list (`A书记X、B主任Y`, `…董事长X，副总经理Y`): pairs of
    /// an official and the next, whose post (or name) starts right after the separator ending the first.
    func listedPairs(_ officials: [ResolvedMention]) -> [(ResolvedMention, ResolvedMention)] {
        let listed = officials.filter { !$0.candidate.nested }.sorted { $0.range.lowerBound < $1.range.lowerBound }
        return zip(listed, listed.dropFirst()).filter { prev, o in
            let prevEnd = max(prev.range.upperBound, prev.candidate.postRange?.upperBound ?? 0)
            let start = min(o.range.lowerBound, o.candidate.postRange?.lowerBound ?? o.range.lowerBound)
            return start == prevEnd + 1 && Self.listSeparators.contains(s[prevEnd])
        }
    }

    /// What separates the officials of a list.
    static let listSeparators = ScalarSet("，,、")
    /// Characters naming a level of government (`市长`, `副县长`, `区委书记`): such a post is a
    /// government's, not the body's named before.
    static let levelCharacters = ScalarSet("省市县区州乡镇盟旗")

    /// `广安经济技术开发区吸引了一大批项目落地。…的气盐综合利用项目；…`, `北京亦庄已聚集中芯国际、晶门科技`:
    /// the projects and companies listed after a zone draws them in are located in it.
    mutating func hostedItems(_ r: Range<Int>, _ a: Int, _ ms: [ResolvedMention], host: inout Int?) {
        rule = "locate.drawn-in"
        let draws = find(words.drawIn, in: r).filter { !insideMention($0.lowerBound, ms) }
        var current = host
        host = nil
        if let t = draws.first, let zone = ms.last(where: { type($0) == .park && $0.range.upperBound <= t.lowerBound }) {
            current = zone.entity
            let rest = s.string(t.upperBound..<r.upperBound)
            if (rest.contains("项目") || rest.contains("企业")) && !ms.contains(where: { $0.range.lowerBound >= t.upperBound && [.project, .company].contains(type($0)) }) {
                host = zone.entity
            }
            for m in ms where m.range.lowerBound >= t.upperBound && [.project, .company].contains(type(m)) {
                add(m.entity, .locatedIn, zone.entity, r, a)
            }
            return
        }
        // The sentence after: a list of projects or companies with no verb of its own.
        rule = "locate.drawn-in-list"
        if let zone = current, !ms.contains(where: { [.park, .place, .official].contains(type($0)) }) {
            let items = ms.filter { [.project, .company].contains(type($0)) }
            for m in items { add(m.entity, .locatedIn, zone, r, a) }
            // A list cut into sentences at `；` goes on while each piece names items and nothing else.
            if !items.isEmpty, r.upperBound < s.count, s[r.upperBound - 1] == "；" || s[r.upperBound - 1] == ";" || (r.upperBound < s.count && (s[r.upperBound] == "；" || s[r.upperBound] == ";")) {
                host = zone
            }
        }
    }

    /// A list announced by a heading (`…名单` on a line of its own, or named before a flattened
    /// table): the parks and companies listed after it, one per line or row, are selected into it.
    mutating func listItems(_ r: Range<Int>, _ a: Int, _ ms: [ResolvedMention], heading: inout Int?) {
        let lists = ms.filter { type($0) == .policy && isList(entities[$0.entity].name) }
        if let l = lists.first, r.count - l.range.count <= 3 { heading = l.entity; return }
        // A heading and its rows run together in one line: items after the first list of the sentence.
        if let l = lists.first {
            let items = ms.filter { [.park, .company].contains(type($0)) && $0.range.lowerBound >= l.range.upperBound && !$0.candidate.nested }
            if items.count >= 3, find(words.visit, in: l.range.upperBound..<r.upperBound).isEmpty {
                rule = "select.table-after-list"
                for m in items { add(m.entity, .selectedInto, l.entity, r, a) }
                // A table's place column right before a row's zone: where the zone is.
                rule = "locate.table-column"
                for m in items {
                    if let p = ms.last(where: { type($0) == .place && $0.range.upperBound == m.range.lowerBound }) { add(m.entity, .locatedIn, p.entity, r, a) }
                }
            }
            return
        }
        rule = "select.list-line"
        guard let h = heading else { return }
        // A line that is one item: its first name opens it (after a number), and little else follows.
        var i = r.lowerBound
        while i < r.upperBound, TextDates.digit(s[i]) != nil || "、.．)）(（-•·* ".unicodeScalars.contains(s[i]) { i += 1 }
        guard let first = ms.first, first.range.lowerBound <= i + 1 else { return }
        if [.park, .company].contains(type(first)), r.upperBound - first.range.upperBound <= 40 {
            add(first.entity, .selectedInto, h, r, a)
        } else if ![.park, .company, .place].contains(type(first)) || r.count > 80 {
            heading = nil
        }
    }

    func isInPost(_ m: ResolvedMention, _ officials: [ResolvedMention]) -> Bool {
        officials.contains { $0.candidate.postRange?.contains(m.range.lowerBound) == true }
    }

    func lastIndex(of ch: Unicode.Scalar, before p: Int, from lo: Int) -> Int? {
        var i = p - 1
        while i >= lo { if s[i] == ch { return i }; if s[i] == "," || s[i] == "，" { return nil }; i -= 1 }
        return nil
    }

    /// The clause (between commas or semicolons) around a position.
    func clause(around p: Int, in r: Range<Int>) -> Range<Int> {
        var lo = p, hi = p
        while lo > r.lowerBound, ![",", "，", ";", "；", ":", "："].contains(s[lo - 1]) { lo -= 1 }
        while hi < r.upperBound, ![",", "，", ";", "；", "。"].contains(s[hi]) { hi += 1 }
        return lo..<hi
    }
}
