import CueKit
import Foundation
import Testing

/// The two pages cues writes for people, as a browser shows them: the
/// `html` transcript page and `cues preview`, opened in headless Chromium.
@Suite("Pages in Chromium", .enabled(if: Chromium.isAvailable, "needs chromium and python3"))
struct ChromiumTests {
    /// Waiting in the test scripts: for a condition, and for an event.
    static let helpers = """
        const until = (check, ms = 8000) => new Promise((resolve, reject) => {
          const started = Date.now();
          (function poll() {
            let value; try { value = check(); } catch (error) { value = undefined; }
            if (value) return resolve(value);
            if (Date.now() - started > ms) return reject(new Error("timed out waiting for " + check));
            setTimeout(poll, 25);
          })();
        });
        const once = (target, name, ms = 8000) => new Promise((resolve, reject) => {
          target.addEventListener(name, resolve, { once: true });
          setTimeout(() => reject(new Error(name + " did not come")), ms);
        });
        const metadata = (media) => media.readyState >= 1 ? Promise.resolve() : once(media, "loadedmetadata");
        const texts = (selector) => Array.from(document.querySelectorAll(selector), (element) => element.textContent);
        """

    /// A folder with the showcase episode's page, playing a silent WAV as
    /// long as the episode (2:30) that lies beside it.
    static func showcasePage() throws -> (folder: URL, page: URL) {
        let folder = try Cues.temporaryDirectory()
        try SilentAudio.wav(seconds: 150).write(to: folder.appendingPathComponent("episode.wav"))
        let page = folder.appendingPathComponent("showcase.html")
        let run = try Cues.run(["convert", Cues.sample("episode/showcase.md"), "--to", "html", "--media", "episode.wav", "-o", page.path])
        #expect(run.status == 0, "\(run.stderr)")
        return (folder, page)
    }

    @Test func theTranscriptPageHasOneElementPerLineAndOneHeadingPerChapterAndSeeksThePlayer() throws {
        let (folder, page) = try Self.showcasePage()
        defer { try? FileManager.default.removeItem(at: folder) }
        let screenshot = folder.appendingPathComponent("transcript.png")
        let report = try Chromium.open(page, script: Self.helpers + """
            (async () => {
              const audio = document.querySelector(".cues-player audio");
              await metadata(audio);
              const result = {
                lines: texts(".cues-line .cues-text"),
                speakers: texts(".cues-line .cues-speaker"),
                headings: texts("h2.cues-chapter bdi"),
                contents: texts(".cues-toc li bdi"),
                ids: Array.from(document.querySelectorAll(".cues-line"), (line) => line.id),
                duration: audio.duration,
              };
              // Where each click seeks to, read while the player seeks (it then plays on).
              const seekedTo = () => once(audio, "seeking").then(() => audio.currentTime);
              let seeking = seekedTo();
              document.querySelectorAll(".cues-line .cues-time")[3].click();
              result.afterTimestamp = await seeking;
              result.current = document.querySelector(".cues-line.is-current").id;
              result.playing = await until(() => !audio.paused && audio.currentTime > 64);
              seeking = seekedTo();
              document.querySelectorAll(".cues-toc a")[0].click();
              result.afterChapter = await seeking;
              audio.pause();
              return result;
            })()
            """, screenshot: screenshot, fullPage: true)
        let (episode, _) = try Self.read("episode/showcase.md")
        let value = report.object
        #expect(value["lines"] as? [String] == episode.cues.map(\.plainText))
        #expect(value["speakers"] as? [String] == episode.cues.map { $0.speaker ?? "" })
        #expect(value["headings"] as? [String] == ["Welcome", "The keepers"])
        #expect(value["contents"] as? [String] == ["Welcome", "The keepers"])
        #expect(value["ids"] as? [String] == ["t=0:00", "t=0:07", "t=0:09", "t=1:04", "t=1:20", "t=1:38"])
        #expect(value["duration"] as? Double == 150)
        // The fourth line starts at 1:04; the first chapter at 0:00.
        #expect(value["afterTimestamp"] as? Double == 64)
        #expect(value["current"] as? String == "t=1:04")
        #expect(value["playing"] as? Bool == true)
        #expect(value["afterChapter"] as? Double == 0)
        #expect(report.exceptions.isEmpty, "\(report.exceptions)")
        #expect(Chromium.onlyOwnRequests(report, allowed: [page, folder.appendingPathComponent("episode.wav")]), "\(report.requests)")
        #expect(report.screenshotIsNotBlank, "\(report.screenshot ?? [:])")
    }

