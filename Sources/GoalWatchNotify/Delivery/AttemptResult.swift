import GoalWatchCore

/// What one delivery attempt came to, as a transport reports it.
public enum AttemptResult: Sendable, Hashable {
    /// The receiver accepted it (HTTP 2xx).
    case delivered
    /// A failure worth retrying (5xx, 429, a network error, a timeout); `retryAfter` when the receiver
    /// said how long to wait.
    case retry(reason: String, retryAfter: TimeSpan?)
    /// A permanent refusal (another 4xx, a payload that cannot be rendered): retrying would not help.
    case refused(reason: String)
}
