import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why an output (a `-o` file, a folder of files, or standard output) could not be written.
public enum OutputError: Error, CustomStringConvertible, Equatable {
    /// The output is the graph file itself (or another file that must not be overwritten), by identity.
    case wouldOverwrite(path: String, protected: String)
    /// The output path names a folder where a file is expected.
    case isAFolder(path: String)
    /// The output path names something that is neither a folder nor absent where a folder is expected.
    case notAFolder(path: String)
    /// Writing the file (or creating its folder) failed; the previous file, if any, is untouched.
    case writeFailed(path: String, reason: String)
    /// Writing to a device, FIFO or other non-regular file failed (it is written in place).
    case deviceWriteFailed(path: String, reason: String)
    /// Writing to standard output failed (a full disk, a closed file …).
    case standardOutputFailed(reason: String)
    /// The reader of standard output went away (EPIPE); nothing is wrong with the output itself.
    case brokenPipe

    public var description: String {
        switch self {
        case .wouldOverwrite(let p, let g):
            "\(p): this is the graph file \(g) itself; refusing to overwrite it with the output (choose another -o)"
        case .isAFolder(let p): "\(p): is a folder; give a file name for the output"
        case .notAFolder(let p): "\(p): exists and is not a folder; the output needs a folder here"
        case .writeFailed(let p, let r): "\(p): cannot write the output file: \(r); the previous file is untouched"
        case .deviceWriteFailed(let p, let r): "\(p): cannot write the output: \(r)"
        case .standardOutputFailed(let r): "cannot write to standard output: \(r); the output is incomplete"
        case .brokenPipe: "standard output was closed before the output was written (broken pipe)"
        }
    }
}

/// The identity of a file on disk: device and inode, after following symbolic links. Two paths
/// name the same file exactly when their identities are equal, whatever their spelling.
public struct FileIdentity: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64

    /// The identity of the file `path` names (following symbolic links), or nil when there is none.
    public static func of(_ path: String) -> FileIdentity? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }
}

/// The one writer of command output. Regular files are replaced atomically (a temporary file in
/// the target's folder, fsync, rename), keeping the old file's permission bits and writing through
/// a symbolic link to its target; devices, FIFOs and sockets (`/dev/null`, `/dev/stdout`, a named
/// pipe) are written in place, never replaced; `-` is standard output. Every failure is an
/// ``OutputError`` naming the path.
public enum OutputFile {
    /// Writes `data` to `path` (`-` for standard output). `protected` lists files that must never
    /// be overwritten (the graph file): compared by identity, so a symlink or `./x` spelling is caught.
    public static func write(_ data: Data, to path: String, protecting protected: [String] = []) throws {
        try write(to: path, protecting: protected) { try $0.write(data) }
    }

    /// ``write(_:to:protecting:)`` for output made a chunk at a time: `produce` writes into the
    /// sink, which passes about a megabyte at a time on to the file (a temporary file, renamed into
    /// place when `produce` returns; removed, the old file untouched, when it throws).
    public static func write(to path: String, protecting protected: [String] = [], _ produce: (OutputSink) throws -> Void) throws {
        if path == "-" { try stream(to: 1, produce) { standardOutputError($0) }; return }
        if let fd = standardStreamDescriptor(path) {
            if fd == 1 { try stream(to: 1, produce) { standardOutputError($0) }; return }
            try stream(to: fd, produce) { OutputError.deviceWriteFailed(path: path, reason: String(cString: strerror($0))) }
            return
        }
        try refuseProtected(path, protected)
        var st = stat()
        if stat(path, &st) == 0 {
            let kind = st.st_mode & S_IFMT
            if kind == S_IFDIR { throw OutputError.isAFolder(path: path) }
            if kind != S_IFREG { try writeInPlace(to: path, produce); return }
        }
        try replaceAtomically(at: resolveLinks(path), produce)
    }

