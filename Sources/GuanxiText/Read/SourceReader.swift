import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The kind of markup a source file holds.
public enum SourceFormat: String, Codable, Sendable {
    case text, html, markdown

    /// The format a file name implies (`.html`/`.htm`, `.md`/`.markdown`, anything else text).
    public static func guess(path: String) -> SourceFormat {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "html", "htm", "xhtml", "shtml": .html
        case "md", "markdown": .markdown
        default: .text
        }
    }
}

/// Why a file could not be read as a document.
public enum ReadError: Error, CustomStringConvertible, Equatable {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case binary(path: String, kind: String)
    case undecodable(path: String)
    case tooLarge(path: String, bytes: Int, limit: Int)

    public var description: String {
        switch self {
        case .notFound(let p): "\(p): no such file"
        case .unreadable(let p, let r): "\(p): cannot read: \(r)"
        case .empty(let p): "\(p): empty file (no text)"
        case .binary(let p, let k): "\(p): not a text file (looks like \(k))"
        case .undecodable(let p): "\(p): not text in UTF-8, UTF-16, UTF-32, GB18030 or Big5"
        case .tooLarge(let p, let b, let l): "\(p): \(b) bytes is over the \(l)-byte limit for one document"
        }
    }

    /// The file the error is about.
    public var path: String {
        switch self {
        case .notFound(let p), .unreadable(let p, _), .empty(let p), .binary(let p, _),
             .undecodable(let p), .tooLarge(let p, _, _): p
        }
    }
}

/// A document's text as read: decoded, and reduced from HTML or Markdown to plain text.
/// Every offset Guanxi stores counts Unicode scalars of ``text``.
public struct SourceText: Sendable {
    public var path: String
    public var sha256: String
    /// `UTF-8`, `UTF-8 (BOM)`, `UTF-16LE`, `UTF-16BE`, `UTF-32LE`, `UTF-32BE`, `GB18030` or `Big5`.
    public var encoding: String
    public var format: SourceFormat
    /// The `<title>` of an HTML page, when it has one.
    public var htmlTitle: String?
    public var text: String

    public init(path: String, sha256: String, encoding: String, format: SourceFormat,
                htmlTitle: String? = nil, text: String) {
        self.path = path; self.sha256 = sha256; self.encoding = encoding
        self.format = format; self.htmlTitle = htmlTitle; self.text = text
    }
}

/// Reads files into ``SourceText``: detects the encoding (BOM, UTF-32/UTF-16 by their zero bytes,
/// UTF-8, else GB18030 or Big5 through iconv), refuses binary files, and reduces HTML and Markdown to text.
public enum SourceReader {
    /// Largest file read as one document (bytes).
    public static let maxBytes = 256 * 1024 * 1024

    /// Reads and decodes the file at `path`.
    public static func read(path: String) throws -> SourceText {
        var st = stat()
        guard stat(path, &st) == 0 else {
            switch errno {
            case ELOOP: throw ReadError.unreadable(path: path, reason: "symbolic-link loop")
            case EACCES: throw ReadError.unreadable(path: path, reason: "permission denied")
            case ENOENT, ENOTDIR:
                var lst = stat()
                if lstat(path, &lst) == 0 { throw ReadError.unreadable(path: path, reason: "broken symbolic link") }
                throw ReadError.notFound(path: path)
            default: throw ReadError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
        }
        let kind = st.st_mode & S_IFMT
        if kind == S_IFDIR { throw ReadError.unreadable(path: path, reason: "is a folder") }
        // A FIFO, socket or device would block or never end: only regular files are documents.
        guard kind == S_IFREG else { throw ReadError.unreadable(path: path, reason: "not a regular file") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ReadError.unreadable(path: path, reason: "permission denied")
        }
        if Int(st.st_size) > maxBytes {
            throw ReadError.tooLarge(path: path, bytes: Int(st.st_size), limit: maxBytes)
        }
        // Look at the head first: a binary file (a PNG, 200 MB of NULs) is refused after 64 KB,
        // without reading the rest.
        if let head = readHead(path, bytes: 65_536), let kind = binaryKind(head) {
            throw ReadError.binary(path: path, kind: kind)
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ReadError.unreadable(path: path, reason: error.localizedDescription)
        }
        return try decode(data, path: path, format: SourceFormat.guess(path: path))
    }

    /// The first `bytes` bytes of a file (fewer when it is shorter); nil when it cannot be opened.
    static func readHead(_ path: String, bytes: Int) -> [UInt8]? {
        guard let h = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? h.close() }
        guard let d = try? h.read(upToCount: bytes) else { return nil }
        return [UInt8](d)
    }

