/// Stable ASCII identifiers derived from entity ids (`official:陈凯` → `official-9c1e3f0a2b7d4c11`),
/// valid as XML ids, HTML ids and URL fragments whatever script the id is written in.
public enum Anchor {
    /// The anchor of an entity id: its ASCII letters and digits (runs of anything else become
    /// `-`), then a 64-bit FNV-1a hash of the whole id, so distinct ids never collide in practice.
    public static func of(_ id: String) -> String {
        var slug = ""
        for u in id.unicodeScalars {
            if u.isASCII, u.properties.isAlphabetic || ("0"..."9").contains(u) {
                slug.unicodeScalars.append(u)
            } else if !slug.hasSuffix("-"), !slug.isEmpty {
                slug += "-"
            }
            if slug.count >= 24 { break }
        }
        if !slug.hasSuffix("-"), !slug.isEmpty { slug += "-" }
        return slug + hash(id)
    }

    /// 64-bit FNV-1a of the UTF-8 bytes, 16 hex digits.
    public static func hash(_ s: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
