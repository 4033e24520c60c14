import Foundation

/// The distinct strings of `strings`, those `Set(strings)` holds (in no particular order),
/// without hashing normalised text when every string is plain (``String/isPlainForComparison``).
func distinctStrings(_ strings: [String]) -> [String] {
    if strings.count < 2 { return strings }
    guard strings.allSatisfy(\.isPlainForComparison) else { return Array(Set(strings)) }
    var seen = Set<NameKey.Bytes>(minimumCapacity: strings.count)
    return strings.filter { seen.insert(NameKey.Bytes($0)).inserted }
}


/// A row of `official_anchors` for one entity: (name key, anchor).
struct AnchorPair: Hashable {
    let key: NameKey.Bytes
    let anchor: NameKey.Bytes
}

/// A post as `posts` holds it, compared column by column as SQL's `IS` does.
struct PostKey: Hashable {
    let title: NameKey.Bytes
    let organization: NameKey.Bytes?
    let status: NameKey.Bytes?
    let date: NameKey.Bytes?

    init(title: NameKey.Bytes, organization: NameKey.Bytes?, status: NameKey.Bytes?, date: NameKey.Bytes?) {
        self.title = title; self.organization = organization; self.status = status; self.date = date
    }

    init(_ p: Post) {
        title = NameKey.Bytes(p.title)
        organization = p.organization.map(NameKey.Bytes.init)
        status = p.status.map { NameKey.Bytes($0.rawValue) }
        date = p.date.map(NameKey.Bytes.init)
    }
}

/// A row of `evidence`, compared column by column as the writer's `NOT EXISTS` check does.
struct EvidenceKey: Hashable {
    let edge: Int64, document: Int64, start: Int, end: Int
    let sentence: NameKey.Bytes
    let date: NameKey.Bytes?, rule: NameKey.Bytes?
    let amountText: NameKey.Bytes?, amountValue: Double?, amountCurrency: NameKey.Bytes?

    init(edge: Int64, document: Int64, _ ev: Evidence) {
        self.edge = edge; self.document = document; start = ev.start; end = ev.end
        sentence = NameKey.Bytes(ev.sentence)
        date = ev.date.map(NameKey.Bytes.init); rule = ev.rule.map(NameKey.Bytes.init)
        amountText = ev.amount.map { NameKey.Bytes($0.text) }
        // SQLite stores NaN as NULL.
        amountValue = ev.amount?.value.flatMap { $0.isNaN ? nil : $0 }
        amountCurrency = ev.amount.map { NameKey.Bytes($0.currency) }
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
    var names: Set<NameKey.Bytes>?
    /// Whether every name is plain (``String/isPlainForComparison``): `names` compares as `Set<String>` would.
    var plainNames = true
    var keys: Set<NameKey.Bytes>?
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
    let parts: [NameKey.Bytes?]
    init(_ r: Region) {
        parts = [r.province, r.provinceCode, r.city, r.cityCode, r.county, r.countyCode, r.how].map { $0.map(NameKey.Bytes.init) }
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
    var byKey: [NameKey.Bytes: Set<Int64>] = [:]
    /// (Name key, anchor) → officials holding that row of `official_anchors`.
    var anchored: [AnchorPair: Set<Int64>] = [:]
    var entities: [Int64: EntityState] = [:]
    /// Entity id → the lowest suffix `#n` that may be free: every `id#k` with 2 ≤ k < n is held.
    /// Raised as rows are inserted, lowered when a row of the id goes (``freed(eid:)``).
    var freeSuffix: [NameKey.Bytes: Int] = [:]

    init(version: Int64, complete: Bool) {
        self.version = version; self.complete = complete
    }

    /// Records that `id` now holds a name of `key` (when the key's entry is held).
    func addKey(_ key: NameKey.Bytes, _ id: Int64) { Self.add(id, key, to: &byKey, complete: complete) }
    func removeKey(_ key: NameKey.Bytes, _ id: Int64) { Self.remove(id, key, from: &byKey) }
    /// Records that `id` now holds a name/anchor pair (when the pair's entry is held).
    func addAnchor(_ pair: AnchorPair, _ id: Int64) { Self.add(id, pair, to: &anchored, complete: complete) }
    func removeAnchor(_ pair: AnchorPair, _ id: Int64) { Self.remove(id, pair, from: &anchored) }

    /// Notes that the row of `eid` went: when it is `id#k`, suffix `k` of `id` is free again.
    func freed(eid: String) {
        guard let hash = eid.lastIndex(of: "#"), let k = Int(eid[eid.index(after: hash)...]), k >= 2 else { return }
        let base = NameKey.Bytes(String(eid[..<hash]))
        if let n = freeSuffix[base], k < n { freeSuffix[base] = k }
    }

    /// Adds `id` to a key's entry: to the entry held, or as a new entry when the cache is complete
    /// (an entry not held and not complete would be read from the store first). The entry is
    /// changed in place: a name held by thousands of entities costs no copy.
    private static func add<K: Hashable>(_ id: Int64, _ key: K, to index: inout [K: Set<Int64>], complete: Bool) {
        if let i = index.index(forKey: key) {
            index.values[i].insert(id)
        } else if complete {
            index[key] = [id]
        }
    }

    private static func remove<K: Hashable>(_ id: Int64, _ key: K, from index: inout [K: Set<Int64>]) {
        if let i = index.index(forKey: key) { index.values[i].remove(id) }
    }
}
