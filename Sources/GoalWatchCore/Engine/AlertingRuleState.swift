/// The memory of one alerting rule (or one goal alert kind) between evaluations.
struct AlertingRuleState: Sendable {
    var machine: AlertStateMachine
    /// Annotations of each pending or firing alert, as last rendered.
    var annotations: [Labels: [String: String]] = [:]
    /// The series labels each alert came from, for `no_data` and `recover_when`.
    var seriesLabels: [Labels: Labels] = [:]
    /// The `ALERTS` series written at the last evaluation, to end the ones that go away.
    var alertsSeries: Set<Labels> = []

    /// - Parameter restoring: alerts of this rule from an earlier run, whose timers carry on.
    init(holdDuration: TimeSpan, keepFiringFor: TimeSpan = TimeSpan(milliseconds: 0), restoring: [ActiveAlert] = []) {
        machine = AlertStateMachine(holdDuration: holdDuration, keepFiringFor: keepFiringFor, restoring: restoring.map(\.instance))
        for alert in restoring {
            annotations[alert.instance.labels] = alert.annotations
            seriesLabels[alert.instance.labels] = alert.seriesLabels
        }
    }

    /// Feeds one evaluation to the state machine and turns its events into transitions.
    mutating func apply(
        active: [Labels: Double], annotations current: [Labels: [String: String]], series: [Labels: Labels],
        at now: Timestamp, origin: AlertOrigin, goal: (Labels) -> GoalAssessment? = { _ in nil }
    ) -> [AlertTransition] {
        for (labels, rendered) in current { annotations[labels] = rendered }
        for (labels, source) in series { seriesLabels[labels] = source }
        let events = machine.evaluate(active: active, at: now)
        let transitions = events.map { event in
            AlertTransition(event: event, annotations: annotations[event.labels] ?? [:], origin: origin, goal: goal(event.labels))
        }
        let live = machine.instances
        annotations = annotations.filter { live[$0.key] != nil }
        seriesLabels = seriesLabels.filter { live[$0.key] != nil }
        return transitions
    }

    /// Writes `ALERTS{alertname, alertstate, …} 1` for every pending and firing alert, as Prometheus
    /// does, and a staleness marker for each such series that went away.
    mutating func recordAlertsSeries(at time: Timestamp, into set: inout SeriesSet) {
        var written: Set<Labels> = []
        for instance in machine.instances.values {
            let labels = instance.labels
                .setting(LabelName.metricName, to: "ALERTS")
                .setting("alertstate", to: instance.phase.rawValue)
            set.append(labels, at: time, value: 1)
            written.insert(labels)
        }
        for gone in alertsSeries.subtracting(written) { set.append(gone, at: time, value: StaleMarker.value) }
        alertsSeries = written
    }

    /// The pending and firing alerts with their annotations.
    func activeAlerts(origin: AlertOrigin) -> [ActiveAlert] {
        machine.instances.values.map {
            ActiveAlert(instance: $0, annotations: annotations[$0.labels] ?? [:], origin: origin, seriesLabels: seriesLabels[$0.labels] ?? .empty)
        }
    }
}
