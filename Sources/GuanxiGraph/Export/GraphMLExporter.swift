import Foundation

/// GraphML for Gephi, yEd, Cytoscape and networkx.
///
/// Nodes: every entity (`kind` = `entity`; `type`, `name`, `label`, `aliases`, `title`) and every
/// document (`kind` = `document`, id `document:ID`; `label` = its title, `path`, `date`). Edges: every
/// relation with `label` (the relation, which Gephi shows), `relation`, `evidence` (every sentence,
/// one a line), `evidence_count`, `documents` and `dates`; and one `mentioned_in` edge from each entity
/// to each document that mentions it. Ids keep characters XML cannot hold as `\uXXXX` escapes, so
/// names that differ only in control characters stay different nodes.
public struct GraphMLExporter: StreamingExporter {
    public init() {}
    public var writesFolder: Bool { false }

    public var fileNames: [String] { ["graph.graphml"] }

    /// The GraphML text.
    public func document(_ graph: KnowledgeGraph) -> String {
        let sink = OutputSink()
        try? write(file: 0, from: graph, to: sink)     // an in-memory sink and graph never throw
        return String(decoding: sink.data, as: UTF8.self)
    }

    public func write(file index: Int, from source: any GraphReading, to sink: OutputSink) throws {
        try sink.write("""
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="kind" for="node" attr.name="kind" attr.type="string"/>
          <key id="type" for="node" attr.name="type" attr.type="string"/>
          <key id="name" for="node" attr.name="name" attr.type="string"/>
          <key id="label" for="node" attr.name="label" attr.type="string"/>
          <key id="aliases" for="node" attr.name="aliases" attr.type="string"/>
          <key id="title" for="node" attr.name="title" attr.type="string"/>
          <key id="path" for="node" attr.name="path" attr.type="string"/>
          <key id="date" for="node" attr.name="date" attr.type="string"/>
          <key id="elabel" for="edge" attr.name="label" attr.type="string"/>
          <key id="relation" for="edge" attr.name="relation" attr.type="string"/>
          <key id="evidence" for="edge" attr.name="evidence" attr.type="string"/>
          <key id="evidence_count" for="edge" attr.name="evidence_count" attr.type="int"/>
          <key id="documents" for="edge" attr.name="documents" attr.type="string"/>
          <key id="dates" for="edge" attr.name="dates" attr.type="string"/>
          <graph id="guanxi" edgedefault="directed">

        """)
        func data(_ key: String, _ value: String) -> String {
            "      <data key=\"\(key)\">\(Self.xmlEscape(value))</data>\n"
        }
        try source.forEachDocument { d in
            var s = "    <node id=\"\(Self.nodeID(documentNodeID(d.id)))\">\n"
            s += data("kind", "document")
            s += data("type", "document")
            s += data("name", d.id)
            s += data("label", d.title ?? d.id)
            s += data("path", d.path)
            if let date = documentDate(d) { s += data("date", date) }
            s += "    </node>\n"
            try sink.write(s)
        }
        try source.forEachEntity(mentions: false) { r in
            let e = r.entity
            var s = "    <node id=\"\(Self.nodeID(e.id))\">\n"
            s += data("kind", "entity")
            s += data("type", e.type.rawValue)
            s += data("name", e.name)
            s += data("label", e.name)
            s += data("aliases", e.aliases.joined(separator: "|"))
            if !e.posts.isEmpty { s += data("title", e.posts.map(\.title).joined(separator: "；")) }
            s += "    </node>\n"
            try sink.write(s)
        }
        var n = 0
        try source.forEachRelation { r in
            var s = "    <edge id=\"e\(n)\" source=\"\(Self.nodeID(r.source))\" target=\"\(Self.nodeID(r.target))\">\n"
            s += data("elabel", r.type.rawValue)
            s += data("relation", r.type.rawValue)
            s += data("evidence", r.evidence.map(\.sentence).joined(separator: "\n"))
            s += data("evidence_count", String(r.evidence.count))
            s += data("documents", orderedUnique(r.evidence.map(\.document)).joined(separator: "|"))
            s += data("dates", orderedUnique(r.evidence.compactMap(\.date)).joined(separator: "|"))
            s += "    </edge>\n"
            try sink.write(s)
            n += 1
        }
        try source.forEachEntity(mentions: true) { r in
            for (doc, count) in r.mentionCounts {
                var s = "    <edge id=\"e\(n)\" source=\"\(Self.nodeID(r.entity.id))\" target=\"\(Self.nodeID(documentNodeID(doc)))\">\n"
                s += data("elabel", "mentioned_in")
                s += data("relation", "mentioned_in")
                s += data("evidence_count", String(count))
                s += "    </edge>\n"
                try sink.write(s)
                n += 1
            }
        }
        try sink.write("  </graph>\n</graphml>\n")
    }

    /// A node id as written in the file: characters XML 1.0 cannot hold become `\uXXXX` and a
    /// backslash becomes `\\` (so the mapping is one-to-one), then the result is XML-escaped.
    public static func nodeID(_ id: String) -> String {
        var out = ""
        for u in id.unicodeScalars {
            if u == "\\" { out += "\\\\"; continue }
            if xmlForbidden(u) || u.value < 0x20 { out += String(format: "\\u%04X", u.value); continue }
            out.unicodeScalars.append(u)
        }
        return xmlEscape(out)
    }

    static func xmlForbidden(_ u: Unicode.Scalar) -> Bool {
        (u.value < 0x20 && u != "\t" && u != "\n" && u != "\r") || (0xFFFE...0xFFFF).contains(u.value)
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
                if xmlForbidden(u) { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

/// The elements in first-seen order, each once.
func orderedUnique(_ xs: [String]) -> [String] {
    var seen = Set<String>()
    return xs.filter { seen.insert($0).inserted }
}
