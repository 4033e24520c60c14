import Foundation
import GuanxiGraph
import GuanxiText

/// Extraction with bounded cost for documents of any size.
///
/// Several steps of ``Extractor/extract(_:id:)`` compare every mention of an article (or a
/// document) with every other one — right for a news page of a few thousand characters,
/// quadratic for a 50 MB file with no line break. A document longer than `maxScalars` is cut into
/// pieces at paragraph breaks (else line breaks, else sentence ends, else clause marks, else
/// hard), each piece is extracted on its own and the pieces' graphs are merged, with every offset
/// moved back to the whole document's text. Documents within the bound go through
/// ``Extractor/extract(_:id:)`` unchanged.
extension Extractor {
    /// Longest text (Unicode scalars) extracted in one piece: a long newspaper page is ~20,000.
    public static let maxPieceScalars = 40_000

    /// The graph of one document, like ``extract(_:id:)``, in time and memory linear in its
    /// length: documents longer than `maxScalars` are extracted in pieces.
    public func extractBounded(_ source: SourceText, id: String, maxScalars: Int = Extractor.maxPieceScalars) -> KnowledgeGraph {
        let pieces = TextPieces.split(source.text, maxScalars: maxScalars)
        guard pieces.count > 1 else { return extract(source, id: id) }
        let total = pieces.last.map { $0.offset + $0.length } ?? 0
        var result: KnowledgeGraph?
        var articles: [ArticleRecord] = []
        var titles: [String] = []
        var bylines = Set<String>()
        var shifted: [(KnowledgeGraph, Int)] = []
        // Pieces go in batches, so memory holds a batch of piece graphs, not all of them.
        let batch = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
        var lo = 0
        while lo < pieces.count {
            let hi = min(pieces.count, lo + batch)
            let box = PieceBox(count: hi - lo), first = lo
            DispatchQueue.concurrentPerform(iterations: hi - lo) { k in
                let p = pieces[first + k]
                let piece = SourceText(path: source.path, sha256: source.sha256, encoding: source.encoding,
                                       format: source.format, htmlTitle: source.htmlTitle, text: p.text)
                box.set(k, extract(piece, id: id))
            }
            for (k, g) in box.values.enumerated() {
                let offset = pieces[lo + k].offset
                for doc in g.documentList {
                    articles += doc.articles.map { var a = $0; a.start += offset; a.end += offset; return a }
                    if let t = doc.title { titles.append(t) }
                    bylines.formUnion(doc.byline)
                }
                shifted.append((g, offset))
            }
            lo = hi
        }
        let record = DocumentRecord(id: id, path: source.path, sha256: source.sha256, encoding: source.encoding,
                                    format: source.format.rawValue, length: total,
                                    title: source.htmlTitle ?? titles.first, byline: bylines.sorted(), articles: articles)
        // The document record needs every piece's articles, so the pieces are merged last.
        for (g, offset) in shifted {
            let piece = Extractor.moved(g, by: offset, record: record)
            if result == nil { result = piece } else { result?.merge(piece) }
        }
        return ArticleDocuments.finish(result ?? KnowledgeGraph(), source: source, gazetteer: gazetteer)
    }

    /// A piece's graph with every offset moved by `offset` and its document record replaced by
    /// the whole document's.
    static func moved(_ g: KnowledgeGraph, by offset: Int, record: DocumentRecord) -> KnowledgeGraph {
        var out = KnowledgeGraph()
        out.addDocument(record)
        var ids: [String: String] = [:]
        for var e in g.entities {
            e.mentions = e.mentions.map { var m = $0; m.start += offset; m.end += offset; m.document = record.id; return m }
            ids[e.id] = out.add(e)
        }
        for var r in g.edges {
            guard let s = ids[r.source], let t = ids[r.target] else { continue }
            r.source = out.currentID(s); r.target = out.currentID(t)
            r.evidence = r.evidence.map { var ev = $0; ev.start += offset; ev.end += offset; ev.document = record.id; return ev }
            out.add(r)
        }
        return out
    }
}

/// Collects piece graphs from parallel workers.
final class PieceBox: @unchecked Sendable {
    private var slots: [KnowledgeGraph?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ g: KnowledgeGraph) { lock.lock(); slots[i] = g; lock.unlock() }
    var values: [KnowledgeGraph] { lock.lock(); defer { lock.unlock() }; return slots.map { $0 ?? KnowledgeGraph() } }
}

/// Cuts a text into pieces of at most a number of Unicode scalars.
public enum TextPieces {
    /// A piece: its text, and where it starts and how long it is in the whole text (scalars).
    public struct Piece: Sendable {
        public var offset: Int
        public var length: Int
        public var text: String
    }

    /// The pieces of `text`, each at most `maxScalars` scalars long, cut after the last paragraph
    /// break in the piece's second half, else the last line break, sentence end or clause mark
    /// there, else at the bound. Concatenated they give `text` back. Linear in the text's length.
    public static func split(_ text: String, maxScalars: Int) -> [Piece] {
        let limit = max(2, maxScalars)
        let v = text.unicodeScalars
        var out: [Piece] = []
        var start = v.startIndex, startOffset = 0
        var i = start, n = 0
        // Best cut seen in the current piece's second half, by rank: index after the scalar, scalars before it.
        var cuts: [(String.UnicodeScalarView.Index, Int)?] = [nil, nil, nil, nil]
        var previous: Unicode.Scalar = " "
        while i != v.endIndex {
            let c = v[i]
            let next = v.index(after: i)
            n += 1
            if n * 2 >= limit {
                let rank: Int?
                switch c {
                case "\n": rank = previous == "\n" ? 3 : 2
                case "。", "！", "？", "；", "!", "?", ";": rank = 1
                case "，", ",", "、", " ", "：", ":": rank = 0
                default: rank = nil
                }
                if let rank { cuts[rank] = (next, n) }
            }
            previous = c
            if n >= limit, next != v.endIndex {
                let (cut, len) = cuts.reversed().compactMap { $0 }.first ?? (next, n)
                out.append(Piece(offset: startOffset, length: len, text: String(v[start..<cut])))
                start = cut; startOffset += len
                i = cut; n = 0
                cuts = [nil, nil, nil, nil]
                previous = " "
                continue
            }
            i = next
        }
        if start != v.endIndex || out.isEmpty {
            out.append(Piece(offset: startOffset, length: n, text: String(v[start..<v.endIndex])))
        }
        return out
    }
}
