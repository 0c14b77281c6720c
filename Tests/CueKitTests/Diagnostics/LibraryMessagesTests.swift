import Foundation
import Testing
@testable import CueKit

/// The library never names a command-line flag: what would help is a `Hint`,
/// which the tool says in its own terms.
@Suite("Library messages")
struct LibraryMessagesTests {
    @Test func noStringInTheLibraryNamesAFlag() throws {
        let sources = TestFiles.packageRoot.appendingPathComponent("Sources/CueKit")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(files.count > 50)
        // A double-dash option inside a string literal ("pass --from", "--to vtt").
        let flag = try NSRegularExpression(pattern: #""[^"\n]*[\s(]--[a-z][a-z-]+[^"\n]*""#)
        var found: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                let line = String(line)
                if flag.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil {
                    found.append("\(file.lastPathComponent): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test func hintsTravelWithTheirDiagnostics() throws {
        var diagnostics = Diagnostics()
        let error = #expect(throws: Diagnostic.self) {
            try Converter().read(Array("no format here".utf8), name: "notes", diagnostics: &diagnostics)
        }
        #expect(error?.code == "format.unrecognised")
        #expect(error?.hint == .inputFormat(nil))
        #expect(error?.message.hasPrefix("cannot tell the input's format from its content or name; it can be read as episode, ") == true)
    }
}
