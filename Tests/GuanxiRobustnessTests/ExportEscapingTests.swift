import Foundation
import GuanxiGraph
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// Issue 7: names and sentences with quotes, commas, newlines and markup survive `guanxi export`
/// to GraphML and CSV: the outputs parse, and every value reads back as written.
final class ExportEscapingTests: XCTestCase {
    static let nastyNames = [
        "\"引号\"科技有限公司", "逗号,科技有限公司", "<b>标记</b>科技有限公司", "A&B集团有限公司",
        "单引'号'产业园", "]]>CDATA结束科技有限公司", "反斜杠\\路径科技有限公司",
    ]

    /// A graph built by `guanxi build` from an adversarial document and a user dictionary.
    func testExportOfAdversarialBuild() throws {
        let dir = try Harness.scratch(self)
        let dict = dir.appendingPathComponent("dict.tsv")
        try Harness.write(Self.nastyNames.map { name in
            (name.hasSuffix("产业园") ? "park" : "company") + "\t" + name
        }.joined(separator: "\n") + "\n", to: dict)
        let sentences = Self.nastyNames.map { "太原市委书记陈凯到\($0)调研，察看\"项目\"，<i>强调</i>：要“加快”建设,推进。" }
        let doc = dir.appendingPathComponent("adversarial.txt")
        try Harness.write("本报讯 1月4日，" + sentences.joined(separator: "\n") + "\n", to: doc)
        let graph = dir.appendingPathComponent("g.db")
        let b = try Harness.run(["build", doc.path, "--graph", graph.path, "--dictionary", dict.path])
        XCTAssertEqual(b.code, 0, b.stderr)
        let g = try Harness.load(graph)
        let names = Set(g.entities.map(\.name))
        // Which names the extractor takes depends on its rules; enough of them must get through.
        let recognised = Self.nastyNames.filter(names.contains)
        XCTAssertGreaterThanOrEqual(recognised.count, 4, "recognised \(recognised); have \(names.sorted())")
        try checkExports(graph: graph, expected: g)
    }

    /// A graph written directly with values no extractor makes: newlines, tabs, CR, control
    /// characters, lone markup.
    func testExportOfHandMadeGraph() throws {
        let dir = try Harness.scratch(self)
        var g = KnowledgeGraph()
        g.addDocument(DocumentRecord(id: "d,\"1\"\n", path: "x", sha256: "00"))
        let odd = ["换行\n名字", "回车\r\n名字", "制表\t名字", "控制\u{1}\u{8}字符", "<!-- 注释 -->", "\"\"\"", ",,,", "&lt;&#x41;", "尾随\\"]
        var ids: [String] = []
        for (k, n) in odd.enumerated() {
            ids.append(g.add(Entity(type: k % 2 == 0 ? .company : .organization, name: n, aliases: ["别名|\(k),\"x\""],
                                    posts: [], mentions: [Mention(document: "d,\"1\"\n", start: k, end: k + 1, text: n)])))
        }
        for k in 1..<ids.count {
            g.add(Relation(source: ids[k - 1], type: .cooperatesWith, target: ids[k],
                           evidence: [Evidence(document: "d,\"1\"\n", sentence: "证据\n\"\(odd[k])\",<x>&", start: 0, end: 3, date: "2025-01-0\(k)")]))
        }
        let graph = dir.appendingPathComponent("g.json")
        try GraphFile.save(g, to: graph.path)
        try checkExports(graph: graph, expected: try GraphFile.load(graph.path))
    }

    /// XML 1.0 cannot carry most control characters: the exporter drops them from text.
    static func xmlVisible(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r" }))
    }

