import Foundation

/// Says what is wrong with JSON that Foundation's reader refuses although it is well-formed:
/// nesting deeper than the reader's limit, or a number no 64-bit float can hold (`1e400`). Both
/// used to be reported as "not valid JSON", which sent users looking for a syntax error.
public enum JSONDiagnosis {
    /// The deepest nesting of arrays and objects Foundation's JSON reader accepts.
    public static let maxDepth = 512

    /// A sentence naming the problem and where it is (byte offset), or nil when the text has
    /// neither problem (then the reader's own message stands).
    public static func problem(in data: Data) -> String? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String? in
            let b = raw.bindMemory(to: UInt8.self)
            var depth = 0, i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                switch c {
                case UInt8(ascii: "\""):
                    i += 1
                    while i < n, b[i] != UInt8(ascii: "\"") { i += b[i] == UInt8(ascii: "\\") ? 2 : 1 }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    if depth > maxDepth {
                        return "arrays and objects are nested more than \(maxDepth) deep (at byte \(i)); a graph file is never nested like that"
                    }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth -= 1
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    let start = i
                    while i + 1 < n, [UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(b[i + 1])
                            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i + 1]) { i += 1 }
                    let token = String(decoding: UnsafeBufferPointer(rebasing: b[start...i]), as: UTF8.self)
                    if let v = Double(token), !v.isFinite {
                        return "the number \(token.prefix(40)) (at byte \(start)) is too large for a 64-bit number"
                    }
                default: break
                }
                i += 1
            }
            return nil
        }
    }
}
