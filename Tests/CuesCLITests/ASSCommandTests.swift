import Foundation
import Testing

/// The ASS options of `cues convert`, run as a user would.
@Suite("cues convert with ASS")
struct ASSCommandTests {
    @Test func fontSizeAndPositionStyleTheScript() throws {
        let result = try Cues.run([
            "convert", Cues.sample("srt/canonical.srt"), "--to", "ass", "--font", "DejaVu Sans", "--font-size", "48",
            "--position", "top",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(
            "\nStyle: Default,DejaVu Sans,48,&H00FFFFFF,&H000000FF,&H00000000,&H80000000,0,0,0,0,100,100,0,0,1,3,1,8,96,96,54,1\n"))
    }

    @Test func withoutOptionsTheDefaultStyleIsSizedToTheScript() throws {
        let result = try Cues.run(["convert", Cues.sample("srt/canonical.srt"), "--to", "ass"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\nStyle: Default,Arial,60,"))
    }

    @Test func badValuesAreUsageErrors() throws {
        let position = try Cues.run(["convert", Cues.sample("ass/styled.ass"), "--to", "ass", "--position", "left"])
        #expect(position.status != 0)
        #expect(position.stderr.contains("--position expects bottom, middle, top, found 'left'"))
        let size = try Cues.run(["convert", Cues.sample("ass/styled.ass"), "--to", "ass", "--font-size", "0"])
        #expect(size.status != 0)
        #expect(size.stderr.contains("--font-size expects a size from 1 to 10000, found '0'"))
    }

    @Test func anASSScriptIsSniffedAndGivesItsScriptBack() throws {
        let result = try Cues.run(["convert", Cues.sample("ass/styled.ass"), "--to", "ass"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == (try String(contentsOfFile: Cues.sample("ass/styled.ass"), encoding: .utf8)))
    }
}
