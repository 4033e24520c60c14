import GuanxiGraph

/// How a diagram is written as DOT.
/// How to group nodes into boxes (Graphviz clusters; drawn by `dot` and `fdp`).
public enum ClusterMode: String, Sendable, CaseIterable {
    /// No grouping.
    case none
    /// One box per park, holding the park and what is located in it.
    case park
    /// One box per entity type.
    case type
}

public struct DOTOptions: Sendable {
    /// Grouping of nodes into clusters.
    public var cluster: ClusterMode = .none
    /// Layout engine; `nil` picks one by size (``LayoutEngine/automatic(nodeCount:)``).
    public var engine: LayoutEngine?
    public var labels: LabelLanguage
    public var style: DiagramStyle
    /// Prefix of every SVG id (graph, nodes, edges), to keep ids unique when several diagrams
    /// share one HTML page.
    public var idPrefix: String
    /// The link of a node, if it has one (see ``URLTemplate``).
    public var nodeURL: (@Sendable (Entity) -> String?)?
    /// Whether to draw a legend of the entity types present.
    public var legend: Bool
    /// Seed of the force-directed engines, so a graph is always drawn the same way.
    public var seed: Int

    public init(engine: LayoutEngine? = nil, labels: LabelLanguage = .zh, style: DiagramStyle = .standard,
                idPrefix: String = "", nodeURL: (@Sendable (Entity) -> String?)? = nil,
                legend: Bool = true, seed: Int = 20_240_601) {
        self.engine = engine; self.labels = labels; self.style = style; self.idPrefix = idPrefix
        self.nodeURL = nodeURL; self.legend = legend; self.seed = seed
    }

    /// The engine in force for a diagram of `nodeCount` entities.
    public func resolvedEngine(nodeCount: Int) -> LayoutEngine { engine ?? .automatic(nodeCount: nodeCount) }
}

/// Writes diagrams as DOT text that cgraph and the `dot` program both accept.
///
/// Node names are generated (`n0`, `n1` …) so nothing from the documents is ever a DOT
/// identifier; every document string sits in a quoted attribute, escaped by `DOTEscape`.
/// SVG ids: `<prefix>n-<anchor>` for nodes, `<prefix>e-<hash>` for edges (see ``Anchor``);
/// SVG classes: `entity <type>` (`focus` added for the focus), `relation <relation>`,
/// `legend <type>` for legend entries.
public enum DOTWriter {
    /// The SVG id of an entity's node.
    public static func nodeID(_ entityID: String, prefix: String = "") -> String { prefix + "n-" + Anchor.of(entityID) }

    /// The SVG id of an edge.
    public static func edgeID(_ key: EdgeKey, prefix: String = "") -> String {
        prefix + "e-" + Anchor.hash(key.source + "\u{1}" + key.type.rawValue + "\u{1}" + key.target)
    }

