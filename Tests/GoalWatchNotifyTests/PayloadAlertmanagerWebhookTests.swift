import Foundation
import GoalWatchCore
import Testing

@testable import GoalWatchNotify

@Suite("Alertmanager webhook payload (version 4)")
struct PayloadAlertmanagerWebhookTests {
    /// The webhook body Alertmanager documents (docs/configuration.md, `<webhook_config>`), with the
    /// placeholders filled in as Alertmanager 0.32+ fills them: every key at every level, no others.
    static let documentedExample = #"""
        {
          "version": "4",
          "groupKey": "{}/{severity=\"critical\"}:{alertname=\"ProbeFailure\"}",
          "truncatedAlerts": 0,
          "status": "firing",
          "receiver": "sms",
          "groupLabels": {"alertname": "ProbeFailure"},
          "commonLabels": {"alertname": "ProbeFailure", "severity": "critical"},
          "commonAnnotations": {"summary": "BlackBox Probe Failure"},
          "externalURL": "http://alertmanager.example:9093",
          "notification_reason": "first notification",
          "alerts": [
            {
              "status": "firing",
              "labels": {"alertname": "ProbeFailure", "severity": "critical"},
              "annotations": {"summary": "BlackBox Probe Failure"},
              "startsAt": "2023-02-06T13:08:45.828Z",
              "endsAt": "0001-01-01T00:00:00Z",
              "generatorURL": "http://prometheus.example:9090/graph?g0.expr=probe_success+%3D%3D+0&g0.tab=1",
              "fingerprint": "1a30ba71cca2921f"
            }
          ]
        }
        """#

    func render(_ notification: Notification, maxAlerts: Int = 0) throws -> [String: Any] {
        try Decoded.object(AlertmanagerWebhookPayload(maxAlerts: maxAlerts).render(notification, at: PayloadFixtures.created))
    }

    /// The kind of a decoded JSON value, to compare shapes.
    static func kind(_ value: Any) -> String {
        switch value {
        case is String: return "string"
        case is NSNumber: return "number"
        case is [String: Any]: return "object"
        case is [Any]: return "array"
        default: return "null"
        }
    }

    @Test("the body has exactly the documented keys, with the documented kinds of value, at every level")
    func sameKeysAsDocumented() throws {
        let example = try #require(try JSONSerialization.jsonObject(with: Data(Self.documentedExample.utf8)) as? [String: Any])
        for (name, notification) in [("firing goal", PayloadFixtures.firingGoal), ("mixed", PayloadFixtures.mixed), ("odd", PayloadFixtures.odd)] {
            let body = try render(notification)
            #expect(Set(body.keys) == Set(example.keys), "\(name): top level")
            for key in example.keys {
                #expect(Self.kind(body[key] as Any) == Self.kind(example[key] as Any), "\(name): \(key)")
            }
            let exampleAlert = try #require(try example.objects("alerts").first)
            for alert in try body.objects("alerts") {
                #expect(Set(alert.keys) == Set(exampleAlert.keys), "\(name): alert")
                for key in exampleAlert.keys {
                    #expect(Self.kind(alert[key] as Any) == Self.kind(exampleAlert[key] as Any), "\(name): alert \(key)")
                }
                #expect(try alert.strings("labels").count == alert.object("labels").count, "\(name): labels are strings")
                #expect(try alert.strings("annotations").count == alert.object("annotations").count, "\(name): annotations are strings")
            }
        }
    }

    @Test("fields carry the notification: version 4, reason, group, Go's zero endsAt while firing")
    func fields() throws {
        let body = try render(PayloadFixtures.mixed)
        #expect(try body.string("version") == "4")
        #expect(try body.string("notification_reason") == "some alerts resolved")
        #expect(try body.string("groupKey") == "{}/{team=\"care\"}:{alertname=\"SlowFirstResponse\"}")
        #expect(try body.number("truncatedAlerts") == 0)
        #expect(try body.string("receiver") == "marketing-oncall")
        #expect(try body.string("externalURL") == "https://goalwatch.example")
        let alerts = try body.objects("alerts")
        #expect(try alerts.map { try $0.string("status") } == ["firing", "resolved"])
        #expect(try alerts[0].string("endsAt") == "0001-01-01T00:00:00Z")
        #expect(try alerts[1].string("endsAt") == "2026-03-14T09:00:00Z")
        #expect(try alerts[0].string("startsAt") == "2026-03-14T06:55:00Z")
        #expect(try alerts[0].string("generatorURL") == "https://goalwatch.example/rules#SlowFirstResponse")
    }

    @Test("goal figures travel as extra annotations, shared ones also in commonAnnotations; a rule's own annotation wins")
    func goalAnnotations() throws {
        var notification = PayloadFixtures.firingGoal
        notification.alerts[0].annotations["goal_target"] = "14.4k followers"
        let body = try render(notification)
        let alert = try #require(try body.objects("alerts").first)
        let annotations = try alert.strings("annotations")
        #expect(annotations["goal_state"] == "behind_pace")
        #expect(annotations["goal_value"] == "12950")
        #expect(annotations["goal_baseline"] == "12000")
        #expect(annotations["goal_target"] == "14.4k followers")
        #expect(annotations["goal_progress"] == "0.3958")
        #expect(annotations["goal_expected"] == "0.6")
        #expect(annotations["goal_forecast"] == "14120.4")
        #expect(annotations["goal_required_rate"] == "84.6")
        #expect(annotations["goal_deadline"] == "2026-04-01T00:00:00Z")
        #expect(try body.strings("commonAnnotations")["goal_progress"] == "0.3958")
        #expect(alert["goal"] == nil)
        #expect(try alert.string("generatorURL") == "https://goalwatch.example/#goal=instagram_followers_q1")
    }

    @Test("maxAlerts keeps the first alerts and counts the rest in truncatedAlerts")
    func truncation() throws {
        let body = try render(PayloadFixtures.many(7), maxAlerts: 3)
        #expect(try body.objects("alerts").count == 3)
        #expect(try body.number("truncatedAlerts") == 4)
    }

    @Test("without an external URL the field is an empty string, as Alertmanager writes an unset one")
    func noExternalURL() throws {
        let body = try render(PayloadFixtures.odd)
        #expect(try body.string("externalURL") == "")
        #expect(try body.objects("alerts")[0].string("generatorURL") == "")
        #expect(try body.objects("alerts")[0].string("startsAt") == "2026-03-14T09:00:00.12Z")
    }

    @Test("keys come in the order Alertmanager's encoder writes them")
    func keyOrder() {
        let text = Decoded.text(AlertmanagerWebhookPayload().render(PayloadFixtures.mixed, at: PayloadFixtures.created))
        let order = ["\"receiver\"", "\"status\"", "\"alerts\"", "\"notification_reason\"", "\"groupLabels\"", "\"commonLabels\"",
                     "\"commonAnnotations\"", "\"externalURL\"", "\"version\"", "\"groupKey\"", "\"truncatedAlerts\""]
        let positions = order.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count)
        #expect(positions == positions.sorted())
    }
}
