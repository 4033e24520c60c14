import ArgumentParser
import Foundation
import GuanxiExtract
import GuanxiGraph

/// `guanxi evaluate`
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score the graph against a gold annotation file (ANNOTATION.md).",
        discussion: """
        Prints precision, recall and F1 of entities (untyped, typed, per type) and relations (unlabeled, labeled). Where the graph holds several documents, only what the gold file's document yields is scored (matched by file name without extension).

        Example:
          guanxi evaluate --graph graphs/seeds.json --gold ../shared/gold/000_7b3e52b32049f56f.json --verbose
        """
    )
    @OptionGroup var graphOptions: GraphOptions
    @Option(help: ArgumentHelp("The gold file.", valueName: "GOLD.json")) var gold: String
    @Flag(help: "List misses and false positives.") var verbose = false
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try runReporting {
            let graph = try graphOptions.load()
            let goldFile: GoldFile
            do { goldFile = try GoldFile.load(gold) } catch let e as EvaluationError { throw CLIError(message: e.description, code: 2) }
            let stem = URL(fileURLWithPath: goldFile.doc).deletingPathExtension().lastPathComponent
            let doc = graph.documents.count > 1 || !graph.documentIDs(for: [stem]).isEmpty ? stem : nil
            if let doc, graph.documentIDs(for: [doc]).isEmpty {
                throw CLIError(message: "the graph holds no document \"\(doc)\" (the gold file's \"doc\")", code: 1)
            }
            let r = Evaluator.evaluate(graph: graph, gold: goldFile, document: doc)
            if json {
                struct Out: Encodable {
                    var entities: Score; var typedEntities: Score; var relations: Score; var labeledRelations: Score
                    var byType: [String: Score]
                }
                try writeStandardOutput(try encodeJSON(Out(entities: r.entities, typedEntities: r.typedEntities, relations: r.relations,
                                                                   labeledRelations: r.labeledRelations,
                                                                   byType: Dictionary(uniqueKeysWithValues: r.byType.map { ($0.key.rawValue, $0.value) }))))
                return
            }
            func line(_ label: String, _ s: Score) -> String {
                String(format: "%-22@ P %.3f  R %.3f  F1 %.3f   (tp %d, fp %d, fn %d)", label as NSString, s.precision, s.recall, s.f1,
                       s.truePositives, s.falsePositives, s.falseNegatives)
            }
            print(line("entities", r.entities))
            print(line("entities (typed)", r.typedEntities))
            for t in EntityType.allCases { if let s = r.byType[t] { print(line("  " + t.rawValue, s)) } }
            print(line("relations (unlabeled)", r.relations))
            print(line("relations (labeled)", r.labeledRelations))
            if verbose {
                print("\nmissed entities:"); r.missedEntities.forEach { print("  - \($0)") }
                print("false-positive entities:"); r.spuriousEntities.forEach { print("  + \($0)") }
                print("missed relations:"); r.missedRelations.forEach { print("  - \($0)") }
                print("false-positive relations:"); r.spuriousRelations.forEach { print("  + \($0)") }
            }
        }
    }
}
