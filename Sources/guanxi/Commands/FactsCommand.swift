import ArgumentParser
import Foundation
import GuanxiGraph
import GuanxiText

/// `guanxi facts`
struct FactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facts",
        abstract: "The fact table: one row per relation and evidence sentence, with document, date and source.",
        discussion: """
        Filters combine (all must hold): --relation R (repeatable), --type T (either end has that type; repeatable), --entity NAME (either end; repeatable), --document ID (a document, or a file's id for all its articles), --from/--to DATE (inclusive; 2025, 2025-12 or 2025-12-29), \
        --place NAME (an end lies within the province, city or county NAME, as derived from names and the gazetteer; with --type, an end of that type).

        Output: an aligned table (default), --tsv, --csv (--excel adds a byte-order mark), or --json. Columns: head, head_type, relation, tail, tail_type, amount, date, document, title, source, evidence.

        Examples:
          guanxi facts --relation visited --type park --tsv
          guanxi facts --place 山西省 --type park
          guanxi facts --entity 陈凯 --from 2025-12 --to 2026-01
        """
    )
    @OptionGroup var graphOptions: GraphOptions
    @Option(name: .customLong("relation"), help: ArgumentHelp("Only this relation (repeatable).", valueName: "R")) var relations: [RelationType] = []
    @Option(name: .customLong("type"), help: ArgumentHelp("Only facts with an end of this type (repeatable).", valueName: "T")) var types: [EntityType] = []
    @Option(name: .customLong("entity"), help: ArgumentHelp("Only facts about this entity (repeatable).", valueName: "NAME")) var entityNames: [String] = []
    @Option(name: .customLong("document"), help: ArgumentHelp("Only facts stated in this document (repeatable).", valueName: "ID")) var documentIDs: [String] = []
    @Option(help: ArgumentHelp("Only facts dated on or after DATE.", valueName: "DATE")) var from: String?
    @Option(help: ArgumentHelp("Only facts dated on or before DATE.", valueName: "DATE")) var to: String?
    @Option(help: ArgumentHelp("Only facts with an end located within this place.", valueName: "NAME")) var place: String?
    @Flag(help: "Tab-separated values.") var tsv = false
    @Flag(help: "Comma-separated values (RFC 4180).") var csv = false
    @Flag(help: "With --csv: a UTF-8 byte-order mark and formula-safe cells, for spreadsheet programs.") var excel = false
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        if [tsv, csv, json].filter({ $0 }).count > 1 { throw ValidationError("Choose one of --tsv, --csv, --json.") }
        if excel && !csv { throw ValidationError("--excel goes with --csv.") }
        for d in [from, to].compactMap({ $0 }) where !FactsCommand.isDate(d) {
            throw ValidationError("\"\(d)\" is not a date: write 2025, 2025-12 or 2025-12-29.")
        }
    }

    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return false }
        return parts[0].count == 4 && parts.dropFirst().allSatisfy { $0.count == 2 }
    }

    func run() throws {
        try runReporting {
            try graphOptions.reading { store in
                var ids = Set<String>()
                for name in entityNames {
                    // The named entity's neighbourhood of depth 0: the store reads the name index only.
                    let around = try store.neighbourhood(of: graphOptions.variants(name), depth: 0, mentions: false)
                    ids.insert(try resolveEntity(around, name).id)
                }
                for d in documentIDs where try store.documentIDs(for: [d]).isEmpty {
                    throw CLIError(message: "the graph holds no document \"\(d)\"", code: 1)
                }
                let filter = FactFilter(relations: Set(relations), types: Set(types), entities: ids,
                                        documents: Set(documentIDs), from: from, to: to,
                                        place: place.map { ChineseConverter.shared?.convert($0) ?? $0 })
                try write(store, filter)
            }
        }
    }

    /// Streams the rows from the store to standard output: the same bytes as formatting the whole
    /// table at once (``FactTableFormat``), with memory for one row (the aligned table reads the
    /// rows twice: once for its column widths, once to print).
    private func write(_ store: any GraphStore, _ filter: FactFilter) throws {
        if json {
            try StandardOutput.shared.finish()
            try OutputFile.write(to: "-") { sink in
                var rows = PrettyJSONArrayWriter<Fact>(depth: 0, sink: sink)
                try store.forEachFact(filter) { try rows.append($0) }
                try rows.finish()
                try sink.write("\n")
            }
            return
        }
        if tsv {
            print(FactTableFormat.tsvHeader, terminator: "")
            try store.forEachFact(filter) { print(FactTableFormat.tsvLine($0), terminator: "") }
            return
        }
        if csv {
            try StandardOutput.shared.finish()
            try OutputFile.write(to: "-") { sink in
                try sink.write(FactTableFormat.csvHeader(excel: excel))
                try store.forEachFact(filter) { try sink.write(FactTableFormat.csvLine($0, excel: excel)) }
            }
            return
        }
        var layout = FactTableFormat.TableLayout()
        var measured = 0
        try store.forEachFact(filter) { layout.measure($0); measured += 1 }
        if measured == 0 { print("no facts match"); return }
        print(layout.header, terminator: "")
        var count = 0
        try store.forEachFact(filter) { print(layout.line($0), terminator: ""); count += 1 }
        print("\(count) fact(s)")
    }

}
