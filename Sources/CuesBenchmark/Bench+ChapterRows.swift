/// The rows of the chapter formats and ID3 added for issues 22, 23 and 28.
extension Bench {
    /// JSON chapters, WebVTT chapters and ID3 chapters in MP3, read and
    /// written (the MP3's size for the writer, whose work is the copy). FFmpeg is the peer where it reads the format: WebVTT (as
    /// captions, to SRT) and the ID3 chapters of an MP3 (to an ffmetadata
    /// file).
    func readerRows() {
        let listed = quick ? 100_000 : 1_000_000
        let json = file("chapters-\(listed).chapters.json") { $0.chaptersJSON(chapters: listed) }
        row("chapters JSON → mp4chaps, \(listed) chapters", input: json, count: listed, unit: "chapters",
            [cues, "convert", json, "--to", "mp4chaps", "-q"])
        let vtt = file("chapters-\(listed).chapters.vtt") { $0.vttChapters(chapters: listed) }
        row("VTT chapters → chapters JSON, \(listed) chapters", input: vtt, count: listed, unit: "chapters",
            [cues, "convert", vtt, "--from", "vtt-chapters", "--to", "chapters", "-q"],
            peer: ["ffmpeg", "-nostdin", "-v", "quiet", "-y", "-i", vtt, "-f", "srt", "/dev/null"])
        let tagged = quick ? 20_000 : 200_000
        let mp3 = file("id3-\(tagged).mp3") { $0.mp3Chapters(chapters: tagged, audioFrames: 1000) }
        row("ID3 chapters in MP3 → chapters JSON, \(tagged) chapters", input: mp3, count: tagged, unit: "chapters",
            [cues, "convert", mp3, "--to", "chapters", "-q"],
            peer: ["ffmpeg", "-nostdin", "-v", "quiet", "-y", "-i", mp3, "-map", "0:a", "-c", "copy", "-map_chapters", "0",
                   "-f", "ffmetadata", "/dev/null"])
        // A CTOC counts at most 255 chapters: the writer's work is the copy of the audio.
        let frames = quick ? 140_000 : 1_400_000
        let media = file("silence-\(frames).mp3") { _ in InputGenerator.silence(frames: frames) }
        let source = file("chapters-255.chapters.json") { $0.chaptersJSON(chapters: 255) }
        row("chapters JSON → ID3 into an MP3, 255 chapters", input: media, count: 255, unit: "chapters",
            [cues, "convert", source, "--to", "id3", "--media", media, "-q"])
    }
}
