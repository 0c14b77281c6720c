/// Builds nested spans from open and close events.
struct SpanBuilder {
    /// The deepest nesting of open tags kept (as for WebVTT); deeper ones are
    /// for the caller to ignore, see `canOpen`.
    static let maximumDepth = 64

    private struct Open {
        var name: String
        /// Nil for a tag that maps to no element; its children go to the parent.
        var element: SpanElement?
        var children: [Span]
    }

    private var stack: [Open] = [Open(name: "", element: nil, children: [])]
    /// Opening tags ignored for being too deep: how many, and where the first was.
    private(set) var tooDeep: (count: Int, firstOffset: Int)?

    /// Whether one more tag may open without passing `maximumDepth`.
    var canOpen: Bool { stack.count <= Self.maximumDepth }

    /// The name of the innermost open tag; nil when none is open.
    var innermostName: String? { stack.count > 1 ? stack[stack.count - 1].name : nil }

    /// Records an opening tag at `offset` left out for being too deep.
    mutating func ignoreTooDeep(at offset: Int) {
        tooDeep = (count: (tooDeep?.count ?? 0) + 1, firstOffset: tooDeep?.firstOffset ?? offset)
    }

    /// Appends text, joining it to text just before.
    mutating func text(_ text: String) {
        let top = stack.count - 1
        if case .text(let previous)? = stack[top].children.last {
            stack[top].children[stack[top].children.count - 1] = .text(previous + text)
        } else {
            stack[top].children.append(.text(text))
        }
    }

    mutating func lineBreak() {
        stack[stack.count - 1].children.append(.lineBreak)
    }

    mutating func open(_ name: String, _ element: SpanElement?) {
        stack.append(Open(name: name, element: element, children: []))
    }

    /// Closes the innermost open tag named `name` and those inside it; a
    /// closing tag with no open tag of its name is ignored.
    mutating func close(_ name: String) {
        guard let position = stack.lastIndex(where: { $0.name == name }), position > 0 else { return }
        while stack.count > position { pop() }
    }

    /// The spans, with every open tag closed.
    mutating func finish() -> [Span] {
        while stack.count > 1 { pop() }
        return stack[0].children
    }

    private mutating func pop() {
        let open = stack.removeLast()
        if var element = open.element {
            element.children = open.children
            stack[stack.count - 1].children.append(.element(element))
        } else {
            for child in open.children {
                if case .text(let text) = child { self.text(text) } else { stack[stack.count - 1].children.append(child) }
            }
        }
    }
}
