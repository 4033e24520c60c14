import Foundation
import GuanxiTestSupport
import GuanxiBuild
import GuanxiExtract
import GuanxiGraph
import GuanxiRender
import GuanxiText

// guanxi-bench: the performance table of docs/performance.md (`make bench` runs scripts/bench.sh).
//   guanxi-bench generate --mb N --out DIR        write an N MB corpus (deterministic)
//   guanxi-bench run [--work DIR] [--sizes 1,10,100] [--guanxi BIN] [--python python3] [--doc docs/performance.md]
//   guanxi-bench line [--line-kb 128]                one-line linearity alone (128 KB, 512 KB, 2 MB)
//   guanxi-bench extract [--mb 1] [--runs 3]       one-core extraction throughput alone (for A/B work)
//   guanxi-bench load FILE                        load a whole graph (a child process, for its peak memory)
//   --real DIR,DIR   folders of real articles repeated into 1k/2k/4k/8k documents (default ../shared/devset/texts,seeds)

let args = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}
let divisions = option("--divisions") ?? "Sources/GuanxiExtract/Resources/divisions.tsv"

switch args.first {
case "generate":
    let size = Double(option("--mb") ?? "1") ?? 1
    let out = option("--out") ?? "/tmp/guanxi-bench/corpus"
    let paths = try CorpusGenerator(divisionsPath: divisions).write(bytes: Int(size * 1_000_000), to: out)
    print("\(paths.count) documents in \(out)")
case "load":
    let (g, t) = try timed { try GraphStores.open(args[1]).loadAll() }
    print("\(g.nodeCount) \(g.edgeCount) \(t)")
case "line":     // guanxi-bench line [--line-kb 128]: the one-line linearity row alone
    var table = Table()
    oneLineLinearity(Extractor(), baseKB: Int(option("--line-kb") ?? "") ?? 128, into: &table)
    print(table.markdown)
case "extract":  // guanxi-bench extract [--work DIR] [--mb 1] [--runs 3]: one-core extraction alone, for A/B work
    let work = option("--work") ?? "/tmp/guanxi-bench", mb = Int(option("--mb") ?? "1") ?? 1
    let dir = "\(work)/corpus-\(mb)mb"
    if !FileManager.default.fileExists(atPath: dir) {
        _ = try CorpusGenerator(divisionsPath: divisions).write(bytes: mb * 1_000_000, to: dir)
    }
    let files = (FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? [])
        .filter { $0.hasSuffix(".txt") }.sorted().map { "\(dir)/\($0)" }
    let bytes = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
    let extractor = Extractor()
    _ = extractor.extract(SourceText(path: "warm", sha256: "0", encoding: "UTF-8", format: .text, text: "山西省太原市。"), id: "warm")
    var rates: [Double] = []
    for _ in 0..<(Int(option("--runs") ?? "3") ?? 3) {
        let (_, t) = timed {
            for f in files {
                guard let src = try? SourceReader.read(path: f) else { continue }
                _ = extractor.extract(src, id: f)
            }
        }
        rates.append(Double(bytes) / t / 1e6)
    }
    print(String(format: "extract, 1 core, %d files, %.2f MB: %@ MB/s (best %.2f)", files.count, Double(bytes) / 1e6,
                 rates.map { String(format: "%.2f", $0) }.joined(separator: " "), rates.max() ?? 0))
case "run":
    var bench = Bench(work: option("--work") ?? "/tmp/guanxi-bench",
              sizes: (option("--sizes") ?? "1,10,100").split(separator: ",").compactMap { Int($0) },
              guanxi: option("--guanxi") ?? ".build-bench/release/guanxi",
              python: option("--python") ?? "python3",
              doc: option("--doc"),
              real: (option("--real") ?? "../shared/devset/texts,seeds").split(separator: ",").map(String.init),
              realCounts: (option("--real-docs") ?? "1000,2000,4000,8000").split(separator: ",").compactMap { Int($0) })
    try bench.run()
default:
    print("usage: guanxi-bench generate --mb N --out DIR | run [--work DIR] [--sizes 1,10,100] [--guanxi BIN] [--doc FILE] | line [--line-kb 128] | load FILE")
}

