import GoalWatchCore
import GoalWatchIngest
import GoalWatchNotify
import GoalWatchStore
import NIOConcurrencyHelpers

/// What the running daemon shows outside itself — to the HTTP API, its metrics and its dashboard: a
/// copy of its state, published after every evaluation and reload, and counters of what it has done.
///
/// Readers take the copy under a short lock and never wait for the daemon actor, so a scrape or a page
/// load never holds an evaluation back, and a slow evaluation never holds a health check back.
public final class DaemonView: Sendable {
    /// The store the daemon writes; readers use it for silences, history and the outbox depth.
    public let store: MetricStore
    /// GoalWatch's version.
    public let version: String
    /// Where snapshots are ingested, from sources and pushes alike: off the cooperative pool, one at a time.
    let ingestExecutor = IngestExecutor()
    private let state: NIOLockedValueBox<DaemonViewState>

    /// A view of a daemon that runs `setup` on `store`, before its first evaluation.
    init(setup: DaemonSetup, store: MetricStore, version: String) {
        self.store = store
        self.version = version
        state = NIOLockedValueBox(DaemonViewState(setup: setup))
    }

    /// The state as last published.
    public var current: DaemonViewState {
        state.withLockedValue { $0 }
    }

    /// Publishes an evaluation: its figures, failures, the alerts active after it and the history held.
    func recordEvaluation(
        _ cycle: EvaluationCycle, active: [ActiveAlert], at time: Timestamp, duration: Duration, held: (series: Int, samples: Int)
    ) {
        let evaluation = EvaluationSummary(at: time, duration: duration, goals: cycle.goals, failures: cycle.failures, held: held)
        state.withLockedValue {
            $0.lastEvaluation = evaluation
            $0.activeAlerts = active
            $0.counters.evaluations += 1
        }
    }

    /// Publishes the configuration and rules a reload swapped in.
    func recordReload(_ setup: DaemonSetup) {
        state.withLockedValue {
            $0.setup = setup
            $0.lastReloadSucceeded = true
        }
    }

    /// Records a reload that was refused; the running setup stays.
    func recordReloadRefused() {
        state.withLockedValue { $0.lastReloadSucceeded = false }
    }

    /// Counts a delivery attempt's outcome.
    func recordDelivery(_ event: DeliveryEvent) {
        let outcome: NotificationOutcome = switch event.outcome {
        case .notified: .notified
        case .failed: .failed
        case .deadLettered: .deadLettered
        }
        let key = NotificationCount(receiver: event.notification.receiver, outcome: outcome)
        state.withLockedValue { $0.counters.notifications[key, default: 0] += 1 }
    }

    /// Counts what became of a snapshot from a source or a push.
    func recordIngest(_ outcome: IngestOutcome) {
        switch outcome {
        case .ingested(let samples, _):
            state.withLockedValue { $0.counters.ingestedSamples += samples }
        case .refused:
            state.withLockedValue { $0.counters.ingestErrors += 1 }
        case .unchanged, .settling, .deferred:
            break
        }
    }
}
