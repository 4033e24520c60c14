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

    func testNodeLinkJSONHasAnnotationKeys() throws {
        let (g, _) = Fixture.sample()
        let data = try Exporter.nodeLinkJSON(g)
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
        XCTAssertEqual(try Exporter.nodeLinkJSON(g), data, "deterministic")
    }

    func testNodeLinkJSONEscapesAwkwardStrings() throws {
        let (g, a, _) = nastyGraph()
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Exporter.nodeLinkJSON(g)) as? [String: Any])
        let nodes = try XCTUnwrap(json["nodes"] as? [[String: Any]])
        XCTAssertTrue(nodes.contains { $0["id"] as? String == a && $0["name"] as? String == "A<&\"'>公司,有限\n第二行" })
    }

    func testGraphMLIsWellFormedWithAwkwardNames() throws {
        let (g, a, b) = nastyGraph()
        let xml = Exporter.graphML(g)
        let reader = GraphMLReader.parse(xml)
        XCTAssertNil(reader.error, "GraphML does not parse: \(String(describing: reader.error))\n\(xml)")
        XCTAssertEqual(reader.nodes.count, 2)
        XCTAssertEqual(reader.edges.count, 1)
        XCTAssertEqual(reader.nodes[a]?["name"], "A<&\"'>公司,有限\n第二行", "escaped, not mangled")
        XCTAssertEqual(reader.nodes[a]?["type"], "company")
        XCTAssertEqual(reader.nodes[a]?["title"], "董事长, \"总\"")
        XCTAssertNil(reader.nodes[b], "characters XML forbids are dropped, from ids too")
        XCTAssertEqual(reader.edges.first?.source, a)
        // An id holding characters XML cannot carry loses them, the same way at both ends.
        let bKey = reader.nodes.first { $0.value["name"] == "控制字符局\tTab" }?.key
        XCTAssertNotNil(bKey, "characters XML forbids are dropped from names")
        XCTAssertEqual(reader.edges.first?.target, bKey)
        XCTAssertTrue(b.hasPrefix("organization:"))
        XCTAssertEqual(reader.edges.first?.data["relation"], "subsidiary_of")
        XCTAssertEqual(reader.edges.first?.data["evidence"], "句子含<b>&amp;\"引号\",逗号\n换行。")
        // Every data key is declared.
        for (_, data) in reader.nodes { for k in data.keys { XCTAssertEqual(reader.keys[k], "node", k) } }
        for e in reader.edges { for k in e.data.keys { XCTAssertEqual(reader.keys[k], "edge", k) } }
    }

    func testGraphMLOfSampleGraph() {
        let (g, ids) = Fixture.sample()
        let reader = GraphMLReader.parse(Exporter.graphML(g))
        XCTAssertNil(reader.error)
        XCTAssertEqual(reader.nodes.count, g.nodeCount)
        XCTAssertEqual(reader.edges.count, g.edgeCount)
        XCTAssertEqual(reader.nodes[ids["park"]!]?["aliases"], "西烟园区")
    }

    func testNeo4jCSVHeadersAndQuoting() throws {
        let (g, a, b) = nastyGraph()
        let csv = Exporter.neo4jCSV(g)
        let nodes = parseCSV(csv.nodes), rels = parseCSV(csv.relationships)
        let nodeHeader = try XCTUnwrap(nodes.first)
        XCTAssertTrue(nodeHeader.contains { $0.hasSuffix(":ID") }, "\(nodeHeader)")
        XCTAssertTrue(nodeHeader.contains(":LABEL"))
        let relHeader = try XCTUnwrap(rels.first)
        XCTAssertEqual(Array(relHeader.prefix(3)), [":START_ID", ":END_ID", ":TYPE"])
        XCTAssertEqual(nodes.count, 1 + g.nodeCount, "a newline inside a field does not start a record")
        XCTAssertEqual(rels.count, 1 + g.edgeCount)
        for r in nodes { XCTAssertEqual(r.count, nodeHeader.count, "\(r)") }
        for r in rels { XCTAssertEqual(r.count, relHeader.count, "\(r)") }

        let idCol = try XCTUnwrap(nodeHeader.firstIndex { $0.hasSuffix(":ID") })
        let nameCol = try XCTUnwrap(nodeHeader.firstIndex(of: "name"))
        let labelCol = try XCTUnwrap(nodeHeader.firstIndex(of: ":LABEL"))
        let rowA = try XCTUnwrap(nodes.first { $0[idCol] == a })
        XCTAssertEqual(rowA[nameCol], "A<&\"'>公司,有限\n第二行", "commas, quotes and newlines survive quoting")
        XCTAssertTrue(rowA[labelCol].split(separator: ";").contains("Company"))
        let edge = try XCTUnwrap(rels.dropFirst().first)
        XCTAssertEqual(edge[0], a)
        XCTAssertEqual(edge[1], b)
        XCTAssertEqual(edge[2], "SUBSIDIARY_OF")
        // Every relationship's ends are node ids.
        let nodeIDs = Set(nodes.dropFirst().map { $0[idCol] })
        for r in rels.dropFirst() { XCTAssertTrue(nodeIDs.contains(r[0]) && nodeIDs.contains(r[1])) }
    }

    func testCSVFieldQuoting() {
        XCTAssertEqual(Exporter.csvField("a,b"), "\"a,b\"")
        XCTAssertEqual(Exporter.csvField("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(parseCSV(Exporter.csvField("x\ny") + "," + Exporter.csvField("\"") + "\n"), [["x\ny", "\""]])
    }
}
