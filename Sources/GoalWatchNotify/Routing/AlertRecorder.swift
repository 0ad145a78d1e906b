import Foundation
import GoalWatchCore
import GoalWatchStore

/// Turns an evaluation's results into the durable change that records them: the engine's pending and
/// firing alerts (so a restart restores them) and the router alerts its transitions create or resolve,
/// written together so a transition is never half-recorded.
struct AlertRecorder: Sendable {
    /// What the store holds of the engine's alerts, by key.
    private(set) var persisted: [String: String] = [:]

    init(persisted: [AlertStateRecord]) {
        for record in persisted { self.persisted[record.key] = record.body }
    }

    /// The key of an engine alert: its origin and fingerprint.
    static func key(of alert: ActiveAlert) -> String {
        let origin: String
        switch alert.origin {
        case .rule(let group, let rule): origin = "rule/\(group)/\(rule)"
        case .goal(let goal, let kind): origin = "goal/\(goal)/\(kind.rawValue)"
        }
        return "\(origin)/\(RoutedAlert.fingerprint(of: alert.instance.labels.dictionary))"
    }

    /// The states to write and delete so the store matches `active`; remembers them as written.
    mutating func stateChanges(_ active: [ActiveAlert], into change: inout AlertingChange) throws {
        var current: [String: String] = [:]
        for alert in active {
            current[Self.key(of: alert)] = try StoredJSON.text(alert)
        }
        for (key, body) in current where persisted[key] != body {
            change.savedStates.append(AlertStateRecord(key: key, body: body))
        }
        for key in persisted.keys where current[key] == nil {
            change.deletedStates.append(key)
        }
        change.savedStates.sort { $0.key < $1.key }
        change.deletedStates.sort()
        persisted = current
    }

    /// The router alert a firing or resolved transition makes; `nil` for other transitions.
    static func routedAlert(_ transition: AlertTransition, goals: [GoalReport], at now: Timestamp) -> RoutedAlert? {
        let event = transition.event
        let endsAt: Timestamp?
        switch event.kind {
        case .pending: return nil
        case .firing: endsAt = nil
        case .resolved: endsAt = event.at
        }
        return RoutedAlert(
            labels: event.labels.dictionary, annotations: transition.annotations, startsAt: event.activeSince,
            endsAt: endsAt, value: event.value, goal: goalBlock(transition, goals: goals), updatedAt: now)
    }

    private static func goalBlock(_ transition: AlertTransition, goals: [GoalReport]) -> NotifiedGoal? {
        guard case .goal(let name, _) = transition.origin, let assessment = transition.goal else { return nil }
        let labels = transition.event.labels
        let report = goals.first { report in
            report.goal == name && report.labels.elements.allSatisfy { labels[$0.name] == $0.value }
        }
        return NotifiedGoal(
            name: name, state: assessment.state.rawValue, value: assessment.value, baseline: assessment.baseline,
            target: assessment.target, progressRatio: assessment.progressRatio, expectedRatio: assessment.expectedRatio,
            forecastValue: assessment.forecastValue, requiredRate: assessment.requiredRate, deadline: report?.periodEnd)
    }
}
