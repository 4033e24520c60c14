import GuanxiGraph
import GuanxiText

/// Policies: titles in 《》, quoted names followed by a policy word, named lists.
extension Recognizer {
    static let quotePairs: [Unicode.Scalar: Unicode.Scalar] = ["“": "”", "\"": "\"", "「": "」", "『": "』", "‘": "’"]

    /// `《山西省“十四五”未来产业发展规划》`: a policy, unless the title names a newspaper or site.
    func titleMarks(_ s: [Unicode.Scalar], _ region: Range<Int>) -> [Candidate] {
        var out: [Candidate] = []
        var i = region.lowerBound
        while i < region.upperBound {
            guard s[i] == "《" else { i += 1; continue }
            var depth = 0, j = i
            var close: Int?
            while j < region.upperBound, j - i < 90 {
                if s[j] == "《" { depth += 1 }
                if s[j] == "》" { depth -= 1; if depth == 0 { close = j; break } }
                j += 1
            }
            guard let c = close else { i += 1; continue }
            let inner = i + 1..<c
            if inner.count >= 2, lexicon.mediaEndings.longest(endingAt: c, in: s, lower: i + 1) == 0 {
                var end = c + 1
                // `《…》协议` keeps the word that says what the title is.
                let tail = lexicon.policySuffixes.longest(startingAt: end, in: s, limit: region.upperBound)
                if tail > 0, ["协议", "条例", "办法", "通知"].contains(s.string(end..<(end + tail))) { end += tail }
                out.append(Candidate(range: i..<end, type: .policy, name: s.string(i..<end), priority: 4))
                // `《关于印发〈某某办法〉的通知》`: the title inside a title is a policy of its own.
                if let a = inner.first(where: { s[$0] == "〈" || s[$0] == "<" }),
                   let b = ((a + 1)..<c).first(where: { s[$0] == "〉" || s[$0] == ">" }), b - a > 3 {
                    out.append(Candidate(range: a..<(b + 1), type: .policy, name: "《" + s.string((a + 1)..<b) + "》", priority: 4))
                }
                // 《国务院关于…的意见》: the body that opens the title issued it.
                if let k = (i + 1..<c).first(where: { s.has("关于", at: $0) }), k > i + 2 {
                    let issuer = (i + 1)..<k
                    let text = s.string(issuer)
                    if lexicon.standaloneOrganizations.contains(text) || lexicon.suffixes.longest(endingAt: k, in: s, lower: i + 1) > 0 {
                        let type = lexicon.standaloneOrganizations.contains(text) ? EntityType.organization
                            : lexicon.suffixType[s.string((k - lexicon.suffixes.longest(endingAt: k, in: s, lower: i + 1))..<k)] ?? .organization
                        if type == .organization {
                            out.append(Candidate(range: issuer, type: .organization, name: text, priority: 4, issuerOfTitle: true))
                        }
                    }
                }
            }
            i = c + 1
        }
        return out
    }

    /// Quoted names: `“揭榜挂帅”制度`, `“冬季行动”`, `推进“三企入桂”工作`, and quoted
    /// organization or park names (`“低空经济智能制造院士专家工作站”`).
    func quotedNames(_ s: [Unicode.Scalar], _ region: Range<Int>) -> [Candidate] {
        var out: [Candidate] = []
        var i = region.lowerBound
        while i < region.upperBound {
            guard let closer = Recognizer.quotePairs[s[i]] else { i += 1; continue }
            var j = i + 1
            while j < region.upperBound, s[j] != closer, j - i <= 40 { j += 1 }
            guard j < region.upperBound, s[j] == closer, j - i >= 3 else { i += 1; continue }
            let inner = (i + 1)..<j
            let content = s.string(inner)
            let after = j + 1
            var tail = lexicon.policySuffixes.longest(startingAt: after, in: s, limit: region.upperBound)
            // `“十百千”企业培育计划`: a few words may stand between the quote and the policy word.
            if tail == 0, !content.contains("、") {
                var k = after
                while k < region.upperBound, k - after < 7, ChineseConverter.isHan(s[k]), !lexicon.hardStops.contains(s[k]) {
                    let n = lexicon.policySuffixes.longest(startingAt: k, in: s, limit: region.upperBound)
                    if n >= 2, k > after {
                        let e = k + n
                        if e >= region.upperBound || !ChineseConverter.isHan(s[e]) || lexicon.afterName.longest(startingAt: e, in: s, limit: region.upperBound) > 0 || s[e] == "的" {
                            tail = e - after
                        }
                        break
                    }
                    if boundaryWords.longest(startingAt: k, in: s, limit: region.upperBound) > 0 { break }
                    k += 1
                }
            }
            // `制造业数字化转型“快进”行动`: a descriptive head before the quote belongs to the name.
            var open = i
            if tail > 0 || lexicon.policyEndings.longest(endingAt: j, in: s, lower: i + 1) > 0 {
                var k = i
                let isList = tail > 0 && lexicon.listEndings.longest(endingAt: after + tail, in: s, lower: after) > 0
                while k > region.lowerBound, i - k < (isList ? 24 : 12), ChineseConverter.isHan(s[k - 1]), !lexicon.hardStops.contains(s[k - 1]),
                      boundaryWords.longest(endingAt: k, in: s, lower: region.lowerBound) == 0,
                      lexicon.policyVerbs.longest(endingAt: k, in: s, lower: region.lowerBound) == 0 { k -= 1 }
                let head = Array(s[k..<i])
                let afterCount = k > region.lowerBound && TextDates.digit(s[k - 1]) != nil
                if head.count >= 4, !afterCount {
                    let namesSomething = head.indices.contains { lexicon.suffixes.longest(endingAt: $0 + 1, in: head) > 0 }
                        || head.indices.contains { gazetteer.words.longest(startingAt: $0, in: head) > 0 }
                    if !namesSomething || isList { open = k }
                }
            }
            let innerSuffix = lexicon.suffixes.longest(endingAt: j, in: s, lower: i + 1)
            let plain = !content.contains("+") && !content.contains("、") && !content.contains(",") && !content.contains("，")
            if innerSuffix > 0, let type = lexicon.suffixType[s.string((j - innerSuffix)..<j)], type != .project,
               inner.count > innerSuffix + 1, plain, !isFalseSuffix(s, end: j, region: (i + 1)..<j) {
                out.append(Candidate(range: inner, type: type, name: content, priority: 3))
            } else if tail > 0 {
                out.append(Candidate(range: open..<(after + tail), type: .policy, name: s.string(open..<(after + tail)), priority: 3))
            } else if inner.count >= 3, inner.count <= 8, s[j - 1] == "条", "一二三四五六七八九十百".unicodeScalars.contains(s[j - 2]) {
                // `“银十条”`, `“科创二十条”`: a set of measures named by its count.
                out.append(Candidate(range: i..<(j + 1), type: .policy, name: s.string(i..<(j + 1)), priority: 3))
            } else if lexicon.policyEndings.longest(endingAt: j, in: s, lower: i + 1) > 0, inner.count >= 3, inner.count <= 14, plain {
                out.append(Candidate(range: open..<(j + 1), type: .policy, name: s.string(open..<(j + 1)), priority: 3))
            } else if lexicon.policyVerbs.longest(endingAt: i, in: s, lower: region.lowerBound) > 0,
                      s.has("工作", at: after) || s.has("活动", at: after) {
                out.append(Candidate(range: i..<(j + 1), type: .policy, name: s.string(i..<(j + 1)), priority: 3))
            }
            i = j + 1
        }
        return out
    }

