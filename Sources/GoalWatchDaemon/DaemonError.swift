import GoalWatchCore

/// Why the daemon could not start.
public enum DaemonError: Error, Sendable, CustomStringConvertible {
    /// The configuration or a rule file is invalid.
    case invalidSetup(InputErrors)
    /// The store or a receiver could not be opened.
    case startFailed(String)

    public var description: String {
        switch self {
        case .invalidSetup(let errors): errors.description
        case .startFailed(let reason): reason
        }
    }
}
