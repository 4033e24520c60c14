import Foundation
import GuanxiGraph
import GuanxiText

/// An entity of one document, with every form it is named by and where.
struct LocalEntity: Sendable {
    var type: EntityType
    var name: String
    var aliases: Set<String> = []
    var posts: Set<Post> = []
    var mentions: [Range<Int>] = []
    var placeCode: String?
}

/// A mention resolved to its document entity.
struct ResolvedMention: Sendable {
    var entity: Int
    var range: Range<Int>
    var article: Int
    var candidate: Candidate
}

/// Turns candidates into document entities: full and short forms merged (`屯留经开区` =
/// `屯留经济技术开发区`), bare names qualified by the document's province or city (`省工信厅` →
/// `山西省工信厅`), `（以下简称《规划》）` and short titles made aliases, `该公司`-style references
/// resolved to the entity meant. Nothing here crosses articles except names themselves.
struct Resolver {
    let gazetteer: Gazetteer
    let user: UserDictionary
    /// The word lists (standalone bodies, level prefixes, suffixes, abbreviations).
    let lexicon: Lexicon

    private(set) var entities: [LocalEntity] = []
    /// Entities by `type|NameKey` (and `code|division`), hashed by bytes: the keys are in normal form.
    private var keys: [NameKey.Bytes: Int] = [:]

    init(gazetteer: Gazetteer, user: UserDictionary, lexicon: Lexicon = .shared) {
        self.gazetteer = gazetteer; self.user = user; self.lexicon = lexicon
    }

    /// (A consultative or congress body, `市政协`, stays itself: it is not its place.)
    static let partyGovSuffixes = ["人民政府", "政府", "省委", "市委", "县委", "区委", "州委", "党工委", "工委", "党委", "管委会"]