struct Corpus {
    var megabytes: Int
    var dir: String
    var files: [String]
    var bytes: Int
}

struct Bench {
    var work: String
    var sizes: [Int]
    var guanxi: String
    var python: String
    var doc: String?
    var real: [String]
    var realCounts: [Int]
    var table = Table()
    let self_ = CommandLine.arguments[0]

    init(work: String, sizes: [Int], guanxi: String, python: String, doc: String?, real: [String], realCounts: [Int]) {
        self.work = work; self.sizes = sizes.sorted(); self.guanxi = guanxi; self.python = python; self.doc = doc
        self.real = real; self.realCounts = realCounts.sorted()
    }

    func files(in dir: String) -> [String] {
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: dir) else { return [] }
        return e.compactMap { $0 as? String }.filter { $0.hasSuffix(".txt") }.sorted().map { "\(dir)/\($0)" }
    }

    /// The corpus of `size` MB, generated once into the work folder (same seed: same text).
    mutating func corpus(_ size: Int) throws -> Corpus {
        let dir = "\(work)/corpus-\(size)mb"
        let stamp = "\(dir)/.complete-v2"
        if !FileManager.default.fileExists(atPath: stamp) {
            try? FileManager.default.removeItem(atPath: dir)
            let (_, t) = try timed { try CorpusGenerator(divisionsPath: divisions).write(bytes: size * 1_000_000, to: dir) }
            _ = FileManager.default.createFile(atPath: stamp, contents: Data())
            table.add("corpus", "generate", "\(size) MB", secs(t))
        }
        let fs = files(in: dir)
        let bytes = fs.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        return Corpus(megabytes: size, dir: dir, files: fs, bytes: bytes)
    }

    mutating func run() throws {
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        FileHandle.standardError.write(Data("guanxi-bench: \(cores) cores, work folder \(work)\n".utf8))
        var corpora: [Corpus] = []
        for s in sizes { corpora.append(try corpus(s)) }
        let extractor = Extractor()
        _ = extractor.extract(SourceText(path: "warm", sha256: "0", encoding: "UTF-8", format: .text, text: "山西省太原市。"), id: "warm")

        // 1. Extraction throughput (read + normalise + split + recognise + resolve + relate), no merge.
        var oneCore: [Int: Double] = [:]   // chars/s at size
        for c in corpora {
            var chars = 0
            if c.megabytes <= 10 {
                // Several passes, the best reported (the machine is shared: a pass that another
                // process slowed says nothing about the extractor), the median beside it.
                var times: [Double] = []
                for _ in 0..<(c.megabytes <= 1 ? 5 : 2) {
                    chars = 0
                    let (_, t) = timed {
                        for f in c.files {
                            guard let src = try? SourceReader.read(path: f) else { continue }
                            chars += src.text.unicodeScalars.count
                            _ = extractor.extract(src, id: f)
                        }
                    }
                    times.append(t)
                }
                times.sort()
                let t = times[0], median = times[times.count / 2]
                oneCore[c.megabytes] = Double(chars) / t
                table.add("extract", "1 core", "\(c.megabytes) MB",
                          String(format: "%.2f MB/s, %@ chars/s (best of %d; median %.2f MB/s)", Double(c.bytes) / t / 1e6, num(Double(chars) / t),
                                 times.count, Double(c.bytes) / median / 1e6),
                          String(format: "target ≥ 1.2 MB/s (issue 11): %@", Double(c.bytes) / t / 1e6 >= 1.2 ? "met" : "not met"))
            }
            // At 100 MB the build below (every core, merge included) stands for this pass: it
            // would cost another minute or more of the 10-minute budget.
            if c.megabytes > 10 && oneCore[c.megabytes] == nil { continue }
            let files = c.files
            var counter = Counter(), tp = Double.infinity
            for _ in 0..<(c.megabytes <= 1 ? 5 : c.megabytes <= 10 ? 2 : 1) {     // best of several, as above
                let pass = Counter()
                let (_, t) = timed {
                    DispatchQueue.concurrentPerform(iterations: files.count) { i in
                        guard let src = try? SourceReader.read(path: files[i]) else { return }
                        pass.add(src.text.unicodeScalars.count)
                        _ = extractor.extract(src, id: files[i])
                    }
                }
                if t < tp { tp = t; counter = pass }
            }
            let scale = oneCore[c.megabytes].map { Double(counter.value) / tp / $0 }
            table.add("extract", "\(cores) cores", "\(c.megabytes) MB",
                      String(format: "%.2f MB/s, %@ chars/s", Double(c.bytes) / tp / 1e6, num(Double(counter.value) / tp)),
                      scale.map { String(format: "×%.2f of 1 core (target ≥1.7)", $0) } ?? "")
        }

        // 2. Anchors on the same text (1 MB sample).
        if let first = corpora.first {
            let sample = "\(work)/sample-\(first.megabytes)mb.txt"
            var text = Data()
            for f in first.files { text.append((try? Data(contentsOf: URL(fileURLWithPath: f))) ?? Data()) }
            try text.write(to: URL(fileURLWithPath: sample))
            let r = runChild([python, "scripts/bench_anchors.py", sample])
            for line in r.stdout.split(separator: "\n") {
                let f = line.split(separator: "\t").map(String.init)
                guard f.count >= 3 else { continue }
                if f[1] == "skip" { table.notes.append("\(f[0]): skipped — \(f[2])"); continue }
                guard let cps = Double(f[1]) else { continue }
                let ratio = oneCore[first.megabytes].map { String(format: "Guanxi 1 core = ×%.2f", $0 / cps) } ?? ""
                table.add("anchor", f[0], "\(first.megabytes) MB sample", "\(num(cps)) chars/s", ratio)
            }
            if r.status != 0 && r.stdout.isEmpty { table.notes.append("anchors: \(python) scripts/bench_anchors.py failed; skipped") }
        }

        // 3. Build through the CLI into the SQLite store (extract on every core + merge, a commit per batch).
        var graphs: [(Corpus, String)] = []
        var builds: [(Double, Double)] = []      // (MB, seconds)
        for c in corpora {
            let out = "\(work)/graph-\(c.megabytes)mb.db"
            let (r, runs) = bestBuild([guanxi, "build", c.dir, "--graph", out], graph: out)
            let counts = try? SQLiteGraphStore(path: out).counts()
            let growth = builds.last.map { prev in
                let doublings = log2(Double(c.bytes) / 1e6 / prev.0)
                return String(format: "; ×%.2f per doubling of input", pow(r.seconds / prev.1, 1 / doublings))
            } ?? ""
            table.add("build", "guanxi build → SQLite, \(cores) cores, generated text (wall, MB/s, peak RSS)", "\(c.megabytes) MB",
                      "\(secs(r.seconds)), " + String(format: "%.2f MB/s", Double(c.bytes) / r.seconds / 1e6) + ", \(mb(r.peakRSS))" + runs,
                      (counts.map { "\(num(Double($0.entities))) nodes, \(num(Double($0.relations))) edges" } ?? "exit \(r.status)") + growth)
            builds.append((Double(c.bytes) / 1e6, r.seconds))
            if r.status == 0 { graphs.append((c, out)) }
        }

        // 3b. Real text: the seed page and the devset articles repeated into 1k, 2k, 4k, 8k documents
        // (read from ../shared at run time; each copy gets a line of its own, so it is a new document).
        try realTextBuilds(cores: cores)

        // 4. The store: whole-graph load, queries end to end (the CLI, a process per call), adding one article.
        for (c, path) in graphs {
            let store = SQLiteGraphStore(path: path)
            guard let counts = try? store.counts() else { continue }
            let label = "\(c.megabytes) MB (\(num(Double(counts.entities))) n / \(num(Double(counts.relations))) e)"
            let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
            let lb = runChild([self_, "load", path])
            let lbT = Double(lb.stdout.split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? .nan
            table.add("store", "database size / whole-graph load (export, report) / its peak RSS", label, "\(mb(size)) / \(secs(lbT)) / \(mb(lb.peakRSS))")
            // Entities spread over the table (deterministic), and the hubs.
            let db = try SQLiteDatabase(path: path, create: false)
            let n = Int(try db.scalar("SELECT max(id) FROM entities") ?? 1)
            var rng = SplitMix64(seed: 7)
            var names: [String] = []
            while names.count < 30 {
                let id = Int64(rng.below(max(n, 1)) + 1)
                if let name = try db.query("SELECT name FROM entities WHERE id >= ?1 ORDER BY id LIMIT 1", [.int(id)], { $0.text(0) }).first { names.append(name) }
            }
            let hubs = try db.query("""
                SELECT e.name, d.c FROM (SELECT x AS id, count(*) AS c FROM (SELECT source AS x FROM edges UNION ALL SELECT target FROM edges)
                GROUP BY x ORDER BY c DESC LIMIT 2) d JOIN entities e ON e.id = d.id
                """, [], { ($0.text(0), Int($0.int(1))) })
            db.close()
            // In process: the neighbourhood read from the store (what `neighbors` reads).
            var inproc: [Double] = []
            for name in names {
                let (_, t) = timed { _ = try? store.neighbourhood(of: [name], depth: 1, mentions: false) }
                inproc.append(t)
            }
            table.add("neighbors", "in process: neighbourhood read from the store, p50 / max (\(inproc.count) entities)", label,
                      "\(secs(percentile(inproc, 0.5))) / \(secs(inproc.max() ?? .nan))")
            func endToEnd(_ argsList: [[String]]) -> (p50: Double, max: Double, rss: Int, ok: Int) {
                var ts: [Double] = [], peak = 0
                for a in argsList {
                    let r = runChild([guanxi] + a + ["--graph", path])
                    if r.status == 0 { ts.append(r.seconds); peak = max(peak, r.peakRSS) }
                }
                return (percentile(ts, 0.5), ts.max() ?? .nan, peak, ts.count)
            }
            let nb = endToEnd(names.map { ["neighbors", $0] })
            table.add("neighbors", "guanxi neighbors, end to end p50 / max (\(nb.ok) random entities), peak RSS", label,
                      "\(secs(nb.p50)) / \(secs(nb.max)), \(mb(nb.rss))", "target ≤ 50 ms, ≤ 100 MB")
            let hb = endToEnd(hubs.map { ["neighbors", $0.0] })
            table.add("neighbors", "guanxi neighbors of the 2 hubs (degree \(hubs.map { String($0.1) }.joined(separator: ", "))), p50 / max, peak RSS", label,
                      "\(secs(hb.p50)) / \(secs(hb.max)), \(mb(hb.rss))")
            let sh = endToEnd(names.prefix(15).map { ["show", $0] })
            table.add("show", "guanxi show, end to end p50 / max (\(sh.ok) entities), peak RSS", label,
                      "\(secs(sh.p50)) / \(secs(sh.max)), \(mb(sh.rss))", "target ≤ 50 ms")
            var pairs: [[String]] = []
            for i in stride(from: 0, to: 20, by: 2) { pairs.append(["path", names[i], names[i + 1]]) }
            var pathTimes: [Double] = [], connected = 0, pathPeak = 0
            for a in pairs {
                let r = runChild([guanxi] + a + ["--graph", path])
                if r.status == 0 || r.status == 1 { pathTimes.append(r.seconds); pathPeak = max(pathPeak, r.peakRSS) }
                if r.status == 0 { connected += 1 }
            }
            table.add("path", "guanxi path between random entities, end to end p50 / max (\(pathTimes.count) pairs, \(connected) connected), peak RSS", label,
                      "\(secs(percentile(pathTimes, 0.5))) / \(secs(pathTimes.max() ?? .nan)), \(mb(pathPeak))", "target p50 ≤ 0.5 s")
            let st = endToEnd([["stats"]])
            table.add("stats", "guanxi stats (components over the edge table), end to end, peak RSS", label, "\(secs(st.p50)), \(mb(st.rss))")
            // Adding one article (a real one when ../shared is there, with a line of its own).
            if let article = realArticles().first {
                let file = "\(work)/one-more-\(c.megabytes).txt"
                try (article + "\n（增补 \(Date().timeIntervalSince1970)）\n").write(toFile: file, atomically: true, encoding: .utf8)
                let r = runChild([guanxi, "build", file, "--graph", path])
                table.add("build", "adding one article to the store, end to end (peak RSS)", label, "\(secs(r.seconds)) (\(mb(r.peakRSS)))",
                          r.status == 0 ? "target ≤ 0.5 s" : "exit \(r.status)")
            }
        }

        // 5. Rendering: in-process libgvc against the programs on the same DOT text.
        if let (c, path) = graphs.first(where: { $0.0.megabytes >= 10 }) ?? graphs.last, let g = try? SQLiteGraphStore(path: path).loadAll() {
            let hub = g.degreeRanking(limit: 1).first?.entity.id
            let cases: [(String, DiagramQuery, Int)] = [
                ("ego 50", DiagramQuery(focus: hub, depth: 2, maxNodes: 50), 5),
                ("ego 500", DiagramQuery(focus: hub, depth: 2, maxNodes: 500), 2),
                ("overview 5000", DiagramQuery(maxNodes: 5000), 1),
            ]
            // The overview is cut from the 1 MB graph: `Diagram.select`'s --max-nodes cut costs
            // O(kept × frontier) and takes 80 s on the 10 MB graph (see docs/performance.md).
            let smallGraph = graphs.first.flatMap { try? SQLiteGraphStore(path: $0.1).loadAll() }
            for (name, q, reps) in cases {
                let source = (q.focus == nil ? smallGraph : nil) ?? g
                let (full, ts) = timed { Diagram.select(from: source, query: q) }
                // A hub's tooltip lists hundreds of posts: over the 16 KB that `dot`'s scanner
                // takes in one string. Trim posts and evidence so both sides read the same DOT.
                let d = trimmedDiagram(full)
                let options = DOTOptions()
                let engine = options.resolvedEngine(nodeCount: d.graph.nodeCount)
                var o = options; o.engine = engine
                let dot = DOTWriter.write(d, options: o)
                let dotFile = "\(work)/render-\(name.replacingOccurrences(of: " ", with: "-")).gv"
                try dot.write(toFile: dotFile, atomically: true, encoding: .utf8)
                var inproc: [Double] = [], prog: [Double] = []
                for _ in 0..<reps {
                    let (ok, t) = timed { (try? GraphvizRenderer.shared.render(dot: dot, format: .svg, engine: engine)) != nil }
                    if ok { inproc.append(t) }
                    let r = runChild([engine.rawValue, "-Tsvg", dotFile, "-o", "/dev/null"])
                    if r.status == 0 { prog.append(r.seconds) }
                }
                let a = percentile(inproc, 0.5), b = percentile(prog, 0.5)
                table.add("render", "\(name) (\(d.graph.nodeCount) nodes, \(d.graph.edgeCount) edges), \(engine.rawValue): libgvc / `\(engine.rawValue)` program",
                          q.focus == nil && smallGraph != nil ? "\(graphs[0].0.megabytes) MB graph" : "\(c.megabytes) MB graph", "\(inproc.isEmpty ? "failed" : secs(a)) / \(prog.isEmpty ? "n/a" : secs(b))",
                          prog.isEmpty ? "program failed or not installed" : String(format: "×%.2f (target ≤ 1.05); select %@", a / b, secs(ts)))
            }
            let small = trimmedDiagram(Diagram.select(from: g, query: DiagramQuery(focus: hub, depth: 1, maxNodes: 50)))
            var failures = 0
            _ = try? GraphvizRenderer.shared.render(small, format: .svg)
            let before = memory().rss
            for _ in 0..<200 { if (try? GraphvizRenderer.shared.render(small, format: .svg)) == nil { failures += 1 } }
            let after = memory().rss
            table.add("render", "RSS before → after 200 renders (ego 50) in one process", "\(c.megabytes) MB graph",
                      "\(mb(before)) → \(mb(after))", String(format: "%+.1f MB", Double(after - before) / 1e6) + (failures > 0 ? ", \(failures) failed" : ""))
        }

        // 6. OpenCC: the scan that decides, against converting everything.
        if let c = corpora.first {
            var text = ""
            for f in c.files.prefix(200) { text += (try? String(contentsOfFile: f, encoding: .utf8)) ?? "" }
            let bytes = text.utf8.count
            let (_, tScan) = timed { _ = Normalizer.normalize(text) }
            if let cc = ChineseConverter.shared {
                let (_, tAll) = timed { _ = cc.convert(text) }
                table.add("normalize", "Normalizer (scan; Simplified text is not converted) / OpenCC on all of it", mb(bytes),
                          String(format: "%.1f MB/s / %.1f MB/s", Double(bytes) / tScan / 1e6, Double(bytes) / tAll / 1e6),
                          String(format: "×%.1f", tAll / tScan))
            }
        }

        // 7. One document of one long line: see `oneLineLinearity`.
        oneLineLinearity(extractor, baseKB: Int(option("--line-kb") ?? "") ?? 128, into: &table)

        let md = table.markdown
        print(md)
        if let doc, var text = try? String(contentsOfFile: doc, encoding: .utf8),
           let a = text.range(of: "<!-- bench:begin -->"), let b = text.range(of: "<!-- bench:end -->"), a.upperBound <= b.lowerBound {
            let stamp = "\n_Measured \(ISO8601DateFormatter().string(from: Date())) on \(cores) cores; `make bench`._\n\n"
            text.replaceSubrange(a.upperBound..<b.lowerBound, with: stamp + md + "\n")
            try text.write(toFile: doc, atomically: true, encoding: .utf8)
        }
    }
}

