import GuanxiGraph
import GuanxiText

extension RelationRule {
    /// What a rule's example sentences say when extracted: each `yes` example must give
    /// `head -relation-> tail` made by this rule, each `no` example no such edge at all. Returns the
    /// examples that fail, each said in a line (empty when all hold).
    public func failedExamples(with extractor: Extractor = Extractor()) -> [String] {
        var failures: [String] = []
        for (ex, wanted) in yes.map({ ($0, true) }) + no.map({ ($0, false) }) {
            let source = SourceText(path: "example.txt", sha256: SHA256.hex(Array(ex.text.utf8)), encoding: "UTF-8", format: .text, text: ex.text)
            let g = extractor.extract(source, id: "example")
            let rules = Self.edgeRules(g, ex.head, relation, ex.tail)
            let edge = "\(ex.head) -\(relation.rawValue)-> \(ex.tail)"
            if wanted, rules == nil {
                failures.append("\(id): yes example gives no \(edge): “\(ex.text)”")
            } else if wanted, let rules, !rules.contains(id) {
                failures.append("\(id): yes example's \(edge) was made by \(rules.sorted().joined(separator: ", ")), not this rule: “\(ex.text)”")
            } else if !wanted, rules != nil {
                failures.append("\(id): no example gives \(edge): “\(ex.text)”")
            }
        }
        return failures
    }

    /// The rules the evidence of the edge `head -type-> tail` names (either way for a symmetric
    /// relation), or nil when there is no such edge.
    static func edgeRules(_ g: KnowledgeGraph, _ head: String, _ type: RelationType, _ tail: String) -> Set<String>? {
        for a in g.lookup(head) {
            for b in g.lookup(tail) {
                if let r = g.relation(EdgeKey(source: a.id, type: type, target: b.id)) { return Set(r.evidence.compactMap(\.rule)) }
                if type.isSymmetric, let r = g.relation(EdgeKey(source: b.id, type: type, target: a.id)) { return Set(r.evidence.compactMap(\.rule)) }
            }
        }
        return nil
    }
}
