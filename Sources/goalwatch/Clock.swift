import Foundation
import GoalWatchCore

extension Timestamp {
    /// The current wall-clock time. Read only at the edges (commands, the daemon's loop) and passed inward.
    static var now: Timestamp { Timestamp(unixSeconds: Date().timeIntervalSince1970) }
}