    /// Resolves the candidates of all articles (in order) into entities and mentions.
    mutating func resolve(_ s: [Unicode.Scalar], articles: [[Candidate]], context: DocumentContext) -> [ResolvedMention] {
        var mentions: [ResolvedMention] = []
        for (a, cands) in articles.enumerated() {
            let posts = cands.compactMap { $0.type == .official ? $0.postRange : nil }
            for (ci, original) in cands.enumerated() where !original.reference {
                var c = original
                if user.stopList.contains(c.name) { continue }
                // A bare party or government body (`市委`, `县委`, `市政府`): qualified by the document's
                // place; inside a post it stands for that place; unqualifiable, it names nothing.
                if c.type == .organization, lexicon.standaloneOrganizations.contains(c.name),
                   let first = c.name.unicodeScalars.first, let level = lexicon.levelPrefix[first] {
                    guard let place = qualifyingPlace(level: level, context: context) else { continue }
                    // A party committee or government in a post stands for its place (`市委副书记`); a
                    // congress or a consultative body stays itself (`市政协副主席`).
                    if posts.contains(where: { $0.contains(c.range.lowerBound) }), !c.name.hasSuffix("政协"), !c.name.contains("人大") {
                        c = Candidate(range: c.range, type: .place, name: c.name, aliases: [place.name] + place.shortForms,
                                      priority: 1, placeCode: place.code)
                    }
                }
                // `数字电视产业园项目`: a project named after its zone is also called by the zone's name.
                if c.type == .project, c.name.hasSuffix("项目") {
                    let stem = Array(c.name.unicodeScalars.dropLast(2))
                    let n = lexicon.suffixes.longest(endingAt: stem.count, in: stem)
                    if n > 0, lexicon.suffixType[String(String.UnicodeScalarView(stem[(stem.count - n)...]))] == .park {
                        c.aliases.append(String(String.UnicodeScalarView(stem)))
                    }
                }
                // A zone's committee inside a post stands for the zone (`…开发区管委会主任`).
                if c.type == .organization, posts.contains(where: { $0.contains(c.range.lowerBound) }),
                   let suffix = ["党工委", "工委", "管委会", "管理委员会", "党委"].first(where: { c.name.hasSuffix($0) }) {
                    var stem = Array(c.name.unicodeScalars.dropLast(suffix.unicodeScalars.count))
                    // `中共某某开发区工委`: the party prefix is no part of the zone's name.
                    if stem.count > 4, stem[0] == "中", stem[1] == "共" { stem.removeFirst(2) }
                    let n = lexicon.suffixes.longest(endingAt: stem.count, in: stem)
                    if n > 0, stem.count > n, let t = lexicon.suffixType[String(String.UnicodeScalarView(stem[(stem.count - n)...]))], t == .park || t == .company {
                        // `…开发区党工委书记` stands for the zone, `…集团党委书记` for the company.
                        let lo = c.range.upperBound - suffix.unicodeScalars.count - stem.count
                        c = Candidate(range: lo..<(lo + stem.count), type: t,
                                      name: String(String.UnicodeScalarView(stem)), priority: 2)
                    }
                }
                // A company named right before its project: the project is also called by both.
                if c.type == .project, ci > 0, cands[ci - 1].type == .company, cands[ci - 1].range.upperBound == c.range.lowerBound {
                    c.aliases.append(cands[ci - 1].name + c.name)
                }
                // Party and government bodies named inside a post stand for their place
                // (`阳泉市委副书记` → 阳泉市), unless the body is named on its own elsewhere.
                if c.type == .organization, posts.contains(where: { $0.contains(c.range.lowerBound) }),
                   let place = placeBehind(c, s) {
                    c = place
                }
                let names = forms(of: c, s, context: context)
                // `数字电视产业园项目` when the article names 数字电视产业园: the zone itself.
                let known = keys
                if c.type == .project, let zone = names.aliases.lazy.compactMap({ known[NameKey.Bytes("park|" + NameKey.of($0))] }).first {
                    entities[zone].aliases.insert(names.canonical)
                    entities[zone].mentions.append(c.range)
                    var asZone = c; asZone.type = .park
                    mentions.append(ResolvedMention(entity: zone, range: c.range, article: a, candidate: asZone))
                    continue
                }
                let id = add(type: c.type, canonical: names.canonical, aliases: names.aliases, code: c.placeCode)
                entities[id].mentions.append(c.range)
                if let post = c.post, c.type == .official {
                    let org = cands.first { other in other.type != .official && c.postRange.map { r in r.contains(other.range.lowerBound) } == true }
                    entities[id].posts.insert(Post(title: post, organization: org.map { forms(of: $0, s, context: context).canonical },
                                                   status: c.postStatus, date: c.postDate))
                }
                mentions.append(ResolvedMention(entity: id, range: c.range, article: a, candidate: c))
            }
        }
        shortTitles(s, &mentions)
        ownerlessForms(&mentions)
        companyShortNames(&mentions)
        // References resolve to the nearest entity before them in the same article.
        for (a, cands) in articles.enumerated() {
            for c in cands where c.reference {
                if let target = referent(of: c, article: a, mentions: mentions, context: context) {
                    entities[target].mentions.append(c.range)
                    mentions.append(ResolvedMention(entity: target, range: c.range, article: a, candidate: c))
                }
            }
        }
        mentions.sort { $0.range.lowerBound < $1.range.lowerBound }
        return mentions
    }

    /// The place a party or government body stands for (`芜湖市委` → 芜湖市), as a candidate.
    func placeBehind(_ c: Candidate, _ s: [Unicode.Scalar]) -> Candidate? {
        for suffix in Resolver.partyGovSuffixes where c.name.hasSuffix(suffix) {
            var stem = String(c.name.dropLast(suffix.count))
            if suffix == "省委" || suffix == "市委" || suffix == "县委" || suffix == "区委" || suffix == "州委" {
                stem += String(suffix.prefix(1))
            }
            // The most specific place that ends the stem: 江西省赣州市委 → 赣州市.
            let st = Array(stem.unicodeScalars)
            var forms: [(Int, String)] = []
            for k in 0..<st.count {
                for form in [String(String.UnicodeScalarView(st[k...])), String(String.UnicodeScalarView(st[k..<max(k, st.count - 1)]))]
                    where form.count >= 2 && gazetteer.divisions(named: form).first != nil { forms.append((k, form)) }
                if !forms.isEmpty { break }
            }
            for (offset, form) in forms {
                if let d = gazetteer.divisions(named: form).first {
                    let len = form.unicodeScalars.count
                    let r = (c.range.lowerBound + offset)..<(c.range.lowerBound + offset + len)
                    return Candidate(range: r, type: .place, name: s.string(r), aliases: [d.name] + d.shortForms,
                                     priority: 1, placeCode: d.code)
                }
            }
        }
        return nil
    }

