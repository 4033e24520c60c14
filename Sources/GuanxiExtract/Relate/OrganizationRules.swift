import GuanxiGraph
import GuanxiText

/// Which entity types each relation joins (ANNOTATION.md's table): a rule whose ends do not fit
/// makes no edge.
enum RelationSchema {
    static func allows(_ r: RelationType, head: EntityType, tail: EntityType) -> Bool {
        switch r {
        case .holdsPost: head == .official && [.organization, .place, .company, .park].contains(tail)
        case .visited: head == .official && [.park, .company, .project, .place, .organization].contains(tail)
        case .locatedIn: [.company, .project, .organization, .park].contains(head) && [.park, .place].contains(tail)
        case .issued: [.organization, .place].contains(head) && tail == .policy
        case .selectedInto: [.park, .company, .organization, .project].contains(head) && tail == .policy
        case .implements: [.park, .organization, .place, .company].contains(head) && tail == .policy
        case .builds: [.company, .organization].contains(head) && tail == .project
        case .subsidiaryOf: head == .company && tail == .company
        case .investsIn: head == .company && [.park, .company, .project].contains(tail)
        case .cooperatesWith, .signedWith:
            [.organization, .park, .company, .place].contains(head) && [.organization, .park, .company, .place].contains(tail)
        case .incubatedBy: head == .company && tail == .organization
        case .leads: head == .official && [.organization, .project].contains(tail)
        case .accompanied: head == .official && tail == .official
        case .supports: [.organization, .place, .policy].contains(head) && tail != .official
        case .partOf: (head == .organization && tail == .organization) || (head == .park && tail == .park)
        }
    }
}

