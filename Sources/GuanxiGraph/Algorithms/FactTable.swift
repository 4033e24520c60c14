import Foundation

/// One stated fact: a relation and one sentence that states it, with where the sentence comes from.
public struct Fact: Codable, Hashable, Sendable {
    public var head: String
    public var headType: EntityType
    public var relation: RelationType
    public var tail: String
    public var tailType: EntityType
    /// The sentence as written.
    public var evidence: String
    public var document: String
    /// The document's headline, when it has one.
    public var title: String?
    /// The sentence's date, else its document's.
    public var date: String?
    /// The document's address when the text gives one, else its path.
    public var source: String
    /// A sum the sentence states for the fact (signings, investments).
    public var amount: Amount?
    /// The extraction rule that read the fact.
    public var rule: String?
    /// Where head and tail lie, when known (derived, see ``Region``).
    public var headRegion: String?
    public var tailRegion: String?
}

/// Which facts to list. Every filter that is set must hold; empty sets and nil mean "any".
public struct FactFilter: Sendable {
    /// Relations to keep.
    public var relations: Set<RelationType>
    /// Keep a fact when either endpoint has one of these types.
    public var types: Set<EntityType>
    /// Keep a fact when either endpoint is one of these entities (ids).
    public var entities: Set<String>
    /// Keep a fact when its evidence comes from one of these documents (ids, or a file's id, which
    /// stands for every article document of that file).
    public var documents: Set<String>
    /// Date range, inclusive, compared as ISO text (`2025`, `2025-12`, `2025-12-29` all work).
    public var from: String?
    public var to: String?
    /// Keep a fact when an endpoint (one of `types` when types are given) lies within this place
    /// (`山西省`, `山西`, `朔州市`): placed there by its region, or the place itself.
    public var place: String?

    public init(relations: Set<RelationType> = [], types: Set<EntityType> = [], entities: Set<String> = [],
                documents: Set<String> = [], from: String? = nil, to: String? = nil, place: String? = nil) {
        self.relations = relations; self.types = types; self.entities = entities
        self.documents = documents; self.from = from; self.to = to; self.place = place
    }
}

extension KnowledgeGraph {
    /// The fact table: one row per relation × evidence sentence, filtered, ordered by relation,
    /// head, tail, then document and position. Costs O(edges + evidence).
    public func facts(_ filter: FactFilter = FactFilter()) -> [Fact] {
        let docScope: Set<String>? = filter.documents.isEmpty ? nil : documentIDs(for: filter.documents)
        var rows: [Fact] = []
        for r in edges {
            if !filter.relations.isEmpty, !filter.relations.contains(r.type) { continue }
            guard let h = entity(id: r.source), let t = entity(id: r.target) else { continue }
            if !filter.types.isEmpty, !filter.types.contains(h.type), !filter.types.contains(t.type) { continue }
            if !filter.entities.isEmpty, !filter.entities.contains(h.id), !filter.entities.contains(t.id) { continue }
            if let place = filter.place {
                let candidates = [h, t].filter { filter.types.isEmpty || filter.types.contains($0.type) }
                guard candidates.contains(where: { KnowledgeGraph.lies($0, within: place) }) else { continue }
            }
            for ev in r.evidence {
                if let docScope, !docScope.contains(ev.document) { continue }
                let doc = documents[ev.document]
                let date = ev.date ?? doc?.date
                if filter.from != nil || filter.to != nil {
                    guard let date, KnowledgeGraph.dateInRange(date, from: filter.from, to: filter.to) else { continue }
                }
                rows.append(Fact(head: h.name, headType: h.type, relation: r.type, tail: t.name, tailType: t.type,
                                 evidence: ev.sentence, document: ev.document, title: doc?.title, date: date,
                                 source: doc?.origin ?? "", amount: ev.amount, rule: ev.rule,
                                 headRegion: h.region?.label, tailRegion: t.region?.label))
            }
        }
        return rows
    }

