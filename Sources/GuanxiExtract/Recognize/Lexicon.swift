import Foundation
import GuanxiGraph
import GuanxiText

/// The word lists the recognisers generalise from, as data: the package resource `lexicon.tsv` (one
/// word a line: the word, its class, a value where the class takes one), loaded once into this value
/// and passed to the ``Extractor`` (which hands it to its recogniser and resolver). Name suffixes by
/// entity type, posts, trigger and boundary words, stop characters, generic stems, fields, and the
/// standard abbreviations of Chinese institution names. None of them names an entity; they describe
/// how names and sentences are built. A malformed line, a word listed twice in a class or a class this
/// type does not know is rejected at load, with the file and line named.
public struct Lexicon: Sendable {
    /// What a word is to the recognisers (the second column of the file).
    public enum WordClass: String, CaseIterable, Sendable {
        case suffixCompany = "suffix.company", suffixPark = "suffix.park", suffixOrganization = "suffix.organization"
        case suffixProject = "suffix.project", suffixPolicy = "suffix.policy", suffixPlace = "suffix.place"
        case standaloneOrganization = "organization.standalone", levelPrefix = "level-prefix", abbreviation
        /// A non-standard short form (`经开发区`): read as its full form where a text writes it, never
        /// made from the full form as an alias.
        case variant
        case title, afterName = "after-name", beforePost = "before-post", notPersonalName = "not-personal-name"
        case notInGivenName = "not-in-given-name", hardStop = "stop.hard", weakStop = "stop.weak", boundary
        case genericStem = "generic-stem", genericStemWord = "generic-stem-word", weakCompanySuffix = "company-suffix.weak"
        case field, companyListOpener = "company-list-opener", genericBodyWord = "body.generic-word"
        case descriptiveBodyWord = "body.descriptive-word", descriptiveBodySuffix = "body.descriptive-suffix"
        case descriptionWord = "description-word", policySuffix = "policy.suffix", policyEnding = "policy.ending"
        case policyVerb = "policy.verb", mediaEnding = "media-ending", listEnding = "list-ending"

        /// The entity type a suffix class gives a name, nil for the other classes.
        public var suffixType: EntityType? {
            switch self {
            case .suffixCompany: .company
            case .suffixPark: .park
            case .suffixOrganization: .organization
            case .suffixProject: .project
            case .suffixPolicy: .policy
            case .suffixPlace: .place
            default: nil
            }
        }

        /// Classes whose words are single characters.
        var singleCharacter: Bool { self == .notInGivenName || self == .hardStop || self == .weakStop || self == .levelPrefix }
    }

    /// One line of the file.
    public struct Entry: Sendable, Hashable {
        public var word: String
        public var wordClass: WordClass
        /// The third column: an abbreviation's full form, a level prefix's level, else a note (or empty).
        public var value: String
        public var line: Int
    }

    /// Why a lexicon file was rejected.
    public enum LoadError: Error, CustomStringConvertible, Equatable {
        case missingResource(String)
        case malformed(file: String, line: Int, text: String)
        case unknownClass(file: String, line: Int, word: String, className: String)
        case duplicate(file: String, line: Int, word: String, className: String, firstLine: Int)
        case badValue(file: String, line: Int, word: String, className: String, problem: String)

        public var description: String {
            switch self {
            case .missingResource(let f): "the lexicon file \(f) is missing from the package"
            case .malformed(let f, let l, let t): "\(f):\(l): expected `word<TAB>class` or `word<TAB>class<TAB>value`, found “\(t)”"
            case .unknownClass(let f, let l, let w, let c):
                "\(f):\(l): “\(w)” has the unknown class “\(c)” (known: \(WordClass.allCases.map(\.rawValue).joined(separator: ", ")))"
            case .duplicate(let f, let l, let w, let c, let first): "\(f):\(l): “\(w)” is listed again in class \(c) (first on line \(first))"
            case .badValue(let f, let l, let w, let c, let p): "\(f):\(l): “\(w)” (class \(c)): \(p)"
            }
        }
    }

