import ArgumentParser
import Foundation
import GuanxiExtract
import GuanxiGraph

/// `guanxi rules`
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the relation rules (the ids evidence records), or show one.",
        discussion: """
        Every relation records the rule that made it (`rule` in the evidence of the exports, of `extract --jsonl` and of the store, and beside each false positive of `evaluate --verbose`). This lists every rule: its id, the relation it emits, whether it is written as a pattern (Resources/relations.rules) or in code, and what it reads. With an ID: the rule's pattern and its example sentences.

        With --rules FILE, your rules file (as `build --rules` reads it) is checked and listed after the shipped rules; --check runs the example sentences of the rules listed and names each that fails (exit 1).

        Examples:
          guanxi rules
          guanxi rules --relation located_in
          guanxi rules locate.zone-before-names
          guanxi rules --rules my.rules --check
        """
    )
    @Argument(help: "A rule id (family.name), or a family (`locate`).") var id: String?
    @Option(help: ArgumentHelp("Only rules emitting this relation.", valueName: "R")) var relation: RelationType?
    @Option(help: ArgumentHelp("Your relation rules file, checked and listed after the shipped rules.", valueName: "FILE")) var rules: String?
    @Flag(help: "Run the example sentences of the rules listed; exit 1 if any fails.") var check = false
    @Flag(help: "Print JSON.") var json = false

    /// A rule as printed.
    struct Card: Encodable {
        var id: String
        var relation: String
        var kind: String
        /// Where a pattern is written (the shipped file or yours).
        var file: String?
        var reads: String
        var pattern: String?
        var yes: [String]
        var no: [String]

        init(_ r: RelationRule, file: String? = nil) {
            id = r.id; relation = r.relation.rawValue; kind = r.pattern == nil ? "code" : "pattern"; reads = r.reads; pattern = r.pattern
            self.file = r.pattern == nil ? nil : file ?? "Resources/relations.rules"
            yes = r.yes.map { "\($0.text) → \($0.head) -\(r.relation.rawValue)-> \($0.tail)" }
            no = r.no.map { "\($0.text) → no \($0.head) -\(r.relation.rawValue)-> \($0.tail)" }
        }
    }

    func run() throws {
        try runReporting {
            var patterns = RelationPatterns.shipped
            if let file = self.rules {
                do { patterns = try patterns.adding(file: file) } catch let e as RelationPatterns.LoadError { throw CLIError(message: e.description, code: 2) }
            }
            let shippedCount = RelationPatterns.shipped.patterns.count
            let yours = patterns.patterns.dropFirst(shippedCount).map(\.rule)
            var rules = (RelationRules.all + yours).filter { relation == nil || $0.relation == relation }
            if let id {
                rules = rules.filter { $0.id == id || $0.id.hasPrefix(id + ".") }
                guard !rules.isEmpty else {
                    throw CLIError(message: "no relation rule \(id) (`guanxi rules` lists them)", code: 1)
                }
            }
            if check {
                let extractor = Extractor(patterns: patterns)
                var failed = 0
                for r in rules {
                    let failures = r.failedExamples(with: extractor)
                    failed += failures.isEmpty ? 0 : 1
                    for f in failures { printError("guanxi: \(f)") }
                }
                print("\(rules.count - failed) of \(rules.count) rule(s): every example holds")
                if failed > 0 { throw ExitCode(1) }
                return
            }
            let yourIDs = Set(yours.map(\.id))
            let cards = rules.map { Card($0, file: yourIDs.contains($0.id) ? self.rules : nil) }
            if json { try writeStandardOutput(try encodeJSON(cards)); return }
            // One rule named by its id: its card.
            if let c = cards.first(where: { $0.id == id }) {
                print("\(c.id)  \(c.relation)  (\(c.file.map { "pattern, " + $0 } ?? "in code"))")
                print("reads    \(c.reads)")
                if let p = c.pattern { print("pattern  \(p)") }
                for y in c.yes { print("yes      \(y)") }
                for n in c.no { print("no       \(n)") }
                return
            }
            let width = cards.map(\.id.count).max() ?? 0
            for c in cards {
                print(c.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + c.relation.padding(toLength: 15, withPad: " ", startingAt: 0)
                      + "  " + c.kind.padding(toLength: 7, withPad: " ", startingAt: 0) + "  " + c.reads)
            }
        }
    }
}
