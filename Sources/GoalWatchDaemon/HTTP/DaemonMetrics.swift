import GoalWatchCore

/// The daemon's metrics in Prometheus' text format, as `GET /metrics` serves them; every name starts
/// with `goalwatch_`.
enum DaemonMetrics {
    /// The exposition of `state`, with the outbox holding `outboxDepth` notifications (`nil` when the
    /// store could not say; the family is then left out rather than reported as 0).
    static func exposition(of state: DaemonViewState, outboxDepth: Int?, version: String) -> String {
        var text = PrometheusText()
        text.family(
            "goalwatch_build_info", .gauge, help: "Always 1; the version label says which GoalWatch runs.",
            samples: [.init(labels: [("version", version)], value: 1)])
        let counters = state.counters
        text.family("goalwatch_evaluations_total", .counter, help: "Evaluations of every goal and rule group finished.", value: Double(counters.evaluations))
        if let evaluation = state.lastEvaluation {
            text.family(
                "goalwatch_last_evaluation_duration_seconds", .gauge, help: "How long the last evaluation took.",
                value: Double(evaluation.duration.components.seconds) + Double(evaluation.duration.components.attoseconds) / 1e18)
            text.family(
                "goalwatch_last_evaluation_timestamp_seconds", .gauge, help: "When the last evaluation ran (its tick), in Unix seconds.",
                value: Double(evaluation.at.milliseconds) / 1000)
            text.family(
                "goalwatch_rule_failures", .gauge, help: "Rules and goals that could not be evaluated at the last evaluation.",
                value: Double(evaluation.failures.count))
            text.family(
                "goalwatch_history_series", .gauge, help: "Series held in memory for the rules' windows after the last evaluation.",
                value: Double(evaluation.held.series))
            text.family(
                "goalwatch_history_samples", .gauge, help: "Samples held in memory for the rules' windows after the last evaluation.",
                value: Double(evaluation.held.samples))
        }
        text.family(
            "goalwatch_alerts", .gauge, help: "Alerts pending or firing after the last evaluation, by state.",
            samples: [AlertInstance.Phase.pending, .firing].map { phase in
                .init(labels: [("state", phase.rawValue)], value: Double(state.activeAlerts.filter { $0.instance.phase == phase }.count))
            })
        text.family(
            "goalwatch_goals", .gauge, help: "Goal series at the last evaluation, by state.",
            samples: GoalState.allCases.map { goalState in
                .init(
                    labels: [("state", goalState.rawValue)],
                    value: Double(state.lastEvaluation?.goals.filter { $0.assessment.state == goalState }.count ?? 0))
            })
        text.family(
            "goalwatch_notifications_total", .counter, help: "Delivery attempts by receiver and outcome (notified, failed, dead_lettered).",
            samples: notificationSamples(counters, receivers: state.setup.configuration.receivers.map(\.name)))
        if let outboxDepth {
            text.family("goalwatch_outbox_depth", .gauge, help: "Notifications in the outbox waiting for delivery.", value: Double(outboxDepth))
        }
        text.family(
            "goalwatch_ingested_samples_total", .counter, help: "Samples stored from sources and pushed snapshots.",
            value: Double(counters.ingestedSamples))
        text.family(
            "goalwatch_ingest_errors_total", .counter, help: "Snapshots refused (files are quarantined), from sources and pushes.",
            value: Double(counters.ingestErrors))
        text.family(
            "goalwatch_config_last_reload_successful", .gauge, help: "1 when the last reload was taken (or there was none), 0 when it was refused.",
            value: state.lastReloadSucceeded ? 1 : 0)
        return text.text
    }

    /// Every configured receiver with every outcome (0 until it happens, so rates work from the start),
    /// and receivers no longer configured that still have counts.
    private static func notificationSamples(_ counters: DaemonCounters, receivers: [String]) -> [PrometheusText.Sample] {
        let names = Set(receivers).union(counters.notifications.keys.map(\.receiver)).sorted()
        return names.flatMap { receiver in
            NotificationOutcome.allCases.map { outcome in
                PrometheusText.Sample(
                    labels: [("receiver", receiver), ("outcome", outcome.rawValue)],
                    value: Double(counters.notifications[NotificationCount(receiver: receiver, outcome: outcome)] ?? 0))
            }
        }
    }
}
