import Foundation
import GuanxiGraph
import GuanxiText

/// The whole pipeline for one document: normalize → split → recognize → resolve → relate, giving
/// a graph of that document alone (merged into a larger graph with ``KnowledgeGraph/merge(_:)``).
public struct Extractor: Sendable {
    let gazetteer: Gazetteer
    let surnames: Surnames
    let user: UserDictionary
    /// The relation rules' trigger words (Resources/triggers.tsv unless given).
    let triggers: TriggerLexicon
    /// The recognisers' word lists (Resources/lexicon.tsv unless given).
    let lexicon: Lexicon
    let ruleWords: RuleWords
    /// The relation rules written as data (Resources/relations.rules unless given), ready to match.
    let patterns: [CompiledPattern]
    /// Boundary words and the triggers that are never inside a name (TriggerLexicon.boundaries): computed once.
    let boundaries: WordSet

    /// An extractor with the shipped gazetteer and surname list, a trigger lexicon and a recogniser
    /// lexicon, relation patterns (the shipped ones unless given), and an optional user dictionary.
    public init(user: UserDictionary = UserDictionary(), triggers: TriggerLexicon = .shipped, lexicon: Lexicon = .shared,
                patterns: RelationPatterns = .shipped) {
        self.gazetteer = .shared; self.surnames = .shared; self.user = user; self.triggers = triggers; self.lexicon = lexicon
        self.ruleWords = RuleWords(triggers)
        self.patterns = patterns.patterns.map { [ruleWords] in CompiledPattern($0, words: ruleWords) }
        self.boundaries = lexicon.boundaries(with: triggers)
    }

    /// The graph one source text yields. `id` is the document's id (its file name without extension).
    public func extract(_ source: SourceText, id: String) -> KnowledgeGraph {
        let norm = Normalizer.normalize(source.text)
        let s = norm.scalars
        let articles = Splitter(surnames: surnames).split(norm)
        let recognizer = Recognizer(gazetteer: gazetteer, surnames: surnames, userEntities: user, lexicon: lexicon, boundaryWords: boundaries)
        let context = documentContext(s, articles: articles, recognizer: recognizer)
        let candidates = articles.map { recognizer.recognize(s, article: $0, context: context) }
        var resolver = Resolver(gazetteer: gazetteer, user: user, lexicon: lexicon)
        var mentions = resolver.resolve(s, articles: candidates, context: context)
        mentions += laterOfficialMentions(s, articles: articles, mentions: mentions, entities: resolver.entities)
        var entities = resolver.entities
        for m in mentions where m.candidate.type == .official && !entities[m.entity].mentions.contains(m.range) {
            entities[m.entity].mentions.append(m.range)
        }
        mentions.sort { $0.range.lowerBound < $1.range.lowerBound }
        var relator = Relator(entities: entities, text: s, words: ruleWords, patterns: patterns)
        var relations = relator.relate(articles: articles, mentions: mentions)
        relations += impliedPosts(s, articles: articles, mentions: mentions, entities: &entities, context: context)
        return ArticleDocuments.finish(makeGraph(source: source, id: id, norm: norm, articles: articles, entities: entities, relations: relations), source: source, gazetteer: gazetteer)
    }

    /// Places named in the whole document, and its main province and city (for `省委`, `市政府`).
    func documentContext(_ s: [Unicode.Scalar], articles: [Article], recognizer: Recognizer) -> DocumentContext {
        var ctx = DocumentContext()
        for a in articles { ctx.bylineNames.formUnion(a.byline) }
        var provinceCount: [String: Int] = [:], cityCount: [String: Int] = [:], directCityCount: [String: Int] = [:]
        for a in articles {
            for r in a.scanRanges {
                for m in recognizer.placeMatches(s, r, context: nil) where m.division.level != .county || m.division.name == s.string(m.range) {
                    ctx.mentionedCodes.insert(m.division.code)
                    if let p = gazetteer.province(of: m.division.code), !p.code.hasPrefix("R:") { provinceCount[p.code, default: 0] += 1 }
                    if m.division.level == .city { cityCount[m.division.code, default: 0] += 1; directCityCount[m.division.code, default: 0] += 1 }
                    if m.division.level == .county, let parent = m.division.parent, gazetteer.divisions[parent]?.level == .city {
                        cityCount[parent, default: 0] += 1
                    }
                }
            }
        }
        var countyCount: [String: Int] = [:]
        for a in articles {
            for r in a.scanRanges {
                for m in recognizer.placeMatches(s, r, context: nil) where m.division.level == .county { countyCount[m.division.code, default: 0] += 1 }
            }
        }
        ctx.countyCounts = countyCount
        ctx.countyCode = countyCount.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
        ctx.provinceCode = provinceCount.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
        ctx.cityCode = cityCount.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
        // A county-level city the document is about (`福清市`, named more often than its prefecture)
        // is the city of `市领导`, `我市`, `市委`.
        if let county = ctx.countyCode, let d = gazetteer.divisions[county], d.name.hasSuffix("市"),
           let parent = d.parent, parent == ctx.cityCode, countyCount[county, default: 0] > directCityCount[parent, default: 0] {
            ctx.cityCode = county
        }
        return ctx
    }

