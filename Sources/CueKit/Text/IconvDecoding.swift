#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts bytes in a named encoding to UTF-8 with the C library's iconv.
enum IconvDecoding {
    enum Failure: Error {
        /// iconv does not know the encoding name.
        case unknownEncoding
        /// The bytes at `offset` are not valid in the encoding; `decoded` is
        /// the UTF-8 output up to them.
        case invalid(offset: Int, decoded: [UInt8])
        /// The input ends inside a character.
        case incomplete(offset: Int, decoded: [UInt8])
    }

    /// Whether iconv knows `encoding` by that name.
    static func knows(_ encoding: String) -> Bool {
        let descriptor = iconv_open("UTF-8", encoding)
        if Int(bitPattern: descriptor) == -1 { return false }
        iconv_close(descriptor)
        return true
    }

    /// `bytes` in `encoding`, as UTF-8.
    static func decode(_ bytes: [UInt8], from encoding: String) -> Result<[UInt8], Failure> {
        let descriptor = iconv_open("UTF-8", encoding)
        if Int(bitPattern: descriptor) == -1 { return .failure(.unknownEncoding) }
        defer { iconv_close(descriptor) }
        if bytes.isEmpty { return .success([]) }

        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 64)
        var inputOffset = 0
        var outputOffset = 0
        /// One iconv call from the current offsets; returns errno, or 0 on success.
        func step(flush: Bool) -> Int32 {
            bytes.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in
                    var inputPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(
                        mutating: input.baseAddress! + inputOffset).assumingMemoryBound(to: CChar.self)
                    var inputLeft = input.count - inputOffset
                    var outputPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(
                        out.baseAddress! + outputOffset).assumingMemoryBound(to: CChar.self)
                    var outputLeft = out.count - outputOffset
                    let result = flush
                        ? iconv(descriptor, nil, nil, &outputPointer, &outputLeft)
                        : iconv(descriptor, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
                    let code = result == -1 ? errno : 0
                    inputOffset = input.count - inputLeft
                    outputOffset = out.count - outputLeft
                    return code
                }
            }
        }
        while inputOffset < bytes.count {
            switch step(flush: false) {
            case 0: continue
            case E2BIG: output.append(contentsOf: repeatElement(0, count: output.count))
            case EILSEQ: return .failure(.invalid(offset: inputOffset, decoded: Array(output[..<outputOffset])))
            default: return .failure(.incomplete(offset: inputOffset, decoded: Array(output[..<outputOffset])))
            }
        }
        // Return a stateful encoding (ISO-2022) to its initial state.
        while step(flush: true) == E2BIG {
            output.append(contentsOf: repeatElement(0, count: output.count))
        }
        output.removeSubrange(outputOffset...)
        return .success(output)
    }
}