    /// The documents some ids name: a document's own id, or a file's id (`page`) for every
    /// article document of that file (`page#1`, `page#2`, …).
    public func documentIDs(for ids: Set<String>) -> Set<String> {
        var scope = Set<String>()
        for d in documents.keys where ids.contains(d) || ids.contains(where: { d.hasPrefix($0 + "#") }) { scope.insert(d) }
        return scope
    }

    /// Whether an entity lies within a named place: its derived region, or it is that place.
    public static func lies(_ e: Entity, within place: String) -> Bool {
        if e.region?.isWithin(place) ?? false { return true }
        return e.type == .place && e.allNames.contains { $0 == place || Region.stem($0) == Region.stem(place) }
    }

    /// Entities that lie within a place (``lies(_:within:)``), except the place itself, by type then name.
    public func entities(within place: String, types: Set<EntityType> = []) -> [Entity] {
        entities.filter { e in
            (types.isEmpty || types.contains(e.type)) && (e.region?.isWithin(place) ?? false)
                && !(e.type == .place && e.allNames.contains { $0 == place || Region.stem($0) == Region.stem(place) })
        }.sorted { ($0.type, $0.name) < ($1.type, $1.name) }
    }

    /// Whether an ISO-like date (`2025-12-29`, `2025-12`, `12-29`) lies in an inclusive range
    /// whose ends may be partial (`2025`, `2025-12`). A date without a year matches only a range
    /// given without years.
    static func dateInRange(_ date: String, from: String?, to: String?) -> Bool {
        let hasYear = date.count >= 4 && date.prefix(4).allSatisfy(\.isNumber)
        if let from {
            let fromHasYear = from.count >= 4 && from.prefix(4).allSatisfy(\.isNumber)
            if hasYear != fromHasYear { return false }
            if date < from { return false }
        }
        if let to {
            let toHasYear = to.count >= 4 && to.prefix(4).allSatisfy(\.isNumber)
            if hasYear != toHasYear { return false }
            // `to` is inclusive of everything it prefixes: 2025-12 includes 2025-12-31.
            if date > to && !date.hasPrefix(to) { return false }
        }
        return true
    }
}

/// Formats a fact table as an aligned text table, TSV, CSV or JSON.
public enum FactTableFormat {
    /// Column names, in order.
    public static let columns = ["head", "head_type", "relation", "tail", "tail_type", "amount", "date",
                                 "document", "title", "source", "evidence"]

    static func cells(_ f: Fact) -> [String] {
        [f.head, f.headType.rawValue, f.relation.rawValue, f.tail, f.tailType.rawValue, f.amount?.text ?? "",
         f.date ?? "", f.document, f.title ?? "", f.source, f.evidence]
    }

    /// Tab-separated, one header line; tabs and line breaks inside a cell become spaces.
    public static func tsv(_ facts: [Fact]) -> String {
        var out = tsvHeader
        for f in facts { out += tsvLine(f) }
        return out
    }

    /// The TSV header line (for streaming: ``tsvHeader`` then ``tsvLine(_:)`` per fact is ``tsv(_:)``).
    public static var tsvHeader: String { columns.joined(separator: "\t") + "\n" }

    /// One fact's TSV line, line break included.
    public static func tsvLine(_ f: Fact) -> String { cells(f).map(oneLine).joined(separator: "\t") + "\n" }

    /// RFC 4180 CSV with a header; `excel` adds a UTF-8 byte-order mark so spreadsheet programs
    /// read the Chinese text right, and cells a spreadsheet would run as a formula (`=`, `+`, `-`,
    /// `@` first) get a leading apostrophe.
    public static func csv(_ facts: [Fact], excel: Bool = false) -> String {
        var out = csvHeader(excel: excel)
        for f in facts { out += csvLine(f, excel: excel) }
        return out
    }