    /// Posts that name their body only by level or by a short form: `市长` in a city's paper is that
    /// city's mayor; `中大校长` is the president of 香港中文大学 when the article names it.
    func impliedPosts(_ s: [Unicode.Scalar], articles: [Article], mentions: [ResolvedMention],
                      entities: inout [LocalEntity], context: DocumentContext) -> [LocalRelation] {
        var out: [LocalRelation] = []
        for m in mentions where entities[m.entity].type == .official {
            guard let post = m.candidate.postRange, !post.isEmpty else { continue }
            if mentions.contains(where: { $0.entity != m.entity && post.contains($0.range.lowerBound) }) { continue }
            if mentions.contains(where: { $0.range.upperBound == post.lowerBound && entities[$0.entity].type != .official }) { continue }
            guard let sentence = articles[m.article].sentences.first(where: { $0.range.contains(m.range.lowerBound) })?.range
                    ?? articles[m.article].scanRanges.first(where: { $0.contains(m.range.lowerBound) }) else { continue }
            let title = s.string(post)
            var target: Int?
            if ["公司", "企业", "集团"].contains(where: { title.hasPrefix($0) }) {
                // 公司董事长葛天明: the company the article just named.
                target = mentions.last(where: { $0.article == m.article && $0.range.upperBound <= m.range.lowerBound && entities[$0.entity].type == .company })?.entity
            } else if let ending = ["校长": ["大学", "学院", "学校"], "院长": ["院"], "所长": ["所"]].first(where: { title == $0.key || title == "副" + $0.key || title == "常务副" + $0.key }) {
                // `副校长李某` with no body named: the school (institute) the article just named.
                target = mentions.last(where: { x in x.article == m.article && x.range.upperBound <= m.range.lowerBound && entities[x.entity].type == .organization
                    && ending.value.contains { entities[x.entity].name.hasSuffix($0) } })?.entity
            } else if ["党工委", "管委会", "工委", "园区", "开发区", "经开区", "高新区", "新区"].contains(where: { title.hasPrefix($0) }) {
                // A zone's committee named bare: the zone the article is about, of the kind the post names
                // (`高新区管委会` → the high-tech zone, not another park named before it).
                let kinds: [String: [String]] = ["高新区": ["高新区", "高新技术产业开发区", "高新园区", "高新技术开发区"],
                                                 "经开区": ["经开区", "经济技术开发区", "经济开发区"], "开发区": ["开发区"], "新区": ["新区"]]
                let before = mentions.filter { $0.article == m.article && $0.range.upperBound <= m.range.lowerBound && entities[$0.entity].type == .park }
                let endings = kinds.first(where: { title.hasPrefix($0.key) })?.value ?? []
                target = (before.last { p in endings.contains { e in ([entities[p.entity].name] + entities[p.entity].aliases).contains { $0.hasSuffix(e) } } } ?? before.last)?.entity
            } else if let first = title.unicodeScalars.first, first == "市" || first == "省" || first == "县" || first == "区",
               // (`区领导` is a district's: the district named most, not a county or a city named as often.)
               let code = first == "市" ? context.cityCode : first == "省" ? context.provinceCode
                   : first == "区" ? context.mostNamedCounty(endingWith: "区", in: gazetteer) ?? context.countyCode : context.countyCode,
               first != "区" || gazetteer.divisions[code]?.name.hasSuffix("区") == true {
                target = entities.firstIndex { $0.placeCode == code && !$0.mentions.isEmpty }
            } else {
                // The characters before the post word abbreviate a body of the article: 中大 → 香港中文大学.
                let t = lexicon.titles.longest(endingAt: post.upperBound, in: s, lower: post.lowerBound)
                let short = Array(s[post.lowerBound..<(post.upperBound - t)])
                if (2...3).contains(short.count) {
                    let hits = entities.indices.filter { k in
                        [.organization, .company, .park].contains(entities[k].type) && !entities[k].mentions.isEmpty
                            && isAbbreviation(short, of: Array(entities[k].name.unicodeScalars))
                    }
                    if hits.count == 1 { target = hits[0]; entities[hits[0]].aliases.insert(String(String.UnicodeScalarView(short))) }
                }
            }
            if let target { out.append(LocalRelation(head: m.entity, type: .holdsPost, tail: target, sentence: sentence, article: m.article, rule: "post.implied")) }
        }
        return out
    }

    /// ``MergePolicy/isGeneric(_:)`` without normalising long names that cannot be generic
    /// (category words are short; relative names open with a level character).
    static func isGenericName(_ name: String) -> Bool {
        if name.unicodeScalars.count > 8, let first = name.first, !MergePolicy.relativePrefixes.contains(first), !"《“「\"'（( ".contains(first),
           !MergePolicy.relativeOpenings.contains(where: { name.hasPrefix($0) }) { return false }
        return MergePolicy.isGeneric(name)
    }

