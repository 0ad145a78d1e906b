import Foundation
import GoalWatchCore
import LoopbackHTTP
import NIOCore
import NIOHTTP1
import Testing

@testable import GoalWatchNotify

/// The transport's own HTTP/1.1 connections: kept open between requests, replaced when the receiver
/// closed them, and never following a redirect.
@Suite struct WebhookConnectionTests {
    private func transport(to url: String, timeout: TimeSpan = .seconds(5)) throws -> HTTPDeliveryTransport {
        let receiver = ReceiverConfiguration(
            name: "hook", kind: .webhook(WebhookReceiver(url: .plain(url))), delivery: DeliverySettings(timeout: timeout))
        return try HTTPDeliveryTransport(
            receivers: [receiver], evaluationInterval: .minutes(1), timeZone: TimeZone(identifier: "UTC")!, userAgent: "GoalWatch/test")
    }

    /// A receiver that answers `Connection: close` gets each request on a new connection, and every
    /// one arrives.
    @Test func aReceiverThatClosesAfterEachAnswerGetsEveryRequest() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 200, headers: [("Connection", "close")]) }
        defer { try? server.shutdown() }
        let transport = try transport(to: server.url("/hook"))
        for index in 1...3 {
            #expect(await transport.deliver(testNotification("close-\(index)", receiver: "hook"), attempt: 1) == .delivered)
        }
        #expect(server.requests.map { $0.header("Idempotency-Key") } == ["close-1", "close-2", "close-3"])
    }

    /// A kept connection whose receiver went away (here: restarted on the same port) is not an error:
    /// the request goes again on a new connection, once.
    @Test func aKeptConnectionTheReceiverClosedIsReplaced() async throws {
        let first = try LoopbackHTTPServer { _ in .init(status: 200) }
        let port = first.port
        let transport = try transport(to: first.url("/hook"))
        #expect(await transport.deliver(testNotification("before", receiver: "hook"), attempt: 1) == .delivered)
        try first.shutdown()

        let second = try await LoopbackHTTPServer.restart(on: port) { _ in .init(status: 200) }
        defer { try? second.shutdown() }
        #expect(await transport.deliver(testNotification("after", receiver: "hook"), attempt: 1) == .delivered)
        #expect(second.requests.map { $0.header("Idempotency-Key") } == ["after"])
    }

    /// A connection is kept for the next request; once it has been idle for longer than the pool's idle
    /// timeout it is closed, and the next request opens another.
    @Test func anIdleConnectionIsKeptThenClosedAfterTheIdleTimeout() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 200) }
        defer { try? server.shutdown() }
        let endpoint = try #require(WebhookEndpoint(server.url("/hook")))
        func post(_ pool: WebhookConnectionPool) async throws -> Int {
            let request = try HTTP1Request.post(target: endpoint.target, headers: ["Host": endpoint.hostHeader, "Content-Length": "0"], body: ByteBuffer())
            let response = try await withCheckedThrowingContinuation { continuation in
                _ = pool.start(request, to: endpoint, timeout: .seconds(5)) { continuation.resume(with: $0) }
            }
            return Int(response.status.code)
        }
        let keeping = WebhookConnectionPool(tls: .makeClientConfiguration())
        #expect(try await post(keeping) == 200)
        #expect(try await post(keeping) == 200)
        keeping.shutdown()
        #expect(server.requests.map(\.connection) == [1, 1])

        let sweeping = WebhookConnectionPool(tls: .makeClientConfiguration(), idleTimeout: .milliseconds(200))
        defer { sweeping.shutdown() }
        #expect(try await post(sweeping) == 200)
        let deadline = ContinuousClock.now + .seconds(30)
        while server.openConnections > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(server.openConnections == 0)
        #expect(try await post(sweeping) == 200)
        #expect(server.requests.map(\.connection) == [1, 1, 2, 3])
    }

    /// A redirect is refused, not followed: a webhook's address is what the configuration says, and a
    /// `POST` turned into a `GET` would be counted as delivered without the receiver having the
    /// notification. The reason never shows where it pointed (the URL may hold a token).
    @Test func aRedirectIsRefusedWithoutRepeatingItsLocation() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 302, headers: [("Location", "https://elsewhere.example/t0k3n")]) }
        defer { try? server.shutdown() }
        let transport = try transport(to: server.url("/hook"))
        let outcome = await transport.deliver(testNotification("moved", receiver: "hook"), attempt: 1)
        guard case .refused(let reason) = outcome else {
            Issue.record("expected a refusal, got \(outcome)")
            return
        }
        #expect(reason.hasPrefix("HTTP 302 Found: redirects are not followed"))
        #expect(!reason.contains("t0k3n") && !reason.contains("elsewhere"))
        #expect(server.requests.count == 1)
    }

    /// A receiver whose URL is not http(s) is refused at each attempt, without a request.
    @Test func aURLThatIsNotHTTPIsRefused() async throws {
        let transport = try transport(to: "ftp://files.example/hook")
        let outcome = await transport.deliver(testNotification("ftp", receiver: "hook"), attempt: 1)
        #expect(outcome == .refused(reason: "the URL is not valid (expected http:// or https:// and a host)"))
    }

    /// The request line and headers the receiver sees: the path and query, `Host` with the port,
    /// `Content-Length`, and Basic authorization from credentials in the URL.
    @Test func theRequestCarriesItsTargetHostLengthAndCredentials() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 204) }
        defer { try? server.shutdown() }
        let url = "http://ops:s3cret@127.0.0.1:\(server.port)/hooks/goalwatch?team=social"
        let transport = try transport(to: url)
        #expect(await transport.deliver(testNotification("line", receiver: "hook"), attempt: 1) == .delivered)
        let request = try #require(server.requests.first)
        #expect(request.uri == "/hooks/goalwatch?team=social")
        #expect(request.header("Host") == "127.0.0.1:\(server.port)")
        #expect(request.header("Content-Length") == String(request.body.count))
        #expect(request.header("Authorization") == "Basic b3BzOnMzY3JldA==")
    }
}
