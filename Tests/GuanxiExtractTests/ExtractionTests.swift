import Foundation
import XCTest
@testable import GuanxiExtract
import GuanxiGraph
import GuanxiText

/// Where the repository and the shared development data are.
enum Paths {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = repo.deletingLastPathComponent().appendingPathComponent("shared")
    static let seed = repo.appendingPathComponent("seeds/000_7b3e52b32049f56f.txt")
    static let heldout = repo.appendingPathComponent("Tests/Fixtures/heldout")
    static let articles = repo.appendingPathComponent("Tests/Fixtures/articles")
}

func extract(_ text: String, id: String = "doc", path: String = "doc.txt") -> KnowledgeGraph {
    let src = SourceText(path: path, sha256: SHA256.hex(Array(text.utf8)), encoding: "UTF-8", format: .text, text: text)
    return Extractor().extract(src, id: id)
}

func extractFile(_ url: URL) throws -> (KnowledgeGraph, SourceText) {
    let src = try SourceReader.read(path: url.path)
    return (Extractor().extract(src, id: url.deletingPathExtension().lastPathComponent), src)
}

/// Whether the graph holds the relation `head -type-> tail` (names or aliases).
func hasRelation(_ g: KnowledgeGraph, _ head: String, _ type: RelationType, _ tail: String) -> Bool {
    guard let a = g.lookup(head).first, let b = g.lookup(tail).first else { return false }
    return g.relation(EdgeKey(source: a.id, type: type, target: b.id)) != nil
}

final class ExtractionTests: XCTestCase {
    // MARK: - Scores on real text

    func testSamplePageMeetsTargets() throws {
        let goldURL = Paths.shared.appendingPathComponent("gold/000_7b3e52b32049f56f.json")
        guard FileManager.default.fileExists(atPath: goldURL.path) else { throw XCTSkip("../shared/gold is absent: sample-page score not measured") }
        let (g, _) = try extractFile(Paths.seed)
        let r = Evaluator.evaluate(graph: g, gold: try GoldFile.load(goldURL.path), document: nil)
        // Floors: the measured figure minus 0.02 (0.982 / 1.00 / 1.00 on 2026-12-02); raise them as scores rise.
        XCTAssertGreaterThanOrEqual(r.typedEntities.f1, 0.962, "typed entity F1; missed \(r.missedEntities), spurious \(r.spuriousEntities)")
        XCTAssertGreaterThanOrEqual(r.relations.f1, 0.98, "unlabeled relation F1; missed \(r.missedRelations)")
        XCTAssertGreaterThanOrEqual(r.labeledRelations.f1, 0.98, "labeled relation F1; spurious \(r.spuriousRelations)")
    }

    /// Micro-averaged scores over a folder of texts with gold files.
    func score(texts: URL, gold: URL) throws -> (entities: Double, relations: Double, labeled: Double, n: Int) {
        var ent = Score(), rel = Score(), lab = Score()
        let golds = try FileManager.default.contentsOfDirectory(atPath: gold.path).filter { $0.hasSuffix(".json") }.sorted()
        for name in golds {
            let goldFile = try GoldFile.load(gold.appendingPathComponent(name).path)
            let (g, _) = try extractFile(texts.appendingPathComponent(goldFile.doc))
            let r = Evaluator.evaluate(graph: g, gold: goldFile, document: nil)
            ent.truePositives += r.typedEntities.truePositives; ent.falsePositives += r.typedEntities.falsePositives
            ent.falseNegatives += r.typedEntities.falseNegatives
            rel.truePositives += r.relations.truePositives; rel.falsePositives += r.relations.falsePositives
            rel.falseNegatives += r.relations.falseNegatives
            lab.truePositives += r.labeledRelations.truePositives; lab.falsePositives += r.labeledRelations.falsePositives
            lab.falseNegatives += r.labeledRelations.falseNegatives
        }
        return (ent.f1, rel.f1, lab.f1, golds.count)
    }

