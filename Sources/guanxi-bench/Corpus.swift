import Foundation
import GuanxiTestSupport

/// Draws the corpus needs beyond uniform numbers.
extension SplitMix64 {
    /// Skewed towards 0 (a few entities are named often, most rarely): index of a pool of `n`.
    mutating func skewed(_ n: Int) -> Int {
        let u = Double(next() >> 11) / Double(1 << 53)
        return min(n - 1, Int(Double(n) * u * u * u.squareRoot()))
    }
    mutating func pick<T>(_ a: [T]) -> T { a[below(a.count)] }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}

/// Writes article-like Chinese text by recombining the sentence patterns of `seeds/` (a visit by
/// an official, a company in a park, a policy issued by a department, a project built, a list of
/// selected parks, signed agreements…) with names drawn from large generated pools, so the graph
/// grows with the corpus. Names are built from syllables, surnames and place names — generic,
/// never the sample's entities. Deterministic: document `k` is the same whatever the corpus size,
/// so a 1 MB corpus is a prefix of the 10 MB one.
struct CorpusGenerator {
    // Name material.
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤").map(String.init)
    static let given = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏建红飞鑫波宁斌宇浩凯俊帆帅旭晨辰琳瑶欣悦晖峰岩松柏晋川海涛昊东翔毅博睿哲瀚楠嘉航志远立新春晓光振国庆福荣德胜利祥瑞")
        .map(String.init)
    static let brandA = Array("华中金鑫宏兴盛泰恒昌瑞丰晋阳龙凤天元正大永安嘉禾新锐博远国晟汇通德信安达蓝海鼎立聚源康泽卓越").map(String.init)
    static let brandB = Array("达通科创源丰泰盛远航宇晟能锦辉鸿力邦捷润诚信合利美峰川顺和骏维").map(String.init)
    static let industries = ["新材料", "生物医药", "合成生物", "氢能", "储能", "光伏", "半导体", "智能制造", "装备制造", "新能源汽车",
                             "碳基材料", "量子信息", "数字经济", "信息技术", "特钢", "铝镁", "现代煤化工", "节能环保", "食品", "纺织",
                             "电子信息", "软件", "大数据", "人工智能", "北斗应用", "通用航空", "现代物流", "文化旅游", "康养", "农产品加工"]
    static let companyKinds = ["科技有限公司", "新材料有限公司", "能源有限公司", "环保科技有限公司", "集团有限公司", "股份有限公司",
                               "实业有限公司", "装备制造有限公司", "生物技术有限公司", "电子有限公司"]
    static let parkKinds = ["经济技术开发区", "高新技术产业开发区", "工业园区", "产业园", "物流园区", "科技园", "经济开发区"]
    static let bureaus = ["工业和信息化局", "发展和改革委员会", "科学技术局", "商务局", "人民政府", "生态环境局", "财政局", "自然资源局"]
    static let provinceBureaus = ["工业和信息化厅", "发展和改革委员会", "科学技术厅", "商务厅", "人民政府", "生态环境厅", "财政厅", "自然资源厅"]
    static let policyKinds = ["若干措施", "行动方案", "实施意见", "发展规划", "三年行动计划", "支持政策", "专项规划", "实施方案"]
    static let products = ["薄壁钢管", "锂电池正极材料", "生物基尼龙", "光伏组件", "氢燃料电池", "特种玻璃", "碳纤维", "工业机器人",
                           "高纯硅", "电子级化学品", "新型建材", "有机肥", "乳制品", "高端轴承", "液压件", "芯片封装"]
    static let units = ["万吨", "万套", "万件", "GW", "亿只", "万平方米"]
    static let fillers = [
        "要深入学习贯彻党的二十届四中全会精神，因地制宜推动能源转型、产业升级。",
        "要坚持问题导向，强化要素保障，推动项目早开工、早投产、早见效。",
        "要优化营商环境，用心用情做好企业服务，以企引企、资本招商。",
        "会议强调，要持续深化改革创新，加快构建现代化产业体系。",
        "当前，各项工作正有序推进，重点项目建设取得阶段性成效。",
        "据介绍，该项目建成后可实现年产值超过十亿元，带动就业数百人。",
        "他指出，要大力发展循环经济，提高资源综合利用水平。",
        "现场，施工车辆往来穿梭，工人们正抢抓工期加紧施工。",
    ]

