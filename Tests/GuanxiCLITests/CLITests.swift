import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GuanxiGraph
import XCTest

/// Runs the built `guanxi` executable in a scratch folder of its own.
class GuanxiCLITestCase: XCTestCase {
    struct Run {
        var status: Int32
        var stdout: Data
        var stderr: String
        var out: String { String(decoding: stdout, as: UTF8.self) }
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seeds = packageRoot.appendingPathComponent("seeds").path

    /// The `guanxi` binary next to the test bundle (or $GUANXI_BIN).
    static let binary: URL? = {
        if let env = ProcessInfo.processInfo.environment["GUANXI_BIN"], !env.isEmpty { return URL(fileURLWithPath: env) }
        var candidates: [URL] = []
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("guanxi"))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("guanxi"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("guanxi"))
        if let exe = Bundle.main.executableURL {
            candidates.append(exe.deletingLastPathComponent().appendingPathComponent("guanxi"))
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    var dir: URL!

    override func setUpWithError() throws {
        // A missing binary fails every CLI test (it never passes or skips untested).
        guard Self.binary != nil else {
            struct NoBinary: Error, CustomStringConvertible {
                var description: String { "the guanxi executable is not built next to the tests (run `swift build`, or set GUANXI_BIN)" }
            }
            throw NoBinary()
        }
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("guanxi-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// Runs guanxi with arguments; output goes through files so a large export cannot fill a pipe.
    @discardableResult
    func guanxi(_ args: [String], environment: [String: String] = [:], cwd: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = try XCTUnwrap(Self.binary)
        process.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["GUANXI_GRAPH"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.currentDirectoryURL = URL(fileURLWithPath: cwd ?? dir.path)
        let outURL = dir.appendingPathComponent(".out-\(UUID().uuidString)")
        let errURL = dir.appendingPathComponent(".err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try outHandle.close(); try errHandle.close()
        defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
        return Run(status: process.terminationStatus, stdout: try Data(contentsOf: outURL),
                   stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// The seeds' graph as `guanxi build` wrote it, built once per test run (a build is
    /// deterministic: `testTwoFreshBuildsAreByteIdentical`), so each test does not pay a build.
    nonisolated(unsafe) static var seedsGraph: Data?

    /// Builds the seeds into a fresh graph file (a copy of the run's one build) and returns its path.
    func buildSeeds(_ name: String = "seeds.json") throws -> String {
        let g = path(name)
        if let data = Self.seedsGraph {
            try data.write(to: URL(fileURLWithPath: g))
            return g
        }
        let r = try guanxi(["build", Self.seeds, "--graph", g])
        XCTAssertEqual(r.status, 0, r.stderr)
        if r.status == 0 { Self.seedsGraph = try bytes(g) }
        return g
    }

    func json(_ r: Run, file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        return try JSONSerialization.jsonObject(with: r.stdout)
    }

    func bytes(_ p: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: p)) }
}

/// Drives the built `guanxi` executable: each command on good and bad input.
final class CLITests: GuanxiCLITestCase {

    // MARK: - build

    func testBuildSeedsPrintsSummary() throws {
        let g = path("g.json")
        let r = try guanxi(["build", Self.seeds, "--graph", g])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.out.contains("5 document(s) added"), r.out)
        XCTAssertTrue(r.out.contains("entities:"), r.out)
        XCTAssertTrue(r.out.contains("official"), r.out)
        let graph = try GraphFile.load(g)
        // The page's five articles are five documents of one file.
        XCTAssertEqual(graph.documentList.map(\.id), (1...5).map { "000_7b3e52b32049f56f#\($0)" })
        XCTAssertEqual(Set(graph.documentList.map(\.sha256)).count, 1)
        XCTAssertGreaterThan(graph.nodeCount, 10)
        XCTAssertGreaterThan(graph.edgeCount, 5)
        XCTAssertTrue(graph.documentList.contains { $0.byline.contains("郭赞") })
        // Bylines are recorded on the document, never as officials.
        for name in ["郭赞", "马永亮", "侯海宏", "何君苗"] {
            XCTAssertFalse(graph.lookup(name).contains { $0.type == .official }, "\(name) is a reporter")
        }
        // Every mention and piece of evidence cites a document the graph holds, within its text.
        let text = Array(try String(contentsOfFile: Self.seeds + "/000_7b3e52b32049f56f.txt", encoding: .utf8).unicodeScalars)
        for e in graph.entities {
            for m in e.mentions {
                XCTAssertNotNil(graph.documents[m.document])
                XCTAssertTrue(m.start >= 0 && m.start < m.end && m.end <= text.count)
                XCTAssertEqual(String(String.UnicodeScalarView(text[m.start..<m.end])), m.text, "mention offsets slice the source")
            }
        }
        for r in graph.edges {
            XCTAssertFalse(r.evidence.isEmpty)
            for ev in r.evidence {
                XCTAssertNotNil(graph.documents[ev.document])
                XCTAssertEqual(String(String.UnicodeScalarView(text[ev.start..<ev.end])), ev.sentence, "evidence quotes the source")
            }
        }
    }

    func testRebuildIsByteIdenticalAndAddsNothing() throws {
        let g = try buildSeeds()
        let first = try bytes(g)
        let again = try guanxi(["build", Self.seeds, "--graph", g, "--json"])
        let summary = try XCTUnwrap(try json(again) as? [String: Any])
        XCTAssertEqual(summary["documentsAdded"] as? Int, 0)
        XCTAssertEqual(summary["documentsKnown"] as? Int, 1)
        XCTAssertEqual(summary["nodesAdded"] as? Int, 0)
        XCTAssertEqual(summary["edgesAdded"] as? Int, 0)
        XCTAssertEqual(try bytes(g), first, "building the same input twice changes nothing")
        // The same bytes under another name are the same document.
        let copy = path("copy.txt")
        try FileManager.default.copyItem(atPath: Self.seeds + "/000_7b3e52b32049f56f.txt", toPath: copy)
        let r = try guanxi(["build", copy, "--graph", g])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.out.contains("0 document(s) added, 1 file(s) already held"), r.out)
        XCTAssertEqual(try bytes(g), first)
        // No temporary files are left beside the graph.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testTwoFreshBuildsAreByteIdentical() throws {
        let a = try buildSeeds("a.json"), b = try buildSeeds("b.json")
        XCTAssertEqual(try bytes(a), try bytes(b))
        // Building from the file rather than the folder gives the same graph.
        let c = path("c.json")
        XCTAssertEqual(try guanxi(["build", Self.seeds + "/000_7b3e52b32049f56f.txt", "--graph", c]).status, 0)
        XCTAssertEqual(try bytes(a), try bytes(c))
    }

    func testIncrementalBuildAddsDocumentAndMergesSharedEntity() throws {
        let g = try buildSeeds()
        let before = try GraphFile.load(g)
        let chenBefore = try XCTUnwrap(before.lookup("陈凯").first { $0.type == .official })
        let extra = path("followup.txt")
        try """
        阳泉市委副书记、代市长陈凯赴郊区调研

        科学导报讯 1月8日,阳泉市委副书记、代市长陈凯到阳泉市郊区调研冬季安全生产工作。他强调,要压实安全责任,确保群众温暖过冬。

        调研期间,陈凯来到阳泉经济技术开发区,听取园区工作汇报。

        张伟
        """.write(toFile: extra, atomically: true, encoding: .utf8)
        let r = try guanxi(["build", extra, "--graph", g])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.out.contains("1 document(s) added"), r.out)
        let after = try GraphFile.load(g)
        XCTAssertEqual(after.documentList.map(\.id), (1...5).map { "000_7b3e52b32049f56f#\($0)" } + ["followup"])
        XCTAssertGreaterThanOrEqual(after.nodeCount, before.nodeCount)
        XCTAssertGreaterThanOrEqual(after.edgeCount, before.edgeCount)
        // 陈凯 of the new article is the node of the sample page, now mentioned in both documents.
        let chens = after.lookup("陈凯").filter { $0.type == .official }
        XCTAssertEqual(chens.count, 1)
        let chen = try XCTUnwrap(chens.first)
        XCTAssertEqual(chen.id, chenBefore.id)
        XCTAssertEqual(Set(chen.mentions.map(\.document)), ["000_7b3e52b32049f56f#2", "followup"])
        // Every node and edge of the first build is still there.
        for e in before.entities { XCTAssertNotNil(after.entity(id: e.id), e.id) }
        for r in before.edges { XCTAssertNotNil(after.relation(r.key), "\(r.key)") }
        // And building both again adds nothing.
        let snapshot = try bytes(g)
        XCTAssertEqual(try guanxi(["build", Self.seeds, extra, "--graph", g]).status, 0)
        XCTAssertEqual(try bytes(g), snapshot)
    }

    func testBuildSkipsBadInputsWithExitThree() throws {
        let bin = path("image.txt")
        try Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0]).write(to: URL(fileURLWithPath: bin))
        let g = path("g.json")
        let r = try guanxi(["build", Self.seeds, bin, path("missing.txt"), "--graph", g])
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertTrue(r.stderr.contains("image.txt"), r.stderr)
        XCTAssertTrue(r.stderr.contains("missing.txt"), r.stderr)
        XCTAssertEqual(try GraphFile.load(g).documents.count, 5, "the good input (a page of five articles) is built")
        // --strict writes nothing.
        let strict = path("strict.json")
        let s = try guanxi(["build", Self.seeds, bin, "--graph", strict, "--strict"])
        XCTAssertEqual(s.status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: strict))
    }

