/// The TTML namespaces, matched by URI (never by prefix): TTML 1 and 2
/// (`http://www.w3.org/ns/ttml`) and the DFXP drafts before it
/// (`http://www.w3.org/2006/10/ttaf1`, `…/2006/04/ttaf1`, `…/2004/11/ttaf1`),
/// each with its `#parameter`, `#styling` (drafts: also `#style`) and
/// `#metadata` namespaces.
enum TTMLNamespace {
    /// The TTML namespace every writer uses.
    static let ttml = "http://www.w3.org/ns/ttml"
    static let parameter = ttml + "#parameter"
    static let styling = ttml + "#styling"
    static let metadata = ttml + "#metadata"

    /// The namespaces of the root `tt`, TTML first.
    static let documentURIs = [
        ttml, "http://www.w3.org/2006/10/ttaf1", "http://www.w3.org/2006/04/ttaf1", "http://www.w3.org/2004/11/ttaf1",
    ]

    /// What a namespace URI is, for the reader.
    enum Kind { case content, parameter, styling, metadata }

    /// The kind of `uri`, or nil for a namespace that is not TTML's.
    static func kind(of uri: String?) -> Kind? {
        guard let uri else { return nil }
        // The four TTML namespaces, compared whole first: most documents use only them.
        switch uri {
        case ttml: return .content
        case styling: return .styling
        case metadata: return .metadata
        case parameter: return .parameter
        default: break
        }
        for base in documentURIs.dropFirst() where uri.hasPrefix(base) {
            switch uri.dropFirst(base.count) {
            case "": return .content
            case "#parameter": return .parameter
            case "#styling", "#style": return .styling
            case "#metadata": return .metadata
            default: return nil
            }
        }
        return nil
    }
}

extension XMLTree.Element {
    /// Whether this is the TTML element `name` (in any TTML or DFXP namespace).
    func isTTML(_ name: String) -> Bool {
        localName == name && TTMLNamespace.kind(of: namespaceURI) == .content
    }

    /// Whether this is the TTML metadata element `name` (`ttm:agent`).
    func isTTMLMetadata(_ name: String) -> Bool {
        localName == name && TTMLNamespace.kind(of: namespaceURI) == .metadata
    }

    /// The attribute `name` in the TTML namespace of `kind` (`tts:color`).
    func ttmlAttribute(_ kind: TTMLNamespace.Kind, _ name: String) -> String? {
        attributes.first { $0.localName == name && TTMLNamespace.kind(of: $0.namespaceURI) == kind }?.value
    }

    /// The `xml:` attribute `name` (`xml:id`, `xml:lang`, `xml:space`).
    func xmlAttribute(_ name: String) -> String? {
        attributes.first { $0.localName == name && $0.namespaceURI == XMLElementFields.xmlNamespace }?.value
    }

    /// The element's id: `xml:id`, or the plain `id` old DFXP files use.
    var ttmlID: String? { xmlAttribute("id") ?? attribute("id") }

    /// The element's content in order: text (CDATA included) and child
    /// elements; comments and processing instructions left out.
    var textAndElements: [TTMLContent] {
        if content.isEmpty {
            if !children.isEmpty { return children.indices.map { .element($0) } }
            return text.isEmpty ? [] : [.text(text)]
        }
        return content.compactMap { piece in
            switch piece {
            case .text(let text), .cdata(let text): return .text(text)
            case .element(let index): return .element(index)
            case .comment, .instruction: return nil
            }
        }
    }
}

/// One piece of an element's content: text, or the child at an index.
enum TTMLContent {
    case text(String)
    case element(Int)
}
