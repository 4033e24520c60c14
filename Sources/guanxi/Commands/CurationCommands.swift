import ArgumentParser
import Foundation
import GuanxiGraph

/// Where a graph's corrections are kept: `--corrections FILE`, else `NAME.corrections.tsv` beside the graph.
struct CorrectionsOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The corrections file (default: NAME.corrections.tsv beside the graph).", valueName: "FILE"))
    var corrections: String?

    func path(graph: String) -> String { corrections ?? CorrectionsFile.path(forGraph: graph) }

    /// The corrections in force for a graph, or a CLI error (exit 2) naming the file and line.
    func load(graph: String) throws -> CorrectionsFile {
        do { return try CorrectionsFile.load(path(graph: graph)) } catch let e as CorrectionsError {
            throw CLIError(message: e.description, code: 2)
        }
    }
}

/// Records one correction in the corrections file and applies it to the graph now; later builds
/// apply it again. Shared by merge, split, rename, delete and retype.
func recordAndApply(_ correction: Correction, graphOptions: GraphOptions, correctionsOptions: CorrectionsOptions) throws {
    let file = correctionsOptions.path(graph: graphOptions.path)
    let store = graphOptions.store
    guard store.exists else { throw CLIError(message: GraphStoreError.missing(path: store.path).description, code: 2) }
    let outcome: CorrectionOutcome
    do {
        outcome = try store.write {
            var graph = try store.loadAll()
            let outcome = graph.apply(correction)
            guard outcome.applied else {
                throw CLIError(message: "\(outcome.message); nothing was recorded", code: 1)
            }
            do { try CorrectionsFile.append(correction, to: file) } catch let e as CorrectionsError {
                throw CLIError(message: e.description, code: 2)
            }
            try store.replaceAll(with: graph)
            return outcome
        }
    } catch let e as GraphStoreError {
        throw CLIError(message: e.description, code: 2)
    }
    print(outcome.message)
    print("recorded in \(file): later builds apply it again")
}

/// A command that makes one correction: records it and applies it (``recordAndApply``).
protocol CorrectionCommand: ParsableCommand {
    var graphOptions: GraphOptions { get }
    var correctionsOptions: CorrectionsOptions { get }
    /// The correction the arguments name.
    var correction: Correction { get }
}

extension CorrectionCommand {
    func run() throws {
        try runReporting {
            try recordAndApply(correction, graphOptions: graphOptions, correctionsOptions: correctionsOptions)
        }
    }
}

/// `guanxi merge A B`
struct MergeCommand: CorrectionCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Make two entities one: B becomes a name of A (recorded; every later build applies it).",
        discussion: """
        Corrections go to NAME.corrections.tsv beside the graph (or --corrections FILE), a plain file you can read, diff and edit; `guanxi build` applies them after every build.

        Example:
          guanxi merge 山西省工业和信息化厅 省工信厅 --graph province.json
        """
    )
    @Argument(help: "The entity to keep.") var keep: String
    @Argument(help: "The entity to merge into it.") var absorb: String
    @OptionGroup var graphOptions: GraphOptions
    @OptionGroup var correctionsOptions: CorrectionsOptions

    var correction: Correction { .merge(keep: keep, absorb: absorb) }
}

/// `guanxi split A B`
struct SplitCommand: CorrectionCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Undo a wrong join: the name B, now joined to A, becomes an entity of its own.",
        discussion: """
        The mentions written B move to the new entity, with the relations whose every evidence sentence names B. `guanxi why A` shows which names joined it.

        Example:
          guanxi split 晋北采煤沉陷区新能源基地 广安经济技术开发区 --graph province.json
        """
    )
    @Argument(help: "The entity that holds the name now.") var from: String
    @Argument(help: "The name to make its own entity.") var name: String
    @OptionGroup var graphOptions: GraphOptions
    @OptionGroup var correctionsOptions: CorrectionsOptions

    var correction: Correction { .split(from: from, name: name) }
}

/// `guanxi rename A NEW`
struct RenameCommand: CorrectionCommand {
    static let configuration = CommandConfiguration(
        commandName: "rename",
        abstract: "Give an entity another canonical name (the old one stays an alias).",
        discussion: "Example:\n  guanxi rename 省工信厅 山西省工业和信息化厅 --graph province.json"
    )
    @Argument(help: "The entity's name or alias.") var name: String
    @Argument(help: "Its new canonical name.") var newName: String
    @OptionGroup var graphOptions: GraphOptions
    @OptionGroup var correctionsOptions: CorrectionsOptions

    var correction: Correction { .rename(name, to: newName) }
}

/// `guanxi delete A`
struct DeleteCommand: CorrectionCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Remove an entity that is not one (and its relations), in this graph and every later build.",
        discussion: "Example:\n  guanxi delete 产业发展 --graph province.json"
    )
    @Argument(help: "The entity's canonical name (or its only alias).") var name: String
    @OptionGroup var graphOptions: GraphOptions
    @OptionGroup var correctionsOptions: CorrectionsOptions

    var correction: Correction { .delete(name) }
}

/// `guanxi retype A TYPE`
struct RetypeCommand: CorrectionCommand {
    static let configuration = CommandConfiguration(
        commandName: "retype",
        abstract: "Change an entity's type (official, company, park, policy, organization, project, place).",
        discussion: "Example:\n  guanxi retype 潞安化工集团 company --graph province.json"
    )
    @Argument(help: "The entity's name or alias.") var name: String
    @Argument(help: "Its type.") var type: EntityType
    @OptionGroup var graphOptions: GraphOptions
    @OptionGroup var correctionsOptions: CorrectionsOptions

    var correction: Correction { .retype(name, to: type) }
}

/// `guanxi why A`
struct WhyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "Which names and documents made an entity, and what joined its documents.",
        discussion: """
        Each name with the documents that write it; then, document by document, the names that joined it to the documents before, and how (a distinctive name, or an official's name with a shared post anchor). Joins resting on a short or generic name are marked `check`:
        undo a wrong one with `guanxi split`.

        Example:
          guanxi why 屯留经开区 --graph graphs/seeds.json
        """
    )
    @Argument(help: "The entity's name or alias.") var name: String
    @OptionGroup var graphOptions: GraphOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try runReporting {
            let graph = try graphOptions.load()
            let e = try resolveEntity(graph, name)
            let x = graph.explain(e)
            if json { try writeStandardOutput(try encodeJSON(x)); return }
            print("\(x.name)  [\(x.type.rawValue) \(x.type.chineseLabel)]  id: \(x.id)")
            print("names:")
            for n in x.names {
                let docs = n.documents.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }
                let tag = n.canonical ? " (canonical)" : n.distinctive ? "" : " (short or generic: joins no documents)"
                print("  \(n.name)\(tag): \(docs.isEmpty ? "not written in this form (a form the extractor derived, a user alias or a merge)" : docs.joined(separator: ", "))")
            }
            if x.joins.isEmpty {
                print("documents: one; nothing joined across documents")
            } else {
                print("joined across documents:")
                for j in x.joins {
                    print("  \(j.document): through \(j.through.joined(separator: "、")) — \(j.how)\(j.weak ? "  [check]" : "")")
                }
            }
        }
    }
}
