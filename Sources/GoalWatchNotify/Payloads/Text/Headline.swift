/// The one-line title of a notification in chat and pager formats: `🔥 Firing: GoalBehindPace ·
/// instagram_followers_q1 (2)`.
enum Headline {
    /// 🔥 while any alert of the group fires, ✅ once all resolved.
    static func emoji(_ notification: Notification) -> String {
        notification.status == .firing ? "🔥" : "✅"
    }

    /// Status, name and count, without the emoji.
    static func title(_ notification: Notification) -> String {
        let status = notification.status == .firing ? "Firing" : "Resolved"
        return "\(status): \(name(notification)) (\(count(notification)))"
    }

    /// The emoji and the title.
    static func line(_ notification: Notification) -> String {
        emoji(notification) + " " + title(notification)
    }

    /// The alerts' shared name (and goal), else the group labels' values, else `alerts`.
    static func name(_ notification: Notification) -> String {
        let common = notification.commonLabels
        if let alertname = common["alertname"], !alertname.isEmpty {
            if let goal = common["goal"], !goal.isEmpty { return "\(alertname) · \(goal)" }
            return alertname
        }
        let values = notification.groupLabels.sorted { $0.key < $1.key }.map(\.value).filter { !$0.isEmpty }
        return values.isEmpty ? "alerts" : values.joined(separator: " · ")
    }

    /// `3`, or `2 firing, 1 resolved` when the group has both.
    static func count(_ notification: Notification) -> String {
        let firing = notification.firingAlerts.count
        let resolved = notification.resolvedAlerts.count
        if firing > 0, resolved > 0 { return "\(firing) firing, \(resolved) resolved" }
        return String(firing + resolved)
    }
}
