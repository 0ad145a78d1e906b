import Foundation
import GoalWatchCore

/// A Slack incoming-webhook message in Block Kit, laid out to read on a phone (docs/payloads.md).
///
/// A header (status emoji, alert name, count), a line naming the receiver and why it was sent, then
/// per alert: what is wrong, how bad (severity, value), the goal's progress for goal alerts, since
/// when, and links (dashboard, runbook, source). At most ``maxAlerts`` alerts are shown, then
/// "and N more". `text` is the plain fallback Slack shows in notifications.
///
/// Within Slack's limits by construction: at most 50 blocks, a header of at most 150 characters, texts
/// of at most 3000, cut at a character boundary, and user text escaped for mrkdwn (`&`, `<`, `>`).
/// Times show in each reader's own time zone (Slack's `<!date>`), with ``timeZone`` for the fallback.
public struct SlackPayload: PayloadRenderer {
    /// Slack's most blocks in a message.
    public static let maxBlocks = 50
    /// Slack's longest text of a section or context element, in characters.
    public static let maxText = 3000
    /// Slack's longest header text, in characters.
    public static let maxHeader = 150
    /// The largest ``maxAlerts`` accepted: two blocks an alert plus three keeps a message within 50 blocks.
    public static let alertCap = 20

    /// The most alerts shown one by one; between 1 and ``alertCap``.
    public let maxAlerts: Int
    /// The time zone of dates in fallback text and of goal deadlines.
    public let timeZone: TimeZone

    /// Creates the renderer.
    /// - Parameters:
    ///   - maxAlerts: The most alerts shown one by one (default 10), clamped to 1…``alertCap``.
    ///   - timeZone: For dates written out in text and for a goal's last day (default UTC).
    public init(maxAlerts: Int = 10, timeZone: TimeZone = .gmt) {
        self.maxAlerts = min(max(1, maxAlerts), Self.alertCap)
        self.timeZone = timeZone
    }

    /// The message as `application/json`.
    public func render(_ notification: Notification, at now: Timestamp) -> RenderedBody {
        let digests = notification.alerts.prefix(maxAlerts).map {
            AlertDigest($0, externalURL: notification.externalURL, reference: notification.createdAt, timeZone: timeZone)
        }
        var blocks: [JSONValue] = [
            .object([
                (key: "type", value: .string("header")),
                (key: "text", value: plainText(TextLimit.truncate(Headline.line(notification), to: Self.maxHeader))),
            ]),
            context(TextLimit.truncate(subtitle(notification), to: Self.maxText, escaping: Self.escape)),
        ]
        for digest in digests {
            blocks.append(.object([(key: "type", value: .string("section")), (key: "text", value: mrkdwn(section(digest, notification)))]))
            let links = digest.links.compactMap(Self.link)
            if !links.isEmpty { blocks.append(context(TextLimit.lines([links.joined(separator: " · ")], fitting: Self.maxText))) }
        }
        let hidden = notification.alerts.count - digests.count
        if hidden > 0 { blocks.append(context(moreLine(notification, hidden: hidden))) }
        return .json(.object([
            (key: "text", value: .string(fallback(notification, first: digests.first))),
            (key: "blocks", value: .array(Array(blocks.prefix(Self.maxBlocks)))),
        ]))
    }

    /// `receiver `marketing-oncall` · first notification · team=care`.
    private func subtitle(_ notification: Notification) -> String {
        let groups = notification.groupLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return (["receiver \(notification.receiver)", notification.reason.rawValue] + groups).joined(separator: " · ")
    }

    private func section(_ digest: AlertDigest, _ notification: Notification) -> String {
        var lines: [String] = []
        let marker = notification.status == .firing && digest.status == .resolved ? "✅ " : ""
        lines.append(marker + "*" + TextLimit.truncate(digest.what, to: 1000, escaping: Self.escape) + "*")
        var bad = ["value *\(Self.escaped(digest.value))*"]
        if let severity = digest.severity { bad.insert("severity `\(TextLimit.truncate(severity, to: 100, escaping: Self.escape))`", at: 0) }
        lines.append(bad.joined(separator: " · "))
        if let goal = digest.goal {
            lines.append("🎯 " + TextLimit.truncate(goal, to: 500, escaping: Self.escape))
            if let figures = digest.goalFigures { lines.append(Self.escaped(figures)) }
        }
        let fallback = DisplayFormat.dateTime(digest.startsAt, in: timeZone)
        let since = "<!date^\(PayloadTime.unixSeconds(digest.startsAt))^{date_short_pretty} {time}|\(fallback)>"
        lines.append("🕒 \(digest.durationPhrase) · since \(since)")
        return TextLimit.lines(lines, fitting: Self.maxText)
    }

    private func moreLine(_ notification: Notification, hidden: Int) -> String {
        let rest = notification.alerts.dropFirst(maxAlerts)
        let firing = rest.filter { $0.status == .firing }.count
        let parts = [firing > 0 ? "\(firing) firing" : nil, hidden - firing > 0 ? "\(hidden - firing) resolved" : nil].compactMap { $0 }
        return "and \(hidden) more (\(parts.joined(separator: ", ")))"
    }

    /// The notification preview: headline and the first alert's summary, plain text.
    private func fallback(_ notification: Notification, first: AlertDigest?) -> String {
        var text = Headline.line(notification)
        if let first { text += " — " + first.what }
        if notification.alerts.count > 1 { text += " (+\(notification.alerts.count - 1) more)" }
        return TextLimit.truncate(text, to: Self.maxText, escaping: Self.escape)
    }

    private func plainText(_ text: String) -> JSONValue {
        .object([(key: "type", value: .string("plain_text")), (key: "text", value: .string(text)), (key: "emoji", value: .bool(true))])
    }

    private func mrkdwn(_ text: String) -> JSONValue {
        .object([(key: "type", value: .string("mrkdwn")), (key: "text", value: .string(text))])
    }

    private func context(_ text: String) -> JSONValue {
        .object([(key: "type", value: .string("context")), (key: "elements", value: .array([mrkdwn(text)]))])
    }

    /// `<url|title>`, the URL's `<`, `>` and `|` percent-encoded so they cannot end the link early;
    /// `nil` for a URL too long to show whole.
    private static func link(_ link: AlertDigest.Link) -> String? {
        var url = ""
        for character in link.url {
            switch character {
            case "<": url += "%3C"
            case ">": url += "%3E"
            case "|": url += "%7C"
            case "&": url += "&amp;"
            default: url.append(character)
            }
        }
        guard url.utf16.count <= 2000 else { return nil }
        return "<\(url)|\(escaped(link.title))>"
    }

    /// mrkdwn's three escapes: `&`, `<`, `>`.
    static func escape(_ character: Character) -> String {
        switch character {
        case "&": return "&amp;"
        case "<": return "&lt;"
        case ">": return "&gt;"
        default: return String(character)
        }
    }

    private static func escaped(_ text: String) -> String {
        text.map(escape).joined()
    }
}
