import Testing
@testable import CueKit

@Suite("Diagnostics")
struct DiagnosticsTests {
    static func warning(_ code: String, line: Int) -> Diagnostic {
        .warning(code, "problem", at: SourceLocation(file: "f", line: line, column: 1))
    }

    @Test func repeatsOfOneCodeAreCountedAfterTheLimit() {
        var diagnostics = Diagnostics()
        for line in 1...250 { diagnostics.report(Self.warning("a", line: line)) }
        diagnostics.report(Self.warning("b", line: 251))
        let a = diagnostics.items.filter { $0.code == "a" }
        #expect(a.count == Diagnostics.limitPerCode)
        #expect(a.map { $0.location!.line } == Array(1...100))
        #expect(a.last?.omittedRepeats == 150)
        #expect(a.dropLast().allSatisfy { $0.omittedRepeats == 0 })
        #expect(a.last?.description == "f:100:1: warning: problem (150 more like this left out)")
        #expect(diagnostics.items.last?.code == "b")
    }

    @Test func mergingKeepsTheCountsOfWhatWasLeftOut() {
        var first = Diagnostics(), second = Diagnostics()
        for line in 1...150 { first.report(Self.warning("a", line: line)) }
        for line in 151...300 { second.report(Self.warning("a", line: line)) }
        var merged = Diagnostics()
        merged.append(contentsOf: first)
        merged.append(contentsOf: second)
        #expect(merged.items.count == 100)
        #expect(merged.items.reduce(0) { $0 + 1 + $1.omittedRepeats } == 300)
    }

    @Test func errorsAreNeverLeftOut() {
        var diagnostics = Diagnostics()
        for line in 1...150 { diagnostics.report(.error("a", "bad", at: SourceLocation(file: "f", line: line, column: 1))) }
        #expect(diagnostics.items.count == 150)
    }

    @Test func strictRepairsThrowAndLenientOnesAreCapped() {
        var lenient = Diagnostics()
        for line in 1...101 { try? lenient.repair(Self.warning("r", line: line)) }
        #expect(lenient.items.count == 100)
        var strict = Diagnostics(strict: true)
        #expect(throws: Diagnostic.self) { try strict.repair(Self.warning("r", line: 1)) }
    }
}
