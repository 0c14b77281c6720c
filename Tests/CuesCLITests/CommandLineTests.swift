import Foundation
import Testing

@testable import cues

/// How `cues` reads its command line: the forms options take, the errors
/// a mistake gets, help, completion scripts and the manual.
@Suite("Command line")
struct CommandLineTests {
    static let sample = Cues.sample("episode/minimal.md")

    /// The SRT that `arguments` make of the sample, through the binary.
    func srt(_ arguments: [String]) throws -> Cues.Result {
        try Cues.run(["convert", Self.sample] + arguments)
    }

    @Test func optionValuesMayBeAttachedSeparateOrGrouped() throws {
        let directory = try Cues.temporaryDirectory()
        let plain = try srt(["--to", "srt", "--shift", "2s", "-o", directory.path + "/a.srt"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let expected = try String(contentsOfFile: directory.path + "/a.srt", encoding: .utf8)
        #expect(expected.contains("00:00:02,000 --> "))
        let forms: [[String]] = [
            ["--to=srt", "--shift=2s", "--output=\(directory.path)/b.srt"],
            ["-o\(directory.path)/c.srt", "--shift", "+2s", "--to", "srt"],
            ["-qfo", "\(directory.path)/d.srt", "--to", "vtt", "--to", "srt", "--shift", "2000ms"],
        ]
        for (form, name) in zip(forms, ["b", "c", "d"]) {
            let run = try srt(form)
            #expect(run.status == 0, "\(form): \(run.stderr)")
            #expect(try String(contentsOfFile: "\(directory.path)/\(name).srt", encoding: .utf8) == expected, "\(form)")
        }
    }

    @Test func aValueThatLooksLikeANumberIsAValueAndDashDashEndsTheOptions() throws {
        let shifted = try srt(["--to", "srt", "--shift", "-0.5s", "--max-duration", "-1"])
        #expect(shifted.status == 64)
        #expect(shifted.stderr.contains("--max-duration expects a value from 0 to 1000000, found '-1'"))
        let ended = try Cues.run(["convert", "--to", "srt", "--", Self.sample])
        #expect(ended.status == 0, "\(ended.stderr)")
        #expect(ended.stdout.hasPrefix("1\n00:00:00,000 --> "))
        let swallowed = try Cues.run(["convert", "--", Self.sample, "--to", "srt"])
        #expect(swallowed.status == 64)
        #expect(swallowed.stderr.contains("error: missing '--to <format[,format...]>'"))
    }

    @Test(arguments: [
        (["convert", sample, "--too", "vtt"], "unknown option '--too'; did you mean '--to'?"),
        (["convert", sample, "--to"], "missing a value for '--to <format[,format...]>'"),
        (["convert", sample, "--to", "--quiet"], "missing a value for '--to <format[,format...]>' (found the option '--quiet')"),
        (["convert", sample, "--to", "srt", "--quiet=yes"], "'--quiet' takes no value"),
        (["convert", sample, "--to", "srt", "-x"], "unknown option '-x'"),
        (["convert", sample, "--to", "srt", "--jobs", "two"], "'--jobs <n>' expects a whole number, found 'two'"),
        (["convert", sample, "--to", "srt", "--max-cps", "fast"], "'--max-cps <n>' expects a number, found 'fast'"),
        (["convert", sample, "--to", "srt", "--max-chars", "99999999999999999999"], "'--max-chars <n>' expects a whole number"),
        (["convert", sample, "--to", "srt", "--segment", "always", "--max-lines", "1000"], "--max-lines expects a value from 1 to 100, found '1000'"),
        (["convert", "--to", "vtt"], "missing <inputs>"),
        (["formats", "extra"], "unexpected argument 'extra'"),
        (["frob"], "unknown command 'frob'; expected one of convert, preview, check, info, formats"),
        (["--generate-completion-script", "tcsh"], "--generate-completion-script expects one of bash, zsh, fish"),
    ])
    func mistakesAreUsageErrorsThatSayWhat(arguments: [String], message: String) throws {
        let run = try Cues.run(arguments)
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: " + message), "\(run.stderr)")
        #expect(run.stderr.contains("\nusage: cues "))
    }

    @Test func hugeCaptionLimitsAreRefusedNotCrashedOn() throws {
        for limit in [["--max-chars", "9223372036854775807"], ["--min-duration", "1e300"], ["--max-cps", "1e-300"]] {
            let run = try srt(["--to", "srt", "--segment", "always"] + limit)
            #expect(run.status == 64, "\(limit): \(run.stderr)")
            #expect(run.stderr.hasPrefix("error: \(limit[0]) expects a value from "), "\(run.stderr)")
        }
        let checked = try Cues.run(["check", Self.sample, "--captions", "--max-lines", "9223372036854775807"])
        #expect(checked.status == 64)
    }

    @Test func everyOptionOfEveryCommandIsRead() throws {
        // Each accessor checks that the option belongs to the command, so a
        // command that reads an option it does not declare stops here.
        let directory = try Cues.temporaryDirectory()
        let convert = try srt([
            "--to", "vtt", "-o", directory.path + "/all.vtt", "--from", "episode", "-r", "--strict", "--encoding", "UTF-8",
            "--speaker-labels", "--speakers", "SPEAKER_00=Ada", "--item", "1", "-f", "--base-url", "https://example.com/", "--crlf", "--bom",
            "--shift", "1s", "--scale", "25:25", "--infer-end", "gap=100", "--segment", "auto", "--preset", "netflix",
            "--max-chars", "40", "--max-lines", "2", "--min-duration", "1", "--max-duration", "7", "--max-cps", "20",
            "-j", "1", "-q", "--json",
        ])
        #expect(convert.status == 0, "\(convert.stderr)")
        #expect(convert.stdout.contains("\"status\": \"written\""))
        let written = try Data(contentsOf: directory.appendingPathComponent("all.vtt"))
        #expect(written.starts(with: [0xEF, 0xBB, 0xBF] + Array("WEBVTT\r\n".utf8)))
        let check = try Cues.run([
            "check", Self.sample, "--from", "episode", "-r", "--strict", "--encoding", "UTF-8", "--speaker-labels", "--speakers", "A=B", "--item", "1",
            "--captions", "--preset", "podcast-srt", "--max-chars", "40", "--max-lines", "2", "--min-duration", "1",
            "--max-duration", "7", "--max-cps", "20", "--shift", "1s", "--scale", "25:25", "--infer-end", "max=5000", "-q", "--json",
        ])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("\"status\": \"ok\""))
        let info = try Cues.run(["info", Self.sample, "--from", "episode", "-r", "--strict", "--encoding", "UTF-8", "--speaker-labels", "--speakers", "A=B", "--item", "1", "--json"])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("\"format\": \"episode\""))
        let formats = try Cues.run(["formats", "--json"])
        #expect(formats.status == 0)
        #expect(formats.stdout.contains("\"id\": \"vtt\""))
    }

