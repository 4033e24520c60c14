import GuanxiGraph

/// The look shared by `guanxi render` and reports: one shape and colour per entity type, one font.
public struct DiagramStyle: Sendable {
    /// The font of graph, nodes and edges: a comma-separated list, first the one laid out with
    /// (it must cover CJK; Debian: fonts-noto-cjk), then fallbacks an SVG viewer tries in turn
    /// (`font-family`) on machines without it.
    public var fontName: String
    public var fontSize: Double
    public var edgeColor: String

    public init(fontName: String = DiagramStyle.cjkFontList, fontSize: Double = 12, edgeColor: String = "#5f6b7a") {
        self.fontName = fontName; self.fontSize = fontSize; self.edgeColor = edgeColor
    }

    /// Noto Sans CJK first, then the CJK fonts of other systems, then the generic family.
    public static let cjkFontList = "Noto Sans CJK SC,Source Han Sans SC,Noto Sans SC,PingFang SC,Hiragino Sans GB,Microsoft YaHei,SimHei,WenQuanYi Micro Hei,sans-serif"

    /// Longest name or post drawn in a node label (longer ones end in `…`; the tooltip has more).
    public static let maxLabelCharacters = 40

    /// The style diagrams and reports use.
    public static let standard = DiagramStyle()

    /// The Graphviz node shape of a type.
    public func shape(for type: EntityType) -> String {
        switch type {
        case .official: "ellipse"
        case .company: "box"
        case .park: "house"
        case .policy: "note"
        case .organization: "box3d"
        case .project: "hexagon"
        case .place: "octagon"
        }
    }

    /// The fill colour of a type (`#rrggbb`), light enough for black text.
    public func fillColor(for type: EntityType) -> String {
        switch type {
        case .official: "#fbd5d5"
        case .company: "#d3e4fb"
        case .park: "#d5f0da"
        case .policy: "#fff1b8"
        case .organization: "#e6dbf6"
        case .project: "#ffdcc2"
        case .place: "#e3e3e3"
        }
    }

    /// The outline colour of a type (`#rrggbb`).
    public func strokeColor(for type: EntityType) -> String {
        switch type {
        case .official: "#b42318"
        case .company: "#1d4ed8"
        case .park: "#15803d"
        case .policy: "#a16207"
        case .organization: "#6d28d9"
        case .project: "#c2410c"
        case .place: "#525252"
        }
    }

    /// A type's name in the chosen language.
    public func typeLabel(_ type: EntityType, language: LabelLanguage) -> String {
        language == .zh ? type.chineseLabel : type.rawValue
    }

    /// A relation's name in the chosen language.
    public func relationLabel(_ type: RelationType, language: LabelLanguage) -> String {
        language == .zh ? type.chineseLabel : type.rawValue
    }

    /// A node's label: the name, and for officials a second line with their first post.
    public func nodeLabelLines(_ entity: Entity) -> [String] {
        var lines = [DOTEscape.capped(entity.name, DiagramStyle.maxLabelCharacters)]
        if entity.type == .official, let post = entity.posts.first?.title, !post.isEmpty {
            lines.append(DOTEscape.capped(post, DiagramStyle.maxLabelCharacters))
        }
        return lines
    }
}
