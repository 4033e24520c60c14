import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock seconds of a block.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let t0 = DispatchTime.now().uptimeNanoseconds
    let v = try body()
    return (v, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
}

/// Resident memory of this process now, in bytes (VmRSS), and its peak (VmHWM).
func memory() -> (rss: Int, peak: Int) {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    func field(_ name: String) -> Int {
        for line in s.split(separator: "\n") where line.hasPrefix(name) {
            return (Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0) * 1024
        }
        return 0
    }
    return (field("VmRSS:"), field("VmHWM:"))
}

/// A child process's result: exit status, wall seconds, peak RSS (bytes), standard output.
struct ChildRun {
    var status: Int32
    var seconds: Double
    var peakRSS: Int
    var stdout: String
}

/// Runs a program and waits for it, measuring its wall time and its peak resident memory
/// (`wait4`'s rusage: the child's own high-water mark).
///
/// Linux carries a process's RSS high-water mark across `execve`, and `posix_spawn` execs from
/// the parent's address space, so `wait4` would report the parent's peak: when GNU `time` is
/// installed the child runs under it (`%M`), which forks from a small process.
func runChild(_ argv: [String], stdoutTo: String? = nil) -> ChildRun {
    let timeTool = "/usr/bin/time"
    if FileManager.default.isExecutableFile(atPath: timeTool) {
        let report = "/tmp/guanxi-bench-time-\(getpid()).txt"
        var r = spawn([timeTool, "-f", "%M", "-o", report] + argv, stdoutTo: stdoutTo)
        let kb = (try? String(contentsOfFile: report, encoding: .utf8))?.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        r.peakRSS = (kb ?? 0) * 1024
        unlink(report)
        return r
    }
    var r = spawn(argv, stdoutTo: stdoutTo)
    r.peakRSS = 0     // unknown (see above)
    return r
}

func spawn(_ argv: [String], stdoutTo: String? = nil) -> ChildRun {
    var fa: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&fa)
    defer { posix_spawn_file_actions_destroy(&fa) }
    let outPath = stdoutTo ?? "/tmp/guanxi-bench-child-\(getpid()).out"
    posix_spawn_file_actions_addopen(&fa, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0)
    let cargs = argv.map { strdup($0) } + [nil]
    defer { for p in cargs { free(p) } }
    var pid: pid_t = 0
    let t0 = DispatchTime.now().uptimeNanoseconds
    let rc = posix_spawnp(&pid, argv[0], &fa, nil, cargs, environ)
    guard rc == 0 else { return ChildRun(status: -1, seconds: 0, peakRSS: 0, stdout: "") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let secs = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    if stdoutTo == nil { unlink(outPath) }
    let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
    return ChildRun(status: exit, seconds: secs, peakRSS: Int(usage.ru_maxrss) * 1024, stdout: out)
}

func percentile(_ xs: [Double], _ p: Double) -> Double {
    guard !xs.isEmpty else { return .nan }
    let s = xs.sorted()
    return s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))]
}

func mb(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }
func secs(_ s: Double) -> String {
    if s < 0.001 { return String(format: "%.0f µs", s * 1e6) }
    if s < 1 { return String(format: "%.1f ms", s * 1e3) }
    return String(format: "%.2f s", s)
}
func num(_ x: Double) -> String {
    if x >= 1e6 { return String(format: "%.2fM", x / 1e6) }
    if x >= 1e3 { return String(format: "%.0fk", x / 1e3) }
    return String(format: "%.0f", x)
}

/// The table: one row a figure, each with its input.
struct Table {
    var rows: [[String]] = []
    var notes: [String] = []
    mutating func add(_ section: String, _ measure: String, _ input: String, _ value: String, _ ratio: String = "") {
        rows.append([section, measure, input, value, ratio])
        FileHandle.standardError.write(Data("  \(section) · \(measure) · \(input): \(value) \(ratio)\n".utf8))
    }
    var markdown: String {
        var out = "| area | measure | input | value | ratio / target |\n| --- | --- | --- | --- | --- |\n"
        for r in rows { out += "| " + r.joined(separator: " | ") + " |\n" }
        if !notes.isEmpty { out += "\n" + notes.map { "- " + $0 }.joined(separator: "\n") + "\n" }
        return out
    }
}

/// CPU seconds (user + system) this process has used so far, all threads together.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
