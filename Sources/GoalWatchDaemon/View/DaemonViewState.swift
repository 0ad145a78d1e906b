import GoalWatchCore

/// The daemon's state as ``DaemonView`` publishes it.
public struct DaemonViewState: Sendable {
    /// The configuration and rules running now.
    public var setup: DaemonSetup
    /// The last evaluation; `nil` until the first one has finished (the daemon is not ready before).
    public var lastEvaluation: EvaluationSummary?
    /// The pending and firing alerts after the last evaluation.
    public var activeAlerts: [ActiveAlert] = []
    /// Whether the last reload was taken; `true` when there was none.
    public var lastReloadSucceeded = true
    /// What the daemon has done since it started.
    public var counters = DaemonCounters()

    /// The state before the first evaluation.
    public init(setup: DaemonSetup) {
        self.setup = setup
    }
}

/// One evaluation, as the API shows it.
public struct EvaluationSummary: Sendable {
    /// When it evaluated (the tick).
    public var at: Timestamp
    /// How long it took.
    public var duration: Duration
    /// Each goal series' figures and state.
    public var goals: [GoalReport]
    /// The rules and goals that failed.
    public var failures: [RuleFailure]
    /// The series and samples held in memory for the rules after it.
    public var held: (series: Int, samples: Int)
}

/// Counts of what the daemon has done since it started, for `/metrics`.
public struct DaemonCounters: Sendable {
    /// Evaluations finished.
    public var evaluations = 0
    /// Delivery attempts by receiver and outcome.
    public var notifications: [NotificationCount: Int] = [:]
    /// Samples stored from sources and pushes.
    public var ingestedSamples = 0
    /// Snapshots refused (and quarantined, for files).
    public var ingestErrors = 0
}

/// A receiver and an outcome, the key of ``DaemonCounters/notifications``.
public struct NotificationCount: Sendable, Hashable {
    /// The receiver's name.
    public var receiver: String
    /// How the attempt ended.
    public var outcome: NotificationOutcome
}

/// How one delivery attempt ended.
public enum NotificationOutcome: String, Sendable, Hashable, CaseIterable {
    /// The receiver accepted it.
    case notified
    /// It failed and will be retried.
    case failed
    /// It failed for the last time and went to the dead-letter table.
    case deadLettered = "dead_lettered"
}
