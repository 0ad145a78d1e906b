import GoalWatchCore

/// The one-line summary the daemon shows in `systemctl status` (STATUS=) after every cycle.
public struct DaemonStatus: Sendable, Hashable {
    /// Goals evaluated, and how many are not on track (behind pace, at risk, breached, missed).
    public var goals = 0
    public var goalsOffTrack = 0
    /// Alerts firing now.
    public var firing = 0
    /// When the last evaluation ran and how long it took.
    public var lastEvaluation: Timestamp?
    public var lastDurationMilliseconds = 0
    /// Notifications waiting in the outbox.
    public var outboxDepth = 0
    /// Why the last reload was refused, until a reload succeeds.
    public var reloadError: String?

    public init() {}

    /// `6 goals (2 off track), 1 firing, last evaluation 12:00:00Z in 35 ms, outbox 0`.
    public var line: String {
        var parts = ["\(goals) goal\(goals == 1 ? "" : "s") (\(goalsOffTrack) off track)", "\(firing) firing"]
        if let lastEvaluation {
            parts.append("last evaluation \(lastEvaluation) in \(lastDurationMilliseconds) ms")
        }
        parts.append("outbox \(outboxDepth)")
        var line = parts.joined(separator: ", ")
        if let reloadError { line += "; reload refused: \(reloadError)" }
        return line
    }
}