    /// The lines and the sets derived from them, behind one reference: a lexicon is copied with
    /// every extractor, recogniser and resolver, and its sets are read in the innermost loops.
    final class Store: Sendable {
        /// The lines of the file, in order.
        let entries: [Entry]

        /// Suffixes that end a name, with the type they give, in file order. Longest match wins.
        let suffixTypes: [(String, EntityType)]
        let suffixes: WordSet
        /// The type of each suffix (a suffix listed under two types takes the first).
        let suffixType: [String: EntityType]
        /// Suffixes that can stand alone as an organization's whole name.
        let standaloneOrganizations: Set<String>
        /// Places a bare name (`省委`, `市政协`) belongs to: its first character's level.
        let levelPrefix: [Unicode.Scalar: Gazetteer.Level]
        /// Standard abbreviations in institution names: short → full, in file order. Applied to make aliases.
        let abbreviations: [(String, String)]
        /// Non-standard short forms, read one way: short → full.
        let variants: [(String, String)]
        /// Abbreviations and variants as scalars: (short, full, read one way only).
        let abbreviationScalars: [([Unicode.Scalar], [Unicode.Scalar], Bool)]
        let abbreviationInitials: Set<Unicode.Scalar>
        /// Posts, longest first in matching.
        let titles: WordSet
        /// Words that may follow a personal name (what the official does next).
        let afterName: WordSet
        /// Words that open a post phrase and look like a surname and a given name (`相关负责人`, `党组书记`).
        let wordsBeforePosts: Set<String>
        /// Common words shaped like a surname and a given name (`一行`, `认真`): never an official's name.
        let notPersonalNames: Set<String>
        /// Characters that never belong to a given name.
        let notInGivenName: ScalarSet
        /// Single characters that always end a name to their left.
        let hardStops: ScalarSet
        /// Single characters that end a name unless a place name opens a longer one (`中和陶瓷产业园`).
        let weakStops: ScalarSet
        /// Verbs and adverbs that end a name to their left (a name never ends with them).
        let boundaryWords: WordSet
        /// Name stems that are generic words, not names (`园区`, `该公司`, `重点项目`); the empty stem too.
        let genericStems: Set<String>
        /// Words that describe an industry or a kind, not a particular zone: a stem made only of
        /// them (`未来产业先导区`, `省级消费品特色园区`) is generic.
        let genericStemWords: WordSet
        /// Endings of companies' short names (`晶门科技`, `同仁堂健康药业`), trusted only inside a list of companies.
        let weakCompanySuffixes: WordSet
        /// Fields of technology and industry: a stem of them names a field, not a company (`量子科技`).
        let fieldWords: WordSet
        /// Words that open a list of companies.
        let companyListOpeners: WordSet
        /// Words that leave a body's name generic (`项目服务专班`, `有关部门`); fields do not (`智能装备研究院`).
        let genericBodyWords: WordSet
        /// Words that describe what kind of body a centre, school or institute is (`国际交流中心`,
        /// `专业领域研究所`): a stem made only of them (with kinds and fields) names no particular body.
        let descriptiveBodyWords: WordSet
        /// Weak body endings that a descriptive stem leaves generic.
        let descriptiveBodySuffixes: Set<String>
        /// Words that make a stem a description (`安徽省第一个国家级开发区`), wherever they stand in it.
        /// (A set, to find any of them inside a name in one scan.)
        let descriptionWordSet: WordSet
        /// Quoted names followed by these words are policies: `“揭榜挂帅”制度`.
        let policySuffixes: WordSet
        /// A quoted name that ends in one of these is itself a policy: `“冬季行动”`.
        let policyEndings: WordSet
        /// Verbs that make the quoted name after them a policy when `工作`/`活动` follows it.
        let policyVerbs: WordSet
        /// Title-mark contents that name media, not policies.
        let mediaEndings: WordSet
        /// Named lists: `第二批…名单`.
        let listEndings: WordSet

