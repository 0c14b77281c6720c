import Foundation
import Testing
@testable import CueKit

/// The README's formats table lists every format of the registry, with the
/// extensions `cues formats` lists, in the same order.
@Suite("README formats table")
struct ReadmeFormatsTableTests {
    @Test func theTableListsEveryFormatWithItsExtensions() throws {
        let readme = try String(contentsOf: TestFiles.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { row in
            row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let table = rows.map { cells -> (id: String, extensions: [String]) in
            let id = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let extensions = cells[cells.count - 1].split(separator: ",").map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: "` ")).dropFirst().description
            }
            return (id, extensions)
        }
        let registry = FormatRegistry.standard.formats
        #expect(table.map(\.id) == registry.map(\.id.rawValue))
        for (row, format) in zip(table, registry) {
            #expect(row.extensions == format.extensions, "\(format.id)")
        }
    }
}
