import ArgumentParser
import Foundation
import GuanxiGraph
import GuanxiText

/// `guanxi path`
struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "The shortest chain of relations between two entities.",
        discussion: "Example:\n  guanxi path 陈凯 中大(天津)集团 --graph graphs/seeds.json"
    )
    @Argument(help: "From this entity.") var from: String
    @Argument(help: "To this entity.") var to: String
    @OptionGroup var graphOptions: GraphOptions
    @Flag(help: "Print JSON.") var json = false

    struct StepOut: Encodable {
        var from: String; var relation: RelationType; var to: String; var forward: Bool; var evidence: String?
    }

    func run() throws {
        try runReporting {
            let graph = try graphOptions.load(pathFrom: from, to: to)
            let a = try resolveEntity(graph, from), b = try resolveEntity(graph, to)
            guard let ia = graph.index(of: a.id), let ib = graph.index(of: b.id) else { return }
            guard let steps = graph.shortestPath(from: ia, to: ib) else {
                throw CLIError(message: "\(a.name) and \(b.name) are not connected", code: 1)
            }
            let out: [StepOut] = steps.compactMap { st in
                guard let r = graph.relation(at: st.edge), let f = graph.entity(at: st.from), let t = graph.entity(at: st.to) else { return nil }
                return StepOut(from: f.name, relation: r.type, to: t.name, forward: st.forward, evidence: r.evidence.first?.sentence)
            }
            if json { FileHandle.standardOutput.write(try encodeJSON(out)); return }
            print("\(a.name) → \(b.name): \(out.count) step(s)")
            for st in out {
                print(st.forward ? "  \(st.from) —\(st.relation.rawValue)→ \(st.to)" : "  \(st.from) ←\(st.relation.rawValue)— \(st.to)")
                if let ev = st.evidence { print("      「\(ev)」") }
            }
        }
    }
}