        init(_ parsed: [Entry]) {
            entries = parsed
            var byClass: [WordClass: [String]] = [:]
            for e in parsed { byClass[e.wordClass, default: []].append(e.word) }
            func words(_ c: WordClass) -> [String] { byClass[c] ?? [] }

            suffixTypes = parsed.compactMap { e in e.wordClass.suffixType.map { (e.word, $0) } }
            suffixes = WordSet(suffixTypes.map(\.0))
            suffixType = Dictionary(suffixTypes, uniquingKeysWith: { a, _ in a })
            standaloneOrganizations = Set(words(.standaloneOrganization))
            var levels: [Unicode.Scalar: Gazetteer.Level] = [:]
            for e in parsed where e.wordClass == .levelPrefix {
                if let u = e.word.unicodeScalars.first, let level = Gazetteer.Level(rawValue: e.value) { levels[u] = level }
            }
            levelPrefix = levels
            abbreviations = parsed.filter { $0.wordClass == .abbreviation }.map { ($0.word, $0.value) }
            variants = parsed.filter { $0.wordClass == .variant }.map { ($0.word, $0.value) }
            abbreviationScalars = parsed.filter { $0.wordClass == .abbreviation || $0.wordClass == .variant }.map {
                (Array($0.word.unicodeScalars), Array($0.value.unicodeScalars), $0.wordClass == .variant)
            }
            abbreviationInitials = Set(abbreviationScalars.flatMap { [$0.0[0], $0.1[0]] })
            titles = WordSet(words(.title))
            afterName = WordSet(words(.afterName))
            wordsBeforePosts = Set(words(.beforePost))
            notPersonalNames = Set(words(.notPersonalName))
            notInGivenName = ScalarSet(words(.notInGivenName).joined())
            hardStops = ScalarSet(words(.hardStop).joined())
            weakStops = ScalarSet(words(.weakStop).joined())
            boundaryWords = WordSet(words(.boundary))
            // (A stem of nothing is generic: the file cannot write the empty word.)
            genericStems = Set(words(.genericStem)).union([""])
            genericStemWords = WordSet(words(.genericStemWord))
            weakCompanySuffixes = WordSet(words(.weakCompanySuffix))
            fieldWords = WordSet(words(.field))
            companyListOpeners = WordSet(words(.companyListOpener))
            genericBodyWords = WordSet(words(.genericBodyWord))
            descriptiveBodyWords = WordSet(words(.descriptiveBodyWord))
            descriptiveBodySuffixes = Set(words(.descriptiveBodySuffix))
            descriptionWordSet = WordSet(words(.descriptionWord))
            policySuffixes = WordSet(words(.policySuffix))
            policyEndings = WordSet(words(.policyEnding))
            policyVerbs = WordSet(words(.policyVerb))
            mediaEndings = WordSet(words(.mediaEnding))
            listEndings = WordSet(words(.listEnding))
        }
    }

    private let store: Store

    /// The lines of the file, in order.
    public var entries: [Entry] { store.entries }

