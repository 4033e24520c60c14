import Foundation

/// A string hashed and compared by its UTF-8 bytes, as SQLite compares `TEXT`. (Swift's own
/// `String` hashing and `==` normalise non-ASCII text first, which showed in a build's profile;
/// the writer's caches stand in for SQL look-ups, so they compare as SQL does.)
struct ByteString: Hashable {
    let string: String

    init(_ s: String) {
        var s = s
        s.makeContiguousUTF8()
        string = s
    }

    static func == (a: ByteString, b: ByteString) -> Bool {
        let x = a.string.utf8, y = b.string.utf8
        guard x.count == y.count else { return false }
        guard x.count > 0 else { return true }
        let same = x.withContiguousStorageIfAvailable { p in
            y.withContiguousStorageIfAvailable { q in memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0 }
        }
        if let same, let same { return same }
        return x.elementsEqual(y)
    }

    func hash(into h: inout Hasher) {
        let u = string.utf8
        h.combine(u.count)
        if u.withContiguousStorageIfAvailable({ h.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
            var copy = string
            copy.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }
}

extension String {
    /// Whether every scalar is printable ASCII or a CJK unified ideograph (as almost every name
    /// is): such a string is its own NFC form, so for it Swift's `==` (canonical equivalence)
    /// is byte equality and a ``ByteString`` set holds what a `Set<String>` would.
    var isPlainForComparison: Bool {
        unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) }
    }
}

/// The distinct strings of `strings`, those `Set(strings)` holds (in no particular order),
/// without hashing normalised text when every string is plain (``String/isPlainForComparison``).
func distinctStrings(_ strings: [String]) -> [String] {
    if strings.count < 2 { return strings }
    guard strings.allSatisfy(\.isPlainForComparison) else { return Array(Set(strings)) }
    var seen = Set<ByteString>(minimumCapacity: strings.count)
    return strings.filter { seen.insert(ByteString($0)).inserted }
}

extension ByteString {
    /// The key Swift's `String` equality compares by (canonical equivalence): the NFC form's
    /// bytes (a plain string is its own NFC form).
    static func canonical(_ s: String) -> ByteString {
        ByteString(s.isPlainForComparison ? s : s.precomposedStringWithCanonicalMapping)
    }
}

/// A row of `official_anchors` for one entity: (name key, anchor).
struct AnchorPair: Hashable {
    let key: ByteString
    let anchor: ByteString
}

/// A post as `posts` holds it, compared column by column as SQL's `IS` does.
struct PostKey: Hashable {
    let title: ByteString
    let organization: ByteString?
    let status: ByteString?
    let date: ByteString?

    init(title: ByteString, organization: ByteString?, status: ByteString?, date: ByteString?) {
        self.title = title; self.organization = organization; self.status = status; self.date = date
    }

    init(_ p: Post) {
        title = ByteString(p.title)
        organization = p.organization.map(ByteString.init)
        status = p.status.map { ByteString($0.rawValue) }
        date = p.date.map(ByteString.init)
    }
}

/// A row of `evidence`, compared column by column as the writer's `NOT EXISTS` check does.
struct EvidenceKey: Hashable {
    let edge: Int64, document: Int64, start: Int, end: Int
    let sentence: ByteString
    let date: ByteString?, rule: ByteString?
    let amountText: ByteString?, amountValue: Double?, amountCurrency: ByteString?

    init(edge: Int64, document: Int64, _ ev: Evidence) {
        self.edge = edge; self.document = document; start = ev.start; end = ev.end
        sentence = ByteString(ev.sentence)
        date = ev.date.map(ByteString.init); rule = ev.rule.map(ByteString.init)
        amountText = ev.amount.map { ByteString($0.text) }
        // SQLite stores NaN as NULL.
        amountValue = ev.amount?.value.flatMap { $0.isNaN ? nil : $0 }
        amountCurrency = ev.amount.map { ByteString($0.currency) }
    }
}

/// What the writer knows of one entity row (a class: the caches change it in place).
final class EntityState {
    let eid: String
    let type: EntityType
    /// The canonical name (`entities.name`).
    var name: String
    /// Whether `entities.region` is set.
    var hasRegion: Bool
    /// Every name and alias (`names.name`) and their keys (`names.key`), once read.
    var names: Set<ByteString>?
    /// Whether every name is plain (``String/isPlainForComparison``): `names` compares as `Set<String>` would.
    var plainNames = true
    var keys: Set<ByteString>?
    /// The posts (`posts` rows) and the same as compared by SQL, once read.
    var posts: [Post]?
    var postKeys: Set<PostKey>?
    /// An official's rows of `official_anchors`, once read.
    var anchorRows: Set<AnchorPair>?
    /// Whether `anchorRows` is known to be what the names and posts make.
    var anchorsChecked = false

    init(eid: String, type: EntityType, name: String, hasRegion: Bool) {
        self.eid = eid; self.type = type; self.name = name; self.hasRegion = hasRegion
    }
}

/// A region as its JSON column is made from it (compared by bytes).
struct RegionKey: Hashable {
    let parts: [ByteString?]
    init(_ r: Region) {
        parts = [r.province, r.provinceCode, r.city, r.cityCode, r.county, r.countyCode, r.how].map { $0.map(ByteString.init) }
    }
}

/// The writer's memory of the store during a build, so merging an entity or an edge asks SQLite
/// nothing it has already read or written: which entities hold a name key, which officials hold
/// a (name key, anchor) row, and each touched entity's names, posts and anchors.
///
/// It holds only while no other connection commits: the store compares `PRAGMA data_version`
/// (which changes when another connection commits) at the start of each batch's transaction and
/// starts afresh when it moved; a failed transaction (rolled back) drops it too. `complete`: the
/// store held no entity when the cache began, so every row is one this cache saw written, and a
/// name key it does not hold is in no row (no look-up needed).
final class WriterCache {
    let version: Int64
    let complete: Bool
    /// Name key → entities holding a name of that key (any type), for keys read or complete.
    var byKey: [ByteString: [Int64]] = [:]
    /// (Name key, anchor) → officials holding that row of `official_anchors`.
    var anchored: [AnchorPair: [Int64]] = [:]
    var entities: [Int64: EntityState] = [:]

    init(version: Int64, complete: Bool) {
        self.version = version; self.complete = complete
    }

    /// Records that `id` now holds a name of `key` (when the key's entry is held).
    func addKey(_ key: ByteString, _ id: Int64) {
        if var ids = byKey[key] {
            if !ids.contains(id) { ids.append(id); byKey[key] = ids }
        } else if complete {
            byKey[key] = [id]
        }
    }

    func removeKey(_ key: ByteString, _ id: Int64) {
        guard var ids = byKey[key] else { return }
        ids.removeAll { $0 == id }
        byKey[key] = ids
    }

    func addAnchor(_ pair: AnchorPair, _ id: Int64) {
        if var ids = anchored[pair] {
            if !ids.contains(id) { ids.append(id); anchored[pair] = ids }
        } else if complete {
            anchored[pair] = [id]
        }
    }

    func removeAnchor(_ pair: AnchorPair, _ id: Int64) {
        guard var ids = anchored[pair] else { return }
        ids.removeAll { $0 == id }
        anchored[pair] = ids
    }
}