    /// The CSV header (with the byte-order mark when `excel`); ``csvHeader(excel:)`` then
    /// ``csvLine(_:excel:)`` per fact is ``csv(_:excel:)``.
    public static func csvHeader(excel: Bool = false) -> String {
        (excel ? "\u{FEFF}" : "") + columns.joined(separator: ",") + "\r\n"
    }

    /// One fact's CSV record, CRLF included.
    public static func csvLine(_ f: Fact, excel: Bool = false) -> String {
        func cell(_ s: String) -> String {
            var v = s
            if excel, let c = v.first, "=+-@\t\r".contains(c) { v = "'" + v }
            if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return v
        }
        return cells(f).map(cell).joined(separator: ",") + "\r\n"
    }

    /// An aligned table for a terminal: columns padded by display width (CJK characters take two
    /// columns), the evidence last and unpadded, every cell on one line.
    public static func table(_ facts: [Fact]) -> String {
        var layout = TableLayout()
        for f in facts { layout.measure(f) }
        var out = layout.header
        for f in facts { out += layout.line(f) }
        return out
    }

    /// The aligned table's column widths, measured over every fact first (a first pass), then
    /// used to print each line (a second pass): ``table(_:)`` without holding the facts.
    public struct TableLayout: Sendable {
        static let shown = ["head", "relation", "tail", "date", "document", "title", "evidence"]
        var widths = TableLayout.shown.map { FactTableFormat.displayWidth($0) }

        public init() {}

        static func cells(_ f: Fact) -> [String] {
            [f.head, f.relation.rawValue + (f.amount.map { " " + $0.text } ?? ""), f.tail, f.date ?? "", f.document,
             truncate(f.title ?? "", width: 30), f.evidence].map(oneLine)
        }

        /// Widens the columns to hold this fact.
        public mutating func measure(_ f: Fact) {
            let row = Self.cells(f)
            for (k, c) in row.enumerated() where k < row.count - 1 { widths[k] = max(widths[k], displayWidth(c)) }
        }

        func line(_ cells: [String]) -> String {
            var s = ""
            for (k, c) in cells.enumerated() {
                // At least two spaces even if a row was not measured (a build committed between the passes).
                if k == cells.count - 1 { s += c } else { s += c + String(repeating: " ", count: max(2, widths[k] - displayWidth(c) + 2)) }
            }
            return s + "\n"
        }

        /// The header line.
        public var header: String { line(Self.shown) }

        /// One fact's line, line break included.
        public func line(_ f: Fact) -> String { line(Self.cells(f)) }
    }

    /// Cells on one line: line breaks and tabs become single spaces, other control characters
    /// (a terminal escape `ESC[31m` in a title) are dropped.
    public static func oneLine(_ s: String) -> String {
        var t = s
        if t.unicodeScalars.contains(where: isControl) {
            t = String(String.UnicodeScalarView(t.unicodeScalars.filter { !isControl($0) || $0 == "\n" || $0 == "\t" || $0 == "\r" }))
        }
        guard t.contains(where: { $0.isNewline || $0 == "\t" }) else { return t }
        return t.split(whereSeparator: { $0.isNewline || $0 == "\t" }).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    static func isControl(_ u: Unicode.Scalar) -> Bool { u.value < 0x20 || (0x7F...0x9F).contains(u.value) }

    static func truncate(_ s: String, width: Int) -> String {
        guard displayWidth(s) > width else { return s }
        var out = "", w = 0
        for ch in s {
            let cw = displayWidth(String(ch))
            if w + cw > width - 1 { break }
            out.append(ch); w += cw
        }
        return out + "…"
    }

    /// Columns a string takes in a terminal: East Asian wide and full-width characters take two.
    public static func displayWidth(_ s: String) -> Int {
        var w = 0
        for u in s.unicodeScalars {
            let v = u.value
            if u.properties.generalCategory == .nonspacingMark || v == 0x200B || v == 0xFEFF { continue }
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
                || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
                || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
                || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            w += wide ? 2 : 1
        }
        return w
    }
}
