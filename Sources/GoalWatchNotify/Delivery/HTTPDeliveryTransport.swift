import AsyncHTTPClient
import Foundation
import GoalWatchCore
import NIOCore
import NIOHTTP1
import NIOSSL

/// Delivers notifications over HTTP(S) to the configured receivers, rendering each with its receiver's
/// payload format.
///
/// Every request carries `Idempotency-Key` (the notification's id) and a `User-Agent`; a signed webhook
/// also its timestamp and signature. 2xx is delivered; 5xx, 429, network errors and timeouts are
/// retried (with the receiver's `Retry-After`); any other status is a refusal. Reasons name the status or
/// the kind of failure, never the URL, which may hold a token.
public final class HTTPDeliveryTransport: DeliveryTransport {
    private let targets: [String: ReceiverTarget]
    private let clients: [String: HTTPClient]
    private let ownedClients: [HTTPClient]
    private let userAgent: String
    private let now: @Sendable () -> Timestamp

    /// The configured receivers' names.
    public let receiverNames: [String]

    /// Prepares delivery to `receivers`.
    ///
    /// - Parameters:
    ///   - evaluationInterval: how often rules run (the lease of alerts posted to an Alertmanager).
    ///   - timeZone: the zone chat messages show times in.
    ///   - userAgent: e.g. `GoalWatch/0.4.0`.
    /// - Throws: ``InputError`` when a receiver's template or TLS settings cannot be used.
    public init(
        receivers: [ReceiverConfiguration], evaluationInterval: TimeSpan, timeZone: TimeZone, userAgent: String,
        now: @escaping @Sendable () -> Timestamp = { .now }
    ) throws {
        var targets: [String: ReceiverTarget] = [:]
        var clients: [String: HTTPClient] = [:]
        var owned: [HTTPClient] = []
        for receiver in receivers {
            targets[receiver.name] = try ReceiverTarget(receiver, evaluationInterval: evaluationInterval, timeZone: timeZone)
            if receiver.delivery.tls == TLSSettings() {
                clients[receiver.name] = Self.sharedClient
            } else {
                let client = try Self.client(tls: receiver.delivery.tls, receiver: receiver.name)
                clients[receiver.name] = client
                owned.append(client)
            }
        }
        self.targets = targets
        self.clients = clients
        self.ownedClients = owned
        self.userAgent = userAgent
        self.now = now
        receiverNames = receivers.map(\.name)
    }

    /// The client settings of every receiver: up to 64 connections to a host (a receiver's `concurrency`
    /// decides how many are used), and no tracing spans (nothing collects them, and making them costs a
    /// tenth of a request).
    private static var configuration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        configuration.tracing.tracer = nil
        return configuration
    }

    /// The client of receivers with the default TLS settings: one for the process, like
    /// `HTTPClient.shared`, so that connections are reused across transports and never shut down.
    private static let sharedClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)

    private static func client(tls settings: TLSSettings, receiver: String) throws -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        if settings.insecureSkipVerify { tls.certificateVerification = .none }
        if let caFile = settings.caFile {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
            } catch {
                throw InputError("receiver \(receiver): cannot read the CA certificates in \(caFile) (tls.ca_file)", at: SourceLocation(file: caFile, line: 0))
            }
        }
        var configuration = configuration
        configuration.tlsConfiguration = tls
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes the HTTP clients made for receivers with their own TLS settings.
    public func shutdown() async throws {
        for client in ownedClients { try await client.shutdown() }
    }

    public func settings(for receiver: String) -> DeliverySettings? {
        targets[receiver]?.settings
    }

    public func deliver(_ notification: Notification, attempt: Int) async -> AttemptResult {
        guard let target = targets[notification.receiver], let client = clients[notification.receiver] else {
            return .refused(reason: "no receiver named \(notification.receiver) is configured")
        }
        let current = now()
        let body: RenderedBody
        do {
            body = try target.renderer.render(notification, at: current)
        } catch {
            return .refused(reason: error.description)
        }
        for url in target.urls {
            let outcome = await post(body, to: url, notification: notification, target: target, client: client)
            if outcome != .delivered { return outcome }
        }
        return .delivered
    }

    private func post(_ body: RenderedBody, to url: Redactable, notification: Notification, target: ReceiverTarget, client: HTTPClient) async -> AttemptResult {
        var request = HTTPClientRequest(url: url.reveal())
        request.method = .POST
        request.headers.add(name: "Content-Type", value: body.contentType)
        request.headers.add(name: "User-Agent", value: userAgent)
        request.headers.add(name: "Idempotency-Key", value: notification.id)
        for (name, value) in body.headers { request.headers.replaceOrAdd(name: name, value: value) }
        for (name, value) in target.headers { request.headers.replaceOrAdd(name: name, value: value.reveal()) }
        request.body = .bytes(ByteBuffer(bytes: body.bytes))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .milliseconds(target.settings.timeout.milliseconds))
            // The body is not needed; read a little of it so the connection can be reused.
            _ = try? await response.body.collect(upTo: 64 * 1024)
        } catch {
            return .retry(reason: DeliveryFailure.describe(error, timeout: target.settings.timeout), retryAfter: nil)
        }
        let code = Int(response.status.code)
        let status = "HTTP \(code)\(response.status.reasonPhrase.isEmpty ? "" : " \(response.status.reasonPhrase)")"
        switch code {
        case 200..<300:
            return .delivered
        case 429, 500..<600:
            return .retry(reason: status, retryAfter: RetryAfter.wait(response.headers.first(name: "Retry-After"), at: now()))
        default:
            return .refused(reason: status)
        }
    }
}
