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
/// retried (with the receiver's `Retry-After`); any other status is a refusal, redirects included (a
/// webhook's URL is what the receiver's configuration says it is). Reasons name the status or the kind
/// of failure, never the URL, which may hold a token.
///
/// Requests go over ``WebhookConnectionPool``'s kept HTTP/1.1 connections: one pool for the receivers
/// with the default TLS settings, shared by every transport of the process, and one per receiver with
/// settings of its own.
public final class HTTPDeliveryTransport: DeliveryTransport {
    private let targets: [String: ReceiverTarget]
    private let pools: [String: WebhookConnectionPool]
    private let ownedPools: [WebhookConnectionPool]
    /// Each receiver's URLs taken apart (`nil` for one that is not an http or https URL).
    private let endpoints: [String: [WebhookEndpoint?]]
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
        var pools: [String: WebhookConnectionPool] = [:]
        var owned: [WebhookConnectionPool] = []
        var endpoints: [String: [WebhookEndpoint?]] = [:]
        for receiver in receivers {
            let target = try ReceiverTarget(receiver, evaluationInterval: evaluationInterval, timeZone: timeZone)
            targets[receiver.name] = target
            endpoints[receiver.name] = target.urls.map { WebhookEndpoint($0.reveal()) }
            if receiver.delivery.tls == TLSSettings() {
                pools[receiver.name] = Self.sharedPool
            } else {
                let pool = try Self.pool(tls: receiver.delivery.tls, receiver: receiver.name)
                pools[receiver.name] = pool
                owned.append(pool)
            }
        }
        self.targets = targets
        self.pools = pools
        self.ownedPools = owned
        self.endpoints = endpoints
        self.userAgent = userAgent
        self.now = now
        receiverNames = receivers.map(\.name)
    }

    /// The pool of receivers with the default TLS settings (verification against the system's roots):
    /// one for the process, so that connections are reused across transports and reloads.
    private static let sharedPool = WebhookConnectionPool(tls: TLSConfiguration.makeClientConfiguration())

    private static func pool(tls settings: TLSSettings, receiver: String) throws -> WebhookConnectionPool {
        var tls = TLSConfiguration.makeClientConfiguration()
        if settings.insecureSkipVerify { tls.certificateVerification = .none }
        if let caFile = settings.caFile {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
            } catch {
                throw InputError("receiver \(receiver): cannot read the CA certificates in \(caFile) (tls.ca_file)", at: SourceLocation(file: caFile, line: 0))
            }
        }
        return WebhookConnectionPool(tls: tls)
    }

    /// Closes the idle connections of the pools made for receivers with their own TLS settings.
    public func shutdown() async throws {
        for pool in ownedPools { pool.shutdown() }
    }

    public func settings(for receiver: String) -> DeliverySettings? {
        targets[receiver]?.settings
    }

    public func deliver(_ notification: Notification, attempt: Int) async -> AttemptResult {
        guard let target = targets[notification.receiver], let pool = pools[notification.receiver],
            let endpoints = endpoints[notification.receiver]
        else {
            return .refused(reason: "no receiver named \(notification.receiver) is configured")
        }
        let current = now()
        let body: RenderedBody
        do {
            body = try target.renderer.render(notification, at: current)
        } catch {
            return .refused(reason: error.description)
        }
        let bytes = ByteBuffer(bytes: body.bytes)
        for endpoint in endpoints {
            guard let endpoint else { return .refused(reason: "the URL is not valid (expected http:// or https:// and a host)") }
            let outcome = await post(bytes, contentType: body.contentType, headers: body.headers, to: endpoint,
                                     notification: notification, target: target, pool: pool)
            if outcome != .delivered { return outcome }
        }
        return .delivered
    }

    private func post(
        _ body: ByteBuffer, contentType: String, headers bodyHeaders: [(String, String)], to endpoint: WebhookEndpoint,
        notification: Notification, target: ReceiverTarget, pool: WebhookConnectionPool
    ) async -> AttemptResult {
        var headers = HTTPHeaders()
        headers.reserveCapacity(8 + bodyHeaders.count + target.headers.count)
        headers.add(name: "Host", value: endpoint.hostHeader)
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "User-Agent", value: userAgent)
        headers.add(name: "Idempotency-Key", value: notification.id)
        if let authorization = endpoint.authorization { headers.add(name: "Authorization", value: authorization) }
        for (name, value) in bodyHeaders { headers.replaceOrAdd(name: name, value: value) }
        for (name, value) in target.headers { headers.replaceOrAdd(name: name, value: value.reveal()) }
        headers.replaceOrAdd(name: "Content-Length", value: String(body.readableBytes))
        let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: endpoint.target, headers: headers)
        let response: WebhookResponse
        do {
            response = try await pool.execute(head, body: body, to: endpoint, timeout: .milliseconds(target.settings.timeout.milliseconds))
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
        case 300..<400:
            return .refused(reason: "\(status): redirects are not followed; give the receiver the URL it redirects to")
        default:
            return .refused(reason: status)
        }
    }
}
