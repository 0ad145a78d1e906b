/// A notification that could not be turned into a request body; the message names the receiver and
/// never contains a secret.
public struct PayloadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The receiver whose body failed.
    public var receiver: String
    /// What went wrong.
    public var message: String

    /// Creates an error.
    public init(receiver: String, message: String) {
        self.receiver = receiver
        self.message = message
    }

    /// `receiver "name": message`.
    public var description: String { "receiver \"\(receiver)\": \(message)" }
}
