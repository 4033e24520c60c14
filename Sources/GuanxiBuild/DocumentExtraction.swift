import Foundation
import GuanxiExtract
import GuanxiGraph
import GuanxiText

/// Per-document extraction for scale-out: each document's graph as one JSON line.
public enum DocumentExtraction {
    /// What a worker makes of one file: its JSON line, or why it was skipped.
    enum Line: Sendable {
        case line(Data)
        case skipped(String)
        case failed(any Error)
    }

    /// Extracts `files` (read, extracted and encoded in parallel, one worker per core, through
    /// ``ExtractionPipeline``) and hands each document's graph, as one line of JSON ending in a
    /// newline, to `emit`, in input order. Unreadable files are added to `skipped`. A line depends
    /// on its document alone (and the path it was named by).
    public static func jsonLines(_ files: [String], extractor: Extractor, batchSize: Int = 64,
                                 skipped: inout [(path: String, reason: String)], emit: (Data) throws -> Void) throws {
        let pipeline = ExtractionPipeline(files, chunkSize: { _ in batchSize }, lowPriority: false) { (file: String) -> Line in
            let source: SourceText
            do { source = try SourceReader.read(path: file) } catch {
                return .skipped((error as? ReadError)?.description ?? "\(error)")
            }
            let graph = extractor.extractBounded(source, id: CorpusBuilder.documentID(file))
            do {
                var line = try GraphFile.encodeLine(graph)
                if line.last != 0x0A { line.append(0x0A) }
                return .line(line)
            } catch {
                return .failed(error)
            }
        }
        defer { pipeline.cancel() }
        while let (range, lines) = pipeline.next() {
            for (file, line) in zip(files[range], lines) {
                switch line {
                case .line(let data): try emit(data)
                case .skipped(let reason): skipped.append((file, reason))
                case .failed(let error): throw error
                }
            }
        }
    }
}
