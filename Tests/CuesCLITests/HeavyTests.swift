import Foundation
import Testing

/// Tests that take more than a few seconds each (100 MB inputs, a million
/// cues) run only with `CUES_HEAVY_TESTS=1`, which CI sets (`.ci/run`), so
/// the README's `swift test` stays short on a developer's machine. Without it
/// they are reported as skipped, never as passed.
extension Trait where Self == ConditionTrait {
    static var heavy: Self {
        .enabled(if: ProcessInfo.processInfo.environment["CUES_HEAVY_TESTS"] == "1", "heavy: set CUES_HEAVY_TESTS=1 to run it")
    }
}
