/// A typed, directed multigraph stored as adjacency lists.
///
/// Nodes live in an array; each node has an out-list and an in-list of edge indices, and an
/// index maps every name and alias (by ``NameKey``) to its nodes, so a neighbour query costs
/// O(degree) and a name look-up O(1). The same fact stated twice is one edge whose evidence
/// grows. Nodes are never removed, only merged (the loser's slot is emptied and its id kept as
/// a redirect), so indices stay valid while a graph is built.
public struct KnowledgeGraph: Sendable {
    public private(set) var documents: [String: DocumentRecord] = [:]
    /// Node slots; `nil` marks a node merged into another.
    private var slots: [Entity?] = []
    private var relations: [Relation?] = []
    private var outLists: [[Int]] = []
    private var inLists: [[Int]] = []
    private var idIndex: [String: Int] = [:]
    /// Node slots by ``NameKey`` (keys hashed and compared by their UTF-8 bytes: a key is in normal
    /// form already, so equal bytes are equal names, without `String`'s normalising hash).
    private var nameIndex: [NameKey.Bytes: [Int]] = [:]
    /// Edge key → slot, for merging the same fact stated twice. A graph loaded from a file builds
    /// it on its first change only (reading never needs it), so a load stays fast.
    private var edgeIndex: [EdgeKey: Int] = [:]
    private var edgeIndexBuilt = true
    private var liveEdges = 0
    private var hashIndex: [String: String] = [:]

    public init() {}

    // MARK: - Reading

    /// Number of live nodes.
    public var nodeCount: Int { idIndex.count }
    /// Number of live edges.
    public var edgeCount: Int { liveEdges }

    /// Live nodes in id order.
    public var entities: [Entity] { slots.compactMap { $0 }.sorted { $0.id < $1.id } }
    /// Live edges in key order.
    public var edges: [Relation] { relations.compactMap { $0 }.sorted { $0.key < $1.key } }
    /// Live nodes in the order they were added: for work that does not depend on order (cheaper
    /// than ``entities``, which sorts by id).
    public var nodesInInsertionOrder: [Entity] { slots.compactMap { $0 } }
    /// The edges of one relation type, sorted by key like ``edges``.
    public func edges(ofType type: RelationType) -> [Relation] {
        relations.compactMap { $0?.type == type ? $0 : nil }.sorted { $0.key < $1.key }
    }

    /// The node with this id.
    public func entity(id: String) -> Entity? { idIndex[id].flatMap { slots[$0] } }

    /// Node slot of an id (for the algorithms).
    public func index(of id: String) -> Int? { idIndex[id] }

    /// The node in a slot.
    public func entity(at index: Int) -> Entity? { slots.indices.contains(index) ? slots[index] : nil }

    /// The edge in a slot.
    public func relation(at index: Int) -> Relation? { relations.indices.contains(index) ? relations[index] : nil }

    /// Edge slots leaving a node.
    public func outEdges(of index: Int) -> [Int] { outLists.indices.contains(index) ? outLists[index] : [] }
    /// Edge slots entering a node.
    public func inEdges(of index: Int) -> [Int] { inLists.indices.contains(index) ? inLists[index] : [] }

    /// Number of edges touching a node.
    public func degree(of index: Int) -> Int { outEdges(of: index).count + inEdges(of: index).count }

    /// The edge with this key.
    public func relation(_ key: EdgeKey) -> Relation? {
        if edgeIndexBuilt { return edgeIndex[key].flatMap { relations[$0] } }
        guard let s = idIndex[key.source] else { return nil }
        for e in outLists[s] { if let r = relations[e], r.type == key.type, r.target == key.target { return r } }
        return nil
    }

    /// Nodes named (or aliased) `name`, compared by ``NameKey``; exact canonical names first.
    public func lookup(_ name: String) -> [Entity] {
        let key = NameKey.of(name)
        let hits = (nameIndex[NameKey.Bytes(key)] ?? []).compactMap { slots[$0] }
        return hits.sorted { a, b in
            let ea = NameKey.of(a.name) == key, eb = NameKey.of(b.name) == key
            if ea != eb { return ea }
            return a.id < b.id
        }
    }

