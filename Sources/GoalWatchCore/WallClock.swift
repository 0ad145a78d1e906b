import Foundation

extension Timestamp {
    /// The current wall-clock time. Read only at the edges (commands, the daemon's loop, the default
    /// clocks of delivery) and passed inward, so that the logic itself stays testable at any instant.
    public static var now: Timestamp { Timestamp(unixSeconds: Date().timeIntervalSince1970) }
}
