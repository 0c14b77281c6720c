import CueKit

/// What the tool says for a diagnostic's hint: the option that would help.
enum HintText {
    static func text(_ hint: Hint) -> String {
        switch hint {
        case .inputFormat(let format?): "pass --from \(format) to insist"
        case .inputFormat(nil): "pass --from FORMAT to choose"
        case .item: "pass --item N, GUID or TITLE to choose another"
        case .encoding: "pass --encoding NAME to read it in another encoding"
        case .baseURL: "pass --base-url URL to link them"
        case .checkCaptions: "'cues check --captions' lists them"
        case .outputFormat(let format): "write them with --to \(format)"
        }
    }

    /// `diagnostic`'s message with its hint said.
    static func message(_ diagnostic: Diagnostic) -> String {
        guard let hint = diagnostic.hint else { return diagnostic.message }
        return diagnostic.message + "; " + text(hint)
    }
}