    // The sets, as the rules read them (see ``Store`` for what each holds).
    var suffixTypes: [(String, EntityType)] { store.suffixTypes }
    var suffixes: WordSet { store.suffixes }
    var suffixType: [String: EntityType] { store.suffixType }
    var standaloneOrganizations: Set<String> { store.standaloneOrganizations }
    var levelPrefix: [Unicode.Scalar: Gazetteer.Level] { store.levelPrefix }
    var abbreviations: [(String, String)] { store.abbreviations }
    /// Non-standard short forms read as their full forms (`经开发区` → `经济技术开发区`), never made from them.
    var variants: [(String, String)] { store.variants }
    var titles: WordSet { store.titles }
    var afterName: WordSet { store.afterName }
    var wordsBeforePosts: Set<String> { store.wordsBeforePosts }
    var notPersonalNames: Set<String> { store.notPersonalNames }
    var notInGivenName: ScalarSet { store.notInGivenName }
    var hardStops: ScalarSet { store.hardStops }
    var weakStops: ScalarSet { store.weakStops }
    var boundaryWords: WordSet { store.boundaryWords }
    var genericStems: Set<String> { store.genericStems }
    var genericStemWords: WordSet { store.genericStemWords }
    var weakCompanySuffixes: WordSet { store.weakCompanySuffixes }
    var fieldWords: WordSet { store.fieldWords }
    var companyListOpeners: WordSet { store.companyListOpeners }
    var genericBodyWords: WordSet { store.genericBodyWords }
    var descriptiveBodyWords: WordSet { store.descriptiveBodyWords }
    var descriptiveBodySuffixes: Set<String> { store.descriptiveBodySuffixes }
    var descriptionWordSet: WordSet { store.descriptionWordSet }
    var policySuffixes: WordSet { store.policySuffixes }
    var policyEndings: WordSet { store.policyEndings }
    var policyVerbs: WordSet { store.policyVerbs }
    var mediaEndings: WordSet { store.mediaEndings }
    var listEndings: WordSet { store.listEndings }

    /// Reads a lexicon from its text (`file` names it in errors).
    public init(tsv: String, file: String) throws {
        // Read on UTF-8 bytes (a newline, a tab and the ASCII blanks are never inside a longer
        // character): splitting Characters and building strings scalar by scalar cost more than
        // building the sets.
        let bytes = Array(tsv.utf8)
        func string(_ b: ArraySlice<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
        // The line where each word of a class (an abbreviation: each pair) was first listed.
        var firstLine: [Key: Int] = [:]
        var parsed: [Entry] = []
        var line = 0, start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let raw = bytes[start..<end]
            line += 1; start = end + 1
            let text = Lexicon.trimmed(raw)
            if text.isEmpty || text.first == 0x23 { continue }  // `#`
            let cols = raw.split(separator: 0x09, omittingEmptySubsequences: false).map(Lexicon.trimmed)
            guard cols.count == 2 || cols.count == 3, !cols[0].isEmpty, !cols[1].isEmpty else {
                throw LoadError.malformed(file: file, line: line, text: string(text))
            }
            let word = string(cols[0]), className = string(cols[1]), value = cols.count > 2 ? string(cols[2]) : ""
            guard let c = WordClass(rawValue: className) else {
                throw LoadError.unknownClass(file: file, line: line, word: word, className: className)
            }
            if c.singleCharacter, word.unicodeScalars.count != 1 {
                throw LoadError.badValue(file: file, line: line, word: word, className: c.rawValue, problem: "this class takes single characters")
            }
            if c == .abbreviation || c == .variant, value.isEmpty {
                throw LoadError.badValue(file: file, line: line, word: word, className: c.rawValue, problem: "an abbreviation needs its full form in the third column")
            }
            if c == .levelPrefix, Gazetteer.Level(rawValue: value) == nil {
                throw LoadError.badValue(file: file, line: line, word: word, className: c.rawValue,
                                         problem: "a level prefix needs its level (province, city or county) in the third column, found “\(value)”")
            }
            // An abbreviation is a pair: the same short form may have several full forms.
            var key = Key(bytes: Array(cols[1]) + [0x09] + cols[0])
            if c == .abbreviation || c == .variant { key.bytes += [0x09] + cols[2] }
            if let first = firstLine[key] {
                throw LoadError.duplicate(file: file, line: line, word: word, className: c.rawValue, firstLine: first)
            }
            firstLine[key] = line
            parsed.append(Entry(word: word, wordClass: c, value: value, line: line))
        }
        store = Store(parsed)
    }

    /// A class and a word as bytes, hashed a word at a time (hashing a byte array combines byte by byte).
    private struct Key: Hashable {
        var bytes: [UInt8]
        func hash(into h: inout Hasher) { bytes.withUnsafeBytes { h.combine(bytes: $0) } }
    }

