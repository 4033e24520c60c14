import Foundation

/// CSV cells that are safe to open in a spreadsheet and to import into Neo4j.
public enum CSVText {
    /// The character between the elements of a list cell (`aliases:string[]`, `evidence:string[]`):
    /// U+001F (unit separator), which no document text needs; `--array-delimiter=U+001F` tells
    /// `neo4j-admin` so. A `;` or `|` inside a name therefore never splits it.
    public static let arrayDelimiter: Character = "\u{1F}"

    /// Quotes a CSV field (RFC 4180: always quoted, inner quotes doubled) and neutralises spreadsheet
    /// formulas: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
    /// `'`, so Excel, LibreOffice and Google Sheets show it as text instead of evaluating it.
    public static func field(_ s: String) -> String {
        var text = s
        if let first = s.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { text = "'" + s }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A list cell: the elements joined by ``arrayDelimiter`` (removed from inside an element).
    public static func list(_ items: [String]) -> String {
        field(items.map { $0.replacingOccurrences(of: String(arrayDelimiter), with: " ") }
            .joined(separator: String(arrayDelimiter)))
    }

    /// A row of cells, comma-separated, with the line ending.
    static func row(_ cells: [String]) -> String { cells.joined(separator: ",") + "\n" }
}

/// Four CSV files in the header conventions of `neo4j-admin database import full`:
///
/// - `nodes.csv`: entities, `id:ID(Entity)`, labels `Entity` and the type (`Official` …)
/// - `documents.csv`: documents, `id:ID(Document)`, label `Document`, title, path, date.
/// - `relationships.csv`: relations between entities with every evidence sentence, its document
///   and date (`evidence:string[]`, `documents:string[]`, `dates:string[]`, `evidence_count:int`).
/// - `mentioned_in.csv`: `MENTIONED_IN` from each entity to each document that names it.
///
/// ``importCommand(folder:)`` is the command that loads them. Evidence may hold line breaks, so
/// that command sets `--multiline-fields=true`.
public struct Neo4jCSVExporter: StreamingExporter {
    /// Start each file with a UTF-8 byte-order mark (for spreadsheets).
    public var excel: Bool
    public init(excel: Bool = false) { self.excel = excel }
    public var writesFolder: Bool { true }

    /// The files, in the order the import command names them.
    public static let fileNames = ["nodes.csv", "documents.csv", "relationships.csv", "mentioned_in.csv"]

    public var fileNames: [String] { Self.fileNames }

    /// The four tables as text.
    public func tables(_ graph: KnowledgeGraph) -> (nodes: String, documents: String, relationships: String, mentions: String) {
        let t = (0..<4).map { i -> String in
            let sink = OutputSink()
            try? table(i, from: graph, to: sink)     // an in-memory sink and graph never throw
            return String(decoding: sink.data, as: UTF8.self)
        }
        return (t[0], t[1], t[2], t[3])
    }

    public func write(file index: Int, from source: any GraphReading, to sink: OutputSink) throws {
        if excel { try sink.write("\u{FEFF}") }
        try table(index, from: source, to: sink)
    }

    /// Table `index` of ``fileNames`` (without a byte-order mark).
    func table(_ index: Int, from source: any GraphReading, to sink: OutputSink) throws {
        let f = CSVText.field
        switch index {
        case 0:
            try sink.write("id:ID(Entity),name,type,aliases:string[],title,:LABEL\n")
            try source.forEachEntity(mentions: false) { r in
                let e = r.entity
                let label = CSVText.list(["Entity", e.type.rawValue.prefix(1).uppercased() + e.type.rawValue.dropFirst()])
                try sink.write(CSVText.row([f(e.id), f(e.name), f(e.type.rawValue), CSVText.list(e.aliases),
                                            f(e.posts.map(\.title).joined(separator: "；")), label]))
            }
        case 1:
            try sink.write("id:ID(Document),name,title,path,date,sha256,:LABEL\n")
            try source.forEachDocument { d in
                try sink.write(CSVText.row([f(documentNodeID(d.id)), f(d.id), f(d.title ?? ""), f(d.path),
                                            f(documentDate(d) ?? ""), f(d.sha256), f("Document")]))
            }
        case 2:
            try sink.write(":START_ID(Entity),:END_ID(Entity),:TYPE,evidence:string[],documents:string[],dates:string[],evidence_count:int\n")
            try source.forEachRelation { r in
                try sink.write(CSVText.row([f(r.source), f(r.target), f(r.type.rawValue.uppercased()),
                                            CSVText.list(r.evidence.map(\.sentence)),
                                            CSVText.list(r.evidence.map(\.document)),
                                            CSVText.list(r.evidence.map { $0.date ?? "" }),
                                            String(r.evidence.count)]))
            }
        default:
            try sink.write(":START_ID(Entity),:END_ID(Document),:TYPE,mentions:int\n")
            try source.forEachEntity(mentions: true) { r in
                for (doc, count) in r.mentionCounts {
                    try sink.write(CSVText.row([f(r.entity.id), f(documentNodeID(doc)), f("MENTIONED_IN"), String(count)]))
                }
            }
        }
    }

    /// The exact `neo4j-admin database import full` command that loads the files written to
    /// `folder` into the database `database`.
    public static func importCommand(folder: String, database: String = "neo4j") -> String {
        func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        func file(_ name: String) -> String { q((folder as NSString).appendingPathComponent(name)) }
        return "neo4j-admin database import full"
            + " --nodes=\(file("nodes.csv")) --nodes=\(file("documents.csv"))"
            + " --relationships=\(file("relationships.csv")) --relationships=\(file("mentioned_in.csv"))"
            + " --array-delimiter=U+001F --multiline-fields=true \(database)"
    }
}