    /// The canonical name and aliases of a candidate.
    func forms(of c: Candidate, _ s: [Unicode.Scalar], context: DocumentContext) -> (canonical: String, aliases: Set<String>) {
        var canonical = c.name
        var aliases = Set(c.aliases)
        switch c.type {
        case .place:
            if let code = c.placeCode, let d = gazetteer.divisions[code] {
                // A composite (`鄂州市鄂城区`) keeps its written form; a single division its full name.
                if c.aliases.contains(d.name), c.name.count > d.name.count, !c.name.hasPrefix(d.name) {
                    canonical = c.name
                } else {
                    canonical = d.name
                    aliases.insert(c.name)
                }
                aliases.formUnion(d.shortForms)
            }
        case .organization, .park, .company:
            // A school of a university is named with it: 南京航空航天大学航空学院 → 南京航空航天大学.
            if c.type == .organization, c.name.unicodeScalars.reversed().starts(with: "院学".unicodeScalars),
               let k = c.name.range(of: "大学"), k.upperBound != c.name.endIndex, c.name.hasSuffix("学院") {
                aliases.insert(c.name)
                canonical = String(c.name[..<k.upperBound])
            }
            // Bare names are qualified by the document's place: 省委 → 山西省委, 市政协 → 芜湖市政协.
            let scalars = Array(c.name.unicodeScalars)
            if c.type == .organization, let first = scalars.first, let level = lexicon.levelPrefix[first],
               scalars.count > 1, scalars[1] != "级",
               let place = qualifyingPlace(level: level, context: context) {
                // The form written stays the name (`省政府办公厅`); the qualified forms are aliases,
                // so the entity joins a fuller mention here and the same body in other documents.
                let rest = String(c.name.unicodeScalars.dropFirst())
                aliases.insert(place.name + rest)
                aliases.insert(gazetteer.shortName(place) + String(first) + rest)
            }
            // 自治区党委, 自治区人民政府: the autonomous region the document is in (as 省委 is its province's).
            if c.type == .organization, c.name.hasPrefix("自治区"), c.name.count > 3,
               let place = qualifyingPlace(level: .province, context: context), place.name.hasSuffix("自治区") {
                let rest = String(c.name.dropFirst(3))
                aliases.insert(place.name + rest)
                aliases.insert(gazetteer.shortName(place) + "自治区" + rest)
            }
            // A province or city before a zone or company name is often dropped:
            // 安徽芜湖经济技术开发区 = 芜湖经济技术开发区, 长治市屯留经济技术开发区 = 屯留经济技术开发区.
            var rest = Array(canonical.unicodeScalars)
            for _ in 0..<2 {
                let n = gazetteer.words.longest(startingAt: 0, in: rest)
                // (`南昌`, `吉安` name a city and a county: the city's name may be dropped.)
                let cities = n > 0 ? gazetteer.divisions(named: String(String.UnicodeScalarView(rest[0..<n]))).filter({ $0.level != .county }) : []
                guard !cities.isEmpty else { break }
                let tail = Array(rest[n...])
                // The tail opens with a place, or with the short form of a county of that city that is
                // also a common word (`新建`, `安福`).
                func ownCounty() -> Bool {
                    (2...3).contains { k in
                        k < tail.count && "县区市旗".unicodeScalars.contains { suf in
                            // (Only a form the gazetteer holds is looked up.)
                            let form = Array(tail[0..<k]) + [suf]
                            return gazetteer.words.longest(startingAt: 0, in: form) == form.count
                                && gazetteer.divisions(named: form.string(0..<form.count)).contains { d in cities.contains { $0.code == d.parent } }
                        }
                    }
                }
                guard tail.count >= 5, gazetteer.words.longest(startingAt: 0, in: tail) > 0 || ownCounty() else { break }
                aliases.insert(String(String.UnicodeScalarView(tail)))
                rest = tail
            }
            // `某某县经济开发区` is also `某某经济开发区`: a county's name keeps its short form in a zone's name.
            if c.type == .park {
                let scalars = Array(canonical.unicodeScalars)
                let n = gazetteer.words.longest(startingAt: 0, in: scalars)
                if n >= 3, scalars.count - n >= 3, "县区市旗".unicodeScalars.contains(scalars[n - 1]),
                   let d = gazetteer.divisions(named: String(String.UnicodeScalarView(scalars[0..<n]))).first(where: { $0.level == .county }),
                   d.name == String(String.UnicodeScalarView(scalars[0..<n])), let short = d.shortForms.first, short.unicodeScalars.count >= 2,
                   short.unicodeScalars.count < n {
                    aliases.insert(short + String(String.UnicodeScalarView(scalars[n...])))
                }
            }
            // `新材料·上海金山工业园区` is also `上海金山工业园区`.
            if let dot = canonical.unicodeScalars.lastIndex(of: "·") {
                let rest = String(canonical.unicodeScalars[canonical.unicodeScalars.index(after: dot)...])
                if rest.count >= 4 { aliases.insert(rest) }
            }
        case .project:
            let scalars = Array(canonical.unicodeScalars)
            let n = gazetteer.words.longest(startingAt: 0, in: scalars)
            if n > 0, scalars.count - n >= 5 { aliases.insert(String(String.UnicodeScalarView(scalars[n...]))) }
        case .policy, .official: break
        }
        // A legislature or a party congress named with its term (`某省第九届人民代表大会常务委员会`,
        // `省九届人大常委会`) is the same standing body as the name without the term.
        if c.type == .organization {
            for form in [canonical] + Array(aliases) {
                if let plain = Resolver.withoutTerm(form) { aliases.insert(plain) }
            }
        }
        // Standard abbreviations give the other form: 经开区 ↔ 经济技术开发区, 工信厅 ↔ 工业和信息化厅.
        for form in [canonical] + Array(aliases) {
            aliases.formUnion(lexicon.abbreviationVariants(of: form))
        }
        if let mapped = user.aliasMap[canonical] { aliases.insert(canonical); canonical = mapped }
        aliases.remove(canonical)
        return (canonical, aliases)
    }

