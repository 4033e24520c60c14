import GuanxiGraph
import GuanxiText

/// Organizations, companies, parks and projects found by the suffix that ends their name and the
/// left boundary that opens it.
extension Recognizer {
    /// Two- and three-character words that end with a suffix character but are not names
    /// (`布局` ends in `局`, `全部` in `部`).
    static let falseSuffixWords: Set<String> = [
        "布局", "格局", "结局", "大局", "全局", "当局", "开局", "时局", "骗局", "饭局", "局部", "全部", "内部", "外部",
        "干部", "本部", "总部", "中部", "西部", "东部", "南部", "北部", "头部", "底部", "腹部", "俱乐部", "各部", "基部",
        "大厅", "餐厅", "展厅", "客厅", "门厅", "部署", "签署", "市中心", "核心", "重心", "中心城区", "一部", "全署",
        "高校", "项目部", "指挥部", "分部", "旗舰店", "东北部", "西北部", "东南部", "西南部", "南北部", "沿海地区", "行政中心", "会展中心", "体育中心", "会议中心", "市民中心",
        "活动中心", "购物中心", "文化中心", "零部", "部件", "控股子公司", "全资子公司", "子公司",
        "新局", "好局", "破局", "开局",
    ]

    static let falseSuffixSet = WordSet(Array(falseSuffixWords))

    /// Nouns that close a description before a name (`中国百强企业正威国际集团`).
    static let descriptorNouns = WordSet(["企业", "高校", "院校", "单位", "机构", "平台", "龙头", "地区", "街道", "公司", "上市公司"])

    /// Characters a name may hold besides Han characters.
    @inline(__always)
    static func isNameChar(_ c: Unicode.Scalar) -> Bool {
        if ChineseConverter.isHan(c) { return true }
        let v = c.value
        if (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) { return true }
        return c == "·" || c == "-" || c == "/" || c == "." || c == "•"
    }

    func suffixNames(_ s: [Unicode.Scalar], _ region: Range<Int>, blocked: [Bool]) -> [Candidate] {
        var out: [Candidate] = []
        guard region.count >= 2 else { return out }
        for e in (region.lowerBound + 1)...region.upperBound {
            let n = lexicon.suffixes.longest(endingAt: e, in: s, lower: region.lowerBound)
            guard n > 0 else { continue }
            // A longer suffix that ends here was matched; skip when the name clearly continues
            // (`集团` in `集团有限公司` is handled when `有限公司` ends).
            let suffixStart = e - n
            let suffix = s.string(suffixStart..<e)
            guard var type = lexicon.suffixType[suffix] else { continue }
            if isFalseSuffix(s, end: e, region: region) { continue }
            if let c = nameEnding(s, region, end: e, suffixLength: n, type: &type, suffix: suffix, blocked: blocked) { out.append(c) }
        }
        out += references(s, region)
        out += listedCompanies(s, region, blocked: blocked)
        return out
    }

    /// Head words of a list (`A、B等16家企业`) and the type they give its items.
    /// (A list of `…等项目` names products as often as projects: it gives no type.)
    static let listHeads: [(String, EntityType)] = [("企业", .company), ("公司", .company), ("园区", .park), ("开发区", .park), ("项目现场", .project), ("项目点", .project), ("个项目", .project)]

