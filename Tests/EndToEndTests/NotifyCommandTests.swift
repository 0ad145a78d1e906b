import Crypto
import Foundation
import GoalWatchCore
import GoalWatchNotify
import GoalWatchStore
import LoopbackHTTP
import Testing

/// `goalwatch notify` against real HTTP servers on 127.0.0.1.
@Suite struct NotifyCommandTests {
    /// A configuration with one generic webhook receiver `hook` posting to `url`, signed with a secret file.
    private func configuration(_ folder: TemporaryFolder, url: String, extra: String = "") throws -> String {
        try folder.write("hook-secret", "s3cret-signing-key\n")
        return try folder.write("goalwatch.yml", """
            storage:
              path: state/goalwatch.sqlite
            receivers:
              - name: hook
                webhook: {url: "\(url)", secret_file: hook-secret}
            \(extra)
            """)
    }

    @Test func aSignedTestNotificationIsDeliveredAndTheCommandSaysSo() async throws {
        let server = try LoopbackHTTPServer { request in
            guard let timestamp = request.header("X-GoalWatch-Timestamp"), let signature = request.header("X-GoalWatch-Signature") else {
                return .init(status: 401)
            }
            let mac = HMAC<SHA256>.authenticationCode(
                for: Data("\(timestamp).".utf8) + Data(request.body), using: SymmetricKey(data: Data("s3cret-signing-key".utf8)))
            return signature == "sha256=" + mac.map { String(format: "%02x", $0) }.joined() ? .init(status: 202) : .init(status: 401)
        }
        defer { try? server.shutdown() }
        let folder = try TemporaryFolder()
        let config = try configuration(folder, url: server.url("/hook"))
        let result = try await BinaryRunner.run(["notify", "--config", config, "--receiver", "hook"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("delivered to hook (notification "))
        #expect(server.requests.count == 1)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(server.requests[0].body)) as? [String: Any])
        #expect((body["commonLabels"] as? [String: String])?["alertname"] == "GoalWatchTest")
        #expect(!result.standardOutput.contains("s3cret") && !result.standardError.contains("s3cret"))

        let asJSON = try await BinaryRunner.run(["notify", "--config", config, "--receiver", "hook", "--format", "json"])
        #expect(asJSON.status == 0, "\(asJSON.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(asJSON.standardOutput.utf8)) as? [String: Any])
        #expect(report["delivered"] as? Bool == true && report["attempts"] as? Int == 1 && report["receiver"] as? String == "hook")
        #expect((report["notification"] as? String).map { UUID(uuidString: $0) != nil } == true)
    }

    @Test func aRefusalExitsOneWithTheReasonAfterOneAttempt() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 404) }
        defer { try? server.shutdown() }
        let folder = try TemporaryFolder()
        let config = try configuration(folder, url: server.url("/hook?token=abc123secret"))
        let result = try await BinaryRunner.run(["notify", "--config", config, "--receiver", "hook", "--format", "json"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("gave up on hook after 1 attempt(s): HTTP 404 Not Found"))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(report["delivered"] as? Bool == false && report["attempts"] as? Int == 1 && report["error"] as? String == "HTTP 404 Not Found")
        #expect(server.requests.count == 1)
        #expect(!(result.standardOutput + result.standardError).contains("abc123secret"))
    }

    @Test func failuresAreRetriedAndReportedUntilGivenUp() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 503) }
        defer { try? server.shutdown() }
        let folder = try TemporaryFolder()
        let config = try configuration(folder, url: server.url("/hook"))
        let result = try await BinaryRunner.run(["notify", "--config", config, "--receiver", "hook", "--give-up-after", "2s"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("attempt 1 failed: HTTP 503 Service Unavailable; next attempt at "))
        #expect(result.standardError.contains("gave up on hook after"))
        #expect(result.standardError.contains("gave up at max_age: HTTP 503 Service Unavailable"))
        #expect(server.requests.count >= 2)
        #expect(Set(server.requests.compactMap { $0.header("Idempotency-Key") }).count == 1)
    }

    @Test func anUnknownReceiverIsAnErrorNamingTheKnownOnes() async throws {
        let folder = try TemporaryFolder()
        let config = try configuration(folder, url: "http://127.0.0.1:9/hook")
        let result = try await BinaryRunner.run(["notify", "--config", config, "--receiver", "slack"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("no receiver named slack in \(config); known: hook"))
    }

    @Test func aNotificationSurvivesSIGKILLBetweenEnqueueAndDelivery() async throws {
        // The receiver holds every request: the process is killed while its attempt is in flight.
        let hanging = try LoopbackHTTPServer { _ in nil }
        defer { try? hanging.shutdown() }
        let folder = try TemporaryFolder()
        let config = try configuration(folder, url: hanging.url("/hook"))
        let process = Process()
        process.executableURL = BinaryRunner.executable
        process.arguments = ["notify", "--config", config, "--receiver", "hook"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while hanging.requests.isEmpty, Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
        try #require(!hanging.requests.isEmpty, "the receiver never got the first attempt")
        kill(process.processIdentifier, SIGKILL)
        try await BinaryRunner.waitForExit(process)
        let key = try #require(hanging.requests.first?.header("Idempotency-Key"))

        // A new process on the same store finds the notification and delivers it, with the same key.
        let healthy = try LoopbackHTTPServer { _ in .init(status: 200) }
        defer { try? healthy.shutdown() }
        let store = try MetricStore(path: folder.path + "/state/goalwatch.sqlite")
        #expect(try store.outboxEntries().map(\.id) == [key])
        let transport = try HTTPDeliveryTransport(
            receivers: [ReceiverConfiguration(name: "hook", kind: .webhook(WebhookReceiver(url: .plain(healthy.url("/hook")))))],
            evaluationInterval: .minutes(1), timeZone: TimeZone(identifier: "UTC")!, userAgent: "GoalWatch/test")
        let worker = OutboxWorker(store: store, transport: transport)
        let run = Task { await worker.run() }
        defer { run.cancel() }
        let delivered = Date().addingTimeInterval(10)
        while try store.outboxDepth() > 0, Date() < delivered { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try store.outboxDepth() == 0)
        #expect(healthy.requests.map { $0.header("Idempotency-Key") } == [key])
    }
}