    static let termNumerals = ScalarSet("一二三四五六七八九十百零0123456789")

    /// A body's name without the term written in it (`第九届`, `九届`) before `人民代表大会`, `人大`,
    /// `政协` or `委员会`, or nil when it holds none.
    static func withoutTerm(_ form: String) -> String? {
        let s = Array(form.unicodeScalars)
        guard let k = s.firstIndex(of: "届"), k >= 1, k + 2 <= s.count else { return nil }
        let numerals = Resolver.termNumerals
        var a = k
        while a > 0, numerals.contains(s[a - 1]) { a -= 1 }
        guard a < k else { return nil }
        if a > 0, s[a - 1] == "第" { a -= 1 }
        guard a >= 1 else { return nil }
        let rest = String(String.UnicodeScalarView(s[(k + 1)...]))
        guard ["人民代表大会", "人大", "政协", "委员会"].contains(where: { rest.hasPrefix($0) }) else { return nil }
        return String(String.UnicodeScalarView(s[..<a])) + rest
    }

    /// The document's province or city that bare names (`省委`, `市政府`) belong to.
    func qualifyingPlace(level: Gazetteer.Level, context: DocumentContext) -> Gazetteer.Division? {
        switch level {
        case .province: context.provinceCode.flatMap { gazetteer.divisions[$0] }
        case .city: context.cityCode.flatMap { gazetteer.divisions[$0] }
        case .county: nil
        }
    }