extension Bench {
    /// The real articles of the `--real` folders (../shared/devset/texts and seeds/ by default), read at run time.
    func realArticles() -> [String] {
        var out: [String] = []
        for dir in real {
            for f in files(in: dir) { if let t = try? String(contentsOfFile: f, encoding: .utf8) { out.append(t) } }
        }
        return out
    }

    /// A build into a fresh store at `graph`; one that took under ``repeatBelow`` seconds is run
    /// again and the faster kept (this machine's speed drifts, and a short build is cheap to
    /// repeat), with a note saying so for the table.
    func bestBuild(_ argv: [String], graph: String) -> (ChildRun, String) {
        func once() -> ChildRun {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: graph + suffix) }
            return runChild(argv)
        }
        let first = once()
        guard first.status == 0, first.seconds < Self.repeatBelow else { return (first, "") }
        let second = once()
        return (second.status == 0 && second.seconds < first.seconds ? second : first, " (best of 2)")
    }

    /// Builds shorter than this are run twice.
    static let repeatBelow = 30.0

    /// Builds of real text repeated into 1k, 2k, 4k, 8k documents: wall, MB/s, growth per doubling.
    mutating func realTextBuilds(cores: Int) throws {
        let articles = realArticles()
        guard !articles.isEmpty else {
            table.notes.append("real text: no articles in \(real.joined(separator: ", ")); skipped")
            return
        }
        var prev: Double?
        for n in realCounts {
            let dir = "\(work)/real-\(n)"
            try? FileManager.default.removeItem(atPath: dir)
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            var bytes = 0
            for i in 0..<n {
                let text = articles[i % articles.count] + "\n（第\(i)份）\n"
                bytes += text.utf8.count
                try text.write(toFile: String(format: "\(dir)/r%05d.txt", i), atomically: false, encoding: .utf8)
            }
            let out = "\(work)/real-\(n).db"
            let (r, runs) = bestBuild([guanxi, "build", dir, "--graph", out], graph: out)
            let counts = try? SQLiteGraphStore(path: out).counts()
            let growth = prev.map { String(format: "×%.2f of the half-size build (target ≤ 2.1)", r.seconds / $0) } ?? ""
            table.add("build", "guanxi build → SQLite, \(cores) cores, real text: \(articles.count) articles repeated (wall, MB/s, peak RSS)",
                      "\(n) docs, \(mb(bytes))",
                      "\(secs(r.seconds)), " + String(format: "%.2f MB/s", Double(bytes) / r.seconds / 1e6) + ", \(mb(r.peakRSS))" + runs,
                      (counts.map { "\(num(Double($0.entities))) nodes, \(num(Double($0.relations))) edges; " } ?? "exit \(r.status); ") + growth)
            prev = r.seconds
            try? FileManager.default.removeItem(atPath: dir)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: out + suffix) }
        }
    }
}

