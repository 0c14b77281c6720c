import Foundation
import Testing

/// `cues convert` to and from the chapter and transcript formats, as a user
/// runs it.
@Suite("cues convert: chapter formats")
struct ChapterFormatsCommandTests {
    static let corpus: String? = {
        guard let path = ProcessInfo.processInfo.environment["CUES_CORPUS"], !path.isEmpty else { return nil }
        let url = URL(fileURLWithPath: path, relativeTo: Cues.packageRoot).standardizedFileURL
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("episodes/seed-episode.md").path) ? url.path : nil
    }()

    @Test func chaptersFileWritesBackUnchanged() throws {
        let path = Cues.sample("chapters/full.chapters.json")
        let result = try Cues.run(["convert", path, "--to", "chapters"])
        #expect(result.status == 0)
        #expect(result.stdout == (try String(contentsOfFile: path, encoding: .utf8)))
        #expect(result.stderr.isEmpty)
    }

    @Test func formatsAreFoundByContent() throws {
        let pasted = try Cues.run(["convert", "-", "--to", "ffmetadata", "--quiet"], stdin: Data("0:00 Intro\n1:30 Main\n12:00 Outro\n".utf8))
        #expect(pasted.status == 0)
        #expect(pasted.stdout.hasPrefix(";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=90000\ntitle=Intro\n"))
        let back = try Cues.run(["convert", "-", "--to", "youtube-chapters", "--quiet"], stdin: Data(pasted.stdout.utf8))
        #expect(back.stdout == "0:00 Intro\n1:30 Main\n12:00 Outro\n")
    }

    @Test func formatsListsTheNewFormats() throws {
        let result = try Cues.run(["formats"])
        for id in ["chapters", "transcript", "youtube-chapters", "ffmetadata"] {
            #expect(result.stdout.contains("\n\(id) "), "\(id)")
        }
    }

    @Test(.enabled(if: corpus != nil))
    func seedEpisodeToChaptersAndYouTube() throws {
        let seed = Self.corpus! + "/episodes/seed-episode.md"
        let chapters = try Cues.run(["convert", seed, "--to", "chapters"])
        #expect(chapters.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(chapters.stdout.utf8)) as! [String: Any]
        let list = object["chapters"] as! [[String: Any]]
        #expect(list.count == 28)
        #expect((list[0]["startTime"] as! NSNumber).intValue == 77)
        #expect(chapters.stderr.contains("note: [chapters] 28 chapter start(s) taken from the line under their header"))

        let youtube = try Cues.run(["convert", seed, "--to", "youtube-chapters"])
        #expect(youtube.status == 0)
        #expect(youtube.stdout.hasPrefix("0:00 Podcast Introduction\n2:00 Guest Background"))
        #expect(youtube.stderr.contains("warning: [youtube-chapters] the first chapter 'Podcast Introduction' was moved from 1:17 to 0:00"))
    }
}
