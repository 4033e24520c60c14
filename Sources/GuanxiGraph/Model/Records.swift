import Foundation

/// Where an entity is named in a source document. Offsets count Unicode scalars (code points)
/// of the document's text as read (after decoding, and after reducing HTML/Markdown to text),
/// so `text[start..<end]` is the mention as written, whatever normalisation found it.
public struct Mention: Codable, Hashable, Sendable, Comparable {
    /// The document's id (see ``DocumentRecord/id``).
    public var document: String
    public var start: Int
    public var end: Int
    /// The mention as written in the source.
    public var text: String

    public init(document: String, start: Int, end: Int, text: String) {
        self.document = document; self.start = start; self.end = end; self.text = text
    }

    public static func < (a: Mention, b: Mention) -> Bool {
        (a.document, a.start, a.end, a.text) < (b.document, b.start, b.end, b.text)
    }
}

/// Whether a post is held, taken up or left, as the sentence that names it says.
public enum PostStatus: String, Codable, CaseIterable, Sendable, Comparable {
    /// Named as held (`市委书记陈凯`): the default when the text says nothing else.
    case held
    /// Taken up: appointed, elected, nominated (`任命…为`, `当选`, `提名为`).
    case appointed
    /// Left: removed, resigned, no longer holding it (`免去`, `不再担任`, `辞去`).
    case left

    public static func < (a: PostStatus, b: PostStatus) -> Bool { a.rawValue < b.rawValue }
}

/// A post an official holds, as the text writes it (`阳泉市委副书记、代市长`), and, when the
/// text names it, the organization, place or park it belongs to.
public struct Post: Codable, Hashable, Sendable, Comparable {
    public var title: String
    /// Name of the organization or place the post belongs to, when known.
    public var organization: String?
    /// Held, taken up or left; nil where the text says nothing (read as held).
    public var status: PostStatus?
    /// The date the text gives for taking up or leaving the post (`2025-12-29`, `2025-12`).
    public var date: String?

    public init(title: String, organization: String? = nil, status: PostStatus? = nil, date: String? = nil) {
        self.title = title; self.organization = organization; self.status = status; self.date = date
    }

    public static func < (a: Post, b: Post) -> Bool {
        (a.title, a.organization ?? "", a.status?.rawValue ?? "", a.date ?? "")
            < (b.title, b.organization ?? "", b.status?.rawValue ?? "", b.date ?? "")
    }
}

/// A sum of money as a sentence states it (`总投资108亿元`), with its value when it can be read.
public struct Amount: Codable, Hashable, Sendable, Comparable {
    /// As written (`108亿元`, `5000万美元`).
    public var text: String
    /// The value in units of `currency` (`108亿元` → 1.08e10), when the text can be read as a number.
    public var value: Double?
    /// ISO 4217 code (`CNY`, `USD`, …).
    public var currency: String

    public init(text: String, value: Double?, currency: String = "CNY") {
        self.text = text; self.value = value; self.currency = currency
    }

    public static func < (a: Amount, b: Amount) -> Bool {
        (a.text, a.currency, a.value ?? -1) < (b.text, b.currency, b.value ?? -1)
    }
}

/// The sentence that states a relation, so a reader can check it.
public struct Evidence: Codable, Hashable, Sendable, Comparable {
    public var document: String
    /// The sentence exactly as written in the source document.
    public var sentence: String
    /// Unicode-scalar offsets of `sentence` in the document's text.
    public var start: Int
    public var end: Int
    /// The date the article gives for the fact, ISO-like (`2025-12-29`, or `2025-12` / `01-04` when partial).
    public var date: String?
    /// The extraction rule that read the relation from this sentence (its id), so a reader and
    /// `evaluate --verbose` can tell which rule made an edge; nil for facts from elsewhere.
    public var rule: String?
    /// A sum the sentence states for this fact (a signing's or investment's amount).
    public var amount: Amount?

    public init(document: String, sentence: String, start: Int, end: Int, date: String? = nil,
                rule: String? = nil, amount: Amount? = nil) {
        self.document = document; self.sentence = sentence
        self.start = start; self.end = end; self.date = date
        self.rule = rule; self.amount = amount
    }