    /// Items of a list take their type from its head, even bare short names (`A、B等行业龙头企业`,
    /// `A、B和C等项目相继落地`): the names between the list's opening and `等`.
    func headTypedLists(_ s: [Unicode.Scalar], _ region: Range<Int>, blocked: [Bool]) -> [Candidate] {
        var out: [Candidate] = []
        var i = region.lowerBound + 1
        while i < region.upperBound {
            guard s[i] == "等" else { i += 1; continue }
            // The head: the first head word after 等 within the phrase (`等一批行业龙头企业`).
            var type: EntityType?
            var k = i + 1
            while k < region.upperBound, k - i <= 16, Recognizer.isNameChar(s[k]) || s[k] == "、" {
                if let h = Recognizer.listHeads.first(where: { s.has($0.0, at: k) }) { type = h.1; break }
                k += 1
            }
            guard let type else { i += 1; continue }
            // The items, right to left, split at 、/和/及/以及, up to the clause's start or an opening verb.
            var items: [Range<Int>] = []
            var end = i
            var j = i
            while j > region.lowerBound {
                let c = s[j - 1]
                let isSep = c == "、" || ((c == "和" || c == "及") && j - 1 > region.lowerBound && end - j >= 2)
                let opener = lexicon.companyListOpeners.longest(endingAt: j, in: s, lower: region.lowerBound)
                    + (s.has("包括", at: max(region.lowerBound, j - 2)) ? 0 : 0)
                if isSep || !Recognizer.isNameChar(c) || (lexicon.hardStops.contains(c) && end - j >= 2) || boundaryWords.longest(endingAt: j, in: s, lower: region.lowerBound) > 0 || (opener > 0 && c != "和") {
                    if end - j >= 2 { items.append(j..<end) }
                    if !isSep { break }
                    j -= 1
                    if s.has("以", at: j - 1), c == "及" { j -= 1 }
                    end = j
                    continue
                }
                if end - j > 14 { items = []; break }
                j -= 1
            }
            if j == region.lowerBound, end - j >= 2 { items.append(j..<end) }
            // A list needs two items; each is a name, not a description, a place or a number.
            if items.count >= 2 {
                for r in items where r.count <= 12 && !r.contains(where: { blocked.indices.contains($0) && blocked[$0] }) {
                    let w = Array(s[r])
                    if coveredByGenericWords(w) || coveredBy(lexicon.fieldWords, w.filter { !"和与及".unicodeScalars.contains($0) })
                        || w.contains(where: { TextDates.digit($0) != nil })
                        || gazetteer.words.longest(startingAt: 0, in: w) == w.count || w.contains("的")
                        || gazetteer.words.longest(endingAt: w.count, in: w) > 0 { continue }
                    if lexicon.suffixes.longest(endingAt: w.count, in: w) > 0 { continue }
                    out.append(Candidate(range: r, type: type, name: s.string(r), priority: 1))
                }
            }
            i += 1
        }
        return out
    }

    /// Companies named by a short form inside a list: `聚集中芯国际、晶门科技等企业`.
    func listedCompanies(_ s: [Unicode.Scalar], _ region: Range<Int>, blocked: [Bool]) -> [Candidate] {
        var out: [Candidate] = []
        var i = region.lowerBound
        while i < region.upperBound {
            // A list item starts after 、 or after a word that opens a list of companies.
            let opener = s[i] == "、" ? 1 : lexicon.companyListOpeners.longest(startingAt: i, in: s, limit: region.upperBound)
            guard opener > 0 else { i += 1; continue }
            let start = i + opener
            var found = false
            for len in stride(from: 8, through: 4, by: -1) where start + len <= region.upperBound {
                let end = start + len
                guard s[start..<end].allSatisfy(ChineseConverter.isHan), !(start..<end).contains(where: { blocked.indices.contains($0) && blocked[$0] }) else { continue }
                let after = end < region.upperBound ? s[end] : "。"
                guard after == "、" || after == "等" || (after == "," && s[start - 1] == "、") else { continue }
                let n = lexicon.weakCompanySuffixes.longest(endingAt: end, in: s, lower: start)
                guard n > 0, len - n >= 2 else { continue }
                let stem = Array(s[start..<(end - n)])
                let whole = Array(s[start..<end])
                // (`智能装备和新能源`: fields joined by a conjunction are fields too.)
                let fieldsOnly = whole.filter { !"和与及".unicodeScalars.contains($0) }
                if coveredByGenericWords(stem) || coveredBy(lexicon.fieldWords, stem) || coveredBy(lexicon.fieldWords, fieldsOnly)
                    || gazetteer.words.longest(startingAt: 0, in: stem) == stem.count { continue }
                out.append(Candidate(range: start..<end, type: .company, name: s.string(start..<end), priority: 1))
                found = true
                i = end
                break
            }
            if !found { i += 1 }
        }
        return out
    }

    func coveredBy(_ words: WordSet, _ s: [Unicode.Scalar]) -> Bool {
        var i = 0
        while i < s.count {
            let n = words.longest(startingAt: i, in: s)
            if n == 0 { return false }
            i += n
        }
        return true
    }

    /// Characters that, right after a one-character suffix, make a word with it (`部分`, `局面`).
    static let wordOpeningAfterSuffix = ScalarSet("分门署长级面势限件位落")

