/// A place in an input file: 1-based line and column (column counted in
/// Unicode scalars).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as the user named it; nil for unnamed input.
    public var file: String?
    public var line: Int
    public var column: Int

    public init(file: String? = nil, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col`, or `line:col` without a file.
    public var description: String {
        let position = "\(line):\(column)"
        guard let file else { return position }
        return "\(file):\(position)"
    }
}
