import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import GuanxiGraph

/// Reads a GraphML document back: node and edge attributes by key.
final class GraphMLReader: NSObject, XMLParserDelegate {
    var nodes: [String: [String: String]] = [:]
    var edges: [(source: String, target: String, data: [String: String])] = []
    var keys: [String: String] = [:]   // id → for
    private var current: (kind: String, id: String, source: String, target: String)?
    private var dataKey: String?
    private var text = ""
    private var data: [String: String] = [:]
    var error: Error?

    static func parse(_ xml: String) -> GraphMLReader {
        let reader = GraphMLReader()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = reader
        if !parser.parse() { reader.error = parser.parserError ?? NSError(domain: "xml", code: 1) }
        return reader
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "key": keys[attributes["id"] ?? ""] = attributes["for"]
        case "node": current = ("node", attributes["id"] ?? "", "", ""); data = [:]
        case "edge": current = ("edge", attributes["id"] ?? "", attributes["source"] ?? "", attributes["target"] ?? ""); data = [:]
        case "data": dataKey = attributes["key"]; text = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if dataKey != nil { text += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "data": if let k = dataKey { data[k] = text }; dataKey = nil
        case "node": if let c = current { nodes[c.id] = data }; current = nil
        case "edge": if let c = current { edges.append((c.source, c.target, data)) }; current = nil
        default: break
        }
    }
}

/// RFC 4180 records (quoted fields may hold commas, quotes and newlines).
func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var field = "", record: [String] = []
    var quoted = false
    var chars = Array(text)[...]
    var atFieldStart = true
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
            } else { field.append(c) }
            continue
        }
        switch c {
        case "\"" where atFieldStart: quoted = true; atFieldStart = false
        case ",": record.append(field); field = ""; atFieldStart = true
        case "\n", "\r\n":
            record.append(field); records.append(record); record = []; field = ""; atFieldStart = true
        default: field.append(c); atFieldStart = false
        }
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
}

final class ExporterTests: XCTestCase {
    /// Names and sentences with everything a format has to escape.
    func nastyGraph() -> (KnowledgeGraph, a: String, b: String) {
        var g = KnowledgeGraph()
        g.addDocument(Fixture.doc("d1"))
        let a = g.add(Entity(type: .company, name: "A<&\"'>公司,有限\n第二行", aliases: ["x;y", "“引号”"],
                             posts: [Post(title: "董事长, \"总\"")]))
        let b = g.add(Entity(type: .organization, name: "控制\u{01}字符\u{1F}\u{FFFE}局\tTab"))
        g.add(Relation(source: a, type: .subsidiaryOf, target: b,
                       evidence: [Fixture.evidence("d1", 0, "句子含<b>&amp;\"引号\",逗号\n换行\u{0B}。", date: "2025-12-29")]))
        return (g, a, b)
    }