    func isFalseSuffix(_ s: [Unicode.Scalar], end e: Int, region: Range<Int>) -> Bool {
        if !Recognizer.falseSuffixSet.all(endingAt: e, in: s, lower: region.lowerBound).isEmpty { return true }
        // `中心城区`, `部分`, `局面`: a one-character suffix (or 中心) opening another word.
        if e < region.upperBound {
            let suffixLen = lexicon.suffixes.longest(endingAt: e, in: s, lower: region.lowerBound)
            if suffixLen == 1, Recognizer.wordOpeningAfterSuffix.contains(s[e]) { return true }
            let next2 = s.string(e..<min(region.upperBound, e + 2))
            let suffix = s.string((e - suffixLen)..<e)
            if suffix == "中心", next2 == "城区" { return true }
            let t = lexicon.suffixType[suffix]
            // `…政府网`, `…政府信息公开`: a website or a section of one, not the body.
            if t == .organization, (s[e] == "网" && !next2.hasSuffix("络") && !next2.hasSuffix("点")) || next2 == "信息" { return true }
            // `某某铁路运输分院`: a railway that a body is named after goes on into the body's name.
            if t == .project, next2 == "运输" { return true }
            // `项目单位`, `项目业主`, `项目法人`: the party a project has, not a project's name ending.
            if t == .project, next2 == "单位" || next2 == "业主" || next2 == "法人" { return true }
            // `陆港型…枢纽`, `园区式…`: a kind of zone, the name goes on.
            if t == .park, s[e] == "型" || s[e] == "式" { return true }
            // `大学校长`: a post that starts inside the suffix (`学校` + `长`) means the suffix is shorter.
            if lexicon.titles.longest(startingAt: e - 1, in: s, limit: region.upperBound) > 1 { return true }
        }
        return false
    }

