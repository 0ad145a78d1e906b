import Foundation
import GoalWatchCore
import GoalWatchStore
import LoopbackHTTP
import Testing

@testable import GoalWatchNotify

/// TLS verification is on by default; `tls.ca_file` trusts a private CA, `insecure_skip_verify` turns
/// verification off (DESIGN §8).
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "openssl is not installed"))
struct ReceiverTLSTests {
    private func deliver(to server: LoopbackHTTPServer, tls: TLSSettings) async throws -> AttemptResult {
        let receiver = ReceiverConfiguration(
            name: "secure", kind: .webhook(WebhookReceiver(url: .plain(server.url("/hook")))),
            delivery: DeliverySettings(timeout: .seconds(1), tls: tls))
        let transport = try HTTPDeliveryTransport(
            receivers: [receiver], evaluationInterval: .minutes(1), timeZone: TimeZone(identifier: "UTC")!, userAgent: "GoalWatch/test")
        let result = await transport.deliver(testNotification("tls-1", receiver: "secure"), attempt: 1)
        try await transport.shutdown()
        return result
    }

    @Test func aSelfSignedReceiverIsRefusedByDefaultAndTrustedWithItsCAFileOrWithoutVerification() async throws {
        let folder = try TemporaryStoreFolder()
        let identity = try TLSIdentity.selfSigned(in: folder.url)
        let server = try LoopbackHTTPServer(tls: identity) { _ in .init(status: 200) }
        defer { try? server.shutdown() }

        let untrusted = try await deliver(to: server, tls: TLSSettings())
        guard case .retry(let reason, _) = untrusted else {
            Issue.record("expected a failed attempt, got \(untrusted)")
            return
        }
        #expect(reason.hasPrefix("TLS handshake failed"))
        #expect(server.requests.isEmpty)

        #expect(try await deliver(to: server, tls: TLSSettings(caFile: identity.certificatePath)) == .delivered)
        #expect(try await deliver(to: server, tls: TLSSettings(insecureSkipVerify: true)) == .delivered)
        #expect(server.requests.count == 2)
    }
}
