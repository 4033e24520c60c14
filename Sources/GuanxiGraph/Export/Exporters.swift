import Foundation

/// Formats a graph can be exported in.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// ANNOTATION.md's node-link JSON: `{"nodes": [{id, type, name, aliases, …}], "edges": [{source, target, type, evidence}]}`.
    case json
    /// GraphML for Gephi, yEd and Cytoscape, with type, name and aliases as attributes.
    case graphml
    /// `nodes.csv` and `relationships.csv` with `neo4j-admin database import` headers.
    case csv
    /// The graph file's own JSON (``GraphFile``): byte-deterministic, for git diffs, and what
    /// `guanxi import` reads back into a store.
    case graph
}

/// Writers of the export formats. Every string from the documents is escaped for its format.
public enum Exporter {
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

    /// Node-link JSON (the form `guanxi evaluate` and ANNOTATION.md's scorer read).
    public static func nodeLinkJSON(_ graph: KnowledgeGraph) throws -> Data {
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

    /// Escapes text for XML character data and attribute values; drops characters XML 1.0 forbids.
    public static func xmlEscape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out += "&#\(u.value);"
            default:
                if u.value < 0x20 || (0xFFFE...0xFFFF).contains(u.value) { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// GraphML with node attributes `type`, `name`, `aliases`, `title` and edge attributes
    /// `type`, `evidence` (the first sentence) and `documents`.
    public static func graphML(_ graph: KnowledgeGraph) -> String {
        var s = """
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="type" for="node" attr.name="type" attr.type="string"/>
          <key id="name" for="node" attr.name="name" attr.type="string"/>
          <key id="label" for="node" attr.name="label" attr.type="string"/>
          <key id="aliases" for="node" attr.name="aliases" attr.type="string"/>
          <key id="title" for="node" attr.name="title" attr.type="string"/>
          <key id="relation" for="edge" attr.name="relation" attr.type="string"/>
          <key id="evidence" for="edge" attr.name="evidence" attr.type="string"/>
          <key id="documents" for="edge" attr.name="documents" attr.type="string"/>
          <graph id="guanxi" edgedefault="directed">

        """
        for e in graph.entities {
            s += "    <node id=\"\(xmlEscape(e.id))\">\n"
            s += "      <data key=\"type\">\(e.type.rawValue)</data>\n"
            s += "      <data key=\"name\">\(xmlEscape(e.name))</data>\n"
            s += "      <data key=\"label\">\(xmlEscape(e.name))</data>\n"
            s += "      <data key=\"aliases\">\(xmlEscape(e.aliases.joined(separator: "|")))</data>\n"
            if !e.posts.isEmpty {
                s += "      <data key=\"title\">\(xmlEscape(e.posts.map(\.title).joined(separator: "；")))</data>\n"
            }
            s += "    </node>\n"
        }
        for (i, r) in graph.edges.enumerated() {
            s += "    <edge id=\"e\(i)\" source=\"\(xmlEscape(r.source))\" target=\"\(xmlEscape(r.target))\">\n"
            s += "      <data key=\"relation\">\(r.type.rawValue)</data>\n"
            s += "      <data key=\"evidence\">\(xmlEscape(r.evidence.first?.sentence ?? ""))</data>\n"
            s += "      <data key=\"documents\">\(xmlEscape(Set(r.evidence.map(\.document)).sorted().joined(separator: "|")))</data>\n"
            s += "    </edge>\n"
        }
        s += "  </graph>\n</graphml>\n"
        return s
    }

    /// Quotes a CSV field (RFC 4180): always quoted, inner quotes doubled.
    public static func csvField(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `nodes.csv` and `relationships.csv` in the header conventions of `neo4j-admin database import`.
    public static func neo4jCSV(_ graph: KnowledgeGraph) -> (nodes: String, relationships: String) {
        var nodes = "id:ID,name,aliases:string[],title,:LABEL\n"
        for e in graph.entities {
            let label = "Entity;" + e.type.rawValue.prefix(1).uppercased() + e.type.rawValue.dropFirst()
            nodes += [e.id, e.name, e.aliases.joined(separator: ";"), e.posts.map(\.title).joined(separator: "；"), label]
                .map(csvField).joined(separator: ",") + "\n"
        }
        var rels = ":START_ID,:END_ID,:TYPE,evidence,documents:string[],dates:string[]\n"
        for r in graph.edges {
            rels += [r.source, r.target, r.type.rawValue.uppercased(), r.evidence.first?.sentence ?? "",
                     Set(r.evidence.map(\.document)).sorted().joined(separator: ";"),
                     Set(r.evidence.compactMap(\.date)).sorted().joined(separator: ";")]
                .map(csvField).joined(separator: ",") + "\n"
        }
        return (nodes, rels)
    }
}
