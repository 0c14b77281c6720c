/// Which TTML the `ttml` writer makes.
public enum TTMLProfile: String, Sendable, CaseIterable {
    /// IMSC 1.1 Text (`ttp:contentProfiles` names it): what streaming and
    /// broadcast deliveries ask for today.
    case imsc
    /// TTML 1 as DFXP consumers read it (pycaption, older players): no
    /// profile attribute, no TTML2 feature (ruby is written as its base
    /// text with the annotation in parentheses).
    case dfxp
}
