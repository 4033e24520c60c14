import Foundation

/// Formats a graph can be exported in.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// ANNOTATION.md's node-link JSON: `{"documents": […], "nodes": [{id, type, name, aliases, …}], "edges": [{source, target, type, evidence}]}`.
    case json
    /// GraphML for Gephi, yEd, Cytoscape and networkx: entities and documents as nodes, relations
    /// (with a `label`) and `mentioned_in` links as edges, every evidence sentence kept.
    case graphml
    /// Four CSV files for `neo4j-admin database import full`: `nodes.csv`, `documents.csv`,
    /// `relationships.csv`, `mentioned_in.csv`.
    case csv
    /// The graph file's own JSON (``GraphFile``): byte-deterministic, for git diffs, and what
    /// `guanxi import` reads back into a store.
    case graph

    /// The exporter that writes this format. `excel` starts each CSV file with a UTF-8 byte-order
    /// mark so spreadsheets read it as UTF-8 (ignored by the other formats).
    public func exporter(excel: Bool = false) -> any Exporter {
        switch self {
        case .json: NodeLinkJSONExporter()
        case .graphml: GraphMLExporter()
        case .csv: Neo4jCSVExporter(excel: excel)
        case .graph: GraphFileExporter()
        }
    }
}

/// One file an export produces: its name (inside the output folder, or a suggested name for a
/// single-file export) and its bytes.
public struct ExportedFile: Sendable, Equatable {
    public var name: String
    public var data: Data
    public init(name: String, data: Data) { self.name = name; self.data = data }
}

/// A writer of one export format. Every string from the documents is escaped or neutralised for
/// its format; every evidence sentence of an edge is kept.
public protocol Exporter: Sendable {
    /// True when the export is several files that go in a folder (CSV), false for one stream.
    var writesFolder: Bool { get }
    /// The export's files (exactly one when `writesFolder` is false).
    func export(_ graph: KnowledgeGraph) throws -> [ExportedFile]
}

extension Exporter {
    /// The export as one stream (the first file): for single-file formats.
    public func exportData(_ graph: KnowledgeGraph) throws -> Data {
        try export(graph).first?.data ?? Data()
    }
}

/// The id of the node a document becomes in GraphML and Neo4j exports (entity ids are
/// `type:name` and no entity type is `document`, so the two never collide).
func documentNodeID(_ document: String) -> String { "document:" + document }

/// The date of a document: its first article's date, when the text gives one.
func documentDate(_ d: DocumentRecord) -> String? { d.articles.lazy.compactMap(\.date).first }

/// The graph file's JSON (``GraphFile``), sorted and byte-deterministic.
public struct GraphFileExporter: Exporter {
    public init() {}
    public var writesFolder: Bool { false }
    public func export(_ graph: KnowledgeGraph) throws -> [ExportedFile] {
        [ExportedFile(name: "graph.json", data: try GraphFile.encode(graph))]
    }
}