/// One document of one long line (no line break) at `baseKB`, ×4 and ×16 that (128 KB, 512 KB
/// and 2 MB by default): each step is ×4 input, so linear time gives ×4 (target ≤ ×4.4). The line
/// is the sample page of ../shared (or `GUANXI_SHARED`) with its line breaks removed, else a
/// made-up sentence. Time is CPU time of this process (all threads), which other processes on a
/// busy machine disturb less than wall time; wall time is shown too.
func oneLineLinearity(_ extractor: Extractor, baseKB: Int, into table: inout Table) {
    let shared = ProcessInfo.processInfo.environment["GUANXI_SHARED"] ?? "../shared"
    let sample = (try? String(contentsOfFile: shared + "/seeds/000_7b3e52b32049f56f.txt", encoding: .utf8))
        .map { $0.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: "") }
    let unit = sample.flatMap { $0.isEmpty ? nil : $0 }
        ?? "太原市委书记陈凯到山西转型综改示范区调研，察看山西合成生物产业生态园项目建设情况。1234567890，，，！！“”abc "
    let what = sample == nil ? "made-up sentence" : "sample page"
    func line(_ bytes: Int) -> SourceText {
        // Whole characters up to `bytes` UTF-8 bytes.
        var text = String(repeating: unit, count: bytes / max(1, unit.utf8.count) + 1)
        var n = 0
        let cut = text.unicodeScalars.firstIndex { n += $0.utf8.count; return n > bytes } ?? text.endIndex
        text = String(text.unicodeScalars[..<cut])
        return SourceText(path: "line", sha256: "0", encoding: "UTF-8", format: .text, text: text)
    }
    // Loads the gazetteer and the converter before anything is timed.
    _ = extractor.extractBounded(line(4096), id: "warm")
    let base = baseKB
    let sizes = [base, base * 4, base * 16]
    var cpu: [Double] = [], wall: [Double] = []
    for kb in sizes {
        let source = line(kb * 1024)
        let c0 = cpuSeconds()
        let (_, t) = timed { _ = extractor.extractBounded(source, id: "line") }
        cpu.append(cpuSeconds() - c0); wall.append(t)
    }
    let ratios = zip(cpu, cpu.dropFirst()).map { String(format: "×%.2f", $1 / $0) }.joined(separator: ", ")
    table.add("extract", "one line (\(what), no line break) of \(sizes.map { "\($0) KB" }.joined(separator: " / ")): CPU (wall)",
              "\(base) KB ×4 ×4",
              zip(cpu, wall).map { String(format: "%.2f s (%.2f s)", $0, $1) }.joined(separator: " / "),
              "CPU ratio \(ratios) (linear ×4; target ≤ ×4.4)")
}