    /// The DOT text of a diagram.
    public static func write(_ diagram: Diagram, options: DOTOptions = .init()) -> String {
        let style = options.style
        let entities = diagram.graph.entities
        let engine = options.resolvedEngine(nodeCount: entities.count)
        let font = DOTEscape.plain(style.fontName)
        var names: [String: String] = [:]
        for (i, e) in entities.enumerated() { names[e.id] = "n\(i)" }

        var out = "digraph \"guanxi\" {\n"
        var graphAttrs = [
            "id=\"\(DOTEscape.plain(options.idPrefix + "graph"))\"", "fontname=\"\(font)\"",
            "fontsize=\(style.fontSize)", "bgcolor=\"white\"", "pad=\"0.2\"", "outputorder=\"edgesfirst\"",
        ]
        switch engine {
        // Edges are routed around nodes (splines) by dot, neato and fdp; sfdp (drawings of more
        // than 150 entities) draws straight lines: routing there costs more than the layout and
        // does not give the same picture twice.
        case .dot: graphAttrs += ["rankdir=\"LR\"", "nodesep=\"0.25\"", "ranksep=\"0.6\"", "splines=\"true\""]
        case .sfdp: graphAttrs += ["overlap=\"prism\"", "start=\(options.seed)", "splines=\"false\""]
        case .neato, .fdp: graphAttrs += ["overlap=\"false\"", "start=\(options.seed)", "splines=\"true\""]
        case .circo, .twopi: graphAttrs += ["overlap=\"false\""]
        }
        let present = Set(entities.map(\.type)).sorted()
        if options.legend, !present.isEmpty, !engine.drawsClusters {
            graphAttrs.append("label=<\(legendTable(present, options: options))>")
            graphAttrs.append("labelloc=\"b\"")
        }
        out += "  graph [\(graphAttrs.joined(separator: " "))];\n"
        out += "  node [fontname=\"\(font)\" fontsize=\(style.fontSize) style=\"filled\" margin=\"0.12,0.06\"];\n"
        // neato and fdp: longer edges, so a label has room beside the boxes it joins.
        let length = engine == .neato || engine == .fdp ? " len=\"1.8\"" : ""
        out += "  edge [fontname=\"\(font)\" fontsize=\(style.fontSize - 2) color=\"\(style.edgeColor)\" fontcolor=\"#374151\" arrowsize=\"0.7\"\(length)];\n"

        let groups = engine.drawsClusters ? clusters(diagram.graph, mode: options.cluster) : [:]
        var grouped = Set<String>()
        for (k, entry) in groups.sorted(by: { $0.key < $1.key }).enumerated() {
            let (title, members) = entry.value
            out += "  subgraph \"cluster_\(k)\" {\n    label=\"\(DOTEscape.label(title))\" style=\"rounded,dashed\" color=\"#9ca3af\" fontcolor=\"#4b5563\";\n"
            for id in members.sorted() {
                guard let e = diagram.graph.entity(id: id), let name = names[id], grouped.insert(id).inserted else { continue }
                out += "    \(name) [\(nodeAttributes(e, isFocus: e.id == diagram.focus, options: options))];\n"
            }
            out += "  }\n"
        }
        for e in entities where !grouped.contains(e.id) {
            guard let name = names[e.id] else { continue }
            out += "  \(name) [\(nodeAttributes(e, isFocus: e.id == diagram.focus, options: options))];\n"
        }
        for r in diagram.graph.edges {
            guard let s = names[r.source], let t = names[r.target] else { continue }
            out += "  \(s) -> \(t) [\(edgeAttributes(r, options: options))];\n"
        }
        if options.legend, !present.isEmpty, engine.drawsClusters {
            out += legendCluster(present, options: options)
        }
        out += "}\n"
        return out
    }

    /// Cluster key → (title, member ids). A park's cluster holds the park and the entities
    /// located in it (each entity in one cluster at most: its first park by id).
    static func clusters(_ g: KnowledgeGraph, mode: ClusterMode) -> [String: (String, Set<String>)] {
        var out: [String: (String, Set<String>)] = [:]
        switch mode {
        case .none: break
        case .type:
            for e in g.entities { out[e.type.rawValue, default: (e.type.chineseLabel, [])].1.insert(e.id) }
        case .park:
            var placed = Set<String>()
            for r in g.edges where r.type == .locatedIn {
                guard let park = g.entity(id: r.target), park.type == .park, !placed.contains(r.source) else { continue }
                out[park.id, default: (park.name, [park.id])].1.insert(r.source)
                placed.insert(r.source)
            }
            // A park that is itself a member elsewhere stays there; drop clusters left with only their park.
            for (k, v) in out where v.1.count < 2 { out[k] = nil }
        }
        return out
    }

    static func nodeAttributes(_ e: Entity, isFocus: Bool, options: DOTOptions) -> String {
        let style = options.style
        var attrs = [
            "id=\"\(DOTEscape.plain(nodeID(e.id, prefix: options.idPrefix)))\"",
            "class=\"entity \(e.type.rawValue)\(isFocus ? " focus" : "")\"",
            "label=\"\(DOTEscape.labelLines(style.nodeLabelLines(e)))\"",
            "shape=\"\(style.shape(for: e.type))\"",
            "fillcolor=\"\(style.fillColor(for: e.type))\"",
            "color=\"\(style.strokeColor(for: e.type))\"",
            "tooltip=\"\(DOTEscape.tooltip(tooltip(for: e, options: options)))\"",
        ]
        if e.type == .company { attrs.append("style=\"filled,rounded\"") }
        if isFocus { attrs.append("penwidth=\"2.5\"") }
        if let url = options.nodeURL?(e), !url.isEmpty {
            attrs.append("URL=\"\(DOTEscape.plain(url))\"")
            attrs.append("target=\"_top\"")
        }
        return attrs.joined(separator: " ")
    }

