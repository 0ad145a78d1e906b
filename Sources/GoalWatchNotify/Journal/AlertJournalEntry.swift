import GoalWatchCore
import Systemd

/// The journal entries of DESIGN §9, built as plain values: one per alert transition and one per delivery
/// outcome. Building does no I/O; ``AlertJournal`` sends what is built here.
///
/// Every entry starts with `MESSAGE`, `MESSAGE_ID` (``JournalEvent/messageID``), `PRIORITY`,
/// `SYSLOG_IDENTIFIER=goalwatch` and `GOALWATCH_EVENT`. Entries never contain a receiver's address or
/// credentials: only its name, and error text with addresses cut to their host.
public enum AlertJournalEntry {
    /// The `SYSLOG_IDENTIFIER` of GoalWatch's entries.
    public static let identifier = "goalwatch"

    /// The fields every GoalWatch entry starts with, for an entry of kind `event`.
    public static func header(event: JournalEvent, message: String, priority: JournalPriority) -> [JournalField] {
        [
            JournalField("MESSAGE", message),
            JournalField("MESSAGE_ID", event.messageID),
            priority.field,
            JournalField("SYSLOG_IDENTIFIER", identifier),
            JournalField("GOALWATCH_EVENT", event.rawValue),
        ]
    }

    /// The entry of one alert transition (firing, resolved, pending).
    ///
    /// Besides the header: `GOALWATCH_ALERTNAME`, `GOALWATCH_GOAL` (the `goal` label, else the goal that
    /// raised the alert), `GOALWATCH_SEVERITY` (when the alert has a `severity` label),
    /// `GOALWATCH_FINGERPRINT` (16 lower-case hex digits), `GOALWATCH_VALUE` and one ``labelFieldName(_:)``
    /// field per label. `PRIORITY` is ``priority(severity:)`` for firing and pending, 5 (notice) for resolved.
    public static func transition(_ transition: AlertTransition) -> [JournalField] {
        let event = transition.event
        let labels = event.labels
        let kind: JournalEvent =
            switch event.kind {
            case .firing: .firing
            case .pending: .pending
            case .resolved: .resolved
            }
        let priority = kind == .resolved ? JournalPriority.notice : priority(severity: labels["severity"])
        var goal = labels["goal"]
        if goal == nil, case .goal(let name, _) = transition.origin { goal = name }
        let message = AlertJournalMessage.transition(
            name: labels["alertname"] ?? "", kind: kind, labels: labels.dictionary, value: event.value,
            summary: transition.annotations["summary"])
        var fields = header(event: kind, message: message, priority: priority)
        fields += optionalFields(alertname: labels["alertname"], goal: goal, severity: labels["severity"])
        fields.append(JournalField("GOALWATCH_FINGERPRINT", fingerprintText(labels.fingerprint)))
        fields.append(JournalField("GOALWATCH_VALUE", PromQL.formatNumber(event.value)))
        fields += labelFields(labels.dictionary)
        return fields
    }

    /// The entry of one delivery outcome of `notification` to its receiver.
    ///
    /// One entry per notification, whatever its number of alerts. Besides the header: `GOALWATCH_RECEIVER`
    /// (the receiver's name), `GOALWATCH_GROUP_KEY`, `GOALWATCH_NOTIFICATION_ID`, `GOALWATCH_ATTEMPT`,
    /// `GOALWATCH_ERROR` for failures; `GOALWATCH_ALERTNAME`, `GOALWATCH_GOAL`, `GOALWATCH_SEVERITY` and the
    /// label fields from the labels all alerts share; `GOALWATCH_FINGERPRINT` once per alert; and
    /// `GOALWATCH_VALUE` when the notification holds a single alert. `PRIORITY` is 6 (info) for notified,
    /// 4 (warning) for notify_failed and 2 (critical) for dead_letter.
    public static func delivery(_ outcome: DeliveryOutcome, of notification: Notification) -> [JournalField] {
        let common = notification.commonLabels
        let error = outcome.error.map(URLRedaction.redact)
        let priority: JournalPriority =
            switch outcome {
            case .notified: .info
            case .failed: .warning
            case .deadLettered: .critical
            }
        var goal = common["goal"]
        let goalNames = Set(notification.alerts.compactMap { $0.goal?.name })
        if goal == nil, goalNames.count == 1, notification.alerts.allSatisfy({ $0.goal != nil }) {
            goal = goalNames.first
        }
        let message = AlertJournalMessage.delivery(outcome, of: notification, error: error)
        var fields = header(event: outcome.event, message: message, priority: priority)
        fields += optionalFields(alertname: common["alertname"], goal: goal, severity: common["severity"])
        fields += notification.alerts.map { JournalField("GOALWATCH_FINGERPRINT", $0.fingerprint) }
        if notification.alerts.count == 1, let alert = notification.alerts.first {
            fields.append(JournalField("GOALWATCH_VALUE", PromQL.formatNumber(alert.value)))
        }
        fields += [
            JournalField("GOALWATCH_RECEIVER", notification.receiver),
            JournalField("GOALWATCH_GROUP_KEY", notification.groupKey),
            JournalField("GOALWATCH_NOTIFICATION_ID", notification.id),
            JournalField("GOALWATCH_ATTEMPT", String(outcome.attempt)),
        ]
        if let error { fields.append(JournalField("GOALWATCH_ERROR", error)) }
        fields += labelFields(common)
        return fields
    }

    /// The field of label `name`: `GOALWATCH_LABEL_` and the name made valid by
    /// ``JournalField/sanitizedName(_:prefix:)`` (`account` → `GOALWATCH_LABEL_ACCOUNT`,
    /// `first-response` → `GOALWATCH_LABEL_FIRST_RESPONSE`).
    public static func labelFieldName(_ name: String) -> String {
        JournalField.sanitizedName(name, prefix: "GOALWATCH_LABEL_")
    }

    /// The `PRIORITY` of a firing or pending alert by its `severity` label: critical → 2, warning → 4,
    /// info → 6; a missing or other severity → 4.
    public static func priority(severity: String?) -> JournalPriority {
        switch severity {
        case "critical"?: .critical
        case "info"?: .info
        default: .warning
        }
    }

    private static func optionalFields(alertname: String?, goal: String?, severity: String?) -> [JournalField] {
        [("GOALWATCH_ALERTNAME", alertname), ("GOALWATCH_GOAL", goal), ("GOALWATCH_SEVERITY", severity)]
            .compactMap { name, value in value.map { JournalField(name, $0) } }
    }

    private static func labelFields(_ labels: [String: String]) -> [JournalField] {
        labels.keys.sorted().compactMap { name in labels[name].map { JournalField(labelFieldName(name), $0) } }
    }

    private static func fingerprintText(_ fingerprint: UInt64) -> String {
        let digits = String(fingerprint, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
