/// A value that must not be shown: a token, a password, a URL with credentials in it.
///
/// Its `description`, `debugDescription` and reflection (`dump`, `Mirror`) are all `<secret>`, so
/// printing, logging or dumping a configuration never leaks it. Code that needs the value (to send a
/// header, say) asks for it explicitly with ``reveal()``.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    /// Wraps `value`.
    public init(_ value: String) {
        self.value = value
    }

    /// The hidden value; use it only where the value is needed, never in messages or logs.
    public func reveal() -> String { value }

    /// Always `<secret>`.
    public var description: String { "<secret>" }

    /// Always `<secret>`.
    public var debugDescription: String { "<secret>" }

    /// A mirror with no children, so reflection shows nothing but `<secret>`.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// A configuration string that is either plain text, shown as written, or a ``Secret``.
///
/// A value written in the file is plain; one built with `${file:…}` or `${env:…}` is secret as a whole
/// (`"Bearer ${file:/run/credentials/token}"` hides the `Bearer ` prefix too).
public enum Redactable: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// Text written in the configuration file, safe to show.
    case plain(String)
    /// Text that came from an expansion.
    case secret(Secret)

    /// Plain text for a scalar written as is, a ``Secret`` for one that came from an expansion.
    public init(_ scalar: ConfigScalar) {
        self = scalar.isSecret ? .secret(Secret(scalar.text)) : .plain(scalar.text)
    }

    /// The text, whichever kind it is; for use where the value is needed, never in messages or logs.
    public func reveal() -> String {
        switch self {
        case .plain(let text): return text
        case .secret(let secret): return secret.reveal()
        }
    }

    /// Whether the value is a secret.
    public var isSecret: Bool {
        if case .secret = self { return true }
        return false
    }

    /// The plain text, or `<secret>`.
    public var description: String {
        switch self {
        case .plain(let text): return text
        case .secret(let secret): return secret.description
        }
    }

    /// As ``description``.
    public var debugDescription: String { description }
}