    /// The candidate whose name ends at `end`, or nil when the name is generic.
    func nameEnding(_ s: [Unicode.Scalar], _ region: Range<Int>, end e: Int, suffixLength n: Int,
                    type: inout EntityType, suffix: String, blocked: [Bool] = []) -> Candidate? {
        let suffixStart = e - n
        let maxLen = type == .project ? 40 : 32
        var j = suffixStart
        var weak: [Int] = []
        var tableRow = false
        while j > region.lowerBound, e - (j - 1) <= maxLen {
            if blocked.indices.contains(j - 1), blocked[j - 1] { break }
            let hasStem = j < suffixStart
            // A verb just left of the name ends it (but a name may end in one: 城乡建设局); `代表性`,
            // `示范性` are adjectives, not the verb.
            let b = boundaryWords.longest(endingAt: j, in: s, lower: region.lowerBound)
            // (`南昌新建经济开发区`: a place's name that is also a verb, right after another place, is the place.)
            let placeWord = b > 0 && gazetteer.words.longest(startingAt: j - b, in: s, limit: j) == b
                && gazetteer.words.longest(endingAt: j - b, in: s, lower: region.lowerBound) >= 2
            if hasStem || n >= 2, b > 0, s[j] != "性", !s.has("大会", at: j), !placeWord { break }
            if "年月日".unicodeScalars.contains(s[j - 1]), j - 2 >= region.lowerBound, TextDates.digit(s[j - 2]) != nil { break }
            if hasStem, Recognizer.descriptorNouns.longest(endingAt: j, in: s, lower: region.lowerBound) > 0 { break }
            if type == .project, hasStem, lexicon.suffixes.longest(endingAt: j, in: s, lower: region.lowerBound) > 0,
               !isFalseSuffix(s, end: j, region: region) {
                break
            }
            let c = s[j - 1]
            if c == ")" || c == "）" {
                // A bracketed part of a name: 凯赛(太原)生物材料有限公司.
                var k = j - 2
                while k > region.lowerBound, j - k < 12, s[k] != "(", s[k] != "（", Recognizer.isNameChar(s[k]) || s[k] == "、" { k -= 1 }
                // `市(州)工信局`, `县(市、区)委`: alternative levels in brackets speak of every such body.
                if k >= region.lowerBound, s[k] == "(" || s[k] == "（", k < j - 2, type == .organization || type == .park,
                   s[(k + 1)..<(j - 1)].allSatisfy({ "省市县区州盟旗镇乡、".unicodeScalars.contains($0) }) { return nil }
                if s[(k + 1)..<(j - 1)].contains("、") { break }
                if k >= region.lowerBound, s[k] == "(" || s[k] == "（", k < j - 2 { j = k; continue }
                break
            }
            // `年产3GW N型TOPCon…`: a space between Latin letters or digits stays inside a name.
            if c == " ", j - 2 >= region.lowerBound, s[j - 2].isASCII, s[j - 2].properties.isAlphabetic || TextDates.digit(s[j - 2]) != nil,
               j < s.count, s[j].isASCII { j -= 1; continue }
            // `于都工业园区`: a place's name may open with a character that otherwise ends a name.
            if lexicon.hardStops.contains(c), gazetteer.words.longest(startingAt: j - 1, in: s, limit: suffixStart) >= 2 { j -= 1; continue }
            if !Recognizer.isNameChar(c) || lexicon.hardStops.contains(c) { break }
            // A zone's or a body's name holds no number: a row number of a flattened table ends it
            // (`…二星13萍乡经济技术开发区`).
            if type == .park || type == .organization, TextDates.digit(c) != nil, j - 2 >= region.lowerBound,
               ChineseConverter.isHan(s[j - 2]) || TextDates.digit(s[j - 2]) != nil { tableRow = true; break }
            if lexicon.weakStops.contains(c) { weak.append(j) }
            j -= 1
        }
        var start = j
        if let w = weak.first {
            // (`A集团愿与B集团`: a modal verb between a name and the conjunction.)
            let modal = w - 2 > region.lowerBound && Self.modalsBeforeConjunction.contains(s[w - 2]) ? 1 : 0
            let leftIsName = lexicon.suffixes.longest(endingAt: w - 1 - modal, in: s, lower: region.lowerBound) > 0
                || gazetteer.words.longest(endingAt: w - 1, in: s, lower: region.lowerBound) > 0
            let placeOpens = gazetteer.words.longest(startingAt: start, in: s, limit: w - 1) > 0
                || (lexicon.levelPrefix[s[start]] != nil && start + 1 < w - 1)
                // `政和同心经济开发区`: the conjunction is inside a place's name.
                || gazetteer.words.longest(startingAt: start, in: s, limit: suffixStart) >= w - start
            // Coordination of two names (`商务厅和省工信厅`) splits; a short word before the
            // conjunction inside one name (`中和陶瓷`, `粮食和物资储备局`) does not.
            // `县领导及高新区`: a post before the conjunction is no part of a name.
            let postBefore = lexicon.titles.longest(endingAt: w - 1, in: s, lower: start) > 0
            // `集成电路及LED产业园`: two fields joined inside one zone's name.
            let fields = w - 1 - start >= 2 && coveredBy(lexicon.fieldWords, Array(s[start..<(w - 1)])) && type == .park
            if !fields, leftIsName || postBefore || (!placeOpens && (w - 1 - start < 2 || (w - 1 - start > 3 && type != .project))) { start = w }
        }
        // Leading digits and quantities are not part of a name (`12个园区`), except a project's capacity.
        var hadDigits = false
        while start < suffixStart, type != .project, TextDates.digit(s[start]) != nil { start += 1; hadDigits = true }
        // `20名…`, `3家…`: the measure word after a count is no part of a name either (also when
        // the count was taken for a table's row number).
        if hadDigits || tableRow, start < suffixStart, "个家名位批项类座条所余多".unicodeScalars.contains(s[start]) { start += 1 }
        // `第五条管委会`: an article number of a regulation opens no name.
        if s.has("第", at: start), let k = (start + 2..<min(suffixStart, start + 6)).first(where: { s[$0] == "条" }),
           s[(start + 1)..<k].allSatisfy({ "一二三四五六七八九十百零0123456789".unicodeScalars.contains($0) }) { start = k + 1 }
        if type == .project {
            // A date before a project is no part of it: `2025年12月21日项目`.
            if let d = TextDates.find(s, in: start..<suffixStart).last { start = max(start, d.range.upperBound) }
            var k = start
            while k < suffixStart, TextDates.digit(s[k]) != nil || s[k] == "." { k += 1 }
            if k > start, k < suffixStart, "个家批项类座条所余多".unicodeScalars.contains(s[k]) { start = k + 1 }
        }
        // `该工业区清水工业园`: a bare zone word opening the name is the zone it lies in, not part of it.
        let lead = lexicon.suffixes.longest(startingAt: start, in: s, limit: suffixStart)
        if lead >= 3, lexicon.suffixType[s.string(start..<(start + lead))] == .park, start + lead < suffixStart { start += lead }
        // Punctuation-like characters never open a name (`--政府`).
        while start < suffixStart, "-/.+&•·".unicodeScalars.contains(s[start]) { start += 1 }
        // `经国务院批准`, `中共芜湖经济技术开发区`: a function word or a party prefix before a name.
        // `向省级示范基地迈进`: a preposition before a level word.
        if let k = (start..<suffixStart).first(where: { k in s[k] == "向" && ["省级", "国家级", "市级", "县级"].contains(where: { s.has($0, at: k + 1) }) }) {
            start = k + 1
        }
        if s.has("据", at: start), start + 1 < suffixStart, gazetteer.words.longest(startingAt: start + 1, in: s, limit: suffixStart) > 0 { start += 1 }
        if s.has("经", at: start), start + 1 <= suffixStart, !s.has("经济", at: start), !s.has("经开", at: start), !s.has("经贸", at: start), !s.has("经信", at: start) { start += 1 }
        if type == .park, s.has("中共", at: start) { start += 2 }
        // `国家级拉萨经济技术开发区`: the zone's rank before a place's name is no part of the name.
        if type == .park {
            for rank in ["国家级", "省级", "市级"] where s.has(rank, at: start) {
                let k = start + rank.unicodeScalars.count
                if k < suffixStart, gazetteer.words.longest(startingAt: k, in: s, limit: suffixStart) >= 2 { start = k }
            }
        }
        // `九江九江经济技术开发区` (a table's city column, then the zone): the first place is not part of the name.
        if type == .park {
            let w = gazetteer.words.longest(startingAt: start, in: s, limit: suffixStart)
            if w >= 2, start + 2 * w < suffixStart, s[start..<(start + w)].elementsEqual(s[(start + w)..<(start + 2 * w)]) { start += w }
            // A table row (`2宜春樟树工业园区`): a city column, then a zone named after its county.
            else if tableRow, w >= 2, gazetteer.words.longest(startingAt: start + w, in: s, limit: suffixStart) >= 2 { start += w }
            // (`19南昌新建经济开发区`: the county may have a name that is also a word, under the city named.)
            else if tableRow, w >= 2, gazetteer.childName(of: s.string(start..<(start + w)), startingAt: start + w, in: s, limit: suffixStart) >= 2 { start += w }
        }
        // `锦州市辽宁某某有限公司`: a name names its places from the larger down; a place followed by
        // the province (or city) containing it is a place written before the name, not part of it.
        if type == .company || type == .organization {
            let w1 = gazetteer.words.longest(startingAt: start, in: s, limit: suffixStart)
            let w2 = w1 >= 2 ? gazetteer.words.longest(startingAt: start + w1, in: s, limit: suffixStart) : 0
            if w2 >= 2, start + w1 + w2 < suffixStart {
                let inner = gazetteer.divisions(named: s.string(start..<(start + w1))), outer = gazetteer.divisions(named: s.string((start + w1)..<(start + w1 + w2)))
                if !inner.isEmpty, inner.allSatisfy({ d in outer.contains { o in o.code != d.code && gazetteer.contains(o.code, d.code) } }) { start += w1 }
            }
        }
        let stem = s.string(start..<suffixStart)
        let stemScalars = Array(s[start..<suffixStart])
        if isGeneric(stem, type: type, suffix: suffix) {
            return nil
        }
        // `国有独资公司`, `国有资本控股公司`: a kind of company, not one.
        if type == .company, !stemScalars.isEmpty, coveredBy(lexicon.genericStemWords, stemScalars) { return nil }
        // `各设区市工信局`, `各开发区`, `各…专项资金`: a body, zone or fund after 各 (each) is every such one.
        if type == .organization || type == .park || type == .policy, start > region.lowerBound, s[start - 1] == "各" { return nil }
        if type == .organization || type == .park {
            if s.has("设区市", at: start) || s.has("各", at: start) { return nil }
        }
        // `五大新城`, `十大园区`: a count of zones is a programme or a kind, not a zone.
        if type == .park, stemScalars.count == 2, stemScalars[1] == "大", "两三四五六七八九十百".unicodeScalars.contains(stemScalars[0]) { return nil }
        if type == .organization {
            // `省级产业集聚区管理委员会`: a level character that ends a zone word cut off by a verb is no bare level.
            if stemScalars.count == 1, lexicon.levelPrefix[stemScalars[0]] != nil, start >= region.lowerBound + 1,
               let zone = Optional(lexicon.suffixes.longest(endingAt: start + 1, in: s, lower: region.lowerBound)), zone >= 2,
               lexicon.suffixType[s.string((start + 1 - zone)..<(start + 1))] == .park { return nil }
            // `检察委员会委员`: a committee named by its field alone is a member's post, not a body.
            if suffix == "委员会", stemScalars.count <= 2, !stemScalars.isEmpty, lexicon.levelPrefix[stemScalars[0]] == nil,
               gazetteer.words.longest(startingAt: 0, in: stemScalars) == 0 { return nil }
            // `省人大有关专门委员会`: the relevant bodies of another, not one body.
            if stemScalars.count > 2, let k = (1..<(stemScalars.count - 1)).first(where: { s.has("有关", at: start + $0) || s.has("相关", at: start + $0) }),
               k > 0 { return nil }
            // `工业和能源局`: a department named without a place or a level belongs to no government in particular.
            if suffix == "局" || suffix == "厅", !stemScalars.isEmpty, lexicon.levelPrefix[stemScalars[0]] == nil,
               !stem.hasPrefix("自治区"), !stem.hasPrefix("国家"), !stem.hasPrefix("中国"), !stem.hasPrefix("中央"),
               gazetteer.words.longest(startingAt: 0, in: stemScalars) == 0,
               !(1...stemScalars.count).contains(where: { lexicon.suffixes.longest(endingAt: $0, in: stemScalars) >= 2 }),
               !lexicon.standaloneOrganizations.contains(name(stem, suffix)) { return nil }
            // `甲、乙两县县委`: a count of places names several bodies, not one.
            for k in stemScalars.indices.dropLast() where "两三四五六七八九十几多".unicodeScalars.contains(stemScalars[k])
                && "省市县区".unicodeScalars.contains(stemScalars[k + 1]) && (k + 2 == stemScalars.count || stemScalars[k + 2] != "级") { return nil }
            // `国际交流中心`, `专业领域研究所`: a kind of centre or institute, not one.
            if lexicon.descriptiveBodySuffixes.contains(suffix), !stemScalars.isEmpty, coveredByDescriptiveWords(stemScalars) { return nil }
        }
        // `管委会党工委`: a body named only by another body's word names no body of its own.
        if type == .organization, !stem.isEmpty, lexicon.suffixes.longest(startingAt: 0, in: stemScalars) == stemScalars.count,
           lexicon.suffixType[stem] == .organization { return nil }
        // A zone's party or administrative committee named with the bare zone word is the zone itself.
        if type == .organization, ["党工委", "工委", "管委会", "管理委员会", "党委"].contains(suffix) {
            if ["开发区", "经开区", "高新区", "园区", "综保区"].contains(stem) { return nil }

        }
        // (A programme keeps its scale in its name: `十大千亿级产业振兴专项资金`.)
        if type != .policy, stemScalars.indices.contains(where: { lexicon.descriptionWordSet.longest(startingAt: $0, in: stemScalars) > 0 }) { return nil }
        // `八项产业振兴专项资金`: a count of programmes is no one programme.
        if type == .policy, stemScalars.count >= 2, "一二三四五六七八九十两0123456789".unicodeScalars.contains(stemScalars[0]),
           "项个类笔".unicodeScalars.contains(stemScalars[1]) { return nil }
        // `大陆第三个国家级新区`: an ordinal count describes, it does not name.
        let st = Array(stem.unicodeScalars)
        if let k = st.firstIndex(of: "第"), k + 2 < st.count, "一二三四五六七八九十两0123456789".unicodeScalars.contains(st[k + 1]),
           st[(k + 1)...].contains("个") { return nil }
        // `中心` alone is a weak suffix: `利用中心平台` names nothing.
        if suffix == "中心", stem.unicodeScalars.count < 3 { return nil }
        var end = e
        // `川渝合作示范区(广安片区)`, `贺巴高速公路(昭平至蒙山段)`: a bracketed section is part of the name.
        if type == .park || type == .project, end < region.upperBound, s[end] == "(" || s[end] == "（" {
            var k = end + 1
            while k < region.upperBound, k - end < 14, s[k] != ")", s[k] != "）" { k += 1 }
            if k < region.upperBound, k - end >= 3, s.string((end + 1)..<k).hasSuffix("片区") || s[k - 1] == "段" || s[k - 1] == "期",
               !s.has("以下简称", at: end + 1), !s.has("简称", at: end + 1), !s.has("下称", at: end + 1) { end = k + 1 }
        }
        // `某某汽车城三期`, `某某产业园二期`: a phase of a zone is a construction project.
        if type == .park, end == e {
            var k = end
            while k < region.upperBound, k - end < 3, "一二三四五六七八九十0123456789".unicodeScalars.contains(s[k]) { k += 1 }
            // (`…基地二期项目`: the project's own suffix names it.)
            if k > end, k < region.upperBound, s[k] == "期", !s.has("期间", at: k), !s.has("项目", at: k + 1), !s.has("工程", at: k + 1) {
                end = k + 1
                type = .project
            }
        }
        let name = s.string(start..<end)
        // Type from what the name holds, not only its last word.
        if type == .park, ["实验室", "大学", "研究院", "研究所", "学院"].contains(where: { stemScalars.contains($0) }) { type = .organization }
        if type == .organization, suffix.hasSuffix("中心"), stemScalars.contains("集团") || stemScalars.contains("公司") { type = .company }
        if type == .organization, suffix == "部" || suffix == "局" || suffix == "厅", stem.count < 2, !lexicon.standaloneOrganizations.contains(name) {
            if !(lexicon.levelPrefix[s[start]] != nil && stem.count >= 1) { return nil }
        }
        return Candidate(range: start..<end, type: type, name: name, priority: 2)
    }

