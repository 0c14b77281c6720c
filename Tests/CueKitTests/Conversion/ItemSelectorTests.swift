import Testing
@testable import CueKit

/// `--item`: positions, lists and ranges, latest, a guid or a title.
@Suite("Item selection")
struct ItemSelectorTests {
    static let items: [Timeline] = [
        ("Episode 3", "guid-3", "Wed, 03 Jan 2024 10:00:00 GMT"),
        ("Episode 1, the first", "guid-1", "Mon, 01 Jan 2024 10:00:00 GMT"),
        ("Episode 4", "guid-4", "Thu, 04 Jan 2024 09:00:00 +0100"),
        ("Episode 2", "7", "Tue, 02 Jan 2024 10:00:00 -0500"),
    ].map { title, guid, date in
        Timeline(metadata: [Field("title", .string(title)), Field("guid", .string(guid)), Field("pubDate", .string(date))])
    }

    private func indices(_ text: String) -> [Int]? {
        ItemSelector(text).indices(in: Self.items)
    }

    @Test func positionsListsAndRanges() {
        #expect(indices("2") == [1])
        #expect(indices("1,3") == [0, 2])
        #expect(indices("2-4") == [1, 2, 3])
        #expect(indices("4, 1-2, 2") == [3, 0, 1])
        #expect(indices("0") == nil)
        #expect(indices("5") == nil)
        #expect(indices("1,9") == nil)
        #expect(indices("3-2") == nil)
    }

    @Test func guidsAndTitlesBeforeLists() {
        #expect(indices("guid-4") == [2])
        // A title holding a comma is a title, not a list.
        #expect(indices("Episode 1, the first") == [1])
        // A number out of range may still be a guid.
        #expect(indices("7") == [3])
        #expect(indices("Episode 9") == nil)
    }

    @Test func latestIsTheLatestDate() {
        // 04 Jan 09:00 +0100 is 08:00 UTC, still the latest.
        #expect(indices("latest") == [2])
        #expect(indices("latest,1") == [2, 0])
        let undated = [Timeline(metadata: [Field("title", .string("A"))]), Timeline(metadata: [Field("title", .string("B"))])]
        #expect(ItemSelector("latest").indices(in: undated) == [0])
        #expect(ItemSelector("latest").indices(in: []) == nil)
    }

    @Test func whetherAnItemMayBeSelectedIsKnownAsItIsRead() {
        let item = Self.items[1]  // position 1: "Episode 1, the first", guid-1
        #expect(ItemSelector("2").mightSelect(position: 1, item))
        #expect(!ItemSelector("3").mightSelect(position: 1, item))
        #expect(ItemSelector("1-3").mightSelect(position: 1, item))
        #expect(!ItemSelector("3-9,1").mightSelect(position: 1, item))
        #expect(ItemSelector("guid-1").mightSelect(position: 1, item))
        #expect(ItemSelector("Episode 1, the first").mightSelect(position: 1, item))
        #expect(!ItemSelector("Episode 4").mightSelect(position: 1, item))
        #expect(ItemSelector("latest").mightSelect(position: 1, item))
        // Whatever mightSelect rules out, indices never selects.
        for text in ["2", "3", "1-3", "3-9,1", "guid-1", "Episode 4", "latest", "1,latest", "7"] {
            let selected = ItemSelector(text).indices(in: Self.items) ?? []
            for (position, timeline) in Self.items.enumerated() where selected.contains(position) {
                #expect(ItemSelector(text).mightSelect(position: position, timeline), "\(text) \(position)")
            }
        }
    }

    @Test func nothingSelectedListsTheChoices() {
        let error = #expect(throws: Diagnostic.self) { try ItemSelector("12").select(from: Self.items, name: "feed.rss") }
        #expect(error?.code == "input.no-such-item")
        #expect(error?.location?.file == "feed.rss")
        #expect(error?.message.hasPrefix("expected item numbers from 1 to 4 (a list such as 1,3,5-9), latest, a guid or a title, found '12'; the items are 1 'Episode 3', 2 'Episode 1, the first'") == true)
        #expect(error?.hint == .item)
    }

    @Test func rfc822DatesRead() {
        #expect(RFC822Date.seconds("Thu, 01 Jan 1970 00:00:00 GMT") == 0)
        #expect(RFC822Date.seconds("Mon, 01 Jan 2024 10:00:00 GMT") == 1_704_103_200)
        #expect(RFC822Date.seconds("1 Jan 24 10:00 +0100") == 1_704_099_600)
        #expect(RFC822Date.seconds("Mon, 1 January 2024 10:00:00 EST") == 1_704_121_200)
        #expect(RFC822Date.seconds("2024-01-01T10:00:00Z") == nil)
        #expect(RFC822Date.seconds("Mon, 32 Jan 2024 10:00:00 GMT") == nil)
    }
}
