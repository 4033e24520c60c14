import Foundation
import XCTest
@testable import GuanxiText

final class SplitterTests: XCTestCase {
    static let seedPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seeds/000_7b3e52b32049f56f.txt").path

    /// The sample page, read, normalised and split once.
    static let page: (text: NormalizedText, articles: [Article])? = {
        guard let src = try? SourceReader.read(path: seedPath) else { return nil }
        let t = Normalizer.normalize(src.text)
        return (t, Splitter().split(t))
    }()

    func samplePage() throws -> (text: NormalizedText, articles: [Article]) {
        try XCTUnwrap(Self.page, "cannot read \(Self.seedPath)")
    }

    func text(_ t: NormalizedText, _ r: Range<Int>) -> String { t.text(r) }

    func dump(_ t: NormalizedText, _ articles: [Article]) -> String {
        articles.enumerated().map { i, a in
            "#\(i) \(a.range) titles=\(a.titleRanges.map { t.text($0) }) byline=\(a.byline) dateline=\(a.dateline ?? "-") date=\(a.date?.iso ?? "-")\n   " +
                t.text(a.range).prefix(60).replacingOccurrences(of: "\n", with: "⏎")
        }.joined(separator: "\n")
    }

    /// The article whose text contains `needle`.
    func article(containing needle: String, _ t: NormalizedText, _ articles: [Article]) -> Article? {
        articles.first { t.text($0.range).contains(needle) }
    }

    func testSamplePageHasFiveArticles() throws {
        let (t, articles) = try samplePage()
        XCTAssertEqual(articles.count, 5, dump(t, articles))
    }

    func testSamplePageBylines() throws {
        let (t, articles) = try samplePage()
        let info = dump(t, articles)
        let expected: [(String, [String])] = [
            ("未来产业乘势谋", ["侯海宏", "李京益", "李青"]),
            ("陈凯来到", ["郭赞"]),
            ("第二批省级消费品特色园区名单", ["马永亮"]),
            ("低空经济智能制造院士专家工作站", ["白续宏", "何君苗"]),
        ]
        for (needle, names) in expected {
            let a = try XCTUnwrap(article(containing: needle, t, articles), "\(needle)\n\(info)")
            for name in names { XCTAssertTrue(a.byline.contains(name), "\(name) not in byline of \(needle): \(a.byline)\n\(info)") }
            // Credit lines are not sentences recognisers read.
            for s in a.sentences { XCTAssertFalse(t.text(s.range) == names.joined(separator: " "), info) }
        }
        // Every byline name is a credit, and each article's credits cover them.
        let all = Set(articles.flatMap(\.byline))
        XCTAssertEqual(all.intersection(["陈凯", "钱征华", "王健"]), [], "officials are never bylines: \(all)")
    }

    func testHeadlineAfterItsBodyGoesToItsArticle() throws {
        let (t, articles) = try samplePage()
        let info = dump(t, articles)
        let chen = try XCTUnwrap(article(containing: "陈凯来到", t, articles), info)
        let titles = chen.titleRanges.map { t.text($0) }
        XCTAssertTrue(titles.contains("阳泉市委副书记、代市长陈凯在孟县调研时强调"), "\(titles)\n\(info)")
        for other in articles where other.range != chen.range {
            XCTAssertFalse(other.titleRanges.map { t.text($0) }.contains("阳泉市委副书记、代市长陈凯在孟县调研时强调"), info)
        }
        let tunliu = try XCTUnwrap(article(containing: "屯留经开区通过精准引进", t, articles), info)
        XCTAssertTrue(tunliu.titleRanges.map { t.text($0) }.contains("低空经济智能制造院士专家工作站落户屯留经开区"), info)
        let shangwu = try XCTUnwrap(article(containing: "联合发布通知", t, articles), info)
        XCTAssertTrue(shangwu.titleRanges.map { t.text($0) }.contains("山西省商务厅和省工信厅公布第二批省级消费品特色园区名单"), info)
    }

    func testDatelinesAndDates() throws {
        let (t, articles) = try samplePage()
        let info = dump(t, articles)
        for needle in ["陈凯来到", "联合发布通知", "屯留经开区通过精准引进"] {
            let a = try XCTUnwrap(article(containing: needle, t, articles), info)
            XCTAssertEqual(a.dateline, "科学导报讯", "\(needle)\n\(info)")
        }
        XCTAssertEqual(article(containing: "屯留经开区通过精准引进", t, articles)?.date?.iso, "2025-12-29", info)
        XCTAssertEqual(article(containing: "陈凯来到", t, articles)?.date?.iso, "01-04", info)
        XCTAssertEqual(article(containing: "陈凯来到", t, articles)?.date, TextDate(year: nil, month: 1, day: 4))
    }

