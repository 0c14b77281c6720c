#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSystemCalls

/// A regular file mapped read-only into memory, unmapped when released.
///
/// Mapping spares copying the file and clearing new pages for the copy,
/// which take as long as the rest of a large conversion's start. A file that
/// another program truncates meanwhile would end the process with SIGBUS:
/// the region is guarded instead (`cues_mapping_guard_add`), so a read past
/// the file's new end sees zeros and marks the region, and `change()` then
/// reports the truncation, as it reports any other change of the file.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The file, kept open to see whether it changes.
    private let descriptor: Int32
    private let status: stat
    private let slot: Int32

    /// The SIGBUS handler, installed once before the first mapping.
    private static let guardInstalled: Void = { cues_mapping_guard_install() }()

    /// Maps the open regular file described by `info`; nil when it cannot be
    /// mapped or guarded (read it instead). On Linux the pages are mapped at
    /// once (`MAP_POPULATE`), not one fault at a time.
    init?(_ descriptor: Int32, info: stat) {
        _ = Self.guardInstalled
        let count = Int(info.st_size)
        #if canImport(Glibc)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard count > 0, let base = mmap(nil, count, PROT_READ, flags, descriptor, 0), base != MAP_FAILED else { return nil }
        let slot = cues_mapping_guard_add(base, count)
        let kept = dup(descriptor)
        guard slot >= 0, kept >= 0 else {
            if slot >= 0 { cues_mapping_guard_remove(slot) }
            if kept >= 0 { close(kept) }
            munmap(base, count)
            return nil
        }
        bytes = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count)
        self.descriptor = kept
        self.slot = slot
        status = info
    }

    /// What happened to the file since it was mapped, nil when nothing did.
    func change() -> String? {
        if let change = FileChange(descriptor, since: status) { return change.description }
        if cues_mapping_guard_faulted(slot) != 0 { return "it was truncated while it was read" }
        return nil
    }

    deinit {
        cues_mapping_guard_remove(slot)
        munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        close(descriptor)
    }
}
