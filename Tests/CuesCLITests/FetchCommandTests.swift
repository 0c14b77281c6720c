import Foundation
import Testing

/// `--fetch` against a real HTTP server on loopback (`scripts/feed-server.py`,
/// Python's own `http.server`), not a stubbed transport.
@Suite("cues --fetch", .serialized)
struct FetchCommandTests {
    /// The server, started for one test and stopped after it.
    final class FeedServer {
        let process = Process()
        let base: String

        init() throws {
            let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("cues-feed-server-\(UUID().uuidString)")
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", Cues.packageRoot.appendingPathComponent("scripts/feed-server.py").path, portFile.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            var port: String?
            for _ in 0..<200 where port == nil {
                port = try? String(contentsOf: portFile, encoding: .utf8)
                if port == nil { usleep(25_000) }
            }
            try? FileManager.default.removeItem(at: portFile)
            base = "http://127.0.0.1:\(port ?? "0")"
        }

        /// The body at `path`, fetched with curl (Foundation here cannot).
        func get(_ path: String) throws -> Data {
            let curl = Process()
            curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            curl.arguments = ["curl", "-sf", base + path]
            let output = Pipe()
            curl.standardOutput = output
            try curl.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            curl.waitUntilExit()
            return data
        }

        func stats() throws -> [String: Int] {
            try JSONDecoder().decode([String: Int].self, from: get("/stats"))
        }

        deinit {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    @Test func aFeedByURLWithLinkedFilesConvertsCompletely() throws {
        let server = try FeedServer()
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try Cues.run([
            "convert", server.base + "/feed.xml", "--fetch", "--to", "chapters,vtt", "--out-dir", directory.path,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let folder = directory.appendingPathComponent("feed")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == [
            "1-episode-1.chapters.json", "1-episode-1.vtt", "2-episode-2.chapters.json", "2-episode-2.vtt",
            "3-episode-3.chapters.json", "3-episode-3.vtt",
        ])
        func text(_ name: String) throws -> String { try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) }
        // A relative link, resolved against the feed's URL; WebVTT chosen over SubRip.
        #expect(try text("1-episode-1.chapters.json").contains("\"title\": \"The harbour\""))
        #expect(try text("1-episode-1.vtt").contains("00:00:04.000 --> 00:00:09.500\n<v Ada>Today, the harbour."))
        // An absolute link; a JSON transcript.
        #expect(try text("2-episode-2.vtt").contains("00:00:02.500 --> 00:00:06.000\n<v Cy>Hello there."))
        // A link that redirects.
        #expect(try text("3-episode-3.chapters.json").contains("\"startTime\": 120.5"))
        #expect(run.stderr.contains("note: [rss] read 2 transcript line(s) from '\(server.base)/ep1.vtt', linked by podcast:transcript"))

        let info = try Cues.run(["info", server.base + "/feed.xml", "--fetch", "--json"])
        #expect(info.status == 0)
        let items = try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [[String: Any]]
        #expect(items?.map { $0["item"] as? Int } == [1, 2, 3])
        #expect(items?.map { ($0["chapters"] as? [Any])?.count } == [2, 3, 2])
    }

    @Test func aPreferredTranscriptTypeIsChosen() throws {
        let server = try FeedServer()
        let run = try Cues.run([
            "convert", server.base + "/feed.xml", "--fetch", "--item", "1", "--to", "srt", "--transcript-type", "application/x-subrip",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("the SubRip copy, not preferred"))
    }

    @Test func eachFailedDownloadIsNamedAndTheOtherItemsAreWritten() throws {
        let server = try FeedServer()
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try Cues.run([
            "convert", server.base + "/failing.xml", "--fetch", "--timeout", "2", "--to", "chapters", "--out-dir", directory.path,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("failing").path)
        #expect(written == ["1-fine.chapters.json"])
        let expected = [
            "'\(server.base)/missing.chapters.json', but did not get it: the server answered HTTP 404",
            "'\(server.base)/error.chapters.json', but did not get it: the server answered HTTP 500",
            "'\(server.base)/loop.chapters.json', but did not get it: too many redirects",
            "'\(server.base)/huge.chapters.json', but did not get it: the body is larger than 64 MB, the most cues downloads",
            "'\(server.base)/silent.chapters.json', but did not get it: no complete answer within the timeout",
            "'\(server.base)/page.chapters.json' at its link but could not read it (served as 'text/html')",
            "'file:///etc/passwd', but did not get it: only http and https links are downloaded",
        ]
        for message in expected {
            #expect(run.stderr.contains(message), "missing: \(message)\n\(run.stderr)")
        }
    }

    @Test func aCacheTurnsARerunIntoConditionalRequests() throws {
        let server = try FeedServer()
        let cache = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cache) }
        for _ in 0..<2 {
            let run = try Cues.run(["convert", server.base + "/cached.xml", "--fetch", "--cache", cache.path, "--to", "chapters"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("\"title\": \"Still cached\""))
        }
        #expect(try server.stats() == ["200": 1, "304": 1])
    }

    @Test func withoutFetchNothingIsDownloaded() throws {
        let server = try FeedServer()
        let url = try Cues.run(["convert", server.base + "/cached.xml", "--to", "chapters"])
        #expect(url.status == 64)
        #expect(url.stderr.contains("is a URL; cues downloads only when asked: add --fetch"))
        // A local feed whose item links the server: not asked.
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let feed = directory.appendingPathComponent("show.rss")
        try server.get("/cached.xml").write(to: feed)
        let local = try String(contentsOf: feed, encoding: .utf8)
            .replacingOccurrences(of: "\"etag.chapters.json\"", with: "\"\(server.base)/etag.chapters.json\"")
        try local.write(to: feed, atomically: true, encoding: .utf8)
        let run = try Cues.run(["convert", feed.path, "--to", "chapters"])
        #expect(!run.stderr.contains("chapter(s) from"), "\(run.stderr)")
        #expect(try server.stats() == ["200": 0, "304": 0])
    }
}
