import Foundation
import GuanxiGraph

/// One element of a ``RelationPattern``, matched at a position of a sentence.
///
/// Patterns read a sentence as a sequence of characters in which each recognised name (a mention
/// that is not nested in another name and not part of an official's post) is one element.
public indirect enum PatternAtom: Sendable, Equatable {
    /// What a mention atom captures.
    public enum Role: String, Sendable, Equatable {
        /// The relation's head (source).
        case head
        /// The relation's tail (target).
        case tail
        /// A mention that must be there but is no end of the relation.
        case any
    }
    /// A mention of one of `types` (`[head company project]`); with `list`, a coordination of such
    /// mentions (`A、B和C`: `[head+ company]`), every member captured.
    case mention(role: Role, types: Set<EntityType>, list: Bool)
    /// A trigger word of a ``TriggerLexicon`` class (`@locate`).
    case trigger(TriggerLexicon.WordClass)
    /// One of these literal texts (`"内的"`, `("内" | "里")`), as scalars.
    case literal([[Unicode.Scalar]])
    /// Up to `max` characters inside the clause (no `，`, `；`, `：`, `。` skipped); `mentions` says
    /// whether names may be skipped too (`~~8`) or not (`~8`); `clauses` lets it run over clause
    /// ends (`*40`: up to 40 characters of the sentence, names too).
    case gap(max: Int, mentions: Bool, clauses: Bool = false)
    /// The start of the sentence (`^`).
    case sentenceStart
    /// The atom, or nothing (`?` after it).
    case optional(PatternAtom)
}

/// The implicit subject a pattern's head falls back on.
public enum PatternSubject: String, Sendable {
    /// The official the article follows (and everyone in the group that official leads).
    case official
    /// The zone, body, place or company the sentence is about.
    case topic
}

/// A named relation rule written as data (`Resources/relations.rules`): the relation it emits, the
/// sequence of atoms it reads, and example sentences that run as tests (`RelationRuleTests`).
public struct RelationPattern: Sendable {
    public var id: String
    public var relation: RelationType
    public var reads: String
    /// The pattern as written in the file.
    public var source: String
    public var atoms: [PatternAtom]
    /// Who the head (or, in a pattern without a tail, the tail) is when a match names none
    /// (`subject official` or `subject topic`): the sentence's implicit subject from the discourse
    /// stage (``PatternSubject``).
    public var subject: PatternSubject?
    public var yes: [RuleExample]
    public var no: [RuleExample]

    /// The rule as the registry lists it (``RelationRules/all``).
    public var rule: RelationRule { RelationRule(id: id, relation: relation, reads: reads, yes: yes, no: no, pattern: source) }
}

/// The relation patterns of a rules file, parsed and checked once, in file order.
///
/// The file is a sequence of blocks, one per rule, each line a keyword and its value:
///
///     rule     locate.inside-zone
///     emits    located_in
///     reads    what is named right after a zone's 内/里 lies in it
///     pattern  [tail park] ("内的" | "内") [head company project]
///     subject  official | topic       (optional: the head, or the tail, when a match names none)
///     yes      <sentence> | <head> | <tail>
///     no       <sentence> | <head> | <tail>
///
/// Pattern atoms: `[head T…]`, `[tail T…]`, `[any T…]` (a mention of one of the entity types T; `head+`
/// and `tail+` take a coordinated list), `@class` (a trigger word of a ``TriggerLexicon`` class),
/// `"text"` or `("a" | "b")` (literal text), `~N` (up to N characters of the clause, no name),
/// `~~N` (up to N characters of the clause, names too), `*N` (up to N characters of the sentence, over
/// clause ends), `^` (the sentence starts here), and `?` after
/// an atom (optional). A pattern has at least one head and one tail.
public struct RelationPatterns: Sendable {
    public private(set) var patterns: [RelationPattern] = []

    /// Why a rules file was rejected (the file and line named).
    public enum LoadError: Error, CustomStringConvertible, Equatable {
        case missingResource(String)
        case malformed(file: String, line: Int, detail: String)
        case incomplete(file: String, line: Int, rule: String, detail: String)
        case duplicate(file: String, line: Int, rule: String)
        case unreadable(file: String, reason: String)

        public var description: String {
            switch self {
            case .missingResource(let f): "the rules file \(f) is missing from the package"
            case .malformed(let f, let l, let d): "\(f):\(l): \(d)"
            case .incomplete(let f, let l, let r, let d): "\(f):\(l): rule \(r) \(d)"
            case .duplicate(let f, let l, let r): "\(f):\(l): rule \(r) is defined twice (or is a shipped rule's id: give yours another)"
            case .unreadable(let f, let r): "\(f): cannot read the rules file (\(r))"
            }
        }
    }

