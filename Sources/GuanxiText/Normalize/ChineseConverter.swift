import COpenCC
import Foundation

/// Traditional → Simplified conversion through OpenCC's C API (config `t2s.json`).
///
/// OpenCC costs a few MB/s, so the normaliser asks ``simplifiedScalar(_:)`` first: a per-character
/// cache that says whether a character changes at all, and converts only the lines that hold one.
/// One converter serves the whole process; a lock serialises OpenCC calls and the cache.
public final class ChineseConverter: @unchecked Sendable {
    /// The shared converter, or nil when OpenCC or its `t2s.json` is missing.
    public static let shared: ChineseConverter? = ChineseConverter(config: "t2s.json")

    private let handle: opencc_t
    private let lock = NSLock()
    private var cache: [UInt32: Unicode.Scalar] = [:]

    init?(config: String) {
        guard let h = opencc_open(config), Int(bitPattern: h) != -1 else { return nil }
        handle = h
    }

    deinit { opencc_close(handle) }

    /// Converts a string phrase by phrase.
    public func convert(_ text: String) -> String {
        lock.lock(); defer { lock.unlock() }
        return convertLocked(text)
    }

    private func convertLocked(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        return utf8.withUnsafeBufferPointer { buf -> String in
            guard let base = buf.baseAddress else { return text }
            return base.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                guard let out = opencc_convert_utf8(handle, p, buf.count) else { return text }
                defer { opencc_convert_utf8_free(out) }
                return String(cString: out)
            }
        }
    }

    /// The Simplified form of one character (itself when it has none). Cached.
    public func simplifiedScalar(_ s: Unicode.Scalar) -> Unicode.Scalar {
        guard ChineseConverter.isHan(s) else { return s }
        lock.lock(); defer { lock.unlock() }
        if let hit = cache[s.value] { return hit }
        let converted = convertLocked(String(Character(s))).unicodeScalars
        let result = converted.count == 1 ? (converted.first ?? s) : s
        cache[s.value] = result
        return result
    }

    /// Whether a scalar is a CJK ideograph.
    @inlinable @inline(__always)
    public static func isHan(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0x20000...0x2FA1F).contains(v)
    }
}
