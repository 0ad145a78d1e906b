import Foundation
import GoalWatchCore

/// A Microsoft Teams message for a Workflows webhook ("Post to a channel when a webhook request is
/// received"): one Adaptive Card 1.4 attachment with the same information as ``SlackPayload``
/// (docs/payloads.md).
///
/// The card: a headline coloured by status, the receiver and reason, then per alert a container with
/// what is wrong, facts (severity, value, goal, progress), since when and links; at most ``maxAlerts``
/// alerts, then "and N more"; actions open the dashboard and a shared runbook. Times use Adaptive
/// Cards' `DATE()`/`TIME()`, which Teams shows in each reader's time zone. The body stays under Teams'
/// 28 KB message limit: alerts are dropped from the card (and counted in "and N more") until it fits.
public struct TeamsPayload: PayloadRenderer {
    /// Teams' largest message, in bytes.
    public static let maxBytes = 28_000
    /// The largest ``maxAlerts`` accepted.
    public static let alertCap = 50

    /// The most alerts shown one by one; between 1 and ``alertCap``.
    public let maxAlerts: Int
    /// The time zone of a goal's last day.
    public let timeZone: TimeZone

    /// Creates the renderer.
    /// - Parameters:
    ///   - maxAlerts: The most alerts shown one by one (default 10), clamped to 1…``alertCap``.
    ///   - timeZone: For a goal's last day (default UTC).
    public init(maxAlerts: Int = 10, timeZone: TimeZone = .gmt) {
        self.maxAlerts = min(max(1, maxAlerts), Self.alertCap)
        self.timeZone = timeZone
    }

    /// The message as `application/json`.
    public func render(_ notification: Notification, at now: Timestamp) -> RenderedBody {
        var shown = min(maxAlerts, notification.alerts.count)
        var body = RenderedBody.json(message(notification, showing: shown))
        while body.bytes.count > Self.maxBytes, shown > 0 {
            shown -= 1
            body = .json(message(notification, showing: shown))
        }
        return body
    }

    private func message(_ notification: Notification, showing count: Int) -> JSONValue {
        var card: [(key: String, value: JSONValue)] = [
            (key: "$schema", value: .string("http://adaptivecards.io/schemas/adaptive-card.json")),
            (key: "type", value: .string("AdaptiveCard")),
            (key: "version", value: .string("1.4")),
            (key: "msteams", value: .object([(key: "width", value: .string("Full"))])),
            (key: "body", value: .array(body(notification, showing: count))),
        ]
        let actions = self.actions(notification)
        if !actions.isEmpty { card.append((key: "actions", value: .array(actions))) }
        return .object([
            (key: "type", value: .string("message")),
            (key: "attachments", value: .array([.object([
                (key: "contentType", value: .string("application/vnd.microsoft.card.adaptive")),
                (key: "contentUrl", value: .null),
                (key: "content", value: .object(card)),
            ])])),
        ])
    }

    private func body(_ notification: Notification, showing count: Int) -> [JSONValue] {
        let groups = notification.groupLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var items: [JSONValue] = [
            textBlock(Headline.line(notification), limit: 300, extra: [
                (key: "size", value: .string("Large")), (key: "weight", value: .string("Bolder")),
                (key: "color", value: .string(notification.status == .firing ? "Attention" : "Good")),
            ]),
            textBlock((["receiver \(notification.receiver)", notification.reason.rawValue] + groups).joined(separator: " · "), limit: 1000, extra: [
                (key: "isSubtle", value: .bool(true)), (key: "spacing", value: .string("None")),
            ]),
        ]
        for alert in notification.alerts.prefix(count) {
            let digest = AlertDigest(alert, externalURL: notification.externalURL, reference: notification.createdAt, timeZone: timeZone)
            items.append(container(digest, resolvedAmongFiring: notification.status == .firing && alert.status == .resolved))
        }
        let hidden = notification.alerts.count - count
        if hidden > 0 {
            let firing = notification.alerts.dropFirst(count).filter { $0.status == .firing }.count
            let parts = [firing > 0 ? "\(firing) firing" : nil, hidden - firing > 0 ? "\(hidden - firing) resolved" : nil].compactMap { $0 }
            items.append(textBlock("and \(hidden) more (\(parts.joined(separator: ", ")))", limit: 200, extra: [(key: "isSubtle", value: .bool(true))]))
        }
        return items
    }

    private func container(_ digest: AlertDigest, resolvedAmongFiring: Bool) -> JSONValue {
        var facts: [(String, String)] = []
        if let severity = digest.severity { facts.append(("Severity", severity)) }
        facts.append(("Value", digest.value))
        if let goal = digest.goal { facts.append(("Goal", goal)) }
        if let figures = digest.goalFigures { facts.append(("Progress", figures)) }
        let since = PayloadTime.rfc3339Seconds(digest.startsAt)
        var items: [JSONValue] = [
            textBlock((resolvedAmongFiring ? "✅ " : "") + digest.what, limit: 1000, extra: [(key: "weight", value: .string("Bolder"))]),
            .object([
                (key: "type", value: .string("FactSet")),
                (key: "facts", value: .array(facts.map { fact in
                    .object([(key: "title", value: .string(fact.0)), (key: "value", value: .string(TextLimit.truncate(fact.1, to: 500)))])
                })),
            ]),
            textBlock("🕒 \(digest.durationPhrase) · since {{DATE(\(since), SHORT)}} {{TIME(\(since))}}", limit: 300, extra: [
                (key: "isSubtle", value: .bool(true)),
            ]),
        ]
        let links = digest.links.compactMap(Self.markdownLink)
        if !links.isEmpty { items.append(textBlock(links.joined(separator: " · "), limit: .max, extra: [])) }
        return .object([
            (key: "type", value: .string("Container")),
            (key: "separator", value: .bool(true)),
            (key: "items", value: .array(items)),
        ])
    }

    /// Open the dashboard (when the HTTP API is on) and the runbook every alert shares (when they do).
    private func actions(_ notification: Notification) -> [JSONValue] {
        var links: [(String, String)] = []
        if let base = DashboardLink.base(notification.externalURL) { links.append(("Open dashboard", base + "/")) }
        if let runbook = notification.commonAnnotations["runbook_url"], !runbook.isEmpty { links.append(("Runbook", runbook)) }
        return links.map { link in
            .object([(key: "type", value: .string("Action.OpenUrl")), (key: "title", value: .string(link.0)), (key: "url", value: .string(link.1))])
        }
    }

    private func textBlock(_ text: String, limit: Int, extra: [(key: String, value: JSONValue)]) -> JSONValue {
        .object([(key: "type", value: .string("TextBlock")), (key: "text", value: .string(TextLimit.truncate(text, to: limit)))] + extra
            + [(key: "wrap", value: .bool(true))])
    }

    /// `[title](url)`, with the characters that would end a markdown link early percent-encoded;
    /// `nil` for a URL too long to show whole.
    private static func markdownLink(_ link: AlertDigest.Link) -> String? {
        var url = ""
        for character in link.url {
            switch character {
            case "(": url += "%28"
            case ")": url += "%29"
            case " ": url += "%20"
            default: url.append(character)
            }
        }
        guard url.utf16.count <= 2000 else { return nil }
        return "[\(link.title)](\(url))"
    }
}
