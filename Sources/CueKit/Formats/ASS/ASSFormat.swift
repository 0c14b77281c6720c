/// Advanced SubStation Alpha (ASS, `v4.00+`) and SubStation Alpha (SSA,
/// `v4.00`) scripts: registration and content sniffing.
public enum ASSFormat {
    public static let format = Format(
        id: .ass,
        name: "Advanced SubStation Alpha (ASS/SSA)",
        kind: .captions,
        extensions: ["ass", "ssa"],
        mediaTypes: ["text/x-ssa", "text/x-ass"],
        reader: ASSReader(),
        writer: ASSWriter(),
        sniff: { head in looksLikeASS(head) },
        extrasLoss: { extras, target in ASSExtras.lossWarning(extras, target: target) }
    )

    /// Whether the first line that is not blank is `[Script Info]` (any case).
    static func looksLikeASS(_ head: ArraySlice<UInt8>) -> Bool {
        var index = head.startIndex
        while index < head.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(head[index]) { index += 1 }
        let signature = Array("[script info]".utf8)
        guard head.endIndex - index >= signature.count else { return false }
        for (offset, byte) in signature.enumerated() {
            let found = head[index + offset]
            let lowered = found &- 0x41 < 26 ? found | 0x20 : found
            if lowered != byte { return false }
        }
        return true
    }
}