    /// The rules with a user's rules file added after them (`guanxi build --rules FILE`). A user's
    /// rule may not take the id of one held already (the error names the file and line).
    public func adding(file path: String) throws -> RelationPatterns {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw LoadError.unreadable(file: path, reason: (error as NSError).localizedDescription)
        }
        return try RelationPatterns(text: text, file: path, after: self)
    }

    /// Reads the rules of a file's text (`file` names it in errors), after the rules of `base`.
    public init(text: String, file: String, after base: RelationPatterns? = nil) throws {
        patterns = base?.patterns ?? []
        var current: (line: Int, fields: [String: String], examples: [(yes: Bool, line: Int, text: String)])?
        // (An id is one rule's: none of the rules before, none of the rules in code.)
        var ids = Set(patterns.map(\.id)).union(RelationRules.code.map(\.id))
        func finish() throws {
            guard let c = current else { return }
            current = nil
            let id = c.fields["rule"] ?? ""
            func need(_ key: String) throws -> String {
                guard let v = c.fields[key], !v.isEmpty else { throw LoadError.incomplete(file: file, line: c.line, rule: id, detail: "has no `\(key)` line") }
                return v
            }
            guard ids.insert(id).inserted else { throw LoadError.duplicate(file: file, line: c.line, rule: id) }
            let relationName = try need("emits")
            guard let relation = RelationType(rawValue: relationName) else {
                throw LoadError.incomplete(file: file, line: c.line, rule: id,
                                           detail: "emits the unknown relation “\(relationName)” (known: \(RelationType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let source = try need("pattern")
            let atoms: [PatternAtom]
            do { atoms = try Self.parse(source) } catch let e as PatternSyntaxError {
                throw LoadError.malformed(file: file, line: c.line, detail: "rule \(id): \(e.detail) in the pattern “\(source)”")
            }
            var subject: PatternSubject?
            if let name = c.fields["subject"] {
                guard let sj = PatternSubject(rawValue: name) else {
                    throw LoadError.incomplete(file: file, line: c.line, rule: id, detail: "has the unknown subject “\(name)” (known: official, topic)")
                }
                subject = sj
            }
            let roles = Self.roles(atoms)
            guard roles.contains(.head) || subject != nil, roles.contains(.tail) || subject != nil, roles.contains(.head) || roles.contains(.tail) else {
                throw LoadError.incomplete(file: file, line: c.line, rule: id, detail: "has a pattern without a [head …] and a [tail …] (one of them may be its `subject`)")
            }
            var yes: [RuleExample] = [], no: [RuleExample] = []
            for ex in c.examples {
                let parts = ex.text.components(separatedBy: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 3, !parts.contains(where: \.isEmpty) else {
                    throw LoadError.malformed(file: file, line: ex.line, detail: "expected `\(ex.yes ? "yes" : "no") sentence | head | tail`")
                }
                let example = RuleExample(parts[0].replacingOccurrences(of: "\\n", with: "\n"), parts[1], parts[2])
                if ex.yes { yes.append(example) } else { no.append(example) }
            }
            guard !yes.isEmpty, !no.isEmpty else { throw LoadError.incomplete(file: file, line: c.line, rule: id, detail: "needs a `yes` and a `no` example") }
            patterns.append(RelationPattern(id: id, relation: relation, reads: try need("reads"), source: source, atoms: atoms,
                                            subject: subject, yes: yes, no: no))
        }
        for (k, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = k + 1
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
                throw LoadError.malformed(file: file, line: line, detail: "expected `keyword value`, found “\(trimmed)”")
            }
            let key = String(trimmed[..<space]), value = trimmed[space...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "rule":
                try finish()
                guard !value.isEmpty, !value.contains(" ") else { throw LoadError.malformed(file: file, line: line, detail: "a rule id is one word (`family.name`)") }
                current = (line, ["rule": value], [])
            case "emits", "reads", "pattern", "subject":
                guard current != nil else { throw LoadError.malformed(file: file, line: line, detail: "`\(key)` before any `rule` line") }
                if current?.fields[key] != nil { throw LoadError.malformed(file: file, line: line, detail: "a second `\(key)` line in one rule") }
                current?.fields[key] = value
            case "yes", "no":
                guard current != nil else { throw LoadError.malformed(file: file, line: line, detail: "`\(key)` before any `rule` line") }
                current?.examples.append((key == "yes", line, value))
            default:
                throw LoadError.malformed(file: file, line: line, detail: "unknown keyword “\(key)” (known: rule, emits, reads, pattern, subject, yes, no)")
            }
        }
        try finish()
    }

    /// Why a pattern could not be read.
    struct PatternSyntaxError: Error { var detail: String }

    /// The atoms of a pattern's text.
    static func parse(_ text: String) throws -> [PatternAtom] {
        let c = Array(text)
        var i = 0
        var atoms: [PatternAtom] = []
        func skipSpace() { while i < c.count, c[i] == " " || c[i] == "\t" { i += 1 } }
        func quoted() throws -> String {
            guard i < c.count, c[i] == "\"" else { throw PatternSyntaxError(detail: "expected a quoted text at column \(i + 1)") }
            i += 1
            var out = ""
            while i < c.count, c[i] != "\"" { out.append(c[i]); i += 1 }
            guard i < c.count else { throw PatternSyntaxError(detail: "a quote is not closed") }
            i += 1
            guard !out.isEmpty else { throw PatternSyntaxError(detail: "an empty quoted text") }
            return out
        }
        func number() throws -> Int {
            var digits = ""
            while i < c.count, c[i].isASCII, c[i].isNumber { digits.append(c[i]); i += 1 }
            guard let n = Int(digits), n > 0, n <= 200 else { throw PatternSyntaxError(detail: "a gap needs a length from 1 to 200 (`~8`)") }
            return n
        }
        while true {
            skipSpace()
            guard i < c.count else { break }
            var atom: PatternAtom
            switch c[i] {
            case "[":
                guard let close = c[i...].firstIndex(of: "]") else { throw PatternSyntaxError(detail: "a `[` is not closed") }
                let words = String(c[(i + 1)..<close]).split(separator: " ").map(String.init)
                i = close + 1
                guard let first = words.first else { throw PatternSyntaxError(detail: "an empty `[]`") }
                let list = first.hasSuffix("+")
                guard let role = PatternAtom.Role(rawValue: list ? String(first.dropLast()) : first), !(list && role == .any) else {
                    throw PatternSyntaxError(detail: "a mention opens with head, tail, head+, tail+ or any, not “\(first)”")
                }
                var types = Set<EntityType>()
                for w in words.dropFirst() {
                    guard let t = EntityType(rawValue: w) else {
                        throw PatternSyntaxError(detail: "unknown entity type “\(w)” (known: \(EntityType.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    types.insert(t)
                }
                guard !types.isEmpty else { throw PatternSyntaxError(detail: "`[\(first)]` names no entity type") }
                atom = .mention(role: role, types: types, list: list)
            case "@":
                i += 1
                var name = ""
                while i < c.count, c[i].isLetter || c[i] == "-" { name.append(c[i]); i += 1 }
                guard let cls = TriggerLexicon.WordClass(rawValue: name) else {
                    throw PatternSyntaxError(detail: "unknown trigger class “@\(name)” (known: \(TriggerLexicon.WordClass.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                atom = .trigger(cls)
            case "\"":
                atom = .literal([Array(try quoted().unicodeScalars)])
            case "(":
                i += 1
                var alts: [String] = []
                while true {
                    skipSpace()
                    alts.append(try quoted())
                    skipSpace()
                    guard i < c.count else { throw PatternSyntaxError(detail: "a `(` is not closed") }
                    if c[i] == ")" { i += 1; break }
                    guard c[i] == "|" else { throw PatternSyntaxError(detail: "expected `|` or `)` at column \(i + 1)") }
                    i += 1
                }
                atom = .literal(alts.map { Array($0.unicodeScalars) })
            case "~":
                i += 1
                let mentions = i < c.count && c[i] == "~"
                if mentions { i += 1 }
                atom = .gap(max: try number(), mentions: mentions)
            case "*":
                i += 1
                atom = .gap(max: try number(), mentions: true, clauses: true)
            case "^":
                i += 1
                guard atoms.isEmpty else { throw PatternSyntaxError(detail: "`^` must open the pattern") }
                atom = .sentenceStart
            default:
                throw PatternSyntaxError(detail: "unexpected “\(c[i])” at column \(i + 1)")
            }
            if i < c.count, c[i] == "?" {
                i += 1
                guard atom != .sentenceStart else { throw PatternSyntaxError(detail: "`^` cannot be optional") }
                atom = .optional(atom)
            }
            atoms.append(atom)
        }
        guard !atoms.isEmpty else { throw PatternSyntaxError(detail: "an empty pattern") }
        return atoms
    }

    /// The roles of a pattern's mention atoms, optional ones too (a match without a head makes no
    /// edge unless the rule names a `subject`).
    static func roles(_ atoms: [PatternAtom]) -> Set<PatternAtom.Role> {
        var out = Set<PatternAtom.Role>()
        for a in atoms {
            switch a {
            case .mention(let role, _, _), .optional(.mention(let role, _, _)): out.insert(role)
            default: break
            }
        }
        return out
    }

    /// The shipped rules file, read from the package's resource.
    public static func loadShipped() throws -> RelationPatterns {
        guard let url = Bundle.module.url(forResource: "relations", withExtension: "rules") else { throw LoadError.missingResource("relations.rules") }
        return try RelationPatterns(text: try String(contentsOf: url, encoding: .utf8), file: "relations.rules")
    }

    /// The shipped rules, read once. A broken shipped file is a packaging error (the tests load it).
    public static let shipped: RelationPatterns = {
        do { return try loadShipped() } catch { preconditionFailure("\(error)") }
    }()
}
