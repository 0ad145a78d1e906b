/// A failure of the history store: which database file, what the store was doing, and why.
///
/// The message alone tells an operator where to look:
/// `/var/lib/goalwatch/history.sqlite: cannot apply a snapshot: SQLite error 19: …`.
public struct StoreError: Error, CustomStringConvertible {
    /// The database file the failure concerns.
    public var path: String
    /// What the store was doing, or what is wrong with the file.
    public var message: String
    /// The lower-level error that caused this one, if any (usually a SQLite error).
    public var underlying: (any Error)?

    public init(path: String, message: String, underlying: (any Error)? = nil) {
        self.path = path
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        guard let underlying else { return "\(path): \(message)" }
        return "\(path): \(message): \(underlying)"
    }
}
