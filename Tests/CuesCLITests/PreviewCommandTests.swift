import Foundation
import Testing

/// `cues preview`: where the page goes, how it links the media, what it
/// refuses. (What the page shows is in ChromiumTests.)
@Suite("cues preview")
struct PreviewCommandTests {
    static func contents(_ url: URL) -> String {
        (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    @Test func thePageIsNamedAfterTheInputInTheCurrentDirectory() throws {
        let folder = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Cues.run(["preview", Cues.sample("html/over-the-limits.vtt")], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let page = folder.appendingPathComponent("over-the-limits.preview.html")
        #expect(Self.contents(page).hasPrefix("<!DOCTYPE html>\n"))
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasSuffix("over-the-limits.vtt: note: wrote the preview to 'over-the-limits.preview.html': 4 of 6 captions break the limits\n"))
        // Only the page and nothing else (no temporary file left).
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["over-the-limits.preview.html"])
        let quiet = try Cues.run(["preview", Cues.sample("html/over-the-limits.vtt"), "-o", "quiet.html", "--quiet"], in: folder)
        #expect(quiet.status == 0)
        #expect(quiet.stderr.isEmpty)
    }

    @Test func anExistingPageIsReplacedOnlyWithForce() throws {
        let folder = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page.html")
        try Data("mine".utf8).write(to: page)
        let refused = try Cues.run(["preview", Cues.sample("html/over-the-limits.vtt"), "-o", page.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("already exists; pass --force to replace it"))
        #expect(Self.contents(page) == "mine")
        let forced = try Cues.run(["preview", Cues.sample("html/over-the-limits.vtt"), "-o", page.path, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(Self.contents(page).hasPrefix("<!DOCTYPE html>"))
    }

    @Test func theInputIsNeverOverwritten() throws {
        let folder = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("captions.vtt")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Cues.sample("html/over-the-limits.vtt")), to: input)
        let before = try Data(contentsOf: input)
        let run = try Cues.run(["preview", input.path, "-o", input.path, "--force"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("it is an input of this run"))
        #expect(try Data(contentsOf: input) == before)
    }

    @Test func standardOutputTakesThePageWithDash() throws {
        let run = try Cues.run(["preview", "-", "-o", "-", "--from", "vtt"], stdin: Data("WEBVTT\n\n00:01.000 --> 00:02.500\nHello\n".utf8))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(run.stdout.contains("<title>&lt;stdin&gt; · caption preview</title>"))
        #expect(run.stdout.contains("data-duration=\"2500\""))
        #expect(run.stderr.isEmpty)
    }

    @Test func theMediaIsLinkedRelativeToThePage() throws {
        let folder = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let media = folder.appendingPathComponent("media/ep 1 é#.wav")
        try FileManager.default.createDirectory(at: media.deletingLastPathComponent(), withIntermediateDirectories: true)
        try SilentAudio.wav(seconds: 1).write(to: media)
        for (output, source) in [("out/sub/page.html", "../../media/ep%201%20%C3%A9%23.wav"), ("page.html", "media/ep%201%20%C3%A9%23.wav")] {
            let run = try Cues.run(["preview", Cues.sample("html/over-the-limits.vtt"), "--media", "./media/../media/ep 1 é#.wav", "-o", output], in: folder)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(Self.contents(folder.appendingPathComponent(output)).contains("<video class=\"pv-player\" controls preload=\"metadata\" playsinline src=\"\(source)\""), "\(output)")
        }
        // An absolute page path links the same way.
        let absolute = folder.appendingPathComponent("abs.html")
        #expect(try Cues.run(["preview", Cues.sample("html/over-the-limits.vtt"), "--media", media.path, "-o", absolute.path]).status == 0)
        #expect(Self.contents(absolute).contains("src=\"media/ep%201%20%C3%A9%23.wav\""))
    }

    @Test func mediaThatIsNotAFileIsRefusedBeforeAnythingIsWritten() throws {
        let folder = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (media, said) in [("missing.mp3", "it does not exist"), (".", "it is not a regular file")] {
            let run = try Cues.run(["preview", Cues.sample("html/over-the-limits.vtt"), "--media", media, "-o", "page.html"], in: folder)
            #expect(run.status == 1)
            #expect(run.stderr.contains("cannot use the media '\(media)': \(said)"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func oneInputFileOnly() throws {
        let two = try Cues.run(["preview", Cues.sample("html/over-the-limits.vtt"), Cues.sample("vtt/voices.vtt")])
        #expect(two.status == 64)
        #expect(two.stderr.contains("preview takes one input, found 2"))
        let directory = try Cues.run(["preview", Cues.sample("vtt")])
        #expect(directory.status == 64)
        #expect(directory.stderr.contains("preview takes one input file, found the directory"))
    }

    @Test func anInputWithoutCuesFailsAndWritesNothing() throws {
        let folder = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Cues.run(["preview", Cues.sample("vtt-chapters/episode.chapters.vtt"), "-o", "page.html"], in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: [vtt]"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func anEmptyMediaURLIsAUsageError() throws {
        let run = try Cues.run(["convert", Cues.sample("episode/showcase.md"), "--to", "html", "--media", ""])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--media expects the URL of the audio or video, found nothing"))
    }
}
