import Foundation
import GoalWatchCore
import Testing

@testable import GoalWatchNotify

@Suite("Template payload (custom body)")
struct PayloadTemplateTests {
    let origin = SourceLocation(file: "goalwatch.yml", line: 40, column: 15)

    func render(_ text: String, _ notification: Notification = PayloadFixtures.mixed, contentType: String = "application/json") throws -> RenderedBody {
        let template = try AlertTemplate(text, origin: origin)
        return try TemplatePayload(template: template, receiver: "custom-hook", contentType: contentType).render(notification, at: PayloadFixtures.created)
    }

    @Test("the template sees Alertmanager's data: receiver, status, group and common labels, external URL, alerts to range over")
    func alertmanagerData() throws {
        let text = """
            {"to": "{{ .Receiver }}", "status": "{{ .Status }}", "why": "{{ .Reason }}", "team": "{{ .CommonLabels.team }}", \
            "group": "{{ .GroupLabels.alertname }}", "url": "{{ .ExternalURL }}", "n": {{ len .Alerts }}, "firing": {{ len .FiringAlerts }}, \
            "alerts": [{{ range $i, $a := .Alerts }}{{ if $i }},{{ end }}{"s": "{{ .Status }}", "net": "{{ .Labels.network }}", \
            "summary": "{{ .Annotations.summary }}", "from": "{{ .StartsAt }}", "to": "{{ .EndsAt }}", "fp": "{{ .Fingerprint }}", \
            "v": {{ .Value }}, "src": "{{ .GeneratorURL }}"}{{ end }}]}
            """
        let body = try render(text)
        #expect(body.contentType == "application/json")
        let json = try Decoded.object(body)
        #expect(try json.string("to") == "marketing-oncall")
        #expect(try json.string("status") == "firing")
        #expect(try json.string("why") == "some alerts resolved")
        #expect(try json.string("team") == "care")
        #expect(try json.string("group") == "SlowFirstResponse")
        #expect(try json.string("url") == "https://goalwatch.example")
        #expect(try json.number("n") == 2)
        #expect(try json.number("firing") == 1)
        let alerts = try json.objects("alerts")
        #expect(try alerts.map { try $0.string("s") } == ["firing", "resolved"])
        #expect(try alerts.map { try $0.string("net") } == ["instagram", "x"])
        #expect(try alerts[0].string("summary") == "First response on instagram is 75.5 min")
        #expect(try alerts[0].string("from") == "2026-03-14T06:55:00Z")
        #expect(try alerts[0].string("to") == "")
        #expect(try alerts[1].string("to") == "2026-03-14T09:00:00Z")
        #expect(try alerts[0].number("v") == 75.5)
        #expect(try alerts[0].string("src") == "https://goalwatch.example/rules#SlowFirstResponse")
    }

    @Test("goal alerts expose their goal's figures; other alerts have no goal")
    func goalFields() throws {
        let text = "{{ range .Alerts }}{{ with .Goal }}{{ .Name }} {{ .State }} {{ humanizePercentage .Progress }} by {{ .Deadline }}{{ else }}none{{ end }}{{ end }}"
        #expect(Decoded.text(try render(text, PayloadFixtures.firingGoal, contentType: "text/plain")) == "instagram_followers_q1 behind_pace 39.58% by 2026-04-01T00:00:00Z")
        #expect(Decoded.text(try render(text, PayloadFixtures.resolved, contentType: "text/plain")) == "nonenone")
    }

    @Test("a failing template is an error naming the receiver and the template's position")
    func renderError() throws {
        let template = try AlertTemplate("{{ .Receivr }}", origin: origin)
        let renderer = TemplatePayload(template: template, receiver: "custom-hook", contentType: "text/plain")
        let error = try #require(throws: PayloadError.self) { try renderer.render(PayloadFixtures.mixed, at: PayloadFixtures.created) }
        #expect(error.receiver == "custom-hook")
        #expect(error.description.hasPrefix("receiver \"custom-hook\": template failed: goalwatch.yml:40:"))
        #expect(error.description.contains("no field Receivr"))
    }

    @Test("a JSON content type refuses a body that is not JSON; another content type sends it as it is")
    func jsonCheck() throws {
        let text = "{\"summary\": \"{{ .CommonLabels.alertname }}\"}"
        let error = try #require(throws: PayloadError.self) { try render(text, PayloadFixtures.odd) }
        #expect(error.description.contains("not valid JSON"))
        #expect(throws: PayloadError.self) { try render(text, PayloadFixtures.odd, contentType: "application/vnd.api+json; charset=utf-8") }
        let plain = try render(text, PayloadFixtures.odd, contentType: "text/plain; charset=utf-8")
        #expect(plain.contentType == "text/plain; charset=utf-8")
        #expect(Decoded.text(plain) == "{\"summary\": \"Ödd \"quoted\" <alert> & co\"}")
    }
}
