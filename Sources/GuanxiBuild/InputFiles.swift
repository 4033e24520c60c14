import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The documents `build` reads: files named on the command line, and files with a document
/// extension found under named folders (recursively, sorted). What is left out is said, with the
/// reason: a symbolic-link loop, a tree deeper than ``maxDepth`` folders, a broken link, an
/// unlistable folder (these are skipped inputs: exit 3), and hidden files (names starting with a
/// dot: a note only; pass one by name to build it). The graph's own files (``CorpusBuilder/isStoreFile(_:storePath:)``)
/// are never inputs.
public struct InputFiles {
    /// The deepest folder nesting read under one named folder.
    public static let maxDepth = 64

    public var extensions: Set<String>
    /// The store being built: its files are never read as documents.
    public var storePath: String?
    /// Inputs left out, with the reason (each makes the build exit 3).
    public var skipped: [(path: String, reason: String)] = []
    /// Things left out on purpose, said on stderr without changing the exit code.
    public var notes: [String] = []

    public init(extensions: Set<String>, storePath: String? = nil) { self.extensions = extensions; self.storePath = storePath }

    func isStoreFile(_ p: String) -> Bool { storePath.map { CorpusBuilder.isStoreFile(p, storePath: $0) } ?? false }

    /// The files to read, in order.
    public mutating func collect(_ paths: [String]) -> [String] {
        var out: [String] = []
        var seenDirs = Set<String>()
        let fm = FileManager.default
        func walk(_ dir: String, depth: Int) {
            guard depth <= Self.maxDepth else {
                skipped.append((dir, "\(dir): folders nested more than \(Self.maxDepth) deep are not read; skipped"))
                return
            }
            let real = URL(fileURLWithPath: dir).resolvingSymlinksInPath().path
            guard seenDirs.insert(real).inserted else {
                skipped.append((dir, "\(dir): folder visited already (a symbolic-link loop); skipped"))
                return
            }
            guard let items = try? fm.contentsOfDirectory(atPath: dir) else {
                skipped.append((dir, "\(dir): cannot list the folder")); return
            }
            for item in items.sorted() {
                let p = (dir as NSString).appendingPathComponent(item)
                var isDir: ObjCBool = false
                let exists = fm.fileExists(atPath: p, isDirectory: &isDir)
                if item.hasPrefix(".") {
                    if exists, !isDir.boolValue, extensions.contains(URL(fileURLWithPath: p).pathExtension.lowercased()) {
                        notes.append("\(p): hidden file (name starts with a dot) not read; name it on the command line to build it")
                    }
                    continue
                }
                guard exists else {
                    var st = stat()
                    let why = stat(p, &st) != 0 && errno == ELOOP ? "symbolic-link loop" : "broken symbolic link or vanished file"
                    skipped.append((p, "\(p): \(why); skipped")); continue
                }
                if isDir.boolValue { walk(p, depth: depth + 1) }
                else if extensions.contains(URL(fileURLWithPath: p).pathExtension.lowercased()), !isStoreFile(p) { out.append(p) }
            }
        }
        for p in paths {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue { walk(p, depth: 0) }
            else if isStoreFile(p) { skipped.append((p, "\(p): the graph's own file, not a document; skipped")) }
            else { out.append(p) }
        }
        return out
    }
}
