import Foundation
import GoalWatchCore
import GoalWatchStore
import LoopbackHTTP
import Testing

@testable import GoalWatchNotify

/// Each kind of receiver, as configured, delivering through the HTTP transport to a loopback server:
/// the right address, content type, headers and body format.
@Suite struct ReceiverKindDeliveryTests {
    private let server: LoopbackHTTPServer

    init() throws {
        server = try LoopbackHTTPServer { _ in .init(status: 200) }
    }

    /// Delivers one test notification to `receiver` and returns the request the server got.
    private func deliver(_ kind: ReceiverKind) async throws -> LoopbackHTTPServer.Request {
        defer { try? server.shutdown() }
        let transport = try HTTPDeliveryTransport(
            receivers: [ReceiverConfiguration(name: "r", kind: kind)], evaluationInterval: .minutes(1),
            timeZone: TimeZone(identifier: "UTC")!, userAgent: "GoalWatch/test")
        let outcome = await transport.deliver(testNotification("kind-1", receiver: "r"), attempt: 1)
        #expect(outcome == .delivered)
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.header("Idempotency-Key") == "kind-1")
        return request
    }

    private func json(_ request: LoopbackHTTPServer.Request) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
    }

    @Test func genericWebhookSendsGoalWatchJSONWithItsHeaders() async throws {
        let request = try await deliver(.webhook(WebhookReceiver(url: .plain(server.url("/hook")), headers: ["X-Team": .plain("care")])))
        #expect(request.uri == "/hook" && request.header("X-Team") == "care" && request.header("X-GoalWatch-Signature") == nil)
        #expect(try json(request)["version"] as? String == "1")
    }

    @Test func aHeaderThatWouldSplitTheRequestIsRefusedNamingOnlyItsName() async throws {
        defer { try? server.shutdown() }
        let kind = ReceiverKind.webhook(WebhookReceiver(url: .plain(server.url("/hook")), headers: ["X-Token": .plain("s3cret\r\nX-Injected: 1")]))
        let transport = try HTTPDeliveryTransport(
            receivers: [ReceiverConfiguration(name: "r", kind: kind)], evaluationInterval: .minutes(1),
            timeZone: TimeZone(identifier: "UTC")!, userAgent: "GoalWatch/test")
        let outcome = await transport.deliver(testNotification("kind-1", receiver: "r"), attempt: 1)
        guard case .refused(let reason) = outcome else {
            Issue.record("expected a refusal, got \(outcome)")
            return
        }
        #expect(reason.contains("X-Token") && !reason.contains("s3cret"))
        #expect(server.requests.isEmpty)
    }

    @Test func alertmanagerWebhookFormatSendsVersion4() async throws {
        let request = try await deliver(.webhook(WebhookReceiver(url: .plain(server.url("/am")), format: .alertmanagerWebhook)))
        let body = try json(request)
        #expect(body["version"] as? String == "4" && body["notification_reason"] as? String == "first notification")
    }

    @Test func aTemplateReplacesTheBody() async throws {
        let template = #"{"text": "{{ .Status }} {{ len .Alerts }} {{ .CommonLabels.goal }}"}"#
        let request = try await deliver(.webhook(WebhookReceiver(url: .plain(server.url("/t")), template: template)))
        #expect(try json(request)["text"] as? String == "firing 1 ig-followers")
    }

    @Test func slackGetsBlocksAndAFallbackText() async throws {
        let request = try await deliver(.slack(SlackReceiver(url: .plain(server.url("/services/T/B/X")))))
        let body = try json(request)
        #expect(request.uri == "/services/T/B/X")
        #expect(body["blocks"] is [Any] && body["text"] is String)
    }

    @Test func teamsGetsAnAdaptiveCard() async throws {
        let request = try await deliver(.msteams(TeamsReceiver(url: .plain(server.url("/workflows/x")))))
        let attachments = try #require(try json(request)["attachments"] as? [[String: Any]])
        #expect(attachments.first?["contentType"] as? String == "application/vnd.microsoft.card.adaptive")
    }

    @Test func pagerDutyGetsATriggerEventWithTheRoutingKeyAndGroupKeyAsDedupKey() async throws {
        let request = try await deliver(.pagerduty(PagerDutyReceiver(routingKey: Secret("R0UT1NG"), url: .plain(server.url("/v2/enqueue")))))
        let body = try json(request)
        #expect(request.uri == "/v2/enqueue")
        #expect(body["routing_key"] as? String == "R0UT1NG" && body["event_action"] as? String == "trigger")
        #expect(body["dedup_key"] as? String == #"{}:{alertname="FollowersBehindPace"}"#)
    }

    @Test func pagerDutysSeverityTemplateSetsTheEventsSeverity() async throws {
        let receiver = PagerDutyReceiver(routingKey: Secret("R0UT1NG"), url: .plain(server.url("/v2/enqueue")), severity: "{{ if .CommonLabels.goal }}critical{{ end }}")
        let body = try json(try await deliver(.pagerduty(receiver)))
        #expect((body["payload"] as? [String: Any])?["severity"] as? String == "critical")
    }

    @Test func alertmanagerGetsPostableAlertsAtItsAPIPath() async throws {
        let request = try await deliver(.alertmanager(AlertmanagerReceiver(urls: [.plain(server.url("/am/"))])))
        #expect(request.uri == "/am/api/v2/alerts")
        let alerts = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [[String: Any]])
        #expect((alerts.first?["labels"] as? [String: String])?["alertname"] == "FollowersBehindPace")
    }
}
