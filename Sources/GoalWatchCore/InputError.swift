/// An error in something a user handed us — a config file, a rule file, a snapshot, a command-line value.
///
/// It names where the problem is and what was expected, so that the message alone lets the user fix
/// the input: `goalwatch.yml:12:15: expected a duration such as 5m or 1h30m, found "5 minutes"`.
/// Messages never contain secret values (see ``ConfigScalar/isSecret``).
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the problem is; `nil` for inputs without a position (a command-line flag).
    public var location: SourceLocation?
    /// What is wrong, phrased as "expected …, found …" where that fits.
    public var message: String

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.location = location
        self.message = message
    }

    public var description: String {
        if let location { return "\(location): \(message)" }
        return message
    }
}

/// Several input errors found in one pass, so a user can fix them all at once.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]

    public init(_ errors: [InputError]) {
        self.errors = errors
    }

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
