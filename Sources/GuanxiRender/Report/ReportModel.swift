import GuanxiGraph

/// What a report says, independent of its format: built once, written as HTML or Markdown.
struct ReportModel {
    struct DocumentSection {
        var record: DocumentRecord
        var date: String?
        var byline: [String]
        /// Entities the document names, and the relations its sentences state (with only its evidence).
        var diagram: Diagram
    }

    let graph: KnowledgeGraph
    let options: ReportOptions
    /// Ids of the entities with a profile, in rank order.
    let profiled: [String]
    let profiledSet: Set<String>
    let degrees: [String: Int]

    init(graph: KnowledgeGraph, options: ReportOptions) {
        self.graph = graph
        self.options = options
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

    func ego(_ id: String) -> Diagram {
        Diagram.select(from: graph, query: DiagramQuery(focus: id, depth: 1, maxNodes: options.egoMaxNodes))
    }

    var documentSections: [DocumentSection] {
        graph.documentList.map { doc in
            var ids = Set(graph.entities.filter { $0.mentions.contains { $0.document == doc.id } }.map(\.id))
            var relations: [Relation] = []
            for r in graph.edges {
                let cited = r.evidence.filter { $0.document == doc.id }
                guard !cited.isEmpty else { continue }
                var mine = r
                mine.evidence = cited
                relations.append(mine)
                ids.insert(r.source); ids.insert(r.target)
            }
            var sub = KnowledgeGraph()
            for id in ids.sorted() { if let e = graph.entity(id: id) { sub.insertVerbatim(e) } }
            for r in relations { sub.add(r) }
            let date = doc.articles.compactMap(\.date).first
                ?? relations.flatMap(\.evidence).compactMap(\.date).min()
            var byline: [String] = []
            for name in doc.byline + doc.articles.flatMap(\.byline) where !byline.contains(name) { byline.append(name) }
            return DocumentSection(record: doc, date: date, byline: byline, diagram: Diagram(graph: sub))
        }
    }

    /// Relations touching an entity, outgoing first.
    func relations(of id: String) -> [Relation] {
        graph.edges.filter { $0.source == id } + graph.edges.filter { $0.target == id }
    }

    func name(_ id: String) -> String { graph.entity(id: id)?.name ?? id }

    func relationLabel(_ type: RelationType) -> String { options.style.relationLabel(type, language: options.labels) }
    func typeLabel(_ type: EntityType) -> String { options.style.typeLabel(type, language: options.labels) }
}
