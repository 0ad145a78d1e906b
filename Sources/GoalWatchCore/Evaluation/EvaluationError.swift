/// A problem met while evaluating an expression that parsed: Prometheus reports the same cases at run
/// time (duplicate series in a match group, a label set produced twice, an invalid label name made by
/// `label_replace`).
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in Prometheus' words where it has them.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
