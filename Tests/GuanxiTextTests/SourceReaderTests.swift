import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XCTest
@testable import GuanxiText

/// Encodes a string with glibc's iconv (GB18030, GBK, Big5 …).
func iconvEncode(_ s: String, to encoding: String) -> [UInt8]? { TextEncoding.encode(s, as: encoding) }

final class SourceReaderTests: XCTestCase {
    let sample = "科学导报讯 1月4日,阳泉市委副书记、代市长陈凯在孟县调研。\n山西转型综改示范区「合成生物」产业园𠀀。"

    func decode(_ bytes: [UInt8], format: SourceFormat = .text, path: String = "x.txt") throws -> SourceText {
        try SourceReader.decode(Data(bytes), path: path, format: format)
    }

    func assertReadError(_ bytes: [UInt8], _ check: (ReadError) -> Bool, _ message: String,
                         file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try decode(bytes, path: "bad.txt"), message, file: file, line: line) { error in
            guard let e = error as? ReadError else { return XCTFail("not a ReadError: \(error)", file: file, line: line) }
            XCTAssertTrue(check(e), "\(message): got \(e)", file: file, line: line)
            XCTAssertEqual(e.path, "bad.txt", file: file, line: line)
            XCTAssertTrue(e.description.contains("bad.txt"), file: file, line: line)
        }
    }

    // MARK: - Encodings

    func testUTF8WithAndWithoutBOM() throws {
        let plain = try decode(Array(sample.utf8))
        XCTAssertEqual(plain.text, sample)
        XCTAssertEqual(plain.encoding, "UTF-8")
        let bom = try decode([0xEF, 0xBB, 0xBF] + Array(sample.utf8))
        XCTAssertEqual(bom.text, sample, "the BOM is not part of the text")
        XCTAssertEqual(bom.encoding, "UTF-8 (BOM)")
        XCTAssertNotEqual(plain.sha256, bom.sha256, "the hash is of the file's bytes")
    }

    func testUTF16WithBOM() throws {
        let units = Array(sample.utf16)
        let le: [UInt8] = [0xFF, 0xFE] + units.flatMap { u -> [UInt8] in [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + units.flatMap { u -> [UInt8] in [UInt8(u >> 8), UInt8(u & 0xFF)] }
        let l = try decode(le), b = try decode(be)
        XCTAssertEqual(l.text, sample)
        XCTAssertEqual(l.encoding, "UTF-16LE")
        XCTAssertEqual(b.text, sample)
        XCTAssertEqual(b.encoding, "UTF-16BE")
    }

    func testGB18030() throws {
        let bytes = try XCTUnwrap(iconvEncode(sample, to: "GB18030"))
        XCTAssertNil(String(validating: bytes, as: UTF8.self), "the fixture must not be valid UTF-8")
        let t = try decode(bytes)
        XCTAssertEqual(t.text, sample)
        XCTAssertEqual(t.encoding, "GB18030")
        // GBK is a subset: a GBK file reads the same.
        let gbkText = "山西省商务厅和省工信厅公布第二批省级消费品特色园区名单。"
        let gbk = try XCTUnwrap(iconvEncode(gbkText, to: "GBK"))
        XCTAssertEqual(try decode(gbk).text, gbkText)
    }

    func testGB18030FileOnDisk() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guanxi-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = dir.appendingPathComponent("gb.txt")
        try Data(try XCTUnwrap(iconvEncode(sample, to: "GB18030"))).write(to: p)
        let t = try SourceReader.read(path: p.path)
        XCTAssertEqual(t.text, sample)
        XCTAssertEqual(t.encoding, "GB18030")
        XCTAssertEqual(t.format, .text)
        XCTAssertThrowsError(try SourceReader.read(path: dir.appendingPathComponent("none.txt").path)) { error in
            guard case ReadError.notFound? = error as? ReadError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try SourceReader.read(path: dir.path)) { error in
            guard case ReadError.unreadable? = error as? ReadError else { return XCTFail("\(error)") }
        }
    }

    func testLineEndingsFolded() throws {
        XCTAssertEqual(try decode(Array("甲乙\r\n丙丁\r戊".utf8)).text, "甲乙\n丙丁\n戊")
    }

    func testSHA256() {
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Array(String(repeating: "a", count: 1000).utf8)),
                       "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    // MARK: - Markup

    func testHTMLReducedToText() throws {
        let html = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>阳泉 &amp; 孟县 调研</title>
        <style>p { color: red; } .x > .y {}</style>
        <script>var s = "<p>不要这个</p>"; if (a < b && c > d) { x(); }</script>
        </head>
        <body><!-- 注释 <p>也不要</p> -->
        <h1>阳泉市委副书记、代市长陈凯在孟县调研</h1>
        <p>科学导报讯&nbsp;1月4日,陈凯来到&ldquo;西烟循环经济产业园&rdquo;&#12290;</p>
        <div>A&lt;B &#x4E2D;&#25991; &unknown; &amp;amp;</div>
        <script type="text/javascript">if (a<b) { document.write('<div>也不要</div>') }</SCRIPT>
        <noscript>请启用</noscript>
        <p>尾段</p>
        </body></html>
        """
        let t = try decode(Array(html.utf8), format: .html, path: "x.html")
        XCTAssertEqual(t.format, .html)
        XCTAssertEqual(t.htmlTitle, "阳泉 & 孟县 调研", "the <title> in <head> is captured")
        XCTAssertFalse(t.text.contains("不要这个"))
        XCTAssertFalse(t.text.contains("也不要"))
        XCTAssertFalse(t.text.contains("color"))
        XCTAssertFalse(t.text.contains("请启用"))
        XCTAssertFalse(t.text.contains("<p") || t.text.contains("<div") || t.text.contains("</"), t.text)
        XCTAssertTrue(t.text.contains("阳泉市委副书记、代市长陈凯在孟县调研\n"))
        XCTAssertTrue(t.text.contains("科学导报讯 1月4日,陈凯来到“西烟循环经济产业园”。"), t.text)
        XCTAssertTrue(t.text.contains("A<B 中文 &unknown; &amp;"), t.text)
        XCTAssertTrue(t.text.hasSuffix("尾段"))
        XCTAssertFalse(t.text.contains("\n\n\n"))
    }

    func testHTMLDetectedInTextFile() throws {
        let t = try decode(Array("<html><body><p>山西</p><p>太原</p></body></html>".utf8))
        XCTAssertEqual(t.format, .html)
        XCTAssertEqual(t.text, "山西\n\n太原")
    }

    func testMarkdownReducedToText() throws {
        let md = """
        # 山西：未来产业乘势谋“未来”

        **科学导报讯** 近日,[山西省商务厅](https://example.com/a_b)发布*通知*。![图](p.png)

        > 引文`代码`
        - 列表项
        ```
        """
        let t = try decode(Array(md.utf8), format: .markdown, path: "x.md")
        XCTAssertEqual(t.format, .markdown)
        XCTAssertEqual(t.text, "山西：未来产业乘势谋“未来”\n\n科学导报讯 近日,山西省商务厅发布通知。\n\n引文代码\n列表项\n")
        XCTAssertEqual(SourceFormat.guess(path: "a/b.MD"), .markdown)
        XCTAssertEqual(SourceFormat.guess(path: "a/b.htm"), .html)
        XCTAssertEqual(SourceFormat.guess(path: "a/b.txt"), .text)
    }

    // MARK: - Refusals

    func testBinaryInputsRefused() {
        let cases: [(String, [UInt8])] = [
            ("png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]),
            ("pdf", Array("%PDF-1.7\n%âãÏÓ\n".utf8)),
            ("zip", [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0]),
            ("gzip", [0x1F, 0x8B, 0x08, 0]),
            ("elf", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1]),
            ("nul", Array("山西".utf8) + [0, 0, 0] + Array("太原".utf8)),
        ]
        for (name, bytes) in cases {
            assertReadError(bytes, { if case .binary = $0 { return true }; return false }, name)
        }
    }

    func testUndecodableBytes() {
        // 0xFF never starts a GB18030 sequence and is never valid UTF-8; a lone trailing lead byte
        // is an incomplete sequence in both.
        let cases: [[UInt8]] = [
            Array("abc".utf8) + [0xFF, 0xFF, 0xFF] + Array("def".utf8),
            Array("山西".utf8) + [0x81],
            [0x80, 0x80, 0x80],
        ]
        for bytes in cases {
            XCTAssertNil(String(validating: bytes, as: UTF8.self))
            XCTAssertNil(SourceReader.iconvDecode(bytes, from: "GB18030"), "fixture \(bytes) must be invalid GB18030")
            assertReadError(bytes, { $0 == .undecodable(path: "bad.txt") }, "\(bytes)")
        }
        // UTF-16 with a BOM but an odd number of bytes, or a lone surrogate.
        assertReadError([0xFF, 0xFE, 0x41], { $0 == .undecodable(path: "bad.txt") }, "odd UTF-16")
        assertReadError([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00], { $0 == .undecodable(path: "bad.txt") }, "lone surrogate")
    }

    func testEmptyInputs() {
        for bytes: [UInt8] in [[], Array("  \n\t\n".utf8), [0xEF, 0xBB, 0xBF], Array("\u{3000}\n".utf8)] {
            assertReadError(bytes, { $0 == .empty(path: "bad.txt") }, "\(bytes)")
        }
        // HTML with no text is empty too.
        XCTAssertThrowsError(try decode(Array("<html><body><script>x()</script></body></html>".utf8), format: .html)) { error in
            XCTAssertEqual(error as? ReadError, .empty(path: "x.txt"))
        }
    }
}
