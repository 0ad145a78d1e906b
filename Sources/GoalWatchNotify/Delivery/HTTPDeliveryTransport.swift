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
    private let receivers: [String: Receiver]
    private let ownedPools: [WebhookConnectionPool]
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
        var prepared: [String: Receiver] = [:]
        var owned: [WebhookConnectionPool] = []
        for receiver in receivers {
            let target = try ReceiverTarget(receiver, evaluationInterval: evaluationInterval, timeZone: timeZone)
            let pool: WebhookConnectionPool
            if receiver.delivery.tls == TLSSettings() {
                pool = Self.sharedPool
            } else {
                pool = try Self.pool(tls: receiver.delivery.tls, receiver: receiver.name)
                owned.append(pool)
            }
            prepared[receiver.name] = Receiver(
                target: target, pool: pool, endpoints: target.urls.map { WebhookEndpoint($0.reveal()) })
        }
        self.receivers = prepared
        self.ownedPools = owned
        self.userAgent = userAgent
        self.now = now
        receiverNames = receivers.map(\.name)
    }

    /// What a configured receiver is delivered with.
    private struct Receiver {
        var target: ReceiverTarget
        var pool: WebhookConnectionPool
        /// The receiver's URLs taken apart (`nil` for one that is not an http or https URL).
        var endpoints: [WebhookEndpoint?]
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
        receivers[receiver]?.target.settings
    }

    public func deliver(_ notification: Notification, attempt: Int) async -> AttemptResult {
        let started = CancellationSlot<DeliveryAttempt>()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let attempt = start(notification, attempt: attempt) { continuation.resume(returning: $0) }
                if started.hold(attempt) { attempt.cancel() }
            }
        } onCancel: {
            started.cancel()?.cancel()
        }
    }

    /// Renders the body on the calling thread, then posts it to each of the receiver's URLs in turn
    /// on the delivery event loop.
    public func start(_ notification: Notification, attempt: Int, completion: @escaping @Sendable (AttemptResult) -> Void) -> DeliveryAttempt {
        guard let receiver = receivers[notification.receiver] else {
            completion(.refused(reason: "no receiver named \(notification.receiver) is configured"))
            return DeliveryAttempt {}
        }
        let body: RenderedBody
        do {
            body = try receiver.target.renderer.render(notification, at: now())
        } catch {
            completion(.refused(reason: error.description))
            return DeliveryAttempt {}
        }
        let request = Request(
            body: ByteBuffer(bytes: body.bytes), contentType: body.contentType, headers: body.headers, notification: notification,
            target: receiver.target, pool: receiver.pool)
        let current = CancellationSlot<WebhookRequest>()
        post(request, to: receiver.endpoints[...], current: current, completion: completion)
        return DeliveryAttempt { current.cancel()?.cancel() }
    }

    /// What is posted to each of a receiver's URLs.
    private struct Request: @unchecked Sendable {
        // `RenderedBody.headers` is an array of tuples, which are not `Sendable`; it is only read.
        var body: ByteBuffer
        var contentType: String
        var headers: [(String, String)]
        var notification: Notification
        var target: ReceiverTarget
        var pool: WebhookConnectionPool
    }

    /// Posts `request` to the first of `endpoints`, then to the next once that one accepted it.
    private func post(
        _ request: Request, to endpoints: ArraySlice<WebhookEndpoint?>, current: CancellationSlot<WebhookRequest>,
        completion: @escaping @Sendable (AttemptResult) -> Void
    ) {
        guard let first = endpoints.first else { return completion(.delivered) }
        guard let endpoint = first else { return completion(.refused(reason: "the URL is not valid (expected http:// or https:// and a host)")) }
        let timeout = request.target.settings.timeout
        let bytes: ByteBuffer
        do {
            bytes = try HTTP1Request.post(target: endpoint.target, headers: headers(request, to: endpoint), body: request.body)
        } catch {
            return completion(.refused(reason: "the header \(error.name) cannot be sent: a header name must be a token, and a value must not hold line breaks"))
        }
        let started = request.pool.start(bytes, to: endpoint, timeout: .milliseconds(timeout.milliseconds)) { result in
            let outcome = self.outcome(result, timeout: timeout)
            guard outcome == .delivered, endpoints.count > 1 else { return completion(outcome) }
            self.post(request, to: endpoints.dropFirst(), current: current, completion: completion)
        }
        // A cancel that came before this request was noted.
        if current.hold(started) { started.cancel() }
    }

    private func headers(_ request: Request, to endpoint: WebhookEndpoint) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.reserveCapacity(8 + request.headers.count + request.target.headers.count)
        headers.add(name: "Host", value: endpoint.hostHeader)
        headers.add(name: "Content-Type", value: request.contentType)
        headers.add(name: "User-Agent", value: userAgent)
        headers.add(name: "Idempotency-Key", value: request.notification.id)
        if let authorization = endpoint.authorization { headers.add(name: "Authorization", value: authorization) }
        for (name, value) in request.headers { headers.replaceOrAdd(name: name, value: value) }
        for (name, value) in request.target.headers { headers.replaceOrAdd(name: name, value: value.reveal()) }
        headers.replaceOrAdd(name: "Content-Length", value: String(request.body.readableBytes))
        return headers
    }

    /// What an answer (or its absence) means for the attempt.
    private func outcome(_ result: Result<WebhookResponse, any Error>, timeout: TimeSpan) -> AttemptResult {
        let response: WebhookResponse
        switch result {
        case .success(let answer): response = answer
        case .failure(let error): return .retry(reason: DeliveryFailure.describe(error, timeout: timeout), retryAfter: nil)
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