    public static func < (a: Evidence, b: Evidence) -> Bool {
        // Every field takes part, so evidence that differs only in sentence or date still sorts
        // the same way whatever order a Set handed it over in (byte-identical graph files).
        if (a.document, a.start, a.end, a.sentence, a.date ?? "") != (b.document, b.start, b.end, b.sentence, b.date ?? "") {
            return (a.document, a.start, a.end, a.sentence, a.date ?? "") < (b.document, b.start, b.end, b.sentence, b.date ?? "")
        }
        if a.rule != b.rule { return (a.rule ?? "") < (b.rule ?? "") }
        switch (a.amount, b.amount) {
        case let (x?, y?): return x < y
        case (nil, _?): return true
        default: return false
        }
    }
}

/// One article of a document (a newspaper page holds several).
public struct ArticleRecord: Codable, Hashable, Sendable {
    public var title: String?
    /// Reporters and photographers named in bylines and credits: never officials.
    public var byline: [String]
    public var dateline: String?
    /// The article's date as the text gives it (`2025-12-29`, `01-04`), when it gives one.
    public var date: String?
    public var start: Int
    public var end: Int

    public init(title: String? = nil, byline: [String] = [], dateline: String? = nil,
                date: String? = nil, start: Int, end: Int) {
        self.title = title; self.byline = byline; self.dateline = dateline
        self.date = date; self.start = start; self.end = end
    }
}

/// A source document: part of the graph's record so every fact traces back to its file.
public struct DocumentRecord: Codable, Hashable, Sendable {
    /// Stable id: the file name without its extension, made unique within the graph.
    public var id: String
    /// The path as given to `build`.
    public var path: String
    /// SHA-256 of the file's bytes, hex; `build` skips a document whose hash the graph holds.
    public var sha256: String
    /// The text encoding the file was read in (`UTF-8`, `GB18030`, …) and its format (`text`, `html`, `markdown`).
    public var encoding: String
    public var format: String
    /// Number of Unicode scalars of the document's text (offsets are below it).
    public var length: Int
    public var title: String?
    public var byline: [String]
    public var articles: [ArticleRecord]
    /// Where this document lies in its file, in Unicode-scalar offsets of the file's text, when
    /// the file holds several articles (a newspaper page): each article is its own document and
    /// the documents of one file share its path and hash. nil: the document is the whole file.
    public var start: Int?
    public var end: Int?
    /// The article's date (`2025-12-29`, `01-04`) from its dateline or first lines.
    public var date: String?
    /// The address the text says it was published at (`来源: http://…`), when it gives one.
    public var source: String?

    public init(id: String, path: String, sha256: String, encoding: String = "UTF-8",
                format: String = "text", length: Int = 0, title: String? = nil,
                byline: [String] = [], articles: [ArticleRecord] = [],
                start: Int? = nil, end: Int? = nil, date: String? = nil, source: String? = nil) {
        self.id = id; self.path = path; self.sha256 = sha256; self.encoding = encoding
        self.format = format; self.length = length; self.title = title
        self.byline = byline; self.articles = articles
        self.start = start; self.end = end; self.date = date; self.source = source
    }

    /// What identifies the document's text among all documents: the file's hash, and the
    /// article's range when the document is one article of a file.
    public var contentKey: String {
        guard let start, let end else { return sha256 }
        return "\(sha256)@\(start)-\(end)"
    }

    /// Where the document came from, for a reader: its address when the text gives one, else its path.
    public var origin: String { source ?? path }
}

/// Where an entity lies, derived (not stated by a relation): its province, city and county as
/// the gazetteer names them, and how that was found. Derived placement is never a relation edge,
/// so it never counts as a stated fact.
public struct Region: Codable, Hashable, Sendable {
    public var province: String?
    public var provinceCode: String?
    public var city: String?
    public var cityCode: String?
    public var county: String?
    public var countyCode: String?
    /// How the placement was derived: `name` (the entity's name begins with a division's name,
    /// `阳泉市委`), `located_in` (a stated `located_in` edge to a placed entity), `gazetteer` (a
    /// place's own divisions).
    public var how: String

    public init(province: String? = nil, provinceCode: String? = nil, city: String? = nil, cityCode: String? = nil,
                county: String? = nil, countyCode: String? = nil, how: String) {
        self.province = province; self.provinceCode = provinceCode; self.city = city; self.cityCode = cityCode
        self.county = county; self.countyCode = countyCode; self.how = how
    }

