import ArgumentParser
import Foundation
import GuanxiExtract
import GuanxiGraph
import GuanxiText

/// `guanxi build`: read documents, extract, merge into the graph file.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Extract entities and relations from documents into the graph.",
        discussion: """
        PATH is a file or a folder (read recursively: .txt, .md, .markdown, .html, .htm). Files may be
        UTF-8, UTF-16, UTF-32, GB18030/GBK or Big5, Simplified or Traditional. A graph that exists is
        extended: documents whose content it holds already are skipped, new entities merge with known
        ones by name and alias.

        Exit codes: 0 all inputs built; 3 some inputs were skipped (each is reported on stderr with
        the reason) and the rest were built; 2 nothing could be written (bad graph file, --strict
        with a skipped input, unreadable user files). The graph file is written atomically and
        locked while a build runs, so concurrent builds take turns.

        Examples:
          guanxi build seeds --graph graphs/seeds.json
          guanxi build news/2025 extra.html --graph province.json --dictionary my-entities.tsv
        """
    )

    @Argument(help: "Files or folders to read.")
    var paths: [String]

    @OptionGroup var graphOptions: GraphOptions

    @Flag(help: "Fail without writing anything when any input is skipped.")
    var strict = false

    @Option(help: ArgumentHelp("Your entities: type<TAB>name[<TAB>alias|alias] a line.", valueName: "FILE"))
    var dictionary: String?

    @Option(help: ArgumentHelp("Your aliases: alias<TAB>canonical name a line.", valueName: "FILE"))
    var aliases: String?

    @Option(help: ArgumentHelp("Names never to make entities, one a line.", valueName: "FILE"))
    var stoplist: String?

    @OptionGroup var correctionsOptions: CorrectionsOptions

    @Flag(help: "Print the summary as JSON.")
    var json = false

    static let extensions: Set<String> = ["txt", "md", "markdown", "html", "htm", "xhtml", "shtml", "text"]

    func run() throws {
        try runReporting {
            let user: UserDictionary
            do { user = try UserDictionary(dictionary: dictionary, aliases: aliases, stoplist: stoplist) } catch let e as UserDictionary.LoadError {
                throw CLIError(message: e.description, code: 2)
            }
            var skipped: [(String, String)] = []
            let files = collect(paths, skipped: &skipped)
            let path = graphOptions.path
            // Read every file before touching the graph, so --strict can refuse with nothing created.
            var read: [(SourceText, String)] = []
            for file in files {
                do { read.append((try SourceReader.read(path: file), documentID(file))) } catch let e as ReadError {
                    skipped.append((file, e.description))
                }
            }
            if strict, !skipped.isEmpty {
                for (_, why) in skipped { printError("guanxi: skipped \(why)") }
                throw CLIError(message: "--strict: \(skipped.count) input(s) skipped; nothing was written", code: 2)
            }
            let summary: BuildSummary = try withGraphLock(path) {
                var graph: KnowledgeGraph
                do { graph = try GraphStore.loadOrEmpty(path) } catch let e as GraphStoreError {
                    throw CLIError(message: e.description, code: 2)
                }
                let before = (graph.nodeCount, graph.edgeCount)
                // Skip what the graph holds already.
                var sources: [(SourceText, String)] = []
                var known = 0
                var seen = Set<String>()
                for (src, id) in read {
                    if graph.containsDocument(sha256: src.sha256) || !seen.insert(src.sha256).inserted { known += 1; continue }
                    sources.append((src, id))
                }
                let corrections = try correctionsOptions.load(graph: path)
                read.removeAll()
                let extractor = Extractor(user: user)
                let added = extractAll(&sources, into: &graph, extractor: extractor)
                // The user's corrections, applied again after every build (they name entities by name).
                if added > 0 { graph.apply(corrections.corrections) }
                for weak in graph.weakJoins() where added > 0 {
                    for j in weak.joins where j.weak {
                        printError("guanxi: check \(weak.name): document \(j.document) joined through \(j.through.joined(separator: "、")) (\(j.how)); `guanxi split` undoes it")
                    }
                }
                if added > 0 || !FileManager.default.fileExists(atPath: path) {
                    do { try GraphStore.save(graph, to: path) } catch let e as GraphStoreError {
                        throw CLIError(message: e.description, code: 2)
                    }
                }
                return BuildSummary(graph: path, documentsAdded: added, documentsKnown: known,
                                    skipped: skipped.map { ["path": $0.0, "reason": $0.1] },
                                    nodesAdded: graph.nodeCount - before.0, edgesAdded: graph.edgeCount - before.1,
                                    documents: graph.documents.count, nodes: graph.nodeCount, edges: graph.edgeCount,
                                    nodesByType: Dictionary(grouping: graph.entities, by: \.type.rawValue).mapValues(\.count),
                                    edgesByType: Dictionary(grouping: graph.edges, by: \.type.rawValue).mapValues(\.count))
            }
            for s in summary.skipped { printError("guanxi: skipped \(s["reason"] ?? "")") }
            if json {
                let enc = JSONEncoder(); enc.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                try writeStandardOutput(try enc.encode(summary) + Data("\n".utf8))
            } else {
                print(summary.text)
            }
            if !summary.skipped.isEmpty { throw ExitCode(3) }
        }
    }

    func withGraphLock<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do { return try GraphStore.withLock(path, body) } catch let e as GraphStoreError {
            throw CLIError(message: e.description, code: 2)
        }
    }

    /// The document id of a file: its name without the extension.
    func documentID(_ file: String) -> String {
        URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    }

    /// Files named or found under folders (see ``InputFiles``).
    func collect(_ paths: [String], skipped: inout [(String, String)]) -> [String] {
        var inputs = InputFiles(extensions: BuildCommand.extensions)
        let files = inputs.collect(paths)
        skipped += inputs.skipped
        for note in inputs.notes { printError("guanxi: \(note)") }
        return files
    }

    /// Extracts documents in parallel (one per core) and merges them into `graph` in input order.
    /// Documents go in batches: while one batch is merged the next is extracted, and a merged
    /// batch's texts and graphs are let go, so memory holds the graph and two batches, not every
    /// document's graph at once. Returns the number of documents merged.
    func extractAll(_ sources: inout [(SourceText, String)], into graph: inout KnowledgeGraph, extractor: Extractor) -> Int {
        let total = sources.count
        let progress = isatty(2) != 0 && total > 1
        let batchSize = 64
        let group = DispatchGroup()
        let queue = DispatchQueue(label: "guanxi.build.extract")
        func launch(_ r: Range<Int>) -> (Range<Int>, ResultBox)? {
            guard !r.isEmpty else { return nil }
            let batch = Array(sources[r]), box = ResultBox(count: r.count)
            queue.async(group: group) {
                DispatchQueue.concurrentPerform(iterations: batch.count) { i in
                    box.set(i, extractor.extractBounded(batch[i].0, id: batch[i].1))
                }
            }
            return (r, box)
        }
        var next = launch(0..<min(batchSize, total))
        var merged = 0
        while let (r, box) = next {
            group.wait()
            next = launch(r.upperBound..<min(r.upperBound + batchSize, total))
            for fragment in box.values { graph.merge(fragment, acrossDocuments: true) }
            for i in r { sources[i].0.text = "" }
            merged += r.count
            if progress { printError("\r\(merged)/\(total) documents") }
        }
        return merged
    }
}

