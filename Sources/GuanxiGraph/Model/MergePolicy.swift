/// When two documents' entities may become one node.
///
/// Inside one document the extractor resolves short forms and references (`屯留经开区`, `该公司`,
/// `《规划》`) with the document's own context. Across documents there is no such context: a
/// generic word (`园区`, `开发区`), a form relative to the writer's place (`市委`, `市政府`,
/// `省工信厅`, `区管委会`) or a two-character name (most personal names) names different things in
/// different texts. Such names never join entities of two documents: a missed join is a fact left
/// unlinked, a wrong one joins two cities' bodies and invents paths no article states.
public enum MergePolicy {
    /// Fewest characters (after ``NameKey``) a name needs to join entities across documents.
    public static let minimumLength = 3

    /// Characters that, opening a name, make it relative to the writer's place or to the text
    /// (`市科技局`, `省委`, `区管委会`, `该公司`, `本项目`, `全省`): never a name of one thing.
    public static let relativePrefixes: Set<Character> = ["省", "市", "区", "县", "州", "镇", "乡", "本", "我", "该", "此", "全", "各", "其"]

    /// Longer openings that are relative in the same way (`自治区党委`: which region's?).
    public static let relativeOpenings: [String] = ["自治区", "自治州", "自治县", "新区", "园区", "开发区", "高新区", "经开区"]

    /// Category words that name a kind of thing, not one thing (compared by ``NameKey``).
    public static let categoryWords: Set<String> = [
        "园区", "开发区", "高新区", "经开区", "工业园", "产业园", "工业园区", "产业园区", "示范区", "新区",
        "自贸区", "保税区", "综保区", "基地", "产业基地", "示范基地", "集群", "产业集群", "先导区", "试验区",
        "管委会", "党工委", "委员会", "党委", "政府", "人民政府", "党委政府", "市委市政府", "省委省政府",
        "公司", "集团", "企业", "有限公司", "集团公司", "股份公司", "子公司", "母公司", "龙头企业", "重点企业",
        "项目", "重点项目", "产业项目", "大项目", "研究院", "研究所", "实验室", "重点实验室", "大学", "高校",
        "学院", "中心", "研发中心", "工作站", "规划", "方案", "意见", "通知", "办法", "名单", "实施方案",
        "行动方案", "行动计划", "实施意见", "工作方案", "管理办法", "若干措施", "若干政策", "政策", "工程",
        "小镇", "新城", "街道", "社区",
    ]

    /// Whether a name is a category word or relative to the writer's place (see the type's notes).
    public static func isGeneric(_ name: String) -> Bool { isGenericKey(NameKey.of(name)) }

    /// ``isGeneric(_:)`` of a name already made a ``NameKey``.
    static func isGenericKey(_ key: String) -> Bool {
        if key.isPlainForComparison {
            // (The same test on scalars and bytes: in a plain key a character is one scalar.)
            guard let first = key.unicodeScalars.first else { return true }
            if relativePrefixScalars.contains(first) || categoryWordKeys.contains(NameKey.Bytes(key)) { return true }
            let u = key.unicodeScalars
            return relativeOpeningScalars.contains { u.starts(with: $0) }
        }
        guard let first = key.first else { return true }
        if categoryWords.contains(key) || relativePrefixes.contains(first) { return true }
        let u = key.unicodeScalars
        return relativeOpeningScalars.contains { u.starts(with: $0) }
    }

    private static let relativeOpeningScalars = relativeOpenings.map { Array($0.unicodeScalars) }
    private static let relativePrefixScalars = Set(relativePrefixes.flatMap(\.unicodeScalars))
    private static let categoryWordKeys = Set(categoryWords.map(NameKey.Bytes.canonical))

    /// Whether a name is distinctive enough to join entities of two documents.
    public static func isDistinctive(_ name: String) -> Bool { isDistinctiveKey(NameKey.of(name)) }

