import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GuanxiGraph
@testable import GuanxiRender

enum Fixtures {
    static func ev(_ doc: String, _ sentence: String) -> Evidence {
        Evidence(document: doc, sentence: sentence, start: 0, end: sentence.unicodeScalars.count, date: "2025-12-29")
    }

    /// A small Chinese graph: an official, a company, a park, a policy and a place, two documents.
    static func sample() -> KnowledgeGraph {
        var g = KnowledgeGraph()
        g.addDocument(DocumentRecord(id: "yq-2025-12-29", path: "seeds/yq.txt", sha256: "a1", title: "陈凯调研阳泉经济技术开发区",
                                     byline: ["记者 王芳"], articles: [ArticleRecord(title: "陈凯调研阳泉经济技术开发区", byline: ["记者 王芳"], date: "2025-12-29", start: 0, end: 100)]))
        g.addDocument(DocumentRecord(id: "yq-2026-01-04", path: "seeds/yq2.txt", sha256: "a2", title: "华阳集团签约", byline: []))
        let chen = g.add(Entity(type: .official, name: "陈凯", aliases: ["陈凯同志"], posts: [Post(title: "阳泉市委副书记、代市长", organization: "阳泉市")],
                                mentions: [Mention(document: "yq-2025-12-29", start: 0, end: 2, text: "陈凯")]))
        let li = g.add(Entity(type: .official, name: "李明", posts: [Post(title: "开发区管委会主任")],
                              mentions: [Mention(document: "yq-2025-12-29", start: 10, end: 12, text: "李明")]))
        let park = g.add(Entity(type: .park, name: "阳泉经济技术开发区", aliases: ["阳泉开发区"],
                                mentions: [Mention(document: "yq-2025-12-29", start: 4, end: 13, text: "阳泉经济技术开发区")]))
        let co = g.add(Entity(type: .company, name: "华阳新材料科技集团有限公司", aliases: ["华阳集团"],
                              mentions: [Mention(document: "yq-2026-01-04", start: 0, end: 4, text: "华阳集团")]))
        let city = g.add(Entity(type: .place, name: "阳泉市"))
        let policy = g.add(Entity(type: .policy, name: "《阳泉市促进新材料产业发展若干措施》"))
        g.add(Relation(source: chen, type: .visited, target: park, evidence: [ev("yq-2025-12-29", "陈凯到阳泉经济技术开发区调研。")]))
        g.add(Relation(source: li, type: .accompanied, target: chen, evidence: [ev("yq-2025-12-29", "开发区管委会主任李明陪同。")]))
        g.add(Relation(source: park, type: .locatedIn, target: city, evidence: [ev("yq-2025-12-29", "阳泉经济技术开发区位于阳泉市。")]))
        g.add(Relation(source: co, type: .locatedIn, target: park, evidence: [ev("yq-2026-01-04", "华阳集团落户阳泉开发区。")]))
        g.add(Relation(source: co, type: .signedWith, target: park, evidence: [ev("yq-2026-01-04", "华阳集团与开发区签约。")]))
        g.add(Relation(source: city, type: .issued, target: policy, evidence: [ev("yq-2026-01-04", "阳泉市发布《阳泉市促进新材料产业发展若干措施》。")]))
        return g
    }

    /// Names and sentences made to break DOT, SVG, HTML and Markdown.
    static let nastyNames = [
        "A \"quoted\" \\N name\\",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "R&D &amp; Co\nnode edge graph",
        "subgraph strict } { -> ; [label=x]",
        "# *bold* _it_ [link](x) `code` | pipe",
        "ctrl\u{1}\u{7}\u{1b}chars\u{0}",
    ]

    static func adversarial() -> KnowledgeGraph {
        var g = KnowledgeGraph()
        g.addDocument(DocumentRecord(id: "evil<doc>\"1", path: "x/<b>.txt", sha256: "e1", title: "<script>alert('t')</script>\"><img src=x onerror=alert(2)>",
                                     byline: ["<b>记者</b> & \"编辑\""],
                                     articles: [ArticleRecord(title: "<i>t</i>", byline: ["\"><svg onload=alert(3)>"], date: "<2025>", start: 0, end: 9)]))
        var ids: [String] = []
        for (i, name) in nastyNames.enumerated() {
            let type = EntityType.allCases[i % EntityType.allCases.count]
            ids.append(g.add(Entity(type: type, name: name, aliases: ["<alias \"\(i)\">"],
                                    posts: type == .official ? [Post(title: "<post> & \"title\" \\n", organization: "<org>")] : [],
                                    mentions: [Mention(document: "evil<doc>\"1", start: i, end: i + 1, text: name)])))
        }
        for i in 1..<ids.count {
            g.add(Relation(source: ids[0], type: RelationType.allCases[i], target: ids[i],
                           evidence: [ev("evil<doc>\"1", "Evidence <script>x()</script> \"q\" \\ & &lt; \n line2 \(nastyNames[i])")]))
        }
        return g
    }
}

/// Elements of an SVG (or XHTML) document, read with Foundation's XMLParser.
final class XMLScan: NSObject, XMLParserDelegate {
    struct Element { var name: String; var attributes: [String: String]; var text: String }
    var elements: [Element] = []
    private var stack: [Int] = []
    var error: Error?

    static func parse(_ data: Data) -> XMLScan {
        let scan = XMLScan()
        let parser = XMLParser(data: data)
        parser.delegate = scan
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        if !parser.parse() { scan.error = parser.parserError ?? NSError(domain: "xml", code: 1) }
        return scan
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        stack.append(elements.count)
        elements.append(Element(name: name, attributes: attributes, text: ""))
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { _ = stack.popLast() }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        for i in stack { elements[i].text += string }
    }
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

    func classed(_ first: String) -> [Element] {
        elements.filter { $0.name == "g" && ($0.attributes["class"] ?? "").split(separator: " ").first.map(String.init) == first }
    }
    /// Entity node groups (`class="node entity …"`).
    var entityNodes: [Element] { classed("node").filter { ($0.attributes["class"] ?? "").split(separator: " ").contains("entity") } }
    var edges: [Element] { classed("edge") }
}
