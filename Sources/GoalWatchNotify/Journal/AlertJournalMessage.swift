import GoalWatchCore

/// The `MESSAGE` sentences of alert and delivery entries: one line each, labels in Prometheus' notation.
enum AlertJournalMessage {
    /// `FollowersBehindPace firing for account="cafe-aurora", network="instagram": value 0.42 — summary`.
    /// `alertname` and `severity` are left out of the label list: the name leads the sentence and the
    /// severity is the entry's priority.
    static func transition(
        name: String, kind: JournalEvent, labels: [String: String], value: Double, summary: String?
    ) -> String {
        var sentence = "\(name) \(kind.rawValue)\(labelList(labels)): value \(PromQL.formatNumber(value))"
        if let summary, !summary.isEmpty { sentence += " — \(summary)" }
        return sentence
    }

    /// `Notified receiver "oncall" of FollowersBehindPace firing for account="cafe-aurora" (attempt 1)`, and
    /// the like for failures and dead letters, ending with the error.
    static func delivery(_ outcome: DeliveryOutcome, of notification: Notification, error: String?) -> String {
        let subject = subject(of: notification)
        let receiver = "receiver \"\(Labels.escape(notification.receiver))\""
        switch outcome {
        case .notified(let attempt):
            return "Notified \(receiver) of \(subject) (attempt \(attempt))"
        case .failed(let attempt, _):
            return "Notifying \(receiver) of \(subject) failed (attempt \(attempt)): \(error ?? "")"
        case .deadLettered(let attempts, _):
            return "Gave up notifying \(receiver) of \(subject) after \(attempts) attempts: \(error ?? "")"
        }
    }

    /// A single alert as `Name firing for labels`; several as `3 FollowersBehindPace alerts (2 firing, 1 resolved)`.
    private static func subject(of notification: Notification) -> String {
        if notification.alerts.count == 1, let alert = notification.alerts.first {
            return "\(alert.name) \(alert.status.rawValue)\(labelList(alert.labels))"
        }
        let name = notification.commonLabels["alertname"].map { "\($0) " } ?? ""
        let firing = notification.firingAlerts.count
        let resolved = notification.resolvedAlerts.count
        return "\(notification.alerts.count) \(name)alerts (\(firing) firing, \(resolved) resolved)"
    }

    private static func labelList(_ labels: [String: String]) -> String {
        let shown = labels.keys.sorted().filter { $0 != "alertname" && $0 != "severity" }
        guard !shown.isEmpty else { return "" }
        return " for " + shown.map { "\($0)=\"\(Labels.escape(labels[$0] ?? ""))\"" }.joined(separator: ", ")
    }
}
