import Foundation
import GuanxiGraph
@testable import GuanxiRender
import XCTest

final class RenderTests: XCTestCase {
    let renderer = GraphvizRenderer.shared

    /// What a name looks like once drawn: line breaks as spaces, control characters dropped.
    func displayed(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.compactMap { u -> Unicode.Scalar? in
            if u == "\n" || u == "\t" { return " " }
            return u.value < 0x20 ? nil : u
        }))
    }

    func svg(_ diagram: Diagram, _ options: DOTOptions = .init()) throws -> (Data, XMLScan) {
        let data = try renderer.render(diagram, format: .svg, options: options).data
        let scan = XMLScan.parse(data)
        XCTAssertNil(scan.error, "SVG is not well-formed: \(String(describing: scan.error))")
        return (data, scan)
    }

    func testFocusDepthSelectsOneNodePerEntityAndOneEdgePerEdge() throws {
        let g = Fixtures.sample()
        let chen = try XCTUnwrap(g.lookup("陈凯").first)
        for depth in 1...3 {
            let d = Diagram.select(from: g, query: DiagramQuery(focus: chen.id, depth: depth))
            let (_, scan) = try svg(d)
            let nodes = scan.entityNodes
            XCTAssertEqual(nodes.count, d.graph.nodeCount, "depth \(depth)")
            XCTAssertEqual(scan.edges.count, d.graph.edgeCount, "depth \(depth)")
            for e in d.graph.entities {
                let id = DOTWriter.nodeID(e.id)
                let matching = nodes.filter { $0.attributes["id"] == id }
                XCTAssertEqual(matching.count, 1, e.name)
                XCTAssertTrue(matching.first?.text.contains(e.name) ?? false, e.name)
                XCTAssertTrue(matching.first?.attributes["class"]?.contains(e.type.rawValue) ?? false)
            }
            for r in d.graph.edges {
                XCTAssertEqual(scan.edges.filter { $0.attributes["id"] == DOTWriter.edgeID(r.key) }.count, 1)
            }
        }
        let d1 = Diagram.select(from: g, query: DiagramQuery(focus: chen.id, depth: 1))
        XCTAssertEqual(Set(d1.graph.entities.map(\.name)), ["陈凯", "李明", "阳泉经济技术开发区"])
        XCTAssertEqual(d1.graph.edgeCount, 2)
    }

    func testOfficialLabelHasPostAndEdgesNameRelationInChineseOrEnglish() throws {
        let g = Fixtures.sample()
        let (_, zh) = try svg(Diagram(graph: g))
        let chen = try XCTUnwrap(zh.entityNodes.first { $0.text.contains("陈凯") })
        XCTAssertTrue(chen.text.contains("阳泉市委副书记、代市长"))
        XCTAssertTrue(zh.edges.contains { $0.text.contains("调研") })
        XCTAssertEqual(zh.classed("node").filter { $0.attributes["class"]?.contains("legend") ?? false }.count,
                       Set(g.entities.map(\.type)).count, "one legend entry per type present")
        let (_, en) = try svg(Diagram(graph: g), DOTOptions(labels: .en))
        XCTAssertTrue(en.edges.contains { $0.text.contains("visited") })
        XCTAssertFalse(en.edges.contains { $0.text.contains("调研") })
    }

    func testTooltipsAndURLTemplate() throws {
        let g = Fixtures.sample()
        let template = URLTemplate("#entity-{id}")
        let (_, scan) = try svg(Diagram(graph: g), DOTOptions(nodeURL: { template.url(for: $0) }))
        let links = scan.elements.filter { $0.name == "a" }
        let chenID = try XCTUnwrap(g.lookup("陈凯").first?.id)
        XCTAssertTrue(links.contains { $0.attributes["xlink:href"] == "#entity-" + Anchor.of(chenID) })
        XCTAssertTrue(links.contains { ($0.attributes["xlink:title"] ?? "").contains("陈凯同志") }, "aliases in tooltip")
        XCTAssertTrue(links.contains { ($0.attributes["xlink:title"] ?? "").contains("阳泉市委副书记") }, "posts in tooltip")
        XCTAssertTrue(links.contains { ($0.attributes["xlink:title"] ?? "").contains("陈凯到阳泉经济技术开发区调研。") }, "evidence in edge tooltip")
        XCTAssertEqual(URLTemplate("https://x/{name}").url(for: Entity(type: .official, name: "陈 凯/&")), "https://x/%E9%99%88%20%E5%87%AF%2F%26")
    }

    func testAdversarialTextStaysText() throws {
        let g = Fixtures.adversarial()
        let (data, scan) = try svg(Diagram(graph: g), DOTOptions(nodeURL: { URLTemplate("https://x/{name}?t={type}&id={id}").url(for: $0) }))
        XCTAssertEqual(scan.entityNodes.count, g.nodeCount)
        XCTAssertEqual(scan.edges.count, g.edgeCount)
        for e in g.entities {
            let node = try XCTUnwrap(scan.entityNodes.first { $0.attributes["id"] == DOTWriter.nodeID(e.id) }, e.name)
            XCTAssertTrue(node.text.contains(displayed(e.name)), "label of \(e.name.debugDescription) drawn as \(node.text.debugDescription)")
        }
        let names = Set(scan.elements.map(\.name))
        XCTAssertTrue(names.isSubset(of: ["svg", "g", "title", "text", "a", "path", "polygon", "ellipse", "polyline"]), "\(names)")
        XCTAssertFalse(scan.elements.contains { $0.attributes.keys.contains { $0.lowercased().hasPrefix("on") } })
        let titles = scan.elements.compactMap { $0.attributes["xlink:title"] }
        XCTAssertTrue(titles.contains { $0.contains("Evidence <script>x()</script> \"q\" \\ & &lt; \n line2") }, "\(titles)")
        XCTAssertTrue(titles.contains { $0.contains("<post> & \"title\" \\n") })
        XCTAssertFalse(String(decoding: data, as: UTF8.self).contains("<script"))
        for format in [DiagramFormat.png, .pdf] {
            XCTAssertNoThrow(try renderer.render(Diagram(graph: g), format: format))
        }
    }

    func testPNGAndPDFMagicBytes() throws {
        let d = Diagram(graph: Fixtures.sample())
        let png = try renderer.render(d, format: .png).data
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let pdf = try renderer.render(d, format: .pdf).data
        XCTAssertEqual(String(decoding: pdf.prefix(5), as: UTF8.self), "%PDF-")
        if let dir = ProcessInfo.processInfo.environment["GUANXI_RENDER_SAMPLES"] {
            try png.write(to: URL(fileURLWithPath: dir).appendingPathComponent("sample.png"))
            try renderer.render(Diagram(graph: Fixtures.adversarial()), format: .png).data
                .write(to: URL(fileURLWithPath: dir).appendingPathComponent("adversarial.png"))
        }
    }

    func testEveryEngineDraws() throws {
        let d = Diagram(graph: Fixtures.sample())
        for engine in LayoutEngine.allCases {
            let out = try renderer.render(d, format: .svg, options: DOTOptions(engine: engine))
            XCTAssertEqual(out.engine, engine)
            XCTAssertFalse(out.engineWasPicked)
            XCTAssertEqual(XMLScan.parse(out.data).entityNodes.count, d.graph.nodeCount, engine.rawValue)
        }
    }

    func testEngineIsPickedBySizeAndSfdpIsDeterministic() throws {
        XCTAssertEqual(try renderer.render(Diagram(graph: Fixtures.sample()), format: .dot).engine, .dot)
        let big = Self.chain(200)
        let a = try renderer.render(Diagram(graph: big), format: .svg)
        XCTAssertEqual(a.engine, .sfdp)
        XCTAssertTrue(a.engineWasPicked)
        let b = try renderer.render(Diagram(graph: big), format: .svg)
        XCTAssertEqual(a.data, b.data, "sfdp drew the same graph differently")
    }

    func testMaxNodesKeepsFocusAndHighestDegreeAndReportsTheRest() throws {
        let g = Self.star()
        let hub = try XCTUnwrap(g.lookup("枢纽").first?.id)
        let leaf = try XCTUnwrap(g.lookup("叶0").first?.id)
        let d = Diagram.select(from: g, query: DiagramQuery(focus: leaf, depth: 3, maxNodes: 4))
        XCTAssertEqual(d.graph.nodeCount, 4)
        XCTAssertNotNil(d.graph.entity(id: leaf), "focus kept")
        XCTAssertNotNil(d.graph.entity(id: hub), "highest degree kept")
        XCTAssertEqual(d.focus, leaf)
        XCTAssertEqual(d.omitted.count, Diagram.select(from: g, query: DiagramQuery(focus: leaf, depth: 3)).graph.nodeCount - 4)
        XCTAssertGreaterThan(d.omittedEdgeCount, 0)
        XCTAssertNotNil(d.omissionSummary)
        // Sub-hubs (degree 3) beat plain leaves (degree 1).
        XCTAssertEqual(d.graph.entities.filter { $0.name.hasPrefix("分") }.count, 2)
    }

    func testTypeAndRelationFilters() throws {
        let g = Fixtures.sample()
        let park = try XCTUnwrap(g.lookup("阳泉开发区").first?.id)
        let d = Diagram.select(from: g, query: DiagramQuery(focus: park, depth: 2, types: [.official]))
        XCTAssertEqual(Set(d.graph.entities.map(\.type)), [.official, .park])
        let r = Diagram.select(from: g, query: DiagramQuery(relations: [.locatedIn]))
        XCTAssertEqual(Set(r.graph.edges.map(\.type)), [.locatedIn])
        XCTAssertEqual(r.graph.nodeCount, 3)
    }

    func testDOTIsAcceptedByCgraphAndByDotProgram() throws {
        for g in [Fixtures.sample(), Fixtures.adversarial()] {
            for engine in [LayoutEngine.dot, .sfdp] {
                let text = DOTWriter.write(Diagram(graph: g), options: DOTOptions(engine: engine, nodeURL: { URLTemplate("#e-{id}").url(for: $0) }))
                XCTAssertNoThrow(try renderer.validate(dot: text))
                guard let dot = ["/usr/bin/dot", "/usr/local/bin/dot"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
                    // CI installs graphviz (scripts/setup.sh): a missing `dot` is a failure, not a pass.
                    return XCTFail("the dot program is not installed (apt-get install graphviz): the DOT cross-check cannot run")
                }
                let (status, out) = try Self.run(dot, ["-Tsvg"], input: Data(text.utf8))
                XCTAssertEqual(status, 0)
                let ours = try renderer.render(dot: text, format: .svg, engine: engine)
                let theirs = XMLScan.parse(out), mine = XMLScan.parse(ours)
                XCTAssertNil(theirs.error)
                XCTAssertEqual(theirs.entityNodes.map { $0.attributes["id"] ?? "" }, mine.entityNodes.map { $0.attributes["id"] ?? "" })
                XCTAssertEqual(theirs.entityNodes.map(\.text), mine.entityNodes.map(\.text), "dot draws the same labels")
                XCTAssertEqual(theirs.edges.count, mine.edges.count)
            }
        }
        XCTAssertThrowsError(try renderer.validate(dot: "digraph { a -> }")) { error in
            guard case RenderError.syntax(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("syntax"), message)
        }
        XCTAssertThrowsError(try renderer.render(dot: "graph {", format: .png, engine: .dot))
        // Still usable after errors.
        XCTAssertNoThrow(try renderer.render(Diagram(graph: Fixtures.sample()), format: .svg))
    }

    func testRepeatedRenderingDoesNotGrowMemory() throws {
        let d = Diagram(graph: Fixtures.sample())
        for _ in 0..<20 { _ = try renderer.render(d, format: .svg) }
        let before = Self.residentBytes()
        for i in 0..<200 { _ = try renderer.render(d, format: i % 10 == 0 ? .png : .svg) }
        let after = Self.residentBytes()
        XCTAssertLessThan(after - before, 40 << 20, "RSS grew by \((after - before) >> 20) MiB over 200 renders")
    }

    func testConcurrentCallersAreSerialised() throws {
        let d = Diagram(graph: Fixtures.sample())
        let expected = try renderer.render(d, format: .svg).data
        let results = UnsafeSendableBox(Array(repeating: Data(), count: 8))
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            let data = (try? GraphvizRenderer.shared.render(d, format: .svg).data) ?? Data()
            results.set(i, data)
        }
        XCTAssertTrue(results.values.allSatisfy { $0 == expected })
    }

    // MARK: - Helpers

    static func chain(_ n: Int) -> KnowledgeGraph {
        var g = KnowledgeGraph()
        var ids: [String] = []
        for i in 0..<n { ids.append(g.add(Entity(type: EntityType.allCases[i % 7], name: "节点\(i)"))) }
        for i in 1..<n { g.add(Relation(source: ids[i], type: .partOf, target: ids[(i - 1) / 2])) }
        return g
    }

    /// 枢纽 (hub) linked to 分0…分2, each with two leaves 叶…; 叶0 is the focus.
    static func star() -> KnowledgeGraph {
        var g = KnowledgeGraph()
        let hub = g.add(Entity(type: .organization, name: "枢纽"))
        var leaf = 0
        for i in 0..<3 {
            let sub = g.add(Entity(type: .company, name: "分\(i)"))
            g.add(Relation(source: sub, type: .subsidiaryOf, target: hub))
            for _ in 0..<2 {
                let l = g.add(Entity(type: .project, name: "叶\(leaf)"))
                leaf += 1
                g.add(Relation(source: sub, type: .builds, target: l))
            }
        }
        return g
    }

    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * 4096
    }

    static func run(_ path: String, _ args: [String], input: Data) throws -> (Int32, Data) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let inPipe = Pipe(), outPipe = Pipe()
        p.standardInput = inPipe; p.standardOutput = outPipe; p.standardError = FileHandle.nullDevice
        try p.run()
        inPipe.fileHandleForWriting.write(input)
        try inPipe.fileHandleForWriting.close()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, out)
    }
}

final class UnsafeSendableBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Data]
    init(_ values: [Data]) { self.values = values }
    func set(_ i: Int, _ v: Data) { lock.lock(); values[i] = v; lock.unlock() }
}
