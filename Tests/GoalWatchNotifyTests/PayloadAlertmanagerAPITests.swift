import Foundation
import GoalWatchCore
import Testing

@testable import GoalWatchNotify

@Suite("Alertmanager API v2 payload (postable alerts)")
struct PayloadAlertmanagerAPITests {
    let attempt = PayloadFixtures.created + .minutes(7)

    func render(_ notification: Notification, interval: TimeSpan = .minutes(1), resendDelay: TimeSpan = .minutes(1)) throws -> [[String: Any]] {
        let body = AlertmanagerAPIPayload(evaluationInterval: interval, resendDelay: resendDelay).render(notification, at: attempt)
        #expect(body.contentType == "application/json")
        return try #require(try Decoded.any(body) as? [[String: Any]])
    }

    @Test("one postable alert per alert, with labels, annotations, startsAt, endsAt and generatorURL")
    func fields() throws {
        let alerts = try render(PayloadFixtures.mixed)
        #expect(alerts.count == 2)
        for alert in alerts {
            #expect(Set(alert.keys) == ["labels", "annotations", "startsAt", "endsAt", "generatorURL"])
            #expect(try alert.strings("labels")["alertname"] == "SlowFirstResponse")
            #expect(try alert.string("startsAt") == "2026-03-14T06:55:00Z")
            #expect(try alert.string("generatorURL") == "https://goalwatch.example/rules#SlowFirstResponse")
        }
    }

    @Test("a firing alert's endsAt is the attempt's time plus 4 × max(evaluation interval, resend delay), as Prometheus sends it",
          arguments: [(TimeSpan.minutes(1), TimeSpan.minutes(1), "2026-03-14T09:11:00Z"), (.minutes(5), .minutes(1), "2026-03-14T09:27:00Z"),
                      (.seconds(15), .minutes(1), "2026-03-14T09:11:00Z"), (.seconds(30), .minutes(2), "2026-03-14T09:15:00Z")])
    func firingLease(_ interval: TimeSpan, _ resendDelay: TimeSpan, _ expected: String) throws {
        let alerts = try render(PayloadFixtures.mixed, interval: interval, resendDelay: resendDelay)
        #expect(try alerts[0].string("endsAt") == expected)
    }

    @Test("a resolved alert's endsAt is when it resolved")
    func resolvedEnd() throws {
        let alerts = try render(PayloadFixtures.resolved)
        #expect(try alerts.map { try $0.string("endsAt") } == ["2026-03-14T09:00:00Z", "2026-03-14T09:00:00Z"])
    }

    @Test("goal alerts carry goal annotations and link to the dashboard; without any link generatorURL is left out")
    func goalAndNoLink() throws {
        let goal = try #require(try render(PayloadFixtures.firingGoal).first)
        #expect(try goal.strings("annotations")["goal_progress"] == "0.3958")
        #expect(try goal.string("generatorURL") == "https://goalwatch.example/#goal=instagram_followers_q1")
        let odd = try render(PayloadFixtures.odd)
        #expect(odd.allSatisfy { $0["generatorURL"] == nil })
        #expect(try odd[0].strings("labels")["account"] == "café 🎯\n\\x")
    }

    @Test("a notification without alerts is an empty array")
    func empty() throws {
        #expect(try render(PayloadFixtures.empty).isEmpty)
    }
}