    /// Runs `produce` into a sink on `fd`, turning a failed write (its errno) into `failure`'s error.
    static func stream(to fd: Int32, _ produce: (OutputSink) throws -> Void, failure: (Int32) -> Error) throws {
        let sink = OutputSink(fd: fd)
        do { try produce(sink); try sink.flush() } catch let e as OutputSink.WriteFailure { throw failure(e.errno) }
    }

    /// Throws ``OutputError/wouldOverwrite(path:protected:)`` when `path` is one of `protected`
    /// (same device and inode).
    public static func refuseProtected(_ path: String, _ protected: [String]) throws {
        guard let id = FileIdentity.of(path) else { return }
        for p in protected where FileIdentity.of(p) == id {
            throw OutputError.wouldOverwrite(path: path, protected: p)
        }
    }

    /// Writes a set of files into the folder `folder` as one unit: they are written into a new
    /// temporary folder beside it, then each is renamed into place, so a failure part-way (a full
    /// disk) leaves the folder's previous files as they were and no half export. The folder is
    /// created when absent.
    public static func writeFolder(_ files: [(name: String, data: Data)], to folder: String, protecting protected: [String] = []) throws {
        try writeFolder(names: files.map(\.name), to: folder, protecting: protected) { try $1.write(files[$0].data) }
    }

