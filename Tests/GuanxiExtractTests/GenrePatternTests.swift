import XCTest
@testable import GuanxiExtract
import GuanxiGraph
import GuanxiText

/// Relation patterns of the genres users feed Guanxi, on text written for these tests (invented
/// names in real places): lists, clusters, signings, appointments, cooperation, list items.
final class GenrePatternTests: XCTestCase {
    func graph(_ text: String) -> KnowledgeGraph { extract(text) }

    func testListAnnouncementInRunningText() {
        let g = graph("近日，浙江省经济和信息化厅公布2025年度浙江省未来工厂名单，全省共有12家企业入选。其中，宁波市有3家企业，分别为宁波海天精工股份有限公司、宁波舜宇光学科技有限公司和宁波均胜电子股份有限公司。台州市的浙江华海药业股份有限公司也榜上有名。")
        let list = "2025年度浙江省未来工厂名单"
        XCTAssertTrue(hasRelation(g, "浙江省经济和信息化厅", .issued, list))
        for company in ["宁波海天精工股份有限公司", "宁波舜宇光学科技有限公司", "宁波均胜电子股份有限公司", "浙江华海药业股份有限公司"] {
            XCTAssertTrue(hasRelation(g, company, .selectedInto, list), company)
        }
    }

    func testClustersNamedAfterTheirZone() {
        let g = graph("日前，湖南省工业和信息化厅发布第四批湖南省先进制造业集群名单。长沙经济技术开发区工程机械产业集群成功上榜。")
        XCTAssertEqual(g.lookup("长沙经济技术开发区工程机械产业集群").first?.type, .park)
        XCTAssertTrue(hasRelation(g, "长沙经济技术开发区工程机械产业集群", .selectedInto, "第四批湖南省先进制造业集群名单"))
    }

    func testSigningsWithAZoneNamedShort() {
        let g = graph("长春新区举行重点项目签约仪式。此外，长春光芯微电子股份有限公司、吉林省东盛智能装备有限公司等企业也分别与新区签订了投资协议。")
        XCTAssertTrue(hasRelation(g, "长春光芯微电子股份有限公司", .signedWith, "长春新区"))
        XCTAssertTrue(hasRelation(g, "吉林省东盛智能装备有限公司", .signedWith, "长春新区"))
    }

    func testPairedSigningsGiveEachCompanyItsProject() {
        let g = graph("线上，东华软件股份公司、北京联东集团投资中心分别与菏泽经济开发区签约东华软件数字城市智造产业园项目和联东U谷·菏泽经开科技谷项目。")
        XCTAssertTrue(hasRelation(g, "北京联东集团投资中心", .investsIn, "联东U谷·菏泽经开科技谷项目"))
        XCTAssertFalse(hasRelation(g, "北京联东集团投资中心", .builds, "东华软件数字城市智造产业园项目"))
    }

    func testAppointmentsByABody() {
        let g = graph("洛阳市人大常委会决定任命张伟为洛阳高新技术产业开发区管委会主任；免去李强的洛阳市涧西区副区长职务。")
        XCTAssertTrue(hasRelation(g, "张伟", .holdsPost, "洛阳高新技术产业开发区"))
        XCTAssertTrue(hasRelation(g, "李强", .holdsPost, "洛阳市涧西区"))
    }

    func testResearchInstituteLedAndIncubating() {
        let g = graph("东莞理工学院与广东华创精密科技有限公司共建智能装备研究院，该院由中国工程院院士张立新领衔。研究院已孵化东莞智行机器人有限公司等3家企业。")
        XCTAssertEqual(g.lookup("智能装备研究院").first?.type, .organization)
        XCTAssertTrue(hasRelation(g, "张立新", .leads, "智能装备研究院"))
        XCTAssertTrue(hasRelation(g, "东莞智行机器人有限公司", .incubatedBy, "智能装备研究院"))
        XCTAssertTrue(hasRelation(g, "东莞理工学院", .cooperatesWith, "广东华创精密科技有限公司"))
    }

    func testCompanyColonProjectListItems() {
        let g = graph("## 会员企业项目进展\n\n- 株洲时代新材料科技股份有限公司：年产5万吨高分子减振材料项目，总投资8亿元，位于株洲高新技术产业开发区；\n- 中车株洲电机有限公司：永磁牵引电机扩能项目已投产。")
        XCTAssertTrue(hasRelation(g, "株洲时代新材料科技股份有限公司", .builds, "年产5万吨高分子减振材料项目"))
        XCTAssertTrue(hasRelation(g, "年产5万吨高分子减振材料项目", .locatedIn, "株洲高新技术产业开发区"))
        XCTAssertTrue(hasRelation(g, "中车株洲电机有限公司", .builds, "永磁牵引电机扩能项目"))
        XCTAssertNil(g.lookup("会员企业项目").first, "a heading's generic words are no project")
    }

    func testShortCompanyNameIsTheCompany() {
        let g = graph("宜昌高新区管委会与湖北兴发化工集团股份有限公司签订投资协议，兴发集团将在宜昌高新区白洋工业园投资建设年产10万吨新能源材料项目。")
        XCTAssertEqual(g.lookup("兴发集团").first?.name, "湖北兴发化工集团股份有限公司")
        XCTAssertTrue(hasRelation(g, "湖北兴发化工集团股份有限公司", .builds, "年产10万吨新能源材料项目"))
        XCTAssertTrue(hasRelation(g, "年产10万吨新能源材料项目", .locatedIn, "白洋工业园"))
    }
}
