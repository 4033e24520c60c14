import Foundation

/// One correction a user makes to the graph. Corrections name entities by name (any alias), so
/// they outlive ids and rebuilds: every build applies the whole list again, in order.
public enum Correction: Hashable, Sendable {
    /// `merge A B`: the entity named B is the entity named A (one node, A's name).
    case merge(keep: String, absorb: String)
    /// `split A B`: the name B, now joined to A, is an entity of its own.
    case split(from: String, name: String)
    /// `rename A NEW`: NEW becomes the canonical name (A stays an alias).
    case rename(String, to: String)
    /// `delete A`: the entity and its relations are removed (its name is not an entity).
    case delete(String)
    /// `retype A TYPE`: the entity is of another type.
    case retype(String, to: EntityType)

    /// The correction as a line of the corrections file (tab-separated).
    public var line: String {
        switch self {
        case .merge(let a, let b): "merge\t\(a)\t\(b)"
        case .split(let a, let b): "split\t\(a)\t\(b)"
        case .rename(let a, let b): "rename\t\(a)\t\(b)"
        case .delete(let a): "delete\t\(a)"
        case .retype(let a, let t): "retype\t\(a)\t\(t.rawValue)"
        }
    }
}

/// What went wrong reading a corrections file.
public enum CorrectionsError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case malformed(path: String, line: Int, reason: String)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let p, let r): "\(p): cannot read the corrections file: \(r)"
        case .malformed(let p, let n, let r): "\(p):\(n): \(r)"
        case .writeFailed(let p, let r): "\(p): cannot write the corrections file: \(r); it was left as it was"
        }
    }
}

/// What applying one correction did.
public struct CorrectionOutcome: Hashable, Sendable {
    public var correction: Correction
    /// True when the graph changed.
    public var applied: Bool
    /// What happened, for the user (`merged 2 node(s) into 屯留经济技术开发区`, `no entity named X yet`).
    public var message: String
}

/// The corrections file: a plain, diffable text file, one correction a line
/// (`merge<TAB>A<TAB>B`, `split<TAB>A<TAB>B`, `rename<TAB>A<TAB>NEW`, `delete<TAB>A`,
/// `retype<TAB>A<TAB>TYPE`), `#` comments and blank lines ignored. Fields may also be separated by
/// runs of two or more spaces, so a hand-edited file with aligned columns reads the same.
public struct CorrectionsFile: Sendable, Equatable {
    public var corrections: [Correction]

    public init(corrections: [Correction] = []) { self.corrections = corrections }

    /// The file's header, written when a command creates it.
    public static let header = """
    # Guanxi corrections: applied, in order, after every build of this graph.
    # merge A B (B is A) · split A B (the name B is its own entity) · rename A NEW · delete A · retype A TYPE
    # Fields are separated by a tab. Edit freely; `#` starts a comment.

    """

    /// Parses the text of a corrections file; `path` names it in errors.
    public static func parse(_ text: String, path: String) throws -> CorrectionsFile {
        var out: [Correction] = []
        for (i, raw) in text.components(separatedBy: .newlines).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let fields = line.replacingOccurrences(of: "\t", with: "  ")
                .components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            func fail(_ why: String) -> CorrectionsError { .malformed(path: path, line: i + 1, reason: why) }
            guard let verb = fields.first else { continue }
            let args = Array(fields.dropFirst())
            func need(_ n: Int, _ usage: String) throws {
                guard args.count == n else { throw fail("`\(verb)` takes \(n) name(s): \(usage); found \(args.count)") }
            }
            switch verb {
            case "merge": try need(2, "merge A B"); out.append(.merge(keep: args[0], absorb: args[1]))
            case "split": try need(2, "split A B"); out.append(.split(from: args[0], name: args[1]))
            case "rename": try need(2, "rename A NEW"); out.append(.rename(args[0], to: args[1]))
            case "delete": try need(1, "delete A"); out.append(.delete(args[0]))
            case "retype":
                try need(2, "retype A TYPE")
                guard let t = EntityType(rawValue: args[1]) else {
                    throw fail("unknown type \"\(args[1])\" (one of \(EntityType.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                out.append(.retype(args[0], to: t))
            default:
                throw fail("unknown correction \"\(verb)\" (merge, split, rename, delete or retype)")
            }
        }
        return CorrectionsFile(corrections: out)
    }

    /// Reads a corrections file; a file that does not exist holds no corrections.
    public static func load(_ path: String) throws -> CorrectionsFile {
        guard FileManager.default.fileExists(atPath: path) else { return CorrectionsFile() }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CorrectionsError.unreadable(path: path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CorrectionsError.unreadable(path: path, reason: "not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Appends one correction to the file at `path` (created with a header when missing). The
    /// file is replaced atomically, so a crash leaves the old list or the new one.
    public static func append(_ correction: Correction, to path: String) throws {
        var text = ""
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path), let old = String(data: data, encoding: .utf8) else {
                throw CorrectionsError.unreadable(path: path, reason: "not UTF-8 text")
            }
            _ = try parse(old, path: path)     // never append to a file that no longer parses
            text = old.hasSuffix("\n") || old.isEmpty ? old : old + "\n"
        } else {
            text = header
        }
        text += correction.line + "\n"
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw CorrectionsError.writeFailed(path: path, reason: error.localizedDescription)
        }
    }

    /// The corrections file that goes with a graph: beside it, `NAME.corrections.tsv`.
    public static func path(forGraph graph: String) -> String {
        let url = URL(fileURLWithPath: graph)
        let base = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(base + ".corrections.tsv").path
    }
}

extension KnowledgeGraph {
    /// The nodes a correction names: those whose canonical name is `name`; failing that, the one
    /// node holding it as an alias (an alias shared by several nodes names none of them).
    public func nodes(named name: String) -> [Entity] {
        let key = NameKey.of(name)
        let hits = lookup(name)
        let canonical = hits.filter { NameKey.of($0.name) == key }
        if !canonical.isEmpty { return canonical }
        return hits.count == 1 ? hits : []
    }