    /// Whether a stem counts things (`20个应用场景`): a number followed by a measure word.
    func hasCount(_ st: [Unicode.Scalar]) -> Bool {
        st.indices.dropLast().contains { k in TextDates.digit(st[k]) != nil && "个家项".unicodeScalars.contains(st[k + 1]) }
    }

    /// Named lists: `第二批省级消费品特色园区名单`.
    func namedLists(_ s: [Unicode.Scalar], _ region: Range<Int>) -> [Candidate] {
        var out: [Candidate] = []
        guard region.count >= 2 else { return out }
        for e in (region.lowerBound + 1)...region.upperBound {
            let n = lexicon.listEndings.longest(endingAt: e, in: s, lower: region.lowerBound)
            guard n > 0 else { continue }
            var j = e - n
            // `…企业认定名单`, `…园区公示名单`: the list's own verb is part of its name.
            for verb in ["认定", "公示", "推荐", "评定", "拟认定"] where j - verb.unicodeScalars.count > region.lowerBound && s.has(verb, at: j - verb.unicodeScalars.count) {
                j -= verb.unicodeScalars.count; break
            }
            var quoted = false
            while j > region.lowerBound, e - j < 40 {
                if boundaryWords.longest(endingAt: j, in: s, lower: region.lowerBound) > 0, s[j] != "性" {
                    // `全省代表性园区名单`: a scope word opening a list's name stays in it.
                    let b = boundaryWords.longest(endingAt: j, in: s, lower: region.lowerBound)
                    if ["全省", "全市", "全国", "全区", "全县"].contains(s.string((j - b)..<j)),
                       j - b == region.lowerBound || !ChineseConverter.isHan(s[j - b - 1]) || lexicon.hardStops.contains(s[j - b - 1])
                        || boundaryWords.longest(endingAt: j - b, in: s, lower: region.lowerBound) > 0 { j -= b }
                    break
                }
                let c = s[j - 1]
                // `A名单和B名单`, `“甲”和乙名单`: a conjunction after another list or a quoted name ends this one.
                if lexicon.weakStops.contains(c) || c == "、",
                   j - 2 >= region.lowerBound, s[j - 2] == "”" || lexicon.listEndings.longest(endingAt: j - 1, in: s, lower: region.lowerBound) > 0 { break }
                // `专精特新“小巨人”企业名单`: quotes inside a list's name.
                if c == "“" || c == "”" { quoted = true; j -= 1; continue }
                if !Recognizer.isNameChar(c) || lexicon.hardStops.contains(c) || c == "》" { break }
                j -= 1
            }
            // An unmatched quote opening the name is not part of it.
            while j < e - n, s[j] == "”" { j += 1 }
            let stem = s.string(j..<(e - n))
            guard stem.unicodeScalars.count >= 4, !stem.hasPrefix("项目"), !lexicon.genericStems.contains(stem),
                  !hasCount(Array(stem.unicodeScalars)) else { continue }
            out.append(Candidate(range: j..<e, type: .policy, name: s.string(j..<e), priority: quoted ? 3 : 2))
        }
        return out
    }
}
