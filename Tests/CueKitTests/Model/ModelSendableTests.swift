import Testing
@testable import CueKit

/// The public model is `Sendable` (the package builds in Swift 6 mode, so
/// with complete concurrency checking): a timeline read on one task can be
/// handed to another. These tests fail to compile, not to run, when a type
/// loses the conformance.
@Suite("Sendable model")
struct ModelSendableTests {
    static func sendable<T: Sendable>(_ type: T.Type) -> String { "\(type)" }

    @Test func everyModelTypeIsSendable() {
        let names = [
            Self.sendable(Timeline.self), Self.sendable(Cue.self), Self.sendable(Chapter.self),
            Self.sendable(Timestamp.self), Self.sendable(Span.self), Self.sendable(SpanElement.self),
            Self.sendable(SpanElement.Kind.self), Self.sendable(Field.self), Self.sendable(FieldValue.self),
            Self.sendable(Fields.self), Self.sendable(FormatExtras.self), Self.sendable(ExtrasTally.self),
            Self.sendable(CueKit.SourceLocation.self), Self.sendable(Diagnostic.self), Self.sendable(Diagnostics.self),
            Self.sendable(FormatID.self), Self.sendable(Format.self), Self.sendable(FormatRegistry.self),
            Self.sendable(ReadOptions.self), Self.sendable(WriteOptions.self), Self.sendable(Converter.self),
            Self.sendable(TextEncoding.self),
        ]
        #expect(names.count == Set(names).count)
    }

    @Test func aTimelineReadOnOneTaskIsUsedOnAnother() async throws {
        let (timeline, _) = try Convert.read(TestFiles.sample("episode/showcase.md"))
        let speakers = await Task.detached { timeline.speakers }.value
        #expect(speakers == timeline.speakers)
        let written = try await Task.detached {
            var diagnostics = Diagnostics()
            return try TimelineWriter().write(timeline, options: WriteOptions(), diagnostics: &diagnostics)
        }.value
        #expect(written == Array(try Convert.write(timeline, as: .timeline).0.utf8))
    }
}