    // MARK: - export

    func testExportJSON() throws {
        let g = try buildSeeds()
        let obj = try XCTUnwrap(try json(try guanxi(["export", "--graph", g, "--format", "json"])) as? [String: Any])
        let nodes = try XCTUnwrap(obj["nodes"] as? [[String: Any]])
        let edges = try XCTUnwrap(obj["edges"] as? [[String: Any]])
        let graph = try GraphFile.load(g)
        XCTAssertEqual(nodes.count, graph.nodeCount)
        XCTAssertEqual(edges.count, graph.edgeCount)
        XCTAssertEqual(try guanxi(["export", "--graph", g, "--format", "json"]).stdout, try NodeLinkJSONExporter().exportData(graph),
                       "the whole export, as the library writes it")
        // -o writes a file with the same bytes.
        let out = path("export.json")
        XCTAssertEqual(try guanxi(["export", "--graph", g, "--format", "json", "-o", out]).status, 0)
        XCTAssertEqual(try bytes(out), try guanxi(["export", "--graph", g]).stdout, "json is the default format")
    }

    func testExportGraphML() throws {
        let g = try buildSeeds()
        let r = try guanxi(["export", "--graph", g, "--format", "graphml"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.out, GraphMLExporter().document(try GraphFile.load(g)), "the whole GraphML, as the library writes it")
        let parser = XMLParser(data: r.stdout)
        XCTAssertTrue(parser.parse(), "GraphML must be well-formed XML: \(String(describing: parser.parserError))")
    }

    func testExportCSV() throws {
        let g = try buildSeeds()
        let out = path("neo4j")
        let r = try guanxi(["export", "--graph", g, "--format", "csv", "-o", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        let expected = try Neo4jCSVExporter().export(try GraphFile.load(g))
        for f in expected { XCTAssertEqual(try bytes(out + "/" + f.name), f.data, f.name) }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out).sorted(), expected.map(\.name).sorted(), "no staging folder left")
        XCTAssertEqual(r.stderr, """
            wrote \(out)/nodes.csv, \(out)/documents.csv, \(out)/relationships.csv, \(out)/mentioned_in.csv
            load into Neo4j (an empty database) with:
              \(Neo4jCSVExporter.importCommand(folder: out))

            """)
        XCTAssertTrue(String(decoding: try bytes(out + "/relationships.csv"), as: UTF8.self).contains("\"VISITED\""))
    }

    // MARK: - queries

    func testNeighborsJSON() throws {
        let g = try buildSeeds()
        let obj = try XCTUnwrap(try json(try guanxi(["neighbors", "陈凯", "--graph", g, "--json"])) as? [String: Any])
        let entity = try XCTUnwrap(obj["entity"] as? [String: Any])
        XCTAssertEqual(entity["name"] as? String, "陈凯")
        XCTAssertEqual(entity["type"] as? String, "official")
        let neighbors = try XCTUnwrap(obj["neighbors"] as? [[String: Any]])
        let relations = Set(neighbors.compactMap { $0["relation"] as? String })
        XCTAssertTrue(relations.contains("visited"), "\(relations)")
        XCTAssertTrue(relations.contains("holds_post"), "\(relations)")
        for n in neighbors { XCTAssertEqual(n["distance"] as? Int, 1) }

        // Filters narrow the answer.
        let visited = try XCTUnwrap(try json(try guanxi(["neighbors", "陈凯", "--graph", g, "--relation", "visited", "--json"])) as? [String: Any])
        let vs = try XCTUnwrap(visited["neighbors"] as? [[String: Any]])
        XCTAssertFalse(vs.isEmpty)
        XCTAssertTrue(vs.allSatisfy { $0["relation"] as? String == "visited" })
        let inOnly = try XCTUnwrap(try json(try guanxi(["neighbors", "陈凯", "--graph", g, "--direction", "in", "--relation", "visited", "--json"])) as? [String: Any])
        XCTAssertEqual((inOnly["neighbors"] as? [Any])?.count, 0)
        let deep = try XCTUnwrap(try json(try guanxi(["neighbors", "陈凯", "--graph", g, "--depth", "2", "--json"])) as? [String: Any])
        XCTAssertGreaterThanOrEqual((deep["neighbors"] as? [Any])?.count ?? 0, neighbors.count)
        let places = try XCTUnwrap(try json(try guanxi(["neighbors", "陈凯", "--graph", g, "--type", "place", "--json"])) as? [String: Any])
        for n in places["neighbors"] as? [[String: Any]] ?? [] {
            XCTAssertEqual((n["entity"] as? [String: Any])?["type"] as? String, "place")
        }
        // Plain text output too.
        let text = try guanxi(["neighbors", "陈凯", "--graph", g])
        XCTAssertEqual(text.status, 0)
        XCTAssertTrue(text.out.contains("visited"))
        // Bad option values are usage errors.
        XCTAssertNotEqual(try guanxi(["neighbors", "陈凯", "--graph", g, "--depth", "0"]).status, 0)
        XCTAssertNotEqual(try guanxi(["neighbors", "陈凯", "--graph", g, "--type", "alien"]).status, 0)
    }

    func testPathJSON() throws {
        let g = try buildSeeds()
        let nb = try XCTUnwrap(try json(try guanxi(["neighbors", "陈凯", "--graph", g, "--depth", "2", "--json"])) as? [String: Any])
        let far = try XCTUnwrap((nb["neighbors"] as? [[String: Any]])?.last)
        let target = try XCTUnwrap((far["entity"] as? [String: Any])?["name"] as? String)
        let steps = try XCTUnwrap(try json(try guanxi(["path", "陈凯", target, "--graph", g, "--json"])) as? [[String: Any]])
        XCTAssertEqual(steps.count, far["distance"] as? Int)
        XCTAssertEqual(steps.first?["from"] as? String, "陈凯")
        XCTAssertEqual(steps.last?["to"] as? String, target)
        for s in steps { for k in ["from", "relation", "to", "forward"] { XCTAssertNotNil(s[k], k) } }
        let text = try guanxi(["path", "陈凯", target, "--graph", g])
        XCTAssertEqual(text.status, 0)
        XCTAssertTrue(text.out.contains("step(s)"))
    }

    func testPathBetweenUnconnectedEntitiesExitsOne() throws {
        let g = path("g.json")
        var graph = KnowledgeGraph()
        graph.add(Entity(type: .official, name: "甲乙"))
        graph.add(Entity(type: .official, name: "丙丁"))
        try GraphFile.save(graph, to: g)
        let r = try guanxi(["path", "甲乙", "丙丁", "--graph", g])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("not connected"), r.stderr)
    }

