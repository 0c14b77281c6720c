import ArgumentParser

@main
struct CuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cues",
        abstract: "Convert subtitles, transcripts and chapters between formats through one timeline.",
        discussion: """
            Exit status: 0 when every input succeeded, 1 when any input failed, 64 on a usage error.
            Shell completions: cues --generate-completion-script bash|zsh|fish.
            """,
        version: "0.1.0",
        subcommands: [ConvertCommand.self, CheckCommand.self, InfoCommand.self, FormatsCommand.self]
    )
}