    /// Whether the graph already holds a document with these bytes.
    public func containsDocument(sha256: String) -> Bool { hashIndex[sha256] != nil }

    /// Documents in id order.
    public var documentList: [DocumentRecord] { documents.values.sorted { $0.id < $1.id } }

    // MARK: - Building

    /// Records a document. Its id is made unique against the documents already held.
    @discardableResult
    public mutating func addDocument(_ record: DocumentRecord) -> DocumentRecord {
        if let existing = hashIndex[record.contentKey], let doc = documents[existing] { return doc }
        var doc = record
        var n = 2
        while documents[doc.id] != nil { doc.id = "\(record.id)-\(n)"; n += 1 }
        documents[doc.id] = doc
        hashIndex[doc.contentKey] = doc.id
        // The articles of one file share its hash: the file counts as held once any is.
        if hashIndex[doc.sha256] == nil { hashIndex[doc.sha256] = doc.id }
        return doc
    }

    /// Adds an entity, merging it into an existing node of the same type that shares a name
    /// or alias with it. Returns the id of the node that holds it.
    @discardableResult
    public mutating func add(_ entity: Entity) -> String {
        // Each name's key once: for the look-up here and for the index of a new node.
        let keys = entity.allNames.map(NameKey.of)
        return add(entity, joining: slots(of: entity.type, named: Set(keys)), keys: keys)
    }

    /// Live node slots of a type that hold one of `keys` (``NameKey``s) as a name or alias.
    private func slots(of type: EntityType, named keys: Set<String>) -> Set<Int> {
        var matches = Set<Int>()
        for key in keys {
            for slot in nameIndex[NameKey.Bytes(key)] ?? [] where slots[slot]?.type == type { matches.insert(slot) }
        }
        return matches
    }

    /// The nodes an entity from another document joins under ``MergePolicy``: those sharing a
    /// distinctive name, and officials of the same name whose posts share an anchor.
    private func crossDocumentMatches(_ entity: Entity) -> Set<Int> {
        var matches = slots(of: entity.type, named: MergePolicy.crossDocumentKeys(of: entity))
        if entity.type == .official {
            let anchors = MergePolicy.postAnchors(of: entity)
            if !anchors.isEmpty {
                for slot in slots(of: .official, named: Set(entity.allNames.map(NameKey.of)))
                where slots[slot].map({ !MergePolicy.postAnchors(of: $0).isDisjoint(with: anchors) }) ?? false {
                    matches.insert(slot)
                }
            }
        }
        return matches
    }

    /// Adds an entity, merging it into the given existing nodes (same type), or as a new node.
    @discardableResult
    private mutating func add(_ entity: Entity, joining matches: Set<Int>, keys: [String]? = nil) -> String {
        if let first = matches.min(by: { (slots[$0]?.id ?? "") < (slots[$1]?.id ?? "") }) {
            absorb(entity, into: first)
            for other in matches where other != first { mergeSlot(other, into: first) }
            return slots[first]?.id ?? entity.id
        }
        var fresh = entity
        var n = 2
        while idIndex[fresh.id] != nil { fresh.id = "\(entity.id)#\(n)"; n += 1 }
        let slot = slots.count
        slots.append(fresh)
        outLists.append([]); inLists.append([])
        idIndex[fresh.id] = slot
        if let keys { for key in keys { indexKey(key, slot: slot) } } else { for name in fresh.allNames { indexName(name, slot: slot) } }
        return fresh.id
    }

    /// Adds a relation between two node ids, merging its evidence into an existing edge with the
    /// same source, type and target. Unknown ids are ignored (returns false).
    @discardableResult
    public mutating func add(_ relation: Relation) -> Bool {
        guard let s = idIndex[relation.source], let t = idIndex[relation.target], s != t,
              let sid = slots[s]?.id, let tid = slots[t]?.id else { return false }
        var r = relation
        r.source = sid; r.target = tid
        ensureEdgeIndex()
        if let existing = edgeIndex[r.key], var old = relations[existing] {
            relations[existing] = nil     // keeps `old.evidence` uniquely referenced: merged in place
            KnowledgeGraph.formSortedUnion(&old.evidence, r.evidence)
            relations[existing] = old
            return true
        }
        let slot = relations.count
        relations.append(r)
        edgeIndex[r.key] = slot
        liveEdges += 1
        outLists[s].append(slot)
        inLists[t].append(slot)
        return true
    }

