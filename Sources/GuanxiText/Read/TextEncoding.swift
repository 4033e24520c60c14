#if canImport(Glibc)
import Glibc
#endif

/// Conversions between character encodings through glibc's iconv (GB18030, GBK, Big5, UTF-16 …).
public enum TextEncoding {
    /// A string's bytes in `encoding` (`GB18030`, `GBK`, …); nil when it cannot be represented.
    public static func encode(_ text: String, as encoding: String) -> [UInt8]? {
        convert(Array(text.utf8), from: "UTF-8", to: encoding)
    }

    /// Bytes converted from one encoding to another; nil on any invalid or unrepresentable sequence.
    public static func convert(_ bytes: [UInt8], from source: String, to target: String) -> [UInt8]? {
        let cd = iconv_open(target, source)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        let produced: Int? = input.withUnsafeMutableBytes { inBuf in
            output.withUnsafeMutableBytes { outBuf in
                var inPtr = inBuf.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outPtr = outBuf.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outLeft = outBuf.count
                if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 || inLeft != 0 { return nil }
                return outBuf.count - outLeft
            }
        }
        return produced.map { Array(output[0..<$0]) }
    }
}
