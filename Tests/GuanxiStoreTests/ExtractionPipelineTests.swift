import Foundation
@testable import GuanxiBuild
import XCTest

/// The build's extraction pipeline: results in input order, a bounded number of chunks ahead of
/// the consumer, and workers that stop when cancelled.
final class ExtractionPipelineTests: XCTestCase {
    /// Items started (by index), shared by the workers of one test.
    final class Started: @unchecked Sendable {
        private let lock = NSLock()
        private var indexes: [Int] = []
        func add(_ i: Int) { lock.lock(); indexes.append(i); lock.unlock() }
        var all: [Int] { lock.lock(); defer { lock.unlock() }; return indexes }
    }

    static func chunks(_ count: Int, by size: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// Chunks of `size` that never straddle a batch of `batch` (as the build cuts them).
    static func chunkSize(_ size: Int, batch: Int) -> (Int) -> Int {
        { start in min(size, batch - start % batch) }
    }

    func testResultsComeBackInInputOrderWhateverEachItemTakes() {
        let inputs = Array(0..<203)
        let chunks = Self.chunks(inputs.count, by: 16)
        // Uneven work: some items take far longer than their neighbours.
        let pipeline = ExtractionPipeline(inputs, chunkSize: { _ in 16 }, workers: 4) { (i: Int) -> String in
            if i % 7 == 0 { usleep(2_000) }
            return "item \(i)"
        }
        var seen: [String] = []
        var ranges: [Range<Int>] = []
        while let (range, outputs) = pipeline.next() {
            ranges.append(range)
            seen += outputs
        }
        XCTAssertEqual(ranges, chunks)
        XCTAssertEqual(seen, inputs.map { "item \($0)" })
        XCTAssertNil(pipeline.next())
    }

    func testWorkersStayAtMostAheadChunksBeyondTheConsumer() {
        let inputs = Array(0..<80)
        let chunks = Self.chunks(inputs.count, by: 10)
        let started = Started()
        let pipeline = ExtractionPipeline(inputs, chunkSize: { _ in 10 }, ahead: 2, workers: 3) { (i: Int) -> Int in
            started.add(i)
            return i
        }
        var consumed = 0
        while let (range, _) = pipeline.next() {
            consumed += 1
            // A slow consumer: the workers fill the room they have, then wait.
            let limit = consumed + 2 < chunks.count ? chunks[consumed + 2].upperBound : inputs.count
            let deadline = Date().addingTimeInterval(5)
            while started.all.count < limit, Date() < deadline { usleep(1_000) }
            usleep(20_000)
            XCTAssertLessThanOrEqual(started.all.max() ?? 0, limit - 1, "after chunk \(range)")
            if consumed + 2 < chunks.count {
                // …and have filled the room they have.
                XCTAssertEqual(started.all.count, limit, "after chunk \(range)")
            }
        }
        XCTAssertEqual(Set(started.all), Set(inputs))
        XCTAssertEqual(started.all.count, inputs.count, "each item is worked on once")
    }

    func testCancelStopsTheWorkersAndNothingStartsAfterIt() {
        let inputs = Array(0..<1_000)
        let started = Started()
        let pipeline = ExtractionPipeline(inputs, chunkSize: { _ in 10 }, ahead: 1, workers: 2) { (i: Int) -> Int in
            started.add(i)
            usleep(200)
            return i
        }
        XCTAssertEqual(pipeline.next()?.outputs, Array(0..<10))
        pipeline.cancel()
        let after = started.all.count
        usleep(50_000)
        XCTAssertEqual(started.all.count, after)
        XCTAssertLessThanOrEqual(after, 30, "at most the consumer's chunk and one ahead were started")
        XCTAssertNil(pipeline.next())
    }

    func testNoInputsGiveNoChunks() {
        let pipeline = ExtractionPipeline([Int](), chunkSize: { _ in 8 }, workers: 2) { (i: Int) -> Int in i }
        XCTAssertNil(pipeline.next())
        pipeline.cancel()
    }

    func testChunksEndWhereBatchesEndAndTheLastEndsWithTheInput() {
        // Batches of 10, chunks of at most 4: 0-4, 4-8, 8-10, 10-14, 14-18, 18-20, 20-23.
        let pipeline = ExtractionPipeline(Array(0..<23), chunkSize: Self.chunkSize(4, batch: 10), workers: 2) { (i: Int) -> Int in i * 2 }
        var ranges: [Range<Int>] = [], outputs: [Int] = []
        while let (r, o) = pipeline.next() { ranges.append(r); outputs += o }
        XCTAssertEqual(ranges, [0..<4, 4..<8, 8..<10, 10..<14, 14..<18, 18..<20, 20..<23])
        XCTAssertEqual(outputs, (0..<23).map { $0 * 2 })
    }

    func testAStreamIsReadAsItIsWorkedOnNotAllAtOnce() {
        // The source says how far it has been read when each chunk comes back.
        final class Counter: @unchecked Sendable { var read = 0 }
        let counter = Counter()
        let pipeline = ExtractionPipeline(chunkSize: { _ in 5 }, ahead: 1, workers: 2, source: { () -> Int? in
            guard counter.read < 100 else { return nil }
            counter.read += 1
            return counter.read
        }, work: { (i: Int) -> Int in i })
        var all: [Int] = []
        var first = true
        while let (_, o) = pipeline.next() {
            if first {
                usleep(20_000)
                // One chunk held, at most two more under way: the rest of the stream is unread.
                XCTAssertLessThanOrEqual(counter.read, 15)
                first = false
            }
            all += o
        }
        XCTAssertEqual(all, Array(1...100))
    }
}