    func testShowJSON() throws {
        let g = try buildSeeds()
        let card = try XCTUnwrap(try json(try guanxi(["show", "陈凯", "--graph", g, "--json"])) as? [String: Any])
        XCTAssertEqual((card["entity"] as? [String: Any])?["name"] as? String, "陈凯")
        XCTAssertFalse((card["mentions"] as? [Any] ?? []).isEmpty)
        let relations = try XCTUnwrap(card["relations"] as? [[String: Any]])
        XCTAssertFalse(relations.isEmpty)
        XCTAssertTrue(relations.allSatisfy { !(($0["evidence"] as? [Any]) ?? []).isEmpty })
        let text = try guanxi(["show", "陈凯", "--graph", g])
        XCTAssertEqual(text.status, 0)
        XCTAssertTrue(text.out.contains("official"))
        XCTAssertTrue(text.out.contains("relations"))
    }

    func testSearchJSON() throws {
        let g = try buildSeeds()
        let hits = try XCTUnwrap(try json(try guanxi(["search", "开发区", "--graph", g, "--json"])) as? [[String: Any]])
        XCTAssertFalse(hits.isEmpty)
        for h in hits {
            let names = [h["name"] as? String ?? ""] + (h["aliases"] as? [String] ?? [])
            XCTAssertTrue(names.contains { $0.contains("开发区") }, "\(names)")
        }
        // Traditional input finds Simplified names.
        let trad = try XCTUnwrap(try json(try guanxi(["search", "開發區", "--graph", g, "--json"])) as? [[String: Any]])
        XCTAssertEqual(trad.count, hits.count)
        let none = try guanxi(["search", "完全不存在的东西", "--graph", g])
        XCTAssertEqual(none.status, 1)
    }