    /// Merges the node `loser` into `winner` (both ids): names, posts, mentions and edges.
    public mutating func merge(_ loser: String, into winner: String) {
        guard let l = idIndex[loser], let w = idIndex[winner], l != w else { return }
        mergeSlot(l, into: w)
    }

    /// Adds a new alias to a node.
    public mutating func addAlias(_ alias: String, to id: String) {
        guard let slot = idIndex[id], var e = slots[slot], alias != e.name, !e.aliases.contains(alias) else { return }
        e.aliases = (e.aliases + [alias]).sorted()
        slots[slot] = e
        indexName(alias, slot: slot)
    }

    /// Merges another graph (typically one document's extraction) into this one: its documents,
    /// then its nodes by name/alias, then its edges with their evidence.
    ///
    /// `acrossDocuments`: the other graph comes from other documents, so its nodes join this
    /// graph's only through names that ``MergePolicy`` finds distinctive (never `园区`, `市委`, or a
    /// two-character name); pieces of one document are merged with `false`.
    public mutating func merge(_ other: KnowledgeGraph, acrossDocuments: Bool = false) {
        var docIDs: [String: String] = [:]
        for doc in other.documentList {
            docIDs[doc.id] = addDocument(doc).id
        }
        func remapDoc(_ id: String) -> String { docIDs[id] ?? id }
        var ids: [String: String] = [:]
        for var e in other.entities {
            e.mentions = e.mentions.map { var m = $0; m.document = remapDoc(m.document); return m }
            ids[e.id] = acrossDocuments ? add(e, joining: crossDocumentMatches(e)) : add(e)
        }
        for var r in other.edges {
            guard let s = ids[r.source], let t = ids[r.target] else { continue }
            // A merge above may have redirected a node: resolve through the id index.
            r.source = currentID(s); r.target = currentID(t)
            r.evidence = r.evidence.map { var ev = $0; ev.document = remapDoc(ev.document); return ev }
            add(r)
        }
    }

    // MARK: - Curation (a user's corrections)

    /// Gives a node a new canonical name; the old one stays as an alias. The id is kept.
    public mutating func rename(_ id: String, to name: String) {
        guard let slot = idIndex[id], var e = slots[slot], NameKey.of(name) != NameKey.of(e.name) || name != e.name else { return }
        e.aliases = Array(Set(e.aliases + [e.name]).subtracting([name])).sorted()
        e.name = name
        slots[slot] = e
        indexName(name, slot: slot)
    }

    /// Removes a node and every edge touching it.
    public mutating func remove(_ id: String) {
        guard let slot = idIndex[id], let e = slots[slot] else { return }
        detachEdges(of: slot)
        slots[slot] = nil
        idIndex[id] = nil
        unindexNames(e.allNames, slot: slot)
    }

    /// Changes a node's type; it takes the id a new node of that type and name would get (the old
    /// id redirects to it) and merges into a node of that type that has the same canonical name.
    /// Returns the node's id afterwards.
    @discardableResult
    public mutating func retype(_ id: String, to type: EntityType) -> String {
        guard let slot = idIndex[id], var e = slots[slot], e.type != type else { return id }
        let moving = detachEdges(of: slot)
        slots[slot] = nil
        idIndex[id] = nil
        unindexNames(e.allNames, slot: slot)
        e.type = type
        e.id = Entity.makeID(type: type, name: e.name)
        let newID = add(e, joining: slots(of: type, named: [NameKey.of(e.name)]))
        _redirects[id] = newID
        reattach(moving, from: id, to: newID)
        return newID
    }