    @Test func aFragmentOpensThePageAtThatMomentWithAndWithoutJavaScript() throws {
        let (folder, page) = try Self.showcasePage()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 1:30 is within the line that starts at 1:20.
        let scripted = try Chromium.open(page, fragment: "#t=1:30", script: Self.helpers + """
            (async () => {
              const audio = document.querySelector(".cues-player audio");
              await metadata(audio);
              await until(() => audio.currentTime > 0);
              const current = document.querySelector(".cues-line.is-current");
              return { current: current.id, time: audio.currentTime, inView: current.getBoundingClientRect().top >= 0 && current.getBoundingClientRect().bottom <= innerHeight };
            })()
            """, height: 400)
        #expect(scripted.object["current"] as? String == "t=1:20")
        #expect(scripted.object["time"] as? Double == 90)
        #expect(scripted.object["inView"] as? Bool == true)
        // Without JavaScript the fragment of a line is the line's id.
        let plain = try Chromium.open(page, fragment: "#t=1:04", script: """
            ({ target: document.querySelector(":target").id, top: document.querySelector(":target").getBoundingClientRect().top })
            """, height: 400, noJavaScript: true)
        #expect(plain.object["target"] as? String == "t=1:04")
        #expect((plain.object["top"] as? Double).map { $0 >= 0 && $0 < 400 } == true)
    }

    /// The captions, the chapters and the options of the preview tests: a
    /// transcript cut into captions of at most 32 characters a line.
    static let previewOptions = ["--preset", "podcast-srt", "--max-cps", "15"]

    @Test func thePreviewTrackHoldsTheCuesTheVTTConversionWrites() throws {
        let folder = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = Cues.sample("episode/showcase.md")
        let page = folder.appendingPathComponent("preview.html")
        let vtt = folder.appendingPathComponent("showcase.vtt"), chapters = folder.appendingPathComponent("showcase.chapters.vtt")
        #expect(try Cues.run(["preview", input, "-o", page.path] + Self.previewOptions).status == 0)
        #expect(try Cues.run(["convert", input, "--to", "vtt", "-o", vtt.path] + Self.previewOptions).status == 0)
        #expect(try Cues.run(["convert", input, "--to", "vtt-chapters", "-o", chapters.path] + Self.previewOptions).status == 0)
        let screenshot = folder.appendingPathComponent("preview.png")
        let report = try Chromium.open(page, script: Self.helpers + """
            (async () => {
              const video = document.querySelector(".pv-player");
              await metadata(video);
              const [captions, chapters] = [video.textTracks[0], video.textTracks[1]];
              await until(() => captions.cues && captions.cues.length && chapters.cues && chapters.cues.length);
              const times = (track) => Array.from(track.cues, (cue) => [Math.round(cue.startTime * 1000), Math.round(cue.endTime * 1000)]);
              const third = captions.cues[2];
              video.currentTime = (third.startTime + third.endTime) / 2;
              await once(video, "seeked");
              await until(() => document.querySelector(".pv-screen").textContent);
              return {
                kinds: [captions.kind, chapters.kind], captions: times(captions), chapters: times(chapters),
                listed: Array.from(document.querySelectorAll(".pv-cue"), (cue) => [Number(cue.dataset.start), Number(cue.dataset.end)]),
                shown: document.querySelector(".pv-screen").textContent,
                highlighted: Array.from(document.querySelectorAll(".pv-cue.is-current"), (cue) => cue.id),
                duration: video.duration,
              };
            })()
            """, screenshot: screenshot)
        let written = try Self.read(vtt.path).0, writtenChapters = try Self.read(chapters.path).0.chapters
        let value = report.object
        let expected = written.cues.map { [Int($0.start!.milliseconds), Int($0.end!.milliseconds)] }
        #expect(expected.count > 10)
        #expect(value["kinds"] as? [String] == ["captions", "chapters"])
        #expect(value["captions"] as? [[Int]] == expected)
        #expect(value["listed"] as? [[Int]] == expected)
        #expect(writtenChapters.count == 2)
        #expect(value["chapters"] as? [[Int]] == writtenChapters.map { [Int($0.start!.milliseconds), Int($0.end!.milliseconds)] })
        #expect(value["shown"] as? String == written.cues[2].plainText)
        #expect(value["highlighted"] as? [String] == ["cue-3"])
        // A silent timeline as long as the chapters (2:30), and a second more.
        #expect(value["duration"] as? Double == 151)
        #expect(report.exceptions.isEmpty, "\(report.exceptions)")
        #expect(Chromium.onlyOwnRequests(report, allowed: [page]), "\(report.requests)")
        #expect(report.screenshotIsNotBlank, "\(report.screenshot ?? [:])")
    }

