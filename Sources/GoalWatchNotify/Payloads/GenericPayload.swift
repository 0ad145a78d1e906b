import GoalWatchCore

/// GoalWatch JSON v1: the `generic` webhook format (DESIGN §8), documented in docs/payloads.md and
/// specified by docs/schemas/goalwatch-notification-v1.schema.json.
///
/// Object keys are sorted (by code point), so the same notification always gives the same bytes, at
/// every attempt; sign it with ``SignedPayload``. Times are RFC 3339 in UTC; numbers that JSON cannot
/// hold (NaN, ±Inf) are the strings `"NaN"`, `"+Inf"`, `"-Inf"`.
public struct GenericPayload: PayloadRenderer {
    /// The `version` the body carries.
    public static let version = "1"

    /// Creates the renderer; the format has no options.
    public init() {}

    /// The body as `application/json`.
    public func render(_ notification: Notification, at now: Timestamp) -> RenderedBody {
        .json(document(notification))
    }

    func document(_ notification: Notification) -> JSONValue {
        var members: [String: JSONValue] = [
            "version": .string(Self.version),
            "receiver": .string(notification.receiver),
            "status": .string(notification.status.rawValue),
            "reason": .string(notification.reason.rawValue),
            "groupKey": .string(notification.groupKey),
            "groupLabels": .strings(notification.groupLabels),
            "commonLabels": .strings(notification.commonLabels),
            "commonAnnotations": .strings(notification.commonAnnotations),
            "alerts": .array(notification.alerts.map { Self.alert($0, externalURL: notification.externalURL) }),
        ]
        if let externalURL = notification.externalURL, !externalURL.isEmpty { members["externalURL"] = .string(externalURL) }
        return .sorted(members)
    }

    /// One alert as the `alerts` array holds it; PagerDuty's `custom_details` reuse it.
    static func alert(_ alert: NotifiedAlert, externalURL: String?) -> JSONValue {
        var members: [String: JSONValue] = [
            "status": .string(alert.status.rawValue),
            "labels": .strings(alert.labels),
            "annotations": .strings(alert.annotations),
            "startsAt": .string(PayloadTime.rfc3339(alert.startsAt)),
            "endsAt": .string(orNull: alert.endsAt.map(PayloadTime.rfc3339)),
            "value": .number(alert.value),
            "fingerprint": .string(alert.fingerprint),
        ]
        if let generatorURL = alert.generatorURL, !generatorURL.isEmpty { members["generatorURL"] = .string(generatorURL) }
        if let goal = alert.goal {
            members["goal"] = Self.goal(goal)
            if let url = DashboardLink.goal(goal.name, externalURL: externalURL) { members["dashboardURL"] = .string(url) }
        }
        return .sorted(members)
    }

    private static func goal(_ goal: NotifiedGoal) -> JSONValue {
        .sorted([
            "name": .string(goal.name),
            "state": .string(goal.state),
            "value": .number(orNull: goal.value),
            "baseline": .number(orNull: goal.baseline),
            "target": .number(orNull: goal.target),
            "progress": .number(orNull: goal.progressRatio),
            "expected": .number(orNull: goal.expectedRatio),
            "forecast": .number(orNull: goal.forecastValue),
            "required_rate": .number(orNull: goal.requiredRate),
            "deadline": .string(orNull: goal.deadline.map(PayloadTime.rfc3339)),
        ])
    }
}