    /// ``isDistinctive(_:)`` of a name already made a ``NameKey``.
    static func isDistinctiveKey(_ key: String) -> Bool {
        hasAtLeast(minimumLength, charactersIn: key) && !isGenericKey(key)
    }

    /// Whether `s` has at least `n` characters, counted without breaking the text into
    /// characters when it holds only ideographs and printable ASCII (one scalar each).
    static func hasAtLeast(_ n: Int, charactersIn s: String) -> Bool {
        var count = 0
        for u in s.unicodeScalars {
            guard (0x4E00...0x9FFF).contains(u.value) || (0x21...0x7E).contains(u.value) else { return s.count >= n }
            count += 1
        }
        return count >= n
    }

    /// The name keys by which an entity from another document may join a node of the graph.
    public static func crossDocumentKeys(of entity: Entity) -> Set<String> {
        var out = Set<String>()
        for name in entity.allNames {
            let key = NameKey.of(name)
            if isDistinctiveKey(key) { out.insert(key) }
        }
        return out
    }

    /// Where an official's posts anchor them: the place or body that opens a post as written
    /// (`阳泉市委副书记` → `阳泉市`, `屯留经开区党工委书记` → `屯留经开区`) or the organization a post
    /// names, when it is distinctive. Two officials of one short name (`陈凯`) in two documents are
    /// one person only when their posts share an anchor.
    public static func postAnchors(of entity: Entity) -> Set<String> {
        var out = Set<String>()
        for post in entity.posts {
            if let org = post.organization {
                let key = NameKey.of(org)
                if isDistinctiveKey(key) { out.insert(key) }
            }
            for title in titleParts(post.title) {
                let key = NameKey.of(String(title))
                // (Ideographs and ASCII: a character is a scalar, so the place is found on scalars.)
                let anchor: String
                if key.unicodeScalars.allSatisfy({ (0x4E00...0x9FFF).contains($0.value) || (0x21...0x7E).contains($0.value) }) {
                    let u = Array(key.unicodeScalars)
                    guard let end = u.firstIndex(where: { anchorEndScalars.contains($0) }), end >= 2 else { continue }
                    anchor = String(String.UnicodeScalarView(u[...end]))
                } else {
                    let chars = Array(key)
                    guard let end = chars.firstIndex(where: { anchorEnds.contains($0) }), end >= 2 else { continue }
                    anchor = String(chars[...end])
                }
                if isDistinctiveKey(anchor) { out.insert(anchor) }
            }
        }
        return out
    }

    /// A title cut at `、，,；; ` (empty parts left out). A title of ideographs, ASCII and CJK or
    /// full-width punctuation (where every character is one scalar) is cut on its scalars.
    static func titleParts(_ title: String) -> [Substring] {
        let oneScalarCharacters = title.unicodeScalars.allSatisfy {
            let v = $0.value
            return (0x20...0x7E).contains(v) || (0x4E00...0x9FFF).contains(v) || (0x3000...0x3029).contains(v)
                || (0x3030...0x303F).contains(v) || (0xFF01...0xFF60).contains(v)
        }
        guard oneScalarCharacters else { return title.split(whereSeparator: { "、，,；; ".contains($0) }) }
        var parts: [Substring] = []
        var start = title.unicodeScalars.startIndex
        var i = start
        let u = title.unicodeScalars
        while i < u.endIndex {
            if titleSeparators.contains(u[i]) {
                if start < i { parts.append(Substring(u[start..<i])) }
                start = u.index(after: i)
            }
            i = u.index(after: i)
        }
        if start < u.endIndex { parts.append(Substring(u[start..<u.endIndex])) }
        return parts
    }

    private static let titleSeparators = Set("、，,；; ".unicodeScalars)

    /// Characters that end the place or zone opening a post (`…市`, `…省`, `…经开区`).
    static let anchorEnds: Set<Character> = ["省", "市", "县", "区", "州", "盟", "旗"]
    static let anchorEndScalars: Set<Unicode.Scalar> = ["省", "市", "县", "区", "州", "盟", "旗"]
}