extension Relator {
    mutating func relateOrganizations(_ r: Range<Int>, _ a: Int, _ ms: [ResolvedMention], _ d: SentenceDiscourse,
                                      recent: [EntityType: Int], policyTopic: Int? = nil, selectContext: Bool = false, lastList: Int? = nil) {
        func triggers(_ w: WordSet) -> [Range<Int>] { find(w, in: r).filter { !insideMention($0.lowerBound, ms) } }
        // The sentence's actors and its topic (the zone or body it is about): the discourse stage's.
        let actors = d.actors, topic = d.topic

        // (A company right before a project builds it: the pattern build.adjacent.)
        rule = "build.named-in-project"
        for m in ms where m.candidate.nested && (type(m) == .company || type(m) == .organization) {
            if let outer = ms.first(where: { $0.entity != m.entity && type($0) == .project && $0.range.contains(m.range.lowerBound) }) {
                add(m.entity, .builds, outer.entity, r, a)
            }
        }

        // located_in: X 位于/落户/选址 Y; 位于 Y 的 X; X 在 Y 开工.
        rule = "locate.verb"
        for t in triggers(words.locate) {
            let cl = clause(around: t.lowerBound, in: r)
            let officials = ms.filter { type($0) == .official }
            let heads = coordinatedGroup(ms.filter { [.company, .project, .organization, .park].contains(type($0)) && $0.range.upperBound <= t.lowerBound && cl.contains($0.range.lowerBound) && !$0.candidate.nested && !isInPost($0, officials) }, before: t.lowerBound)
            let after = ms.filter { $0.range.lowerBound >= t.upperBound }
            guard let tail = after.first(where: { [.park, .place].contains(type($0)) }) else { continue }
            // `X项目：总投资68亿元，位于Y`: a clause opening with the verb speaks of the sentence's project or company.
            if heads.isEmpty, t.lowerBound == cl.lowerBound,
               let h = ms.last(where: { [.project, .company].contains(type($0)) && $0.range.upperBound <= cl.lowerBound && !$0.candidate.nested }) {
                add(h.entity, .locatedIn, tail.entity, r, a)
                continue
            }
            if heads.isEmpty {
                // 位于 Y 的 X
                if let x = after.first(where: { $0.range.lowerBound > tail.range.upperBound && [.company, .project, .organization, .park].contains(type($0)) }),
                   s.string(tail.range.upperBound..<x.range.lowerBound).contains("的") {
                    add(x.entity, .locatedIn, tail.entity, r, a)
                    if let p = after.first(where: { $0.range.lowerBound == x.range.upperBound && type($0) == .project }) {
                        add(p.entity, .locatedIn, tail.entity, r, a)
                    }
                }
            } else {
                for h in heads { add(h.entity, .locatedIn, tail.entity, r, a) }
            }
        }
        // X（已于去年）在 Y（正式）投产/建成/设立…: the project or company nearest before 在 in its clause.
        rule = "locate.zai-verb"
        for y in ms where [.park, .place].contains(type(y)) && y.range.lowerBound > r.lowerBound && s[y.range.lowerBound - 1] == "在" {
            var v = y.range.upperBound
            while let adverb = ["正式", "顺利", "全面", "已经", "已", "将", "率先", "成功"].first(where: { s.has($0, at: v) }) { v += adverb.unicodeScalars.count }
            guard words.locateAfterIn.longest(startingAt: v, in: s, limit: r.upperBound) > 0 else { continue }
            let cl = clause(around: y.range.lowerBound, in: r)
            guard !y.candidate.nested else { continue }
            // 在Y建设X项目: the project built there; else what the clause is about.
            if let built = ms.first(where: { type($0) == .project && $0.range.lowerBound >= v && $0.range.lowerBound - v <= 6 && cl.contains($0.range.lowerBound) }) {
                add(built.entity, .locatedIn, y.entity, r, a)
            } else if let h = ms.last(where: { [.project, .company, .organization].contains(type($0)) && $0.range.upperBound < y.range.lowerBound && cl.contains($0.range.lowerBound) && !$0.candidate.nested }) {
                add(h.entity, .locatedIn, y.entity, r, a)
            }
        }
        // `我市加快建设A、B等园区`: a place building zones holds them.
        rule = "locate.place-develops-zones"
        for t in triggers(words.develop) {
            let cl = clause(around: t.lowerBound, in: r)
            guard let place = ms.last(where: { type($0) == .place && $0.range.upperBound <= t.lowerBound && $0.range.lowerBound >= cl.lowerBound }),
                  !ms.contains(where: { $0.range.lowerBound > place.range.upperBound && $0.range.upperBound <= t.lowerBound }) else { continue }
            let zones = ms.filter { $0.range.lowerBound >= t.upperBound && $0.range.upperBound <= cl.upperBound && !$0.candidate.nested }
            // (The first zone may be a name not recognised: `建设甲产业园、乙产业园等园区`.)
            guard let first = zones.first, type(first) == .park,
                  first.range.lowerBound - t.upperBound <= 1 || (s[first.range.lowerBound - 1] == "、" && first.range.lowerBound - t.upperBound <= 12) else { continue }
            for z in coordinatedFrom(zones) where type(z) == .park { add(z.entity, .locatedIn, place.entity, r, a) }
        }
        // issued: bodies before 发布/印发/公布 and the policies after it.
        rule = "issue.verb"
        let issues = triggers(words.issue).filter { !s.has("会", at: $0.upperBound) }
        for (k, t) in issues.enumerated() {
            // `经省政府同意，省工信厅印发…`: the body that approved is not the issuer.
            let issuers = ms.filter { m in [.organization, .place].contains(type(m)) && m.range.upperBound <= t.lowerBound && !m.candidate.nested
                && !(m.range.lowerBound > r.lowerBound && s[m.range.lowerBound - 1] == "经" && (s.has("同意", at: m.range.upperBound) || s.has("批准", at: m.range.upperBound))) }
            var lastGroup = coordinatedGroup(issuers, before: t.lowerBound)
            // The issuer is near its verb, with no title between them (`省委、省政府《意见》…，现予公布`
            // names the issuer of the title, not of what is announced).
            if let last = lastGroup.last, t.lowerBound - last.range.upperBound > 40
                || ms.contains(where: { type($0) == .policy && $0.range.lowerBound >= last.range.upperBound && $0.range.upperBound <= t.lowerBound }) {
                lastGroup = []
            }
            let next = k + 1 < issues.count ? issues[k + 1].lowerBound : r.upperBound
            let policies = ms.filter { type($0) == .policy && $0.range.lowerBound >= t.upperBound && ($0.range.lowerBound < next || lastGroup.isEmpty) }
            for p in policies { for i in lastGroup { add(i.entity, .issued, p.entity, r, a) } }
        }
        // `省委、省政府《关于…的意见》`: the bodies named right before a title issued it.
        rule = "issue.bodies-before-title"
        for p in ms where type(p) == .policy && p.range.lowerBound > r.lowerBound && s[p.range.lowerBound] == "《" {
            let bodies = ms.filter { [.organization].contains(type($0)) && $0.range.upperBound <= p.range.lowerBound && !$0.candidate.nested && !$0.candidate.issuerOfTitle }
            guard let last = bodies.last, last.range.upperBound == p.range.lowerBound else { continue }
            for b in coordinatedGroup(bodies, before: p.range.lowerBound) { add(b.entity, .issued, p.entity, r, a) }
        }
        // 《国务院关于…》: the body opening the title issued it.
        rule = "issue.body-opens-title"
        for m in ms where m.candidate.issuerOfTitle {
            guard let p = ms.first(where: { type($0) == .policy && $0.range.contains(m.range.lowerBound) }) else { continue }
            add(m.entity, .issued, p.entity, r, a)
            // 《X关于印发〈Y〉的通知》: the notice says X issued Y too.
            rule = "issue.printed-in-title"
            for inner in ms where type(inner) == .policy && inner.entity != p.entity && p.range.contains(inner.range.lowerBound)
                && inner.range.lowerBound >= m.range.upperBound && !find(words.issue, in: m.range.upperBound..<inner.range.lowerBound).isEmpty {
                add(m.entity, .issued, inner.entity, r, a)
            }
            rule = "issue.body-opens-title"
        }
        // 《方案》获得国家发展改革委批复: passive approval.
        rule = "issue.approved-by"
        for t in triggers(words.approve) {
            if let p = ms.last(where: { type($0) == .policy && $0.range.upperBound <= t.lowerBound }),
               let o = ms.last(where: { type($0) == .organization && $0.range.upperBound <= t.lowerBound && $0.range.lowerBound > p.range.upperBound }) {
                add(o.entity, .issued, p.entity, r, a)
            }
        }

        // selected_into: zones or companies 入选 a list (named here or just before); a sentence
        // opening with 其中 lists the members of the one before.
        rule = "select.verb"
        let opensWithAmong = s.has("其中", at: r.lowerBound) || (selectContext && isListItem(r))
        if !triggers(words.select).isEmpty || (opensWithAmong && lastList != nil) {
            let lists = ms.filter { type($0) == .policy }
            let target = lists.last(where: { isList(entities[$0.entity].name) })?.entity ?? lastList ?? lists.first?.entity
            if let target {
                for m in ms where [.park, .company].contains(type(m)) && !m.candidate.nested {
                    add(m.entity, .selectedInto, target, r, a)
                }
            }
        }

        // implements: a zone, body or place and the policy after 推进/实施/开展.
        rule = "implement.verb"
        for t in triggers(words.implement) {
            guard let p = ms.first(where: { type($0) == .policy && $0.range.lowerBound >= t.upperBound && $0.range.lowerBound - t.upperBound <= 12 }) else { continue }
            // The subject: the zone or body opening a clause before the verb, else the nearest before it.
            let before = ms.filter { [.park, .organization, .place].contains(type($0)) && $0.range.upperBound <= t.lowerBound && !$0.candidate.nested }
            let opener = before.first { m in
                m.range.lowerBound == r.lowerBound || [",", "，", ";", "；", "、"].contains(s[m.range.lowerBound - 1]) && !(m.range.lowerBound - 1 > r.lowerBound && s[m.range.lowerBound - 2] == "、")
            }
            if let subject = (opener ?? before.last)?.entity { add(subject, .implements, p.entity, r, a) }
        }

        // builds: a company, 新上/投资建设, the project.
        rule = "build.verb"
        for t in triggers(words.build) {
            guard let p = ms.first(where: { type($0) == .project && $0.range.lowerBound >= t.upperBound && $0.range.lowerBound - t.upperBound <= 16 }) else { continue }
            if let c = ms.last(where: { [.company, .organization].contains(type($0)) && $0.range.upperBound <= t.lowerBound && !$0.candidate.nested }) {
                // `A、B分别与园区签约X和Y`: the signing rule pairs them; 签约 alone is A's own project.
                if s.has("签约", at: t.lowerBound), s[c.range.upperBound..<t.lowerBound].contains(where: { Relator.coordinators.contains($0) }) { continue }
                add(c.entity, .builds, p.entity, r, a)
                // X 在 太原、长治等地 布局 项目: the project is in those places.
                for place in ms where [.place, .park].contains(type(place)) && place.range.lowerBound > c.range.upperBound && place.range.upperBound <= t.lowerBound
                    && !place.candidate.nested && s[c.range.upperBound..<place.range.lowerBound].contains("在") {
                    add(p.entity, .locatedIn, place.entity, r, a)
                }
            }
        }
        // 该项目…由X控股建设: the body after 由 builds the project named before it.
        rule = "build.built-by"
        for t in triggers(words.builtBy) {
            guard let c = ms.last(where: { [.company, .organization].contains(type($0)) && $0.range.upperBound <= t.lowerBound }),
                  let by = lastIndex(of: "由", before: c.range.lowerBound, from: r.lowerBound), c.range.lowerBound - by <= 30,
                  let p = ms.last(where: { type($0) == .project && $0.range.upperBound <= by }) ?? recent[.project].map({ e in ResolvedMention(entity: e, range: r.lowerBound..<r.lowerBound, article: a, candidate: c.candidate) }) else { continue }
            add(c.entity, .builds, p.entity, r, a)
        }
        // invests_in: X 在 园区 布局/投资; 投资方 … X.
        rule = "invest.in-zone"
        for t in triggers(words.investVerbs) {
            if let park = ms.last(where: { type($0) == .park && $0.range.upperBound <= t.lowerBound && t.lowerBound - $0.range.upperBound <= 1 }),
               park.range.lowerBound > 0, s[park.range.lowerBound - 1] == "在",
               let c = ms.last(where: { type($0) == .company && $0.range.upperBound <= park.range.lowerBound }) {
                add(c.entity, .investsIn, park.entity, r, a)
                // 布局2家企业，其中，A…，B…: subsidiaries.
                if let k = find(words.among, in: t.upperBound..<r.upperBound).first {
                    for sub in ms where type(sub) == .company && sub.range.lowerBound > k.upperBound {
                        add(sub.entity, .subsidiaryOf, c.entity, r, a)
                    }
                }
            }
        }
        rule = "invest.investor"
        if !find(words.investor, in: r).isEmpty, let project = ms.first(where: { type($0) == .project })?.entity ?? recent[.project] {
            for c in ms where type(c) == .company { add(c.entity, .investsIn, project, r, a) }
        }
        // 旗下/下属: subsidiary or part.
        rule = "own.subsidiary"
        for t in triggers(words.ownedBy) {
            if let parent = ms.last(where: { $0.range.upperBound <= t.lowerBound && [.company, .organization].contains(type($0)) }) ?? recent[.organization].flatMap({ e in ms.isEmpty ? nil : ms.first { $0.entity == e } }),
               let child = ms.first(where: { $0.range.lowerBound >= t.upperBound && [.company, .organization].contains(type($0)) }) {
                add(child.entity, type(child) == .company ? .subsidiaryOf : .partOf, parent.entity, r, a)
            }
        }

        // cooperates_with / signed_with: A 与 B … 合作/共建/签约; A、B 携手.
        rule = "cooperate.verb"
        for t in triggers(words.cooperate) {
            let cl = r.lowerBound..<t.lowerBound
            let before = actors.filter { cl.contains($0.range.lowerBound) }
            guard !before.isEmpty else { continue }
            // 签署战略合作协议: one signing, not a signing and a cooperation.
            let isSign = words.sign.longest(startingAt: t.lowerBound, in: s, limit: t.upperBound) > 0
                || (!find(words.sign, in: r).isEmpty && ms.contains { type($0) == .company })
            let own = clause(around: t.lowerBound, in: r).lowerBound..<t.lowerBound
            if let w = lastCoordinator(in: own, mentions: before) {
                // `我市分别与A签订X；与B签订Y`: a clause opening with 与 has the sentence's subject as its party.
                let opensWithCoordinator = w == own.lowerBound || (w - own.lowerBound <= 2 && !before.contains { $0.range.lowerBound >= own.lowerBound && $0.range.upperBound <= w })
                var left = before.filter { $0.range.upperBound <= w && (!opensWithCoordinator || $0.range.lowerBound >= own.lowerBound) }
                let right = before.filter { $0.range.lowerBound > w }
                if left.isEmpty, let tp = topic, !right.contains(where: { $0.entity == tp }) {
                    left = [ResolvedMention(entity: tp, range: cl.lowerBound..<cl.lowerBound, article: a, candidate: right[0].candidate)]
                }
                let leftGroup = coordinatedGroup(left, before: w)
                for x in leftGroup {
                    for y in right where x.entity != y.entity {
                        if isSign, type(x) == .company || type(y) == .company {
                            rule = "sign.verb"
                            type(x) == .company ? add(x.entity, .signedWith, y.entity, r, a) : add(y.entity, .signedWith, x.entity, r, a)
                        } else {
                            rule = "cooperate.verb"
                            add(x.entity, .cooperatesWith, y.entity, r, a)
                        }
                    }
                }
                // 签约 X项目: the signing companies invest in the projects after the verb; 分别 pairs them.
                if isSign {
                    rule = "invest.signed-project"
                    let signedIn = clause(around: t.lowerBound, in: r)
                    let projects = ms.filter { (type($0) == .project || type($0) == .park) && $0.range.lowerBound >= t.upperBound && $0.range.lowerBound < signedIn.upperBound }
                    var companies = leftGroup.filter { type($0) == .company }
                    // `我市与A签订X项目`: the company on the other side invests; a body builds.
                    if companies.isEmpty {
                        let others = right.filter { [.company, .organization].contains(type($0)) }
                        if others.count == 1 {
                            for p in projects where type(p) == .project {
                                add(others[0].entity, type(others[0]) == .company ? .investsIn : .builds, p.entity, r, a)
                            }
                        }
                        companies = []
                    }
                    if !find(words.respectively, in: r).isEmpty, companies.count == projects.count {
                        rule = "invest.signed-respectively"
                        for (c, p) in zip(companies, projects) { add(c.entity, .investsIn, p.entity, r, a) }
                    } else if projects.count == 1 {
                        for c in companies { add(c.entity, .investsIn, projects[0].entity, r, a) }
                    }
                }
            } else if s.string(t).hasPrefix("携手") || s.string(t).hasPrefix("合作"), before.count >= 2 {
                let cl = clause(around: t.lowerBound, in: r)
                let group = coordinatedGroup(before.filter { cl.contains($0.range.lowerBound) }, before: t.lowerBound)
                guard group.count >= 2 else { continue }
                rule = "cooperate.together"
                for (i, x) in group.enumerated() { for y in group.dropFirst(i + 1) { add(x.entity, .cooperatesWith, y.entity, r, a) } }
            }
        }

        // incubated_by: 依托 X … 孵化的 Y.
        // 依托其…孵化: 其 is the body named before.
        rule = "incubate.relying-on"
        if let t = find(words.relyingOn, in: r).first, let h = find(words.incubate, in: t.upperBound..<r.upperBound).first,
           let x = ms.first(where: { type($0) == .organization && $0.range.lowerBound >= t.upperBound && $0.range.upperBound <= h.lowerBound })
                ?? ms.last(where: { type($0) == .organization && $0.range.upperBound <= t.lowerBound }),
           let y = ms.first(where: { type($0) == .company && $0.range.lowerBound >= h.upperBound }) {
            add(y.entity, .incubatedBy, x.entity, r, a)
        }

        // X孵化Y / X已孵化Y: a company incubated by the body or zone before the verb.
        rule = "incubate.verb"
        for t in triggers(words.incubate) {
            guard !s[r.lowerBound..<t.lowerBound].contains("托") else { continue }
            if let x = ms.last(where: { [.organization].contains(type($0)) && $0.range.upperBound <= t.lowerBound }),
               let y = ms.first(where: { type($0) == .company && $0.range.lowerBound >= t.upperBound && $0.range.lowerBound - t.upperBound <= 4 }) {
                add(y.entity, .incubatedBy, x.entity, r, a)
            }
        }
        // supports: a policy, body or place 支持/扶持 the zones, bodies or projects listed after it.
        rule = "support.verb"
        for t in triggers(words.support) {
            let cl = clause(around: t.lowerBound, in: r)
            guard let subjectEntity = ms.last(where: { [.policy, .organization, .place].contains(type($0)) && $0.range.upperBound <= t.lowerBound && !$0.candidate.nested && !$0.candidate.issuerOfTitle })?.entity
                    ?? (t.lowerBound - r.lowerBound <= 1 ? policyTopic : nil) else { continue }
            let objects = ms.filter { $0.range.lowerBound >= t.upperBound && $0.range.upperBound <= cl.upperBound && [.park, .organization, .company, .project].contains(type($0)) }
            guard let first = objects.first, first.range.lowerBound - t.upperBound <= 2 else { continue }
            for o in coordinatedFrom(objects) { add(subjectEntity, .supports, o.entity, r, a) }
        }
        // supports: a policy whose title says it supports a named zone or body.
        rule = "support.title-names"
        for p in ms where type(p) == .policy {
            let name = entities[p.entity].name
            guard let k = name.range(of: "支持") else { continue }
            let rest = NameKey.of(String(name[k.upperBound...]))
            for (idx, e) in entities.enumerated() where idx != p.entity && [.park, .organization, .company, .project].contains(e.type) {
                if e.name.count >= 4, rest.hasPrefix(NameKey.of(e.name)) { add(p.entity, .supports, idx, r, a) }
            }
        }

        // part_of / located_in from nesting: a zone inside a zone's name.
        rule = "locate.zone-in-zone-name"
        for m in ms where m.candidate.nested && type(m) == .park {
            if let outer = ms.first(where: { $0.entity != m.entity && type($0) == .park && $0.range.contains(m.range.lowerBound) && $0.range.count > m.range.count }) {
                add(outer.entity, .locatedIn, m.entity, r, a)
            }
        }
    }