    /// Applies corrections in order; returns what each did. A correction that names no entity of
    /// this graph changes nothing (it may concern documents not built yet).
    ///
    /// `toDocument`: this is one new document's graph, about to be merged into a store that had
    /// the corrections applied already; a `merge A B` whose B appears here without A renames B
    /// to A, so the document's B joins the store's A.
    @discardableResult
    public mutating func apply(_ corrections: [Correction], toDocument: Bool = false) -> [CorrectionOutcome] {
        corrections.map { apply($0, toDocument: toDocument) }
    }

    /// Applies one correction (see ``apply(_:toDocument:)``).
    public mutating func apply(_ c: Correction, toDocument: Bool = false) -> CorrectionOutcome {
        func none(_ name: String) -> CorrectionOutcome {
            CorrectionOutcome(correction: c, applied: false, message: "no entity named \(name) (yet): nothing changed")
        }
        switch c {
        case .merge(let keepName, let absorbName):
            guard let keep = nodes(named: keepName).first else {
                let strays = toDocument ? nodes(named: absorbName) : []
                for s in strays { rename(s.id, to: keepName) }
                return strays.isEmpty ? none(keepName)
                    : CorrectionOutcome(correction: c, applied: true, message: "\(absorbName) named \(keepName)")
            }
            let losers = nodes(named: absorbName).filter { $0.id != keep.id }
            guard !losers.isEmpty else { return none(absorbName) }
            for l in losers { merge(l.id, into: keep.id) }
            addAlias(absorbName, to: currentID(keep.id))
            return CorrectionOutcome(correction: c, applied: true, message: "merged \(losers.count) node(s) named \(absorbName) into \(keepName)")
        case .split(let fromName, let name):
            let holders = lookup(fromName).filter { NameKey.of($0.name) == NameKey.of(fromName) }
            var made = 0
            for h in holders where split(h.id, name: name) != nil { made += 1 }
            return made > 0
                ? CorrectionOutcome(correction: c, applied: true, message: "\(name) split from \(fromName) as its own entity")
                : CorrectionOutcome(correction: c, applied: false, message: "\(fromName) holds no alias \(name): nothing changed")
        case .rename(let name, let new):
            let hits = nodes(named: name)
            guard !hits.isEmpty else { return none(name) }
            for h in hits { rename(h.id, to: new) }
            return CorrectionOutcome(correction: c, applied: true, message: "renamed \(name) to \(new)")
        case .delete(let name):
            let hits = nodes(named: name)
            guard !hits.isEmpty else { return none(name) }
            for h in hits { remove(h.id) }
            return CorrectionOutcome(correction: c, applied: true, message: "deleted \(hits.count) node(s) named \(name)")
        case .retype(let name, let type):
            let hits = nodes(named: name).filter { $0.type != type }
            guard !hits.isEmpty else { return none(name) }
            for h in hits { retype(h.id, to: type) }
            return CorrectionOutcome(correction: c, applied: true, message: "\(name) is now of type \(type.rawValue)")
        }
    }
}