    let provinces: [String]     // 山西省 …
    let cities: [String]        // 阳泉市 …
    let counties: [String]      // 盂县 …
    let seed: UInt64

    init(seed: UInt64 = 20250104, divisionsPath: String? = nil) {
        self.seed = seed
        var p: [String] = [], c: [String] = [], k: [String] = []
        if let path = divisionsPath, let text = try? String(contentsOfFile: path, encoding: .utf8) {
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard f.count >= 3 else { continue }
                let name = String(f[1])
                switch f[2] {
                case "province" where name.hasSuffix("省"): p.append(name)
                case "city" where name.hasSuffix("市"): c.append(name)
                case "county" where name.count <= 4 && (name.hasSuffix("县") || name.hasSuffix("区")): k.append(name)
                default: break
                }
            }
        }
        if p.isEmpty { p = ["山西省", "河北省", "河南省", "陕西省", "山东省", "湖北省"] }
        if c.isEmpty { c = ["太原市", "大同市", "阳泉市", "长治市", "晋城市", "朔州市", "晋中市", "运城市", "忻州市", "临汾市", "吕梁市"] }
        if k.isEmpty { k = ["小店区", "迎泽区", "清徐县", "阳曲县", "娄烦县", "平定县", "盂县", "屯留区", "襄垣县", "沁县"] }
        provinces = p; cities = c; counties = k
    }

    // Pools: an index gives a name. Sizes are chosen so 100 MB gives >100k nodes, >1M edges.
    static let officialPool = 80_000, companyPool = 90_000, parkPool = 12_000, policyPool = 8_000, projectPool = 30_000

    func official(_ i: Int) -> String {
        let s = CorpusGenerator.surnames, g = CorpusGenerator.given
        let a = s[i % s.count], b = g[(i / s.count) % g.count]
        let rest = i / (s.count * g.count)
        return rest == 0 ? a + b : a + b + g[(rest * 7 + i) % g.count]
    }
    func company(_ i: Int) -> String {
        let a = CorpusGenerator.brandA, b = CorpusGenerator.brandB, ind = CorpusGenerator.industries, k = CorpusGenerator.companyKinds
        let prov = provinces[(i / 7) % provinces.count].dropLast()
        return "\(prov)\(a[i % a.count])\(b[(i / a.count) % b.count])\(ind[(i / (a.count * b.count)) % ind.count])\(k[(i / 13) % k.count])"
    }
    func park(_ i: Int) -> String {
        let k = CorpusGenerator.parkKinds
        let county = counties[i % counties.count]
        let kind = k[(i / counties.count) % k.count]
        return "\(county.dropLast())\(kind)"
    }
    func policy(_ i: Int) -> String {
        let ind = CorpusGenerator.industries, k = CorpusGenerator.policyKinds
        let owner = i % 3 == 0 ? provinces[(i / 3) % provinces.count] : cities[(i / 3) % cities.count]
        return "\(owner)促进\(ind[(i / 7) % ind.count])产业高质量发展\(k[(i / 11) % k.count])"
    }
    func project(_ i: Int) -> String {
        let n = 5 + (i % 97) * 5
        let p = CorpusGenerator.products[(i / 97) % CorpusGenerator.products.count]
        let u = CorpusGenerator.units[(i / 1552) % CorpusGenerator.units.count]
        return "年产\(n)\(u)\(p)项目"
    }
    func agency(_ r: inout SplitMix64) -> String {
        if r.chance(0.3) { return r.pick(provinces) + r.pick(CorpusGenerator.provinceBureaus) }
        return r.pick(cities) + r.pick(CorpusGenerator.bureaus)
    }

    /// One sentence from a template, with generated names.
    func sentence(_ r: inout SplitMix64, date: String) -> String {
        let P = CorpusGenerator.self
        let off = official(r.skewed(P.officialPool)), off2 = official(r.skewed(P.officialPool))
        let com = company(r.skewed(P.companyPool)), com2 = company(r.skewed(P.companyPool)), com3 = company(r.skewed(P.companyPool))
        let prk = park(r.skewed(P.parkPool)), pol = policy(r.skewed(P.policyPool)), prj = project(r.skewed(P.projectPool))
        let city = r.pick(cities), county = r.pick(counties), ind = r.pick(P.industries)
        switch r.below(14) {
        case 0: return "\(date)，\(city.dropLast())市委副书记、市长\(off)在\(county)调研。"
        case 1: return "调研期间，\(off)来到\(prk)，了解园区规划、产业布局和项目建设情况。"
        case 2: return "在\(com)\(prj)现场，\(off)详细了解项目规划设计、建设内容、投资强度等情况。"
        case 3: return "\(com)位于\(prk)，主要从事\(ind)产品的研发和生产。"
        case 4: return "近日，\(agency(&r))印发《\(pol)》，提出到2027年\(ind)产业规模突破千亿元。"
        case 5: return "\(com)与\(com2)、\(com3)签署战略合作协议，共同推进\(ind)领域技术攻关。"
        case 6: return "\(com2)是\(com)的全资子公司，落户\(prk)。"
        case 7: return "\(com)投资\(2 + r.below(80))亿元建设\(prj)，预计明年投产。"
        case 8: return "\(city.dropLast())市副市长\(off2)、\(county)委书记\(off)陪同调研。"
        case 9: return "\(prk)入选第\(["一", "二", "三"][r.below(3)])批省级\(ind)特色园区名单。"
        case 10: return "\(agency(&r))牵头实施《\(pol)》，支持\(com)等企业加快技术改造。"
        case 11: return "\(com)与\(r.pick(P.brandA))\(r.pick(P.brandB))大学合作共建\(ind)研究院。"
        case 12: return "\(prk)管委会主任\(off)表示，将全力支持\(com)做大做强。"
        default: return r.pick(P.fillers)
        }
    }

    /// Document `k`: a headline, a dateline, a few paragraphs, a byline.
    func document(_ k: Int) -> String {
        var r = SplitMix64(seed: seed ^ (UInt64(k) &* 0x9E37_79B9_7F4A_7C15))
        let month = 1 + r.below(12), day = 1 + r.below(28), year = 2016 + r.below(10)
        let date = "\(month)月\(day)日"
        let place = r.pick(cities)
        var out = "\(place)\(r.pick(CorpusGenerator.industries))产业发展势头强劲\n\n"
        out += "科学导报讯 \(year)年\(date)，\(sentence(&r, date: date))"
        let paragraphs = 3 + r.below(6)
        for p in 0..<paragraphs {
            if p > 0 { out += "\n\n" }
            for _ in 0..<(2 + r.below(4)) { out += sentence(&r, date: date) }
        }
        let s = CorpusGenerator.surnames, g = CorpusGenerator.given
        out += "\n\n\(r.pick(s))\(r.pick(g))\(r.pick(g)) \(r.pick(s))\(r.pick(g))\n"
        return out
    }

    /// Writes documents into `dir` (100 a folder) until `bytes` are written; returns the file paths.
    @discardableResult
    func write(bytes: Int, to dir: String) throws -> [String] {
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var total = 0, k = 0
        var paths: [String] = []
        while total < bytes {
            let sub = "\(dir)/\(String(format: "%04d", k / 100))"
            if k % 100 == 0 { try fm.createDirectory(atPath: sub, withIntermediateDirectories: true) }
            let path = "\(sub)/d\(String(format: "%07d", k)).txt"
            let data = Data(document(k).utf8)
            try data.write(to: URL(fileURLWithPath: path))
            total += data.count; k += 1
            paths.append(path)
        }
        return paths
    }
}