    /// Decodes bytes as a document of the given format.
    public static func decode(_ data: Data, path: String, format: SourceFormat) throws -> SourceText {
        let bytes = [UInt8](data)
        if let kind = binaryKind(bytes) { throw ReadError.binary(path: path, kind: kind) }
        guard let (raw, encoding) = decodeText(bytes) else { throw ReadError.undecodable(path: path) }
        // Line endings are folded to \n before anything else, so offsets are stable.
        var text = raw.utf8.contains(13) ? raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : raw
        var title: String?
        var fmt = format
        if fmt == .text, looksLikeHTML(text) { fmt = .html }
        switch fmt {
        case .html:
            let reduced = HTMLText.reduce(text)
            text = reduced.text; title = reduced.title
        case .markdown: text = MarkdownText.reduce(text)
        case .text: break
        }
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { throw ReadError.empty(path: path) }
        return SourceText(path: path, sha256: SHA256.hex(bytes), encoding: encoding, format: fmt,
                          htmlTitle: title, text: text)
    }

    /// A name for the binary format the bytes start with, or nil for text.
    static func binaryKind(_ b: [UInt8]) -> String? {
        func starts(_ p: [UInt8]) -> Bool { b.count >= p.count && Array(b[0..<p.count]) == p }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return "a PNG image" }
        if starts([0x25, 0x50, 0x44, 0x46]) { return "a PDF document" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "a zip archive (or an Office document)" }
        if starts([0xFF, 0xD8, 0xFF]) { return "a JPEG image" }
        if starts([0x47, 0x49, 0x46, 0x38]) { return "a GIF image" }
        if starts([0x1F, 0x8B]) { return "gzip-compressed data" }
        if starts([0x7F, 0x45, 0x4C, 0x46]) { return "an executable (ELF)" }
        if starts([0xD0, 0xCF, 0x11, 0xE0]) { return "an old Office document" }
        let isUnicode = starts([0xFF, 0xFE]) || starts([0xFE, 0xFF]) || starts([0x00, 0x00, 0xFE, 0xFF])
        if !isUnicode, wideEncoding(b) == nil, b.prefix(8192).contains(0) {
            return b.prefix(8192).allSatisfy({ $0 == 0 }) ? "binary data (only NUL bytes)" : "binary data (NUL bytes)"
        }
        return nil
    }

    /// UTF-32 or UTF-16 without a byte-order mark, told by where the zero bytes fall in the head
    /// (Chinese and ASCII text in UTF-32 has two zero bytes in every four; ASCII in UTF-16 one in two).
    static func wideEncoding(_ b: [UInt8]) -> String? {
        let head = Array(b.prefix(8192))
        guard head.count >= 8, head.contains(where: { $0 != 0 }) else { return nil }
        let n4 = head.count / 4 * 4
        if n4 >= 8 {
            var le = true, be = true
            var i = 0
            while i < n4 {
                if !(head[i + 3] == 0 && head[i + 2] <= 0x10) { le = false }
                if !(head[i] == 0 && head[i + 1] <= 0x10) { be = false }
                i += 4
            }
            if le { return "UTF-32LE" }
            if be { return "UTF-32BE" }
        }
        let n2 = head.count / 2 * 2
        var zeroOdd = 0, zeroEven = 0
        var i = 0
        while i < n2 { if head[i] == 0 { zeroEven += 1 }; if head[i + 1] == 0 { zeroOdd += 1 }; i += 2 }
        let pairs = n2 / 2
        if zeroOdd * 10 >= pairs * 9, zeroEven == 0 { return "UTF-16LE" }
        if zeroEven * 10 >= pairs * 9, zeroOdd == 0 { return "UTF-16BE" }
        return nil
    }

    /// Decodes text: BOMs first (UTF-32 before UTF-16, whose BOM is a prefix of UTF-32LE's), then
    /// UTF-32/UTF-16 told by their zero bytes, then strict UTF-8, then GB18030 or Big5, whichever
    /// reads as Chinese text (Big5 Traditional text is valid GB18030 too, but reads as nonsense).
    static func decodeText(_ b: [UInt8]) -> (String, String)? {
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
            return String(validating: b[3...], as: UTF8.self).map { ($0, "UTF-8 (BOM)") }
        }
        if b.count >= 4, b[0] == 0xFF, b[1] == 0xFE, b[2] == 0, b[3] == 0 {
            return iconvDecode(Array(b[4...]), from: "UTF-32LE").map { ($0, "UTF-32LE") }
        }
        if b.count >= 4, b[0] == 0, b[1] == 0, b[2] == 0xFE, b[3] == 0xFF {
            return iconvDecode(Array(b[4...]), from: "UTF-32BE").map { ($0, "UTF-32BE") }
        }
        if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE { return decodeUTF16(Array(b[2...]), littleEndian: true).map { ($0, "UTF-16LE") } }
        if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF { return decodeUTF16(Array(b[2...]), littleEndian: false).map { ($0, "UTF-16BE") } }
        if let wide = wideEncoding(b) {
            switch wide {
            case "UTF-16LE": return decodeUTF16(b, littleEndian: true).map { ($0, wide) }
            case "UTF-16BE": return decodeUTF16(b, littleEndian: false).map { ($0, wide) }
            default: return iconvDecode(b, from: wide).map { ($0, wide) }
            }
        }
        if let s = String(validating: b, as: UTF8.self) { return (s, "UTF-8") }
        let gb = iconvDecode(b, from: "GB18030")
        // glibc's Big5 passes a lone 0x80-0xA0 byte through as a C1 control: that is not Big5 text.
        let big5 = iconvDecode(b, from: "BIG5-HKSCS").flatMap { t in
            t.unicodeScalars.contains { (0x80..<0xA0).contains($0.value) } ? nil : t
        }
        switch (gb, big5) {
        case let (g?, t?): return chinesePlausibility(t) > chinesePlausibility(g) ? (t, "Big5") : (g, "GB18030")
        case let (g?, nil): return (g, "GB18030")
        case let (nil, t?): return (t, "Big5")
        case (nil, nil): return nil
        }
    }

    /// How much a decoding looks like Chinese prose: full-width punctuation counts for it; kana,
    /// bopomofo, Cyrillic, Greek, private-use, compatibility and small-form characters (what one
    /// encoding's bytes become when read as the other) count against it.
    static func chinesePlausibility(_ s: String) -> Int {
        var score = 0
        for u in s.unicodeScalars {
            switch u.value {
            case 0xFF0C, 0x3002, 0x3001, 0xFF1A, 0xFF1B, 0x201C, 0x201D, 0x300A, 0x300B, 0xFF08, 0xFF09, 0xFF01, 0xFF1F: score += 1
            case 0x0370...0x04FF, 0x3040...0x30FF, 0x3100...0x312F, 0xE000...0xF8FF, 0xF900...0xFAFF, 0xFE10...0xFE6F, 0x2500...0x257F,
                 0x3400...0x4DBF, 0x20000...0x3FFFF:
                score -= 1
            default: break
            }
        }
        return score
    }

    static func decodeUTF16(_ b: [UInt8], littleEndian: Bool) -> String? {
        guard b.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(b.count / 2)
        var i = 0
        while i + 1 < b.count {
            units.append(littleEndian ? UInt16(b[i]) | UInt16(b[i + 1]) << 8 : UInt16(b[i]) << 8 | UInt16(b[i + 1]))
            i += 2
        }
        return String(validating: units, as: UTF16.self)
    }

    /// Converts bytes in `encoding` to a String with glibc's iconv; nil on any invalid sequence.
    static func iconvDecode(_ bytes: [UInt8], from encoding: String) -> String? {
        TextEncoding.convert(bytes, from: encoding, to: "UTF-8").flatMap { String(validating: $0, as: UTF8.self) }
    }

    static func looksLikeHTML(_ s: String) -> Bool {
        // The head's bytes, ASCII letters lowered (tags are ASCII): no per-character work on the text.
        let head = s.utf8.prefix(8192).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        func has(_ tag: String) -> Bool {
            let t = Array(tag.utf8)
            guard head.count >= t.count else { return false }
            for k in 0...(head.count - t.count) where head[k] == t[0] {
                var j = 1
                while j < t.count, head[k + j] == t[j] { j += 1 }
                if j == t.count { return true }
            }
            return false
        }
        return has("<!doctype html") || has("<html") || (has("<body") && has("</"))
    }
}
