import ArgumentParser
import Foundation
import GuanxiBuild
import GuanxiExtract
import GuanxiGraph
import GuanxiText

/// `guanxi extract --jsonl`: each document's graph as one JSON line, for extraction on many machines.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract documents into JSON Lines: one document's graph a line, for `build --from-jsonl`.",
        discussion: """
        Each line is a pure function of one document: its record, its entities with their mentions and its relations with their evidence (the graph file's JSON form, on one line). Split an archive into parts, extract each anywhere (GNU parallel, a Slurm array, Spark's RDD.pipe), then merge: `guanxi build --from-jsonl part-*.jsonl`. The result equals a direct build.

        Exit codes: 0 all inputs extracted; 3 some were skipped (reported on stderr); 2 nothing could be written.

        Examples:
          guanxi extract news/2025-01 --jsonl -o part-01.jsonl
          ls news/*.html | parallel -N 1000 'guanxi extract {} --jsonl' > all.jsonl
        """
    )
    @Argument(help: "Files or folders to read.") var paths: [String]
    @Flag(help: "Write JSON Lines (one document's graph a line).") var jsonl = false
    @Option(name: .shortAndLong, help: ArgumentHelp("Output file; - or none for standard output.", valueName: "OUT")) var output: String?
    @OptionGroup var extractorOptions: ExtractorOptions

    func validate() throws {
        guard jsonl else { throw ValidationError("give --jsonl (the one output format of extract).") }
    }

    func run() throws {
        try runReporting {
            let extractor = try extractorOptions.extractor()
            var skipped: [(path: String, reason: String)] = []
            let files = CorpusBuilder.collect(paths, storePath: output ?? "-", skipped: &skipped)
            // Standard output is streamed (an archive's lines need not fit in memory); a file is written atomically.
            let toStdout = output == nil || output == "-"
            var lines = Data()
            try DocumentExtraction.jsonLines(files, extractor: extractor, skipped: &skipped) { line in
                if toStdout { FileHandle.standardOutput.write(line) } else { lines.append(line) }
            }
            if !toStdout { try writeOutput(lines, to: output) }
            for s in skipped { printError("guanxi: skipped \(s.reason)") }
            if !skipped.isEmpty { throw ExitCode(3) }
        }
    }
}
