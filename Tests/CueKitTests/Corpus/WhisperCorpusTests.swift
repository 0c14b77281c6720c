import Foundation
import Testing
@testable import CueKit

/// Real speech-recognition JSON (corpus `asr-json/`, see its MANIFEST.md
/// files): every file reads; segment and word counts and times match the
/// file to the millisecond, checked against Foundation's own JSON reading
/// (seconds rounded to milliseconds there, independently of the reader);
/// the SRT and WebVTT files the recogniser wrote beside its JSON give the
/// same cues; word times survive WebVTT; captions cut at word times keep
/// every word in order and within their words' times.
@Suite(.enabled(if: TestFiles.hasCorpus))
struct WhisperCorpusTests {
    static var files: [URL] {
        TestFiles.corpusFiles("asr-json/pysubs2", extensions: ["json"])
            + TestFiles.corpusFiles("asr-json/whisper-timestamped", extensions: ["json"])
            + TestFiles.corpusFiles("asr-json/whisperx", extensions: ["json"])
    }

    static var wordFiles: [URL] { files.filter { !$0.path.contains("/pysubs2/") } }

    @Test func allFilesAreThere() {
        #expect(Self.files.count == 13)
    }

    /// A word as the file gives it: its text and times in milliseconds.
    struct FileWord: Equatable {
        var text: String
        var start: Int64?
        var end: Int64?
    }

    struct FileSegment {
        var start: Int64
        var end: Int64
        var text: String
        var words: [FileWord]
    }

