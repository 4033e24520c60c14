import XCTest
@testable import GuanxiExtract
import GuanxiGraph
import GuanxiText

/// Where names start and end, and which document place a short post belongs to: classes of failure
/// seen on real text, each checked on invented sentences in real places.
final class NameBoundaryTests: XCTestCase {
    /// A name opening with a place followed by the province containing it starts at the province:
    /// names run from the larger place down, so the city before it is written apart.
    func testAPlaceBeforeItsProvinceIsNoPartOfTheName() {
        // (Nor is a verb of going before a place: `赴重庆某集团`; nor a modal verb before a conjunction.)
        let went = extract("董事长王立新率队赴重庆华诚实业集团考察，重庆华诚实业集团愿与成都远景集团一道开展合作。")
        XCTAssertFalse(went.lookup("重庆华诚实业集团").isEmpty, "\(went.entities.map(\.name))")
        XCTAssertTrue(went.entities.allSatisfy { !$0.name.hasPrefix("赴") && !$0.name.contains("愿与") }, "\(went.entities.map(\.name))")
        XCTAssertTrue(hasRelation(went, "王立新", .visited, "重庆华诚实业集团"))
        let g = extract("工业和信息化部公布名单，常州市江苏华远精密机械有限公司入选。")
        XCTAssertFalse(g.lookup("江苏华远精密机械有限公司").isEmpty, "\(g.entities.map(\.name))")
        XCTAssertTrue(g.lookup("常州市江苏华远精密机械有限公司").isEmpty)
        XCTAssertTrue(hasRelation(g, "江苏华远精密机械有限公司", .locatedIn, "常州市"))
        // Names that run downwards keep their places: 江苏省常州市… is one name.
        let down = extract("江苏省常州市华远精密机械有限公司入选名单。")
        XCTAssertFalse(down.lookup("江苏省常州市华远精密机械有限公司").isEmpty, "\(down.entities.map(\.name))")
    }

    /// `区领导` is a leader of the district the document is about: the district named most, even when
    /// a county-level city is named more often.
    func testDistrictLeadersBelongToTheDistrictNamedMost() {
        let text = "延平区召开招商工作会议。1月21日，区领导陈志明带队赴邵武市考察学习，参观了邵武市的园区。邵武市介绍了经验，延平区将加强与邵武市的合作。"
        let g = extract(text)
        XCTAssertTrue(hasRelation(g, "陈志明", .holdsPost, "延平区"), "\(g.edges.map { "\($0.source) \($0.type) \($0.target)" })")
        XCTAssertFalse(hasRelation(g, "陈志明", .holdsPost, "邵武市"))
    }

    /// A flattened table's city column before a zone named after one of its counties, even a county
    /// whose name is also a common word (`长兴`, `正安`): the city is the column, not part of the name.
    func testTableCityColumnBeforeACountyWithAnAmbiguousName() {
        let g = extract("附件2023年省级特色园区名单序号设区市园区名称1湖州长兴经济技术开发区2遵义正安经济开发区3湖州湖州南太湖新区")
        for (zone, city) in [("长兴经济技术开发区", "湖州市"), ("正安经济开发区", "遵义市")] {
            XCTAssertFalse(g.lookup(zone).isEmpty, "\(zone) not in \(g.entities.map(\.name))")
            XCTAssertTrue(hasRelation(g, zone, .locatedIn, city), "\(zone) -located_in-> \(city)")
        }
    }

    /// A surname followed by a body's word is no person (`区政府区长…`): 府 is in no given name.
    func testABodyIsNoPersonalName() {
        let g = extract("区委书记孙建华，区政府区长、高新区管委会主任赵立明出席揭牌仪式。")
        XCTAssertTrue(g.lookup("区政府").allSatisfy { $0.type != .official }, "\(g.entities.map { "\($0.type) \($0.name)" })")
        XCTAssertFalse(g.lookup("赵立明").isEmpty)
    }

    /// `项目单位`, `项目业主`: the parties of projects, not the end of a project's name.
    func testAProjectsPartyEndsNoProjectName() {
        let g = extract("各级相关部门及项目单位要落实责任，项目业主要加快进度。")
        XCTAssertTrue(g.entities.filter { $0.type == .project }.isEmpty, "\(g.entities.map(\.name))")
    }

    /// The items of a counted list of projects (`与A、B、C等3个项目签约`) are projects, even bare names;
    /// a list of fields or products with no count (`建设脑机接口、储能等项目`) names none.
    func testACountedListOfProjectsTypesItsItems() {
        let g = extract("常州经济开发区在南京举办推介会，与远景智能电网、华晟光伏组件、天合储能电站等3个项目集中签约。")
        for name in ["远景智能电网", "华晟光伏组件", "天合储能电站"] {
            XCTAssertEqual(g.lookup(name).first?.type, .project, "\(name) in \(g.entities.map { "\($0.type) \($0.name)" })")
        }
        let fields = extract("常州经济开发区加快建设脑机接口、新型储能等项目。")
        XCTAssertTrue(fields.entities.filter { $0.type == .project }.isEmpty, "\(fields.entities.map(\.name))")
    }

    /// `自治区党委` is the party committee of the autonomous region the document is in, as `省委` is
    /// its province's: the region's name makes an alias, and a post naming it holds there.
    func testAnAutonomousRegionsBodiesAreQualified() {
        let g = extract("宁夏回族自治区召开项目推进会。宁夏回族自治区党委书记马建国出席，自治区党委常委、秘书长李文华主持会议。")
        let body = g.lookup("宁夏回族自治区党委").first
        XCTAssertEqual(body?.type, .organization, "\(g.entities.map { "\($0.type) \($0.name) \($0.aliases)" })")
        XCTAssertTrue(hasRelation(g, "马建国", .holdsPost, "宁夏回族自治区党委"))
    }
}
