/// The seven kinds of entity Guanxi puts in a graph (see ANNOTATION.md).
public enum EntityType: String, Codable, CaseIterable, Sendable, Comparable {
    case official, company, park, policy, organization, project, place

    /// The Chinese name of the type, for diagrams and reports.
    public var chineseLabel: String {
        switch self {
        case .official: "官员"
        case .company: "企业"
        case .park: "园区"
        case .policy: "政策"
        case .organization: "机构"
        case .project: "项目"
        case .place: "地区"
        }
    }

    /// Position in the schema's order (official first, place last).
    public var rank: Int { EntityType.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: EntityType, rhs: EntityType) -> Bool { lhs.rank < rhs.rank }
}

/// The relation vocabulary of ANNOTATION.md. Every relation is directed: head → tail.
public enum RelationType: String, Codable, CaseIterable, Sendable, Comparable {
    case holdsPost = "holds_post"
    case visited
    case locatedIn = "located_in"
    case issued
    case selectedInto = "selected_into"
    case implements
    case builds
    case subsidiaryOf = "subsidiary_of"
    case investsIn = "invests_in"
    case cooperatesWith = "cooperates_with"
    case incubatedBy = "incubated_by"
    case leads
    case accompanied
    case supports
    case signedWith = "signed_with"
    case partOf = "part_of"

    /// The relation named in Chinese, as diagrams label edges by default.
    public var chineseLabel: String {
        switch self {
        case .holdsPost: "任职"
        case .visited: "调研"
        case .locatedIn: "位于"
        case .issued: "发布"
        case .selectedInto: "入选"
        case .implements: "实施"
        case .builds: "建设"
        case .subsidiaryOf: "隶属"
        case .investsIn: "投资"
        case .cooperatesWith: "合作"
        case .incubatedBy: "孵化于"
        case .leads: "牵头"
        case .accompanied: "陪同"
        case .supports: "支持"
        case .signedWith: "签约"
        case .partOf: "属于"
        }
    }

    /// True for relations whose direction carries no meaning (A cooperates with B ⇔ B with A).
    public var isSymmetric: Bool { self == .cooperatesWith || self == .signedWith }

    public static func < (lhs: RelationType, rhs: RelationType) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Which way to follow edges from a node.
public enum Direction: String, Codable, CaseIterable, Sendable {
    case out, `in`, both
}
