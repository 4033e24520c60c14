import Foundation

/// Node-link JSON (the form `guanxi evaluate` and ANNOTATION.md's scorer read).
public struct NodeLinkJSONExporter: Exporter {
    public init() {}
    public var writesFolder: Bool { false }

    struct LinkNode: Encodable {
        var id: String
        var type: EntityType
        var name: String
        var aliases: [String]
        var title: String?
        var posts: [Post]
        var degree: Int
    }
    struct LinkEdge: Encodable {
        var source: String
        var target: String
        var type: RelationType
        var evidence: [Evidence]
    }
    struct LinkGraph: Encodable {
        var directed = true
        var documents: [DocumentRecord]
        var nodes: [LinkNode]
        var edges: [LinkEdge]
    }

    public func export(_ graph: KnowledgeGraph) throws -> [ExportedFile] {
        [ExportedFile(name: "graph.json", data: try encode(graph))]
    }

    func encode(_ graph: KnowledgeGraph) throws -> Data {
        let nodes = graph.entities.map { e in
            LinkNode(id: e.id, type: e.type, name: e.name, aliases: e.aliases,
                     title: e.posts.isEmpty ? nil : e.posts.map(\.title).joined(separator: "；"),
                     posts: e.posts, degree: graph.index(of: e.id).map(graph.degree(of:)) ?? 0)
        }
        let edges = graph.edges.map { LinkEdge(source: $0.source, target: $0.target, type: $0.type, evidence: $0.evidence) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(LinkGraph(documents: graph.documentList, nodes: nodes, edges: edges))
        data.append(0x0A)
        return data
    }
}
