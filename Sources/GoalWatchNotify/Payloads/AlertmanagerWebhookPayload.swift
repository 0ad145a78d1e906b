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
        var out = JSONOutput(capacity: 256 + 640 * shown.alerts.count)
        out.beginObject()
        out.member("receiver", shown.receiver)
        out.member("status", shown.status.rawValue)
        out.key("alerts")
        out.beginArray()
        for alert in shown.alerts { write(alert, externalURL: shown.externalURL, into: &out) }
        out.endArray()
        out.member("notification_reason", shown.reason.rawValue)
        out.member("groupLabels", shown.groupLabels)
        out.member("commonLabels", shown.commonLabels)
        out.member("commonAnnotations", shown.commonAnnotations)
        out.member("externalURL", shown.externalURL ?? "")
        out.member("version", Self.version)
        out.member("groupKey", shown.groupKey)
        out.key("truncatedAlerts")
        out.integer(Int64(truncated))
        out.endObject()
        return RenderedBody(contentType: "application/json", bytes: out.bytes)
    }

    private func write(_ alert: NotifiedAlert, externalURL: String?, into out: inout JSONOutput) {
        let generatorURL = alert.generatorURL ?? alert.goal.flatMap { DashboardLink.goal($0.name, externalURL: externalURL) } ?? ""
        out.beginObject()
        out.member("status", alert.status.rawValue)
        out.member("labels", alert.labels)
        out.member("annotations", alert.annotations)
        out.member("startsAt", PayloadTime.rfc3339(alert.startsAt))
        out.member("endsAt", alert.endsAt.map(PayloadTime.rfc3339) ?? PayloadTime.goZero)
        out.member("generatorURL", generatorURL)
        out.member("fingerprint", alert.fingerprint)
        out.endObject()
    }
}
