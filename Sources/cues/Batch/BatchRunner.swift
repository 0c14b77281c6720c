import CueKit
import Dispatch
import Foundation

/// Runs conversion jobs on several threads and hands their results back in
/// input order, as soon as each one and all before it are done.
struct BatchRunner {
    var jobs: [ConversionJob]
    var workers: Int

    /// Runs every job; `deliver` is called once per job, in job order, one
    /// call at a time.
    func run(_ work: @escaping @Sendable (ConversionJob) -> ConversionJob.Result,
             deliver: @escaping @Sendable (ConversionJob.Result) -> Void) {
        let state = OrderedResults(count: jobs.count, deliver: deliver)
        let jobs = self.jobs
        let workerCount = max(1, min(workers, jobs.count))
        DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
            while let index = state.claim() {
                state.complete(index, work(jobs[index]))
            }
        }
    }
}

/// Results collected from worker threads and released in order.
private final class OrderedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [ConversionJob.Result?]
    private var nextToClaim = 0
    private var nextToDeliver = 0
    private let deliver: @Sendable (ConversionJob.Result) -> Void

    init(count: Int, deliver: @escaping @Sendable (ConversionJob.Result) -> Void) {
        results = Array(repeating: nil, count: count)
        self.deliver = deliver
    }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextToClaim < results.count else { return nil }
        nextToClaim += 1
        return nextToClaim - 1
    }

    func complete(_ index: Int, _ result: ConversionJob.Result) {
        lock.lock()
        defer { lock.unlock() }
        results[index] = result
        while nextToDeliver < results.count, let ready = results[nextToDeliver] {
            deliver(ready)
            results[nextToDeliver] = nil
            nextToDeliver += 1
        }
    }
}