    /// Province, city and county names that are set, widest first.
    public var names: [String] { [province, city, county].compactMap { $0 } }

    /// `山西省 朔州市 怀仁市`.
    public var label: String { names.joined(separator: " ") }

    /// Whether the region lies within the place a user names (`山西省`, `山西`, `朔州市`, `朔州`).
    public func isWithin(_ place: String) -> Bool {
        let q = place.trimmingCharacters(in: .whitespaces)
        guard !q.isEmpty else { return false }
        return names.contains { $0 == q || Region.stem($0) == q || Region.stem($0) == Region.stem(q) && Region.stem(q).count >= 2 }
    }

    /// A division's name without its level word (`山西省` → `山西`, `广西壮族自治区` → `广西`).
    public static func stem(_ name: String) -> String {
        for suffix in ["维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "自治州", "自治县", "地区", "省", "市", "县", "区", "盟", "旗"]
        where name.hasSuffix(suffix) && name.count > suffix.count + 1 {
            return String(name.dropLast(suffix.count))
        }
        return name
    }
}

/// A node of the graph: one real-world entity, whatever forms the texts name it by.
public struct Entity: Codable, Hashable, Sendable {
    /// Stable id, `type:canonical name` at creation (kept when aliases are added later).
    public var id: String
    public var type: EntityType
    /// Canonical name: the fullest form the texts give.
    public var name: String
    /// Other forms the texts use (short forms, Traditional forms, `《规划》` …), sorted.
    public var aliases: [String]
    /// An official's posts as written.
    public var posts: [Post]
    /// Where the entity is named, sorted.
    public var mentions: [Mention]
    /// Where it lies (province/city/county), derived from its name, a stated `located_in` or the
    /// gazetteer: marked as derived, never a relation.
    public var region: Region?

    public init(id: String? = nil, type: EntityType, name: String, aliases: [String] = [],
                posts: [Post] = [], mentions: [Mention] = [], region: Region? = nil) {
        self.id = id ?? Entity.makeID(type: type, name: name)
        self.type = type; self.name = name
        self.aliases = sortedUnique(aliases).filter { $0 != name }
        self.posts = sortedUnique(posts)
        self.mentions = sortedUnique(mentions)
        self.region = region
    }

    /// The id a new entity of this type and name gets.
    public static func makeID(type: EntityType, name: String) -> String { "\(type.rawValue):\(name)" }

    /// The name and every alias.
    public var allNames: [String] { [name] + aliases }
}

/// An edge's identity: the same fact stated twice is one edge with two pieces of evidence.
public struct EdgeKey: Hashable, Sendable, Comparable {
    public var source: String
    public var type: RelationType
    public var target: String

    public init(source: String, type: RelationType, target: String) {
        self.source = source; self.type = type; self.target = target
    }

    public static func < (a: EdgeKey, b: EdgeKey) -> Bool {
        (a.source, a.type.rawValue, a.target) < (b.source, b.type.rawValue, b.target)
    }
}

/// A directed, typed edge with the evidence that states it.
public struct Relation: Codable, Hashable, Sendable {
    public var source: String
    public var type: RelationType
    public var target: String
    public var evidence: [Evidence]

    public init(source: String, type: RelationType, target: String, evidence: [Evidence] = []) {
        self.source = source; self.type = type; self.target = target
        self.evidence = sortedUnique(evidence)
    }

    public var key: EdgeKey { EdgeKey(source: source, type: type, target: target) }
}

/// The elements sorted, each once: what `Array(Set(a)).sorted()` gives, without hashing every
/// element (hashing names and sentences showed in the profile of extraction). Elements equal in
/// order but different in value (an order that does not tell them apart) take the hashing path.
func sortedUnique<T: Comparable & Hashable>(_ a: [T]) -> [T] {
    guard a.count > 1 else { return a }
    var out = a.sorted()
    var k = 1
    for i in 1..<out.count where out[i] != out[k - 1] {
        guard out[k - 1] < out[i] else { return Array(Set(a)).sorted() }
        out[k] = out[i]
        k += 1
    }
    out.removeLast(out.count - k)
    return out
}