    func testDevelopmentSetGeneralises() throws {
        let dev = Paths.shared.appendingPathComponent("devset")
        guard FileManager.default.fileExists(atPath: dev.path) else { throw XCTSkip("../shared/devset is absent: development-set score not measured") }
        let s = try score(texts: dev.appendingPathComponent("texts"), gold: dev.appendingPathComponent("gold"))
        print("devset (\(s.n) articles): typed entity F1 \(s.entities), unlabeled relation F1 \(s.relations), labeled \(s.labeled)")
        XCTAssertEqual(s.n, 40, "the development set holds 40 articles")
        // Floors: the measured figure minus 0.02 (40 articles, 2026-12-02: 0.927 / 0.877 / 0.875); they ratchet up.
        XCTAssertGreaterThanOrEqual(s.entities, 0.907)
        XCTAssertGreaterThanOrEqual(s.relations, 0.857)
        XCTAssertGreaterThanOrEqual(s.labeled, 0.855)
    }

    func testHandWrittenArticleSets() throws {
        for set in ["a", "b"] {
            let dir = Paths.articles.appendingPathComponent(set)
            let s = try score(texts: dir.appendingPathComponent("texts"), gold: dir.appendingPathComponent("gold"))
            print("articles/\(set) (\(s.n) articles): typed entity F1 \(s.entities), unlabeled relation F1 \(s.relations)")
            // Floors: measured minus 0.02 (a: 0.940 / 0.840, b: 0.894 / 0.810 on 2026-12-02). These are
            // invented tuning fixtures: they guard patterns, they do not measure generalisation.
            let floors: [String: (Double, Double)] = ["a": (0.920, 0.820), "b": (0.874, 0.790)]
            XCTAssertGreaterThanOrEqual(s.entities, floors[set]?.0 ?? 1, set)
            XCTAssertGreaterThanOrEqual(s.relations, floors[set]?.1 ?? 1, set)
        }
    }

