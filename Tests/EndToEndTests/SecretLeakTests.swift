import Foundation
import LoopbackHTTP
import Testing

/// Secrets from the configuration — webhook URLs with tokens, signing secrets, routing keys, header
/// values — never appear in what GoalWatch prints, in its errors, or in its store.
@Suite struct SecretLeakTests {
    private static let secrets = [
        "WEBHOOK-PATH-TOKEN-7f3a", "SIGNING-SECRET-91bd", "SLACK-TOKEN-T0B0XY", "PD-ROUTING-KEY-55c2", "HEADER-BEARER-0e44",
    ]

    /// Everything a run printed, plus the store's bytes: none of it may contain a secret.
    private func assertNoSecrets(_ texts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in Self.secrets {
            for text in texts where text.contains(secret) {
                Issue.record("secret \(secret) leaked into: \(text.prefix(400))", sourceLocation: sourceLocation)
            }
        }
    }

    private func configuration(_ folder: TemporaryFolder, port: Int, extra: String = "") throws -> String {
        try folder.write("secrets/hook-url", "http://127.0.0.1:\(port)/hook/WEBHOOK-PATH-TOKEN-7f3a?token=WEBHOOK-PATH-TOKEN-7f3a\n")
        try folder.write("secrets/hook-secret", "SIGNING-SECRET-91bd\n")
        try folder.write("secrets/slack-url", "http://127.0.0.1:\(port)/services/SLACK-TOKEN-T0B0XY\n")
        try folder.write("secrets/pd-key", "PD-ROUTING-KEY-55c2\n")
        try folder.write("secrets/bearer", "HEADER-BEARER-0e44")
        return try folder.write("goalwatch.yml", """
            storage:
              path: state/goalwatch.sqlite
            alerting:
              route: {receiver: hook}
            receivers:
              - name: hook
                webhook:
                  url_file: secrets/hook-url
                  secret_file: secrets/hook-secret
                  headers: {Authorization: "Bearer ${file:secrets/bearer}"}
              - name: chat
                slack: {url_file: secrets/slack-url}
              - name: pager
                pagerduty: {routing_key_file: secrets/pd-key, url: "http://127.0.0.1:\(port)/v2/enqueue"}
            \(extra)
            """)
    }

    private func storeBytes(_ folder: TemporaryFolder) -> String {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path + "/state")) ?? []
        return files.compactMap { FileManager.default.contents(atPath: folder.path + "/state/" + $0) }
            .map { String(decoding: $0, as: UTF8.self) }.joined()
    }

    @Test func checkAndNotifyOutputAndTheStoreHoldNoSecretWhateverTheReceiverAnswers() async throws {
        for status in [200, 404, 503] {
            let server = try LoopbackHTTPServer { _ in .init(status: status) }
            defer { try? server.shutdown() }
            let folder = try TemporaryFolder()
            let config = try configuration(folder, port: server.port)
            var texts: [String] = []
            let check = try await BinaryRunner.run(["check", "--config", config])
            #expect(check.status == 0, "\(check.standardError)")
            texts += [check.standardOutput, check.standardError]
            for receiver in ["hook", "chat", "pager"] {
                let notify = try await BinaryRunner.run(["notify", "--config", config, "--receiver", receiver, "--give-up-after", "1s"])
                #expect(notify.status == (status == 200 ? 0 : 1), "\(receiver) answered \(status): \(notify.standardError)")
                texts += [notify.standardOutput, notify.standardError]
            }
            texts.append(storeBytes(folder))
            assertNoSecrets(texts)
            // The secrets did reach the receiver, where they belong: the test would be meaningless otherwise.
            let sent = server.requests.map { "\($0.uri) \($0.headers) \($0.text)" }.joined()
            #expect(sent.contains("WEBHOOK-PATH-TOKEN-7f3a") && sent.contains("SLACK-TOKEN-T0B0XY"))
            #expect(sent.contains("PD-ROUTING-KEY-55c2") && sent.contains("HEADER-BEARER-0e44"))
        }
    }

    @Test func aConfigurationErrorNearASecretDoesNotShowIt() async throws {
        let folder = try TemporaryFolder()
        let config = try configuration(folder, port: 9, extra: """
              - name: broken
                webhook: {url: "${file:secrets/hook-url}", format: xml}
            """)
        let check = try await BinaryRunner.run(["check", "--config", config])
        #expect(check.status == 1)
        #expect(check.standardError.contains("expected one of generic, alertmanager_webhook, found \"xml\""))
        assertNoSecrets([check.standardOutput, check.standardError])
    }

    @Test func aSecretFileThatIsNotAURLIsRefusedWithoutQuotingIt() async throws {
        let folder = try TemporaryFolder()
        let config = try configuration(folder, port: 9)
        try folder.write("secrets/slack-url", "SLACK-TOKEN-T0B0XY is not a url\n")
        let check = try await BinaryRunner.run(["check", "--config", config])
        #expect(check.status == 1)
        assertNoSecrets([check.standardOutput, check.standardError])
    }
}
