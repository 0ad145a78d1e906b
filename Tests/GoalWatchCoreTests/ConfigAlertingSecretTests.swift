import Testing
@testable import GoalWatchCore

@Suite("receiver secrets from files never show")
struct ConfigAlertingSecretTests {
    static let hmacKey = "hmac-5ecret-0123"
    static let slackToken = "T0KEN-5ecret-4567"
    static let routingKey = "R0UTING-5ecret-89ab"
    static let teamsToken = "teams-5ecret-cdef"
    static let credentials = "/run/credentials/goalwatch.service"
    static let files = [
        "\(credentials)/hook-secret": hmacKey + "\n",
        "\(credentials)/slack-url": "https://hooks.slack.example/services/\(slackToken)\n",
        "\(credentials)/pd-key": routingKey + "\n",
        "\(credentials)/teams-token": teamsToken,
    ]
    static let secrets = [hmacKey, slackToken, routingKey, teamsToken]

    @Test("url_file, secret_file, routing_key_file and ${file:…} contents are absent from description and dump")
    func configurationHidesReceiverSecrets() throws {
        let text = """
            alerting:
              route: {receiver: hook}
            receivers:
              - name: hook
                webhook:
                  url: https://hooks.example/goalwatch
                  secret_file: /run/credentials/goalwatch.service/hook-secret
                  headers: {Authorization: "Bearer ${file:/run/credentials/goalwatch.service/teams-token}"}
              - name: slack
                slack: {url_file: /run/credentials/goalwatch.service/slack-url}
              - name: teams
                msteams: {url: "https://example.webhook.office.com/${file:/run/credentials/goalwatch.service/teams-token}"}
              - name: pd
                pagerduty: {routing_key_file: /run/credentials/goalwatch.service/pd-key}
              - name: pd-inline
                pagerduty: {routing_key: "${file:/run/credentials/goalwatch.service/pd-key}"}
              - name: am
                alertmanager: {urls: ["https://${file:/run/credentials/goalwatch.service/teams-token}@am.example"]}

            """
        let config = try ConfigFixture.load(text, files: Self.files)
        for rendering in ConfigSecretTests.renderings(config) {
            for secret in Self.secrets {
                #expect(!rendering.contains(secret), "\(secret) shows")
            }
            #expect(rendering.contains("<secret>"))
            #expect(rendering.contains("https://hooks.example/goalwatch"))
        }
        // The values are there for the code that sends.
        guard case .webhook(let hook)? = config.receiver(named: "hook")?.kind,
              case .slack(let slack)? = config.receiver(named: "slack")?.kind,
              case .pagerduty(let pd)? = config.receiver(named: "pd")?.kind
        else {
            Issue.record("receivers of the wrong kind")
            return
        }
        #expect(hook.secret?.reveal() == Self.hmacKey)
        #expect(hook.headers["Authorization"]?.reveal() == "Bearer \(Self.teamsToken)")
        #expect(slack.url.reveal() == "https://hooks.slack.example/services/\(Self.slackToken)")
        #expect(pd.routingKey.reveal() == Self.routingKey)
    }

    @Test("errors about values read from files name the file, never its contents", arguments: [
        // Not a URL, from url_file and from ${file:…}.
        "receivers:\n  - {name: a, slack: {url_file: /run/credentials/goalwatch.service/hook-secret}}\n",
        "receivers:\n  - {name: a, msteams: {url: \"${file:/run/credentials/goalwatch.service/teams-token}\"}}\n",
        // A matcher, a receiver name, a time interval and a template from a file.
        "alerting:\n  route:\n    receiver: \"${file:/run/credentials/goalwatch.service/pd-key}\"\n    routes:\n      - matchers: [\"${file:/run/credentials/goalwatch.service/hook-secret}\"]\n",
        "alerting:\n  route: {receiver: x}\n  time_intervals:\n    - {name: t, time_intervals: [{weekdays: [\"${file:/run/credentials/goalwatch.service/pd-key}\"], months: [\"${file:/run/credentials/goalwatch.service/pd-key}:march\"]}]}\n",
        "receivers:\n  - {name: a, slack: {url: \"https://x.example\", template: \"{{ ${file:/run/credentials/goalwatch.service/pd-key} }}\"}}\n",
        // A file path from a file that does not exist.
        "receivers:\n  - {name: a, slack: {url_file: \"/nowhere/${file:/run/credentials/goalwatch.service/pd-key}\"}}\n",
    ])
    func errorsHideFileContents(text: String) {
        let errors = ConfigFixture.errors(text, files: Self.files)
        #expect(!errors.isEmpty)
        for error in errors {
            #expect(!error.contains("5ecret"), "\(error)")
        }
    }
}
