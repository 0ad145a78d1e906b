/// A node of a parsed YAML document, with the position it starts at.
///
/// A plain value copy of the document (Yams' own nodes are not `Sendable`), built by
/// ``YAMLDocument/parse(_:file:)``. Aliases are already replaced by the nodes they refer to.
public struct YAMLNode: Sendable, Hashable {
    /// What a node holds.
    public enum Content: Sendable, Hashable {
        /// A scalar: a string, number, boolean or null, as text.
        case scalar(ConfigScalar)
        /// A sequence (`- a` lines or `[a, b]`).
        case sequence([YAMLNode])
        /// A mapping, its entries in document order.
        case mapping([YAMLEntry])
    }

    /// What the node holds.
    public var content: Content
    /// Where the node starts: a scalar's first character (or its quote), a sequence's `-` or `[`,
    /// a block mapping's first key.
    public var location: SourceLocation

    /// Creates a node.
    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    /// The scalar, when this node is one.
    public var scalar: ConfigScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// Whether the node means "no value" (a plain `null`, `~`, or a key with nothing after it).
    public var isNull: Bool { scalar?.isNull ?? false }

    /// The tail of an "expected …" message naming what this node is: `, found a list`, `, found "abc"`.
    public var found: String {
        switch content {
        case .scalar(let scalar): return scalar.found
        case .sequence: return ", found a list"
        case .mapping: return ", found a mapping"
        }
    }
}

/// One `key: value` entry of a mapping.
public struct YAMLEntry: Sendable, Hashable {
    /// The key, never expanded and so never secret.
    public var key: ConfigScalar
    /// The value.
    public var value: YAMLNode

    /// Creates an entry.
    public init(key: ConfigScalar, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}
