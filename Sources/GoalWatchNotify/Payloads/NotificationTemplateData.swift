import GoalWatchCore

/// What a custom body template (``TemplatePayload``) sees as `.`: Alertmanager's template data, as far
/// as GoalWatch's template language can hold it (docs/payloads.md lists every field).
///
/// `.Receiver`, `.Status`, `.Reason`, `.GroupKey`, `.GroupLabels`, `.CommonLabels`,
/// `.CommonAnnotations`, `.ExternalURL`, and `.Alerts`, `.FiringAlerts`, `.ResolvedAlerts` (lists to
/// `range` over) whose elements have `.Status`, `.Labels`, `.Annotations`, `.StartsAt`, `.EndsAt`,
/// `.GeneratorURL`, `.Fingerprint`, `.Value` and `.Goal`. Times are RFC 3339 strings (`.EndsAt` is
/// empty while firing), `.Value` a number; `.Goal` is nil for alerts not raised by a goal, else a record
/// of `.Name`, `.State`, `.Value`, `.Baseline`, `.Target`, `.Progress`, `.Expected`, `.Forecast`,
/// `.RequiredRate` (numbers, nil when unknown) and `.Deadline`.
enum NotificationTemplateData {
    /// The root value for `notification`.
    static func value(_ notification: Notification) -> TemplateValue {
        .record([
            "Receiver": .string(notification.receiver),
            "Status": .string(notification.status.rawValue),
            "Reason": .string(notification.reason.rawValue),
            "GroupKey": .string(notification.groupKey),
            "GroupLabels": .map(notification.groupLabels),
            "CommonLabels": .map(notification.commonLabels),
            "CommonAnnotations": .map(notification.commonAnnotations),
            "ExternalURL": .string(notification.externalURL ?? ""),
            "Alerts": .list(notification.alerts.map(alert)),
            "FiringAlerts": .list(notification.firingAlerts.map(alert)),
            "ResolvedAlerts": .list(notification.resolvedAlerts.map(alert)),
        ])
    }

    private static func alert(_ alert: NotifiedAlert) -> TemplateValue {
        .record([
            "Status": .string(alert.status.rawValue),
            "Labels": .map(alert.labels),
            "Annotations": .map(alert.annotations),
            "StartsAt": .string(PayloadTime.rfc3339(alert.startsAt)),
            "EndsAt": .string(alert.endsAt.map(PayloadTime.rfc3339) ?? ""),
            "GeneratorURL": .string(alert.generatorURL ?? ""),
            "Fingerprint": .string(alert.fingerprint),
            "Value": .number(alert.value),
            "Goal": alert.goal.map(goal) ?? .null,
        ])
    }

    private static func goal(_ goal: NotifiedGoal) -> TemplateValue {
        func number(_ value: Double?) -> TemplateValue { value.map { .number($0) } ?? .null }
        return .record([
            "Name": .string(goal.name),
            "State": .string(goal.state),
            "Value": number(goal.value),
            "Baseline": number(goal.baseline),
            "Target": number(goal.target),
            "Progress": number(goal.progressRatio),
            "Expected": number(goal.expectedRatio),
            "Forecast": number(goal.forecastValue),
            "RequiredRate": number(goal.requiredRate),
            "Deadline": .string(goal.deadline.map(PayloadTime.rfc3339) ?? ""),
        ])
    }
}
