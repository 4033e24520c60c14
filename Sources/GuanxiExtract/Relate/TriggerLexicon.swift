import Foundation

/// The trigger words of the relation rules, as data: the package resource `triggers.tsv` (one word a
/// line: the word, its classes, an example), loaded once into this value and passed to the
/// ``Relator`` by the ``Extractor``. A word listed twice or a class this type does not know is
/// rejected at load, with the file and line named.
public struct TriggerLexicon: Sendable {
    /// What a trigger word signals to the rules.
    public enum WordClass: String, CaseIterable, Sendable {
        case visit, accompany, locate, locateAfterIn = "locate-after-in", issue, approve, select, implement, build
        case cooperate, sign, lead, builtBy = "built-by", invest, among, investor, ownedBy = "owned-by", respectively
        case relyingOn = "relying-on", incubate, support, onSite = "on-site", develop, drawIn = "draw-in"
    }

    /// One line of the file.
    public struct Entry: Sendable, Hashable {
        public var word: String
        public var classes: [WordClass]
        public var example: String
    }

    /// Why a lexicon file was rejected.
    public enum LoadError: Error, CustomStringConvertible, Equatable {
        case missingResource(String)
        case malformed(file: String, line: Int, text: String)
        case unknownClass(file: String, line: Int, word: String, className: String)
        case duplicate(file: String, line: Int, word: String, firstLine: Int)

        public var description: String {
            switch self {
            case .missingResource(let f): "the lexicon file \(f) is missing from the package"
            case .malformed(let f, let l, let t): "\(f):\(l): expected `word<TAB>class,class<TAB>example`, found “\(t)”"
            case .unknownClass(let f, let l, let w, let c):
                "\(f):\(l): “\(w)” has the unknown class “\(c)” (known: \(WordClass.allCases.map(\.rawValue).joined(separator: ", ")))"
            case .duplicate(let f, let l, let w, let first): "\(f):\(l): “\(w)” is listed again (first on line \(first)); give it both classes on one line"
            }
        }
    }

    public private(set) var entries: [Entry] = []
    private var sets: [WordClass: WordSet] = [:]
    /// Classes whose words are verbs that never stand inside a name (`走访`, `位于`, `印发`, `入选`);
    /// words of the others may (`合作区`, `投资集团`, `孵化基地`, `实施方案`).
    public static let boundaryClasses: Set<WordClass> = [.visit, .accompany, .locate, .issue, .approve, .select, .lead]
    /// The triggers of two or more characters of the boundary classes: words that end a name to their left.
    public private(set) var boundaries: [String] = []

    /// Reads a lexicon from its text (`file` names it in errors).
    public init(tsv: String, file: String) throws {
        var firstLine: [String: Int] = [:]
        var byClass: [WordClass: [String]] = [:]
        for (k, raw) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = k + 1
            let text = raw.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            let cols = raw.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cols.count >= 2, !cols[0].isEmpty, !cols[1].isEmpty else { throw LoadError.malformed(file: file, line: line, text: String(raw)) }
            let word = cols[0]
            if let first = firstLine[word] { throw LoadError.duplicate(file: file, line: line, word: word, firstLine: first) }
            firstLine[word] = line
            var classes: [WordClass] = []
            for name in cols[1].split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let c = WordClass(rawValue: name) else { throw LoadError.unknownClass(file: file, line: line, word: word, className: name) }
                classes.append(c)
                byClass[c, default: []].append(word)
            }
            entries.append(Entry(word: word, classes: classes, example: cols.count > 2 ? cols[2] : ""))
        }
        for c in WordClass.allCases { sets[c] = WordSet(byClass[c] ?? []) }
        boundaries = entries.filter { $0.word.unicodeScalars.count >= 2 && !TriggerLexicon.boundaryClasses.isDisjoint(with: $0.classes) }.map(\.word)
    }

    /// The words of one class.
    public func words(_ c: WordClass) -> [String] { entries.filter { $0.classes.contains(c) }.map(\.word) }

    func set(_ c: WordClass) -> WordSet { sets[c] ?? WordSet([]) }

    /// The lexicon shipped with the package, read from its resource.
    public static func loadShipped() throws -> TriggerLexicon {
        try TriggerLexicon(tsv: shippedText(), file: "triggers.tsv")
    }

    /// The text of the shipped lexicon file (to derive a variant from it).
    public static func shippedText() throws -> String {
        guard let url = Bundle.module.url(forResource: "triggers", withExtension: "tsv") else { throw LoadError.missingResource("triggers.tsv") }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The shipped lexicon, read once. A broken shipped file is a packaging error (the tests load it).
    public static let shipped: TriggerLexicon = {
        do { return try loadShipped() } catch { preconditionFailure("\(error)") }
    }()
}
