import GuanxiGraph

/// What a report says, independent of its format: built once, written as HTML or Markdown.
struct ReportModel {
    struct DocumentSection {
        var record: DocumentRecord
        var date: String?
        var byline: [String]
        /// Entities the document names or its relations touch, by type then name.
        var entities: [Entity]
        /// The relations its sentences state (with only its evidence) and the entities they join;
        /// entities without a relation here are listed, not drawn (a column of unconnected boxes
        /// would make the picture a strip).
        var diagram: Diagram
    }

    let graph: KnowledgeGraph
    let options: ReportOptions
    /// Ids of the entities with a profile, in rank order.
    let profiled: [String]
    let profiledSet: Set<String>
    let degrees: [String: Int]

    /// The graph's edges in key order, computed once.
    let edges: [Relation]

    init(graph: KnowledgeGraph, options: ReportOptions) {
        self.graph = graph
        self.options = options
        edges = graph.edges
        let ranking = graph.degreeRanking(limit: max(options.topN, 0))
        profiled = ranking.map(\.entity.id)
        profiledSet = Set(profiled)
        var d: [String: Int] = [:]
        for e in graph.entities { d[e.id] = graph.index(of: e.id).map(graph.degree(of:)) ?? 0 }
        degrees = d
    }

    /// The link a diagram node gets: its profile when it has one, else its row in the overview table.
    func anchor(for id: String) -> String {
        (profiledSet.contains(id) ? "entity-" : "row-") + Anchor.of(id)
    }

    var countsByType: [(EntityType, Int)] {
        var counts: [EntityType: Int] = [:]
        for e in graph.entities { counts[e.type, default: 0] += 1 }
        return EntityType.allCases.compactMap { t in counts[t].map { (t, $0) } }
    }

    /// Entities for the overview table: by degree, then id.
    var entityRows: [Entity] {
        graph.entities.sorted { (degrees[$0.id] ?? 0, $1.id) > (degrees[$1.id] ?? 0, $0.id) }
    }

    var overview: Diagram {
        Diagram.select(from: graph, query: DiagramQuery(maxNodes: options.overviewMaxNodes, hideIsolated: true))
    }

    /// One overview picture: a connected group or a province, each small enough to read at page width.
    struct OverviewPart {
        var title: String
        var diagram: Diagram
    }