    /// Modal verbs and adverbs written between a name and a conjunction (`A集团愿与B集团`, `A公司均与B`).
    static let modalsBeforeConjunction = ScalarSet("愿拟要均都还也亦又")

    /// Characters of a quantity (`3个`, `12家`, `一批`, `多个`).
    static let quantityChars = ScalarSet("0123456789一二三四五六七八九十百千两几多个家批类所座项条余")

    /// Words that describe projects rather than name one (`重点`, `在建`, `招商引资`), removed in
    /// this order: a project's stem with fewer than two characters left names no project.
    static let projectDescriptionWords: [[Unicode.Scalar]] = [
        "水利", "社会事业", "有效投资", "乡村振兴", "振兴", "国企", "复工", "新开", "创新创业", "创业", "国际化",
        "运行", "交通", "经营", "示范", "合作", "和", "及",
        "重点", "在建", "在谈", "签约", "招商引资", "产业", "建设", "重大", "优质", "相关", "新", "好", "大",
        "各类", "其他", "该", "本", "此", "这些", "一批", "多个", "投资", "新上", "落地", "开工", "竣工",
        "配套", "民生", "基础设施", "工业", "企业", "个", "批", "家", "的", "等", "了",
    ].map { Array($0.unicodeScalars) }

    /// Whether a name's stem is a generic word (`园区`, `重点项目`, `12个园区`).
    func isGeneric(_ stem: String, type: EntityType, suffix: String) -> Bool {
        // A category word as a whole (`市委市政府`, `党委政府`) names no one body.
        if MergePolicy.categoryWords.contains(NameKey.of(stem + suffix)) { return true }
        // 省发展改革委, 市工信局: a bare level and a body are a name the resolver qualifies.
        if type == .organization, ["省", "市", "县", "区"].contains(stem) { return false }
        // 组织部, 公安局: a department named without its government names nothing in particular.
        if type == .organization, ["部", "局", "厅", "办", "委"].contains(suffix), stem.count <= 2,
           !lexicon.standaloneOrganizations.contains(stem + suffix) { return true }
        if lexicon.genericStems.contains(stem) {
            // `省委`, `市政府`: bare organizations are names; the resolver qualifies them.
            return !lexicon.standaloneOrganizations.contains(stem + suffix)
        }
        let scalars = Array(stem.unicodeScalars)
        // Quantities: 3个, 12家, 一批, 多个.
        if scalars.allSatisfy({ Recognizer.quantityChars.contains($0) }) { return true }
        // A count anywhere in the stem (`本届洽谈会计有7个`) makes it a description.
        if type == .project || type == .park {
            for k in scalars.indices.dropLast() where TextDates.digit(scalars[k]) != nil && "个家批项类".unicodeScalars.contains(scalars[k + 1]) { return true }
        }
        if type == .project {
            // Each word removed in turn, as written (a removal may join two halves of a later word).
            var rest = scalars
            for g in Recognizer.projectDescriptionWords where rest.count >= g.count { rest.removeAll(occurrencesOf: g) }
            if rest.lazy.filter({ TextDates.digit($0) == nil }).count < 2 { return true }
        }
        if scalars.count == 1, type != .organization, type != .place { return true }
        // Categories and kinds: 化工类园区, 服务型园区.
        if (type == .park || type == .project), scalars.last == "类" || scalars.last == "型" { return true }
        // A stem made only of words for an industry or a kind names no particular zone or body.
        // (A body named by its field, `智能装备研究院`, is a name; a zone or project named so is not.)
        if type == .park || type == .organization || type == .project, coveredByGenericWords(scalars, fields: type != .organization) { return true }
        // Clusters are areas only when named after a place or a zone: 长沙经济技术开发区工程机械产业集群.
        if type == .park, suffix.hasSuffix("集群"), gazetteer.words.longest(startingAt: 0, in: scalars) == 0,
           !(1...max(1, scalars.count)).contains(where: { lexicon.suffixes.longest(endingAt: $0, in: scalars) > 0 && lexicon.suffixType[String(String.UnicodeScalarView(scalars[($0 - lexicon.suffixes.longest(endingAt: $0, in: scalars))..<$0]))] == .park }) {
            return true
        }
        // 贵州省开发区: a province's zones in general.
        if type == .park, ["开发区", "园区", "产业园区"].contains(suffix), gazetteer.divisions(named: stem).first?.level == .province { return true }
        if type == .project {
            // A project's name says what it is: four characters or more, or a capacity, or a place.
            let hasDigitOrLatin = scalars.contains { TextDates.digit($0) != nil || ($0.value >= 0x41 && $0.value <= 0x7A) }
            if scalars.count < 4, !hasDigitOrLatin, gazetteer.words.longest(startingAt: 0, in: scalars) == 0 { return true }
        }
        return false
    }

