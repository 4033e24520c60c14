import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension GraphOptions {
    /// Refuses a graph path that cannot be a graph file before any command touches it: a folder
    /// (`--graph /`, `--graph notes/`), or a device, FIFO or socket. Nothing is created (no lock
    /// file in `/`), and the message says what the path is instead of a Foundation error number.
    func validate() throws {
        if let problem = Self.problem(with: path) {
            printError("guanxi: \(path): \(problem)")
            throw ExitCode(2)
        }
    }

    /// What makes `path` unusable as a graph file, or nil.
    static func problem(with path: String) -> String? {
        if path.isEmpty { return "an empty name is not a graph file; give --graph FILE" }
        var st = stat()
        if stat(path, &st) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFREG: return nil
            case S_IFDIR: return "is a folder, not a graph file; give a file, e.g. --graph \((path as NSString).appendingPathComponent("guanxi.json"))"
            default: return "is not a regular file (a device, pipe or socket); the graph must be a file"
            }
        }
        if path.hasSuffix("/") { return "names a folder (ends in /), not a graph file; give a file name" }
        return nil
    }
}