    /// Adds or merges an entity by its names; returns its index.
    mutating func add(type: EntityType, canonical: String, aliases: Set<String>, code: String?) -> Int {
        var keyList = ([canonical] + aliases.sorted()).map { NameKey.Bytes("\(type.rawValue)|" + NameKey.of($0)) }
        if let code { keyList.append(NameKey.Bytes("code|" + code)) }
        let known = keys
        if let hit = keyList.lazy.compactMap({ known[$0] }).first {
            var e = entities[hit]
            // The fuller name becomes canonical.
            if canonical.count > e.name.count, type != .place {
                e.aliases.insert(e.name); e.name = canonical
            } else if canonical != e.name { e.aliases.insert(canonical) }
            e.aliases.formUnion(aliases)
            e.aliases.remove(e.name)
            entities[hit] = e
            for k in keyList { keys[k] = hit }
            return hit
        }
        entities.append(LocalEntity(type: type, name: canonical, aliases: aliases, placeCode: code))
        for k in keyList { keys[k] = entities.count - 1 }
        return entities.count - 1
    }

    /// `（以下简称《规划》）` after a name makes the short form its alias; a `《short》` title that is
    /// part of an earlier full title is that policy.
    mutating func shortTitles(_ s: [Unicode.Scalar], _ mentions: inout [ResolvedMention]) {
        let sorted = mentions.sorted { $0.range.lowerBound < $1.range.lowerBound }
        for (k, m) in sorted.enumerated() {
            var j = m.range.upperBound
            guard j < s.count, s[j] == "(" || s[j] == "（" else { continue }
            j += 1
            for marker in ["以下简称", "下称", "简称"] where s.has(marker, at: j) {
                j += marker.unicodeScalars.count
                // The alias is the next mention (a title) or the text up to the closing bracket.
                if k + 1 < sorted.count, sorted[k + 1].range.lowerBound <= j + 1, sorted[k + 1].entity != m.entity {
                    let other = sorted[k + 1]
                    mergeEntity(other.entity, into: m.entity)
                    for idx in mentions.indices where mentions[idx].entity == other.entity { mentions[idx].entity = m.entity }
                } else {
                    var e = j
                    while e < s.count, e - j < 20, s[e] != ")", s[e] != "）" { e += 1 }
                    if e > j { entities[m.entity].aliases.insert(s.string(j..<e)) }
                }
                break
            }
        }
        // 《三年行动》 after 《云南省开发区振兴三年行动(2023—2025年)》.
        var policies: [(Int, String)] = []
        for m in mentions.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) where entities[m.entity].type == .policy && !m.candidate.nested {
            let key = NameKey.of(entities[m.entity].name)
            // (A title quoted inside another, `《关于印发〈某办法〉的通知》`, is the document it quotes, not the notice.)
            let bare = entities[m.entity].name.trimmingCharacters(in: CharacterSet(charactersIn: "《》〈〉<>"))
            if m.candidate.name.hasPrefix("《"),
               let full = policies.first(where: { $0.0 != m.entity && $0.1.count > key.count && $0.1.contains(key) && key.count >= 2
                   && !entities[$0.0].name.contains("〈" + bare + "〉") }) {
                let short = m.entity
                mergeEntity(short, into: full.0)
                for idx in mentions.indices where mentions[idx].entity == short { mentions[idx].entity = full.0 }
            } else if !policies.contains(where: { $0.0 == m.entity }) {
                policies.append((m.entity, key))
            }
        }
    }

    /// `兴发集团` beside `湖北兴发化工集团股份有限公司`: a company's short name (its brand and a
    /// company word) is that company when exactly one company of the document holds the brand.
    mutating func companyShortNames(_ mentions: inout [ResolvedMention]) {
        let words = ["集团", "股份", "公司", "科技", "控股"]
        for b in entities.indices where entities[b].type == .company && !entities[b].mentions.isEmpty {
            let short = entities[b].name
            guard let word = words.first(where: { short.hasSuffix($0) }) else { continue }
            let brand = String(short.dropLast(word.count))
            guard (2...4).contains(brand.count) else { continue }
            let owners = entities.indices.filter { a in
                a != b && entities[a].type == .company && !entities[a].mentions.isEmpty
                    && entities[a].name.count > short.count + 2 && entities[a].name.contains(brand) && entities[a].name.contains(word)
            }
            guard owners.count == 1, let a = owners.first else { continue }
            mergeEntity(b, into: a)
            for k in mentions.indices where mentions[k].entity == b { mentions[k].entity = a }
        }
    }

    /// `新质产业中心` after `中大新质产业中心`: a body named without its owner's short name is the same body.
    mutating func ownerlessForms(_ mentions: inout [ResolvedMention]) {
        // Names do not change here: their lengths are counted once (counting is not free on CJK text).
        let lengths = entities.map(\.name.count)
        for b in entities.indices where [.organization, .company].contains(entities[b].type) && !entities[b].mentions.isEmpty {
            let short = entities[b].name
            guard lengths[b] >= 5 else { continue }
            let type = entities[b].type
            // (The length test first: it turns away nearly every pair at the cost of a subtraction.)
            let owners = entities.indices.filter { a in
                (1...4).contains(lengths[a] - lengths[b]) && a != b && entities[a].type == type && !entities[a].mentions.isEmpty
                    && entities[a].name.hasSuffix(short)
            }
            guard owners.count == 1, let a = owners.first else { continue }
            mergeEntity(b, into: a)
            for k in mentions.indices where mentions[k].entity == b { mentions[k].entity = a }
        }
    }

    /// Moves every name and mention of one entity into another; the emptied one is dropped later.
    mutating func mergeEntity(_ from: Int, into to: Int) {
        guard from != to else { return }
        let f = entities[from]
        entities[to].aliases.insert(f.name)
        entities[to].aliases.formUnion(f.aliases)
        entities[to].aliases.remove(entities[to].name)
        entities[to].mentions += f.mentions
        entities[to].posts.formUnion(f.posts)
        entities[from].mentions = []
        entities[from].aliases = []
        for (k, v) in keys where v == from { keys[k] = to }
    }

    /// The entity a reference points at: the nearest before it in the article with the type and
    /// (for specific nouns) the suffix it names; for a bare zone name, the document's only zone of that kind.
    func referent(of c: Candidate, article: Int, mentions: [ResolvedMention], context: DocumentContext) -> Int? {
        if ["我市", "本市", "我省", "本省", "我县", "本县"].contains(c.referenceSuffix ?? "") {
            let word = c.referenceSuffix ?? ""
            let code = word.hasSuffix("市") ? context.cityCode : word.hasSuffix("省") ? context.provinceCode : context.countyCode
            return entities.firstIndex { $0.placeCode != nil && $0.placeCode == code && !$0.mentions.isEmpty }
        }
        let before = mentions.filter { $0.article == article && $0.range.upperBound <= c.range.lowerBound && !$0.candidate.reference }
            .sorted { $0.range.lowerBound > $1.range.lowerBound }
        let suffix = c.referenceSuffix ?? ""
        func fits(_ e: LocalEntity) -> Bool {
            switch suffix {
            case "区": return e.type == .park || e.type == .place
            case "校": return e.type == .organization && (e.name.hasSuffix("大学") || e.name.hasSuffix("学院") || e.name.hasSuffix("学校"))
            case "院": return e.type == .organization && e.name.hasSuffix("院")
            case "所": return e.type == .organization && e.name.hasSuffix("所")
            case "公司", "企业", "集团": return e.type == .company
            case "项目": return e.type == .project
            case "园区", "基地": return e.type == .park
            case "新区": return e.type == .park && e.name.hasSuffix("新区")
            case "研究院": return e.type == .organization && e.name.hasSuffix("研究院")
            case "经开区": return e.type == .park && (e.name.hasSuffix("经开区") || e.name.hasSuffix("经济技术开发区") || e.name.hasSuffix("经济开发区"))
            case "开发区": return e.type == .park && e.name.hasSuffix("开发区")
            case "高新区": return e.type == .park && (e.name.hasSuffix("高新区") || e.name.hasSuffix("高新技术产业开发区"))
            default: return e.type == c.type && (e.name.hasSuffix(suffix) || e.aliases.contains { $0.hasSuffix(suffix) })
            }
        }
        if let hit = before.first(where: { fits(entities[$0.entity]) }) { return hit.entity }
        if c.priority == 1 {
            // Bare zone names: the document's one zone of that kind, wherever it is named.
            let zones = Set(mentions.filter { !$0.candidate.reference && fits(entities[$0.entity]) }.map(\.entity))
            if zones.count == 1 { return zones.first }
        }
        return nil
    }
}