/// Collects results from parallel workers.
final class ResultBox: @unchecked Sendable {
    private var slots: [KnowledgeGraph?]
    private let lock = NSLock()
    private(set) var done = 0
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ g: KnowledgeGraph) { lock.lock(); slots[i] = g; done += 1; lock.unlock() }
    var values: [KnowledgeGraph] { lock.lock(); defer { lock.unlock() }; return slots.compactMap { $0 } }
}

/// What a build did.
struct BuildSummary: Encodable {
    var graph: String
    var documentsAdded: Int
    var documentsKnown: Int
    var skipped: [[String: String]]
    var nodesAdded: Int
    var edgesAdded: Int
    var documents: Int
    var nodes: Int
    var edges: Int
    var nodesByType: [String: Int]
    var edgesByType: [String: Int]

    var text: String {
        var lines = ["\(graph): \(documentsAdded) document(s) added, \(documentsKnown) already held, \(skipped.count) skipped",
                     "graph: \(documents) documents, \(nodes) entities (+\(nodesAdded)), \(edges) relations (+\(edgesAdded))"]
        lines.append("entities: " + EntityType.allCases.map { "\($0.rawValue) \(nodesByType[$0.rawValue] ?? 0)" }.joined(separator: ", "))
        lines.append("relations: " + edgesByType.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}
