import Foundation
import Testing
@testable import CueKit

/// `CueWriter` writes, cue by cue and in chunks, the bytes the format's
/// writer gives for the whole timeline, with the same warnings.
@Suite("Cue writer")
struct CueWriterTests {
    final class Collector: OutputSink {
        var bytes: [UInt8] = []
        var chunks = 0
        var failAfter: Int?

        func write(_ chunk: UnsafeBufferPointer<UInt8>) throws(Diagnostic) {
            if let failAfter, bytes.count + chunk.count > failAfter { throw .error("test.disk-full", "no space left") }
            bytes.append(contentsOf: chunk)
            chunks += 1
        }
    }

    /// `timeline` written through a `CueWriter` whose chunks are taken as
    /// soon as they are full, with the chunks' sizes.
    static func incremental(
        _ timeline: Timeline, as format: FormatID, options: WriteOptions = WriteOptions(), chunkSize: Int
    ) throws -> (bytes: [UInt8], chunks: [Int], diagnostics: [String]) {
        let writer = try CueWriter(format, options: options, chunkSize: chunkSize)
        var header = timeline
        header.cues = []
        var bytes: [UInt8] = [], chunks: [Int] = []
        writer.begin(header)
        for cue in timeline.cues {
            writer.append(cue)
            if writer.hasFullChunk {
                let chunk = writer.takeBytes()
                chunks.append(chunk.count)
                bytes += chunk
            }
        }
        var diagnostics = Diagnostics()
        try writer.finish(header, diagnostics: &diagnostics)
        #expect(writer.bufferedByteCount > 0 || bytes.count > 0)
        bytes += writer.takeBytes()
        #expect(writer.bufferedByteCount == 0)
        return (bytes, chunks, diagnostics.items.map(\.description))
    }

    /// The whole writer's bytes and warnings for `timeline`.
    static func whole(_ timeline: Timeline, as format: FormatID, options: WriteOptions = WriteOptions()) throws -> (bytes: [UInt8], diagnostics: [String]) {
        var diagnostics = Diagnostics()
        let writer = try #require(FormatRegistry.standard[format]?.writer)
        let bytes = try writer.write(timeline, options: options, diagnostics: &diagnostics)
        return (bytes, diagnostics.items.map { diagnostic in
            var diagnostic = diagnostic
            if diagnostic.format == nil { diagnostic.format = format }
            return diagnostic.description
        })
    }

    static let samples = ["srt/markup.srt", "srt/speakers.srt", "srt/repairs.srt", "vtt/blocks.vtt", "vtt/voices.vtt",
                          "vtt/ruby.vtt", "vtt/karaoke.vtt", "ass/styled.ass", "ass/legacy.ssa"]

    @Test(arguments: samples, [FormatID.srt, .vtt, .ass])
    func incrementalBytesAreTheWholeWritersBytes(path: String, format: FormatID) throws {
        let (timeline, _) = try Convert.read(TestFiles.sample(path))
        #expect(!timeline.cues.isEmpty)
        let whole = try Self.whole(timeline, as: format)
        // A chunk of 16 bytes: chunks taken in the middle of the file,
        // each holding a cue or more.
        let written = try Self.incremental(timeline, as: format, chunkSize: 16)
        #expect(written.bytes == whole.bytes, "\(path) as \(format)")
        #expect(written.diagnostics == whole.diagnostics, "\(path) as \(format)")
        #expect(written.chunks.count > 1)
        #expect(written.chunks.allSatisfy { $0 >= 16 })
    }

    @Test(arguments: [FormatID.srt, .vtt, .ass])
    func lineEndsAndByteOrderMarkAreTheWholeWritersToo(format: FormatID) throws {
        let (timeline, _) = try Convert.read(TestFiles.sample("vtt/voices.vtt"))
        let options = WriteOptions(crlf: true, byteOrderMark: true)
        let written = try Self.incremental(timeline, as: format, options: options, chunkSize: 1)
        #expect(written.bytes == (try Self.whole(timeline, as: format, options: options).bytes))
        #expect(written.bytes.starts(with: [0xEF, 0xBB, 0xBF]))
    }

