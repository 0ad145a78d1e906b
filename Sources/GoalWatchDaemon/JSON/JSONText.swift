import Foundation

/// JSON as GoalWatch writes it for scripts, on the command line and over HTTP: keys sorted, so the
/// output is stable from run to run, and `/` left unescaped.
public enum JSONText {
    /// The JSON encoding of `value`, a tree of dictionaries, arrays, strings, numbers and `NSNull`.
    public static func data(_ value: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