    /// Takes a name away from a node and makes it a node of its own: the mentions written with
    /// that name move to it, and so do the edges whose every evidence sentence names it (and none
    /// of the node's other names). Returns the new node's id, or nil when the node does not hold
    /// the name as an alias.
    @discardableResult
    public mutating func split(_ id: String, name: String) -> String? {
        let key = NameKey.of(name)
        guard let slot = idIndex[id], var e = slots[slot], NameKey.of(e.name) != key,
              let alias = e.aliases.first(where: { NameKey.of($0) == key }) else { return nil }
        let movingMentions = e.mentions.filter { NameKey.of($0.text) == key }
        let staying = e.mentions.filter { NameKey.of($0.text) != key }
        e.aliases.removeAll { NameKey.of($0) == key }
        e.mentions = staying
        slots[slot] = e
        unindexNames([alias], slot: slot)
        func names(_ ev: Evidence, _ ms: [Mention]) -> Bool {
            ms.contains { $0.document == ev.document && $0.start >= ev.start && $0.end <= ev.end }
        }
        let edgeSlots = outLists[slot] + inLists[slot]
        let moved = edgeSlots.filter { edgeSlot in
            guard let r = relations[edgeSlot], !r.evidence.isEmpty else { return false }
            return r.evidence.allSatisfy { names($0, movingMentions) && !names($0, staying) }
        }
        var fresh = Entity(type: e.type, name: alias, mentions: movingMentions)
        var n = 2
        while idIndex[fresh.id] != nil { fresh.id = Entity.makeID(type: e.type, name: alias) + "#\(n)"; n += 1 }
        insertVerbatim(fresh)
        var relocated: [Relation] = []
        for edgeSlot in moved { if let r = detachEdge(edgeSlot) { relocated.append(r) } }
        reattach(relocated, from: id, to: fresh.id)
        return fresh.id
    }

    /// Detaches every edge of a node; returns them.
    @discardableResult
    private mutating func detachEdges(of slot: Int) -> [Relation] {
        (outLists[slot] + inLists[slot]).compactMap { detachEdge($0) }
    }

    /// Removes one edge from the lists and indices; returns it.
    private mutating func detachEdge(_ edgeSlot: Int) -> Relation? {
        guard let r = relations[edgeSlot] else { return nil }
        ensureEdgeIndex()
        relations[edgeSlot] = nil
        edgeIndex[r.key] = nil
        liveEdges -= 1
        if let s = idIndex[r.source] { outLists[s].removeAll { $0 == edgeSlot } }
        if let t = idIndex[r.target] { inLists[t].removeAll { $0 == edgeSlot } }
        return r
    }

    /// Adds detached edges again, with `old` replaced by `new` at either end.
    private mutating func reattach(_ edges: [Relation], from old: String, to new: String) {
        for var r in edges {
            if r.source == old { r.source = new }
            if r.target == old { r.target = new }
            add(r)
        }
    }

    private mutating func unindexNames(_ names: [String], slot: Int) {
        for name in names {
            let key = NameKey.of(name)
            nameIndex[NameKey.Bytes(key)]?.removeAll { $0 == slot }
            if nameIndex[NameKey.Bytes(key)]?.isEmpty == true { nameIndex[NameKey.Bytes(key)] = nil }
        }
    }

    // MARK: - Internals

    /// Number of node slots (live or merged away); node indices are below it.
    public var slotCount: Int { slots.count }

    /// Inserts a node exactly as given (id included), for loading a stored graph and for
    /// subgraphs. A node whose id is present already is merged.
    public mutating func insertVerbatim(_ entity: Entity) {
        if let slot = idIndex[entity.id] { absorb(entity, into: slot); return }
        let slot = slots.count
        slots.append(entity)
        outLists.append([]); inLists.append([])
        idIndex[entity.id] = slot
        for name in entity.allNames { indexName(name, slot: slot) }
    }

