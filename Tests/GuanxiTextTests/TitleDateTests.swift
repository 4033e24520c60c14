import Foundation
import XCTest
@testable import GuanxiText

/// Headlines that are no page furniture, and dates read as an article prints them.
final class TitleDateTests: XCTestCase {
    let splitter = Splitter()
    func furniture(_ s: String) -> Bool { splitter.isFurniture(Array(s.unicodeScalars)) }

    func testFurnitureLinesAreNoTitles() {
        for line in ["首页 > 新闻中心 > 本地要闻", "今日青松 今日松北 今日松南 今日松东", "行业直达 - 污水处理 - 纯水处理 - 大气治理",
                     "发布时间:2024-03-05 09:12", "稿源: 青松区政府网 2020-12-29", "放大圖片", "(资料图片仅供参考)",
                     "2021/8/16 上午9:31:36 星期一", "青松日报 数字报纸", "00004版:要闻", "青工信规划〔2019〕9号",
                     "■青松市两区携手合作。记者张三 摄", "Copyright © 2024 青松网"] {
            XCTAssertTrue(furniture(line), line)
        }
        for line in ["王立新任青松市委书记", "侯马经济开发区 创优“营商环境” 增添发展动能", "山西：未来产业乘势谋“未来”",
                     "加快项目建设 夯实平台支撑 推动经济发展持续向好"] {
            XCTAssertFalse(furniture(line), line)
        }
    }

    func testTitleIsCutBeforeWhatThePagePrintsAfterIt() {
        func title(_ text: String) -> [String] {
            let t = Normalizer.normalize(text)
            return splitter.split(t).map { a in a.titleRanges.map { t.text($0) }.joined(separator: " ") }
        }
        XCTAssertEqual(title("青松区领导带队考察园区建设经验 2026-01-27 10:32:13 作者:办公室\n1月26日,青松区领导带队考察园区建设经验。"),
                       ["青松区领导带队考察园区建设经验"])
        XCTAssertEqual(title("青松开发区聚力打造医药产业集群\n原标题:青松开发区聚力打造医药产业集群\n近年来,青松开发区新增企业100家。"),
                       ["青松开发区聚力打造医药产业集群"], "a repeated 原标题 line is said once")
        XCTAssertEqual(title("(原标题:青松:到2025年打造10个千亿园区)\n青松省政府日前出台规划。"), ["青松:到2025年打造10个千亿园区"])
        XCTAssertEqual(title("集团要闻\n青松集团与青松区对接新城建设\n日期:2021-03-16\n3月2日,青松集团总裁一行赴青松区。"),
                       ["青松集团与青松区对接新城建设"], "a column label beside a headline is not the headline")
        XCTAssertEqual(title("青松市召开大会,部署全年工作。\n会议要求加快建设。\n行业直达\n- 污水处理\n- 纯水处理\n- 大气治理\n- 防腐处理"), [""],
                       "a menu after the body is no headline")
    }

    func testNumericChineseAndBirthDates() {
        func dates(_ text: String) -> [String] {
            let s = Array(text.unicodeScalars)
            return TextDates.find(s, in: 0..<s.count, numeric: true, skipBirthDates: true).map(\.date.iso)
        }
        XCTAssertEqual(dates("发布时间:2023-01-21 16:03 见2021/8/16与2025.04.11"), ["2023-01-21", "2021-08-16", "2025-04-11"])
        XCTAssertEqual(dates("索引号: 758336165/2025-00423"), [], "an index number is no date")
        XCTAssertEqual(dates("二○○九年七月二十三日,二〇二四年十二月"), ["2009-07-23", "2024-12"])
        XCTAssertEqual(dates("王立新,1966年4月生,1988年7月参加工作,出生于1970年5月的李明"), ["1988-07"])
        XCTAssertEqual(dates("1月4日,青松市"), ["01-04"])
        // The plain search is unchanged for the recognisers.
        let s = Array("2023-01-21".unicodeScalars)
        XCTAssertEqual(TextDates.find(s, in: 0..<s.count).count, 0)
    }

    func testArticleDatePrefersThePublishedDateOfTheFirstLines() {
        func date(_ text: String) -> String? {
            let t = Normalizer.normalize(text)
            return splitter.split(t).first?.date?.iso
        }
        XCTAssertEqual(date("青松市新闻\n发布时间:2023-01-21 16:03:53\n1月19日,青松市召开发布会。"), "2023-01-21")
        XCTAssertEqual(date("王立新,男,1966年4月生,汉族。3月4日,青松市召开大会。"), "03-04", "never the birth year")
        XCTAssertEqual(date("科学导报讯 1月4日,青松市长调研。2025年12月,项目开工。"), "2025-01-04")
    }
}