    /// A numbered line: `1. `, `2、`, `一、`, `（三）`.
    func isListItem(_ r: Range<Int>) -> Bool {
        var i = r.lowerBound
        let open = i < r.upperBound && (s[i] == "(" || s[i] == "（")
        if open { i += 1 }
        let digits = i
        while i < r.upperBound, TextDates.digit(s[i]) != nil || "一二三四五六七八九十".unicodeScalars.contains(s[i]) { i += 1 }
        guard i > digits, i < r.upperBound else { return false }
        return open ? (s[i] == ")" || s[i] == "）") : [".", "、", "．", ")"].contains(s[i])
    }

    /// Whether a policy's name is a list (`…名单`, `…清单`, `…目录`).
    func isList(_ name: String) -> Bool {
        let n = name.replacingOccurrences(of: "》", with: "")
        return n.hasSuffix("名单") || n.hasSuffix("清单") || n.hasSuffix("目录") || n.hasSuffix("榜单")
    }


    /// The text between two mentions, or nil when they overlap (a name nested in another).
    func text(between a: Range<Int>, and b: Range<Int>) -> String? {
        a.upperBound <= b.lowerBound ? s.string(a.upperBound..<b.lowerBound) : nil
    }

    /// The members of the coordination that starts with the first mention: `A、B和C等`.
    func coordinatedFrom(_ ms: [ResolvedMention]) -> [ResolvedMention] {
        let sorted = ms.sorted { $0.range.lowerBound < $1.range.lowerBound }
        guard var last = sorted.first else { return [] }
        var group = [last]
        for m in sorted.dropFirst() {
            guard let gap = text(between: last.range, and: m.range) else { continue }
            if gap.isEmpty || ["、", "和", "与", "及", "以及"].contains(gap) { group.append(m); last = m } else { break }
        }
        return group
    }

    /// The members of the coordination that ends right before `p`: `A、B和C`.
    func coordinatedGroup(_ ms: [ResolvedMention], before p: Int) -> [ResolvedMention] {
        let sorted = ms.sorted { $0.range.lowerBound < $1.range.lowerBound }
        guard var last = sorted.last else { return [] }
        var group = [last]
        for m in sorted.dropLast().reversed() {
            guard let gap = text(between: m.range, and: last.range) else { continue }
            if gap.isEmpty || ["、", "和", "与", "及", ",", "，", "以及", "、省"].contains(gap) { group.insert(m, at: 0); last = m } else { break }
        }
        _ = p
        return group
    }

    /// The position of the last `与`/`和`/`同` between mentions in a clause (the coordinator of two parties).
    func lastCoordinator(in cl: Range<Int>, mentions: [ResolvedMention]) -> Int? {
        var i = cl.upperBound - 1
        while i >= cl.lowerBound {
            if Relator.coordinators.contains(s[i]), !insideMention(i, mentions),
               mentions.contains(where: { $0.range.upperBound <= i }) || true,
               mentions.contains(where: { $0.range.lowerBound > i }) {
                return i
            }
            i -= 1
        }
        return nil
    }
}
