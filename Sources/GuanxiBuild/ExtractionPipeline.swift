import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a pure per-item function on worker threads and hands the results back a chunk at a time,
/// in input order, to one consumer: the build's extraction (many workers) feeding its store
/// writer (one thread, the serial stage).
///
/// - Workers move on to the next chunk as soon as the current one's items are all taken, so a
///   long document holds up no other worker (no barrier between chunks).
/// - At most `ahead` chunks wait, done or under way, beyond the one the consumer holds: memory
///   stays bounded whatever the input.
/// - Workers may run at a lower scheduling priority than the consumer (`setpriority` on Linux,
///   utility QoS elsewhere):
///   the writer is the stage every document passes through one at a time, so on a busy or small
///   machine it gets a core whenever it can run and extraction fills what is left.
/// - Each input is let go as soon as it is taken, each chunk's results once handed over.
final class ExtractionPipeline<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    private let lock = NSCondition()
    private var inputs: [Input?]
    private let chunks: [Range<Int>]
    private var results: [Output?]
    /// Items finished, per chunk.
    private var finished: [Int]
    /// The next item a worker takes; the chunk it belongs to.
    private var nextItem = 0, nextChunk = 0
    /// Chunks handed to the consumer.
    private var consumed = 0
    private let ahead: Int
    private var cancelled = false
    private var running: Int
    private let work: @Sendable (Input) -> Output
    private let lowPriority: Bool

    /// Starts `workers` threads on `inputs`, handed back in `chunks` (consecutive ranges covering
    /// the inputs in order), at a lower priority than the caller's when `lowPriority`.
    init(_ inputs: [Input], chunks: [Range<Int>], ahead: Int = 2, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
         lowPriority: Bool = true, work: @escaping @Sendable (Input) -> Output) {
        self.inputs = inputs.map { $0 }
        self.chunks = chunks
        self.results = Array(repeating: nil, count: inputs.count)
        self.finished = Array(repeating: 0, count: chunks.count)
        self.ahead = max(0, ahead)
        self.work = work
        self.lowPriority = lowPriority
        let n = max(1, min(workers, inputs.count))
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

    private func runWorker() {
        #if os(Linux)
        // On Linux, PRIO_PROCESS with 0 names the calling thread alone.
        if lowPriority { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10) }
        #endif
        while let (i, input) = take() {
            let output = work(input)
            lock.lock()
            results[i] = output
            let c = chunk(of: i)
            finished[c] += 1
            if finished[c] == chunks[c].count { lock.broadcast() }
            lock.unlock()
        }
        lock.lock()
        running -= 1
        lock.broadcast()
        lock.unlock()
    }

    /// The next item to work on (moved out of the inputs), waiting while `ahead` chunks are ready
    /// or under way; nil once every item is taken or the pipeline is cancelled.
    private func take() -> (Int, Input)? {
        lock.lock()
        defer { lock.unlock() }
        while true {
            if cancelled || nextChunk >= chunks.count { return nil }
            if nextChunk <= consumed + ahead {
                let i = nextItem
                nextItem += 1
                if nextItem >= chunks[nextChunk].upperBound { nextChunk += 1 }
                guard let input = inputs[i] else { continue }
                inputs[i] = nil
                return (i, input)
            }
            lock.wait()
        }
    }

    private func chunk(of item: Int) -> Int {
        // Chunks are few and consecutive: a binary search over their starts.
        var lo = 0, hi = chunks.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if chunks[mid].lowerBound <= item { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The next chunk's results in input order (waiting for them), or nil after the last.
    func next() -> (range: Range<Int>, outputs: [Output])? {
        lock.lock()
        defer { lock.unlock() }
        guard consumed < chunks.count, !cancelled else { return nil }
        let c = consumed
        while finished[c] < chunks[c].count { lock.wait() }
        let r = chunks[c]
        var out: [Output] = []
        out.reserveCapacity(r.count)
        for i in r {
            if let o = results[i] { out.append(o) }
            results[i] = nil
        }
        consumed += 1
        lock.broadcast()
        return (r, out)
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
