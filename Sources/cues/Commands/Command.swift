/// A command of the `cues` tool.
protocol Command {
    static var spec: CommandSpec { get }

    /// Takes the parsed command line; a usage error when a value is wrong.
    init(_ arguments: ParsedArguments) throws(UsageError)

    /// Runs the command: true when every input succeeded.
    func run() throws(UsageError) -> Bool
}
