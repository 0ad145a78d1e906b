import Foundation
import Crypto
import GoalWatchCore

/// A PagerDuty Events API v2 event (DESIGN §8, docs/payloads.md): `trigger` while the group has firing
/// alerts, `resolve` once all resolved, with the group key as `dedup_key` so the resolve closes the
/// incident the triggers opened.
///
/// A trigger carries a summary (headline and first alert, at most 1024 characters), `source`,
/// `severity` (the receiver's `severity` template when it has one, else the most severe `severity`
/// label among the firing alerts that PagerDuty knows: critical, error, warning, info; else `error`),
/// the notification time, `class` (the shared
/// alertname), `component` (the shared `goal` label), `group` (the shared `team` label), the alerts in
/// `custom_details`, and links to the dashboard and a shared runbook. A resolve carries only the
/// routing key, action and dedup key. An event over PagerDuty's 512 KB limit loses its alert details
/// (a note says so) rather than failing. The routing key is a ``Secret``: descriptions of the renderer
/// show `<secret>`.
public struct PagerDutyPayload: PayloadRenderer {
    /// PagerDuty's longest `payload.summary`, in characters.
    public static let maxSummary = 1024
    /// PagerDuty's longest `dedup_key`, in characters.
    public static let maxDedupKey = 255
    /// PagerDuty's largest event, in bytes.
    public static let maxEventBytes = 512_000
    private static let severities = ["critical", "error", "warning", "info"]

    private let routingKey: Secret
    /// The event's `payload.source`.
    public let source: String
    /// The receiver's `severity` template, rendered over the notification's template data; `nil`:
    /// the severity comes from the alerts' labels.
    public let severityTemplate: AlertTemplate?
    /// The receiver's name, for errors.
    public let receiver: String

    /// Creates the renderer.
    /// - Parameters:
    ///   - routingKey: The integration's routing key (the service's Events API v2 integration key).
    ///   - source: `payload.source`; default `goalwatch`.
    ///   - severity: The receiver's `severity` template, if it has one.
    ///   - receiver: The receiver's name, which errors carry.
    public init(routingKey: Secret, source: String = "goalwatch", severity: AlertTemplate? = nil, receiver: String = "pagerduty") {
        self.routingKey = routingKey
        self.source = source
        self.severityTemplate = severity
        self.receiver = receiver
    }

    /// The `dedup_key` for a group: the group key itself when it is at most 255 bytes of UTF-8, else the
    /// lowercase hex SHA-256 of it (64 characters, as Alertmanager's PagerDuty integration uses).
    public static func dedupKey(for groupKey: String) -> String {
        if groupKey.utf8.count <= maxDedupKey { return groupKey }
        return lowercaseHex(SHA256.hash(data: Array(groupKey.utf8)))
    }

    /// The event as `application/json`.
    /// - Throws: ``PayloadError`` when the `severity` template fails or renders something other than
    ///   `critical`, `error`, `warning` or `info` (PagerDuty refuses any other).
    public func render(_ notification: Notification, at now: Timestamp) throws(PayloadError) -> RenderedBody {
        let head: [(key: String, value: JSONValue)] = [
            (key: "routing_key", value: .string(routingKey.reveal())),
            (key: "event_action", value: .string(notification.status == .firing ? "trigger" : "resolve")),
            (key: "dedup_key", value: .string(Self.dedupKey(for: notification.groupKey))),
        ]
        guard notification.status == .firing else { return .json(.object(head)) }
        let severity = try severity(notification)
        let full = RenderedBody.json(.object(head + trigger(notification, severity: severity, details: details(notification))))
        if full.bytes.count <= Self.maxEventBytes { return full }
        let note = "alert details removed: the event exceeded PagerDuty's limit of \(Self.maxEventBytes) bytes"
        return .json(.object(head + trigger(notification, severity: severity, details: .object([
            (key: "error", value: .string(note)),
            (key: "num_firing", value: .integer(notification.firingAlerts.count)),
            (key: "num_resolved", value: .integer(notification.resolvedAlerts.count)),
        ]))))
    }