    /// The UTF-8 forms of the space separators above ASCII (the general category Zs: what
    /// `CharacterSet.whitespaces` trims besides the space and the tab).
    private static let wideSpaces: [[UInt8]] = ([0xA0, 0x1680, 0x202F, 0x205F, 0x3000] + Array(0x2000...0x200A)).compactMap { v in
        Unicode.Scalar(UInt32(v)).map { Array(String($0).utf8) }
    }

    /// The first and the last bytes of those forms (most words start and end with other bytes).
    private static let wideSpaceLeads = byteTable(wideSpaces.compactMap(\.first))
    private static let wideSpaceEnds = byteTable(wideSpaces.compactMap(\.last))
    private static func byteTable(_ bytes: [UInt8]) -> [Bool] {
        var t = [Bool](repeating: false, count: 256)
        for b in bytes { t[Int(b)] = true }
        return t
    }

    /// `s` without the blanks around it: spaces, tabs, the other space separators (what
    /// `CharacterSet.whitespaces` trims), and the carriage return of a line ended `\r\n`.
    private static func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var a = s.startIndex, b = s.endIndex
        func ascii(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D }
        while a < b {
            if ascii(s[a]) { a += 1; continue }
            guard Lexicon.wideSpaceLeads[Int(s[a])], let w = wideSpaces.first(where: { s[a..<b].starts(with: $0) }) else { break }
            a += w.count
        }
        while b > a {
            if ascii(s[b - 1]) { b -= 1; continue }
            guard Lexicon.wideSpaceEnds[Int(s[b - 1])], let w = wideSpaces.first(where: { b - a >= $0.count && s[(b - $0.count)..<b].elementsEqual($0) }) else { break }
            b -= w.count
        }
        return s[a..<b]
    }

    /// The words of one class, in file order.
    public func words(_ c: WordClass) -> [String] { store.entries.filter { $0.wordClass == c }.map(\.word) }

    /// Words that end a name to their left: the boundary words and the triggers of the relation rules
    /// that never stand inside a name (``TriggerLexicon/boundaries``).
    func boundaries(with triggers: TriggerLexicon) -> WordSet {
        WordSet(Array(boundaryWords.words.union(triggers.boundaries)).sorted())
    }

    /// The lexicon shipped with the package, read from its resource.
    public static func loadShipped() throws -> Lexicon {
        try Lexicon(tsv: shippedText(), file: "lexicon.tsv")
    }

    /// The text of the shipped lexicon file (to derive a variant from it).
    public static func shippedText() throws -> String {
        guard let url = Bundle.module.url(forResource: "lexicon", withExtension: "tsv") else { throw LoadError.missingResource("lexicon.tsv") }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The shipped lexicon, read once. A broken shipped file is a packaging error (the tests load it).
    public static let shared: Lexicon = {
        do { return try loadShipped() } catch { preconditionFailure("\(error)") }
    }()

    /// The other forms a name takes by the standard abbreviations: every full form in it
    /// shortened, or (when it holds none) every short form spelled out. Works on scalars: this
    /// runs for every name of every document.
    func abbreviationVariants(of form: String) -> [String] {
        let f = Array(form.unicodeScalars)
        guard f.contains(where: { store.abbreviationInitials.contains($0) }) else { return [] }
        var out: [String] = []
        for (short, full, oneWay) in store.abbreviationScalars {
            if !oneWay, let replaced = Lexicon.replacing(full, with: short, in: f) { out.append(replaced) }
            else if let replaced = Lexicon.replacing(short, with: full, in: f) { out.append(replaced) }
        }
        return out
    }

    /// `text` with every `word` replaced, or nil when `word` does not occur.
    private static func replacing(_ word: [Unicode.Scalar], with other: [Unicode.Scalar], in text: [Unicode.Scalar]) -> String? {
        guard word.count <= text.count, text.occurs(word, at: nil) else { return nil }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < text.count {
            if text.occurs(word, at: i) { out.append(contentsOf: other); i += word.count } else { out.append(text[i]); i += 1 }
        }
        return String(out)
    }
}