    /// Whether `short` takes characters of `full` in order, starting within its first word
    /// (`中大` of `香港中文大学`), and is not simply its prefix.
    func isAbbreviation(_ short: [Unicode.Scalar], of full: [Unicode.Scalar]) -> Bool {
        guard full.count > short.count + 1 else { return false }
        var k = 0
        for c in full where k < short.count && c == short[k] { k += 1 }
        return k == short.count && full.prefix(4).contains(short[0])
    }

    /// Officials named again without their post (`陈凯来到…`): every later occurrence of the name
    /// in the same article is a mention.
    func laterOfficialMentions(_ s: [Unicode.Scalar], articles: [Article], mentions: [ResolvedMention], entities: [LocalEntity]) -> [ResolvedMention] {
        var out: [ResolvedMention] = []
        for (a, article) in articles.enumerated() {
            let officials = Dictionary(mentions.filter { $0.article == a && entities[$0.entity].type == .official }.map { (entities[$0.entity].name, $0) },
                                       uniquingKeysWith: { x, _ in x })
            guard !officials.isEmpty else { continue }
            let taken = mentions.filter { $0.article == a }.map(\.range)
            for region in article.scanRanges {
                for (name, first) in officials {
                    let w = Array(name.unicodeScalars)
                    var i = region.lowerBound
                    while i + w.count <= region.upperBound {
                        if s[i] == w[0], s.occurs(w, at: i), !taken.contains(where: { $0.overlaps(i..<(i + w.count)) }),
                           i + w.count == region.upperBound || !ChineseConverter.isHan(s[i + w.count]) || lexicon.afterName.longest(startingAt: i + w.count, in: s, limit: region.upperBound) > 0 {
                            var c = first.candidate
                            c.range = i..<(i + w.count); c.post = nil; c.postRange = nil
                            out.append(ResolvedMention(entity: first.entity, range: c.range, article: a, candidate: c))
                            i += w.count
                        } else { i += 1 }
                    }
                }
            }
        }
        return out
    }

    /// The document's graph: its record, entities with mentions in original offsets, relations with evidence.
    func makeGraph(source: SourceText, id: String, norm: NormalizedText, articles: [Article],
                   entities: [LocalEntity], relations: [LocalRelation]) -> KnowledgeGraph {
        var g = KnowledgeGraph()
        // (A local: the closures below then capture the lexicon, not a copy of the whole extractor.)
        let lexicon = self.lexicon
        let s = norm.scalars
        let articleRecords = articles.map { a -> ArticleRecord in
            let o = norm.originalRange(a.range)
            let title = a.titleRanges.map { norm.originalText($0) }.joined(separator: " ")
            return ArticleRecord(title: title.isEmpty ? nil : title, byline: a.byline,
                                 dateline: a.dateline, date: a.date?.iso, start: o.lowerBound, end: o.upperBound)
        }
        let docTitle = source.htmlTitle ?? articleRecords.first(where: { $0.title != nil })?.title
        let record = DocumentRecord(id: id, path: source.path, sha256: source.sha256, encoding: source.encoding,
                                    format: source.format.rawValue, length: norm.original.count, title: docTitle,
                                    byline: Array(Set(articles.flatMap(\.byline))).sorted(), articles: articleRecords)
        g.addDocument(record)
        var ids: [Int: String] = [:]
        for (k, e) in entities.enumerated() where !e.mentions.isEmpty {
            let mentions = e.mentions.map { r -> Mention in
                let o = norm.originalRange(r)
                return Mention(document: id, start: o.lowerBound, end: o.upperBound, text: norm.originalText(r))
            }
            // The written forms (Traditional, full-width) are aliases too, so users find them.
            let nameKey = NameKey.of(e.name)
            let written = Set(mentions.map(\.text)).filter { $0 != e.name && $0.count <= 60 && $0.count >= 2 && !lexicon.genericStems.contains($0) && !$0.hasPrefix("该") && !lexicon.standaloneOrganizations.contains($0) && !["经开区", "开发区", "高新区", "综保区"].contains($0) && ($0.unicodeScalars.first.map { lexicon.levelPrefix[$0] == nil } ?? true) }
            // A generic or relative word (`园区`, `市委`, `省工信厅`) is never an alias: it would join
            // this entity to another document's one of the same kind (see MergePolicy).
            let aliases = e.aliases.union(written).filter { !Extractor.isGenericName($0) && NameKey.of($0) != nameKey }
            let entity = Entity(type: e.type, name: e.name, aliases: Array(aliases), posts: Array(e.posts), mentions: mentions)
            ids[k] = g.add(entity)
        }
        for r in relations {
            guard let h = ids[r.head], let t = ids[r.tail] else { continue }
            let o = norm.originalRange(r.sentence)
            let sentenceDate = TextDates.find(s, in: r.sentence).first?.date
            var date = sentenceDate ?? articles[r.article].date
            if date?.year == nil, let y = articles[r.article].date?.year { date?.year = y }
            g.add(Relation(source: h, type: r.type, target: t,
                           evidence: [Evidence(document: id, sentence: norm.originalText(r.sentence),
                                               start: o.lowerBound, end: o.upperBound, date: date?.iso,
                                               rule: r.rule.isEmpty ? nil : r.rule)]))
        }
        return g
    }
}
