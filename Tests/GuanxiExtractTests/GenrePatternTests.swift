import XCTest
@testable import GuanxiExtract
import GuanxiGraph
import GuanxiText

/// Relation patterns of the genres users feed Guanxi, on text written for these tests (invented
/// companies, people and programmes in real places of 陕西, 河北 and 内蒙古, which no fixture or
/// development article is about): lists, clusters, signings, appointments, cooperation, list items.
final class GenrePatternTests: XCTestCase {
    func graph(_ text: String) -> KnowledgeGraph { extract(text) }

    func testListAnnouncementInRunningText() {
        let g = graph("日前，陕西省工业和信息化厅公布2026年陕西省绿色工厂名单，共有9家企业上榜。其中，宝鸡市有2家，分别是宝鸡秦川数控机床有限公司和宝鸡西岐钛材股份有限公司。咸阳市的咸阳渭水纺织有限公司也在名单之列。")
        let list = "2026年陕西省绿色工厂名单"
        XCTAssertTrue(hasRelation(g, "陕西省工业和信息化厅", .issued, list))
        for company in ["宝鸡秦川数控机床有限公司", "宝鸡西岐钛材股份有限公司"] {
            XCTAssertTrue(hasRelation(g, company, .selectedInto, list), company)
        }
    }

    func testListHeadingThenOneItemPerLine() {
        let g = graph("河北省工业和信息化厅认定5个园区为省级绿色园区。\n省级绿色园区名单\n一、开发区\n沧州临港经济技术开发区(石油化工)\n廊坊经济技术开发区(电子信息)\n二、产业园\n邢台新能源汽车产业园(汽车零部件)\n")
        let list = "省级绿色园区名单"
        XCTAssertEqual(g.lookup(list).first?.type, .policy)
        for zone in ["沧州临港经济技术开发区", "廊坊经济技术开发区", "邢台新能源汽车产业园"] {
            XCTAssertTrue(hasRelation(g, zone, .selectedInto, list), zone)
        }
    }

    func testClustersNamedAfterTheirZone() {
        let g = graph("近日，河北省工业和信息化厅发布第二批河北省中小企业特色产业集群名单。唐山高新技术产业开发区机器人产业集群位列其中。")
        XCTAssertEqual(g.lookup("唐山高新技术产业开发区机器人产业集群").first?.type, .park)
        XCTAssertTrue(hasRelation(g, "唐山高新技术产业开发区机器人产业集群", .selectedInto, "第二批河北省中小企业特色产业集群名单"))
    }

    func testSigningsWithAZoneNamedShort() {
        let g = graph("呼和浩特经济技术开发区举办招商推介会。会上，内蒙古青城乳品科技有限公司、呼和浩特云谷数据服务有限公司等企业分别与开发区签订了入驻协议。")
        XCTAssertTrue(hasRelation(g, "内蒙古青城乳品科技有限公司", .signedWith, "呼和浩特经济技术开发区"))
        XCTAssertTrue(hasRelation(g, "呼和浩特云谷数据服务有限公司", .signedWith, "呼和浩特经济技术开发区"))
    }

    func testPairedSigningsGiveEachCompanyItsProject() {
        let g = graph("会上，西安华秦电子科技有限公司、陕西关中冷链物流有限公司分别与西安高新技术产业开发区签约华秦射频芯片封测项目和关中冷链分拨中心项目。")
        XCTAssertTrue(hasRelation(g, "陕西关中冷链物流有限公司", .investsIn, "关中冷链分拨中心项目"))
        XCTAssertFalse(hasRelation(g, "陕西关中冷链物流有限公司", .investsIn, "华秦射频芯片封测项目"))
        XCTAssertFalse(hasRelation(g, "陕西关中冷链物流有限公司", .builds, "华秦射频芯片封测项目"))
    }

    func testSigningsOfAPlaceInClausesOpeningWith与() {
        let g = graph("签约仪式上，我市分别与陕西秦岭水务集团签订城北再生水厂项目；与陕西博睿智能装备有限公司签订智能装备产业园项目。宝鸡市领导出席。")
        XCTAssertTrue(hasRelation(g, "陕西博睿智能装备有限公司", .signedWith, "宝鸡市"))
        XCTAssertTrue(hasRelation(g, "陕西博睿智能装备有限公司", .investsIn, "智能装备产业园项目"))
        XCTAssertFalse(hasRelation(g, "陕西秦岭水务集团", .investsIn, "智能装备产业园项目"))
    }

