/// The alert states of one alerting rule: inactive → pending → firing → resolved (DESIGN §7).
///
/// A pure value: it is handed each evaluation's result and the evaluation time and returns the
/// transitions; it reads no clock and does no I/O. Semantics are Prometheus': an alert is pending
/// while its condition holds for less than `for` (`for: 0` fires at once); a pending alert whose
/// condition stops holding is dropped without notice; a firing alert resolves at the first
/// evaluation where its condition no longer holds, or, with `keep_firing_for`, once it has not held
/// for that long.
public struct AlertStateMachine: Sendable, Hashable {
    /// How long the condition must hold before the alert fires.
    public let holdDuration: TimeSpan
    /// How long a firing alert keeps firing after its condition stops holding.
    public let keepFiringFor: TimeSpan
    /// The pending and firing alerts, by label set.
    public private(set) var instances: [Labels: AlertInstance]

    /// - Parameter restoring: instances persisted by an earlier run, so timers carry on.
    public init(holdDuration: TimeSpan, keepFiringFor: TimeSpan = TimeSpan(milliseconds: 0), restoring: [AlertInstance] = []) {
        self.holdDuration = holdDuration
        self.keepFiringFor = keepFiringFor
        instances = Dictionary(restoring.map { ($0.labels, $0) }, uniquingKeysWith: { _, newer in newer })
    }

    /// Applies one evaluation: `active` holds every label set whose condition holds at `now`, with
    /// the expression's value.
    /// - Returns: the transitions, in a stable order (by labels).
    public mutating func evaluate(active: [Labels: Double], at now: Timestamp) -> [AlertEvent] {
        var events: [AlertEvent] = []
        for (labels, value) in active {
            var instance = instances[labels] ?? AlertInstance(labels: labels, phase: .pending, activeSince: now, value: value)
            let isNew = instances[labels] == nil
            instance.value = value
            instance.keepFiringSince = nil
            if instance.phase == .pending, now - instance.activeSince >= holdDuration {
                instance.phase = .firing
                instance.firingSince = now
                events.append(event(.firing, instance, at: now))
            } else if isNew {
                events.append(event(.pending, instance, at: now))
            }
            instances[labels] = instance
        }
        for (labels, var instance) in instances where active[labels] == nil {
            switch instance.phase {
            case .pending:
                instances[labels] = nil
            case .firing:
                let quietSince = instance.keepFiringSince ?? now
                if now - quietSince < keepFiringFor {
                    instance.keepFiringSince = quietSince
                    instances[labels] = instance
                } else {
                    instances[labels] = nil
                    events.append(event(.resolved, instance, at: now))
                }
            }
        }
        return events.sorted { $0.labels < $1.labels }
    }

    private func event(_ kind: AlertEvent.Kind, _ instance: AlertInstance, at now: Timestamp) -> AlertEvent {
        AlertEvent(kind: kind, labels: instance.labels, value: instance.value, activeSince: instance.activeSince, at: now)
    }
}
