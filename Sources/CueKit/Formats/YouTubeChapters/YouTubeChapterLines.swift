/// The lines of a pasted chapter list, without their line ends: LF, CR LF
/// and a lone CR (old Mac files) each end a line, mixed as they come, so
/// line numbers count them alike. A final line end does not start another
/// line.
enum YouTubeChapterLines {
    static func split(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        bytes.withUnsafeBufferPointer { buffer in
            var lines = TextLines(buffer)
            var found: [ArraySlice<UInt8>] = []
            while let line = lines.next() {
                found.append(bytes[(bytes.startIndex + line.start)..<(bytes.startIndex + line.end)])
            }
            return found
        }
    }
}
