import GoalWatchCore

/// What a reload (SIGHUP or `POST /-/reload`) did.
public enum ReloadOutcome: Sendable {
    /// The new configuration and rules run now.
    case reloaded(goals: Int)
    /// The new configuration or a rule file is invalid; the running ones stay. Every problem, each at
    /// its file:line:column.
    case invalid(InputErrors)
    /// The new configuration is valid but cannot be taken without a restart (it moves the HTTP API), or
    /// another reload is under way; the running one stays.
    case conflict(String)
}
