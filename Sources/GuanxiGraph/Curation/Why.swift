/// Why an entity is what it is: the names it was made from, the documents that name it, and
/// what joined each document's mentions to the others (`guanxi why`).
public struct EntityExplanation: Codable, Hashable, Sendable {
    /// One name of the entity and where it is written.
    public struct NameUse: Codable, Hashable, Sendable {
        public var name: String
        public var canonical: Bool
        /// Whether ``MergePolicy`` lets this name join documents.
        public var distinctive: Bool
        /// Documents whose text writes this name, and how often.
        public var documents: [String: Int]
    }
    /// How one document's mentions joined the documents before it.
    public struct Join: Codable, Hashable, Sendable {
        public var document: String
        /// Names this document shares with the earlier ones.
        public var through: [String]
        /// `distinctive name`, `same name and post anchor (阳泉市)`, or, when neither, `short or generic name`.
        public var how: String
        /// True when the join rests on a short or generic name only (a join to check).
        public var weak: Bool
    }

    public var id: String
    public var type: EntityType
    public var name: String
    public var names: [NameUse]
    public var joins: [Join]
}

extension KnowledgeGraph {
    /// Explains an entity from its names and mentions.
    public func explain(_ entity: Entity) -> EntityExplanation {
        var perName: [String: [String: Int]] = [:]         // name key → document → count
        var written: [String: String] = [:]                // name key → a form as written
        for m in entity.mentions {
            let key = NameKey.of(m.text)
            perName[key, default: [:]][m.document, default: 0] += 1
            if written[key] == nil { written[key] = m.text }
        }
        let names = entity.allNames.map { name -> EntityExplanation.NameUse in
            let key = NameKey.of(name)
            return .init(name: name, canonical: name == entity.name, distinctive: MergePolicy.isDistinctive(name),
                         documents: perName[key] ?? [:])
        }
        // Documents in the order of their first mention's document id.
        var docNames: [String: Set<String>] = [:]
        for (key, docs) in perName { for d in docs.keys { docNames[d, default: []].insert(key) } }
        let order = docNames.keys.sorted()
        let anchors = MergePolicy.postAnchors(of: entity).sorted()
        let distinctive = Array(entity.allNames.filter(MergePolicy.isDistinctive).prefix(3))
        var seen = Set<String>()
        var joins: [EntityExplanation.Join] = []
        for (i, doc) in order.enumerated() {
            let mine = docNames[doc] ?? []
            defer { seen.formUnion(mine) }
            guard i > 0 else { continue }
            let shared = mine.intersection(seen).sorted()
            let strong = shared.filter { MergePolicy.isDistinctive($0) }
            let through = (strong.isEmpty ? shared : strong).map { written[$0] ?? $0 }
            if !strong.isEmpty {
                joins.append(.init(document: doc, through: through, how: "distinctive name", weak: false))
            } else if entity.type == .official, !shared.isEmpty, !anchors.isEmpty {
                joins.append(.init(document: doc, through: through,
                                   how: "same name and post anchor (\(anchors.joined(separator: ", ")))", weak: false))
            } else if !distinctive.isEmpty {
                // Each document's form was resolved, in that document, to a distinctive full name.
                joins.append(.init(document: doc, through: distinctive,
                                   how: "each document's form resolved to a distinctive name", weak: false))
            } else {
                joins.append(.init(document: doc, through: through.isEmpty ? ["(no shared name: a correction or an alias)"] : through,
                                   how: "short or generic name", weak: true))
            }
        }
        return EntityExplanation(id: entity.id, type: entity.type, name: entity.name, names: names, joins: joins)
    }
}