/// A diagram with at most 3 posts and mentions a node and 2 pieces of evidence an edge: a hub's
/// tooltip otherwise passes the 16 KB that `dot`'s scanner reads as one string.
func trimmedDiagram(_ full: Diagram) -> Diagram {
    var trimmed = KnowledgeGraph()
    for var e in full.graph.entities { e.posts = Array(e.posts.prefix(3)); e.mentions = Array(e.mentions.prefix(3)); trimmed.insertVerbatim(e) }
    for var r in full.graph.edges { r.evidence = Array(r.evidence.prefix(2)); trimmed.add(r) }
    return Diagram(graph: trimmed, focus: full.focus, omitted: full.omitted, omittedEdgeCount: full.omittedEdgeCount)
}

/// What `guanxi neighbors` computes for one node: the walk and the rows it prints.
@inline(never)
func neighborRows(_ g: KnowledgeGraph, _ i: Int) -> Int {
    let hits = g.neighborhood(of: i, depth: 1)
    var n = 0
    for h in hits {
        guard let e = g.entity(at: h.node), let r = g.relation(at: h.via.edge) else { continue }
        n += e.name.utf8.count + r.evidence.count
    }
    return n
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var value = 0
    func add(_ n: Int) { lock.lock(); value += n; lock.unlock() }
}