    @Test func clickingAChapterSeeksThePlayerToItsStart() throws {
        let folder = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try SilentAudio.wav(seconds: 150).write(to: folder.appendingPathComponent("episode.wav"))
        let page = folder.appendingPathComponent("preview.html")
        let run = try Cues.run(["preview", Cues.sample("episode/showcase.md"), "--media", folder.appendingPathComponent("episode.wav").path, "-o", page.path])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try Chromium.open(page, script: Self.helpers + """
            (async () => {
              const video = document.querySelector(".pv-player");
              await metadata(video);
              const button = document.querySelectorAll(".pv-chapter")[1];
              button.click();
              await once(video, "seeked");
              await until(() => button.classList.contains("is-current"));
              return { source: video.getAttribute("src"), title: button.querySelector("bdi").textContent, time: video.currentTime, duration: video.duration };
            })()
            """)
        #expect(report.object["source"] as? String == "episode.wav")
        #expect(report.object["title"] as? String == "The keepers")
        #expect(report.object["time"] as? Double == 64)
        #expect(report.object["duration"] as? Double == 150)
        #expect(report.exceptions.isEmpty, "\(report.exceptions)")
    }

    @Test func theCuesMarkedInThePreviewAreTheOnesTheLintReports() throws {
        let folder = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = Cues.sample("html/over-the-limits.vtt")
        let page = folder.appendingPathComponent("preview.html")
        #expect(try Cues.run(["preview", input, "-o", page.path]).status == 0)
        let check = try Cues.run(["check", "--captions", "--json", input])
        let reported = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let diagnostics = ((reported["inputs"] as? [[String: Any]])?.first?["warnings"] as? [[String: Any]]) ?? []
        // "cue 2: …" with the code `captions.too-fast`: [cue number, kind].
        let found: [[String]] = diagnostics.compactMap { diagnostic in
            guard let code = diagnostic["code"] as? String, code.hasPrefix("captions."), let message = diagnostic["message"] as? String,
                  let number = message.split(separator: ":").first?.split(separator: " ").last else { return nil }
            return [String(number), String(code.dropFirst("captions.".count))]
        }
        #expect(found.count == 5)
        let report = try Chromium.open(page, script: """
            Array.from(document.querySelectorAll(".pv-cue.is-flagged .pv-finding"), (finding) => [
              finding.closest(".pv-cue").querySelector(".pv-cue-number").textContent, finding.dataset.kind,
              finding.dataset.value, finding.dataset.limit, finding.textContent])
            """)
        let marked = try #require(report.value as? [[String]])
        #expect(marked.map { Array($0.prefix(2)) } == found)
        // Each mark names the limit and the value, as the lint measured them.
        #expect(marked.map { Array($0.dropFirst(2)) } == [
            ["65", "42", "Line 1 length 65 characters, at most 42 characters"],
            ["65", "20", "Reading speed 65 cps, at most 20 cps"],
            ["400", "833", "Too short 0.4 s, at least 0.833 s"],
            ["9000", "7000", "Too long 9 s, at most 7 s"],
            ["3", "2", "Lines 3 lines, at most 2 lines"],
        ])
    }

    @Test(arguments: ["transcript", "preview"])
    func hostileTextIsShownAsTextNeverAsMarkup(page kind: String) throws {
        let folder = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = Cues.sample("html/hostile.md")
        let page = folder.appendingPathComponent("\(kind).html")
        let arguments = kind == "transcript" ? ["convert", input, "--to", "html", "-o", page.path] : ["preview", input, "-o", page.path]
        #expect(try Cues.run(arguments).status == 0)
        let report = try Chromium.open(page, script: Self.helpers + """
            (async () => {
              const video = document.querySelector(".pv-player");
              const shown = [];
              if (video) {
                await metadata(video);
                for (const cue of Array.from(video.textTracks[0].cues)) {
                  video.currentTime = (cue.startTime + cue.endTime) / 2;
                  await once(video, "seeked");
                  await until(() => document.querySelector(".pv-screen").textContent);
                  shown.push(document.querySelector(".pv-screen").textContent);
                }
              }
              await new Promise((resolve) => setTimeout(resolve, 200));
              const isolated = (element) => getComputedStyle(element).unicodeBidi === "isolate";
              return {
                hostile: typeof window.cuesHostile,
                elements: ["script", "style", "img", "svg", "textarea", "i", "h2", "article", "video", "b"].map((name) => document.getElementsByTagName(name).length),
                title: document.title,
                heading: document.querySelector("h1").textContent,
                text: document.body.textContent,
                lines: texts(".cues-text, .pv-line-text").join(" ").replace(/\\s+/g, " "),
                speakers: texts(".cues-speaker bdi, .pv-voice bdi"),
                notIsolated: Array.from(document.querySelectorAll(".cues-speaker bdi, .pv-voice bdi, .cues-text, .pv-line-text, h1 bdi")).filter((element) => !isolated(element)).length,
                shown,
              };
            })()
            """)
        let value = report.object
        #expect(value["hostile"] as? String == "undefined")
        #expect(report.exceptions.isEmpty, "\(report.exceptions)")
        let title = #"<script>window.cuesHostile = "title"</script> & "quotes" </textarea> <!-- open"#
        #expect(value["heading"] as? String == (kind == "transcript" ? title : "hostile.md"))
        let text = value["text"] as? String ?? ""
        // The preview cuts long lines into captions: their lines, joined, hold the text.
        let lines = value["lines"] as? String ?? ""
        for hostile in [
            #"<script>window.cuesHostile = "line"</script> plain words"#,
            "Then </textarea><textarea> and </style><style>body{display:none}</style> and &amp; as text",
            "An override \u{202E}here",
            "The end </p></article><b>not bold</b>",
        ] {
            #expect(lines.contains(hostile), "\(hostile)")
        }
        let speakers = [#""><img src=x onerror=cuesHostile=2>"#, "\u{202E}Maria", "Alexey", "</bdi></span><i>Alexey</i>"]
        if kind == "transcript" {
            #expect(value["speakers"] as? [String] == speakers)
        } else {
            // A caption each for the parts of a long line: the same names, repeated.
            #expect(Set(value["speakers"] as? [String] ?? []) == Set(speakers))
        }
        #expect(value["notIsolated"] as? Int == 0)
        if kind == "transcript" {
            #expect(value["title"] as? String == title)
            // One script and one style sheet (the page's), two chapter headings and the contents' heading, one article.
            #expect(value["elements"] as? [Int] == [1, 1, 0, 0, 0, 0, 3, 1, 0, 0])
            #expect(text.contains(#"</h2><script>window.cuesHostile = "header"</script>"#))
            #expect(text.contains(#""><svg onload="window.cuesHostile = 3">"#))
        } else {
            #expect(value["title"] as? String == "hostile.md · caption preview")
            // The page's script, style sheet and player; two headings (chapters, captions).
            #expect(value["elements"] as? [Int] == [1, 1, 0, 0, 0, 0, 2, 0, 1, 0])
            let shown = value["shown"] as? [String] ?? []
            #expect(shown.contains { $0.contains("<script>window.cuesHostile") })
            #expect(shown.contains { $0.contains("</p></article><b>not bold</b>") })
        }
    }

    @Test func screenshotsInTheLightAndTheDarkAreNotBlank() throws {
        let (folder, page) = try Self.showcasePage()
        defer { try? FileManager.default.removeItem(at: folder) }
        let preview = folder.appendingPathComponent("preview.html")
        #expect(try Cues.run(["preview", Cues.sample("html/over-the-limits.vtt"), "-o", preview.path]).status == 0)
        for (file, dark, width) in [(page, false, 1280), (page, true, 390), (preview, false, 1280), (preview, true, 390)] {
            let screenshot = folder.appendingPathComponent("shot.png")
            let report = try Chromium.open(file, script: "document.documentElement.scrollWidth", screenshot: screenshot, width: width, dark: dark)
            #expect(report.screenshotIsNotBlank, "\(file.lastPathComponent) dark: \(dark): \(report.screenshot ?? [:])")
            #expect((report.screenshot?["width"] as? Int) == width)
            // Nothing wider than the window: no sideways scrolling on a phone.
            #expect(report.value as? Int == width, "\(file.lastPathComponent) at \(width)")
        }
    }

    /// A file read by CueKit as the tool reads it.
    static func read(_ path: String) throws -> (Timeline, [Diagnostic]) {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: Cues.sample(path))
        var diagnostics = Diagnostics()
        let input = try Converter().read(Array(try Data(contentsOf: url)), name: url.lastPathComponent, diagnostics: &diagnostics)
        return (input.timeline, diagnostics.items)
    }
}
