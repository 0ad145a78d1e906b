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

    @Test func storedTextsKeepTheirBytesAcrossVersions() throws {
        // A store written by an earlier version compares equal, so an upgrade does not rewrite every state.
        let labels = Labels(["alertname": "Behind", "account": "a\"1"])
        let active = ActiveAlert(
            instance: AlertInstance(labels: labels, phase: .firing, activeSince: at(0), firingSince: at(60), value: 0.5),
            annotations: ["summary": "s", "description": "d"], origin: .goal(goal: "ig", kind: .behindPace), seriesLabels: labels)
        #expect(try StoredJSON.text(active) == #"{"annotations":{"description":"d","summary":"s"},"instance":{"activeSince":1790000000000,"firingSince":1790000060000,"labels":{"account":"a\"1","alertname":"Behind"},"phase":"firing","value":0.5},"origin":{"goal":{"goal":"ig","kind":"behind_pace"}},"seriesLabels":{"account":"a\"1","alertname":"Behind"}}"#)
        var routed = RoutedAlert(labels: labels.dictionary, annotations: ["Z": "z", "a": "b"], startsAt: at(0), value: -2, updatedAt: at(5))
        routed.endsAt = at(90)
        routed.goal = NotifiedGoal(
            name: "ig", state: "behind", value: 1, baseline: nil, target: 3, progressRatio: nil, expectedRatio: nil,
            forecastValue: nil, requiredRate: nil, deadline: at(100))
        #expect(try StoredJSON.text(routed) == #"{"annotations":{"Z":"z","a":"b"},"endsAt":1790000090000,"fingerprint":"\#(routed.fingerprint)","goal":{"deadline":1790000100000,"name":"ig","state":"behind","target":3,"value":1},"labels":{"account":"a\"1","alertname":"Behind"},"startsAt":1790000000000,"updatedAt":1790000005000,"value":-2}"#)
        let notification = Notification(
            id: "n", receiver: "r", groupKey: "{}", groupLabels: [:], status: .resolved, reason: .allAlertsResolved,
            alerts: [routed.notified], createdAt: at(1), externalURL: "https://x/")
        #expect(try StoredJSON.text(notification) == #"{"alerts":[{"annotations":{"Z":"z","a":"b"},"endsAt":1790000090000,"fingerprint":"\#(routed.fingerprint)","goal":{"deadline":1790000100000,"name":"ig","state":"behind","target":3,"value":1},"labels":{"account":"a\"1","alertname":"Behind"},"startsAt":1790000000000,"status":"resolved","value":-2}],"createdAt":1790000001000,"externalURL":"https://x/","groupKey":"{}","groupLabels":{},"id":"n","reason":"all alerts resolved","receiver":"r","status":"resolved"}"#)
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
