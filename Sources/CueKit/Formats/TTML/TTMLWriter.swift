public struct TTMLWriter: FormatWriter {
    public init() {}
    public var requiresTimes: Bool { true }
    public func write(_ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics) throws(Diagnostic) -> [UInt8] { [] }
}