    @Test func aFormatWithoutACueByCueWriterWritesWholeAtTheEnd() throws {
        let (timeline, _) = try Convert.read(TestFiles.sample("srt/markup.srt"))
        let writer = try CueWriter(.ttml, options: WriteOptions(byteOrderMark: true))
        #expect(!writer.isIncremental)
        writer.begin(Timeline())
        for cue in timeline.cues { writer.append(cue) }
        #expect(writer.bufferedByteCount == 0, "kept until the end")
        var diagnostics = Diagnostics()
        try writer.finish(Timeline(), diagnostics: &diagnostics)
        let whole = try Self.whole(timeline, as: .ttml, options: WriteOptions(byteOrderMark: true))
        #expect(writer.takeBytes() == whole.bytes, "one byte order mark, the writer's")
        #expect(diagnostics.items.map(\.description) == whole.diagnostics)
    }

    @Test func aWriterNotBegunBeginsWithTheTrailerWhenNoCueCame() throws {
        var header = Timeline()
        header.extras[.vtt] = Fields([Field("signature", .string(" Empty"))])
        let writer = try CueWriter(.vtt)
        var diagnostics = Diagnostics()
        try writer.finish(header, diagnostics: &diagnostics)
        #expect(String(decoding: writer.takeBytes(), as: UTF8.self) == String(decoding: try Self.whole(header, as: .vtt).bytes, as: UTF8.self))
    }

    @Test func untimedCuesAreLeftOutWithOneWarning() throws {
        let writer = try CueWriter(.srt)
        writer.append(Cue(start: Timestamp(milliseconds: 0), end: Timestamp(milliseconds: 1000), text: Span.plain("timed")))
        writer.append(Cue(text: Span.plain("no time")))
        writer.append(Cue(start: Timestamp(milliseconds: 2000), text: Span.plain("no end")))
        var diagnostics = Diagnostics()
        try writer.finish(Timeline(), diagnostics: &diagnostics)
        #expect(String(decoding: writer.takeBytes(), as: UTF8.self) == "1\n00:00:00,000 --> 00:00:01,000\ntimed\n")
        #expect(diagnostics.items.map(\.code) == ["srt.untimed"])
        #expect(diagnostics.items.first?.message.hasPrefix("2 cue(s)") == true)
    }

    @Test func flushHandsTheBytesToASinkAndASinkFailureIsThrown() throws {
        let (timeline, _) = try Convert.read(TestFiles.sample("vtt/blocks.vtt"))
        let sink = Collector()
        let writer = try CueWriter(.vtt, chunkSize: 16)
        writer.begin(Timeline(extras: timeline.extras))
        for cue in timeline.cues {
            writer.append(cue)
            if writer.hasFullChunk { try writer.flush(to: sink) }
        }
        var diagnostics = Diagnostics()
        try writer.finish(Timeline(extras: timeline.extras), diagnostics: &diagnostics)
        try writer.flush(to: sink)
        #expect(sink.bytes == (try Self.whole(timeline, as: .vtt).bytes))
        #expect(sink.chunks > 1)

        let full = Collector()
        full.failAfter = 10
        let failing = try CueWriter(.srt, chunkSize: 1)
        failing.append(Cue(start: .zero, end: Timestamp(milliseconds: 500), text: Span.plain("too much for the sink")))
        #expect(throws: Diagnostic.error("test.disk-full", "no space left")) { try failing.flush(to: full) }
        #expect(failing.bufferedByteCount == 0, "what the sink refused is dropped")
    }

    @Test func formatsItCannotWriteAreErrors() throws {
        #expect(throws: Diagnostic.self) { try CueWriter(FormatID("no-such-format")) }
        #expect { try CueWriter(.rss) } throws: { ($0 as? Diagnostic)?.code == "stream.many-timelines" }
        #expect { try CueWriter(.whisper) } throws: { ($0 as? Diagnostic)?.code == "format.unknown-output" }
    }

    /// From async code: the cues of a stream into a writer, chunk by
    /// chunk, give what converting the whole file gives.
    @Test(arguments: ["srt/markup.srt", "vtt/blocks.vtt"])
    func aStreamIntoAWriterGivesTheConvertersBytes(path: String) async throws {
        let bytes = try TestFiles.bytes(TestFiles.sample(path))
        let stream = try await Converter().cues(of: bytes, name: path)
        let writer = try CueWriter(.vtt, chunkSize: 128)
        writer.begin(stream.header)
        var written: [UInt8] = []
        for try await cue in stream {
            writer.append(cue)
            if writer.hasFullChunk { written += writer.takeBytes() }
        }
        var diagnostics = Diagnostics()
        try writer.finish(try #require(stream.trailer), diagnostics: &diagnostics)
        written += writer.takeBytes()
        var converted = Diagnostics()
        #expect(written == (try Converter().convert(bytes, name: path, to: .vtt, diagnostics: &converted)))
    }
}
