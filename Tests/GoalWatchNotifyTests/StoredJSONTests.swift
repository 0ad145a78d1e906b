import Foundation
import GoalWatchCore
import Testing

@testable import GoalWatchNotify

/// The hand-written JSON of stored alerting values reads back through their `Codable` conformances and
/// holds the same document `JSONEncoder` writes.
@Suite struct StoredJSONTests {
    private static let awkward = "quote \" backslash \\ slash / newline \n tab \t nul \u{0} é 🚀 \u{2028} end"
    private static let numbers: [Double] = [-1, 0, -0.0, 0.1, 1e-7, 42, 1.5e300, 123_456_789.123, 0.42]

    private func sameDocument<Value: Encodable>(_ text: String, as value: Value) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let expected = try JSONSerialization.jsonObject(with: encoder.encode(value)) as? NSDictionary
        let written = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
        #expect(written != nil && written == expected, "\(text)")
    }

    private func activeAlerts() -> [ActiveAlert] {
        let labels = Labels(["alertname": "BehindPace", "account": Self.awkward])
        var alerts: [ActiveAlert] = []
        for value in Self.numbers {
            alerts.append(ActiveAlert(
                instance: AlertInstance(labels: labels, phase: .pending, activeSince: at(0), value: value),
                annotations: ["summary": Self.awkward], origin: .rule(group: "g/1", rule: "BehindPace"), seriesLabels: labels))
        }
        alerts.append(ActiveAlert(
            instance: AlertInstance(labels: labels, phase: .firing, activeSince: at(-60), firingSince: at(0), keepFiringSince: at(30), value: 3),
            annotations: [:], origin: .goal(goal: "ig-followers", kind: .behindPace), seriesLabels: .empty))
        return alerts
    }

    private func routedAlerts() -> [RoutedAlert] {
        let goal = NotifiedGoal(
            name: "ig-followers", state: "behind", value: 120, baseline: 100, target: nil, progressRatio: 0.2,
            expectedRatio: 0.25, forecastValue: nil, requiredRate: 1e-3, deadline: at(86_400))
        var alerts = Self.numbers.map { value in
            RoutedAlert(labels: ["alertname": "X", "note": Self.awkward], annotations: ["a": "b"], startsAt: at(0), value: value, updatedAt: at(5))
        }
        var resolved = alerts[0]
        resolved.endsAt = at(90)
        resolved.goal = goal
        alerts.append(resolved)
        return alerts
    }

    @Test func engineAlertStatesReadBackAsTheyWere() throws {
        for alert in activeAlerts() {
            let text = try StoredJSON.text(alert)
            #expect(try JSONDecoder().decode(ActiveAlert.self, from: Data(text.utf8)) == alert)
            try sameDocument(text, as: alert)
        }
    }

    @Test func routerAlertsReadBackAsTheyWere() throws {
        for alert in routedAlerts() {
            let text = try StoredJSON.text(alert)
            #expect(try JSONDecoder().decode(RoutedAlert.self, from: Data(text.utf8)) == alert)
            try sameDocument(text, as: alert)
        }
    }

    @Test func notificationsReadBackAsTheyWere() throws {
        var alerts = routedAlerts().map(\.notified)
        alerts[1].generatorURL = "https://goalwatch.example/rules?x=1&y=\(Self.awkward)"
        for externalURL in [nil, "https://goalwatch.example/"] {
            let notification = Notification(
                id: "n-1", receiver: "oncall", groupKey: "{}:{alertname=\"X\"}", groupLabels: ["alertname": "X"],
                status: .firing, reason: .newAlertsAdded, alerts: alerts, createdAt: at(100), externalURL: externalURL)
            let text = try StoredJSON.text(notification)
            #expect(try JSONDecoder().decode(GoalWatchNotify.Notification.self, from: Data(text.utf8)) == notification)
            try sameDocument(text, as: notification)
        }
    }

    @Test func theSameValueIsAlwaysWrittenAlike() throws {
        // The recorder compares stored texts to find the states that changed.
        for alert in activeAlerts() {
            #expect(try StoredJSON.text(alert) == StoredJSON.text(alert))
        }
    }

    @Test func aValueThatIsNotANumberIsStoredAsAStringAndReadBack() throws {
        var alert = routedAlerts()[0]
        alert.value = .infinity
        let routed = try StoredJSON.text(alert)
        #expect(routed.contains(#""value":"+Inf""#))
        #expect(try StoredJSON.decode(RoutedAlert.self, from: routed).value == .infinity)
        let instance = AlertInstance(labels: Labels(["alertname": "X"]), phase: .firing, activeSince: at(0), value: .nan)
        let active = try StoredJSON.text(ActiveAlert(instance: instance, annotations: [:], origin: .rule(group: "g", rule: "X"), seriesLabels: .empty))
        #expect(active.contains(#""value":"NaN""#))
        #expect(try StoredJSON.decode(ActiveAlert.self, from: active).instance.value.isNaN)
    }
}