    func testStatsJSON() throws {
        let g = try buildSeeds()
        let stats = try XCTUnwrap(try json(try guanxi(["stats", "--graph", g, "--json"])) as? [String: Any])
        let graph = try GraphFile.load(g)
        XCTAssertEqual(stats["documents"] as? Int, 5, "the page's five articles")
        XCTAssertEqual(stats["entities"] as? Int, graph.nodeCount)
        XCTAssertEqual(stats["relations"] as? Int, graph.edgeCount)
        XCTAssertNotNil(stats["entitiesByType"] as? [String: Int])
        XCTAssertGreaterThanOrEqual(stats["components"] as? Int ?? 0, 1)
        XCTAssertFalse((stats["topByDegree"] as? [Any] ?? []).isEmpty)
        XCTAssertEqual(try guanxi(["stats", "--graph", g]).status, 0)
    }

    func testGraphFromEnvironment() throws {
        let g = try buildSeeds()
        let r = try guanxi(["stats", "--json"], environment: ["GUANXI_GRAPH": g])
        XCTAssertEqual(r.status, 0, r.stderr)
        // Without --graph or $GUANXI_GRAPH the default is ./guanxi.db, named when it is missing.
        let d = try guanxi(["stats"])
        XCTAssertEqual(d.status, 2)
        XCTAssertTrue(d.stderr.contains("guanxi.db") && d.stderr.contains("no graph file"), d.stderr)
    }

