import ArgumentParser
import Foundation
import GuanxiGraph
#if canImport(Glibc)
import Glibc
#endif

// Everything the commands print goes through this file: text through `print` (below, shadowing
// Swift's) and `terminalSafe`, bytes through `writeStandardOutput`, files through `writeOutput`
// (Guanxi.swift) and `OutputFile`. Write errors are never lost: `Guanxi.main` flushes standard
// output at the end and turns a failure into a message and a non-zero exit.

/// Makes text safe to show on a terminal: control characters (ESC, CR, BEL, backspace, DEL, the
/// C1 range such as CSI U+009B), line and paragraph separators and bidirectional controls are shown as visible symbols
/// (`␛`, `␍`, `<U+009B>`, `<U+202E>`) instead of reaching the terminal, so a title, an evidence
/// sentence or a file name cannot recolour, move the cursor, retitle the window or reorder the line.
/// Line feeds and tabs are kept.
func terminalSafe(_ s: String) -> String {
    // Fast path: nothing to change.
    if !s.unicodeScalars.contains(where: needsEscape) { return s }
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
        guard needsEscape(u) else { out.append(u); continue }
        if u.value < 0x20, let pic = Unicode.Scalar(0x2400 + u.value) { out.append(pic); continue }
        if u.value == 0x7F { out.append("\u{2421}"); continue }
        out.append(contentsOf: String(format: "<U+%04X>", u.value).unicodeScalars)
    }
    return String(out)
}

private func needsEscape(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x09, 0x0A: return false
    case 0x00..<0x20, 0x7F, 0x80..<0xA0: return true
    case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
}

/// The CLI's `print`: like Swift's, but every string is passed through ``terminalSafe(_:)``
/// first and the bytes go through ``StandardOutput`` (so a write error is never lost). It shadows
/// `Swift.print` in this module, so no command can print raw document text.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    StandardOutput.shared.append(items.map { terminalSafe(String(describing: $0)) }.joined(separator: separator) + terminator)
}

/// Writes bytes (JSON, a rendered picture) to standard output after anything printed before;
/// a failure is an ``OutputError`` (a broken pipe included).
func writeStandardOutput(_ data: Data) throws {
    try StandardOutput.shared.finish()
    try OutputFile.writeStandardOutput(data)
}

/// The buffer behind `print`: 64 KB chunks written with `write(2)` (each print at once on a
/// terminal); the first failure is kept (later text is dropped) and reported by ``finish()``.
final class StandardOutput: @unchecked Sendable {
    static let shared = StandardOutput()
    private var buffer: [UInt8] = []
    private var failure: Int32?
    private let isTerminal = isatty(1) != 0

    func append(_ text: String) {
        guard failure == nil else { return }
        buffer.append(contentsOf: text.utf8)
        // On a terminal each line shows at once; to a file or pipe, 64 KB chunks.
        if buffer.count >= 1 << 16 || isTerminal { flush() }
    }

    func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        failure = OutputFile.writeAllErrno(1, Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered; throws if this or any earlier write failed.
    func finish() throws {
        flush()
        if let failure { throw OutputFile.standardOutputError(failure) }
    }
}

extension Guanxi {
    /// Runs the command like ArgumentParser's `main`, then makes sure standard output was really
    /// written: `stats > /dev/full` fails with a message and exit 2 instead of exit 0 with the output
    /// lost. SIGPIPE is ignored so a closed pipe (`| head -c1`) is a write error handled here (exit
    /// 141, no message, no crash) whatever the parent's signal disposition.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        // A file-size limit (ulimit -f) makes write fail with EFBIG, reported like a full disk.
        signal(SIGXFSZ, SIG_IGN)
        var code: Int32 = 0
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let e as OutputError {
            code = report(e)
        } catch {
            let message = fullMessage(for: error)
            code = exitCode(for: error).rawValue
            if !message.isEmpty {
                if code == 0 {
                    print(message)
                } else {
                    printError(message)
                }
            }
        }
        do { try StandardOutput.shared.finish() } catch let e as OutputError {
            let failure = report(e)
            if code == 0 || code == 1 { code = failure }
        } catch {}
        Glibc.exit(code)
    }

    /// Prints an output error (but not a broken pipe: the reader chose to stop) and returns the exit code.
    static func report(_ e: OutputError) -> Int32 {
        if e == .brokenPipe { return 141 }
        printError("guanxi: \(e.description)")
        return 2
    }
}