    /// The segments of a file, read with Foundation.
    static func segments(_ url: URL) throws -> [FileSegment] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        let list = (object as? [String: Any])?["segments"] as? [[String: Any]] ?? object as? [[String: Any]] ?? []
        func milliseconds(_ value: Any?) -> Int64? {
            (value as? NSNumber).map { Int64(($0.doubleValue * 1000).rounded()) }
        }
        return list.map { segment in
            let words = (segment["words"] as? [[String: Any]] ?? []).map { word in
                FileWord(
                    text: ((word["word"] ?? word["text"]) as? String ?? "").trimmingCharacters(in: .whitespaces),
                    start: milliseconds(word["start"]), end: milliseconds(word["end"]))
            }
            return FileSegment(
                start: milliseconds(segment["start"])!, end: milliseconds(segment["end"])!,
                text: (segment["text"] as? String ?? "").trimmingCharacters(in: .whitespaces), words: words)
        }
    }

    /// The words of a cue grouped as a recogniser gives them: each timed
    /// word with the untimed words after it (whisper-timestamped's `vole ?`
    /// is one word), with its resolved end (its own, else the next timed
    /// word's start, else the cue's end).
    static func groupedWords(_ cue: Cue) -> [FileWord] {
        var groups: [FileWord] = []
        for word in WordTimes.words(cue.text, cueStart: cue.start) {
            if let start = word.start ?? (groups.isEmpty ? cue.start : nil) {
                groups.append(FileWord(text: word.text, start: start.milliseconds, end: word.end?.milliseconds))
            } else {
                groups[groups.count - 1].text += " " + word.text
            }
        }
        for index in groups.indices where groups[index].end == nil {
            groups[index].end = index + 1 < groups.count ? groups[index + 1].start : cue.end?.milliseconds
        }
        return groups
    }

    @Test(arguments: files)
    func segmentsAndWordsMatchTheFile(_ url: URL) throws {
        let name = url.lastPathComponent
        let (timeline, diagnostics) = try Convert.read(url)
        #expect(!diagnostics.contains { $0.severity == .error })
        let expected = try Self.segments(url)
        #expect(timeline.cues.count == expected.count, "\(name)")
        for (cue, segment) in zip(timeline.cues, expected) {
            #expect(cue.start?.milliseconds == segment.start, "\(name)")
            #expect(cue.end?.milliseconds == segment.end, "\(name)")
            if segment.words.isEmpty {
                #expect(cue.plainText == segment.text, "\(name)")
                continue
            }
            // Every word, in order, each with the file's times where it has them.
            let words = WordTimes.words(cue.text, cueStart: cue.start)
            let fileWords = segment.words.flatMap { $0.text.split(separator: " ").map(String.init) }
            #expect(words.map(\.text).joined(separator: " ").contains(fileWords.joined(separator: " ")) || words.count == fileWords.count,
                    "\(name): \(words.map(\.text)) vs \(fileWords)")
            if segment.words.allSatisfy({ $0.start != nil }) {
                let grouped = Self.groupedWords(cue)
                #expect(grouped.map(\.start) == segment.words.map(\.start), "\(name) at \(segment.start) ms")
                #expect(grouped.map(\.end) == segment.words.map(\.end), "\(name) at \(segment.start) ms")
            } else {
                // WhisperX: the timed words keep their times, the others are untimed (never invented).
                let timed = segment.words.filter { $0.start != nil }
                let starts = words.compactMap { $0.start?.milliseconds }
                #expect(starts == timed.map { $0.start! }, "\(name) at \(segment.start) ms")
                #expect(words.count == segment.words.count)
            }
        }
    }

    @Test func openAIResultFromPysubs2() throws {
        let url = try #require(Self.files.first { $0.lastPathComponent == "whisper_transcribe_result.json" })
        let (timeline, _) = try Convert.read(url)
        #expect(timeline.cues.map(\.plainText) == [
            "And so my fellow Americans ask not what your country can do for you,", "ask what you can do for your country.",
        ])
        #expect(timeline.cues.map(\.start) == [Timestamp(milliseconds: 0), Timestamp(milliseconds: 7600)])
        #expect(timeline.cues.map(\.end) == [Timestamp(milliseconds: 7600), Timestamp(milliseconds: 36600)])
        #expect(timeline.metadata["language"] == .string("en"))
        // The bare segments array (upstream feeds TRANSCRIBE_RESULT["segments"] too).
        let text = try String(contentsOf: url, encoding: .utf8)
        let open = try #require(text.range(of: "\"segments\": ")?.upperBound)
        let close = try #require(text.range(of: "],\n  \"language\"")?.lowerBound)
        let bare = String(text[open...close])
        let (fromArray, _) = try Convert.read(bare, name: "segments.json")
        #expect(fromArray.cues == timeline.cues.map { cue in var cue = cue; cue.location = nil; return cue })
        // whisper-jax console text is not JSON: refused with a located error.
        let jax = try #require(TestFiles.corpusFiles("asr-json/pysubs2", extensions: ["txt"]).first)
        let error = Convert.readError(try String(contentsOf: jax, encoding: .utf8), name: "whisper_jax_input.txt", as: .whisper)
        #expect(error?.location?.line != nil)
    }

    @Test func lintFindsTheHallucinations() throws {
        func codes(_ name: String) throws -> [String] {
            let url = try #require(Self.files.first { $0.lastPathComponent == name })
            return try Convert.read(url).1.map(\.code)
        }
        #expect(try codes("corner_cases__issue24_empty.wav.words.json").contains("whisper.repeated-text"))
        #expect(try codes("corner_cases__stucked_lm_apollo11.mp3.words.json").contains("whisper.repeated-phrase"))
        #expect(try codes("medium_fr__empty.mp3.words.json").contains("whisper.empty-segment"))
        #expect(try codes("test.json").contains("whisper.untimed-word"))
        let url = try #require(Self.files.first { $0.lastPathComponent == "corner_cases__issue24_empty.wav.words.json" })
        #expect(try Convert.read(url).0.cues.count == 29)
    }

    /// whisper-timestamped wrote `X.srt`/`X.vtt` (one cue per segment) and
    /// `X.words.srt`/`X.words.vtt` (one per word) from the same run.
    @Test(arguments: ["punctuations_yes__punctuations.mp3", "punctuations_yes__bonjour.wav"])
    func givesTheCuesTheRecogniserWrote(_ stem: String) throws {
        let folder = "asr-json/whisper-timestamped"
        let all = TestFiles.corpusFiles(folder, extensions: ["json", "srt", "vtt"])
        func file(_ suffix: String) -> URL? { all.first { $0.lastPathComponent == stem + suffix } }
        let json = try #require(file(".words.json"))
        let (timeline, _) = try Convert.read(json)
        for suffix in [".srt", ".vtt"] {
            guard let url = file(suffix) else { continue }
            let (theirs, _) = try Convert.read(url)
            let (ours, _) = try Convert.write(timeline, as: .srt, sourceFormat: .whisper, segmentation: .never)
            let oracle = CaptionOracle.cues(ours)
            #expect(oracle.map(\.start) == theirs.cues.map { $0.start!.milliseconds }, "\(stem)\(suffix)")
            #expect(oracle.map(\.end) == theirs.cues.map { $0.end!.milliseconds }, "\(stem)\(suffix)")
            #expect(oracle.map(\.text) == theirs.cues.map(\.plainText), "\(stem)\(suffix)")
        }
        for suffix in [".words.srt", ".words.vtt"] {
            guard let url = file(suffix) else { continue }
            let (theirs, _) = try Convert.read(url)
            let words = timeline.cues.flatMap(Self.groupedWords)
            #expect(words.map(\.text) == theirs.cues.map(\.plainText), "\(stem)\(suffix)")
            #expect(words.map(\.start) == theirs.cues.map { $0.start?.milliseconds }, "\(stem)\(suffix)")
            #expect(words.map(\.end) == theirs.cues.map { $0.end?.milliseconds }, "\(stem)\(suffix)")
        }
    }

    @Test(arguments: wordFiles)
    func wordTimesSurviveWebVTT(_ url: URL) throws {
        let (timeline, _) = try Convert.read(url)
        let (vtt, _) = try Convert.write(timeline, as: .vtt, sourceFormat: .whisper)
        let (back, diagnostics) = try W3CReading.read(vtt, name: "back.vtt", as: .vtt)
        #expect(!diagnostics.contains { $0.code.hasPrefix("vtt.") && $0.severity >= .warning }, "\(diagnostics)")
        #expect(WhisperTests.sameWordTimes(WhisperTests.timedWords(timeline), WhisperTests.timedWords(back)), "\(url.lastPathComponent)")
    }

    /// WhisperX (and whisper-timestamped) → SRT, cut at word times: the
    /// words in order, no caption before its first word or after its last
    /// plus the lead-out, and the limits met for at least 99% of captions
    /// (a caption whose words are spoken faster than 20 characters a second
    /// may read as fast as they are spoken: nothing re-times them).
    @Test func captionsCutAtWordTimesKeepWordsAndLimits() throws {
        let style = CaptionStyle.youtube
        var captions = 0, within = 0
        for url in Self.wordFiles {
            let name = url.lastPathComponent
            let (timeline, _) = try Convert.read(url)
            let (srt, _) = try Convert.write(timeline, as: .srt, sourceFormat: .whisper)
            let cues = CaptionOracle.cues(srt)
            // Words of the file, in order, with their times.
            let fileWords = try Self.segments(url).flatMap { segment in
                segment.words.flatMap { word in
                    word.text.split(separator: " ").enumerated().map { index, part in
                        FileWord(text: String(part), start: index == 0 ? word.start : nil, end: word.end)
                    }
                }
            }
            // Letters and digits compared: a caption's text is the segment's,
            // whose punctuation an aligner may leave out of its words.
            func bare(_ word: String) -> String { String(word.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }) }
            let captionWords = cues.flatMap { CaptionOracle.words($0.text) }
            #expect(captionWords.map(bare).filter { !$0.isEmpty } == fileWords.map { bare($0.text) }.filter { !$0.isEmpty },
                    "\(name): a word lost or reordered")
            var position = 0
            for cue in cues {
                let count = CaptionOracle.words(cue.text).count
                guard count > 0, position + count <= fileWords.count else { continue }
                let first = fileWords[position], last = fileWords[position + count - 1]
                if let start = first.start { #expect(cue.start >= start, "\(name): caption at \(cue.start) before its first word at \(start)") }
                if let end = last.end { #expect(cue.end <= end + style.wordLeadOut, "\(name): caption ends \(cue.end) after \(end)") }
                let lines = cue.text.split(separator: "\n")
                let characters = lines.reduce(0) { $0 + $1.count } + lines.count - 1
                let shown = Double(cue.end - cue.start) / 1000
                let spokenFrom = fileWords[position..<(position + count)].compactMap(\.start).min() ?? cue.start
                let spokenTo = fileWords[position..<(position + count)].compactMap(\.end).max() ?? cue.end
                let spokenSpeed = Double(characters) / max(Double(spokenTo - spokenFrom) / 1000, 0.001)
                let ok = lines.count <= style.maxLines && lines.allSatisfy { $0.count <= style.maxCharactersPerLine }
                    && cue.end - cue.start <= style.maxDuration
                    && Double(characters) / shown <= max(style.maxCharactersPerSecond, spokenSpeed * 1.01 + 0.5)
                captions += 1
                if ok { within += 1 }
                position += count
            }
        }
        print("whisper corpus → SRT at word times: \(within) of \(captions) captions within the limits")
        #expect(captions > 100)
        #expect(Double(within) >= Double(captions) * 0.99, "\(within) of \(captions) captions within the limits")
    }

    /// → Podcasting 2.0 JSON transcript: one segment per timed word, in the
    /// specification's shape, read back by the transcript reader without a
    /// word of complaint, each word with the file's times.
    @Test(arguments: wordFiles)
    func podcastTranscriptHasOneSegmentPerWord(_ url: URL) throws {
        let name = url.lastPathComponent
        let (timeline, _) = try Convert.read(url)
        let (json, _) = try Convert.write(timeline, as: .transcript, sourceFormat: .whisper)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["version"] as? String == "1.0.0")
        let segments = try #require(object["segments"] as? [[String: Any]])
        var latest = -1.0
        for segment in segments {
            #expect(Set(segment.keys).isSubset(of: ["speaker", "startTime", "endTime", "body"]), "\(name)")
            let start = try #require(segment["startTime"] as? Double), end = try #require(segment["endTime"] as? Double)
            #expect(start <= end && start >= latest, "\(name): \(segment)")
            latest = start
            #expect(!(segment["body"] as? String ?? "").isEmpty)
        }
        let (back, diagnostics) = try Convert.read(json, name: "back.transcript.json")
        #expect(diagnostics.isEmpty, "\(name): \(diagnostics)")
        // The words the file timed, each its own segment, with its start.
        let timed = try Self.segments(url).flatMap { $0.words.compactMap(\.start) }
        #expect(back.cues.map { $0.start!.milliseconds } == timed, "\(name)")
    }

    @Test func whisperXWordSegmentsRepeatTheSegmentsWords() throws {
        for url in Self.files where url.path.contains("/whisperx/") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            let flat = (object["segments"] as? [[String: Any]] ?? []).flatMap { $0["words"] as? [[String: Any]] ?? [] }
            let listed = object["word_segments"] as? [[String: Any]] ?? []
            #expect(flat.map { $0["word"] as? String } == listed.map { $0["word"] as? String }, "\(url.lastPathComponent)")
        }
    }
}
