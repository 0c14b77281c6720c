import Foundation
import Testing
@testable import CueKit

/// `Converter.cues(of:)`: the async sequence gives the cues reading the
/// whole input gives, stops when its task is cancelled, and throws the
/// reader's located errors.
@Suite("Cue stream")
struct CueStreamTests {
    /// Every cue of `bytes` through the stream, with the stream.
    static func streamed(_ bytes: [UInt8], name: String, converter: Converter = Converter()) async throws -> (cues: [Cue], stream: CueStream) {
        let stream = try await converter.cues(of: bytes, name: name)
        var cues: [Cue] = []
        for try await cue in stream { cues.append(cue) }
        return (cues, stream)
    }

    /// The SRT and WebVTT samples, as `StreamingConversionTests` lists them.
    static let samples = StreamingConversionTests.samples

    @Test(arguments: samples)
    func samplesGiveTheCuesOfTheWholeRead(path: String) async throws {
        let bytes = try TestFiles.bytes(TestFiles.sample(path))
        var wholeDiagnostics = Diagnostics()
        let whole: Converter.Input
        do {
            whole = try Converter().read(bytes, name: path, diagnostics: &wholeDiagnostics)
        } catch {
            // Broken on purpose: the stream throws the same error.
            await #expect(throws: error) { _ = try await Self.streamed(bytes, name: path) }
            return
        }
        let (cues, stream) = try await Self.streamed(bytes, name: path)
        #expect(cues == whole.timeline.cues, "\(path)")
        #expect(cues.map(\.location) == whole.timeline.cues.map(\.location), "\(path)")
        #expect(cues.allSatisfy { $0.location?.file == path })
        #expect(stream.format.id == whole.format.id)
        var rebuilt = try #require(stream.trailer)
        rebuilt.cues = cues
        #expect(rebuilt == whole.timeline, "\(path)")
        #expect(stream.diagnostics.items.map(\.description) == wholeDiagnostics.items.map(\.description), "\(path)")
    }

    @Test func theHeaderHoldsWhatComesBeforeTheCues() async throws {
        let vtt = "WEBVTT Talk\n\nSTYLE\n::cue { color: yellow }\n\n00:00:01.000 --> 00:00:02.000\nOne\n\nNOTE after the cues\n"
        let stream = try await Converter().cues(of: Array(vtt.utf8), name: "talk.vtt")
        #expect(stream.header.cues.isEmpty)
        #expect(stream.header.extras[.vtt] != nil)
        var count = 0
        for try await _ in stream { count += 1 }
        #expect(count == 1)
        #expect(stream.trailer != nil)
    }

    /// A generated SRT file of `count` cues: plain lines, two-line cues,
    /// `<i>` as both writers write it, markup to parse, a speaker label.
    static func generatedSRT(_ count: Int) -> [UInt8] {
        var text = ""
        text.reserveCapacity(count * 70)
        for index in 0..<count {
            let start = index * 1500
            text += "\(index + 1)\n\(srtTime(start)) --> \(srtTime(start + 1200))\n"
            switch index % 5 {
            case 0: text += "Line \(index) of plain text\n"
            case 1: text += "Two lines,\nthe second \(index)\n"
            case 2: text += "<i>Leaning \(index)</i>\n"
            case 3: text += "{\\an8}<font color=\"#ff0000\">Red \(index)</font>\n"
            default: text += "- Dash \(index) & more\n"
            }
            text += "\n"
        }
        return Array(text.utf8)
    }

