/// A reader that reads `SourceText.input` where the bytes are (a mapped
/// file included), so the converter does not copy them into an array first.
package protocol InPlaceReader {}
