import Foundation
import XCTest
@testable import GuanxiGraph

final class GraphStoreTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("guanxi-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// A graph with awkward strings: quotes, slashes, newlines, emoji, non-BMP Han.
    func richGraph() -> KnowledgeGraph {
        var (g, ids) = Fixture.sample()
        g.addDocument(DocumentRecord(id: "d2", path: "a/b \"c\".html", sha256: "ff00", encoding: "GB18030",
                                     format: "html", length: 3, title: "标题\n第二行", byline: []))
        let odd = g.add(Entity(type: .policy, name: "《山西省“十四五”未来产业发展规划》", aliases: ["《规划》", "𠀀规划/2025"],
                               posts: [], mentions: [Fixture.mention("d2", 0, "《规划》")]))
        g.add(Entity(type: .official, name: "陈凯", posts: [Post(title: "阳泉市委副书记、代市长", organization: "阳泉市")]))
        g.add(Relation(source: ids["gov"]!, type: .issued, target: odd,
                       evidence: [Fixture.evidence("d2", 0, "发布\"规划\"\t😀\n。", date: "2025-12")]))
        return g
    }

    func testRoundTripGivesIdenticalBytes() throws {
        let g = richGraph()
        let bytes = try GraphFile.encode(g)
        let back = try GraphFile.decode(bytes, path: "mem")
        XCTAssertEqual(try GraphFile.encode(back), bytes)
        XCTAssertEqual(back.nodeCount, g.nodeCount)
        XCTAssertEqual(back.edgeCount, g.edgeCount)
        XCTAssertEqual(back.entities, g.entities)
        XCTAssertEqual(back.edges, g.edges)
        XCTAssertEqual(back.documentList, g.documentList)
        // In-lists are rebuilt on load.
        for i in 0..<g.slotCount {
            guard let e = g.entity(at: i), let j = back.index(of: e.id) else { continue }
            XCTAssertEqual(back.degree(of: j), g.degree(of: i), e.id)
            XCTAssertEqual(back.steps(from: j).count, g.steps(from: i).count)
        }
        // Aliases are indexed again.
        XCTAssertEqual(back.lookup("《规划》").first?.type, .policy)
        XCTAssertEqual(back.lookup("规划/2025").count, 0)
        XCTAssertEqual(back.lookup("𠀀规划/2025").count, 1)
    }

    func testSaveAndLoadFile() throws {
        let g = richGraph()
        let p = path("graphs/sub/g.json")   // folders are created
        try GraphFile.save(g, to: p)
        let loaded = try GraphFile.load(p)
        XCTAssertEqual(try GraphFile.encode(loaded), try Data(contentsOf: URL(fileURLWithPath: p)))
        let text = try String(contentsOfFile: p, encoding: .utf8)
        XCTAssertTrue(text.contains("\"format\" : \"guanxi-graph\""))
        XCTAssertTrue(text.contains("\"schemaVersion\" : \(GraphFile.schemaVersion)"))
        XCTAssertTrue(text.hasSuffix("\n"))
        XCTAssertEqual(try GraphFile.loadOrEmpty(path("none.json")).nodeCount, 0)
    }

    func testBytesDoNotDependOnInsertionOrder() throws {
        var rng = SeededRNG(seed: 2024)
        let docs = ["d1", "d2", "d3"].map { Fixture.doc($0, sha: "sha-\($0)") }
        let entities: [Entity] = (0..<30).map { i in
            let type = EntityType.allCases[i % EntityType.allCases.count]
            return Entity(type: type, name: "实体\(i)", aliases: i % 3 == 0 ? ["别名\(i)", "简称\(i)"] : [],
                          posts: i % 7 == 0 ? [Post(title: "书记"), Post(title: "主任", organization: "委员会")] : [],
                          mentions: [Fixture.mention("d\(i % 3 + 1)", i * 10, "实体\(i)"), Fixture.mention("d1", i, "实体\(i)")])
        }
        var relations: [Relation] = []
        for i in 0..<60 {
            let a = entities[(i * 7) % 30].id, b = entities[(i * 11 + 1) % 30].id
            if a == b { continue }
            relations.append(Relation(source: a, type: RelationType.allCases[i % RelationType.allCases.count], target: b,
                                      evidence: [Fixture.evidence("d\(i % 3 + 1)", i, "第\(i)句。", date: i % 2 == 0 ? "01-04" : nil)]))
            // The same fact again from another sentence.
            relations.append(Relation(source: a, type: RelationType.allCases[i % RelationType.allCases.count], target: b,
                                      evidence: [Fixture.evidence("d2", 1000 + i, "又一句。")]))
        }
        func build(shuffle: Bool) throws -> Data {
            var g = KnowledgeGraph()
            for d in shuffle ? docs.shuffled(using: &rng) : docs { g.addDocument(d) }
            for e in shuffle ? entities.shuffled(using: &rng) : entities { g.add(e) }
            for r in shuffle ? relations.shuffled(using: &rng) : relations { g.add(r) }
            return try GraphFile.encode(g)
        }
        let reference = try build(shuffle: false)
        for _ in 0..<10 { XCTAssertEqual(try build(shuffle: true), reference) }
    }

    /// Issue 14 items 3 and 4 for a JSON graph: saving through a symbolic link updates its target
    /// (the link stays a link), the file's mode is kept, and the lock is the target's.
    func testSavingThroughASymlinkKeepsTheLinkTheModeAndOneLock() throws {
        let real = dir.appendingPathComponent("real.json").path, link = dir.appendingPathComponent("link.json").path
        try GraphFile.save(KnowledgeGraph(), to: real)
        XCTAssertEqual(chmod(real, 0o600), 0)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.json")
        try GraphFile.withLock(link) { try GraphFile.save(richGraph(), to: link) }
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), "real.json")
        XCTAssertEqual(try GraphFile.encode(GraphFile.load(real)), try GraphFile.encode(richGraph()))
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: real)[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["link.json", "real.json"], "no lock or temporary left")
    }

    func testAtomicWriteLeavesNoTemporaryFiles() throws {
        let p = path("g.json")
        try GraphFile.save(richGraph(), to: p)
        try GraphFile.save(Fixture.sample().graph, to: p)
        try GraphFile.writeAtomically(Data("x".utf8), to: path("other.bin"))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        XCTAssertEqual(names, ["g.json", "other.bin"])
        XCTAssertEqual(try GraphFile.encode(GraphFile.load(p)), try GraphFile.encode(Fixture.sample().graph))
    }

    func testFailedWriteLeavesOldFileAndNoTemporary() throws {
        let p = path("g.json")
        try GraphFile.save(Fixture.sample().graph, to: p)
        let before = try Data(contentsOf: URL(fileURLWithPath: p))
        // Writing over a folder fails at rename: the target stays as it was, no temp file is left.
        let folder = path("afolder")
        try FileManager.default.createDirectory(atPath: folder + "/inside", withIntermediateDirectories: true)
        XCTAssertThrowsError(try GraphFile.save(richGraph(), to: folder)) { error in
            guard case GraphStoreError.writeFailed(let fp, _)? = error as? GraphStoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(fp, folder)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: p)), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["afolder", "g.json"])
    }

    func testLockRunsBody() throws {
        let p = path("g.json")
        let v = try GraphFile.withLock(p) { 41 + 1 }
        XCTAssertEqual(v, 42)
    }

    // MARK: - Bad files

    func testMissingFile() {
        let p = path("nope.json")
        XCTAssertThrowsError(try GraphFile.load(p)) { error in
            XCTAssertEqual(error as? GraphStoreError, .missing(path: p))
            XCTAssertTrue("\(error)".contains(p))
        }
    }

    func testCorruptAndTruncatedFilesNameTheFile() throws {
        let good = try GraphFile.encode(richGraph())
        let cases: [(String, Data)] = [
            ("truncated.json", good.prefix(good.count / 2)),
            ("garbage.json", Data("{not json at all".utf8)),
            ("empty.json", Data()),
            ("binary.json", Data([0x00, 0xFF, 0xFE, 0x10])),
            ("wrongshape.json", Data(#"{"format": "guanxi-graph", "schemaVersion": 1, "documents": 3, "nodes": []}"#.utf8)),
            ("dangling.json", Data(#"{"format": "guanxi-graph", "schemaVersion": 1, "documents": [], "nodes": [{"id": "official:甲", "type": "official", "name": "甲", "aliases": [], "posts": [], "mentions": [], "out": [{"type": "visited", "target": "park:乙", "evidence": []}]}]}"#.utf8)),
            ("badtype.json", Data(#"{"format": "guanxi-graph", "schemaVersion": 1, "documents": [], "nodes": [{"id": "x", "type": "alien", "name": "甲", "aliases": [], "posts": [], "mentions": [], "out": []}]}"#.utf8)),
            ("noversion.json", Data(#"{"format": "guanxi-graph", "documents": [], "nodes": []}"#.utf8)),
        ]
        for (name, data) in cases {
            let p = path(name)
            try data.write(to: URL(fileURLWithPath: p))
            XCTAssertThrowsError(try GraphFile.load(p), name) { error in
                guard case GraphStoreError.corrupt(let fp, _)? = error as? GraphStoreError else {
                    return XCTFail("\(name): expected .corrupt, got \(error)")
                }
                XCTAssertEqual(fp, p)
                XCTAssertTrue("\(error)".contains(p), "the message names the file")
            }
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: p)), data, "a bad file is left as it is")
        }
    }

    func testUnsupportedVersions() throws {
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: GraphFile.encode(richGraph())) as? [String: Any])
        for version in [GraphFile.schemaVersion + 1, 0] {
            json["schemaVersion"] = version
            let data = try JSONSerialization.data(withJSONObject: json)
            XCTAssertThrowsError(try GraphFile.decode(data, path: "v.json")) { error in
                XCTAssertEqual(error as? GraphStoreError,
                               .unsupportedVersion(path: "v.json", found: version, supported: GraphFile.schemaVersion))
                let message = "\(error)"
                XCTAssertTrue(message.contains("v.json"))
                XCTAssertTrue(message.contains(version > GraphFile.schemaVersion ? "newer" : "older"), message)
            }
        }
    }

    func testNotAGraph() throws {
        for text in [#"{"nodes": [], "edges": []}"#, #"{"format": "something-else", "schemaVersion": 1}"#, "[]", "42"] {
            XCTAssertThrowsError(try GraphFile.decode(Data(text.utf8), path: "x.json"), text) { error in
                if text == "[]" || text == "42" {
                    // Not even an object: corrupt or not-a-graph are both honest, as long as the file is named.
                    XCTAssertTrue("\(error)".contains("x.json"))
                } else {
                    XCTAssertEqual(error as? GraphStoreError, .notAGraph(path: "x.json"))
                }
            }
        }
        // The node-link export is JSON but not a graph file.
        let export = try NodeLinkJSONExporter().exportData(richGraph())
        XCTAssertThrowsError(try GraphFile.decode(export, path: "e.json")) { error in
            XCTAssertEqual(error as? GraphStoreError, .notAGraph(path: "e.json"))
        }
    }
}

/// `sortedUnique` gives what `Array(Set(a)).sorted()` gives, and a graph finished in place keeps
/// answering look-ups by name (its indexes untouched).
final class FastPathGraphTests: XCTestCase {
    func testSortedUniqueIsSetThenSorted() {
        var state: UInt64 = 3
        func next(_ n: Int) -> Int { state = state &* 6364136223846793005 &+ 1; return Int((state >> 33) % UInt64(n)) }
        for _ in 0..<300 {
            let names = (0..<next(20)).map { _ in ["园区", "经开区", "甲公司", "乙", "丙集团"][next(5)] + String(next(3)) }
            XCTAssertEqual(sortedUnique(names), Array(Set(names)).sorted())
            let mentions = (0..<next(20)).map { _ in Mention(document: "d\(next(3))", start: next(5), end: 5 + next(3), text: ["甲", "乙"][next(2)]) }
            XCTAssertEqual(sortedUnique(mentions), Array(Set(mentions)).sorted())
        }
    }

    func testUpdatingInPlaceKeepsNamesAndIds() {
        var g = KnowledgeGraph()
        let a = g.add(Entity(type: .park, name: "屯留经济技术开发区", aliases: ["屯留经开区"],
                             mentions: [Mention(document: "f", start: 0, end: 9, text: "屯留经济技术开发区")]))
        let b = g.add(Entity(type: .company, name: "山西瑞达公司"))
        g.add(Relation(source: b, type: .locatedIn, target: a,
                       evidence: [Evidence(document: "f", sentence: "山西瑞达公司位于屯留经开区。", start: 0, end: 14)]))
        g.updateNodes { e in e.name = "renamed"; e.mentions = e.mentions.map { var m = $0; m.document = "f#1"; return m } }
        g.updateEvidence { _, ev in ev = ev.map { var x = $0; x.document = "f#1"; return x } }
        XCTAssertEqual(g.lookup("屯留经开区").map(\.id), [a], "the name index still answers")
        XCTAssertEqual(g.entity(id: a)?.name, "屯留经济技术开发区", "a node's name is not changed in place")
        XCTAssertEqual(g.entity(id: a)?.mentions.map(\.document), ["f#1"])
        XCTAssertEqual(g.edges.flatMap(\.evidence).map(\.document), ["f#1"])
        XCTAssertEqual(g.edges(ofType: .locatedIn).count, 1)
    }
}
