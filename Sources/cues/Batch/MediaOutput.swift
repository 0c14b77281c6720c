import CueKit

/// The MP3 an `id3` output is made from (`--media`), and whether the output
/// replaces it (`--in-place`).
struct MediaOutput: Sendable {
    var path: String
    var inPlace: Bool

    /// The files no output of the run may replace: the inputs and the media
    /// file, except with `--in-place`, where the media file is the output
    /// (even when it is the input too: it is read whole before it is
    /// replaced, atomically).
    func protecting(_ inputs: Set<FileIO.Identity>) -> Set<FileIO.Identity> {
        guard let identity = FileIO.identity(path) else { return inputs }
        var protected = inputs
        if inPlace { protected.remove(identity) } else { protected.insert(identity) }
        return protected
    }
}

extension MediaFile {
    /// Copies the audio after the tag already written into `file`, or to
    /// standard output when there is no file; the error, if any.
    func appendAudio(to file: OutputFile?) -> Diagnostic? {
        do throws(FileIO.Failure) {
            try copyAudio { (bytes) throws(FileIO.Failure) in
                if let file { try file.append(bytes) } else { try StandardOutput.write(bytes) }
            }
            return nil
        } catch {
            return error.diagnostic
        }
    }
}
