import GuanxiGraph
import GuanxiText

/// Who a sentence is about, worked out before any rule reads it: the discourse stage.
///
/// Chinese reports name their actor once and leave it out afterwards (`市长张三来到A园区。随后，
/// 走访了B公司。`). The stage carries the official the article follows and the zone or body it is
/// about from sentence to sentence (never across articles), and says who accompanies whom, so that
/// the rules — in code or as patterns — read one sentence at a time with the implicit subject filled in.
struct SentenceDiscourse {
    /// The officials named in the sentence.
    var officials: [ResolvedMention] = []
    /// The first `陪同` trigger of the sentence, if any.
    var accompanyTrigger: Range<Int>?
    /// The officials named as accompanying someone (before `陪同`), in order.
    var accompanying: [ResolvedMention] = []
    /// Whom they accompany (named after `陪同`, before `在…陪同下`, or the official followed so far).
    var accompanied: Int?
    /// The officials who act in the sentence: named, neither accompanying nor nested in another name.
    var subjects: [ResolvedMention] = []
    /// The official the article follows after this sentence (named here or carried from before).
    var subject: Int?
    /// The officials leading the group the article follows (`区领导A、B带队`, `A和B一行`): a visit
    /// by one of them, or by a body standing for the group, is a visit by each.
    var group: [Int] = []
    /// The organizations, zones, places and companies the sentence names (not nested in a name).
    var actors: [ResolvedMention] = []
    /// The zone, body, place or company the sentence is about: its first such name near its start,
    /// else the one before (a sentence opening with 与 continues the one before).
    var topic: Int?

    /// Everyone a visit by `who` is a visit of: the group when `who` leads it.
    func visitors(_ who: Int) -> [Int] { group.contains(who) ? group : [who] }
}

extension Relator {
    /// The discourse of sentence `r` given the one before (`previous`, or an empty one at an
    /// article's start): who is named, who accompanies whom, and the subject and topic carried on.
    func discourse(_ r: Range<Int>, _ ms: [ResolvedMention], after previous: SentenceDiscourse) -> SentenceDiscourse {
        var d = SentenceDiscourse()
        d.subject = previous.subject
        d.group = previous.group
        d.topic = previous.topic
        let officials = ms.filter { type($0) == .official }
        d.officials = officials
        let acc = find(words.accompany, in: r).filter { !insideMention($0.lowerBound, ms) }
        d.accompanyTrigger = acc.first
        var accompanying = Set<Int>()
        if let t = acc.first {
            let after = officials.first { $0.range.lowerBound >= t.upperBound }
            var main = after?.entity ?? previous.subject
            var lower = r.lowerBound
            // `X在Y的陪同下…`: the officials between 在 and 陪同 accompany the one before 在.
            // (The officials listed may run over commas: `X，在A，B，C等陪同下`.)
            if s.has("下", at: t.upperBound),
               let zai = (max(r.lowerBound, t.lowerBound - 80)..<t.lowerBound).reversed().first(where: { s[$0] == "在" && !insideMention($0, ms) }),
               let lead = officials.last(where: { $0.range.upperBound <= zai }) {
                main = lead.entity; lower = zai
            }
            d.accompanied = main
            for o in officials where o.range.upperBound <= t.lowerBound && o.range.lowerBound >= lower {
                accompanying.insert(o.entity)
                d.accompanying.append(o)
            }
        }
        let subjects = officials.filter { !accompanying.contains($0.entity) && !$0.candidate.nested }
        d.subjects = subjects
        if let first = subjects.first(where: { o in !officials.contains { $0.entity != o.entity && $0.range.upperBound <= o.range.lowerBound && accompanying.contains($0.entity) } }) {
            if acc.isEmpty || first.range.lowerBound > (acc.first?.upperBound ?? 0) || previous.subject == nil {
                d.subject = first.entity
                // Leaders named together (`区领导A、B带队`, `A和B一行`) head one group.
                var group = [first], last = first
                for o in subjects where o.range.lowerBound > last.range.upperBound {
                    let gap = s.string(last.range.upperBound..<o.range.lowerBound)
                    let sharedPost = o.candidate.postRange != nil && o.candidate.postRange == first.candidate.postRange
                    if sharedPost && gap == "、" || ["和", "与", "及"].contains(gap) { group.append(o); last = o } else { break }
                }
                d.group = group.map(\.entity)
            }
        }
        // The zone or body a sentence is about: its first actor, else the one before.
        d.actors = ms.filter { [.organization, .park, .place, .company].contains(type($0)) && !$0.candidate.nested }
        if let first = d.actors.first, first.range.lowerBound - r.lowerBound < 14, !Relator.coordinators.contains(s[r.lowerBound]) { d.topic = first.entity }
        return d
    }
}
