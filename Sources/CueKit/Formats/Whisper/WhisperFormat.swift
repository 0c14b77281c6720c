/// Speech-recognition JSON of the Whisper family, read by one reader that
/// tells the variants apart by their keys: OpenAI Whisper (and
/// whisper-timestamped), whisper.cpp and WhisperX. Read only: cues writes
/// what a person publishes, not recogniser output.
public enum WhisperFormat {
    public static let format = Format(
        id: .whisper,
        name: "Whisper speech-recognition JSON",
        kind: .transcript,
        extensions: ["whisper.json"],
        mediaTypes: ["application/json"],
        reader: WhisperReader(),
        writer: nil,
        sniff: { head in looksLikeWhisper(head) },
        extrasLoss: { extras, target in WhisperExtras.lossWarning(extras, target: target) },
        speechRecognition: true
    )

    /// Whether `head` starts a Whisper-family document: a whisper.cpp
    /// `transcription` array; a `segments` array (or a bare array) whose
    /// first object has a recogniser's keys (`start`, `end`, `text`, `seek`,
    /// not a JSON transcript's `startTime` or `body`); or an OpenAI result
    /// whose leading `text` is longer than the bytes looked at.
    static func looksLikeWhisper(_ head: ArraySlice<UInt8>) -> Bool {
        var index = head.startIndex
        skipWhitespace(head, &index)
        guard index < head.endIndex else { return false }
        if head[index] == UInt8(ascii: "[") {
            index += 1
            skipWhitespace(head, &index)
            return index < head.endIndex && head[index] == UInt8(ascii: "{") && isSegment(head[index...])
        }
        let keys = JSONTopLevelKeys(head)
        if keys.contains(TimelineDocument.markerKey) || keys.contains("version") || keys.contains("chapters") { return false }
        if keys.valueStart(of: "transcription") == UInt8(ascii: "[") { return true }
        if keys.valueStart(of: "segments") == UInt8(ascii: "[") {
            if let first = firstSegment(head) { return isSegment(head[first...]) }
            // No segment to look at (an empty array): the recognisers' other keys.
            return keys.contains("text") || keys.contains("language") || keys.contains("word_segments")
        }
        // An OpenAI result opens with the whole transcript as "text".
        return !keys.isComplete && keys.keys.count == 1 && keys.keys[0].key == "text" && keys.keys[0].valueStart == UInt8(ascii: "\"")
    }

    /// Whether the object at the start of `bytes` has a recognised segment's keys.
    private static func isSegment(_ bytes: ArraySlice<UInt8>) -> Bool {
        let keys = JSONTopLevelKeys(bytes)
        if keys.contains("startTime") || keys.contains("body") { return false }
        return keys.contains("start") || keys.contains("end") || keys.contains("seek") || keys.contains("text")
    }

    /// Where the first object of the top-level `"segments": [` array starts.
    private static func firstSegment(_ head: ArraySlice<UInt8>) -> Int? {
        let key = Array("\"segments\"".utf8)
        var index = head.startIndex
        while index + key.count <= head.endIndex {
            if head[index] == key[0], head[index..<(index + key.count)].elementsEqual(key) {
                var position = index + key.count
                skipWhitespace(head, &position)
                guard position < head.endIndex, head[position] == UInt8(ascii: ":") else { return nil }
                position += 1
                skipWhitespace(head, &position)
                guard position < head.endIndex, head[position] == UInt8(ascii: "[") else { return nil }
                position += 1
                skipWhitespace(head, &position)
                return position < head.endIndex && head[position] == UInt8(ascii: "{") ? position : nil
            }
            index += 1
        }
        return nil
    }

    private static func skipWhitespace(_ bytes: ArraySlice<UInt8>, _ index: inout Int) {
        while index < bytes.endIndex, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
    }
}
