import Foundation
import GuanxiBuild
import GuanxiExtract
import GuanxiGraph
import GuanxiText
import XCTest

/// The SQLite store: what it holds equals the in-memory merge, builds are incremental, readers
/// query while a build writes, damaged files are refused and left alone.
final class SQLiteStoreTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("guanxi-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { if let dir { try? FileManager.default.removeItem(at: dir) } }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    static let seedPage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("seeds/000_7b3e52b32049f56f.txt").path

    /// The sample page cut in two at the blank line nearest its middle (two documents that share entities).
    func seedHalves() throws -> [String] {
        let lines = try String(contentsOfFile: Self.seedPage, encoding: .utf8).components(separatedBy: "\n")
        let blanks = lines.indices.filter { lines[$0].trimmingCharacters(in: .whitespaces).isEmpty }
        let cut = try XCTUnwrap(blanks.min { abs($0 - lines.count / 2) < abs($1 - lines.count / 2) })
        let a = path("half-a.txt"), b = path("half-b.txt")
        try lines[..<cut].joined(separator: "\n").write(toFile: a, atomically: true, encoding: .utf8)
        try lines[cut...].joined(separator: "\n").write(toFile: b, atomically: true, encoding: .utf8)
        return [a, b]
    }

    /// Per-document graphs of files, as `build` extracts them.
    func fragments(_ files: [String]) throws -> [KnowledgeGraph] {
        try files.map { try Extractor().extractBounded(SourceReader.read(path: $0), id: CorpusBuilder.documentID($0)) }
    }

    func inMemory(_ fragments: [KnowledgeGraph]) -> KnowledgeGraph {
        var g = KnowledgeGraph()
        for f in fragments { g.merge(f, acrossDocuments: true) }
        return g
    }

    func doc(_ id: String) -> DocumentRecord { DocumentRecord(id: id, path: "\(id).txt", sha256: "sha-\(id)") }

    func document(_ id: String, _ entities: [Entity], _ relations: [Relation] = []) -> KnowledgeGraph {
        var g = KnowledgeGraph()
        g.addDocument(doc(id))
        for var e in entities {
            e.mentions = [Mention(document: id, start: 0, end: e.name.unicodeScalars.count, text: e.name)]
            g.add(e)
        }
        for r in relations { g.add(r) }
        return g
    }

    // MARK: - round trip

    func testStoreHoldsWhatTheInMemoryMergeMakes() throws {
        let frags = try fragments(try seedHalves())
        let store = SQLiteGraphStore(path: path("g.db"))
        let outcome = try store.merge(frags)
        XCTAssertEqual(outcome, MergeOutcome(added: frags.map(\.documents.count).reduce(0, +), known: 0), "every article is a document")
        let expected = try GraphFile.encode(inMemory(frags))
        XCTAssertEqual(String(decoding: try GraphFile.encode(store.loadAll()), as: UTF8.self), String(decoding: expected, as: UTF8.self))
        XCTAssertGreaterThan(try store.counts().relations, 20)
        // The trigger-kept counts equal the graph's own, merges (deleted rows) included.
        XCTAssertEqual(try store.counts(), GraphCounts(inMemory(frags)))
        // The same documents again: held, nothing changes.
        XCTAssertEqual(try store.merge(frags), MergeOutcome(added: 0, known: 2))
        XCTAssertEqual(try GraphFile.encode(store.loadAll()), expected)
        // Import of the JSON form into a new store, and export back: the same bytes.
        let copy = SQLiteGraphStore(path: path("copy.db"))
        try copy.importGraph(try GraphFile.decode(expected, path: "mem"))
        XCTAssertEqual(try GraphFile.encode(copy.loadAll()), expected)
        XCTAssertThrowsError(try copy.importGraph(KnowledgeGraph())) { XCTAssertEqual($0 as? GraphStoreError, .notEmpty(path: copy.path)) }
    }

    /// Two connections merging into one file in turns: each one's build cache (which spares the
    /// writer its look-ups) is dropped when the other commits, so every join through the name
    /// index and the officials' anchors is made as by one connection, and the graph is the
    /// in-memory merge's.
    func testInterleavedWritersEachSeeTheOthersRows() throws {
        let official = { (title: String) in Entity(type: .official, name: "陈凯", posts: [Post(title: title)]) }
        let frags = [
            document("d1", [official("阳泉市委副书记"), Entity(type: .park, name: "屯留经济技术开发区", aliases: ["屯留经开区"])]),
            document("d2", [official("阳泉市代市长"), Entity(type: .park, name: "屯留经开区")]),
            document("d3", [official("阳泉市市长"), Entity(type: .company, name: "山西潞安集团"), Entity(type: .park, name: "屯留经济技术开发区")]),
            document("d4", [Entity(type: .company, name: "潞安集团", aliases: ["山西潞安集团"]), official("晋中市副市长")]),
        ]
        let a = SQLiteGraphStore(path: path("g.db")), b = SQLiteGraphStore(path: path("g.db"))
        for (i, f) in frags.enumerated() { _ = try (i % 2 == 0 ? a : b).merge([f]) }
        // A third round through the first connection again, after the other's commit.
        _ = try a.merge([document("d5", [official("阳泉市长"), Entity(type: .company, name: "潞安集团")])])
        let expected = inMemory(frags + [document("d5", [official("阳泉市长"), Entity(type: .company, name: "潞安集团")])])
        XCTAssertEqual(String(decoding: try GraphFile.encode(b.loadAll()), as: UTF8.self),
                       String(decoding: try GraphFile.encode(expected), as: UTF8.self))
        XCTAssertEqual(try a.counts(), GraphCounts(expected))
    }

    /// Entities of one id that do not merge get `id#2`, `#3`…: the lowest suffix free, as in the
    /// in-memory graph, also after a merge frees one. The writer remembers the suffixes taken
    /// instead of trying every one (the 200th copy of an article's unmerged official tried 200 ids).
    func testSuffixedIdsTakeTheLowestFreeOneAsTheInMemoryGraphDoes() throws {
        let official = { (titles: [String]) in Entity(type: .official, name: "王伟", posts: titles.map { Post(title: $0) }) }
        let frags = [
            document("d1", [official(["阳泉市副市长"])]),
            document("d2", [official(["晋中市副市长"])]),           // #2
            document("d3", [official(["长治市副市长"])]),           // #3
            document("d4", [official(["阳泉市副市长", "晋中市副市长"])]),  // joins the first two: #2 goes
            document("d5", [official(["大同市副市长"])]),           // #2 again
            document("d6", [official(["朔州市副市长"])]),           // #4
        ]
        let store = SQLiteGraphStore(path: path("g.db"))
        _ = try store.merge(frags)
        let expected = inMemory(frags)
        XCTAssertEqual(String(decoding: try GraphFile.encode(store.loadAll()), as: UTF8.self),
                       String(decoding: try GraphFile.encode(expected), as: UTF8.self))
        XCTAssertEqual(Set(try store.loadAll().entities.map(\.id)),
                       ["official:王伟", "official:王伟#2", "official:王伟#3", "official:王伟#4"])
    }

    /// Merges that leave their transaction open (a batch handed over in parts) commit together
    /// at the end of `write`; a failing body rolls them back, and the store is as it was.
    func testPartsOfABatchCommitTogetherOrNotAtAll() throws {
        let store = SQLiteGraphStore(path: path("g.db"))
        _ = try store.merge([document("d0", [Entity(type: .park, name: "清徐经济开发区")])])
        struct Stop: Error {}
        XCTAssertThrowsError(try store.write {
            _ = try store.merge([document("d1", [Entity(type: .park, name: "屯留经济技术开发区")])], commit: false)
            XCTAssertEqual(try SQLiteGraphStore(path: path("g.db")).counts().documents, 1, "not committed yet")
            throw Stop()
        })
        XCTAssertEqual(try store.counts().documents, 1, "rolled back")
        try store.write {
            _ = try store.merge([document("d1", [Entity(type: .park, name: "屯留经济技术开发区")])], commit: false)
            _ = try store.merge([document("d2", [Entity(type: .park, name: "屯留经济技术开发区")])], commit: false)
        }
        let other = SQLiteGraphStore(path: path("g.db"))
        XCTAssertEqual(try other.counts().documents, 3, "committed at the end of write")
        XCTAssertEqual(try other.counts().entities, 2, "d2's park joined d1's in the same transaction")
    }

    func testSchemaVersionApplicationIDAndWAL() throws {
        let store = SQLiteGraphStore(path: path("g.db"))
        _ = try store.merge([document("d1", [Entity(type: .park, name: "屯留经济技术开发区")])])
        store.close()
        let db = try SQLiteDatabase(path: path("g.db"), create: false)
        XCTAssertEqual(try db.scalar("PRAGMA user_version"), Int64(SQLiteGraphStore.schemaVersion))
        XCTAssertEqual(try db.scalar("PRAGMA application_id"), Int64(SQLiteGraphStore.applicationID))
        XCTAssertEqual(try db.query("PRAGMA journal_mode") { $0.text(0) }, ["wal"])
        let tables = try db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") { $0.text(0) }
        XCTAssertEqual(tables, ["counts", "documents", "edges", "entities", "evidence", "mentions", "meta", "names", "official_anchors", "posts"])
        let indexes = Set(try db.query("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'") { $0.text(0) })
        XCTAssertEqual(indexes, ["documents_by_sha256", "edges_by_target", "entities_by_type", "evidence_by_edge", "names_by_key", "official_anchors_by_entity", "posts_by_entity"])
        // The edge table's UNIQUE(source, type, target) is the index by source.
        let plan = try db.query("EXPLAIN QUERY PLAN SELECT id FROM edges WHERE source = 1") { $0.text(3) }.joined()
        XCTAssertTrue(plan.contains("USING COVERING INDEX") || plan.contains("USING INDEX"), plan)
    }

    /// README's `sqlite3 guanxi.db .schema` block is what a database holds.
    func testREADMEShowsTheSchema() throws {
        let store = SQLiteGraphStore(path: path("g.db"))
        _ = try store.merge([document("d1", [Entity(type: .park, name: "屯留经济技术开发区")])])
        store.close()
        let db = try SQLiteDatabase(path: path("g.db"), create: false)
        let schema = try db.query("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid") { $0.text(0) + ";\n" }.joined()
        db.close()
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        let intro = try XCTUnwrap(readme.range(of: "`sqlite3 guanxi.db .schema` prints:"))
        let open = try XCTUnwrap(readme.range(of: "```sql\n", range: intro.upperBound..<readme.endIndex))
        let close = try XCTUnwrap(readme.range(of: "```", range: open.upperBound..<readme.endIndex))
        XCTAssertEqual(String(readme[open.upperBound..<close.lowerBound]), schema)
    }

    // MARK: - merge policy in the store

    func testMergePolicyAcrossDocumentsInTheStore() throws {
        let official = { (title: String) in Entity(type: .official, name: "陈凯", posts: [Post(title: title)]) }
        let frags = [
            document("d1", [official("阳泉市委副书记、代市长"), Entity(type: .park, name: "屯留经济技术开发区", aliases: ["屯留经开区", "园区"]),
                            Entity(type: .organization, name: "长治市科技局", aliases: ["市科技局"])],
                     [Relation(source: "official:陈凯", type: .visited, target: "park:屯留经济技术开发区",
                               evidence: [Evidence(document: "d1", sentence: "陈凯到屯留经开区调研。", start: 0, end: 11, rule: "visit")])]),
            document("d2", [official("阳泉市代市长"), Entity(type: .park, name: "屯留经开区"),
                            Entity(type: .organization, name: "阳泉市科技局", aliases: ["市科技局"])],
                     [Relation(source: "official:陈凯", type: .visited, target: "park:屯留经开区",
                               evidence: [Evidence(document: "d2", sentence: "陈凯再到屯留经开区。", start: 0, end: 10, date: "2025-12",
                                                   amount: Amount(text: "5亿元", value: 5e8))])]),
            document("d3", [official("杭州市副市长"), Entity(type: .park, name: "广安经济技术开发区", aliases: ["园区"])]),
            // The two parks named apart so far join when a document names both forms as one.
            document("d4", [Entity(type: .park, name: "广安经济技术开发区", aliases: ["广安经开区"]),
                            Entity(type: .park, name: "广安经开区高新园")]),
        ]
        let store = SQLiteGraphStore(path: path("g.db"))
        for f in frags { _ = try store.merge([f]) }
        let g = try store.loadAll()
        XCTAssertEqual(try GraphFile.encode(g), try GraphFile.encode(inMemory(frags)))
        // 陈凯 of 阳泉 is one person across d1 and d2; 陈凯 of 杭州 is another.
        let chen = g.lookup("陈凯")
        XCTAssertEqual(chen.count, 2)
        XCTAssertEqual(chen.map { Set($0.mentions.map(\.document)) }.sorted { $0.count > $1.count }, [["d1", "d2"], ["d3"]])
        // The distinctive park name joined d1 and d2; the generic 园区 joined nothing.
        XCTAssertEqual(g.lookup("屯留经开区").map(\.name), ["屯留经济技术开发区"])
        XCTAssertEqual(Set(g.lookup("园区").map(\.name)), ["屯留经济技术开发区", "广安经济技术开发区"])
        XCTAssertEqual(g.lookup("市科技局").count, 2, "relative names never join two documents")
        // One visited edge with both sentences, amount and date kept.
        let visited = g.edges.filter { $0.type == .visited }
        XCTAssertEqual(visited.count, 1)
        XCTAssertEqual(visited.first?.evidence.map(\.document), ["d1", "d2"])
        XCTAssertEqual(visited.first?.evidence.last?.amount, Amount(text: "5亿元", value: 5e8))
        XCTAssertEqual(visited.first?.evidence.first?.rule, "visit")
    }

    func testMergingTwoHeldEntitiesRepointsTheirEdges() throws {
        // d1 and d2 name two companies apart; d3 names both forms of one, joining them: their edges move.
        let frags = [
            document("d1", [Entity(type: .company, name: "山西绿色氢能有限公司"), Entity(type: .park, name: "清徐经济开发区")],
                     [Relation(source: "company:山西绿色氢能有限公司", type: .locatedIn, target: "park:清徐经济开发区",
                               evidence: [Evidence(document: "d1", sentence: "甲", start: 0, end: 1)])]),
            document("d2", [Entity(type: .company, name: "绿色氢能科技"), Entity(type: .park, name: "清徐经济开发区")],
                     [Relation(source: "company:绿色氢能科技", type: .locatedIn, target: "park:清徐经济开发区",
                               evidence: [Evidence(document: "d2", sentence: "乙", start: 0, end: 1)])]),
            document("d3", [Entity(type: .company, name: "山西绿色氢能有限公司", aliases: ["绿色氢能科技"])]),
        ]
        let store = SQLiteGraphStore(path: path("g.db"))
        _ = try store.merge(frags)
        let g = try store.loadAll()
        XCTAssertEqual(try GraphFile.encode(g), try GraphFile.encode(inMemory(frags)))
        XCTAssertEqual(g.lookup("绿色氢能科技").map(\.id), ["company:山西绿色氢能有限公司"])
        XCTAssertEqual(g.edges.map(\.evidence.count), [2])
    }

    // MARK: - building

    func testIncrementalBuildSkipsHeldDocumentsAndEqualsOneBuild() throws {
        let halves = try seedHalves()
        let once = SQLiteGraphStore(path: path("once.db"))
        let r0 = try CorpusBuilder(store: once).build(paths: halves)
        XCTAssertEqual(r0.documentsAdded, 5, "the page's five articles, one document each")
        let store = SQLiteGraphStore(path: path("g.db"))
        let r1 = try CorpusBuilder(store: store).build(paths: [halves[0]])
        XCTAssertEqual([r1.documentsAdded, r1.documentsKnown, r1.documents], [1, 0, 1])
        let r2 = try CorpusBuilder(store: store).build(paths: halves)
        XCTAssertEqual([r2.documentsAdded, r2.documentsKnown, r2.documents], [4, 1, 5], "four articles added, one file held")
        XCTAssertEqual(r2.nodesAdded, r2.nodes - r1.nodes)
        XCTAssertEqual(try GraphFile.encode(store.loadAll()), try GraphFile.encode(once.loadAll()))
        // Nothing new: nothing added, the store's bytes of content unchanged.
        let r3 = try CorpusBuilder(store: store).build(paths: halves)
        XCTAssertEqual([r3.documentsAdded, r3.documentsKnown, r3.nodesAdded, r3.edgesAdded], [0, 2, 0, 0])
    }

    func testStrictBuildWithASkippedInputCreatesNothing() throws {
        var builder = CorpusBuilder(store: SQLiteGraphStore(path: path("g.db")))
        builder.strict = true
        XCTAssertThrowsError(try builder.build(paths: [Self.seedPage, path("missing.txt")])) { error in
            guard case BuildError.strict(let skipped)? = error as? BuildError else { return XCTFail("\(error)") }
            XCTAssertEqual(skipped.map(\.path), [path("missing.txt")])
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("g.db")))
    }

    func testTheStoreIsNeverItsOwnInput() throws {
        let store = SQLiteGraphStore(path: path("g.txt"))     // a store whose name looks like a document
        _ = try CorpusBuilder(store: store).build(paths: [Self.seedPage])
        _ = FileManager.default.createFile(atPath: path("g.txt-wal"), contents: Data("x".utf8))
        var skipped: [(path: String, reason: String)] = []
        let files = CorpusBuilder.collect([dir.path, path("g.txt")], storePath: path("g.txt"), skipped: &skipped)
        XCTAssertFalse(files.contains { $0.hasSuffix("g.txt") || $0.hasSuffix("g.txt-wal") }, "\(files)")
        XCTAssertEqual(skipped.map(\.path), [path("g.txt")])
        XCTAssertTrue(skipped[0].reason.contains("the graph's own file"), skipped[0].reason)
    }

    // MARK: - queries

    func testNeighbourhoodPathSearchAndStatsReadOnlyWhatTheyNeed() throws {
        let store = SQLiteGraphStore(path: path("g.db"))
        _ = try CorpusBuilder(store: store).build(paths: try seedHalves())
        let whole = try store.loadAll()
        guard let chen = whole.lookup("陈凯").first, let ci = whole.index(of: chen.id) else { return XCTFail("no 陈凯") }
        for depth in 1...2 {
            let part = try store.neighbourhood(of: ["陈凯"], depth: depth, mentions: false)
            XCTAssertLessThan(part.nodeCount, whole.nodeCount)
            guard let pi = part.index(of: chen.id) else { return XCTFail("focus missing") }
            let expect = whole.neighborhood(of: ci, depth: depth).compactMap { whole.entity(at: $0.node)?.id }.sorted()
            let got = part.neighborhood(of: pi, depth: depth).compactMap { part.entity(at: $0.node)?.id }.sorted()
            XCTAssertEqual(got, expect, "depth \(depth)")
        }
        // The focus's mentions come with it; its card's relations are whole.
        let card = try store.neighbourhood(of: ["陈凯"], depth: 1, mentions: true)
        XCTAssertEqual(card.entity(id: chen.id)?.mentions, chen.mentions)
        // Unknown name: the closest names, for suggestions.
        let near = try store.neighbourhood(of: ["陈凯凯"], depth: 1, mentions: false)
        XCTAssertTrue(near.lookup("陈凯凯").isEmpty)
        XCTAssertEqual(near.suggestions(for: "陈凯凯"), whole.suggestions(for: "陈凯凯"))
        // Paths: the same length as the whole graph's shortest path, for every pair reachable from 陈凯.
        for target in whole.neighborhood(of: ci, depth: 4).compactMap({ whole.entity(at: $0.node) }) {
            let name = target.name
            let part = try store.pathGraph(from: ["陈凯"], to: [name])
            guard let a = part.lookup("陈凯").first.flatMap({ part.index(of: $0.id) }),
                  let b = part.lookup(name).first.flatMap({ part.index(of: $0.id) }),
                  let wb = whole.lookup(name).first.flatMap({ whole.index(of: $0.id) }) else { return XCTFail(name) }
            XCTAssertEqual(part.shortestPath(from: a, to: b)?.count, whole.shortestPath(from: ci, to: wb)?.count, name)
        }
        // Search and stats agree with the whole graph.
        let hits = try store.search("开发区").entities.map(\.id)
        XCTAssertEqual(hits, whole.entities.filter { $0.allNames.contains { NameKey.of($0).contains("开发区") } }.map(\.id))
        let s = try store.statistics(top: 5), w = GraphStatistics(whole, top: 5)
        XCTAssertEqual(s.counts, w.counts)
        XCTAssertEqual([s.components, s.largestComponent], [w.components, w.largestComponent])
        XCTAssertEqual(s.topByDegree.map(\.entity.id), w.topByDegree.map(\.entity.id))
        XCTAssertEqual(s.topByDegree.map(\.degree), w.topByDegree.map(\.degree))
    }

    // MARK: - concurrency and damage

    /// A reader queries while a writer holds a transaction open (WAL): it sees the last commit.
    func testReaderQueriesWhileAWriteIsOpen() throws {
        let p = path("g.db")
        let writer = SQLiteGraphStore(path: p)
        _ = try writer.merge([document("d1", [Entity(type: .park, name: "屯留经济技术开发区")])])
        let entered = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let box = Box()
        Thread {
            do {
                try SQLiteGraphStore(path: p).withWriteTransaction {
                    entered.signal()
                    release.wait()
                }
            } catch { box.error = "\(error)" }
            done.signal()
        }.start()
        entered.wait()
        let t0 = Date()
        let reader = SQLiteGraphStore(path: p)
        XCTAssertEqual(try reader.counts().entities, 1)
        XCTAssertEqual(try reader.neighbourhood(of: ["屯留经开区"], depth: 1, mentions: false).nodeCount, 1)
        XCTAssertLessThan(Date().timeIntervalSince(t0), 1.0, "the reader did not wait for the writer")
        release.signal()
        done.wait()
        XCTAssertNil(box.error)
    }

    final class Box: @unchecked Sendable { var error: String? }

    func testDamagedFilesAreRefusedAndLeftAlone() throws {
        let p = path("g.db")
        _ = try CorpusBuilder(store: SQLiteGraphStore(path: p)).build(paths: [Self.seedPage])
        let good = try Data(contentsOf: URL(fileURLWithPath: p))
        XCTAssertFalse(FileManager.default.fileExists(atPath: p + "-wal"), "the last connection checkpoints and removes the WAL")
        var other = try SQLiteDatabase(path: path("other.db"), create: true)
        try other.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1)")
        other.close()
        let foreign = try Data(contentsOf: URL(fileURLWithPath: path("other.db")))
        other = try SQLiteDatabase(path: path("newer.db"), create: true)
        try other.execute("PRAGMA application_id=\(SQLiteGraphStore.applicationID); PRAGMA user_version=99; CREATE TABLE t(x)")
        other.close()
        let newer = try Data(contentsOf: URL(fileURLWithPath: path("newer.db")))
        let cases: [(String, Data, String)] = [
            ("empty", Data(), "empty"),
            ("truncated", good.prefix(good.count / 2), "truncated"),
            ("header only", good.prefix(60), "shorter"),
            ("text", Data("hello, not a database\n".utf8), "not an SQLite database"),
            ("JSON graph", Data("{\"format\": \"guanxi-graph\"}".utf8), "not a Guanxi graph"),
            ("another SQLite database", foreign, "not a Guanxi graph"),
            ("newer schema", newer, "newer"),
        ]
        for (name, bytes, reason) in cases {
            try bytes.write(to: URL(fileURLWithPath: p))
            let store = SQLiteGraphStore(path: p)
            for (op, run) in [("counts", { _ = try store.counts() }), ("merge", { _ = try store.merge([self.document("x", [])]) }),
                              ("build", { _ = try CorpusBuilder(store: store).build(paths: [Self.seedPage]) })] as [(String, () throws -> Void)] {
                XCTAssertThrowsError(try run(), "\(name) \(op)") { error in
                    let message = "\(error)"
                    XCTAssertTrue(message.contains(p) && message.contains(reason), "\(name) \(op): \(message)")
                }
                XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: p)), bytes, "\(name) \(op): file untouched")
                XCTAssertFalse(FileManager.default.fileExists(atPath: p + "-wal"), "\(name) \(op): no WAL made")
            }
        }
    }
}
