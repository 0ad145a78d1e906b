import Foundation
import GoalWatchCore

/// What a person on call needs to know about one alert, in short plain-text phrases; the chat and
/// pager formats lay these out, each in its own markup.
struct AlertDigest {
    /// A link shown with an alert.
    struct Link {
        /// What the link opens: `Dashboard`, `Runbook`, `Source`.
        var title: String
        var url: String
    }

    /// Firing or resolved.
    var status: Notification.Status
    /// What is wrong: the `summary` annotation, else `description`, else the alert's name.
    var what: String
    /// The `severity` label, when there is one.
    var severity: String?
    /// The alert's value, formatted.
    var value: String
    /// The goal's name and state (`instagram_followers_q1 · behind pace`), for goal alerts.
    var goal: String?
    /// The goal's figures (`progress 42 % · expected 60 % · forecast 9,120 by 31 Mar`), for goal alerts.
    var goalFigures: String?
    /// When the alert started.
    var startsAt: Timestamp
    /// How long it has been firing at the notification's time, or how long it fired (`2h 5m`).
    var duration: String
    /// Dashboard (goal alerts, when the HTTP API is on), runbook (`runbook_url` annotation) and source
    /// (`generatorURL`), those that exist.
    var links: [Link]

    /// Digests `alert` as of `reference` (the notification's time); dates in `timeZone`.
    init(_ alert: NotifiedAlert, externalURL: String?, reference: Timestamp, timeZone: TimeZone) {
        status = alert.status
        what = [alert.annotations["summary"], alert.annotations["description"], alert.name.isEmpty ? nil : alert.name]
            .compactMap { $0 }.first { !$0.isEmpty } ?? "alert \(alert.fingerprint)"
        severity = alert.labels["severity"].flatMap { $0.isEmpty ? nil : $0 }
        value = DisplayFormat.number(alert.value)
        startsAt = alert.startsAt
        duration = DisplayFormat.duration((alert.endsAt ?? reference) - alert.startsAt)
        if let goal = alert.goal {
            self.goal = "\(goal.name) · \(goal.state.replacingOccurrences(of: "_", with: " "))"
            goalFigures = Self.figures(goal, reference: reference, timeZone: timeZone)
        }
        var links: [Link] = []
        if let goal = alert.goal, let url = DashboardLink.goal(goal.name, externalURL: externalURL) { links.append(Link(title: "Dashboard", url: url)) }
        if let url = alert.annotations["runbook_url"], !url.isEmpty { links.append(Link(title: "Runbook", url: url)) }
        if let url = alert.generatorURL, !url.isEmpty { links.append(Link(title: "Source", url: url)) }
        self.links = links
    }

    /// `firing for 2h 5m` or `resolved after 2h 5m`.
    var durationPhrase: String {
        status == .firing ? "firing for \(duration)" : "resolved after \(duration)"
    }

    /// `progress 42 % · expected 60 % · forecast 9,120 by 31 Mar`; for goals without progress
    /// (maintain goals) `value 75 · target 60`. `nil` when the goal has no figures.
    private static func figures(_ goal: NotifiedGoal, reference: Timestamp, timeZone: TimeZone) -> String? {
        var parts: [String] = []
        if let progress = goal.progressRatio { parts.append("progress \(DisplayFormat.percent(progress))") }
        if let expected = goal.expectedRatio { parts.append("expected \(DisplayFormat.percent(expected))") }
        if let forecast = goal.forecastValue {
            // The deadline is the period's exclusive end (00:00 after its last day): name the last day.
            let day = goal.deadline.map { " by " + DisplayFormat.day($0 - TimeSpan(milliseconds: 1), in: timeZone, reference: reference) }
            parts.append("forecast \(DisplayFormat.number(forecast))\(day ?? "")")
        }
        if parts.isEmpty {
            if let value = goal.value { parts.append("value \(DisplayFormat.number(value))") }
            if let target = goal.target { parts.append("target \(DisplayFormat.number(target))") }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}
