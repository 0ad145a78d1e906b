/// The journald harness could not do what a test needs; the message says what and why.
public struct JournaldHarnessError: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String

    /// An error with the given message.
    public init(_ description: String) { self.description = description }
}
