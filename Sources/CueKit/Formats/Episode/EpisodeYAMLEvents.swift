import Yams

/// Where a YAML node starts in the front matter: 1-based line (counted from
/// the first line after the opening `---`) and 1-based column in Unicode
/// scalars, as libyaml and Yams count them.
struct EpisodeMark: Hashable, Sendable {
    var line: Int
    var column: Int

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    init(_ mark: Mark) {
        self.init(line: mark.line, column: mark.column)
    }
}

/// A YAML node as the episode walk meets it, in document order: a scalar
/// whole, a collection only by its kind. A collection's children follow it
/// from `EpisodeYAMLEvents.next()` (a mapping's as key, value, key, value),
/// then `nil` ends it.
struct EpisodeYAMLNode {
    enum Kind {
        case scalar(String, Node.Scalar.Style)
        case sequence
        case mapping
        case alias
    }

    var kind: Kind
    var mark: EpisodeMark?
}

/// The front matter as a stream of nodes. The walk in `EpisodeReader` reads
/// one of these; `YamsNodeEvents` gives the nodes of a tree Yams composed,
/// `EpisodeFrontMatterScanner` scans them straight from the bytes.
protocol EpisodeYAMLEvents {
    /// The root node; nil when the front matter holds no node at all.
    mutating func root() throws(Diagnostic) -> EpisodeYAMLNode?

    /// The next child of the innermost open collection, or nil when it has
    /// no more (which closes it).
    mutating func next() throws(Diagnostic) -> EpisodeYAMLNode?

    /// About how many items the sequence just opened holds (for reserving
    /// room); called right after `next()` or `root()` gave the sequence.
    mutating func itemCountHint() -> Int
}

/// The nodes of a tree `Yams.compose` built, in document order.
struct YamsNodeEvents: EpisodeYAMLEvents {
    private enum Open {
        case sequence(Node.Sequence, next: Int)
        /// `next` counts keys and values: even is a key, odd its value.
        case mapping(Node.Mapping, next: Int)
    }

    private var rootNode: Node?
    private var open: [Open] = []

    init(root: Node?) {
        rootNode = root
    }

    mutating func root() -> EpisodeYAMLNode? {
        guard let rootNode else { return nil }
        return enter(rootNode)
    }

    mutating func next() -> EpisodeYAMLNode? {
        guard let last = open.popLast() else { return nil }
        switch last {
        case .sequence(let sequence, let next):
            guard next < sequence.count else { return nil }
            open.append(.sequence(sequence, next: next + 1))
            return enter(sequence[sequence.index(sequence.startIndex, offsetBy: next)])
        case .mapping(let mapping, let next):
            guard next < 2 * mapping.count else { return nil }
            open.append(.mapping(mapping, next: next + 1))
            let pair = mapping[mapping.index(mapping.startIndex, offsetBy: next / 2)]
            return enter(next % 2 == 0 ? pair.key : pair.value)
        }
    }

    mutating func itemCountHint() -> Int {
        guard case .sequence(let sequence, _)? = open.last else { return 0 }
        return sequence.count
    }

    private mutating func enter(_ node: Node) -> EpisodeYAMLNode {
        switch node {
        case .scalar(let scalar):
            return EpisodeYAMLNode(kind: .scalar(scalar.string, scalar.style), mark: scalar.mark.map(EpisodeMark.init))
        case .sequence(let sequence):
            open.append(.sequence(sequence, next: 0))
            return EpisodeYAMLNode(kind: .sequence, mark: sequence.mark.map(EpisodeMark.init))
        case .mapping(let mapping):
            open.append(.mapping(mapping, next: 0))
            return EpisodeYAMLNode(kind: .mapping, mark: mapping.mark.map(EpisodeMark.init))
        case .alias(let alias):
            return EpisodeYAMLNode(kind: .alias, mark: alias.mark.map(EpisodeMark.init))
        }
    }
}
