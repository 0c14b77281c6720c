import CueKit

/// Where and how outputs are written.
struct OutputOptions {
    static let to = OptionSpec.option(
        "to", valueName: "format[,format...]", required: true, completion: .list(FormatRegistry.standard.writableIDs),
        help: "Output formats, comma-separated (see 'cues formats').")
    static let output = OptionSpec.option(
        "output", short: "o", valueName: "file", completion: .file,
        help: "The output file for one input and one format; '-' is standard output (the default).")
    static let outDirectory = OptionSpec.option(
        "out-dir", valueName: "dir", completion: .directory,
        help: "Write DIR/<input name>.<format extension> for every input and format.")
    static let force = OptionSpec.flag("force", short: "f", help: "Replace output files that already exist.")
    static let name = OptionSpec.option(
        "name", valueName: "template", default: ItemNames.defaultTemplate,
        help: "How a feed's items are named with --out-dir: {item} (zero-padded), {episode}, {season}, {slug}, {guid}, {date}.")
    static let baseURL = OptionSpec.option(
        "base-url", valueName: "URL",
        help: "The URL the feed's sibling files are published under: an RSS output links <stem>.chapters.json and <stem>.vtt there.")
    static let profile = OptionSpec.option(
        "profile", valueName: "imsc|dfxp", default: TTMLProfile.imsc.rawValue,
        completion: .list(TTMLProfile.allCases.map(\.rawValue)),
        help: "The TTML a ttml output is: imsc (IMSC 1.1 Text, the default) or dfxp (TTML 1 for older DFXP readers).")
    static let crlf = OptionSpec.flag("crlf", help: "End output lines with CR LF instead of LF.")
    static let bom = OptionSpec.flag(
        "bom", help: "Start the output with a UTF-8 byte order mark (some players need one, others reject it).")
    static let font = OptionSpec.option(
        "font", valueName: "name", help: "The captions' font in an ASS output (default Arial).")
    static let fontSize = OptionSpec.option(
        "font-size", valueName: "n",
        help: "The captions' font size in an ASS output, in script pixels (default 1/18 of its PlayResY: 60 at 1080).")
    static let position = OptionSpec.option(
        "position", valueName: "place", completion: .list(ASSWriteOptions.Position.allCases.map(\.rawValue)),
        help: "Where an ASS output's captions sit: bottom (the default), middle or top; a cue's own position still wins.")
    static let media = OptionSpec.option(
        "media", valueName: "file|URL", completion: .file,
        help: "The media the output goes with: for id3, the MP3 the chapters are put into (a new file of its tag with the chapters and its audio unchanged); for html, the audio or video the page plays (a URL relative to the page, or absolute).")
    static let inPlace = OptionSpec.flag(
        "in-place", help: "Write the id3 output over the --media file itself (with --force), atomically.")
    static let options = [to, output, outDirectory, force, name, baseURL, profile, crlf, bom, font, fontSize, position, media, inPlace]

    var formats: [FormatID]
    var output: String?
    var outDirectory: String?
    var force: Bool
    var itemNames: ItemNames
    var writeOptions: WriteOptions
    /// The MP3 an `id3` output is made from (`--media`).
    var media: String?
    /// Whether the `id3` output replaces the media file (`--in-place`).
    var inPlace: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        formats = arguments.string(Self.to).split(separator: ",").map { FormatID(String($0).trimmingCharacters()) }
        output = arguments.value(Self.output)
        outDirectory = arguments.value(Self.outDirectory)
        force = arguments.flag(Self.force)
        itemNames = ItemNames(template: arguments.string(Self.name))
        if let field = itemNames.unknownField {
            throw UsageError("--name knows the fields {\(ItemNames.fields.joined(separator: "}, {"))}, found '{\(field)}'")
        }
        let profileName = arguments.string(Self.profile)
        guard let profile = TTMLProfile(rawValue: profileName) else {
            throw UsageError("--profile is imsc or dfxp, found '\(profileName)'")
        }
        writeOptions = WriteOptions(
            crlf: arguments.flag(Self.crlf), byteOrderMark: arguments.flag(Self.bom), baseURL: arguments.value(Self.baseURL),
            ttmlProfile: profile, ass: try Self.assOptions(arguments), html: HTMLWriteOptions(mediaURL: arguments.value(Self.media)))
        if writeOptions.html.mediaURL?.trimmingCharacters().isEmpty == true {
            throw UsageError("--media expects the URL of the audio or video, found nothing")
        }
        let registry = FormatRegistry.standard
        for format in formats where registry[format]?.writer == nil {
            throw UsageError("unknown output format '\(format)'; expected one of \(registry.writableIDs.joined(separator: ", "))")
        }
        if formats.isEmpty { throw UsageError("--to needs at least one format") }
        if Set(formats).count != formats.count { throw UsageError("--to names a format twice") }
        if output != nil && outDirectory != nil { throw UsageError("use -o for one output file or --out-dir for many, not both") }
        media = arguments.value(Self.media)
        inPlace = arguments.flag(Self.inPlace)
        try checkMedia()
    }

    /// The rules of `--media` and `--in-place`: an `id3` output needs the
    /// MP3 it goes into, and is written over it only when asked; an `html`
    /// output plays the media named (a URL, not read).
    private mutating func checkMedia() throws(UsageError) {
        let writesID3 = formats.contains(.id3)
        guard let media else {
            if writesID3 { throw UsageError("--to id3 needs --media FILE: the MP3 the chapters go into") }
            if inPlace { throw UsageError("--in-place needs --media FILE and --to id3") }
            return
        }
        if !writesID3 {
            if !formats.contains(.html) { throw UsageError("--media is for an id3 or html output; add one to --to") }
            if inPlace { throw UsageError("--in-place needs --to id3") }
            return
        }
        if FileIO.isDirectory(media) { throw UsageError("--media expects an MP3 file, found the directory '\(media)'") }
        guard inPlace else {
            if let output, output != "-", FileIO.sameFile(output, media) {
                throw UsageError("the output '\(output)' is the --media file; pass --in-place (with --force) to write over it")
            }
            return
        }
        if formats.count > 1 { throw UsageError("--in-place writes the id3 output only; convert to other formats in another run") }
        if output != nil || outDirectory != nil { throw UsageError("--in-place writes over the --media file; leave out -o and --out-dir") }
        output = media
    }
}

extension OutputOptions {
    /// `--font`, `--font-size` and `--position`.
    private static func assOptions(_ arguments: ParsedArguments) throws(UsageError) -> ASSWriteOptions {
        var options = ASSWriteOptions(font: arguments.value(font))
        if options.font?.trimmingCharacters().isEmpty == true { throw UsageError("--font expects a font name, found nothing") }
        options.fontSize = try arguments.integer(fontSize)
        if let size = options.fontSize, !(1...10_000).contains(size) {
            throw UsageError("--font-size expects a size from 1 to 10000, found '\(size)'")
        }
        if let place = arguments.value(position) {
            guard let found = ASSWriteOptions.Position(rawValue: place) else {
                let places = ASSWriteOptions.Position.allCases.map(\.rawValue).joined(separator: ", ")
                throw UsageError("--position expects \(places), found '\(place)'")
            }
            options.position = found
        }
        return options
    }
}

extension String {
    func trimmingCharacters() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }

    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
