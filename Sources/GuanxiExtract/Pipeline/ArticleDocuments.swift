import Foundation
import GuanxiGraph
import GuanxiText

/// The steps that finish one file's graph after extraction:
///
/// 1. every article of the file becomes its own document (``DocumentRecord``) with its own
///    headline, byline, date, range in the file and source address; mentions and evidence move to
///    the document whose article holds them (their offsets stay offsets in the file);
/// 2. entities are placed in their province, city and county (``RegionPlacement``), as derived
///    data, never as relation edges;
/// 3. signings and investments get the amount their sentence states (``AmountReader``).
public enum ArticleDocuments {
    /// The finished graph of one file. `graph` is what extraction made of `source` (one document).
    public static func finish(_ graph: KnowledgeGraph, source: SourceText, gazetteer: Gazetteer = .shared) -> KnowledgeGraph {
        guard graph.documents.count == 1, let file = graph.documentList.first else { return graph }
        let scalars = Array(source.text.unicodeScalars)
        let records = documents(of: file, text: scalars, htmlTitle: source.htmlTitle)
        // Offset → document: the article holding it, else the last one starting before it.
        let starts = records.map { $0.start ?? 0 }
        func documentID(at offset: Int) -> String {
            guard records.count > 1 else { return records[0].id }
            // Binary search: the last article starting at or before the offset (else the first).
            var lo = 0, hi = starts.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if starts[mid] <= offset { lo = mid + 1 } else { hi = mid }
            }
            return records[max(0, lo - 1)].id
        }
        // The graph is finished in place: names and ids stay, so its indexes stay valid.
        var out = graph
        out.replaceDocuments(with: records)
        out.updateNodes { e in
            e.mentions = e.mentions.map { var m = $0; m.document = documentID(at: m.start); return m }.sorted()
        }
        // (Placement reads only `located_in` edges, in key order; the nodes' order does not matter.)
        var entities = out.nodesInInsertionOrder
        RegionPlacement(gazetteer: gazetteer).place(&entities, relations: out.edges(ofType: .locatedIn))
        let regions = Dictionary(entities.map { ($0.id, $0.region) }, uniquingKeysWith: { a, _ in a })
        out.updateNodes { e in e.region = regions[e.id] ?? e.region }
        let byID = Dictionary(entities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        out.updateEvidence { r, evidence in
            evidence = evidence.map { ev in
                var ev = ev
                ev.document = documentID(at: ev.start)
                if ev.amount == nil, AmountReader.carriesAmount(r.type) {
                    let names = [byID[r.source], byID[r.target]].compactMap { $0?.allNames }
                    ev.amount = AmountReader.amount(in: ev.sentence, near: names)
                }
                return ev
            }.sorted()
        }
        return out
    }

    /// The documents of a file: one per article with a body (a file of one article keeps its
    /// record and id, now with its date and source). Article `k` of a page gets the id `file#k`.
    static func documents(of file: DocumentRecord, text: [Unicode.Scalar], htmlTitle: String? = nil) -> [DocumentRecord] {
        // An article without a headline continues the one before it, unless a dateline opens it
        // (a second report under the page's headline: it shares that headline). A short piece
        // without a headline before the first article (a caption, a menu line) joins the next.
        var articles: [ArticleRecord] = []
        var inherited: Set<Int> = []
        var pending: ArticleRecord?
        for a in file.articles {
            var a = a
            if let p = pending { a.start = min(a.start, p.start); a.byline = p.byline + a.byline.filter { !p.byline.contains($0) }; pending = nil }
            if a.title == nil {
                if articles.isEmpty {
                    if a.end - a.start < 60 { pending = a; continue }
                } else if a.dateline == nil {
                    let k = articles.count - 1
                    articles[k].end = max(articles[k].end, a.end)
                    articles[k].byline += a.byline.filter { !articles[k].byline.contains($0) }
                    if articles[k].date == nil { articles[k].date = a.date }
                    continue
                } else {
                    a.title = articles[articles.count - 1].title
                    inherited.insert(articles.count)
                }
            }
            articles.append(a)
        }
        if let p = pending {
            if articles.isEmpty { articles.append(p) } else { articles[articles.count - 1].end = max(articles[articles.count - 1].end, p.end) }
        }
        let fileURL = sourceURL(in: text, range: 0..<text.count, outside: articles.map { $0.start..<$0.end })
        guard articles.count > 1 else {
            var d = file
            let a = articles.first
            d.title = htmlTitle.flatMap(cleanPageTitle) ?? a?.title ?? file.title
            d.date = a?.date
            d.source = a.flatMap { sourceURL(in: text, range: $0.start..<$0.end) } ?? fileURL
            return [d]
        }
        return articles.enumerated().map { k, a in
            var d = file
            d.id = "\(file.id)#\(k + 1)"
            d.title = a.title
            d.byline = a.byline
            d.articles = [a]
            d.start = a.start
            d.end = a.end
            d.date = a.date
            d.source = sourceURL(in: text, range: a.start..<a.end) ?? fileURL
            return d
        }
    }

    /// A web page's `<title>` without the site and section names after the headline
    /// (`拉萨经开区打造…_西藏_地方报道` → `拉萨经开区打造…`).
    static func cleanPageTitle(_ title: String) -> String? {
        var t = title.trimmingCharacters(in: .whitespacesAndNewlines)
        for sep in ["_", " - ", " | ", "|", "－", "—"] {
            if let r = t.range(of: sep), t.distance(from: t.startIndex, to: r.lowerBound) >= 6 { t = String(t[..<r.lowerBound]) }
        }
        t = t.trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t
    }

    /// The address a text gives for itself in `range` (`来源：http://…`, `原文链接 www.…`): the
    /// first web address there, without trailing punctuation. `outside`: only addresses outside
    /// these ranges count (a page's header or footer), and only when there is exactly one.
    static func sourceURL(in s: [Unicode.Scalar], range: Range<Int>, outside: [Range<Int>]? = nil) -> String? {
        let lo = max(0, range.lowerBound), hi = min(s.count, range.upperBound)
        guard lo < hi else { return nil }
        var found: [String] = []
        var i = lo
        while i < hi {
            let isStart = (s[i] == "h" || s[i] == "w")
                && (s.has("http://", at: i) || s.has("https://", at: i) || (s.has("www.", at: i) && (i == 0 || !isURLChar(s[i - 1]))))
            guard isStart else { i += 1; continue }
            var j = i
            while j < hi, isURLChar(s[j]) { j += 1 }
            while j > i, ".,;:)".unicodeScalars.contains(s[j - 1]) { j -= 1 }
            let url = String(String.UnicodeScalarView(s[i..<j]))
            if let outside, outside.contains(where: { $0.contains(i) }) { i = j; continue }
            if url.count > 10 { found.append(url) }
            i = max(j, i + 1)
            if outside == nil, !found.isEmpty { break }
        }
        if outside != nil { return Set(found).count == 1 ? found.first : nil }
        return found.first
    }

    static func isURLChar(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || "-._~:/?#[]@!$&'*+,;=%".unicodeScalars.contains(c))
    }
}
