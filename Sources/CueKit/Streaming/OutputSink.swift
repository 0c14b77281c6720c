/// Where one output of a conversion goes, in chunks, in order: a file being
/// written, a socket, a buffer (see `Converter.convert(_:name:from:into:transform:diagnostics:)`
/// and `CueWriter.flush(to:)`).
public protocol OutputSink: AnyObject {
    /// Appends `bytes` (valid during the call only) to the output; throws
    /// when they cannot be written.
    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(Diagnostic)
}