    private func trigger(_ notification: Notification, severity: String, details: JSONValue) -> [(key: String, value: JSONValue)] {
        let common = notification.commonLabels
        var payload: [(key: String, value: JSONValue)] = [
            (key: "summary", value: .string(summary(notification))),
            (key: "source", value: .string(source)),
            (key: "severity", value: .string(severity)),
            (key: "timestamp", value: .string(PayloadTime.rfc3339(notification.createdAt))),
        ]
        for (key, label) in [("component", "goal"), ("group", "team"), ("class", "alertname")] {
            if let value = common[label], !value.isEmpty { payload.append((key: key, value: .string(value))) }
        }
        payload.append((key: "custom_details", value: details))
        var event: [(key: String, value: JSONValue)] = [
            (key: "payload", value: .object(payload)),
            (key: "links", value: .array(links(notification))),
            (key: "client", value: .string("GoalWatch")),
        ]
        if let base = DashboardLink.base(notification.externalURL) { event.append((key: "client_url", value: .string(base + "/"))) }
        return event
    }

    private func summary(_ notification: Notification) -> String {
        var text = Headline.title(notification)
        if let first = notification.firingAlerts.first {
            text += " — " + AlertDigest(first, externalURL: nil, reference: notification.createdAt, timeZone: .gmt).what
        }
        return TextLimit.truncate(text, to: Self.maxSummary)
    }

    private func severity(_ notification: Notification) throws(PayloadError) -> String {
        guard let severityTemplate else {
            let known = Set(notification.firingAlerts.compactMap { $0.labels["severity"]?.lowercased() })
            return Self.severities.first { known.contains($0) } ?? "error"
        }
        let rendered: String
        do {
            rendered = try severityTemplate.render(data: NotificationTemplateData.value(notification))
        } catch {
            throw PayloadError(receiver: receiver, message: "severity template failed: \(error)")
        }
        let severity = rendered.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard Self.severities.contains(severity) else {
            throw PayloadError(
                receiver: receiver,
                message: "expected the severity template to give critical, error, warning or info, found \(String(reflecting: rendered))")
        }
        return severity
    }

    private func details(_ notification: Notification) -> JSONValue {
        let externalURL = notification.externalURL
        return .object([
            (key: "receiver", value: .string(notification.receiver)),
            (key: "reason", value: .string(notification.reason.rawValue)),
            (key: "groupKey", value: .string(notification.groupKey)),
            (key: "groupLabels", value: .strings(notification.groupLabels)),
            (key: "commonLabels", value: .strings(notification.commonLabels)),
            (key: "commonAnnotations", value: .strings(notification.commonAnnotations)),
            (key: "num_firing", value: .integer(notification.firingAlerts.count)),
            (key: "num_resolved", value: .integer(notification.resolvedAlerts.count)),
            (key: "firing", value: .array(notification.firingAlerts.map { GenericPayload.alert($0, externalURL: externalURL) })),
            (key: "resolved", value: .array(notification.resolvedAlerts.map { GenericPayload.alert($0, externalURL: externalURL) })),
        ])
    }

    /// The goal's dashboard card when the alerts share a goal, else the dashboard; a shared runbook.
    private func links(_ notification: Notification) -> [JSONValue] {
        var links: [(String, String)] = []
        if let goal = notification.commonLabels["goal"], let url = DashboardLink.goal(goal, externalURL: notification.externalURL) {
            links.append((url, "Goal on the GoalWatch dashboard"))
        } else if let base = DashboardLink.base(notification.externalURL) {
            links.append((base + "/", "GoalWatch dashboard"))
        }
        if let runbook = notification.commonAnnotations["runbook_url"], !runbook.isEmpty { links.append((runbook, "Runbook")) }
        return links.map { .object([(key: "href", value: .string($0.0)), (key: "text", value: .string($0.1))]) }
    }
}
