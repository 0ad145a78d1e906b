import GoalWatchCore

/// The body of `POST <alertmanager>/api/v2/alerts`: a JSON array of Alertmanager's `postableAlert`s,
/// one per alert of the notification, as Prometheus' notifier sends them (docs/payloads.md).
///
/// A firing alert is sent with `endsAt` in the future, a lease Alertmanager resolves the alert at
/// unless it is sent again first: like Prometheus, the attempt's time plus four times the larger of
/// the evaluation interval and the resend delay, so two lost evaluations or deliveries don't resolve
/// it. A resolved alert is sent with the time it resolved. Goal figures travel as extra annotations
/// (``GoalAnnotations``); `generatorURL` is the alert's, else its goal's dashboard link, else left out.
public struct AlertmanagerAPIPayload: PayloadRenderer {
    /// How often the rules are evaluated.
    public let evaluationInterval: TimeSpan
    /// The least time between two sends of the same alert (Prometheus' `--rules.alert.resend-delay`).
    public let resendDelay: TimeSpan

    /// Creates the renderer.
    /// - Parameters:
    ///   - evaluationInterval: How often the rules are evaluated (`evaluation.interval`).
    ///   - resendDelay: The least time between two sends of a firing alert; Prometheus' default is 1m.
    public init(evaluationInterval: TimeSpan, resendDelay: TimeSpan = .minutes(1)) {
        self.evaluationInterval = evaluationInterval
        self.resendDelay = resendDelay
    }

    /// How long after a send a firing alert stays valid: 4 × max(evaluation interval, resend delay).
    public var lease: TimeSpan {
        TimeSpan(milliseconds: 4 * max(evaluationInterval.milliseconds, resendDelay.milliseconds))
    }

    /// The body as `application/json`; firing alerts' `endsAt` is `now` plus ``lease``.
    public func render(_ notification: Notification, at now: Timestamp) -> RenderedBody {
        let shown = notification.withGoalAnnotations
        return .json(.array(shown.alerts.map { alert($0, externalURL: shown.externalURL, now: now) }))
    }

    private func alert(_ alert: NotifiedAlert, externalURL: String?, now: Timestamp) -> JSONValue {
        let endsAt = alert.status == .firing ? now + lease : (alert.endsAt ?? now)
        var members: [(key: String, value: JSONValue)] = [
            (key: "labels", value: .strings(alert.labels)),
            (key: "annotations", value: .strings(alert.annotations)),
            (key: "startsAt", value: .string(PayloadTime.rfc3339(alert.startsAt))),
            (key: "endsAt", value: .string(PayloadTime.rfc3339(endsAt))),
        ]
        if let generatorURL = alert.generatorURL ?? alert.goal.flatMap({ DashboardLink.goal($0.name, externalURL: externalURL) }), !generatorURL.isEmpty {
            members.append((key: "generatorURL", value: .string(generatorURL)))
        }
        return .object(members)
    }
}
