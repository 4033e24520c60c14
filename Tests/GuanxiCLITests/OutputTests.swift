import Foundation
import GuanxiGraph
import XCTest

/// Issue 14 items 2–6 and 8 for outputs: every `-o`, `-` and standard output of every command goes
/// through one writer that never clobbers the graph, never replaces a device or a symlink, keeps
/// modes, and never loses a write error.
final class OutputTests: GuanxiCLITestCase {
    /// Runs guanxi with standard output sent to `stdout` (a device, a pipe); stderr is returned.
    func guanxi(_ args: [String], stdout: FileHandle) throws -> (status: Int32, reason: Process.TerminationReason, stderr: String) {
        let process = Process()
        process.executableURL = try XCTUnwrap(Self.binary)
        process.arguments = args
        process.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["GUANXI_GRAPH"] = nil
        process.environment = env
        let errURL = dir.appendingPathComponent(".err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = stdout
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try errHandle.close()
        defer { try? FileManager.default.removeItem(at: errURL) }
        return (process.terminationStatus, process.terminationReason, String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    func mode(_ p: String) throws -> Int {
        try XCTUnwrap((try FileManager.default.attributesOfItem(atPath: p))[.posixPermissions] as? Int)
    }

    func kind(_ p: String) -> mode_t {
        var st = stat()
        return lstat(p, &st) == 0 ? st.st_mode & S_IFMT : 0
    }

    // MARK: item 2

    func testOutputThatIsTheGraphFileIsRefusedByIdentity() throws {
        let g = try buildSeeds("g.json")
        let original = try bytes(g)
        try FileManager.default.createSymbolicLink(atPath: path("alias.json"), withDestinationPath: g)
        XCTAssertEqual(link(g, path("hard.json")), 0)
        let spellings = ["./g.json", path("alias.json"), path("hard.json"), dir.path + "/../" + dir.lastPathComponent + "/g.json"]
        for out in spellings {
            for args in [["export", "--graph", g, "-o", out],
                         ["render", "--graph", g, "--format", "svg", "-o", out],
                         ["report", "--graph", g, "--format", "html", "-o", out]] {
                let r = try guanxi(args)
                XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
                XCTAssertTrue(r.stderr.hasSuffix("guanxi: \(out): this is the graph file \(g) itself; refusing to overwrite it with the output (choose another -o)\n"),
                              "\(args): \(r.stderr)")
                XCTAssertEqual(try bytes(g), original, "\(args): the graph is untouched")
            }
        }
        // A CSV folder export refuses a graph file that sits where one of its files would go.
        let csvDir = path("csv")
        try FileManager.default.createDirectory(atPath: csvDir, withIntermediateDirectories: true)
        XCTAssertEqual(link(g, csvDir + "/nodes.csv"), 0)
        let r = try guanxi(["export", "--graph", g, "--format", "csv", "-o", csvDir])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertEqual(try bytes(g), original)
    }

    // MARK: items 3 and 4 (outputs)

    func testOutputThroughASymlinkUpdatesItsTargetAndKeepsTheLink() throws {
        let g = try buildSeeds("g.json")
        let target = path("real.json")
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: path("link.json"), withDestinationPath: "real.json")
        let r = try guanxi(["export", "--graph", g, "-o", path("link.json")])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(kind(path("link.json")), S_IFLNK, "the link is still a link")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: path("link.json")), "real.json")
        XCTAssertEqual(try bytes(target), try NodeLinkJSONExporter().exportData(try GraphFile.load(g)), "the target holds the output")
        // A dangling link: the file it names is created.
        try FileManager.default.createSymbolicLink(atPath: path("dangling.svg"), withDestinationPath: "made.svg")
        XCTAssertEqual(try guanxi(["render", "--graph", g, "-o", path("dangling.svg")]).status, 0)
        XCTAssertEqual(kind(path("dangling.svg")), S_IFLNK)
        XCTAssertEqual(kind(path("made.svg")), S_IFREG)
    }