    @Test func helpListsEveryOptionInEightyColumns() throws {
        for command in CuesTool.spec.commands {
            let help = try Cues.run([command.name, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.hasPrefix("OVERVIEW: " + command.abstract.prefix(40)))
            #expect(help.stdout.contains("USAGE: " + command.usage))
            for option in command.options {
                #expect(help.stdout.contains("  " + option.names), "\(command.name) --\(option.long)")
            }
            #expect(help.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
            #expect(try Cues.run(["help", command.name]).stdout == help.stdout)
            #expect(try Cues.run([command.name, "x", "--bogus", "-h"]).stdout == help.stdout)
        }
        let tool = try Cues.run(["--help"])
        #expect(tool.status == 0)
        for command in CuesTool.spec.commands { #expect(tool.stdout.contains("  " + command.name + " ")) }
        #expect(try Cues.run([]).stdout == tool.stdout)
        #expect(try Cues.run(["--version"]).stdout == CuesTool.spec.version + "\n")
    }

    @Test func bashCompletesCommandsOptionsAndFormats() throws {
        let script = try Cues.run(["--generate-completion-script", "bash"])
        #expect(script.status == 0)
        let file = try Cues.temporaryDirectory().appendingPathComponent("cues.bash")
        try script.stdout.write(to: file, atomically: true, encoding: .utf8)
        /// What the completion function offers for the words typed so far.
        func offered(_ words: [String]) throws -> [String] {
            let quoted = words.map { "'\($0)'" }.joined(separator: " ")
            let run = try Cues.run(
                ["-c", "source '\(file.path)'; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _cues; printf '%s\\n' \"${COMPREPLY[@]}\""],
                executable: URL(fileURLWithPath: "/bin/bash"))
            #expect(run.stderr.isEmpty, "\(run.stderr)")
            return run.stdout.split(separator: "\n").map(String.init)
        }
        #expect(try offered(["cues", "co"]) == ["convert"])
        #expect(try offered(["cues", "convert", "x.md", "--ma"]) == ["--max-chars", "--max-lines", "--max-duration", "--max-cps"])
        #expect(try offered(["cues", "convert", "x.md", "--to", "v"]) == ["vtt", "vtt-chapters"])
        #expect(try offered(["cues", "check", "x.md", "--preset", ""]) == ["youtube", "netflix", "podcast-srt"])
        #expect(try offered(["cues", "convert", "x.md", "--shift", ""]).isEmpty)
        #expect(try offered(["cues", "convert", "x.md", "-o", Cues.packageRoot.path + "/Package.sw"]) == [Cues.packageRoot.path + "/Package.swift"])
    }

    @Test(.enabled(if: installed("fish"), "fish is not installed"))
    func fishCompletesCommandsOptionsAndFormats() throws {
        let fish = URL(fileURLWithPath: "/usr/bin/fish")
        let script = try Cues.run(["--generate-completion-script", "fish"])
        let file = try Cues.temporaryDirectory().appendingPathComponent("cues.fish")
        try script.stdout.write(to: file, atomically: true, encoding: .utf8)
        func offered(_ line: String) throws -> [String] {
            let run = try Cues.run(["--no-config", "-c", "source '\(file.path)'; complete -C '\(line)'"], executable: fish)
            #expect(run.stderr.isEmpty, "\(run.stderr)")
            return run.stdout.split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") }
        }
        #expect(try offered("cues co") == ["convert"])
        #expect(try offered("cues convert x.md --to v") == ["vtt", "vtt-chapters"])
        #expect(try offered("cues info x.md --speaker-") == ["--speaker-labels"])
        #expect(try offered("cues info x.md --sp") == ["--speakers", "--speaker-labels"])
    }

    @Test(.enabled(if: installed("zsh"), "zsh is not installed"))
    func zshScriptIsValidAndNamesEveryOption() throws {
        let zsh = URL(fileURLWithPath: "/usr/bin/zsh")
        let script = try Cues.run(["--generate-completion-script", "zsh"])
        let file = try Cues.temporaryDirectory().appendingPathComponent("_cues")
        try script.stdout.write(to: file, atomically: true, encoding: .utf8)
        let parsed = try Cues.run(["-n", file.path], executable: zsh)
        #expect(parsed.status == 0, "\(parsed.stderr)")
        for command in CuesTool.spec.commands {
            for option in command.options { #expect(script.stdout.contains("--\(option.long)"), "--\(option.long)") }
        }
    }

    @Test(.enabled(if: installed("groff"), "groff is not installed"))
    func theManualRendersEveryCommandAndOption() throws {
        let page = try Cues.run(["--generate-manual"])
        #expect(page.status == 0)
        let file = try Cues.temporaryDirectory().appendingPathComponent("cues.1")
        try page.stdout.write(to: file, atomically: true, encoding: .utf8)
        let groff = URL(fileURLWithPath: "/usr/bin/groff")
        let rendered = try Cues.run(["-man", "-Tutf8", "-ww", file.path], executable: groff)
        #expect(rendered.stderr.isEmpty, "\(rendered.stderr)")
        let text = rendered.stdout.replacingOccurrences(of: "\u{2010}", with: "-").replacingOccurrences(of: "\u{2212}", with: "-")
            .replacingOccurrences(of: #"\x08."#, with: "", options: .regularExpression)
        for command in CuesTool.spec.commands {
            #expect(text.contains("cues \(command.name)"))
            for option in command.options { #expect(text.contains("--\(option.long)"), "\(command.name) --\(option.long)") }
        }
    }
}

/// Whether /usr/bin holds the program `name`.
private func installed(_ name: String) -> Bool {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/" + name)
}