    /// A GraphML id as read back: control characters as `\uXXXX`, a backslash doubled (one-to-one).
    static func graphMLID(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if u == "\\" { out += "\\\\" } else if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF {
                out += String(format: "\\u%04X", u.value)
            } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    func checkExports(graph: URL, expected g: KnowledgeGraph) throws {
        let dir = graph.deletingLastPathComponent()
        // GraphML
        let gml = try Harness.run(["export", "--graph", graph.path, "--format", "graphml"])
        XCTAssertEqual(gml.code, 0, gml.stderr)
        let reader = GraphMLReader()
        let parser = XMLParser(data: Data(gml.stdout.utf8))
        parser.delegate = reader
        XCTAssertTrue(parser.parse(), "GraphML parses: \(parser.parserError.map { "\($0)" } ?? "")")
        XCTAssertEqual(reader.nodes.filter { $0.value["kind"] == "entity" }.count, g.entities.count)
        XCTAssertEqual(reader.nodes.filter { $0.value["kind"] == "document" }.count, g.documents.count)
        XCTAssertEqual(reader.edges.filter { $0.value["relation"] != "mentioned_in" }.count, g.edges.count)
        var ids = Set<String>()
        for e in g.entities {
            let id = Self.graphMLID(e.id)
            XCTAssertTrue(ids.insert(id).inserted, "GraphML ids stay distinct: \(id)")
            let n = reader.nodes[id]
            XCTAssertNotNil(n, "node \(e.id) in GraphML")
            XCTAssertEqual(n?["name"], Self.xmlVisible(e.name), "GraphML name of \(e.id)")
            XCTAssertEqual(n?["aliases"], Self.xmlVisible(e.aliases.joined(separator: "|")))
        }
        for (i, r) in g.edges.enumerated() {
            XCTAssertEqual(reader.edges["e\(i)"]?["source"], Self.graphMLID(r.source))
            XCTAssertEqual(reader.edges["e\(i)"]?["target"], Self.graphMLID(r.target))
            XCTAssertEqual(reader.edges["e\(i)"]?["evidence"], Self.xmlVisible(r.evidence.map(\.sentence).joined(separator: "\n")))
        }
        // CSV
        let out = dir.appendingPathComponent("csv")
        let csv = try Harness.run(["export", "--graph", graph.path, "--format", "csv", "-o", out.path])
        XCTAssertEqual(csv.code, 0, csv.stderr)
        let nodes = try RFC4180.parse(String(decoding: try Data(contentsOf: out.appendingPathComponent("nodes.csv")), as: UTF8.self))
        let rels = try RFC4180.parse(String(decoding: try Data(contentsOf: out.appendingPathComponent("relationships.csv")), as: UTF8.self))
        XCTAssertEqual(nodes.first, ["id:ID(Entity)", "name", "type", "aliases:string[]", "title", ":LABEL"])
        XCTAssertEqual(nodes.count, g.entities.count + 1)
        for row in nodes { XCTAssertEqual(row.count, 6, "nodes.csv row \(row)") }
        for (row, e) in zip(nodes.dropFirst(), g.entities) {
            XCTAssertEqual(row[0], e.id); XCTAssertEqual(row[1], e.name); XCTAssertEqual(row[3], e.aliases.joined(separator: "\u{1F}"))
        }
        XCTAssertEqual(rels.count, g.edges.count + 1)
        for row in rels { XCTAssertEqual(row.count, 7, "relationships.csv row \(row)") }
        for (row, r) in zip(rels.dropFirst(), g.edges) {
            XCTAssertEqual(row[0], r.source); XCTAssertEqual(row[1], r.target)
            XCTAssertEqual(row[3], r.evidence.map(\.sentence).joined(separator: "\u{1F}"))
        }
    }
}

/// Collects GraphML nodes and edges: their attributes and `<data key=…>` values.
final class GraphMLReader: NSObject, XMLParserDelegate {
    var nodes: [String: [String: String]] = [:]
    var edges: [String: [String: String]] = [:]
    private var current: (isNode: Bool, id: String)?
    private var key: String?
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "node": current = (true, attributes["id"] ?? ""); nodes[current!.id] = [:]
        case "edge":
            current = (false, attributes["id"] ?? "")
            edges[current!.id] = ["source": attributes["source"] ?? "", "target": attributes["target"] ?? ""]
        case "data": key = attributes["key"]; text = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if key != nil { text += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "data", let key, let c = current {
            if c.isNode { nodes[c.id]?[key] = text } else { edges[c.id]?[key] = text }
            self.key = nil
        }
        if name == "node" || name == "edge" { current = nil }
    }
}

/// A strict RFC 4180 reader: quoted fields may hold commas, quotes (doubled) and line breaks.
enum RFC4180 {
    struct Malformed: Error { var detail: String }

    static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false, wasQuoted = false
        var it = Array(text.unicodeScalars)[...]
        while let c = it.popFirst() {
            if quoted {
                if c == "\"" {
                    if it.first == "\"" { field.unicodeScalars.append("\""); it.removeFirst() } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty, !wasQuoted else { throw Malformed(detail: "quote inside an unquoted field after \(field)") }
                quoted = true; wasQuoted = true
            case ",": row.append(field); field = ""; wasQuoted = false
            case "\n":
                row.append(field); rows.append(row); row = []; field = ""; wasQuoted = false
            case "\r":
                guard it.first == "\n" else { throw Malformed(detail: "bare CR outside quotes") }
            default:
                guard !wasQuoted else { throw Malformed(detail: "text after a closing quote") }
                field.unicodeScalars.append(c)
            }
        }
        guard !quoted else { throw Malformed(detail: "unterminated quoted field") }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
