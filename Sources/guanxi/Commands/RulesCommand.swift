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

        Examples:
          guanxi rules
          guanxi rules --relation located_in
          guanxi rules locate.zone-before-names
        """
    )
    @Argument(help: "A rule id (family.name), or a family (`locate`).") var id: String?
    @Option(help: ArgumentHelp("Only rules emitting this relation.", valueName: "R")) var relation: RelationType?
    @Flag(help: "Print JSON.") var json = false

    /// A rule as printed.
    struct Card: Encodable {
        var id: String
        var relation: String
        var kind: String
        var reads: String
        var pattern: String?
        var yes: [String]
        var no: [String]

        init(_ r: RelationRule) {
            id = r.id; relation = r.relation.rawValue; kind = r.pattern == nil ? "code" : "pattern"; reads = r.reads; pattern = r.pattern
            yes = r.yes.map { "\($0.text) → \($0.head) -\(r.relation.rawValue)-> \($0.tail)" }
            no = r.no.map { "\($0.text) → no \($0.head) -\(r.relation.rawValue)-> \($0.tail)" }
        }
    }

    func run() throws {
        try runReporting {
            var rules = RelationRules.all.filter { relation == nil || $0.relation == relation }
            if let id {
                rules = rules.filter { $0.id == id || $0.id.hasPrefix(id + ".") }
                guard !rules.isEmpty else {
                    throw CLIError(message: "no relation rule \(id) (`guanxi rules` lists them)", code: 1)
                }
            }
            let cards = rules.map(Card.init)
            if json { try writeStandardOutput(try encodeJSON(cards)); return }
            // One rule named by its id: its card.
            if let c = cards.first(where: { $0.id == id }) {
                print("\(c.id)  \(c.relation)  (\(c.kind == "code" ? "in code" : "pattern, Resources/relations.rules"))")
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
