/// The `cues` tool as help, completion scripts and the manual describe it.
struct ToolSpec: Sendable {
    var name: String
    var version: String
    var abstract: String
    /// Paragraphs, one per line.
    var discussion: String
    var commands: [CommandSpec]
}