    func testHeldOutArticlesGeneralise() throws {
        let gold = Paths.heldout.appendingPathComponent("gold")
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: gold.path), files.contains(where: { $0.hasSuffix(".json") }) else {
            throw XCTSkip("no held-out fixtures")
        }
        let s = try score(texts: Paths.heldout.appendingPathComponent("texts"), gold: gold)
        print("held-out (\(s.n) articles): typed entity F1 \(s.entities), unlabeled relation F1 \(s.relations)")
        // Floors: measured minus 0.02 (0.902 / 0.704 on 2026-12-02). Invented text, and some genre
        // tests were written after it: a regression guard, not a held-out figure.
        XCTAssertGreaterThanOrEqual(s.entities, 0.882)
        XCTAssertGreaterThanOrEqual(s.relations, 0.684)
    }

    // MARK: - Evidence and mentions quote the source

    func testEvidenceAndMentionsAreSlicesOfTheSource() throws {
        var urls = [Paths.seed]
        let dev = Paths.shared.appendingPathComponent("devset/texts")
        if let names = try? FileManager.default.contentsOfDirectory(atPath: dev.path) {
            urls += names.sorted().map { dev.appendingPathComponent($0) }
        }
        var edges = 0
        defer { XCTAssertGreaterThan(edges, 100, "evidence checked on too few edges") }
        for url in urls {
            let (g, src) = try extractFile(url)
            let text = Array(src.text.unicodeScalars)
            func slice(_ a: Int, _ b: Int) -> String { String(String.UnicodeScalarView(text[a..<b])) }
            edges += g.edgeCount
            for r in g.edges {
                for ev in r.evidence {
                    XCTAssertTrue(ev.start >= 0 && ev.end <= text.count && ev.start < ev.end)
                    XCTAssertEqual(slice(ev.start, ev.end), ev.sentence, "\(url.lastPathComponent) \(r.key)")
                }
            }
            for e in g.entities {
                for m in e.mentions {
                    XCTAssertEqual(slice(m.start, m.end), m.text, "\(url.lastPathComponent) \(e.name)")
                }
            }
        }
    }

    // MARK: - Behaviour on the sample page

    func testSamplePageOfficialsPostsAndBylines() throws {
        let (g, _) = try extractFile(Paths.seed)
        let chen = try XCTUnwrap(g.lookup("陈凯").first)
        XCTAssertEqual(chen.type, .official)
        XCTAssertTrue(chen.posts.contains { $0.title == "阳泉市委副书记、代市长" }, "\(chen.posts)")
        // Reporters in bylines are never officials.
        for reporter in ["侯海宏", "李京益", "李青", "郭赞", "马永亮", "白续宏", "何君苗", "高朋"] {
            XCTAssertTrue(g.lookup(reporter).isEmpty, "\(reporter) is a reporter")
        }
        // Short and full forms are one node.
        let zone = try XCTUnwrap(g.lookup("屯留经开区").first)
        XCTAssertEqual(g.lookup("屯留经济技术开发区").first?.id, zone.id)
        // `《规划》` is a generic word: a mention of the plan, never an alias that could join other plans.
        XCTAssertTrue(g.lookup("《规划》").isEmpty)
        let plan = try XCTUnwrap(g.entities.first { $0.type == .policy && $0.name.contains("未来产业发展规划") })
        XCTAssertTrue(plan.mentions.contains { $0.text == "《规划》" }, "\(plan.mentions.map(\.text))")
    }

    func testSamplePageRelations() throws {
        let (g, _) = try extractFile(Paths.seed)
        let has = { (h: String, t: RelationType, tail: String) in hasRelation(g, h, t, tail) }
        XCTAssertTrue(has("陈凯", .holdsPost, "阳泉市"))
        XCTAssertTrue(has("陈凯", .visited, "西烟循环经济产业园"))
        XCTAssertTrue(has("山西省商务厅", .issued, "第二批省级消费品特色园区名单"))
        XCTAssertTrue(has("低空经济智能制造院士专家工作站", .locatedIn, "屯留经济技术开发区"))
        XCTAssertTrue(has("屯留经开区", .cooperatesWith, "清华大学"))
        XCTAssertTrue(has("欧贝姆纳米科技有限公司", .subsidiaryOf, "中大(天津)集团"))
        XCTAssertTrue(has("侯马经济开发区", .implements, "“冬季行动”"))
        // The 陈凯 article's date is resolved for evidence.
        let chen = try XCTUnwrap(g.lookup("陈凯").first), park = try XCTUnwrap(g.lookup("西烟循环经济产业园").first)
        let visit = try XCTUnwrap(g.relation(EdgeKey(source: chen.id, type: .visited, target: park.id)))
        XCTAssertEqual(visit.evidence.first?.date, "01-04")
    }

    // MARK: - Generalisation on text written for these tests

    func testPatternsOnUnseenText() {
        let text = """
        本报讯 3月5日，湖南省委常委、长沙市委书记吴桂英到长沙经开区调研。她先后来到三一重工股份有限公司、\
        蓝思科技股份有限公司年产500万片玻璃盖板项目现场，详细了解企业生产经营情况。市委副书记、市长周海兵陪同调研。
        近日，湖南省工业和信息化厅印发《湖南省制造业数字化转型实施方案》（以下简称《方案》）。《方案》提出，到2027年全省培育一批示范企业。
        """
        let g = extract(text)
        let wu = g.lookup("吴桂英").first
        XCTAssertEqual(wu?.type, .official)
        XCTAssertEqual(g.lookup("三一重工股份有限公司").first?.type, .company)
        XCTAssertEqual(g.lookup("长沙经开区").first?.type, .park)
        XCTAssertEqual(g.lookup("长沙经济技术开发区").first?.id, g.lookup("长沙经开区").first?.id)
        XCTAssertEqual(g.lookup("年产500万片玻璃盖板项目").first?.type, .project)
        let plan = g.lookup("《湖南省制造业数字化转型实施方案》").first
        XCTAssertTrue(plan?.mentions.contains { $0.text == "《方案》" } == true, "《方案》 is a mention of the plan")
        XCTAssertTrue(g.lookup("《方案》").isEmpty, "a generic word is no alias")
        let has = { (h: String, t: RelationType, tail: String) in hasRelation(g, h, t, tail) }
        XCTAssertTrue(has("吴桂英", .visited, "长沙经开区"))
        XCTAssertTrue(has("吴桂英", .visited, "三一重工股份有限公司"))
        XCTAssertTrue(has("周海兵", .accompanied, "吴桂英"))
        XCTAssertTrue(has("湖南省工业和信息化厅", .issued, "《湖南省制造业数字化转型实施方案》"))
        XCTAssertTrue(has("蓝思科技股份有限公司", .builds, "年产500万片玻璃盖板项目"))
    }

    func testReferencesResolveWithinTheArticle() {
        let text = "浙江大学与杭州市余杭区签署战略合作协议，共建未来产业研究院。该校将派出专家团队。"
        let g = extract(text)
        XCTAssertNil(g.lookup("该校").first, "a reference is not a node")
        let zju = g.lookup("浙江大学").first
        XCTAssertEqual(zju?.type, .organization)
        XCTAssertGreaterThanOrEqual(zju?.mentions.count ?? 0, 2, "该校 is a mention of 浙江大学")
    }

    // MARK: - Generic bodies and terms of a legislature (invented sentences, real places)

    func testGenericBodiesAreNoNamesAndATermIsNoOtherBody() {
        let g = extract("""
            请各市(州)工业和信息化局于月底前将材料报送省工信厅。各设区市商务局要尽快呈报省政府。\
            会后，汤溪、兰江两县县委分别召开会议。鹤城新区将建设国际交流中心和商贸物流中心，并设立专业领域研究所。\
            湖南省第十三届人民代表大会常务委员会第九次会议表决通过了该条例，省十三届人大常委会主任周立新主持会议。
            会议任命贺文斌为湘潭市人民检察院检察长、检察委员会委员。由县委书记任省级产业集聚区管理委员会主任的一人。
            """)
        let bodies = g.entities.filter { $0.type == .organization }.map(\.name)
        for generic in ["市(州)工业和信息化局", "工业和信息化局", "设区市商务局", "商务局", "尽快呈报省政府", "汤溪、兰江两县县委", "兰江两县县委",
                        "国际交流中心", "商贸物流中心", "专业领域研究所", "检察委员会", "区管理委员会"] {
            XCTAssertFalse(bodies.contains(generic), "\(generic) is not one body: \(bodies)")
        }
        let standing = g.entities.filter { $0.type == .organization && $0.name.contains("常务委员会") || $0.name.contains("人大常委会") }
        XCTAssertEqual(standing.count, 1, "the term does not make another body: \(standing.map(\.name))")
        XCTAssertTrue(standing.first?.aliases.contains("湖南省人民代表大会常务委员会") ?? false, "\(standing.map(\.aliases))")
    }

    func testZonesKeepTheirShortFormsAndKindsAreNoZones() {
        let g = extract("""
            来源：修水县人民政府网
            修水县工业园区和南昌进贤经济开发区签约共建。进贤经济开发区管委会主任陈立明介绍，修水工业园区正向省级示范基地迈进，\
            力争建成千亿元开发区，赣州陆港型国家物流枢纽也将参与。省里提出建设五大新城。会议决定，王海任修水县委书记。
            吉安安福高新技术产业园区获评。两人此前分别任武宁县委书记、瑞金市委书记。
            国家级九江经济技术开发区今年签约12个项目，九江经开发区负责人表示，九江经开区将加快建设。
            """)
        let all = g.entities.map { "\($0.type.rawValue):\($0.name)" }
        // A county's short form and a dropped city are the same zone: one node each.
        XCTAssertEqual(g.entities.filter { $0.type == .park && $0.name.contains("修水") }.count, 1, "\(all)")
        XCTAssertEqual(g.entities.filter { $0.type == .park && $0.name.contains("进贤") }.count, 1, "\(all)")
        XCTAssertEqual(g.lookup("修水工业园区").first?.name, "修水县工业园区")
        XCTAssertEqual(g.lookup("进贤经济开发区").first?.name, "南昌进贤经济开发区")
        XCTAssertEqual(g.lookup("安福高新技术产业园区").first?.name, "吉安安福高新技术产业园区", "a county whose name is a common word")
        XCTAssertEqual(g.entities.filter { $0.type == .park && $0.name.contains("九江") }.map(\.name), ["九江经济技术开发区"],
                       "a rank is no part of a zone's name, and 经开发区 is 经开区 miswritten")
        XCTAssertEqual(g.lookup("赣州陆港型国家物流枢纽").first?.type, .park)
        XCTAssertNil(g.lookup("赣州陆港").first, "a kind of hub goes on: \(all)")
        let field = extract("鹤城新区计划建成一个集聚智能终端企业的高端移动通信产业园区。").entities.filter { $0.type == .park }.map(\.name)
        XCTAssertEqual(field, ["鹤城新区"], "a zone named by its field alone is a kind of zone")
        for generic in ["修水县人民政府", "省级示范基地", "正向省级示范基地", "千亿元开发区", "五大新城"] {
            XCTAssertNil(g.lookup(generic).first, "\(generic): \(all)")
        }
        XCTAssertEqual(Set(g.entities.filter { $0.type == .official }.map(\.name)), ["陈立明", "王海"], "任 before a place opens no name")
    }

    func testNamesListedAtAMeetingOrAfterACountOfPeopleAreOfficials() {
        let g = extract("""
            市人大常委会主任邓国华出席会议并讲话，孟丽主持会议，龚业成、韦岚、柴文杰出席会议。
            此次调整中，由县委书记任副市长的两人：蒋晓梅、鲁建业。卜新宇、葛明亮2位此前都曾担任县长。
            曾任九江市市长戴文清3位任县委书记。市长韩有为出席仪式。
            会议决定免去朱立军的江西省教育厅厅长职务，决定任命林如海为江西省教育厅厅长。
            """)
        let officials = Set(g.entities.filter { $0.type == .official }.map(\.name))
        XCTAssertEqual(officials, ["邓国华", "孟丽", "龚业成", "韦岚", "柴文杰", "蒋晓梅", "鲁建业", "卜新宇", "葛明亮",
                                   "戴文清", "韩有为", "朱立军", "林如海"])
        XCTAssertEqual(g.entities.first { $0.name == "林如海" }?.posts.first?.status, .appointed, "the next appointment is a post of its own")
    }

    func testATitleInsideATitleAndAZonesPhaseAreEntitiesOfTheirOwn() {
        let g = extract("""
            鹤城区管委会印发《鹤城区管委会关于印发〈鹤城区企业扶持暂行办法〉的通知》。
            《鹤城区企业扶持暂行办法》已经管委会会议通过。副区长邹永平先后来到鹤城汽车城二期、鹤城物流园等项目现场调研。
            """)
        let policies = Set(g.entities.filter { $0.type == .policy }.map(\.name))
        XCTAssertEqual(policies, ["《鹤城区管委会关于印发〈鹤城区企业扶持暂行办法〉的通知》", "《鹤城区企业扶持暂行办法》"],
                       "the quoted document is not the notice that quotes it")
        XCTAssertEqual(g.lookup("鹤城汽车城二期").first?.type, .project, "a phase of a zone is a project")
        let zones = extract("鹤城区推出智能终端产业园、集成电路及LED产业园等园区。").entities.filter { $0.type == .park }.map(\.name)
        XCTAssertTrue(zones.contains("集成电路及LED产业园"), "two fields joined in one zone's name: \(zones)")
    }

    func testPrefecturesByTheirShortFormAndKindsOfCompanyAreNoCompanies() {
        let g = extract("""
            延边州、湘西州、西双版纳州三地签署合作协议。各地城投集团要加强管理，国有独资公司和国有资本控股公司应当建立制度。
            园区引进清洁能源、精密机械等企业，坚决维护习近平总书记核心地位。
            """)
        XCTAssertEqual(g.lookup("延边州").first?.name, "延边朝鲜族自治州")
        XCTAssertEqual(g.lookup("西双版纳州").first?.name, "西双版纳傣族自治州")
        XCTAssertEqual(g.lookup("湘西州").first?.type, .place)
        let b = extract("会议任命罗振华为湖南省人民检察院长沙铁路运输分院检察长。中国科学院武汉分院院长邵清远出席。")
        XCTAssertEqual(Set(b.entities.filter { $0.type == .organization }.map(\.name)), ["湖南省人民检察院长沙铁路运输分院", "中国科学院武汉分院"],
                       "a branch named after a railway is a body, not a railway project")
        XCTAssertTrue(b.entities.filter { $0.type == .project }.isEmpty)
        let all = g.entities.map { "\($0.type.rawValue):\($0.name)" }
        XCTAssertTrue(g.entities.filter { $0.type == .company || $0.type == .official }.isEmpty, "\(all)")
    }

    func testAProgrammeKeepsItsScaleAndACountOfProgrammesIsNone() {
        let g = extract("""
            今年市财政设立了五大百亿级先进制造业发展专项资金，其中包括智能装备和新能源等三项产业发展专项资金。
            各百亿级产业发展专项资金管理办法另行制定。
            """)
        XCTAssertEqual(g.entities.map(\.name), ["五大百亿级先进制造业发展专项资金"], "fields joined by 和 are no company either")
    }

    // MARK: - Encodings and formats give the same entities

    func names(_ g: KnowledgeGraph) -> [String] { g.entities.map { "\($0.type.rawValue):\($0.name)" }.sorted() }

    func testTraditionalGB18030AndHTMLTwinsYieldTheSameEntities() throws {
        let simplified = "近日，广西壮族自治区副主席费志荣到梧州高新技术产业开发区调研，市长钟畅姿陪同。他来到广西华虹蚕丝股份有限公司，了解企业生产情况。"
        let traditional = "近日，廣西壯族自治區副主席費志榮到梧州高新技術產業開發區調研，市長鍾暢姿陪同。他來到廣西華虹蠶絲股份有限公司，瞭解企業生產情況。"
        let base = names(extract(simplified))
        XCTAssertFalse(base.isEmpty)
        XCTAssertEqual(names(extract(traditional)), base, "Traditional-only text")

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guanxi-twins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // GB18030 bytes through glibc's iconv.
        let gbURL = dir.appendingPathComponent("gb.txt")
        try Data(XCTUnwrap(TextEncoding.encode(simplified, as: "GB18030"))).write(to: gbURL)
        let (gb, gbSource) = try extractFile(gbURL)
        XCTAssertEqual(gbSource.encoding, "GB18030")
        XCTAssertEqual(names(gb), base, "GB18030 file")
        // HTML with markup and entities.
        let htmlURL = dir.appendingPathComponent("page.html")
        let html = "<!DOCTYPE html><html><head><title>调研</title><style>p{}</style></head><body><div class=\"nav\"></div><p>\(simplified.replacingOccurrences(of: "梧州高新技术产业开发区", with: "<b>梧州高新技术产业开发区</b>"))</p><script>var x=1;</script></body></html>"
        try Data(html.utf8).write(to: htmlURL)
        let (h, _) = try extractFile(htmlURL)
        XCTAssertEqual(names(h), base, "HTML file")
    }


    // MARK: - Documents merge across articles

    func testSameFactInTwoDocumentsIsOneEdgeWithTwoEvidences() {
        let a = extract("5月1日，省委书记王宁来到昆明高新技术产业开发区调研。", id: "a", path: "a.txt")
        let b = extract("王宁书记来到昆明高新技术产业开发区调研，了解园区建设情况。", id: "b", path: "b.txt")
        var g = KnowledgeGraph()
        g.merge(a); g.merge(b)
        guard let wang = g.lookup("王宁").first, let zone = g.lookup("昆明高新技术产业开发区").first,
              let edge = g.relation(EdgeKey(source: wang.id, type: .visited, target: zone.id)) else {
            return XCTFail("visited edge missing: \(g.edges.map(\.key))")
        }
        XCTAssertEqual(Set(edge.evidence.map(\.document)), ["a", "b"])
    }

    // MARK: - User corrections

    func testUserDictionaryAliasesAndStopList() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guanxi-user-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "# entities\ncompany\t京东方\tBOE\n".write(to: dir.appendingPathComponent("d.tsv"), atomically: true, encoding: .utf8)
        try "长沙经开区\t长沙经济技术开发区\n".write(to: dir.appendingPathComponent("a.tsv"), atomically: true, encoding: .utf8)
        try "三一重工股份有限公司\n".write(to: dir.appendingPathComponent("s.txt"), atomically: true, encoding: .utf8)
        let user = try UserDictionary(dictionary: dir.appendingPathComponent("d.tsv").path, aliases: dir.appendingPathComponent("a.tsv").path,
                                      stoplist: dir.appendingPathComponent("s.txt").path)
        let text = "京东方在长沙经开区投资建设新型显示项目，三一重工股份有限公司也在长沙经开区。"
        let src = SourceText(path: "x.txt", sha256: "x", encoding: "UTF-8", format: .text, text: text)
        let g = Extractor(user: user).extract(src, id: "x")
        XCTAssertEqual(g.lookup("BOE").first?.type, .company)
        XCTAssertNil(g.lookup("三一重工股份有限公司").first)
        XCTAssertEqual(g.lookup("长沙经开区").first?.name, "长沙经济技术开发区")
        XCTAssertThrowsError(try UserDictionary(dictionary: dir.appendingPathComponent("a.tsv").path))
    }
}