    /// ``writeFolder(_:to:protecting:)`` for files made a chunk at a time: `produce(i, sink)`
    /// writes the file `names[i]`. When it throws, no file of the export is replaced.
    public static func writeFolder(names: [String], to folder: String, protecting protected: [String] = [],
                                   _ produce: (Int, OutputSink) throws -> Void) throws {
        var st = stat()
        if stat(folder, &st) == 0 {
            guard st.st_mode & S_IFMT == S_IFDIR else { throw OutputError.notAFolder(path: folder) }
        } else {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw OutputError.writeFailed(path: folder, reason: "cannot create the folder: \(reason(error))")
            }
        }
        let targets = names.map { (folder as NSString).appendingPathComponent($0) }
        for t in targets { try refuseProtected(t, protected) }
        // Resolve each target (a symlink is written through) before staging; a folder or device
        // where a file goes is refused now, before any file of the export is replaced.
        let resolved = targets.map(resolveLinks)
        for (i, t) in resolved.enumerated() {
            var tst = stat()
            guard stat(t, &tst) == 0 else { continue }
            if tst.st_mode & S_IFMT == S_IFDIR { throw OutputError.isAFolder(path: targets[i]) }
            if tst.st_mode & S_IFMT != S_IFREG {
                throw OutputError.writeFailed(path: targets[i], reason: "not a regular file; a folder export writes regular files only")
            }
        }
        let staging = (folder as NSString).appendingPathComponent(".guanxi-export-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        guard mkdir(staging, 0o700) == 0 else {
            throw OutputError.writeFailed(path: folder, reason: String(cString: strerror(errno)))
        }
        defer { rmdir(staging) }
        var staged: [String] = []
        defer { for s in staged { unlink(s) } }
        for (i, name) in names.enumerated() {
            let tmp = (staging as NSString).appendingPathComponent(name)
            let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard fd >= 0 else { throw OutputError.writeFailed(path: targets[i], reason: String(cString: strerror(errno))) }
            staged.append(tmp)
            let why: String?
            do {
                let sink = OutputSink(fd: fd)
                try produce(i, sink)
                try sink.flush()
                why = syncAndMode(fd, like: resolved[i])
            } catch let e as OutputSink.WriteFailure {
                why = String(cString: strerror(e.errno))
            } catch {
                close(fd)
                throw error
            }
            if let why {
                close(fd)
                throw OutputError.writeFailed(path: targets[i], reason: why + "; no file of the export was replaced")
            }
            close(fd)
        }
        // Every file is complete on disk: move them into place. Same folder, so rename cannot run out of space.
        for (i, tmp) in staged.enumerated() {
            let target = resolved[i]
            if sameFolder(target, folder) || (target as NSString).deletingLastPathComponent.isEmpty {
                guard rename(tmp, target) == 0 else {
                    throw OutputError.writeFailed(path: targets[i], reason: String(cString: strerror(errno)))
                }
            } else {
                // A symlink in the folder points elsewhere: replace its target atomically (a copy of the staged file).
                try replaceAtomically(at: target) { sink in
                    guard let input = FileHandle(forReadingAtPath: tmp) else { throw OutputSink.WriteFailure(errno: errno) }
                    defer { try? input.close() }
                    while true {
                        let chunk = input.readData(ofLength: 1 << 20)
                        if chunk.isEmpty { break }
                        try sink.write(chunk)
                    }
                }
                unlink(tmp)
            }
        }
        staged.removeAll()
        syncFolder(folder)
    }

    /// Writes `data` to standard output (file descriptor 1, unbuffered); a failure is an
    /// ``OutputError`` (``OutputError/brokenPipe`` when the reader went away).
    public static func writeStandardOutput(_ data: Data) throws {
        if let code = writeAllErrno(1, data) { throw standardOutputError(code) }
    }

    /// The error for a failed write to standard output with the given errno.
    public static func standardOutputError(_ code: Int32) -> OutputError {
        code == EPIPE ? .brokenPipe : .standardOutputFailed(reason: String(cString: strerror(code)))
    }

    /// The descriptor a path names when it is one of this process's standard streams
    /// (`/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`): written directly, never reopened.
    static func standardStreamDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default: break
        }
        for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
            if let n = Int32(path.dropFirst(prefix.count)), n >= 0, fcntl(n, F_GETFD) != -1 { return n }
        }
        return nil
    }

    /// Follows symbolic links from `path` to the file they finally name (which may not exist yet).
    static func resolveLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var st = stat()
            guard lstat(current, &st) == 0, st.st_mode & S_IFMT == S_IFLNK else { return current }
            var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buf, buf.count - 1)
            guard n > 0 else { return current }
            let dest = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = dest.hasPrefix("/") ? dest : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(dest)
        }
        return current
    }

    /// Writes a device, FIFO or socket in place (opened for writing; never replaced).
    static func writeInPlace(to path: String, _ produce: (OutputSink) throws -> Void) throws {
        let fd = open(path, O_WRONLY | O_NOCTTY)
        guard fd >= 0 else { throw OutputError.deviceWriteFailed(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        try stream(to: fd, produce) { OutputError.deviceWriteFailed(path: path, reason: String(cString: strerror($0))) }
    }

    /// Replaces the regular file `target` (or creates it) atomically, keeping its permission bits
    /// (a new file gets 0666 less the umask, as `>` would give it).
    static func replaceAtomically(_ data: Data, at target: String) throws {
        try replaceAtomically(at: target) { try $0.write(data) }
    }

    /// ``replaceAtomically(_:at:)`` with the bytes written by `produce`.
    static func replaceAtomically(at target: String, _ produce: (OutputSink) throws -> Void) throws {
        let dir = (target as NSString).deletingLastPathComponent.isEmpty ? "." : (target as NSString).deletingLastPathComponent
        var dst = stat()
        if stat(dir, &dst) != 0 {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw OutputError.writeFailed(path: target, reason: "cannot create the folder \(dir): \(reason(error))")
            }
        } else if dst.st_mode & S_IFMT != S_IFDIR {
            throw OutputError.writeFailed(path: target, reason: "\(dir) is not a folder")
        }
        let name = (target as NSString).lastPathComponent
        let tmp = (dir as NSString).appendingPathComponent(".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw OutputError.writeFailed(path: target, reason: String(cString: strerror(errno))) }
        let why: String?
        do {
            let sink = OutputSink(fd: fd)
            try produce(sink)
            try sink.flush()
            why = syncAndMode(fd, like: target)
        } catch let e as OutputSink.WriteFailure {
            why = String(cString: strerror(e.errno))
        } catch {
            close(fd); unlink(tmp)
            throw error
        }
        if let why {
            close(fd); unlink(tmp)
            throw OutputError.writeFailed(path: target, reason: why)
        }
        close(fd)
        guard rename(tmp, target) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(tmp)
            throw OutputError.writeFailed(path: target, reason: why)
        }
        syncFolder(dir)
    }

    /// Gives the open temporary file the mode (and, for root, the owner) of the file it replaces,
    /// then fsyncs it. Returns the reason on failure.
    static func syncAndMode(_ fd: Int32, like target: String) -> String? {
        var st = stat()
        if stat(target, &st) == 0, st.st_mode & S_IFMT == S_IFREG {
            if fchmod(fd, st.st_mode & 0o7777) != 0 { return String(cString: strerror(errno)) }
            if geteuid() == 0 { _ = fchown(fd, st.st_uid, st.st_gid) }
        } else {
            let mask = umask(0); umask(mask)
            if fchmod(fd, 0o666 & ~mask) != 0 { return String(cString: strerror(errno)) }
        }
        if fsync(fd) != 0 { return String(cString: strerror(errno)) }
        return nil
    }

    /// Writes every byte to the descriptor `fd`, retrying on EINTR and short writes; the reason on failure.
    public static func writeAll(_ fd: Int32, _ data: Data) -> String? {
        writeAllErrno(fd, data).map { String(cString: strerror($0)) }
    }

    /// Writes every byte to `fd`, retrying on EINTR and short writes; the errno on failure.
    public static func writeAllErrno(_ fd: Int32, _ data: Data) -> Int32? {
        var failure: Int32 = 0
        data.withUnsafeBytes { raw in
            guard var p = raw.baseAddress else { return }
            var left = raw.count
            while left > 0 {
                let n = Glibc.write(fd, p, min(left, 1 << 30))
                if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                if n == 0 { failure = EIO; return }
                left -= n; p = p.advanced(by: n)
            }
        }
        return failure == 0 ? nil : failure
    }

    static func sameFolder(_ a: String, _ folder: String) -> Bool {
        let d = (a as NSString).deletingLastPathComponent
        return (d as NSString).standardizingPath == (folder as NSString).standardizingPath
    }

    static func syncFolder(_ dir: String) {
        let dfd = open(dir, O_RDONLY)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    static func reason(_ error: Error) -> String {
        if let e = error as? CocoaError, let u = e.userInfo[NSUnderlyingErrorKey] as? NSError,
           u.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(u.code)) {
            return String(cString: strerror(code.rawValue))
        }
        return (error as NSError).localizedFailureReason ?? error.localizedDescription
    }
}

/// Where output made a chunk at a time goes: a file descriptor, written about a megabyte at a
/// time, or memory (``data``) for callers that want the bytes.
public final class OutputSink {
    /// A write to the descriptor failed (its errno); the writer that made the sink names the file.
    public struct WriteFailure: Error { public var errno: Int32 }

    private let fd: Int32?
    private var buffer = Data()

    /// A sink that keeps the bytes in memory (``data``).
    public init() { fd = nil }
    init(fd: Int32) { self.fd = fd }

    /// The bytes written so far, for a sink in memory.
    public var data: Data { buffer }

    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if fd != nil, buffer.count >= 1 << 20 { try flush() }
    }

    public func write(_ bytes: Data) throws {
        buffer.append(bytes)
        if fd != nil, buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes what is buffered to the descriptor (nothing for a sink in memory).
    public func flush() throws {
        guard let fd, !buffer.isEmpty else { return }
        if let code = OutputFile.writeAllErrno(fd, buffer) { throw WriteFailure(errno: code) }
        buffer.removeAll(keepingCapacity: true)
    }
}
