import ArgumentParser
import Foundation
import GuanxiBuild
import GuanxiExtract
import GuanxiGraph
import GuanxiText

/// `guanxi build`: read documents, extract, merge into the graph (the work is ``CorpusBuilder``'s).
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Extract entities and relations from documents into the graph.",
        discussion: """
        PATH is a file or a folder (read recursively: .txt, .md, .markdown, .html, .htm). Files may be UTF-8, UTF-16, UTF-32, GB18030/GBK or Big5, Simplified or Traditional. A graph that exists is extended: documents whose content it holds already are skipped, new entities merge with known ones by distinctive name and alias (officials by name and a shared post anchor).
        --from-jsonl: the PATHs are JSON Lines files written by `guanxi extract --jsonl` (one document's graph a line, extracted anywhere), merged as if the documents were built here.

        Exit codes: 0 all inputs built; 3 some inputs were skipped (each is reported on stderr with the reason) and the rest were built; 2 nothing could be written (bad graph file, --strict with a skipped input, unreadable user files). An SQLite graph (the default, guanxi.db) takes each batch of documents in one transaction: a killed build keeps every batch it committed, and running it again adds the rest; concurrent builds and readers take turns per batch. A .json graph is read, locked and written whole, atomically.

        Examples:
          guanxi build seeds
          guanxi build seeds --graph graphs/seeds.json
          guanxi build --from-jsonl part-*.jsonl
          guanxi build news/2025 extra.html --graph province.json --dictionary my-entities.tsv
        """
    )

    @Argument(help: "Files or folders to read.")
    var paths: [String]

    @OptionGroup var graphOptions: GraphOptions

    @Flag(help: "Fail without writing anything when any input is skipped.")
    var strict = false

    @OptionGroup var extractorOptions: ExtractorOptions

    @OptionGroup var correctionsOptions: CorrectionsOptions

    @Flag(help: "Print the summary as JSON.")
    var json = false

    @Flag(name: .customLong("from-jsonl"), help: "PATHs are JSON Lines files of `guanxi extract --jsonl`: merge them into the graph.")
    var fromJSONL = false

    @Option(help: ArgumentHelp("Documents committed together (extracted in parallel 256 at a time).", valueName: "N"))
    var batch = 4096

    func validate() throws { guard batch >= 1 else { throw ValidationError("--batch must be at least 1.") } }

    func run() throws {
        try runReporting {
            var builder = CorpusBuilder(store: graphOptions.store, extractor: try extractorOptions.extractor())
            builder.strict = strict
            builder.batchSize = batch
            builder.note = { printError("guanxi: \($0)") }
            builder.corrections = try correctionsOptions.load(graph: graphOptions.path).corrections
            if isatty(2) != 0 { builder.progress = { done, total in if total > 1 { printError("\r\(done)/\(total) documents") } } }
            let summary: BuildReport
            do { summary = try fromJSONL ? builder.build(jsonl: paths) : builder.build(paths: paths) } catch let e as BuildError {
                if case .strict(let skipped) = e { for s in skipped { printError("guanxi: skipped \(s.reason)") } }
                throw CLIError(message: e.description, code: 2)
            }
            for s in summary.skipped { printError("guanxi: skipped \(s["reason"] ?? "")") }
            if json {
                let enc = JSONEncoder(); enc.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                FileHandle.standardOutput.write(try enc.encode(summary) + Data("\n".utf8))
            } else {
                print(summary.text)
            }
            if !summary.skipped.isEmpty { throw ExitCode(3) }
        }
    }
}