    /// Rewrites every node in place through `body`, which may change a node's mentions, posts
    /// and region but not what the indexes hold (its id, type, name and aliases): a graph's
    /// details are finished without building it again.
    public mutating func updateNodes(_ body: (inout Entity) -> Void) {
        for k in slots.indices {
            guard var e = slots[k] else { continue }
            slots[k] = nil     // `e` is the only reference while `body` changes it
            let (id, type, name, aliases) = (e.id, e.type, e.name, e.aliases)
            body(&e)
            e.id = id; e.type = type; e.name = name; e.aliases = aliases
            slots[k] = e
        }
    }

    /// Rewrites every edge's evidence in place through `body` (given the edge as it stands).
    public mutating func updateEvidence(_ body: (Relation, inout [Evidence]) -> Void) {
        for k in relations.indices {
            guard var r = relations[k] else { continue }
            relations[k] = nil
            var evidence = r.evidence
            r.evidence = []
            body(r, &evidence)
            r.evidence = evidence
            relations[k] = r
        }
    }

    /// Replaces the documents the graph holds (mentions and evidence name them by id).
    public mutating func replaceDocuments(with records: [DocumentRecord]) {
        documents = [:]
        hashIndex = [:]
        for r in records { addDocument(r) }
    }

    private var _redirects: [String: String] = [:]

    /// The id a (possibly merged-away) node now lives under.
    public func currentID(_ id: String) -> String {
        var cur = id
        var seen = 0
        while idIndex[cur] == nil, let next = _redirects[cur], seen < 64 { cur = next; seen += 1 }
        return cur
    }

    private mutating func ensureEdgeIndex() {
        guard !edgeIndexBuilt else { return }
        edgeIndex.reserveCapacity(liveEdges)
        for (slot, r) in relations.enumerated() { if let r { edgeIndex[r.key] = slot } }
        edgeIndexBuilt = true
    }

    /// The union of two sorted lists, sorted and without duplicates: what
    /// `Array(Set(a).union(b)).sorted()` gives, in O(a + b) — and O(b) when `b` comes after `a`,
    /// the usual case when documents are merged in order (a hub entity's mentions would otherwise
    /// be re-sorted at every document, quadratic over a corpus).
    static func formSortedUnion<T: Comparable & Hashable>(_ a: inout [T], _ b: [T]) {
        guard isStrictlySorted(b) else { a = Array(Set(a).union(b)).sorted(); return }
        if b.isEmpty { return }
        // `a` was built by this function or by the sorting initialisers: check its ends only
        // when appending (O(b)); the full merge below checks as it goes.
        if let last = a.last, let first = b.first, last < first, isStrictlySorted(a, tail: 2) { a.append(contentsOf: b); return }
        if a.isEmpty { a = b; return }
        a = sortedUnion(a, b)
    }

