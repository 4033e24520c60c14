import Foundation
import GuanxiGraph

/// Where a statement comes from, as the query commands print it.
struct EvidenceOut: Encodable {
    var sentence: String
    var document: String
    var title: String?
    var date: String?
    var source: String?
    var amount: Amount?
    /// How many times the same sentence states the fact (the same sentence in several places).
    var count: Int

    /// Evidence grouped by identical sentence (first occurrence's document and date kept), in order.
    static func grouped(_ evidence: [Evidence], graph: KnowledgeGraph) -> [EvidenceOut] {
        var order: [String] = []
        var groups: [String: EvidenceOut] = [:]
        for ev in evidence {
            let key = ev.sentence
            if var g = groups[key] { g.count += 1; groups[key] = g; continue }
            let doc = graph.documents[ev.document]
            order.append(key)
            groups[key] = EvidenceOut(sentence: ev.sentence, document: ev.document, title: doc?.title,
                                      date: ev.date ?? doc?.date, source: doc?.origin, amount: ev.amount, count: 1)
        }
        return order.compactMap { groups[$0] }
    }

    /// `「sentence」` on one line, then `— title (document, date)`.
    func lines(indent: String) -> [String] {
        let times = count > 1 ? " ×\(count)" : ""
        let amount = self.amount.map { " [\($0.text)]" } ?? ""
        let where_ = [document, date].compactMap { $0 }.joined(separator: ", ")
        return ["\(indent)「\(oneLine(sentence))」\(times)\(amount)",
                "\(indent)  — \(oneLine(title ?? "(untitled)")) (\(where_))"]
    }
}

/// Text on one line: line feeds (and the white space around them) become one space, so evidence
/// with raw line breaks keeps the indent of the listing. Other control characters are left to the
/// CLI's `print`, which shows them visibly (␛, <U+2028>) rather than dropping what was there.
func oneLine(_ s: String) -> String {
    guard s.contains("\n") else { return s }
    return s.split(separator: "\n", omittingEmptySubsequences: true)
        .map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
        .joined(separator: " ")
}

/// A document as a reader names it: `title (id, date)`.
func documentLabel(_ graph: KnowledgeGraph, _ id: String) -> String {
    guard let d = graph.documents[id] else { return id }
    let tail = [d.id, d.date].compactMap { $0 }.joined(separator: ", ")
    return "\(oneLine(d.title ?? "(untitled)")) (\(tail))"
}
