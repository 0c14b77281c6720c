#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `cues` tool: picks the command, prints help, the version and usage
/// errors, and ends with the command's exit status.
@main
enum CuesTool {
    static var commands: [any Command.Type] { [ConvertCommand.self, PreviewCommand.self, CheckCommand.self, InfoCommand.self, FormatsCommand.self] }

    static let spec = ToolSpec(
        name: "cues",
        version: "0.1.0",
        abstract: "Convert subtitles, transcripts and chapters between formats through one timeline.",
        discussion: """
            Exit status: 0 when every input succeeded, 1 when any input failed, 64 on a usage error.
            Shell completions: cues --generate-completion-script bash|zsh|fish. Manual: cues --generate-manual.
            """,
        commands: commands.map { $0.spec })

    static func main() {
        let status = run(Array(CommandLine.arguments.dropFirst()))
        // Whatever the command said, output that could not be written is a
        // failure.
        if let failure = StandardOutput.failure {
            DiagnosticPrinter().error(failure.message)
            exit(status == 0 ? 1 : status)
        }
        exit(status)
    }

    /// Runs the command line `words` (without the tool's name); the exit status.
    static func run(_ words: [String]) -> Int32 {
        switch words.first {
        case nil, "-h", "--help":
            return printed(HelpText.tool(spec))
        case "--version":
            return printed(spec.version)
        case "--generate-manual":
            return printed(ManualPage.text(spec))
        case "--generate-completion-script":
            guard words.count == 2, let script = CompletionScript.text(for: words[1], tool: spec) else {
                return usageError(
                    "--generate-completion-script expects one of \(CompletionScript.shells.joined(separator: ", "))",
                    usage: "cues --generate-completion-script <shell>", help: "cues --help")
            }
            return printed(script, newline: false)
        case "help":
            guard words.count > 1 else { return printed(HelpText.tool(spec)) }
            guard let command = command(named: words[1]) else { return unknownCommand(words[1]) }
            return printed(HelpText.command(command.spec))
        case let name?:
            guard let command = command(named: name) else { return unknownCommand(name) }
            let rest = Array(words.dropFirst())
            if rest.prefix(while: { $0 != "--" }).contains(where: { $0 == "-h" || $0 == "--help" }) {
                return printed(HelpText.command(command.spec))
            }
            do throws(UsageError) {
                return try command.init(ParsedArguments(rest, for: command.spec)).run() ? 0 : 1
            } catch {
                return usageError(error.message, usage: command.spec.usage, help: "cues \(name) --help")
            }
        }
    }

    private static func command(named name: String) -> (any Command.Type)? {
        commands.first { $0.spec.name == name }
    }

    private static func unknownCommand(_ name: String) -> Int32 {
        usageError(
            "unknown command '\(name)'; expected one of \(spec.commands.map(\.name).joined(separator: ", "))",
            usage: "cues <command> [<options>] ...", help: "cues --help")
    }

    /// Prints `text` on standard output; status 0.
    private static func printed(_ text: String, newline: Bool = true) -> Int32 {
        StandardOutput.print(text, newline: newline)
        return 0
    }

    /// Prints a usage error on standard error; status 64.
    private static func usageError(_ message: String, usage: String, help: String) -> Int32 {
        DiagnosticPrinter().error(message)
        DiagnosticPrinter.writeLine("usage: \(usage)\n  See '\(help)' for more.")
        return 64
    }
}