    static func sortedUnion<T: Comparable & Hashable>(_ a: [T], _ b: [T]) -> [T] {
        if b.isEmpty, isStrictlySorted(a) { return a }
        guard isStrictlySorted(a), isStrictlySorted(b) else { return Array(Set(a).union(b)).sorted() }
        if let last = a.last, let first = b.first, last < first { return a + b }
        var out: [T] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i] < b[j] { out.append(a[i]); i += 1 }
            else if b[j] < a[i] { out.append(b[j]); j += 1 }
            else if a[i] == b[j] { out.append(a[i]); i += 1; j += 1 }
            else { return Array(Set(a).union(b)).sorted() }     // equal in order, different values
        }
        out.append(contentsOf: a[i...]); out.append(contentsOf: b[j...])
        return out
    }

    static func isStrictlySorted<T: Comparable>(_ a: [T], tail: Int? = nil) -> Bool {
        var k = tail.map { max(1, a.count - $0) } ?? 1
        while k < a.count { if !(a[k - 1] < a[k]) { return false }; k += 1 }
        return true
    }

    /// A graph from stored parts that are already canonical (ids unique, lists sorted, edges
    /// between known nodes, no edge twice): the fast path of ``SQLiteGraphStore``. In-lists and the
    /// name index are rebuilt; the edge-key index waits for the first change.
    init(loadingDocuments docs: [DocumentRecord], entities: [Entity], nameKeys: [[String]]? = nil,
         edges: [(source: Int, relation: Relation, target: Int)]) {
        documents.reserveCapacity(docs.count); hashIndex.reserveCapacity(docs.count)
        for d in docs {
            documents[d.id] = d; hashIndex[d.contentKey] = d.id
            if hashIndex[d.sha256] == nil { hashIndex[d.sha256] = d.id }
        }
        slots = entities
        idIndex.reserveCapacity(entities.count)
        nameIndex.reserveCapacity(entities.count * 2)
        for (slot, e) in entities.enumerated() {
            idIndex[e.id] = slot
            if let keys = nameKeys?[slot] {
                for key in keys where !key.isEmpty {
                    if !(nameIndex[NameKey.Bytes(key)]?.contains(slot) ?? false) { nameIndex[NameKey.Bytes(key), default: []].append(slot) }
                }
            } else {
                for name in e.allNames { indexName(name, slot: slot) }
            }
        }
        outLists = Array(repeating: [], count: entities.count)
        inLists = Array(repeating: [], count: entities.count)
        relations.reserveCapacity(edges.count)
        for (slot, e) in edges.enumerated() {
            relations.append(e.relation)
            outLists[e.source].append(slot)
            inLists[e.target].append(slot)
        }
        liveEdges = edges.count
        edgeIndexBuilt = false
    }

    private mutating func indexName(_ name: String, slot: Int) { indexKey(NameKey.of(name), slot: slot) }

    private mutating func indexKey(_ key: String, slot: Int) {
        guard !key.isEmpty else { return }
        if !(nameIndex[NameKey.Bytes(key)]?.contains(slot) ?? false) { nameIndex[NameKey.Bytes(key), default: []].append(slot) }
    }

    private mutating func absorb(_ entity: Entity, into slot: Int) {
        guard var e = slots[slot] else { return }
        slots[slot] = nil     // `e` is now the only reference: its arrays grow in place
        let newNames = Set(entity.allNames).subtracting(e.allNames)
        // The canonical name is the fullest form seen: a longer name that contains the old one wins.
        if entity.name.count > e.name.count, entity.name.contains(e.name) {
            if !MergePolicy.isGeneric(e.name) { e.aliases.append(e.name) }
            e.name = entity.name
        }
        // A generic or relative name (`省政府`, `园区`) of the absorbed node is no alias (MergePolicy).
        e.aliases = Array(Set(e.aliases).union(newNames.filter { !MergePolicy.isGeneric($0) }).subtracting([e.name])).sorted()
        e.posts = Array(Set(e.posts).union(entity.posts)).sorted()
        if e.region == nil { e.region = entity.region }
        KnowledgeGraph.formSortedUnion(&e.mentions, entity.mentions)
        slots[slot] = e
        for name in newNames { indexName(name, slot: slot) }
    }

    private mutating func mergeSlot(_ l: Int, into w: Int) {
        guard let loser = slots[l], slots[w] != nil else { return }
        absorb(loser, into: w)
        guard let winnerID = slots[w]?.id else { return }
        // Detach the loser's edges, then re-add them on the winner.
        let moving = (outLists[l] + inLists[l]).compactMap { relations[$0] }
        ensureEdgeIndex()
        for edgeSlot in outLists[l] + inLists[l] {
            guard let r = relations[edgeSlot] else { continue }
            relations[edgeSlot] = nil
            edgeIndex[r.key] = nil
            liveEdges -= 1
            if let s = idIndex[r.source] { outLists[s].removeAll { $0 == edgeSlot } }
            if let t = idIndex[r.target] { inLists[t].removeAll { $0 == edgeSlot } }
        }
        slots[l] = nil
        idIndex[loser.id] = nil
        _redirects[loser.id] = winnerID
        for name in loser.allNames {
            let key = NameKey.of(name)
            nameIndex[NameKey.Bytes(key)]?.removeAll { $0 == l }
            if nameIndex[NameKey.Bytes(key)]?.isEmpty == true { nameIndex[NameKey.Bytes(key)] = nil }
        }
        for var r in moving {
            if r.source == loser.id { r.source = winnerID }
            if r.target == loser.id { r.target = winnerID }
            add(r)
        }
    }
}