    static func srtTime(_ ms: Int) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = ms % 1000
        let padded = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(two(ms / 3_600_000)):\(two(ms / 60_000 % 60)):\(two(ms / 1000 % 60)),\(padded)"
    }

    @Test func aLargeGeneratedInputGivesTheCuesOfTheWholeRead() async throws {
        let bytes = Self.generatedSRT(50_000)
        var diagnostics = Diagnostics()
        let whole = try Converter().read(bytes, name: "large.srt", diagnostics: &diagnostics)
        let (cues, stream) = try await Self.streamed(bytes, name: "large.srt")
        #expect(cues.count == 50_000)
        #expect(cues == whole.timeline.cues)
        #expect(cues.last?.plainText == "- Dash 49999 & more")
        #expect(stream.diagnostics.items.isEmpty)
        // The reader never ran further ahead than the queue allows.
        #expect(stream.queue.mostPendingBatches <= CueQueue.pendingLimit)
    }

    @Test func aFormatReadWholeGivesItsCuesToo() async throws {
        let path = "ass/styled.ass"
        let bytes = try TestFiles.bytes(TestFiles.sample(path))
        var diagnostics = Diagnostics()
        let whole = try Converter().read(bytes, name: path, diagnostics: &diagnostics)
        let (cues, stream) = try await Self.streamed(bytes, name: path)
        #expect(!cues.isEmpty)
        #expect(cues == whole.timeline.cues)
        #expect(stream.format.id == .ass)
        var rebuilt = try #require(stream.trailer)
        rebuilt.cues = cues
        #expect(rebuilt == whole.timeline)
    }

    // MARK: Errors

    @Test func anErrorAfterSomeCuesIsThrownLocatedAfterThem() async throws {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\none\n\n2\n00:00:03,000 --> 00:00:04,000\ntwo\n\n3\n00:00:05,000 --> 00:0X:06,000\nthree\n"
        let stream = try await Converter().cues(of: Array(srt.utf8), name: "broken.srt")
        var read: [String] = []
        var thrown: Diagnostic?
        do {
            for try await cue in stream { read.append(cue.plainText) }
        } catch {
            thrown = error
        }
        // The cue before the bad timing line is still open when it is met
        // (the line could have been its text): the cues before it came.
        #expect(read == ["one"])
        let error = try #require(thrown)
        #expect(error.location?.file == "broken.srt" && error.location?.line == 10)
        #expect(error.format == .srt)
        #expect(error.severity == .error)
        #expect(stream.diagnostics.items.last == error)
        #expect(stream.trailer == nil)
        var whole = Diagnostics()
        #expect(throws: error) { try Converter().read(Array(srt.utf8), name: "broken.srt", diagnostics: &whole) }
    }

    @Test func anInputWithoutItsSignatureFailsBeforeTheStream() async throws {
        await #expect {
            _ = try await Converter().cues(of: Array("00:00:01.000 --> 00:00:02.000\nno signature\n".utf8), name: "bare.vtt", format: .vtt)
        } throws: { error in
            let diagnostic = error as? Diagnostic
            return diagnostic?.location?.file == "bare.vtt" && diagnostic?.location?.line == 1 && diagnostic?.format == .vtt
        }
    }

    @Test func strictReadingThrowsTheFirstRepair() async throws {
        var converter = Converter()
        converter.readOptions.strict = true
        let srt = "1\n00:00:01,000 --> 00:00:02,000\none\n\n2\n00:00:03,000 --> 00:00:04,000\ntwo\n3\n00:00:05,000 --> 00:00:06,000\nthree\n"
        let stream = try await converter.cues(of: Array(srt.utf8), name: "tight.srt")
        var read: [String] = []
        await #expect {
            for try await cue in stream { read.append(cue.plainText) }
        } throws: { error in
            (error as? Diagnostic)?.code == "srt.missing-blank-line" && (error as? Diagnostic)?.location?.line == 9
        }
        #expect(read == ["one"])
    }

    // MARK: Cancellation

    @Test func cancellingTheTaskStopsTheReading() async throws {
        let bytes = Self.generatedSRT(200_000)
        let stream = try await Converter().cues(of: bytes, name: "long.srt")
        let (taken, afterCancel) = await Task {
            var taken = 0
            var iterator = stream.makeAsyncIterator()
            while let _ = try? await iterator.next() {
                taken += 1
                if taken == 10_000 { withUnsafeCurrentTask { $0?.cancel() } }
                if taken > 10_000 { break }
            }
            // Cancelled: nil, and nil again.
            let again = try? await iterator.next()
            return (taken, again)
        }.value
        #expect(taken == 10_000)
        #expect(afterCancel == nil)
        // The reader, blocked a few batches ahead, is told to stop and ends.
        let outcome = await Self.outcome(of: stream)
        guard case (.failure(let error), _)? = outcome else {
            Issue.record("the reader did not stop: \(String(describing: outcome))")
            return
        }
        #expect(error.code == "stream.cancelled")
        #expect(stream.trailer == nil)
    }

    @Test func droppingTheStreamStopsTheReading() async throws {
        let bytes = Self.generatedSRT(200_000)
        var stream: CueStream? = try await Converter().cues(of: bytes, name: "long.srt")
        let queue = try #require(stream?.queue)
        var taken = 0
        for try await _ in stream! {
            taken += 1
            if taken == 5 { break }
        }
        stream = nil
        let outcome = await Self.outcome(of: queue)
        guard case (.failure(let error), _)? = outcome else {
            Issue.record("the reader did not stop: \(String(describing: outcome))")
            return
        }
        #expect(error.code == "stream.cancelled")
    }

    @Test func aTaskCancelledBeforeTheFirstCueGetsAnError() async throws {
        let bytes = Self.generatedSRT(1_000)
        let task = Task { () async throws -> CueStream in
            withUnsafeCurrentTask { $0?.cancel() }
            return try await Converter().cues(of: bytes, name: "early.srt")
        }
        await #expect {
            _ = try await task.value
        } throws: { error in
            (error as? Diagnostic)?.code == "stream.cancelled"
        }
    }

    /// How the reading of `stream` ended, waiting for its reader to end
    /// (nil when it did not within ten seconds: it is stuck).
    static func outcome(of stream: CueStream) async -> (Result<Timeline, Diagnostic>, Diagnostics)? {
        await outcome(of: stream.queue)
    }

    static func outcome(of queue: CueQueue) async -> (Result<Timeline, Diagnostic>, Diagnostics)? {
        for _ in 0..<1000 {
            if let outcome = queue.outcome { return outcome }
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        return nil
    }
}

/// The stream read from an actor's code, as an app's main actor would.
@Suite("Cue stream on an actor")
struct CueStreamOnAnActorTests {
    @MainActor
    @Test func theMainActorIteratesTheStream() async throws {
        let stream = try await Converter().cues(of: Array("WEBVTT\n\n00:01.000 --> 00:02.000\nOne\n".utf8), name: "one.vtt")
        var texts: [String] = []
        for try await cue in stream { texts.append(cue.plainText) }
        #expect(texts == ["One"])
    }
}
