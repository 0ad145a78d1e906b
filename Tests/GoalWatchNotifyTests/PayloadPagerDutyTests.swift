import Foundation
import GoalWatchCore
import Testing

@testable import GoalWatchNotify

@Suite("PagerDuty payload (Events API v2)")
struct PayloadPagerDutyTests {
    let renderer = PagerDutyPayload(routingKey: Secret("R0UTING-KEY-0123456789abcdef"))

    func render(_ notification: Notification) throws -> [String: Any] {
        let body = try renderer.render(notification, at: PayloadFixtures.created)
        #expect(body.contentType == "application/json")
        return try Decoded.object(body)
    }

    @Test("a firing group triggers with routing key, group key as dedup key, summary, source, severity, details and links")
    func trigger() throws {
        let event = try render(PayloadFixtures.firingGoal)
        #expect(try event.string("routing_key") == "R0UTING-KEY-0123456789abcdef")
        #expect(try event.string("event_action") == "trigger")
        #expect(try event.string("dedup_key") == "{}:{alertname=\"GoalBehindPace\", goal=\"instagram_followers_q1\"}")
        #expect(try event.string("client") == "GoalWatch")
        #expect(try event.string("client_url") == "https://goalwatch.example/")
        let payload = try event.object("payload")
        #expect(try payload.string("summary") == "Firing: GoalBehindPace · instagram_followers_q1 (1) — instagram_followers_q1 is behind pace: 40 % of the way, 60 % expected")
        #expect(try payload.string("source") == "goalwatch")
        #expect(try payload.string("severity") == "warning")
        #expect(try payload.string("timestamp") == "2026-03-14T09:00:00Z")
        #expect(try payload.string("class") == "GoalBehindPace")
        #expect(try payload.string("component") == "instagram_followers_q1")
        #expect(try payload.string("group") == "social")
        let details = try payload.object("custom_details")
        #expect(try details.number("num_firing") == 1)
        #expect(try details.number("num_resolved") == 0)
        let firing = try #require(try details.objects("firing").first)
        #expect(try firing.object("goal").number("progress") == 0.3958)
        #expect(try firing.strings("labels")["goal"] == "instagram_followers_q1")
        let links = try event.objects("links")
        #expect(try links.map { try $0.string("href") } == ["https://goalwatch.example/#goal=instagram_followers_q1", "https://wiki.example/goals"])
        #expect(links.allSatisfy { ($0["text"] as? String)?.isEmpty == false })
    }

    @Test("a resolved group sends only routing key, action and dedup key")
    func resolve() throws {
        let event = try render(PayloadFixtures.resolved)
        #expect(Set(event.keys) == ["routing_key", "event_action", "dedup_key"])
        #expect(try event.string("event_action") == "resolve")
        #expect(try event.string("dedup_key") == PayloadFixtures.resolved.groupKey)
        let empty = try render(PayloadFixtures.empty)
        #expect(try empty.string("event_action") == "resolve")
    }

    @Test("severity is the most severe known severity label among firing alerts, else error", arguments: [
        (["warning", "critical", "info"], "critical"), (["info", "warning"], "warning"), (["INFO"], "info"), (["page", ""], "error"), (["error", "warning"], "error"),
    ])
    func severity(_ severities: [String], _ expected: String) throws {
        let alerts = severities.enumerated().map { index, severity in
            var alert = PayloadFixtures.plainAlert("n\(index)")
            alert.labels["severity"] = severity
            return alert
        }
        #expect(try render(PayloadFixtures.notification(alerts)).object("payload").string("severity") == expected)
    }

    @Test("a severity template sets the severity from the notification's data, trimmed and in lower case")
    func severityTemplate() throws {
        let template = try AlertTemplate(#"{{ if eq .CommonLabels.team "social" }} Critical {{ else }}info{{ end }}"#, origin: SourceLocation(file: "t", line: 1))
        let renderer = PagerDutyPayload(routingKey: Secret("k"), severity: template, receiver: "oncall")
        let event = try Decoded.object(try renderer.render(PayloadFixtures.firingGoal, at: PayloadFixtures.created))
        #expect(try event.object("payload").string("severity") == "critical")
        let resolve = try Decoded.object(try renderer.render(PayloadFixtures.resolved, at: PayloadFixtures.created))
        #expect(resolve["payload"] == nil, "a resolve carries no severity, so the template is not needed")
    }

    @Test("a severity template that gives anything but PagerDuty's four severities is an error naming the receiver")
    func badSeverityTemplate() throws {
        let template = try AlertTemplate("{{ .CommonLabels.team }}", origin: SourceLocation(file: "t", line: 1))
        let renderer = PagerDutyPayload(routingKey: Secret("k"), severity: template, receiver: "oncall")
        #expect {
            try renderer.render(PayloadFixtures.firingGoal, at: PayloadFixtures.created)
        } throws: { error in
            let text = (error as? PayloadError)?.description ?? ""
            return text.contains("oncall") && text.contains("critical, error, warning or info, found \"social\"")
        }
    }

    @Test("a group key over 255 bytes becomes its SHA-256 in hex, the same as python's hashlib computes")
    func longDedupKey() throws {
        let groupKey = "{}/{team=\"care\"}:{account=\"" + String(repeating: "ä", count: 200) + "\"}"
        #expect(groupKey.utf8.count > 255)
        let key = try render(PayloadFixtures.notification([PayloadFixtures.plainAlert("x")], groupKey: groupKey)).string("dedup_key")
        let (status, expected) = try Helper.run([Helper.python, "-c", "import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest(), end='')"], input: Array(groupKey.utf8))
        #expect(status == 0)
        #expect(key == expected)
        #expect(key.count == 64)
        let exact = String(repeating: "k", count: 255)
        #expect(PagerDutyPayload.dedupKey(for: exact) == exact)
    }

    @Test("the summary is cut to 1024 characters")
    func longSummary() throws {
        let alert = PayloadFixtures.plainAlert("x", annotations: ["summary": String(repeating: "ü", count: 3000)])
        let summary = try render(PayloadFixtures.notification([alert])).object("payload").string("summary")
        #expect(summary.count <= PagerDutyPayload.maxSummary)
        #expect(summary.hasSuffix("…"))
    }

    @Test("an event over 512 KB drops its alert details and says so")
    func oversized() throws {
        let big = String(repeating: "x", count: 20_000)
        let notification = PayloadFixtures.notification((0..<40).map { PayloadFixtures.plainAlert("a\($0)", annotations: ["summary": "s", "description": big]) })
        let body = try renderer.render(notification, at: PayloadFixtures.created)
        #expect(body.bytes.count <= PagerDutyPayload.maxEventBytes)
        let details = try Decoded.object(body).object("payload").object("custom_details")
        #expect(try details.string("error").contains("512000"))
        #expect(try details.number("num_firing") == 40)
    }

    @Test("the routing key never shows in the renderer's description or reflection")
    func secretHidden() {
        #expect(!String(describing: renderer).contains("R0UTING"))
        #expect(!String(reflecting: renderer).contains("R0UTING"))
        var dumped = ""
        dump(renderer, to: &dumped)
        #expect(!dumped.contains("R0UTING"))
    }
}