    // MARK: - bad input

    func testUnknownNameSuggestsAndExitsOne() throws {
        let g = try buildSeeds()
        for args in [["neighbors", "陈凯凯"], ["show", "陈凯市长"], ["path", "陈凯凯", "孟县"]] {
            let r = try guanxi(args + ["--graph", g])
            XCTAssertEqual(r.status, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("did you mean"), r.stderr)
            XCTAssertTrue(r.stderr.contains("陈凯"), r.stderr)
        }
        let nothingClose = try guanxi(["neighbors", "完全不存在的东西", "--graph", g])
        XCTAssertEqual(nothingClose.status, 1)
        XCTAssertTrue(nothingClose.stderr.contains("完全不存在的东西"))
    }

    func testMissingGraphExitsTwoNamingTheFile() throws {
        let g = path("nowhere/graph.json")
        let commands: [[String]] = [["neighbors", "陈凯"], ["path", "陈凯", "孟县"], ["show", "陈凯"], ["search", "开发区"],
                                    ["stats"], ["export", "--format", "json"]]
        for args in commands {
            let r = try guanxi(args + ["--graph", g])
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(g), "\(args): \(r.stderr)")
            XCTAssertTrue(r.stdout.isEmpty)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: g), "a query never creates the graph")
    }

    func testCorruptGraphExitsTwoAndIsLeftAsItIs() throws {
        let good = try bytes(try buildSeeds())
        let cases: [(String, Data)] = [
            ("truncated.json", good.prefix(good.count / 3)),
            ("garbage.json", Data("not a graph {{{".utf8)),
            ("other.json", Data(#"{"nodes": [], "edges": []}"#.utf8)),
            ("future.json", Data(String(decoding: good, as: UTF8.self)
                .replacingOccurrences(of: "\"schemaVersion\" : \(GraphFile.schemaVersion)", with: "\"schemaVersion\" : 999").utf8)),
        ]
        for (name, data) in cases {
            let g = path(name)
            try data.write(to: URL(fileURLWithPath: g))
            for args in [["stats"], ["neighbors", "陈凯"], ["export"], ["build", Self.seeds]] {
                let r = try guanxi(args + ["--graph", g])
                XCTAssertEqual(r.status, 2, "\(name) \(args): \(r.stderr)")
                XCTAssertTrue(r.stderr.contains(g), "\(name) \(args): \(r.stderr)")
                XCTAssertEqual(try bytes(g), data, "\(name) \(args): the graph file must be left byte-identical")
            }
        }
    }
    // --help of every command: HelpTests (whole text against golden files).
}

/// Issue 13: the GraphML export opens in networkx (as Gephi users' scripts read it), with edge
/// labels, every article of the sample page a document node, and mentions as edges.
final class GraphMLNetworkxTests: GuanxiCLITestCase {
    func testGraphMLOpensInNetworkxWithEdgeLabelsAndDocumentNodes() throws {
        let g = try buildSeeds()
        XCTAssertEqual(try guanxi(["export", "--graph", g, "--format", "graphml", "-o", "g.graphml"]).status, 0)
        let script = """
        import json, sys, networkx as nx
        g = nx.read_graphml(sys.argv[1])
        docs = sorted(d["label"] for n, d in g.nodes(data=True) if d.get("kind") == "document")
        labels = [d.get("label") for _, _, d in g.edges(data=True)]
        print(json.dumps({"documents": docs, "unlabeled": sum(1 for l in labels if not l),
                          "mentioned_in": sum(1 for l in labels if l == "mentioned_in"),
                          "visited": sum(1 for l in labels if l == "visited")}, ensure_ascii=False))
        """
        let py = Process()
        py.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        py.arguments = ["python3", "-c", script, path("g.graphml")]
        let out = Pipe(), err = Pipe()
        py.standardOutput = out; py.standardError = err
        try py.run(); py.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(py.terminationStatus, 0, "python3 with networkx (scripts/test.sh installs it): \(stderr)")
        let result = try XCTUnwrap(try JSONSerialization.jsonObject(with: out.fileHandleForReading.readDataToEndOfFile()) as? [String: Any])
        let docs = try XCTUnwrap(result["documents"] as? [String])
        XCTAssertEqual(docs.count, 5, "the page's five articles are five document nodes: \(docs)")
        XCTAssertTrue(docs.contains { $0.contains("陈凯") }, "documents carry their headlines: \(docs)")
        XCTAssertEqual(result["unlabeled"] as? Int, 0, "every edge has a label for Gephi")
        XCTAssertGreaterThan(result["mentioned_in"] as? Int ?? 0, 20)
        XCTAssertGreaterThanOrEqual(result["visited"] as? Int ?? 0, 5)
    }
}