    private func name(_ stem: String, _ suffix: String) -> String { stem + suffix }

    /// Whether a body's stem is nothing but descriptive, generic and field words (and quantities).
    func coveredByDescriptiveWords(_ s: [Unicode.Scalar]) -> Bool {
        var i = 0
        while i < s.count {
            let n = max(lexicon.descriptiveBodyWords.longest(startingAt: i, in: s), lexicon.genericStemWords.longest(startingAt: i, in: s),
                        lexicon.fieldWords.longest(startingAt: i, in: s))
            if n > 0 { i += n; continue }
            if TextDates.digit(s[i]) != nil || "个家批类所".unicodeScalars.contains(s[i]) { i += 1; continue }
            return false
        }
        return true
    }

    /// Whether a stem is nothing but generic words (and quantities).
    func coveredByGenericWords(_ s: [Unicode.Scalar], fields: Bool = true) -> Bool {
        let words = fields ? lexicon.genericStemWords : lexicon.genericBodyWords
        var i = 0
        while i < s.count {
            let n = max(words.longest(startingAt: i, in: s), fields ? lexicon.fieldWords.longest(startingAt: i, in: s) : 0)
            if n > 0 { i += n; continue }
            if TextDates.digit(s[i]) != nil || "个家批类".unicodeScalars.contains(s[i]) { i += 1; continue }
            return false
        }
        return true
    }

