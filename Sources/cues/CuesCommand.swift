import ArgumentParser

@main
struct CuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cues",
        abstract: "Convert subtitles, transcripts and chapters between formats through one timeline.",
        version: "0.1.0",
        subcommands: [Convert.self, Formats.self]
    )
}
