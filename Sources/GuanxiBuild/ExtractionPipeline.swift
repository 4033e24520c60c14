import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a pure per-item function on worker threads and hands the results back a chunk at a time,
/// in input order, to one consumer: the build's extraction (or a JSON Lines file's decoding) on
/// many workers feeding its store writer, the one serial stage.
///
/// - Items come from an array or a stream (`source`, called by one worker at a time), so a JSON
///   Lines file of any size is read as it is worked on.
/// - Chunks are cut by `chunkSize` (the size of the chunk starting at an item index), so a caller
///   can end chunks where its batches end. The last chunk ends with the input.
/// - Workers move on to the next chunk as soon as the current one's items are all taken: a long
///   document holds up no other worker (no barrier between chunks).
/// - At most `ahead` chunks wait, done or under way, beyond the one the consumer holds: memory
///   stays bounded whatever the input.
/// - Workers may run at a lower scheduling priority than the consumer (`setpriority` on Linux,
///   utility QoS elsewhere), so on a busy or small machine the writer gets a core whenever it can
///   run and the workers fill what is left.
/// - An input is let go as soon as it is taken, a chunk's results once handed over.
final class ExtractionPipeline<Input, Output>: @unchecked Sendable {
    private struct Chunk {
        let start: Int
        var results: [Output?] = []
        var finished = 0
        /// No more items join it (it reached its size, or the input ended).
        var closed = false
    }

    private let lock = NSCondition()
    private let source: () -> Input?
    private let chunkSize: (Int) -> Int
    private let work: @Sendable (Input) -> Output
    private let ahead: Int
    private let lowPriority: Bool
    /// Chunks taken from and not yet handed over, by number.
    private var chunks: [Int: Chunk] = [:]
    /// The next item's index, the chunk it joins and where that chunk ends.
    private var nextItem = 0, openChunk = 0, openChunkEnd = 0
    /// Chunks handed to the consumer.
    private var consumed = 0
    private var sourceDone = false, cancelled = false
    private var running: Int

    /// Starts `workers` threads on the items `source` gives (nil: no more), at a lower priority
    /// than the caller's when `lowPriority`.
    init(chunkSize: @escaping (Int) -> Int, ahead: Int = 2, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
         lowPriority: Bool = true, source: @escaping () -> Input?, work: @escaping @Sendable (Input) -> Output) {
        self.source = source
        self.chunkSize = chunkSize
        self.work = work
        self.ahead = max(0, ahead)
        self.lowPriority = lowPriority
        let n = max(1, workers)
        running = n
        for k in 0..<n {
            let t = Thread { [self] in runWorker() }
            t.name = "guanxi.extract.\(k)"
            t.stackSize = 8 << 20
            #if !os(Linux)
            if lowPriority { t.qualityOfService = .utility }
            #endif
            t.start()
        }
    }

    /// A pipeline over `inputs`, each let go once taken.
    convenience init(_ inputs: [Input], chunkSize: @escaping (Int) -> Int, ahead: Int = 2,
                     workers: Int = ProcessInfo.processInfo.activeProcessorCount, lowPriority: Bool = true,
                     work: @escaping @Sendable (Input) -> Output) {
        let held = Held(inputs)
        self.init(chunkSize: chunkSize, ahead: ahead, workers: min(workers, max(1, inputs.count)), lowPriority: lowPriority,
                  source: { held.take() }, work: work)
    }

    /// Inputs handed out one at a time, each dropped as it goes.
    private final class Held {
        var items: [Input?]
        var next = 0
        init(_ inputs: [Input]) { items = inputs.map { $0 } }
        func take() -> Input? {
            guard next < items.count else { return nil }
            defer { items[next] = nil; next += 1 }
            return items[next]
        }
    }

    private func runWorker() {
        #if os(Linux)
        // On Linux, PRIO_PROCESS with 0 names the calling thread alone.
        if lowPriority { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10) }
        #endif
        while let (c, k, input) = take() {
            let output = work(input)
            lock.lock()
            chunks[c]?.results[k] = output
            chunks[c]?.finished += 1
            if let chunk = chunks[c], chunk.closed, chunk.finished == chunk.results.count { lock.broadcast() }
            lock.unlock()
        }
        lock.lock()
        running -= 1
        lock.broadcast()
        lock.unlock()
    }

    /// The next item to work on, with its chunk and place in it, waiting while `ahead` chunks are
    /// ready or under way; nil once the input is done or the pipeline cancelled.
    private func take() -> (Int, Int, Input)? {
        lock.lock()
        defer { lock.unlock() }
        while true {
            if cancelled || sourceDone { return nil }
            if openChunk <= consumed + ahead { break }
            lock.wait()
        }
        guard let input = source() else {
            sourceDone = true
            chunks[openChunk]?.closed = true
            lock.broadcast()
            return nil
        }
        if chunks[openChunk] == nil {
            chunks[openChunk] = Chunk(start: nextItem)
            openChunkEnd = nextItem + max(1, chunkSize(nextItem))
        }
        let c = openChunk
        let k = chunks[c]?.results.count ?? 0
        chunks[c]?.results.append(nil)
        nextItem += 1
        if nextItem >= openChunkEnd {
            chunks[c]?.closed = true
            openChunk += 1
        }
        return (c, k, input)
    }

    /// The next chunk's results in input order (waiting for them) with the items' index range, or
    /// nil after the last.
    func next() -> (range: Range<Int>, outputs: [Output])? {
        lock.lock()
        defer { lock.unlock() }
        let c = consumed
        while !cancelled {
            if let chunk = chunks[c], chunk.closed, chunk.finished == chunk.results.count {
                chunks[c] = nil
                consumed += 1
                lock.broadcast()
                return (chunk.start..<chunk.start + chunk.results.count, chunk.results.compactMap { $0 })
            }
            if sourceDone, chunks[c] == nil { return nil }
            lock.wait()
        }
        return nil
    }

    /// Stops the workers taking items and waits for those at work to finish theirs.
    func cancel() {
        lock.lock()
        cancelled = true
        lock.broadcast()
        while running > 0 { lock.wait() }
        lock.unlock()
    }
}
