import Foundation

/// Node-link JSON (the form `guanxi evaluate` and ANNOTATION.md's scorer read).
public struct NodeLinkJSONExporter: StreamingExporter {
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

    public var fileNames: [String] { ["graph.json"] }

    /// The bytes `JSONEncoder` gives for the whole ``LinkGraph`` (keys sorted: directed,
    /// documents, edges, nodes), written a document, an edge and a node at a time.
    public func write(file index: Int, from source: any GraphReading, to sink: OutputSink) throws {
        try sink.write("{\n  \"directed\" : true,\n  \"documents\" : ")
        var documents = PrettyJSONArrayWriter<DocumentRecord>(depth: 1, sink: sink)
        try source.forEachDocument { try documents.append($0) }
        try documents.finish()
        try sink.write(",\n  \"edges\" : ")
        var edges = PrettyJSONArrayWriter<LinkEdge>(depth: 1, sink: sink)
        try source.forEachRelation { try edges.append(LinkEdge(source: $0.source, target: $0.target, type: $0.type, evidence: $0.evidence)) }
        try edges.finish()
        try sink.write(",\n  \"nodes\" : ")
        var nodes = PrettyJSONArrayWriter<LinkNode>(depth: 1, sink: sink)
        try source.forEachEntity(mentions: false) { r in
            let e = r.entity
            try nodes.append(LinkNode(id: e.id, type: e.type, name: e.name, aliases: e.aliases,
                                      title: e.posts.isEmpty ? nil : e.posts.map(\.title).joined(separator: "；"),
                                      posts: e.posts, degree: r.degree))
        }
        try nodes.finish()
        try sink.write("\n}\n")
    }
}
