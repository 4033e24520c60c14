import GuanxiGraph
import GuanxiText

/// Officials: a personal name next to a post (`市委副书记、代市长陈凯`, `教授钱征华`,
/// `相关负责人王健说`), names listed after one post (`县区领导肖红松、李碧`), and appointments
/// (`张东同志任…主任`). Reporters named in bylines are never officials.
extension Recognizer {
    /// Length of a personal name starting at `i` (0 when there is none): a surname and one or two
    /// characters, followed by something a name is followed by.
    func personName(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> Int {
        let sn = surnames.surnameLength(s, at: i)
        guard sn > 0 else { return 0 }
        func ok(_ len: Int) -> Bool {
            guard i + len <= limit else { return false }
            for k in (i + sn)..<(i + len) {
                // `龙长春`, `李长江`: 长 opens a two-character given name (a post never follows a bare surname);
                // `姜有为`: 为 may close one.
                if s[k] == "长", k == i + sn, len == sn + 2 { continue }
                if s[k] == "为", k == i + len - 1, len == sn + 2, i + len < limit, lexicon.afterName.longest(startingAt: i + len, in: s, limit: limit) >= 2 { continue }
                guard ChineseConverter.isHan(s[k]), !lexicon.notInGivenName.contains(s[k]) else { return false }
            }
            if isPlaceNotName(s, at: i, length: len, surname: sn) { return false }
            if i + len == limit { return true }
            let next = s[i + len]
            // `甲、乙5位…`: a count of the people listed.
            if TextDates.digit(next) != nil {
                var c = i + len
                while c < limit, TextDates.digit(s[c]) != nil { c += 1 }
                return c < limit && "位人名".unicodeScalars.contains(s[c])
            }
            if !ChineseConverter.isHan(next) { return !Recognizer.isNameChar(next) || next == " " }
            // 黄立峰教授: a name may be followed by a post too.
            return lexicon.afterName.longest(startingAt: i + len, in: s, limit: limit) > 0
                || lexicon.titles.longest(startingAt: i + len, in: s, limit: limit) >= 2
        }
        // `姜有为出席`: 为 closes the given name when a word a name is followed by comes after it.
        if i + sn + 2 < limit, s[i + sn + 1] == "为", lexicon.afterName.longest(startingAt: i + sn + 2, in: s, limit: limit) >= 2, ok(sn + 2) { return sn + 2 }
        // Prefer the shorter name when the character after it starts a following word (`陈凯在`).
        if ok(sn + 1) { return sn + 1 }
        if ok(sn + 2) { return sn + 2 }
        return 0
    }

    /// `任嘉善县委书记`, `温岭市委`: a place's name (after the verb 任) is no personal name.
    func isPlaceNotName(_ s: [Unicode.Scalar], at i: Int, length len: Int, surname sn: Int) -> Bool {
        gazetteer.words.longest(startingAt: i, in: s, limit: i + len) == len
            || (s[i] == "任" && len - sn >= 2 && gazetteer.words.longest(startingAt: i + sn, in: s, limit: i + len) == len - sn)
    }

    /// Characters that are no part of a given name standing in a list.
    static let notInListedName = ScalarSet("的了在是和与等及将为对从也都还把被说这那个们年月日省市县区委局厅部会")

    /// Length of a name that stands between a list's separators (`、吕业升、`): a surname and one or
    /// two characters, then `、` or the list's end; 0 when there is none.
    func listedName(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> Int {
        let sn = surnames.surnameLength(s, at: i)
        guard sn > 0 else { return 0 }
        for len in (sn + 1)...(sn + 2) where i + len <= limit {
            guard (i + sn..<(i + len)).allSatisfy({ ChineseConverter.isHan(s[$0]) && !Recognizer.notInListedName.contains(s[$0]) }) else { return 0 }
            if i + len == limit { return len }
            let next = s[i + len]
            if next == "、" || next == "。" || next == "；" || TextDates.digit(next) != nil { return len }
            if ["出席", "主持", "列席", "参加"].contains(where: { s.has($0, at: i + len) }) { return len }
        }
        return 0
    }

    /// A name of 2–4 characters whose family name is not in the list (`乌兰图雅`), after a post:
    /// accepted only when a word a name is followed by comes right after it.
    func unlistedName(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> Int {
        for len in 2...4 where i + len < limit {
            guard s[i..<(i + len)].allSatisfy({ ChineseConverter.isHan($0) && !lexicon.notInGivenName.contains($0) }) else { return 0 }
            if "司部局处组院所会队".unicodeScalars.contains(s[i + len - 1]) { continue }
            let next = s[i + len]
            if next == "、" || next == "，" || next == "," { return len }
            if lexicon.afterName.longest(startingAt: i + len, in: s, limit: limit) >= 2 { return len }
        }
        return 0
    }

    /// First characters of the verbs of appointment (most positions open none).
    static let appointingInitials = ScalarSet("任提聘推免决")
    /// Verbs by which a body appoints (`任命张伟为…`) or removes (`免去李强的…职务`) an official.
    static let appointingVerbs = ["任命", "提名", "聘任", "推荐", "免去", "决定任命", "决定免去"]
    /// What may stand before names listed on their own (`甲主持会议，乙、丙出席会议`).
    static let listOpeners = ScalarSet(",，。；;")
    /// Verbs by which an official takes up, holds or leaves a post (`张东任…`, `不再担任…`).
    static let postVerbs: [(String, PostStatus)] = [("不再担任", .left), ("辞去", .left), ("拟任", .appointed), ("当选", .appointed),
                                                    ("担任", .held), ("任", .appointed)]
    /// Verbs of a meeting that close a list of names standing on their own.
    static let meetingVerbs = ["主持会议", "出席会议", "出席", "主持", "参加会议", "列席会议", "列席"]

    func officialNames(_ s: [Unicode.Scalar], _ region: Range<Int>, taken: [Candidate], context: DocumentContext,
                       blocked: [Bool]) -> [Candidate] {
        var out: [Candidate] = []
        var covered = [Bool](repeating: false, count: region.count)
        for c in taken where c.range.overlaps(region) && !c.nested {
            for k in c.range where region.contains(k) { covered[k - region.lowerBound] = true }
        }
        func isFree(_ r: Range<Int>) -> Bool { r.allSatisfy { region.contains($0) && !covered[$0 - region.lowerBound] && !blocked[$0] } }
        var lastPost: (String, Range<Int>)?
        // Where a body, company or zone already recognised ends (a name may follow it: `X园区张三主任`).
        let bodyEnds = Set(taken.filter { [.organization, .company, .park].contains($0.type) && $0.range.overlaps(region) }.map(\.range.upperBound))
        var i = region.lowerBound
        while i < region.upperBound {
            // A post ends at i and a name starts at i.
            let t = lexicon.titles.longest(endingAt: i, in: s, lower: region.lowerBound)
            if t > 0 {
                var n = personName(s, at: i, limit: region.upperBound)
                let postWord = s.string((i - t)..<i)
                if n == 0, ["长", "记", "任", "席"].contains(where: { postWord.hasSuffix($0) }),
                   boundaryWords.longest(startingAt: i, in: s, limit: region.upperBound) == 0 {
                    n = unlistedName(s, at: i, limit: region.upperBound)
                }
                if n > 0, isFree(i..<(i + n)) {
                    let name = s.string(i..<(i + n))
                    if !context.bylineNames.contains(name) {
                        let postStart = postPhraseStart(s, region, titleEnd: i, taken: taken + out)
                        let post = s.string(postStart..<i)
                        out.append(Candidate(range: i..<(i + n), type: .official, name: name, priority: 3,
                                             post: post, postRange: postStart..<i))
                        lastPost = (post, postStart..<i)
                        i += n
                        // Names listed after the same post: 县区领导肖红松、李碧、涂莉华.
                        while i < region.upperBound, s[i] == "、" {
                            let m = personName(s, at: i + 1, limit: region.upperBound)
                            guard m > 0, lexicon.titles.longest(startingAt: i + 1 + m, in: s, limit: region.upperBound) == 0,
                                  isFree((i + 1)..<(i + 1 + m)) else { break }
                            // A name that opens another post phrase (`向塘开发区…`) is not a list member.
                            let listed = s.string((i + 1)..<(i + 1 + m))
                            if context.bylineNames.contains(listed) { break }
                            out.append(Candidate(range: (i + 1)..<(i + 1 + m), type: .official, name: listed,
                                                 priority: 3, post: lastPost?.0, postRange: lastPost?.1))
                            i += 1 + m
                        }
                        continue
                    }
                }
            }
            // A name followed by its post: 王宁书记来到…, 张三副县长表示….
            // (Only where a surname starts: the left-boundary tests are dearer than the surname's.)
            if surnames.surnameLength(s, at: i) > 0, i == region.lowerBound || !ChineseConverter.isHan(s[i - 1]) || lexicon.hardStops.contains(s[i - 1])
                || boundaryWords.longest(endingAt: i, in: s, lower: region.lowerBound) > 0 || bodyEnds.contains(i) {
                let sn = surnames.surnameLength(s, at: i)
                var matched = false
                for len in (sn + 1)...(sn + 2) where sn > 0 && i + len < region.upperBound {
                    let t = lexicon.titles.longest(startingAt: i + len, in: s, limit: region.upperBound)
                    guard t > 0, (i + sn..<(i + len)).allSatisfy({ ChineseConverter.isHan(s[$0]) && !lexicon.notInGivenName.contains(s[$0]) }),
                          isFree(i..<(i + len)) else { continue }
                    let after = i + len + t
                    guard after >= region.upperBound || !ChineseConverter.isHan(s[after]) || lexicon.afterName.longest(startingAt: after, in: s, limit: region.upperBound) > 0 else { continue }
                    let name = s.string(i..<(i + len))
                    if context.bylineNames.contains(name) || lexicon.wordsBeforePosts.contains(name) || isPlaceNotName(s, at: i, length: len, surname: sn) { continue }
                    out.append(Candidate(range: i..<(i + len), type: .official, name: name, priority: 3,
                                         post: s.string((i + len)..<after), postRange: (i + len)..<after))
                    i = after; matched = true
                    break
                }
                if matched { continue }
            }
            // Names listed on their own before 主持/出席 (`甲主持会议，乙、丙出席会议`): officials of a meeting;
            // or announced after a count of people (`任某职的两人：甲、乙。`, `甲、乙、丙3位…`).
            let afterColon = i > region.lowerBound + 1 && (s[i - 1] == "：" || s[i - 1] == ":") && "人名位".unicodeScalars.contains(s[i - 2])
            if i == region.lowerBound || Recognizer.listOpeners.contains(s[i - 1]) || afterColon {
                var k = i
                var names: [Range<Int>] = []
                while k < region.upperBound {
                    var n = personName(s, at: k, limit: region.upperBound)
                    // Inside a list a name is what lies between its separators (`吕业升、`).
                    if n == 0 { n = listedName(s, at: k, limit: region.upperBound) }
                    guard n > 0, isFree(k..<(k + n)) else { break }
                    names.append(k..<(k + n)); k += n
                    if k < region.upperBound, s[k] == "、" { k += 1 } else { break }
                }
                var closes = Recognizer.meetingVerbs.contains(where: { s.has($0, at: k) })
                if !closes, names.count >= 2 {
                    // A count of people closes the list (`4位`, `两人`), or the sentence does after `…两人：`.
                    var c = k
                    while c < region.upperBound, TextDates.digit(s[c]) != nil || "两三四五六七八九十".unicodeScalars.contains(s[c]) { c += 1 }
                    if c > k, c < region.upperBound, "位人名".unicodeScalars.contains(s[c]) { closes = true }
                    if afterColon, k >= region.upperBound || "。；;".unicodeScalars.contains(s[k]) { closes = true }
                }
                if !names.isEmpty, k == names.last?.upperBound, closes {
                    for r in names where !context.bylineNames.contains(s.string(r)) {
                        out.append(Candidate(range: r, type: .official, name: s.string(r), priority: 3))
                    }
                    i = k; continue
                }
            }
            // Appointment by a body: 任命张伟为…主任, 提名王强为…, 免去李强的…职务.
            for verb in Recognizer.appointingVerbs where Recognizer.appointingInitials.contains(s[i]) && s.has(verb, at: i) {
                let at = i + verb.unicodeScalars.count
                let n = personName(s, at: at, limit: region.upperBound) > 0 ? personName(s, at: at, limit: region.upperBound)
                    : (s.has("为", at: at + 2) ? 2 : s.has("为", at: at + 3) ? 3 : s.has("的", at: at + 2) ? 2 : s.has("的", at: at + 3) ? 3 : 0)
                guard n > 0, surnames.surnameLength(s, at: at) > 0, isFree(at..<(at + n)) else { continue }
                let link = at + n
                guard s.has("为", at: link) || s.has("的", at: link) || s.has("同志", at: link) else { continue }
                let k = link + (s.has("同志", at: link) ? 2 : 1)
                let postEnd = appointedPostEnd(s, region, from: k)
                guard postEnd > k else { continue }
                let name = s.string(at..<(at + n))
                if context.bylineNames.contains(name) { continue }
                out.append(Candidate(range: at..<(at + n), type: .official, name: name, priority: 3,
                                     post: s.string(k..<postEnd), postRange: k..<postEnd,
                                     postStatus: verb.hasSuffix("免去") ? .left : .appointed,
                                     postDate: TextDates.find(s, in: region).first?.date.iso))
                i = postEnd - 1
                break
            }
            // Appointment: 张东同志任…  /  张东任中共…书记
            if i == region.lowerBound || !Recognizer.isNameChar(s[i - 1]) || lexicon.hardStops.contains(s[i - 1])
                || (surnames.surnameLength(s, at: i) > 0 && boundaryWords.longest(endingAt: i, in: s, lower: region.lowerBound) >= 2) {
                let n = personName(s, at: i, limit: region.upperBound)
                if n > 0, isFree(i..<(i + n)) {
                    var k = i + n
                    let comrade = s.has("同志", at: k)
                    if comrade { k += 2 }
                    let verb = Recognizer.postVerbs.first { s.has($0.0, at: k) }
                    if comrade, verb == nil {
                        let name = s.string(i..<(i + n))
                        if !context.bylineNames.contains(name) {
                            out.append(Candidate(range: i..<(i + n), type: .official, name: name, priority: 3))
                            i = k; continue
                        }
                    }
                    if let verb {
                        k += verb.0.unicodeScalars.count
                        let postEnd = appointedPostEnd(s, region, from: k)
                        if postEnd > k {
                            let name = s.string(i..<(i + n))
                            if !context.bylineNames.contains(name) {
                                out.append(Candidate(range: i..<(i + n), type: .official, name: name, priority: 3,
                                                     post: s.string(k..<postEnd), postRange: k..<postEnd,
                                                     postStatus: verb.1, postDate: TextDates.find(s, in: region).first?.date.iso))
                                i = postEnd; continue
                            }
                        }
                    }
                }
            }
            i += 1
        }
        return out
    }

    /// Where the post phrase before a name begins: walk left over posts, the organizations and
    /// places they belong to and `、`, stopping at punctuation, verbs, another official, a project.
    func postPhraseStart(_ s: [Unicode.Scalar], _ region: Range<Int>, titleEnd: Int, taken: [Candidate]) -> Int {
        var j = titleEnd
        while j > region.lowerBound, titleEnd - j < 48 {
            // Posts themselves (`主任`, `书记`) are walked over whole.
            let t = lexicon.titles.longest(endingAt: j, in: s, lower: region.lowerBound)
            if t > 0 { j -= t; continue }
            if let c = taken.first(where: { $0.range.upperBound == j && !$0.nested }) {
                if c.type == .official || c.type == .project || c.type == .policy { break }
                j = c.range.lowerBound; continue
            }
            if boundaryWords.longest(endingAt: j, in: s, lower: region.lowerBound) > 0 { break }
            let ch = s[j - 1]
            if ch == "、" { j -= 1; continue }
            if !ChineseConverter.isHan(ch) || lexicon.hardStops.contains(ch) || lexicon.weakStops.contains(ch) { break }
            j -= 1
        }
        while j < titleEnd, s[j] == "、" { j += 1 }
        // The phrase must end in a post; drop leading words that are not part of it (`项目相关负责人` → `相关负责人`).
        return j
    }

    /// End of the post named after `任`: up to punctuation or the end of a post word list.
    func appointedPostEnd(_ s: [Unicode.Scalar], _ region: Range<Int>, from k: Int) -> Int {
        var j = k, lastTitleEnd = k
        while j < region.upperBound, j - k < 48 {
            let ch = s[j]
            if ch == "。" || ch == ";" || ch == "；" || ch == "\n" || s.has("不再", at: j) || s.has("同志", at: j) || s.has("职务", at: j) { break }
            // `…职务，决定任命乙为…`: the next appointment starts another post.
            if ch == "，" || ch == ",", ["决定", "任命", "聘任", "聘请"].contains(where: { s.has($0, at: j + 1) }) { break }
            j += 1
            if lexicon.titles.longest(endingAt: j, in: s, lower: k) > 0 { lastTitleEnd = j }
        }
        return lastTitleEnd
    }
}