    /// The overview as readable pictures: one per connected group of entities (largest first) or
    /// per province, each cut to ``ReportOptions/overviewPartMaxNodes`` entities, at most
    /// ``ReportOptions/overviewParts`` pictures; `rest` names what got no picture.
    func overviewParts() -> (parts: [OverviewPart], rest: [(title: String, size: Int)]) {
        var groups: [(title: String, ids: [String])] = []
        switch options.overviewSplit {
        case .component:
            let components = graph.connectedComponents().filter { $0.count >= 2 }
            for (k, ids) in components.enumerated() {
                let hub = ids.max { (degrees[$0] ?? 0, $1) < (degrees[$1] ?? 0, $0) }.map(name) ?? ""
                let provinces = Dictionary(grouping: ids.compactMap { graph.entity(id: $0)?.region?.province }, by: { $0 })
                    .sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }.prefix(3).map(\.key)
                let whereText = provinces.isEmpty ? "" : (zh ? "，" : ", ") + provinces.joined(separator: "、")
                groups.append((zh ? "第 \(k + 1) 组：\(ids.count) 个实体，以 \(hub) 为中心\(whereText)"
                                  : "Group \(k + 1): \(ids.count) entities around \(hub)\(whereText)", ids))
            }
        case .province:
            for (province, ids) in entitiesByProvince where ids.count >= 2 {
                groups.append((zh ? "\(province)：\(ids.count) 个实体" : "\(province): \(ids.count) entities", ids.map(\.id)))
            }
        }
        let cap = max(options.overviewParts, 0)
        var parts: [OverviewPart] = []
        for g in groups.prefix(cap) {
            let sub = graph.subgraph(nodeIDs: Set(g.ids))
            let d = Diagram.select(from: sub, query: DiagramQuery(maxNodes: options.overviewPartMaxNodes, hideIsolated: options.overviewSplit == .component))
            parts.append(OverviewPart(title: g.title, diagram: d))
        }
        return (parts, groups.dropFirst(cap).map { ($0.title, $0.ids.count) })
    }

    private var zh: Bool { options.labels == .zh }

    /// Entities by the province they lie in (derived regions), largest province first; entities
    /// without a region under `未定位` / `unplaced`, last.
    var entitiesByProvince: [(province: String, ids: [Entity])] {
        var groups: [String: [Entity]] = [:]
        var unplaced: [Entity] = []
        for e in graph.entities {
            if let p = e.region?.province { groups[p, default: []].append(e) } else { unplaced.append(e) }
        }
        var out = groups.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
            .map { (province: $0.key, ids: $0.value) }
        if !unplaced.isEmpty { out.append((province: zh ? "未定位" : "unplaced", ids: unplaced)) }
        return out
    }

    // MARK: - Findings

    /// A ranked line of the key findings: an entity, a count and what was counted.
    struct Finding {
        var id: String
        var count: Int
        var detail: String
    }

    /// Officials with the most stated facts (relations × evidence), with the documents they appear in.
    func mostActiveOfficials(limit: Int = 5) -> [Finding] {
        var facts: [String: Int] = [:], kinds: [String: [RelationType: Int]] = [:]
        for r in edges {
            for id in [r.source, r.target] where graph.entity(id: id)?.type == .official {
                facts[id, default: 0] += r.evidence.count
                kinds[id, default: [:]][r.type, default: 0] += r.evidence.count
            }
        }
        return facts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit).map { id, n in
            let docs = Set(graph.entity(id: id)?.mentions.map(\.document) ?? []).count
            let top = (kinds[id] ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
                .map { "\(relationLabel($0.key)) \($0.value)" }.joined(separator: "、")
            return Finding(id: id, count: n, detail: zh ? "\(docs) 篇文档；\(top)" : "\(docs) document(s); \(top)")
        }
    }

    /// Parks with the most signings and investments (signed_with, invests_in touching the park).
    func parksWithMostSignings(limit: Int = 5) -> [Finding] {
        var count: [String: Int] = [:], partners: [String: Set<String>] = [:]
        for r in edges where r.type == .signedWith || r.type == .investsIn {
            for (id, other) in [(r.source, r.target), (r.target, r.source)] where graph.entity(id: id)?.type == .park {
                count[id, default: 0] += 1
                partners[id, default: []].insert(name(other))
            }
        }
        return count.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit).map { id, n in
            Finding(id: id, count: n, detail: (partners[id] ?? []).sorted().prefix(6).joined(separator: "、"))
        }
    }

    /// Policies and lists, each with who is selected into it (selected_into edges), largest first.
    func selections() -> [(target: String, members: [String])] {
        var members: [String: [String]] = [:]
        for r in edges where r.type == .selectedInto { members[r.target, default: []].append(r.source) }
        return members.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
            .map { ($0.key, $0.value.sorted()) }
    }

    /// Entities named in more than one document, most documents first.
    func sharedEntities(limit: Int = 30) -> [(id: String, documents: [String])] {
        var out: [(id: String, documents: [String])] = []
        for e in graph.entities {
            let docs = Array(Set(e.mentions.map(\.document))).sorted()
            if docs.count >= 2 { out.append((e.id, docs)) }
        }
        return Array(out.sorted { $0.documents.count != $1.documents.count ? $0.documents.count > $1.documents.count : $0.id < $1.id }.prefix(limit))
    }

    /// Documents in date order (dated with a year first, then month-day only, then undated),
    /// with the number of facts each states.
    func timeline() -> [(date: String?, document: DocumentRecord, facts: Int)] {
        var facts: [String: Int] = [:]
        for r in edges { for ev in r.evidence { facts[ev.document, default: 0] += 1 } }
        func key(_ d: DocumentRecord) -> (Int, String, String) {
            guard let date = d.date else { return (2, "", d.id) }
            let hasYear = date.count >= 4 && date.prefix(4).allSatisfy(\.isNumber)
            return (hasYear ? 0 : 1, date, d.id)
        }
        return graph.documentList.sorted { key($0) < key($1) }.map { ($0.date, $0, facts[$0.id] ?? 0) }
    }

    func ego(_ id: String) -> Diagram {
        Diagram.select(from: graph, query: DiagramQuery(focus: id, depth: 1, maxNodes: options.egoMaxNodes))
    }

    /// One section per document. Entities and relations are indexed by document in one pass, so
    /// the cost grows with the graph's size, not documents × graph.
    var documentSections: [DocumentSection] {
        var entitiesByDoc: [String: Set<String>] = [:]
        for e in graph.entities { for m in e.mentions { entitiesByDoc[m.document, default: []].insert(e.id) } }
        var relationsByDoc: [String: [Relation]] = [:]
        for r in edges {
            var byDoc: [String: [Evidence]] = [:]
            for ev in r.evidence { byDoc[ev.document, default: []].append(ev) }
            for (doc, cited) in byDoc {
                var mine = r
                mine.evidence = cited
                relationsByDoc[doc, default: []].append(mine)
            }
        }
        return graph.documentList.map { doc in
            var ids = entitiesByDoc[doc.id] ?? []
            let relations = relationsByDoc[doc.id] ?? []
            for r in relations { ids.insert(r.source); ids.insert(r.target) }
            let entities = ids.compactMap { graph.entity(id: $0) }.sorted { ($0.type, $0.name) < ($1.type, $1.name) }
            var sub = KnowledgeGraph()
            let drawn = Set(relations.flatMap { [$0.source, $0.target] })
            for id in drawn.sorted() { if let e = graph.entity(id: id) { sub.insertVerbatim(e) } }
            for r in relations { sub.add(r) }
            let date = doc.date ?? doc.articles.compactMap(\.date).first
                ?? relations.flatMap(\.evidence).compactMap(\.date).min()
            var byline: [String] = []
            for name in doc.byline + doc.articles.flatMap(\.byline) where !byline.contains(name) { byline.append(name) }
            return DocumentSection(record: doc, date: date, byline: byline, entities: entities, diagram: Diagram(graph: sub))
        }
    }

    /// Relations touching an entity, outgoing first: O(degree).
    func relations(of id: String) -> [Relation] {
        guard let i = graph.index(of: id) else { return [] }
        func sorted(_ slots: [Int]) -> [Relation] { slots.compactMap { graph.relation(at: $0) }.sorted { $0.key < $1.key } }
        return sorted(graph.outEdges(of: i)) + sorted(graph.inEdges(of: i))
    }

    func name(_ id: String) -> String { graph.entity(id: id)?.name ?? id }

    func relationLabel(_ type: RelationType) -> String { options.style.relationLabel(type, language: options.labels) }
    func typeLabel(_ type: EntityType) -> String { options.style.typeLabel(type, language: options.labels) }
}
