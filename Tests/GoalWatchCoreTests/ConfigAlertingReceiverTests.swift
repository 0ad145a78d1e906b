import Foundation
import Testing
@testable import GoalWatchCore

@Suite("receivers: kinds, files and delivery settings")
struct ConfigAlertingReceiverTests {
    static let credentials = "/run/credentials/goalwatch.service"
    static let files = [
        "\(credentials)/hook-secret": "hmac-key\n",
        "\(credentials)/slack-url": "https://hooks.slack.example/services/T0/B0/xyz\n",
        "\(credentials)/pd-key": "R0UT1NGKEY\r\n",
        "/srv/goalwatch/templates/teams.tmpl": "{{ range .Alerts }}{{ .Labels.alertname }}\n{{ end }}\n",
        "/srv/goalwatch/ca.pem": "-----BEGIN CERTIFICATE-----\n",
    ]

    static func receivers(_ text: String) throws -> [ReceiverConfiguration] {
        try ConfigFixture.load(text, files: files).receivers
    }

    @Test("a webhook from the design: url, format, secret_file; delivery defaults")
    func designWebhook() throws {
        let receivers = try Self.receivers("""
            receivers:
              - name: marketing-oncall
                webhook: {url: https://hooks.example/goalwatch, format: generic, secret_file: /run/credentials/goalwatch.service/hook-secret}

            """)
        #expect(receivers == [ReceiverConfiguration(
            name: "marketing-oncall",
            kind: .webhook(WebhookReceiver(url: .plain("https://hooks.example/goalwatch"), format: .generic, secret: Secret("hmac-key"))))])
        let delivery = try #require(receivers.first).delivery
        #expect(delivery.timeout == .seconds(10))
        #expect(delivery.maxAge == .hours(24))
        #expect(delivery.concurrency == 4)
        #expect(delivery.sendResolved)
        #expect(delivery.tls == TLSSettings(caFile: nil, insecureSkipVerify: false))
    }

    @Test("every webhook key, and every delivery setting")
    func fullWebhook() throws {
        let receivers = try Self.receivers("""
            receivers:
              - name: am-consumer
                webhook:
                  url: http://127.0.0.1:9095/hook
                  format: alertmanager_webhook
                  headers: {X-Team: care}
                  template: '{"text": "{{ .Status }}"}'
                timeout: 3s
                max_age: 2h
                concurrency: 1
                send_resolved: false
                tls: {ca_file: ca.pem, insecure_skip_verify: true}

            """)
        let receiver = try #require(receivers.first)
        #expect(receiver.kind == .webhook(WebhookReceiver(
            url: .plain("http://127.0.0.1:9095/hook"), format: .alertmanagerWebhook, headers: ["X-Team": .plain("care")],
            template: #"{"text": "{{ .Status }}"}"#)))
        #expect(receiver.delivery == DeliverySettings(
            timeout: .seconds(3), maxAge: .hours(2), concurrency: 1, sendResolved: false,
            tls: TLSSettings(caFile: "/srv/goalwatch/ca.pem", insecureSkipVerify: true)))
    }

    @Test("url_file is read relative to the config's folder, its newline dropped, and the URL is secret")
    func urlFromFile() throws {
        let receivers = try Self.receivers("""
            receivers:
              - name: care-pager
                slack: {url_file: /run/credentials/goalwatch.service/slack-url}

            """)
        guard case .slack(let slack)? = receivers.first?.kind else {
            Issue.record("care-pager should be a slack receiver")
            return
        }
        #expect(slack.url.isSecret)
        #expect(slack.url.reveal() == "https://hooks.slack.example/services/T0/B0/xyz")
        #expect(slack.template == nil)
    }

    @Test("msteams with a template_file: the file's text as it is")
    func teamsTemplateFile() throws {
        let receivers = try Self.receivers("""
            receivers:
              - name: teams
                msteams: {url: "https://example.webhook.office.com/workflows/1", template_file: templates/teams.tmpl}

            """)
        #expect(receivers.first?.kind == .msteams(TeamsReceiver(
            url: .plain("https://example.webhook.office.com/workflows/1"),
            template: "{{ range .Alerts }}{{ .Labels.alertname }}\n{{ end }}\n")))
    }

    @Test("pagerduty: a routing key from a file (CRLF dropped), the default URL, a severity template")
    func pagerDuty() throws {
        let receivers = try Self.receivers("""
            receivers:
              - name: pd
                pagerduty: {routing_key_file: /run/credentials/goalwatch.service/pd-key, severity: '{{ .CommonLabels.severity }}'}
              - name: pd-eu
                pagerduty: {routing_key: inline-key, url: "https://events.eu.pagerduty.com/v2/enqueue"}

            """)
        #expect(receivers.map(\.kind) == [
            .pagerduty(PagerDutyReceiver(routingKey: Secret("R0UT1NGKEY"), severity: "{{ .CommonLabels.severity }}")),
            .pagerduty(PagerDutyReceiver(routingKey: Secret("inline-key"), url: .plain("https://events.eu.pagerduty.com/v2/enqueue"))),
        ])
        guard case .pagerduty(let pd)? = receivers.first?.kind else { return }
        #expect(pd.url == .plain("https://events.pagerduty.com/v2/enqueue"))
    }

    @Test("alertmanager: a list of base URLs")
    func alertmanager() throws {
        let receivers = try Self.receivers("""
            receivers:
              - name: am
                alertmanager: {urls: ["http://127.0.0.1:9093", "https://am.example"]}

            """)
        #expect(receivers.first?.kind == .alertmanager(AlertmanagerReceiver(urls: [.plain("http://127.0.0.1:9093"), .plain("https://am.example")])))
        #expect(receivers.first?.kind.key == "alertmanager")
    }

    @Test("the local sink of the quick start")
    func localSink() throws {
        let config = try ConfigFixture.load("""
            alerting:
              route: {receiver: local-sink}
            receivers:
              - name: local-sink
                webhook: {url: "http://127.0.0.1:9095/hook", format: generic}

            """)
        #expect(config.receiver(named: "local-sink")?.kind == .webhook(WebhookReceiver(url: .plain("http://127.0.0.1:9095/hook"))))
        #expect(config.alerting.route?.receiver == "local-sink")
    }
}
