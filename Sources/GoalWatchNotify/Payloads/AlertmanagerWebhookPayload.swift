import GoalWatchCore

/// Alertmanager's webhook payload, version 4, field for field (DESIGN §8, docs/payloads.md), so any
/// consumer of Alertmanager's webhooks reads GoalWatch's.
///
/// Keys come in the order Alertmanager writes them, label and annotation maps sorted; `endsAt` is Go's
/// zero time (`0001-01-01T00:00:00Z`) while an alert fires; times are written as Go writes a
/// `time.Time`. `notification_reason` carries ``Notification/Reason`` as Alertmanager does since
/// 0.32. Goal figures appear only as extra annotations (``GoalAnnotations``). `generatorURL` is the
/// alert's, else its goal's dashboard link, else empty. Alertmanager's newer `routeLabels` is left
/// out: GoalWatch's routes carry no labels.
public struct AlertmanagerWebhookPayload: PayloadRenderer {
    /// The `version` the body carries.
    public static let version = "4"

    /// The most alerts one body carries, as Alertmanager's `max_alerts`; 0 for all.
    public let maxAlerts: Int

    /// Creates the renderer.
    /// - Parameter maxAlerts: The most alerts one body carries; the rest are counted in `truncatedAlerts`. 0 (the default) for all.
    public init(maxAlerts: Int = 0) {
        self.maxAlerts = max(0, maxAlerts)
    }

    /// The body as `application/json`.
    public func render(_ notification: Notification, at now: Timestamp) -> RenderedBody {
        var shown = notification.withGoalAnnotations
        var truncated = 0
        if maxAlerts > 0, shown.alerts.count > maxAlerts {
            truncated = shown.alerts.count - maxAlerts
            shown.alerts = Array(shown.alerts.prefix(maxAlerts))
        }
        return .json(.object([
            (key: "receiver", value: .string(shown.receiver)),
            (key: "status", value: .string(shown.status.rawValue)),
            (key: "alerts", value: .array(shown.alerts.map { alert($0, externalURL: shown.externalURL) })),
            (key: "notification_reason", value: .string(shown.reason.rawValue)),
            (key: "groupLabels", value: .strings(shown.groupLabels)),
            (key: "commonLabels", value: .strings(shown.commonLabels)),
            (key: "commonAnnotations", value: .strings(shown.commonAnnotations)),
            (key: "externalURL", value: .string(shown.externalURL ?? "")),
            (key: "version", value: .string(Self.version)),
            (key: "groupKey", value: .string(shown.groupKey)),
            (key: "truncatedAlerts", value: .integer(truncated)),
        ]))
    }

    private func alert(_ alert: NotifiedAlert, externalURL: String?) -> JSONValue {
        let generatorURL = alert.generatorURL ?? alert.goal.flatMap { DashboardLink.goal($0.name, externalURL: externalURL) } ?? ""
        return .object([
            (key: "status", value: .string(alert.status.rawValue)),
            (key: "labels", value: .strings(alert.labels)),
            (key: "annotations", value: .strings(alert.annotations)),
            (key: "startsAt", value: .string(PayloadTime.rfc3339(alert.startsAt))),
            (key: "endsAt", value: .string(alert.endsAt.map(PayloadTime.rfc3339) ?? PayloadTime.goZero)),
            (key: "generatorURL", value: .string(generatorURL)),
            (key: "fingerprint", value: .string(alert.fingerprint)),
        ])
    }
}
