import Foundation
@testable import CueKit

/// A person-readable text of an ID3v2 tag, for golden files: the header,
/// then each top-level frame's id, size and flags and its data as a hex
/// dump with the ASCII beside it (sixteen bytes a line, offsets from the
/// start of the file). It walks the tag itself, with none of the reader's
/// code: a frame's size is taken as the header's version says (sync-safe
/// in v2.4, plain in v2.3), which is all a writer that follows the
/// specification needs.
enum ID3Dump {
    static func text(_ bytes: [UInt8]) -> String {
        guard bytes.count >= 10, bytes.starts(with: Array("ID3".utf8)) else { return "not an ID3v2 tag\n" + hex(bytes[...], from: 0) }
        let version = bytes[3]
        let size = bytes[6..<10].reduce(0) { $0 << 7 | Int($1) }
        var out = "ID3v2.\(version).\(bytes[4]) flags \(byte(bytes[5])) size \(size) (tag of \(10 + size) bytes)\n"
        var position = 10
        let end = min(bytes.count, 10 + size)
        while position + 10 <= end, bytes[position] != 0 {
            let id = String(decoding: bytes[position..<(position + 4)], as: UTF8.self)
            let sizeBytes = bytes[(position + 4)..<(position + 8)]
            let length = version == 4 ? sizeBytes.reduce(0) { $0 << 7 | Int($1) } : sizeBytes.reduce(0) { $0 << 8 | Int($1) }
            out += "\n\(id) at \(position): size \(length), flags \(byte(bytes[position + 8])) \(byte(bytes[position + 9]))\n"
            let data = (position + 10)..<min(end, position + 10 + length)
            out += hex(bytes[data], from: data.lowerBound)
            position = data.upperBound
        }
        if position < end { out += "\npadding: \(end - position) bytes\n" }
        if bytes.count > end { out += "\nafter the tag: \(bytes.count - end) bytes\n" }
        return out
    }

    /// `bytes` sixteen a line: offset, hex, printable ASCII.
    static func hex(_ bytes: ArraySlice<UInt8>, from offset: Int) -> String {
        var out = ""
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let line = bytes[index..<min(index + 16, bytes.endIndex)]
            let hex = line.map(byte).joined(separator: " ")
            let ascii = String(line.map { (0x20..<0x7F).contains($0) ? Character(Unicode.Scalar($0)) : "." })
            out += String(format: "  %06d  ", offset + index - bytes.startIndex) + hex.padding(toLength: 48, withPad: " ", startingAt: 0) + " " + ascii + "\n"
            index += 16
        }
        return out
    }

    private static func byte(_ value: UInt8) -> String {
        String(format: "%02X", value)
    }
}

extension Convert {
    /// `timeline` written as `format` as bytes (for a binary format), with
    /// `media` for the id3 writer.
    static func writeBytes(_ timeline: Timeline, as format: FormatID, media: ID3Media? = nil) throws -> ([UInt8], [Diagnostic]) {
        var converter = converter
        converter.writeOptions.id3Media = media
        var diagnostics = Diagnostics()
        let prepared = try converter.prepared(timeline, for: format, sourceFormat: nil, diagnostics: &diagnostics)
        let bytes = try converter.write(prepared, as: format, diagnostics: &diagnostics)
        return (bytes, diagnostics.items)
    }

    /// The media an MP3 file's bytes give the writer, cut as the `cues`
    /// tool cuts them: the tag, the first bytes of audio, the audio's length.
    static func media(_ file: [UInt8], name: String = "media.mp3") -> ID3Media {
        let tagLength = min(file.count, ID3TagHeader.tagLength(atStartOf: file.prefix(10)))
        let audio = file[tagLength...]
        return ID3Media(name: name, tag: Array(file[..<tagLength]), audioHead: Array(audio.prefix(ID3Media.audioHeadLength)), audioLength: audio.count)
    }

    /// The file the `cues` tool writes: the new tag, then the media's audio.
    static func mp3(_ timeline: Timeline, into file: [UInt8]) throws -> ([UInt8], [Diagnostic]) {
        let media = media(file)
        let (tag, diagnostics) = try writeBytes(timeline, as: .id3, media: media)
        return (tag + file[media.tag.count...], diagnostics)
    }
}
