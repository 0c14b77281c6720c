/// Names listed in a diagnostic message, shortened when there are many:
/// `short, guests, image and 9 more`.
enum MetadataList {
    static func describe(_ names: [String], limit: Int = 6) -> String {
        guard names.count > limit else { return names.joined(separator: ", ") }
        return names.prefix(limit).joined(separator: ", ") + " and \(names.count - limit) more"
    }
}
