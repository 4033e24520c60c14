import ArgumentParser
import Foundation
import GuanxiGraph
import GuanxiText

/// `guanxi path`
struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "The shortest chains of relations between two entities, with the document and date of every step.",
        discussion: """
        Every step prints the sentence that states it and the document (headline, id, date) it comes from, so a jump between articles or provinces shows. --k N lists up to N shortest loopless paths, shortest first. When the two are not connected the command says "X and Y are not connected" on standard error and exits with code 1.

        --json prints the steps of the path (with --k above 1: a list of paths, each {"length", "steps"}); every step has its evidence with document, title and date.

        Examples:
          guanxi path 陈凯 中大(天津)集团 --graph graphs/seeds.json
          guanxi path 陈凯 山西省 --k 3
        """
    )
    @Argument(help: "From this entity.") var from: String
    @Argument(help: "To this entity.") var to: String
    @OptionGroup var graphOptions: GraphOptions
    @Option(name: .customLong("k"), help: ArgumentHelp("How many shortest paths to list.", valueName: "N")) var k = 1
    @Flag(help: "Print JSON.") var json = false

    func validate() throws { guard k >= 1 else { throw ValidationError("--k must be at least 1.") } }

    struct StepOut: Encodable {
        var from: String; var relation: RelationType; var to: String; var forward: Bool
        /// The first sentence stating the step (kept for scripts reading it).
        var evidence: String?
        var document: String?
        var title: String?
        var date: String?
        /// Every sentence stating the step, grouped.
        var statements: [EvidenceOut]
    }
    struct PathOut: Encodable { var length: Int; var steps: [StepOut] }

    func run() throws {
        try runReporting {
            let graph = try graphOptions.load(pathFrom: from, to: to)
            let a = try resolveEntity(graph, from), b = try resolveEntity(graph, to)
            guard let ia = graph.index(of: a.id), let ib = graph.index(of: b.id) else { return }
            let paths = graph.shortestPaths(from: ia, to: ib, k: k)
            guard !paths.isEmpty else {
                throw CLIError(message: "\(a.name) and \(b.name) are not connected", code: 1)
            }
            let outs: [PathOut] = paths.map { steps in
                let s: [StepOut] = steps.compactMap { st in
                    guard let r = graph.relation(at: st.edge), let f = graph.entity(at: st.from), let t = graph.entity(at: st.to) else { return nil }
                    let grouped = EvidenceOut.grouped(r.evidence, graph: graph)
                    let first = grouped.first
                    return StepOut(from: f.name, relation: r.type, to: t.name, forward: st.forward, evidence: first?.sentence,
                                   document: first?.document, title: first?.title, date: first?.date, statements: grouped)
                }
                return PathOut(length: s.count, steps: s)
            }
            if json {
                if k == 1, let only = outs.first { try writeStandardOutput(try encodeJSON(only.steps)) }
                else { try writeStandardOutput(try encodeJSON(outs)) }
                return
            }
            for (n, p) in outs.enumerated() {
                if k == 1 { print("\(a.name) → \(b.name): \(p.length) step(s)") }
                else { print("\(n == 0 ? "" : "\n")path \(n + 1) of \(outs.count): \(a.name) → \(b.name), \(p.length) step(s)") }
                for st in p.steps {
                    print(st.forward ? "  \(st.from) —\(st.relation.rawValue)→ \(st.to)" : "  \(st.from) ←\(st.relation.rawValue)— \(st.to)")
                    for ev in st.statements.prefix(1) { for line in ev.lines(indent: "      ") { print(line) } }
                    if st.statements.count > 1 { print("      (+\(st.statements.count - 1) more sentence(s): guanxi show \(st.from))") }
                }
            }
        }
    }
}
