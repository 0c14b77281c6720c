/// The bytes of an input: an array's, or memory that an owner keeps valid
/// while it lives (the `cues` tool maps a large file into memory instead of
/// copying it into an array).
package struct InputBytes: @unchecked Sendable {
    private enum Storage {
        case array([UInt8])
        /// Read-only memory, valid while `owner` lives.
        case region(UnsafeBufferPointer<UInt8>, owner: AnyObject)
    }

    private let storage: Storage

    /// False once a check found no carriage return and no NUL in the bytes
    /// (`TextDecoding`, in its UTF-8 pass), so that a reader that would
    /// replace them need not look again; true when unknown.
    package var mayHoldCarriageReturnOrNUL = true

    package init(_ array: [UInt8]) {
        storage = .array(array)
    }

    /// `region`, valid (and unchanged) while `owner` lives.
    package init(region: UnsafeBufferPointer<UInt8>, owner: AnyObject) {
        storage = .region(region, owner: owner)
    }

    package var count: Int {
        switch storage {
        case .array(let array): array.count
        case .region(let region, _): region.count
        }
    }

    /// Calls `body` with the bytes, valid during the call.
    package func withUnsafeBufferPointer<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        switch storage {
        case .array(let array):
            // Straight through (its errors are typed): a `Swift.Result` in
            // between had the runtime look up `Failure: Error` at start-up,
            // a scan of every conformance record of the binary.
            return try array.withUnsafeBufferPointer(body)
        case .region(let region, let owner):
            defer { withExtendedLifetime(owner) {} }
            return try body(region)
        }
    }

    /// The bytes as an array: the array itself, or a copy of the region.
    package var array: [UInt8] {
        switch storage {
        case .array(let array): array
        case .region(let region, _): Array(region)
        }
    }

    /// The first `count` bytes (or fewer), copied.
    package func prefix(_ count: Int) -> [UInt8] {
        withUnsafeBufferPointer { Array($0.prefix(count)) }
    }
}