    func json(_ g: KnowledgeGraph) throws -> Data { try NodeLinkJSONExporter().exportData(g) }
    func graphML(_ g: KnowledgeGraph) -> String { GraphMLExporter().document(g) }
    func csv(_ g: KnowledgeGraph) -> (nodes: [[String]], documents: [[String]], relationships: [[String]], mentions: [[String]]) {
        let t = Neo4jCSVExporter().tables(g)
        return (parseCSV(t.nodes), parseCSV(t.documents), parseCSV(t.relationships), parseCSV(t.mentions))
    }
    func list(_ cell: String) -> [String] { cell.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init) }

    /// Node-link JSON is written a piece at a time; its bytes are those of `JSONEncoder` on the
    /// whole ``NodeLinkJSONExporter/LinkGraph`` (empty lists included).
    func testNodeLinkJSONStreamedIsTheWholeEncoding() throws {
        func whole(_ graph: KnowledgeGraph) throws -> Data {
            let nodes = graph.entities.map { e in
                NodeLinkJSONExporter.LinkNode(id: e.id, type: e.type, name: e.name, aliases: e.aliases,
                                              title: e.posts.isEmpty ? nil : e.posts.map(\.title).joined(separator: "；"),
                                              posts: e.posts, degree: graph.index(of: e.id).map(graph.degree(of:)) ?? 0)
            }
            let edges = graph.edges.map { NodeLinkJSONExporter.LinkEdge(source: $0.source, target: $0.target, type: $0.type, evidence: $0.evidence) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            return try encoder.encode(NodeLinkJSONExporter.LinkGraph(documents: graph.documentList, nodes: nodes, edges: edges)) + Data([0x0A])
        }
        var onlyDocument = KnowledgeGraph()
        onlyDocument.addDocument(Fixture.doc("d1"))
        // More elements than one batch (256) of the writer: 600 nodes and edges, 300 documents.
        var large = KnowledgeGraph()
        for d in 0..<300 { large.addDocument(Fixture.doc("d\(d)")) }
        let hub = large.add(Entity(type: .park, name: "园区"))
        for k in 0..<600 {
            let c = large.add(Entity(type: .company, name: "公司\(k)", posts: k % 7 == 0 ? [Post(title: "职务\(k)")] : []))
            large.add(Relation(source: c, type: .locatedIn, target: hub, evidence: [Fixture.evidence("d\(k % 300)", k, "公司\(k)位于园区。")]))
        }
        for g in [Fixture.sample().graph, nastyGraph().0, KnowledgeGraph(), onlyDocument, large] {
            XCTAssertEqual(String(decoding: try json(g), as: UTF8.self), String(decoding: try whole(g), as: UTF8.self))
        }
    }

    func testNodeLinkJSONHasAnnotationKeys() throws {
        let (g, _) = Fixture.sample()
        let data = try json(g)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let nodes = try XCTUnwrap(json["nodes"] as? [[String: Any]])
        let edges = try XCTUnwrap(json["edges"] as? [[String: Any]])
        XCTAssertEqual(nodes.count, g.nodeCount)
        XCTAssertEqual(edges.count, g.edgeCount)
        for n in nodes {
            for key in ["id", "type", "name", "aliases"] { XCTAssertNotNil(n[key], "node lacks \(key)") }
            XCTAssertNotNil(EntityType(rawValue: n["type"] as? String ?? ""))
            XCTAssertNotNil(n["aliases"] as? [String])
        }
        let ids = Set(nodes.compactMap { $0["id"] as? String })
        for e in edges {
            for key in ["source", "target", "type", "evidence"] { XCTAssertNotNil(e[key], "edge lacks \(key)") }
            XCTAssertTrue(ids.contains(e["source"] as? String ?? ""))
            XCTAssertTrue(ids.contains(e["target"] as? String ?? ""))
            XCTAssertNotNil(RelationType(rawValue: e["type"] as? String ?? ""))
            let ev = try XCTUnwrap(e["evidence"] as? [[String: Any]])
            XCTAssertFalse(ev.isEmpty)
            XCTAssertNotNil(ev.first?["sentence"] as? String)
            XCTAssertNotNil(ev.first?["document"] as? String)
        }
        XCTAssertEqual(try self.json(g), data, "deterministic")
    }

    func testNodeLinkJSONEscapesAwkwardStrings() throws {
        let (g, a, _) = nastyGraph()
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: json(g)) as? [String: Any])
        let nodes = try XCTUnwrap(json["nodes"] as? [[String: Any]])
        XCTAssertTrue(nodes.contains { $0["id"] as? String == a && $0["name"] as? String == "A<&\"'>公司,有限\n第二行" })
    }

    func testGraphMLIsWellFormedWithAwkwardNames() throws {
        let (g, a, b) = nastyGraph()
        let xml = graphML(g)
        let reader = GraphMLReader.parse(xml)
        XCTAssertNil(reader.error, "GraphML does not parse: \(String(describing: reader.error))\n\(xml)")
        XCTAssertEqual(reader.nodes.filter { $0.value["kind"] == "entity" }.count, 2)
        XCTAssertEqual(reader.nodes.filter { $0.value["kind"] == "document" }.count, 1)
        let relations = reader.edges.filter { $0.data["relation"] != "mentioned_in" }
        XCTAssertEqual(relations.count, 1)
        // Control characters (and those XML cannot hold) are written as \uXXXX in ids, one-to-one;
        // in text, line breaks and tabs are kept and the characters XML forbids are dropped.
        let aID = "company:A<&\"'>公司,有限\\u000A第二行"
        XCTAssertEqual(GraphMLExporter.nodeID(a), "company:A&lt;&amp;&quot;&apos;&gt;公司,有限\\u000A第二行")
        XCTAssertEqual(reader.nodes[aID]?["name"], "A<&\"'>公司,有限\n第二行", "escaped, not mangled")
        XCTAssertEqual(reader.nodes[aID]?["type"], "company")
        XCTAssertEqual(reader.nodes[aID]?["title"], "董事长, \"总\"")
        let bID = "organization:控制\\u0001字符\\u001F\\uFFFE局\\u0009Tab"
        XCTAssertTrue(b.hasPrefix("organization:"))
        XCTAssertEqual(reader.nodes[bID]?["name"], "控制字符局\tTab")
        XCTAssertEqual(relations.first?.source, aID)
        XCTAssertEqual(relations.first?.target, bID)
        XCTAssertEqual(relations.first?.data["relation"], "subsidiary_of")
        XCTAssertEqual(relations.first?.data["evidence"], "句子含<b>&amp;\"引号\",逗号\n换行。")
        // Every data key is declared.
        for (_, data) in reader.nodes { for k in data.keys { XCTAssertEqual(reader.keys[k], "node", k) } }
        for e in reader.edges { for k in e.data.keys { XCTAssertEqual(reader.keys[k], "edge", k) } }
    }

    /// Issue 14 item 13: `《关于\x01…》` and `《关于\x02…》` are two entities and stay two GraphML nodes.
    func testGraphMLIdsStayUniqueForNamesDifferingOnlyInControlCharacters() throws {
        var g = KnowledgeGraph()
        g.addDocument(Fixture.doc("d1"))
        let p1 = g.add(Entity(type: .policy, name: "《关于\u{01}支持产业发展的意见》"))
        let p2 = g.add(Entity(type: .policy, name: "《关于\u{02}支持产业发展的意见》"))
        let o = g.add(Entity(type: .organization, name: "省工业和信息化厅"))
        g.add(Relation(source: o, type: .issued, target: p1, evidence: [Fixture.evidence("d1", 0, "一。")]))
        g.add(Relation(source: o, type: .issued, target: p2, evidence: [Fixture.evidence("d1", 5, "二。")]))
        XCTAssertNotEqual(p1, p2)
        let reader = GraphMLReader.parse(graphML(g))
        XCTAssertNil(reader.error)
        let policies = reader.nodes.filter { $0.value["type"] == "policy" }
        XCTAssertEqual(policies.count, 2, "two policies, two nodes: \(policies.keys.sorted())")
        let targets = Set(reader.edges.filter { $0.data["relation"] == "issued" }.map(\.target))
        XCTAssertEqual(targets, Set(policies.keys), "each edge reaches its own policy")
    }

    /// Issue 13: Gephi shows an edge's `label`; documents are nodes, linked by `mentioned_in`.
    func testGraphMLEdgesHaveLabelsAndDocumentsAreNodes() throws {
        let (g, ids) = Fixture.sample()
        let reader = GraphMLReader.parse(graphML(g))
        XCTAssertNil(reader.error)
        XCTAssertEqual(reader.keys["elabel"], "edge")
        XCTAssertTrue(graphML(g).contains("<key id=\"elabel\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>"))
        let relations = reader.edges.filter { $0.data["relation"] != "mentioned_in" }
        XCTAssertEqual(relations.count, g.edgeCount)
        for e in relations { XCTAssertEqual(e.data["elabel"], e.data["relation"]) }
        XCTAssertEqual(reader.nodes["document:d1"], ["kind": "document", "type": "document", "name": "d1", "label": "标题d1",
                                                     "path": "news/d1.txt", "date": "01-04"])
        let mentions = reader.edges.filter { $0.data["relation"] == "mentioned_in" }
        XCTAssertEqual(mentions.count, g.nodeCount, "every entity of the sample is mentioned once in d1")
        XCTAssertTrue(mentions.contains { $0.source == ids["chen"] && $0.target == "document:d1" && $0.data["elabel"] == "mentioned_in" })
    }

    /// Issue 13: an edge stated by two sentences keeps both in GraphML and CSV, not only the first.
    func testEveryEvidenceOfAnEdgeIsExported() throws {
        var g = KnowledgeGraph()
        g.addDocument(Fixture.doc("d1")); g.addDocument(Fixture.doc("d2"))
        let a = g.add(Entity(type: .official, name: "陈凯"))
        let b = g.add(Entity(type: .park, name: "西烟循环经济产业园"))
        g.add(Relation(source: a, type: .visited, target: b, evidence: [
            Fixture.evidence("d1", 0, "陈凯到西烟循环经济产业园调研。", date: "2025-01-04"),
            Fixture.evidence("d2", 9, "陈凯再次来到西烟循环经济产业园。", date: "2025-03-01"),
        ]))
        let reader = GraphMLReader.parse(graphML(g))
        let edge = try XCTUnwrap(reader.edges.first { $0.data["relation"] == "visited" })
        XCTAssertEqual(edge.data["evidence"], "陈凯到西烟循环经济产业园调研。\n陈凯再次来到西烟循环经济产业园。")
        XCTAssertEqual(edge.data["evidence_count"], "2")
        XCTAssertEqual(edge.data["documents"], "d1|d2")
        XCTAssertEqual(edge.data["dates"], "2025-01-04|2025-03-01")
        let rels = csv(g).relationships
        XCTAssertEqual(rels.count, 2)
        XCTAssertEqual(Array(rels[1].dropFirst(3)), ["陈凯到西烟循环经济产业园调研。\u{1F}陈凯再次来到西烟循环经济产业园。",
                                                     "d1\u{1F}d2", "2025-01-04\u{1F}2025-03-01", "2"])
    }

    func testNeo4jCSVHeadersAndQuoting() throws {
        let (g, a, b) = nastyGraph()
        let t = csv(g)
        let nodes = t.nodes, rels = t.relationships
        XCTAssertEqual(nodes.first, ["id:ID(Entity)", "name", "type", "aliases:string[]", "title", ":LABEL"])
        XCTAssertEqual(rels.first, [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "evidence:string[]", "documents:string[]",
                                    "dates:string[]", "evidence_count:int"])
        XCTAssertEqual(nodes.count, 1 + g.nodeCount, "a newline inside a field does not start a record")
        XCTAssertEqual(rels.count, 1 + g.edgeCount)
        for r in nodes { XCTAssertEqual(r.count, 6, "\(r)") }
        for r in rels { XCTAssertEqual(r.count, 7, "\(r)") }
        let rowA = try XCTUnwrap(nodes.first { $0[0] == a })
        XCTAssertEqual(rowA, [a, "A<&\"'>公司,有限\n第二行", "company", "x;y\u{1F}“引号”", "董事长, \"总\"", "Entity\u{1F}Company"],
                       "commas, quotes and newlines survive quoting")
        XCTAssertEqual(rels[1], [a, b, "SUBSIDIARY_OF", "句子含<b>&amp;\"引号\",逗号\n换行\u{0B}。", "d1", "2025-12-29", "1"])
        let nodeIDs = Set(nodes.dropFirst().map { $0[0] })
        for r in rels.dropFirst() { XCTAssertTrue(nodeIDs.contains(r[0]) && nodeIDs.contains(r[1])) }
    }

    /// Issue 14 item 10: a `;` inside a name or file name never splits a list cell.
    func testListCellsDoNotSplitOnSemicolonInsideNames() throws {
        var g = KnowledgeGraph()
        g.addDocument(Fixture.doc("a;b"))
        let x = g.add(Entity(type: .company, name: "甲;乙公司", aliases: ["甲;乙", "甲乙"], mentions: [Fixture.mention("a;b", 0, "甲;乙公司")]))
        let y = g.add(Entity(type: .park, name: "丙园区"))
        g.add(Relation(source: x, type: .locatedIn, target: y, evidence: [Fixture.evidence("a;b", 0, "甲;乙公司位于丙园区。")]))
        let t = csv(g)
        XCTAssertEqual(list(t.nodes[1][3]), ["甲;乙", "甲乙"])
        XCTAssertEqual(list(t.relationships[1][4]), ["a;b"])
        XCTAssertEqual(t.documents[1][0], "document:a;b")
        XCTAssertEqual(t.mentions[1], [x, "document:a;b", "MENTIONED_IN", "1"])
        XCTAssertTrue(Neo4jCSVExporter.importCommand(folder: "out").contains("--array-delimiter=U+001F"))
    }

    /// Issue 14 item 10: no CSV cell reaches a spreadsheet as a formula.
    func testCSVCellsNeverStartAFormula() throws {
        var g = KnowledgeGraph()
        var doc = Fixture.doc("=cmd|calc!A0")
        doc.path = "=cmd|calc!A0.txt"; doc.title = "@SUM(A1:A9)"
        g.addDocument(doc)
        let x = g.add(Entity(type: .company, name: "=HYPERLINK(\"http://evil.example\",\"点击\")", aliases: ["+1+1", "-2", "@A1", "\tx"],
                             posts: [Post(title: "=1+2")], mentions: [Fixture.mention("=cmd|calc!A0", 0, "x")]))
        let y = g.add(Entity(type: .park, name: "-园区"))
        g.add(Relation(source: x, type: .locatedIn, target: y, evidence: [Fixture.evidence("=cmd|calc!A0", 0, "=A1+A2 句子。")]))
        let t = Neo4jCSVExporter().tables(g)
        for table in [t.nodes, t.documents, t.relationships, t.mentions] {
            for row in parseCSV(table) {
                for cell in row {
                    XCTAssertFalse(["=", "+", "-", "@", "\t", "\r"].contains(cell.first.map(String.init) ?? ""), "formula cell: \(cell)")
                }
            }
        }
        XCTAssertEqual(parseCSV(t.nodes)[1][1], "'=HYPERLINK(\"http://evil.example\",\"点击\")", "shown as text, nothing lost")
        XCTAssertEqual(parseCSV(t.documents)[1][3], "'=cmd|calc!A0.txt")
        XCTAssertEqual(CSVText.field("a,b"), "\"a,b\"")
        XCTAssertEqual(CSVText.field("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSVText.field("-1"), "\"'-1\"")
        XCTAssertEqual(parseCSV(CSVText.field("x\ny") + "," + CSVText.field("\"") + "\n"), [["x\ny", "\""]])
    }

    /// Issue 13: Neo4j gets `Document` nodes and `MENTIONED_IN` relationships, and the command that loads them.
    func testNeo4jCSVHasDocumentNodesAndMentionedIn() throws {
        let (g, ids) = Fixture.sample()
        let t = csv(g)
        XCTAssertEqual(t.documents, [["id:ID(Document)", "name", "title", "path", "date", "sha256", ":LABEL"],
                                     ["document:d1", "d1", "标题d1", "news/d1.txt", "01-04", "dddddddd" + "d1", "Document"]])
        XCTAssertEqual(t.mentions.first, [":START_ID(Entity)", ":END_ID(Document)", ":TYPE", "mentions:int"])
        XCTAssertEqual(t.mentions.count, 1 + g.nodeCount)
        XCTAssertTrue(t.mentions.contains([ids["chen"]!, "document:d1", "MENTIONED_IN", "1"]))
        XCTAssertEqual(Neo4jCSVExporter.importCommand(folder: "neo4j import/x's"),
                       "neo4j-admin database import full --nodes='neo4j import/x'\\''s/nodes.csv' --nodes='neo4j import/x'\\''s/documents.csv'"
                       + " --relationships='neo4j import/x'\\''s/relationships.csv' --relationships='neo4j import/x'\\''s/mentioned_in.csv'"
                       + " --array-delimiter=U+001F --multiline-fields=true neo4j")
    }

    /// Issue 13: `--excel` starts every CSV file with a UTF-8 byte-order mark; plain CSV has none.
    func testExcelCSVStartsWithByteOrderMark() throws {
        let (g, _) = Fixture.sample()
        let plain = try Neo4jCSVExporter().export(g), excel = try Neo4jCSVExporter(excel: true).export(g)
        XCTAssertEqual(plain.map(\.name), ["nodes.csv", "documents.csv", "relationships.csv", "mentioned_in.csv"])
        XCTAssertEqual(excel.map(\.name), plain.map(\.name))
        for (p, e) in zip(plain, excel) {
            XCTAssertEqual(Array(e.data.prefix(3)), [0xEF, 0xBB, 0xBF])
            XCTAssertNotEqual(Array(p.data.prefix(3)), [0xEF, 0xBB, 0xBF])
            XCTAssertEqual(e.data.dropFirst(3), p.data[...])
        }
        XCTAssertTrue(Neo4jCSVExporter().writesFolder)
        XCTAssertFalse(GraphMLExporter().writesFolder)
        XCTAssertFalse(ExportFormat.json.exporter().writesFolder)
    }
}
