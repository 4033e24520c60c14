import Foundation
import GuanxiGraph

/// China's administrative divisions (the package resource `divisions.tsv`, built from the
/// MIT-licensed PyPI package cpca; see its header), for recognising places and their short forms.
public struct Gazetteer: Sendable {
    /// Administrative level of a division.
    public enum Level: String, Sendable { case province, city, county }

    /// One division.
    public struct Division: Sendable, Hashable {
        public let code: String
        public let name: String
        public let level: Level
        public let parent: String?
        public let shortForms: [String]
    }

    public private(set) var divisions: [String: Division] = [:]
    /// Every full name and short form → the divisions it can name, highest level first.
    /// Division codes by form, keyed by the form's canonical bytes (``NameKey/Bytes/canonical(_:)``).
    private var forms: [NameKey.Bytes: [String]] = [:]
    private(set) var words = WordSet([])
    /// Each division's chain of containing divisions, nearest first (at most four), computed once:
    /// containment is asked for every place candidate against every place the document names.
    private var parents: [String: [String]] = [:]
    /// The names and short forms of the divisions directly under each division, ambiguous ones
    /// included (`安福` under 吉安市): read only where the parent is named right before.
    private var childForms: [String: [[Unicode.Scalar]]] = [:]
    /// Regions that are not divisions but are named as places (public names).
    static let regions: [(String, [String])] = [
        ("粤港澳大湾区", ["大湾区"]), ("长江三角洲", ["长三角"]), ("珠江三角洲", ["珠三角"]), ("京津冀", []),
        ("成渝地区双城经济圈", []), ("长江经济带", []), ("黄河流域", []), ("晋北", []), ("晋南", []), ("苏南", []),
        ("苏北", []), ("皖北", []), ("川东", []), ("川南", []), ("豫西", []), ("鲁西", []),
    ]

    /// The shipped table.
    public static let shared = Gazetteer(tsv: Gazetteer.loadResource())

    static func loadResource() -> String {
        guard let url = Bundle.module.url(forResource: "divisions", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "" }
        return text
    }

    public init(tsv: String) {
        // The forms in the order read; the word set is built once from them (what inserting them
        // one by one gives, without keeping its look-up tables up to date at every insert).
        var wordList: [String] = []
        for raw in tsv.split(separator: "\n") {
            if raw.hasPrefix("#") { continue }
            let cols = raw.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 4, let level = Level(rawValue: cols[2]) else { continue }
            var shorts = cols.count > 4 ? cols[4].split(separator: "|").map(String.init) : []
            // An autonomous prefecture is written with its short form and 州 (`延边州`).
            if cols[1].hasSuffix("自治州") {
                shorts += shorts.filter { $0.count >= 2 && !$0.hasSuffix("州") }.map { $0 + "州" }
            }
            let d = Division(code: cols[0], name: cols[1], level: level,
                             parent: cols[3].isEmpty ? nil : cols[3], shortForms: shorts)
            divisions[d.code] = d
            if let p = d.parent { childForms[p, default: []] += ([d.name] + shorts).filter { $0.count >= 2 }.map { Array($0.unicodeScalars) } }
            for f in [d.name] + shorts where !Gazetteer.ambiguousWords.contains(f) {
                forms[NameKey.Bytes.canonical(f), default: []].append(d.code)
                wordList.append(f)
            }
        }
        for (r, short) in Gazetteer.regions {
            let code = "R:" + r
            divisions[code] = Division(code: code, name: r, level: .province, parent: nil, shortForms: short)
            for f in [r] + short {
                forms[NameKey.Bytes.canonical(f), default: []].append(code)
                wordList.append(f)
            }
        }
        words = WordSet(wordList)
        for code in divisions.keys {
            var chain: [String] = []
            var cur = divisions[code]?.parent
            while let c = cur, chain.count < 4 { chain.append(c); cur = divisions[c]?.parent }
            if !chain.isEmpty { parents[code] = chain }
        }
        let rank: (Level) -> Int = { $0 == .province ? 0 : $0 == .city ? 1 : 2 }
        for (k, v) in forms {
            forms[k] = v.sorted { a, b in
                let la = divisions[a].map { rank($0.level) } ?? 3, lb = divisions[b].map { rank($0.level) } ?? 3
                return la != lb ? la < lb : a < b
            }
        }
    }

    /// Short forms that are common words far more often than places.
    static let ambiguousWords: Set<String> = [
        "城区", "新区", "市中", "城中", "城关", "和平", "新华", "长安", "开平", "东方", "江南", "永定", "平安", "安宁",
        "新城", "新兴", "大通", "河口", "城东", "城西", "城南", "城北", "南山", "东山", "西湖", "宝山",
        "青山", "白云", "龙华", "滨海", "海城", "东港", "太和", "华容", "向阳", "清河", "兴安", "大安", "金川",
        "东兴", "河东", "江城", "云龙", "钟山", "新乡", "长宁", "台江", "文山", "龙山", "平山", "象山", "铁东",
        "铁西", "桥西", "桥东", "高新", "新市", "郊区", "矿区", "东区", "西区", "南区",
        "北区", "中区", "全州", "万荣", "丰收", "和顺", "安顺", "平和", "永和", "长顺", "红星", "光明", "解放",
        "人民", "前进", "振兴", "胜利", "团结", "民主", "新民", "建设", "共和", "合作", "宁安",
        "安远", "长兴", "富民", "利民", "保康", "康乐", "乐业", "安福", "大方", "正安", "通道",
        "福山", "同心", "新建", "上城", "下城", "市北", "市南", "河西", "江北", "江东", "城厢", "资源", "友好", "红旗", "富裕", "安定", "吉利", "中原", "江海", "海港", "工农", "城中区",
    ]

    /// The length of the longest name of a division directly under one named `parent` written at
    /// `i` (ambiguous short forms too: the parent written right before says which place is meant).
    func childName(of parent: String, startingAt i: Int, in s: [Unicode.Scalar], limit: Int) -> Int {
        var best = 0
        for code in forms[NameKey.Bytes.canonical(parent)] ?? [] {
            for f in childForms[code] ?? [] where f.count > best && i + f.count <= limit && s[i..<(i + f.count)].elementsEqual(f) { best = f.count }
        }
        return best
    }

    /// Divisions a form can name, highest level first.
    public func divisions(named form: String) -> [Division] {
        (forms[NameKey.Bytes.canonical(form)] ?? []).compactMap { divisions[$0] }
    }

    /// The province a division lies in (itself for a province).
    public func province(of code: String) -> Division? {
        var cur = divisions[code]
        var steps = 0
        while let c = cur, c.level != .province, let p = c.parent, steps < 4 { cur = divisions[p]; steps += 1 }
        return cur
    }

    /// Whether `ancestor` contains `code` (or is it).
    public func contains(_ ancestor: String, _ code: String) -> Bool {
        ancestor == code || (parents[code]?.contains(ancestor) ?? false)
    }

    /// The divisions containing `code`, nearest first (none for a province or an unknown code).
    public func ancestors(of code: String) -> [String] { parents[code] ?? [] }

    /// The form a place is best known by for short references: `山西省` → `山西`.
    public func shortName(_ d: Division) -> String { d.shortForms.first ?? d.name }
}