    func testArticlesAndSentencesAreOrderedAndNested() throws {
        let (t, articles) = try samplePage()
        var previousEnd = 0
        for a in articles {
            XCTAssertGreaterThanOrEqual(a.range.lowerBound, previousEnd, "articles do not overlap")
            XCTAssertLessThanOrEqual(a.range.upperBound, t.scalars.count)
            previousEnd = a.range.upperBound
            XCTAssertFalse(a.sentences.isEmpty)
            var last = a.range.lowerBound
            for s in a.sentences {
                XCTAssertTrue(a.range.lowerBound <= s.range.lowerBound && s.range.upperBound <= a.range.upperBound,
                              "sentence \(s.range) outside its article \(a.range)")
                XCTAssertGreaterThanOrEqual(s.range.lowerBound, last)
                XCTAssertFalse(s.range.isEmpty)
                last = s.range.upperBound
                let text = t.text(s.range)
                XCTAssertEqual(text, text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            for r in a.titleRanges + a.creditRanges {
                XCTAssertTrue(a.range.lowerBound <= r.lowerBound && r.upperBound <= a.range.upperBound)
            }
        }
        // The page's sentences end at sentence punctuation (or the end of a line).
        let chen = try XCTUnwrap(article(containing: "陈凯来到", t, articles))
        let sentences = chen.sentences.map { t.text($0.range) }
        XCTAssertTrue(sentences.contains("科学导报讯 1月4日,阳泉市委副书记、代市长陈凯在孟县调研。"), "\(sentences)")
    }

    func testSyntheticTwoArticlePage() {
        let page = """
        太原市召开科技创新大会

        本报讯 3月5日,太原市召开科技创新大会。会议由市长张明主持,部署全年科技工作。

        会议指出,要加快建设创新平台。

        记者 刘洋

        大同市新能源项目开工

        本报讯 2024年4月8日,大同市年产10万吨储能材料项目开工建设。该项目总投资20亿元。

        王丽 赵刚
        """
        let t = Normalizer.normalize(page)
        let articles = Splitter().split(t)
        XCTAssertEqual(articles.count, 2, dump(t, articles))
        guard articles.count == 2 else { return }
        let (a, b) = (articles[0], articles[1])
        XCTAssertTrue(t.text(a.range).contains("科技创新大会"))
        XCTAssertFalse(t.text(a.range).contains("大同"))
        XCTAssertTrue(t.text(b.range).contains("储能材料项目"))
        XCTAssertEqual(a.dateline, "本报讯")
        XCTAssertEqual(b.dateline, "本报讯")
        XCTAssertEqual(a.byline, ["刘洋"])
        XCTAssertEqual(b.byline, ["王丽", "赵刚"])
        XCTAssertEqual(a.titleRanges.map { t.text($0) }, ["太原市召开科技创新大会"])
        XCTAssertEqual(b.titleRanges.map { t.text($0) }, ["大同市新能源项目开工"])
        XCTAssertEqual(a.date?.iso, "03-05")
        XCTAssertEqual(b.date?.iso, "2024-04-08")
        XCTAssertFalse(a.byline.contains("张明"), "an official in the body is not a byline")
    }

    func testXinhuaDatelineAndPhotoCredit() {
        let page = """
        新华社北京1月6日电(记者 王小明)国家发展改革委6日发布通知,部署新一轮工作。各地要抓好落实。

        太原高新区全景。 李华摄
        """
        let t = Normalizer.normalize(page)
        let articles = Splitter().split(t)
        XCTAssertEqual(articles.count, 1, dump(t, articles))
        XCTAssertEqual(articles.first?.dateline, "新华社北京1月6日电")
        XCTAssertEqual(Set(articles.first?.byline ?? []), ["王小明", "李华"])
    }

    func testTextDates() {
        let s = Array("2025年12月29日开工,1月4日调研,2025年12月中旬,13月1日不是日期,12月5号。".unicodeScalars)
        let dates = TextDates.find(s, in: 0..<s.count).map(\.date.iso)
        XCTAssertEqual(dates, ["2025-12-29", "01-04", "2025-12", "12-05"])
    }
}
