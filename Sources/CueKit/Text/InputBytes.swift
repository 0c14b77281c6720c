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
            // `withUnsafeBufferPointer` of an array rethrows untyped errors.
            // (Not through a `Swift.Result`: making its type for a new
            // `Failure` asks the runtime whether `Failure` is an `Error`, a
            // scan of every conformance record of the binary at start-up.)
            var failure: Failure?
            let value: Result? = array.withUnsafeBufferPointer { bytes in
                do throws(Failure) { return try body(bytes) } catch { failure = error; return nil }
            }
            if let failure { throw failure }
            return value!
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