    /// `该公司`, `该区`, `该工作站`, and bare `经开区`/`开发区`: references to an entity named before.
    /// First characters of the words of self-reference and of bare zone names below.
    static let referenceInitials = ScalarSet("我本经开高综新研园")

    func references(_ s: [Unicode.Scalar], _ region: Range<Int>) -> [Candidate] {
        var out: [Candidate] = []
        let nouns: [(String, EntityType)] = [
            ("工作站", .organization), ("实验室", .organization), ("研究院", .organization), ("研究所", .organization),
            ("中心", .organization), ("集团", .company), ("公司", .company), ("企业", .company), ("园区", .park),
            ("开发区", .park), ("经开区", .park), ("高新区", .park), ("基地", .park), ("项目", .project),
            ("区", .park), ("校", .organization), ("院", .organization), ("所", .organization),
        ]
        var i = region.lowerBound
        while i < region.upperBound {
            if s[i] == "该" {
                for (noun, type) in nouns where s.has(noun, at: i + 1) {
                    let r = i..<(i + 1 + noun.unicodeScalars.count)
                    out.append(Candidate(range: r, type: type, name: s.string(r), priority: 3, reference: true, referenceSuffix: noun))
                    break
                }
            }
            i += 1
        }
        // Where one of the words below may start (most positions start none): each word's scan
        // visits only these, as the scan of every position would, skipping past a match.
        let starts = region.filter { Recognizer.referenceInitials.contains(s[$0]) }
        func occurrences(_ w: [Unicode.Scalar]) -> [Int] {
            var found: [Int] = [], next = region.lowerBound
            for k in starts where k >= next && k + w.count <= region.upperBound && s[k] == w[0] && s.occurs(w, at: k) {
                found.append(k); next = k + w.count
            }
            return found
        }
        // 我市, 本省: the document's own city or province.
        for word in ["我市", "本市", "我省", "本省", "我县", "本县"] {
            for k in occurrences(Array(word.unicodeScalars)) {
                out.append(Candidate(range: k..<(k + 2), type: .place, name: word, priority: 3, reference: true, referenceSuffix: word))
            }
        }
        // `我厅`, `本局`: the body writing the document, when it names itself elsewhere.
        for word in ["我厅", "本厅", "我局", "本局", "我委", "本委", "我办"] {
            for k in occurrences(Array(word.unicodeScalars)) {
                out.append(Candidate(range: k..<(k + 2), type: .organization, name: word, priority: 1, reference: true,
                                     referenceSuffix: String(word.unicodeScalars.last.map(Character.init) ?? "厅")))
            }
        }
        // Bare short forms of a zone's name at a boundary: `经开区召开干部大会`.
        for word in ["经济技术开发区", "经济开发区", "经开区", "开发区", "高新区", "综保区", "新区", "研究院", "园区"] {
            let w = Array(word.unicodeScalars)
            for k in occurrences(w) {
                let before = k > region.lowerBound ? s[k - 1] : " "
                if !Recognizer.isNameChar(before) || lexicon.hardStops.contains(before) || lexicon.weakStops.contains(before) || before == "、" {
                    out.append(Candidate(range: k..<(k + w.count), type: .park, name: word, priority: 1,
                                         reference: true, referenceSuffix: word))
                }
            }
        }
        return out
    }
}