    func testAppointmentsByABodyKeepWhetherThePostIsTakenUpOrLeft() throws {
        let g = graph("2026年1月8日，包头市人大常委会决定任命赵文博为包头稀土高新技术产业开发区管委会主任；免去孙立军的包头市青山区副区长职务。")
        XCTAssertTrue(hasRelation(g, "赵文博", .holdsPost, "包头稀土高新技术产业开发区"))
        XCTAssertTrue(hasRelation(g, "孙立军", .holdsPost, "包头市青山区"))
        let zhao = try XCTUnwrap(g.lookup("赵文博").first)
        XCTAssertEqual(zhao.posts.map(\.status), [.appointed])
        XCTAssertEqual(zhao.posts.first?.date, "2026-01-08")
        XCTAssertEqual(g.lookup("孙立军").first?.posts.map(\.status), [.left])
    }

    func testNoLongerHoldingAPost() throws {
        let g = graph("经研究决定，周明远同志不再担任鄂尔多斯市康巴什区委书记。")
        let zhou = try XCTUnwrap(g.lookup("周明远").first)
        XCTAssertEqual(zhou.type, .official)
        XCTAssertEqual(zhou.posts.map(\.status), [.left])
    }

    func testResearchInstituteLedAndIncubating() {
        let g = graph("西北工业大学与陕西天翼航空材料有限公司合作成立先进复合材料研究院，该院由中国科学院院士郑启明领衔。研究院已孵化西安轻羽无人机科技有限公司等4家企业。")
        XCTAssertEqual(g.lookup("先进复合材料研究院").first?.type, .organization)
        XCTAssertTrue(hasRelation(g, "郑启明", .leads, "先进复合材料研究院"))
        XCTAssertTrue(hasRelation(g, "西安轻羽无人机科技有限公司", .incubatedBy, "先进复合材料研究院"))
        XCTAssertTrue(hasRelation(g, "西北工业大学", .cooperatesWith, "陕西天翼航空材料有限公司"))
    }

    func testCompanyColonProjectListItems() {
        let g = graph("## 本月重点项目\n\n- 保定长城精工模具有限公司：年产3000吨精密模具项目，计划投资6亿元，位于保定高新技术产业开发区；\n- 定州丰源淀粉有限公司：玉米深加工技改项目完成设备安装。")
        XCTAssertTrue(hasRelation(g, "保定长城精工模具有限公司", .builds, "年产3000吨精密模具项目"))
        XCTAssertTrue(hasRelation(g, "年产3000吨精密模具项目", .locatedIn, "保定高新技术产业开发区"))
        XCTAssertTrue(hasRelation(g, "定州丰源淀粉有限公司", .builds, "玉米深加工技改项目"))
        XCTAssertNil(g.lookup("本月重点项目").first, "a heading's generic words are no project")
    }

    func testShortCompanyNameIsTheCompany() {
        let g = graph("榆林高新技术产业开发区与陕西榆能清洁能源集团股份有限公司签署合作协议，榆能集团将在榆林高新技术产业开发区投资建设年产20万吨煤制烯烃项目。")
        XCTAssertEqual(g.lookup("榆能集团").first?.name, "陕西榆能清洁能源集团股份有限公司")
        XCTAssertTrue(hasRelation(g, "陕西榆能清洁能源集团股份有限公司", .builds, "年产20万吨煤制烯烃项目"))
    }

    func testListItemsTakeTheirTypeFromTheHead() {
        let g = graph("近年来，石家庄高新技术产业开发区引进了以岭药业、常山凯瑞、华药新材等一批龙头企业。")
        for name in ["以岭药业", "常山凯瑞", "华药新材"] { XCTAssertEqual(g.lookup(name).first?.type, .company, name) }
    }

    func testALeadersGroupVisitsTogether() {
        let g = graph("县领导王振华、李国强带队赴张家口市考察。考察组先后走访了张家口宣化经济开发区、河北北方风电装备有限公司。")
        for who in ["王振华", "李国强"] {
            XCTAssertTrue(hasRelation(g, who, .visited, "张家口宣化经济开发区"), who)
            XCTAssertTrue(hasRelation(g, who, .visited, "河北北方风电装备有限公司"), who)
        }
    }

    func testAccompaniedInZaiXiaPhrase() {
        let g = graph("市委书记韩立民在副市长高晓峰的陪同下，到延安高新技术产业开发区调研。")
        XCTAssertTrue(hasRelation(g, "高晓峰", .accompanied, "韩立民"))
        XCTAssertTrue(hasRelation(g, "韩立民", .visited, "延安高新技术产业开发区"))
        XCTAssertFalse(hasRelation(g, "韩立民", .accompanied, "高晓峰"))
    }
}
