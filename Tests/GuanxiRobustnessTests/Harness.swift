import Foundation
import GuanxiGraph
import XCTest

/// Runs the built `guanxi` binary and makes scratch folders for the robustness tests.
enum Harness {
    /// `GUANXI_LONG_TESTS=1`: the full-length runs (all the kills, the big inputs, thousands of
    /// property cases). The default suite runs short versions of the same checks.
    static var long: Bool { ProcessInfo.processInfo.environment["GUANXI_LONG_TESTS"] == "1" }

    /// An integer from the environment, else the long or the default value.
    static func count(_ name: String, default short: Int, long full: Int) -> Int {
        Int(ProcessInfo.processInfo.environment[name] ?? "") ?? (long ? full : short)
    }

    /// The `guanxi` executable next to the test bundle (SwiftPM puts both in the build folder).
    static func binary() throws -> URL {
        var candidates: [URL] = []
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("guanxi"))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("guanxi"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("guanxi"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            // A missing binary fails the test (it never passes untested).
            throw HarnessError.noBinary(candidates.map(\.path))
        }
        return found
    }

    enum HarnessError: Error, CustomStringConvertible {
        case noBinary([String])
        var description: String {
            switch self {
            case .noBinary(let looked): "the guanxi binary is not built next to the tests (run `swift build` first); looked in \(looked)"
            }
        }
    }

    struct Result {
        var code: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `guanxi args…` to the end (stdout and stderr read concurrently, so a full pipe never blocks).
    @discardableResult
    static func run(_ args: [String], in dir: URL? = nil, environment: [String: String]? = nil) throws -> Result {
        let p = try start(args, in: dir, environment: environment)
        return p.finish()
    }

    /// A started process and its pipes.
    final class Running: @unchecked Sendable {
        let process: Process
        let out = Pipe(), err = Pipe()
        private var outData = Data(), errData = Data()
        private let group = DispatchGroup()

        init(process: Process) { self.process = process }

        func startReading() {
            for (pipe, isOut) in [(out, true), (err, false)] {
                group.enter()
                DispatchQueue.global().async {
                    let d = pipe.fileHandleForReading.readDataToEndOfFile()
                    if isOut { self.outData = d } else { self.errData = d }
                    self.group.leave()
                }
            }
        }

        func finish() -> Result {
            process.waitUntilExit()
            group.wait()
            return Result(code: process.terminationStatus,
                          stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: errData, as: UTF8.self))
        }
    }

    static func start(_ args: [String], in dir: URL? = nil, environment: [String: String]? = nil) throws -> Running {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = args
        if let dir { process.currentDirectoryURL = dir }
        var env = ProcessInfo.processInfo.environment
        env["GUANXI_GRAPH"] = nil
        for (k, v) in environment ?? [:] { env[k] = v }
        process.environment = env
        let running = Running(process: process)
        process.standardOutput = running.out
        process.standardError = running.err
        try process.run()
        running.startReading()
        return running
    }

    /// A fresh scratch folder, removed by the test case's teardown.
    static func scratch(_ test: XCTestCase, _ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("guanxi-robust-\(safe)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// A short, good news document (two officials, a park, a company, a policy) with a marker
    /// word so each copy is a different file.
    static func goodDocument(_ marker: String) -> String {
        """
        太原市委书记陈凯到山西转型综改示范区调研\(marker)

        本报讯 1月4日，太原市委书记陈凯到山西转型综改示范区调研。他先后来到山西合成生物产业生态园、山西綠色氫能有限公司，察看项目建设情况。
        陈凯强调，要深入实施《山西省未来产业发展规划》，加快推进\(marker)项目建设。太原市委副书记、市长王强陪同调研。
        """
    }

    static func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    /// The documents a graph holds, by id (read as a user would: the JSON file, or a database's
    /// `export --format graph`).
    static func documentIDs(_ graph: URL) throws -> Set<String> {
        Set(try load(graph).documents.keys)
    }

    /// The graph at a path: a JSON graph file as it is, an SQLite graph through `guanxi export --format graph`.
    static func load(_ graph: URL) throws -> KnowledgeGraph {
        try GraphFile.decode(try graphJSON(graph), path: graph.path)
    }

    /// The graph's deterministic JSON (the file itself, or a database's export).
    static func graphJSON(_ graph: URL) throws -> Data {
        if graph.pathExtension == "json" { return try Data(contentsOf: graph) }
        let r = try run(["export", "--format", "graph", "--graph", graph.path])
        guard r.code == 0 else { throw XCTSkip("export failed: \(r.stderr)") }
        return Data(r.stdout.utf8)
    }
}
