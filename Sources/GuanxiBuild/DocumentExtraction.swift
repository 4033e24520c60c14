import Foundation
import GuanxiExtract
import GuanxiGraph
import GuanxiText

/// Per-document extraction for scale-out: each document's graph as one JSON line.
public enum DocumentExtraction {
    /// Extracts `files` (in parallel, a batch at a time) and hands each document's graph, as one
    /// line of JSON ending in a newline, to `emit`, in input order. Unreadable files are added
    /// to `skipped`. A line depends on its document alone (and the path it was named by).
    public static func jsonLines(_ files: [String], extractor: Extractor, batchSize: Int = 64,
                                 skipped: inout [(path: String, reason: String)], emit: (Data) throws -> Void) throws {
        var start = 0
        while start < files.count {
            let chunk = Array(files[start..<min(start + batchSize, files.count)])
            start += chunk.count
            var sources: [(SourceText, String)] = []
            for file in chunk {
                do { sources.append((try SourceReader.read(path: file), CorpusBuilder.documentID(file))) } catch let e as ReadError {
                    skipped.append((file, e.description))
                }
            }
            let box = ResultBox(count: sources.count)
            let batch = sources
            DispatchQueue.concurrentPerform(iterations: batch.count) { i in
                box.set(i, extractor.extractBounded(batch[i].0, id: batch[i].1))
            }
            for g in box.values {
                var line = try GraphFile.encodeLine(g)
                if line.last != 0x0A { line.append(0x0A) }
                try emit(line)
            }
        }
    }
}