    /// A node's tooltip: name, type, aliases and posts, one per line.
    static func tooltip(for e: Entity, options: DOTOptions) -> String {
        var lines = ["\(DOTEscape.capped(e.name, 200)) (\(options.style.typeLabel(e.type, language: options.labels)))"]
        if !e.aliases.isEmpty {
            let shown = e.aliases.prefix(20).map { DOTEscape.capped($0, 60) }.joined(separator: "、") + (e.aliases.count > 20 ? "…" : "")
            lines.append((options.labels == .zh ? "别名：" : "aliases: ") + shown)
        }
        // A hub can hold hundreds of posts; `dot`'s parser refuses strings over 16 KB, so a few do.
        for p in e.posts.prefix(5) {
            lines.append((options.labels == .zh ? "职务：" : "post: ") + DOTEscape.capped(p.title, 80) + (p.organization.map { "（\(DOTEscape.capped($0, 60))）" } ?? ""))
        }
        if e.posts.count > 5 { lines.append("… (+\(e.posts.count - 5))") }
        return lines.joined(separator: "\n")
    }

    static func edgeAttributes(_ r: Relation, options: DOTOptions) -> String {
        let label = options.style.relationLabel(r.type, language: options.labels)
        let evidence = r.evidence.first.map { DOTEscape.capped($0.sentence, 600) } ?? label
        let more = r.evidence.count > 1 ? "\n(+\(r.evidence.count - 1))" : ""
        var attrs = [
            "id=\"\(DOTEscape.plain(edgeID(r.key, prefix: options.idPrefix)))\"",
            "class=\"relation \(r.type.rawValue)\"",
            "label=\"\(DOTEscape.label(label))\"",
            "tooltip=\"\(DOTEscape.tooltip(evidence + more))\"",
            "labeltooltip=\"\(DOTEscape.tooltip(evidence + more))\"",
        ]
        if r.type.isSymmetric { attrs.append("dir=\"none\"") }
        return attrs.joined(separator: " ")
    }

    /// The legend as a cluster of one sample node per type (for engines that draw clusters).
    static func legendCluster(_ types: [EntityType], options: DOTOptions) -> String {
        let style = options.style
        var out = "  subgraph \"cluster_legend\" {\n"
        out += "    graph [id=\"\(DOTEscape.plain(options.idPrefix + "legend"))\" label=\"\(options.labels == .zh ? "图例" : "Legend")\" style=\"rounded,dashed\" color=\"#9ca3af\" fontsize=\(style.fontSize - 1)];\n"
        for (i, t) in types.enumerated() {
            var attrs = [
                "id=\"\(DOTEscape.plain(options.idPrefix + "legend-" + t.rawValue))\"",
                "class=\"legend \(t.rawValue)\"",
                "label=\"\(DOTEscape.label(style.typeLabel(t, language: options.labels)))\"",
                "shape=\"\(style.shape(for: t))\"", "fillcolor=\"\(style.fillColor(for: t))\"",
                "color=\"\(style.strokeColor(for: t))\"", "fontsize=\(style.fontSize - 2)", "tooltip=\" \"",
            ]
            if t == .company { attrs.append("style=\"filled,rounded\"") }
            out += "    legend\(i) [\(attrs.joined(separator: " "))];\n"
        }
        // Invisible edges lay the legend out as a row, not a column.
        if types.count > 1 {
            out += "    " + types.indices.map { "legend\($0)" }.joined(separator: " -> ") + " [style=\"invis\"];\n"
        }
        out += "  }\n"
        return out
    }

    /// The legend as an HTML-like table label (for engines that ignore clusters). Only our own
    /// fixed type names go in it.
    static func legendTable(_ types: [EntityType], options: DOTOptions) -> String {
        let style = options.style
        var cells = "<TD><B>\(options.labels == .zh ? "图例" : "Legend")</B></TD>"
        for t in types {
            cells += "<TD BGCOLOR=\"\(style.fillColor(for: t))\" COLOR=\"\(style.strokeColor(for: t))\" BORDER=\"1\">\(style.typeLabel(t, language: options.labels))</TD>"
        }
        return "<TABLE BORDER=\"0\" CELLSPACING=\"4\" CELLPADDING=\"4\"><TR>\(cells)</TR></TABLE>"
    }
}
