import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XCTest
@testable import GuanxiText

/// Issue 14 item 15: Big5 Traditional text is read as Big5 (not GB18030 mojibake), UTF-32 as
/// UTF-32 (not UTF-16), and a huge file of NUL bytes is refused from its head.
final class EncodingDetectionTests: XCTestCase {
    /// Traditional prose written for this test (news register, with full-width punctuation).
    static let traditional = [
        "本報訊 1月4日，太原市委書記陳凱到山西轉型綜改示範區調研，察看項目建設情況。",
        "他強調，要深入實施《山西省未來產業發展規劃》，加快推進重點項目建設，優化營商環境。",
        "臺灣地區的廠商與廣東省的園區簽約，總投資十億元，計劃明年竣工投產。",
        "會議指出：「各級黨委和政府要認真落實責任，確保各項政策措施落地見效。」",
    ]
    static let simplified = [
        "本报讯 1月4日，太原市委书记陈凯到山西转型综改示范区调研，察看项目建设情况。",
        "他强调，要深入实施《山西省未来产业发展规划》，加快推进重点项目建设，优化营商环境。",
    ]

    func decode(_ bytes: [UInt8]) throws -> SourceText {
        try SourceReader.decode(Data(bytes), path: "x.txt", format: .text)
    }

    func testBig5TraditionalTextIsDetectedAndRead() throws {
        for text in Self.traditional + [Self.traditional.joined(separator: "\n")] {
            let bytes = try XCTUnwrap(TextEncoding.encode(text, as: "BIG5"), text)
            XCTAssertNil(String(validating: bytes, as: UTF8.self))
            XCTAssertNotNil(SourceReader.iconvDecode(bytes, from: "GB18030"), "the bytes are valid GB18030 too: the detector has to choose")
            let read = try decode(bytes)
            XCTAssertEqual(read.encoding, "Big5", text)
            XCTAssertEqual(read.text, text)
        }
    }

    func testGB18030StaysGB18030ForSimplifiedAndTraditionalText() throws {
        for text in Self.simplified + Self.traditional {
            let bytes = try XCTUnwrap(TextEncoding.encode(text, as: "GB18030"), text)
            let read = try decode(bytes)
            XCTAssertEqual(read.encoding, "GB18030", text)
            XCTAssertEqual(read.text, text)
        }
    }

    func testUTF32IsDetectedWithAndWithoutBOM() throws {
        let text = Self.simplified[0] + "\n𠀀 ASCII too"
        let cases: [(String, [UInt8])] = [
            ("UTF-32LE", [0xFF, 0xFE, 0, 0] + (TextEncoding.convert(Array(text.utf8), from: "UTF-8", to: "UTF-32LE") ?? [])),
            ("UTF-32BE", [0, 0, 0xFE, 0xFF] + (TextEncoding.convert(Array(text.utf8), from: "UTF-8", to: "UTF-32BE") ?? [])),
            ("UTF-32LE", TextEncoding.convert(Array(text.utf8), from: "UTF-8", to: "UTF-32LE") ?? []),
            ("UTF-32BE", TextEncoding.convert(Array(text.utf8), from: "UTF-8", to: "UTF-32BE") ?? []),
            ("UTF-16LE", TextEncoding.convert(Array("ASCII only, no BOM: line one\nline two".utf8), from: "UTF-8", to: "UTF-16LE") ?? []),
        ]
        for (name, bytes) in cases {
            let read = try decode(bytes)
            XCTAssertEqual(read.encoding, name)
            if name.hasPrefix("UTF-32") { XCTAssertEqual(read.text, text, name) }
        }
        // UTF-16 with a BOM is still UTF-16.
        let utf16 = [0xFF, 0xFE] + (TextEncoding.convert(Array(text.utf8), from: "UTF-8", to: "UTF-16LE") ?? [])
        XCTAssertEqual(try decode(utf16).encoding, "UTF-16LE")
        XCTAssertEqual(try decode(utf16).text, text)
    }

    /// A 200 MB file of NUL bytes is refused after its first 64 KB: quickly, and without the
    /// process's memory growing by the file's size (it used to take 432 MB).
    func testFileOfNULsIsRefusedWithoutReadingItWhole() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("guanxi-nul-\(getpid()).txt").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(ftruncate(fd, 200 * 1024 * 1024), 0)   // sparse: 200 MB of NULs, no disk used
        close(fd)
        defer { unlink(path) }
        func maxRSS() -> Int { var u = rusage(); getrusage(RUSAGE_SELF.rawValue, &u); return u.ru_maxrss }  // KB
        let before = maxRSS(), start = Date()
        XCTAssertThrowsError(try SourceReader.read(path: path)) { error in
            XCTAssertEqual(error as? ReadError, .binary(path: path, kind: "binary data (only NUL bytes)"))
            XCTAssertEqual("\(error)", "\(path): not a text file (looks like binary data (only NUL bytes))")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        XCTAssertLessThan(maxRSS() - before, 20 * 1024, "peak memory grew by \(maxRSS() - before) KB")
    }
}