    func testOutputKeepsTheExistingFileMode() throws {
        let g = try buildSeeds("g.json")
        for (name, m) in [("private.json", 0o600), ("shared.json", 0o664), ("exec.json", 0o750)] {
            let out = path(name)
            try Data("old".utf8).write(to: URL(fileURLWithPath: out))
            XCTAssertEqual(chmod(out, mode_t(m)), 0)
            XCTAssertEqual(try guanxi(["export", "--graph", g, "-o", out]).status, 0)
            XCTAssertEqual(try mode(out), m, name)
            XCTAssertNotEqual(try bytes(out), Data("old".utf8))
        }
        // A new file gets 0666 less the umask, as the shell's `>` would give it.
        let mask = umask(0); umask(mask)
        XCTAssertEqual(try guanxi(["export", "--graph", g, "-o", path("new.json")]).status, 0)
        XCTAssertEqual(try mode(path("new.json")), 0o666 & ~Int(mask))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }, [], "no temporary left")
    }

    // MARK: item 5

    func testDevicesAndFIFOsAreWrittenInPlaceNeverReplaced() throws {
        let g = try buildSeeds("g.json")
        let expected = try NodeLinkJSONExporter().exportData(try GraphFile.load(g))
        for device in ["/dev/null", "/dev/zero"] {
            let r = try guanxi(["export", "--graph", g, "-o", device])
            XCTAssertEqual(r.status, 0, "\(device): \(r.stderr)")
            XCTAssertEqual(kind(device), S_IFCHR, "\(device) is still a device")
        }
        // /dev/stdout reaches standard output (and is not reopened or replaced).
        let r = try guanxi(["export", "--graph", g, "-o", "/dev/stdout"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, expected)
        XCTAssertEqual(try guanxi(["export", "--graph", g, "-o", "-"]).stdout, expected)
        // A FIFO is written in place: the reader gets the bytes and the FIFO stays a FIFO.
        let fifo = path("pipe")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let received = LockedData()
        let reader = Thread {
            if let h = FileHandle(forReadingAtPath: fifo) { received.set(h.readDataToEndOfFile()) }
        }
        reader.start()
        let w = try guanxi(["export", "--graph", g, "-o", fifo])
        XCTAssertEqual(w.status, 0, w.stderr)
        let deadline = Date().addingTimeInterval(10)
        while received.get() == nil && Date() < deadline { usleep(10_000) }
        XCTAssertEqual(received.get(), expected)
        XCTAssertEqual(kind(fifo), S_IFIFO)
        // A full device is an error that names it.
        let full = try guanxi(["export", "--graph", g, "-o", "/dev/full"])
        XCTAssertEqual(full.status, 2)
        XCTAssertEqual(full.stderr, "guanxi: /dev/full: cannot write the output: No space left on device\n")
        XCTAssertEqual(kind("/dev/full"), S_IFCHR)
    }

    // MARK: item 6

    func testWriteErrorOnStandardOutputFailsTheCommand() throws {
        let g = try buildSeeds("g.json")
        let full = try XCTUnwrap(FileHandle(forWritingAtPath: "/dev/full"))
        for args in [["stats"], ["stats", "--json"], ["show", "陈凯"], ["search", "园"], ["neighbors", "陈凯"],
                     ["export"], ["render", "-o", "-"], ["report", "-o", "-"]] {
            let r = try guanxi(args + ["--graph", g], stdout: full)
            XCTAssertEqual(r.reason, .exit, "\(args) crashed: \(r.stderr)")
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasSuffix("guanxi: cannot write to standard output: No space left on device; the output is incomplete\n"),
                          "\(args): \(r.stderr)")
        }
    }

    func testCSVExportToStandardOutputIsRefusedWithAMessage() throws {
        let g = try buildSeeds("g.json")
        let r = try guanxi(["export", "--graph", g, "--format", "csv", "-o", "-"])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.hasPrefix("Error: --format csv writes four files (nodes.csv, documents.csv, relationships.csv, mentioned_in.csv): give -o FOLDER, not -.\n"), r.stderr)
        XCTAssertEqual(r.stdout, Data())
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".csv") }, [], "nothing written in the current folder")
    }

    /// A disk that fills part-way through a CSV export (here: a file-size limit between
    /// nodes.csv and relationships.csv) leaves the previous export whole, not half replaced.
    func testCSVExportThatRunsOutOfSpaceLeavesThePreviousExportWhole() throws {
        let g = try buildSeeds("g.json")
        let out = path("neo4j")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let names = ["nodes.csv", "documents.csv", "relationships.csv", "mentioned_in.csv"]
        for n in names { try Data("previous \(n)".utf8).write(to: URL(fileURLWithPath: out + "/" + n)) }
        let files = try Neo4jCSVExporter().export(try GraphFile.load(g))
        let small = try XCTUnwrap(files.first { $0.name == "nodes.csv" }).data.count
        let big = try XCTUnwrap(files.map(\.data.count).max())
        XCTAssertLessThan(small + 1024, big, "the limit must fall between two files")
        let blocks = (small + 1023) / 512 + 1
        let exe = try XCTUnwrap(Self.binary).path
        let r = try guanxi(["--", "/bin/sh", "-c", "ulimit -f \(blocks) && exec \"$0\" export --graph \"$1\" --format csv -o \"$2\"", exe, g, out],
                           viaShell: true)
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("cannot write the output file: File too large; no file of the export was replaced"), r.stderr)
        for n in names { XCTAssertEqual(String(decoding: try bytes(out + "/" + n), as: UTF8.self), "previous \(n)", n) }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out).sorted(), names.sorted(), "no staging folder left")
        // Without the limit the whole export replaces the old one.
        XCTAssertEqual(try guanxi(["export", "--graph", g, "--format", "csv", "-o", out]).status, 0)
        for f in files { XCTAssertEqual(try bytes(out + "/" + f.name), f.data) }
    }

    // MARK: item 8

    func testNegativeCountsAreRefusedNotACrash() throws {
        let g = try buildSeeds("g.json")
        for (args, message) in [(["stats", "--top=-1"], "Error: --top must be 0 or more."),
                                (["report", "--top=-5", "-o", "r.html"], "Error: --top must be 0 or more."),
                                (["render", "--max-nodes=0", "-o", "r.svg"], "Error: --max-nodes must be at least 1."),
                                (["render", "--depth=-1", "-o", "r.svg"], "Error: --depth must be 0 or more."),
                                (["neighbors", "陈凯", "--depth=0"], "Error: --depth must be at least 1.")] {
            let r = try guanxi(args + ["--graph", g])
            XCTAssertEqual(r.status, 64, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix(message + "\n"), "\(args): \(r.stderr)")
        }
        XCTAssertEqual(try guanxi(["stats", "--top=0", "--graph", g, "--names"]).out, "")
    }

    func testClosedPipeEndsTheCommandWithoutACrash() throws {
        let g = try buildSeeds("g.json")
        for args in [["render", "--format", "svg", "-o", "-"], ["export"], ["stats"], ["report", "-o", "-"]] {
            let pipe = Pipe()
            try pipe.fileHandleForReading.close()   // the reader is gone before the first byte
            let r = try guanxi(args + ["--graph", g], stdout: pipe.fileHandleForWriting)
            XCTAssertEqual(r.reason, .exit, "\(args) was killed by a signal: \(r.stderr)")
            XCTAssertEqual(r.status, 141, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr.contains("Fatal error"), false, r.stderr)
            XCTAssertFalse(r.stderr.contains("guanxi: cannot write"), "a closed pipe is not reported as an error: \(r.stderr)")
        }
    }
}

extension GuanxiCLITestCase {
    /// Runs a shell command line (args after "--") with outputs captured through files.
    func guanxi(_ args: [String], viaShell: Bool) throws -> Run {
        precondition(args.first == "--")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: args[1])
        process.arguments = Array(args.dropFirst(2))
        process.currentDirectoryURL = dir
        let outURL = dir.appendingPathComponent(".out-\(UUID().uuidString)"), errURL = dir.appendingPathComponent(".err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let o = try FileHandle(forWritingTo: outURL), e = try FileHandle(forWritingTo: errURL)
        process.standardOutput = o; process.standardError = e
        try process.run(); process.waitUntilExit()
        try o.close(); try e.close()
        defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
        return Run(status: process.terminationStatus, stdout: try Data(contentsOf: outURL),
                   stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// Data handed from a reader thread.
final class LockedData: @unchecked Sendable {
    private var value: Data?
    private let lock = NSLock()
    func set(_ d: Data) { lock.lock(); value = d; lock.unlock() }
    func get() -> Data? { lock.lock(); defer { lock.unlock() }; return value }
}
