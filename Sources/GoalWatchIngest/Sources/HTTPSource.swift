import AsyncHTTPClient
import Foundation
import GoalWatchCore
import NIOCore
import NIOHTTP1

/// A snapshot endpoint polled over HTTP(S) every `every`, with `If-None-Match` so an unchanged
/// snapshot costs the server a 304 and us nothing.
///
/// The URL and header values may carry secrets (tokens), so neither ever appears in an outcome,
/// a ledger entry or a log line: the source is named by its configured name instead.
public actor HTTPSource {
    /// The source's name; stands in for the URL wherever the source must be named.
    public nonisolated let name: String
    private let url: String
    private let headers: [(String, String)]
    private let timeout: TimeSpan
    private let every: TimeSpan
    private let settings: IngestSettings
    private let client: HTTPClient
    private var entityTag: String?

    /// - Parameters:
    ///   - url: the endpoint; TLS certificates are verified.
    ///   - headers: sent with every request (e.g. `Authorization`).
    ///   - timeout: for the whole request, connect to last byte.
    public init(
        name: String, url: String, headers: [(String, String)] = [], timeout: TimeSpan, every: TimeSpan,
        settings: IngestSettings, client: HTTPClient = .shared
    ) {
        self.name = name
        self.url = url
        self.headers = headers
        self.timeout = timeout
        self.every = every
        self.settings = settings
        self.client = client
    }

    /// The ledger key for this source's snapshots: its name, never its (possibly secret) URL.
    var ledgerName: String { "http:\(name)" }

    /// Fetches the snapshot once and ingests it if it changed.
    ///
    /// A non-2xx answer, a timeout or a network error yields `.deferred` with the reason (status code
    /// or error kind): the next poll tries again. A body over `limits.max_file_size` is refused.
    public func poll(into ingester: SnapshotIngester, now: Timestamp) async -> IngestOutcome {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        for (header, value) in headers { request.headers.add(name: header, value: value) }
        if let entityTag { request.headers.replaceOrAdd(name: "If-None-Match", value: entityTag) }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .milliseconds(timeout.milliseconds))
        } catch {
            return .deferred(reason: "request failed: \(Self.describe(error))")
        }
        if response.status == .notModified {
            return .unchanged(reason: "not modified (HTTP 304)")
        }
        guard (200..<300).contains(response.status.code) else {
            return .deferred(reason: "HTTP \(response.status.code) \(response.status.reasonPhrase)")
        }
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: settings.limits.maxFileBytes)
        } catch is NIOTooManyBytesError {
            let limit = settings.limits.maxFileBytes
            return .refused(InputError("response body is over the limit of \(limit) bytes (limits.max_file_size)", at: SourceLocation(file: ledgerName, line: 0)), quarantinedAt: nil)
        } catch {
            return .deferred(reason: "reading the response failed: \(Self.describe(error))")
        }
        let outcome = ingester.ingestBody(Array(body.readableBytesView), name: ledgerName, settings: settings, now: now)
        switch outcome {
        case .ingested, .unchanged:
            entityTag = response.headers.first(name: "ETag")
        case .refused, .deferred, .settling:
            entityTag = nil
        }
        return outcome
    }

    /// Polls at start and then every `every` until the task is cancelled.
    public func run(into ingester: SnapshotIngester, now: @escaping @Sendable () -> Timestamp, report: @escaping @Sendable (IngestOutcome) -> Void) async {
        while !Task.isCancelled {
            let outcome = await poll(into: ingester, now: now())
            if case .unchanged = outcome {} else { report(outcome) }
            try? await Task.sleep(for: .milliseconds(every.milliseconds))
        }
    }

    /// An error's kind without its text: client errors can embed the request URL, which may hold a token.
    private static func describe(_ error: any Error) -> String {
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "timed out"
            case .remoteConnectionClosed: return "the server closed the connection"
            case .invalidURL: return "the URL is not valid"
            default: break
            }
        }
        if let ioError = error as? IOError { return "network error (errno \(ioError.errnoCode))" }
        return "\(type(of: error))"
    }
}
