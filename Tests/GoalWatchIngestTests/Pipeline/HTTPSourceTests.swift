import Foundation
import GoalWatchCore
import GoalWatchStore
import LoopbackHTTP
import Testing
@testable import GoalWatchIngest

@Suite("HTTP sources")
struct HTTPSourceTests {
    let now = Timestamp(rfc3339: "2026-03-02T00:00:00Z")!
    let snapshot = #"{"at":"2026-03-01T00:00:00Z","network":"instagram","followers":12040}"# + "\n"

    func makeStore() throws -> (MetricStore, TemporaryStoreFolder) {
        let folder = try TemporaryStoreFolder()
        return (try MetricStore(path: folder.path + "/store.sqlite"), folder)
    }

    /// Polls `url` once as an NDJSON source named care-api into a fresh store.
    func pollOnce(_ url: String, limits: IngestLimits = IngestLimits()) async throws -> (IngestOutcome, MetricStore, TemporaryStoreFolder) {
        let (store, folder) = try makeStore()
        let source = HTTPSource(
            name: "care-api", url: url, timeout: .seconds(5), every: .minutes(1),
            settings: IngestSettings(sourceName: "care-api", format: .ndjson, limits: limits)
        )
        return (await source.poll(into: SnapshotIngester(store: store), now: now), store, folder)
    }

    /// The reason of a deferred outcome, recording an issue for any other outcome.
    func deferralReason(_ outcome: IngestOutcome) -> String? {
        guard case .deferred(let reason) = outcome else {
            Issue.record("expected deferred, got \(outcome)")
            return nil
        }
        return reason
    }

    @Test("a snapshot is fetched with the configured headers and stored; its ETag makes the next poll a 304")
    func fetchesAndRevalidates() async throws {
        let body = snapshot
        let server = try LoopbackHTTPServer { request in
            if request.header("If-None-Match") == "\"v1\"" { return .init(status: 304) }
            return .init(status: 200, headers: [("ETag", "\"v1\"")], body: body)
        }
        defer { try? server.shutdown() }
        let (store, folder) = try makeStore()
        _ = folder
        let source = HTTPSource(
            name: "care-api", url: "http://127.0.0.1:\(server.port)/kpis.ndjson",
            headers: [("Authorization", "Bearer s3cr3t-token")], timeout: .seconds(5), every: .minutes(1),
            settings: IngestSettings(sourceName: "care-api", format: .ndjson)
        )
        let ingester = SnapshotIngester(store: store)
        #expect(await source.poll(into: ingester, now: now) == .ingested(samples: 1, series: 1))
        #expect(server.requests.first?.header("Authorization") == "Bearer s3cr3t-token")
        let second = await source.poll(into: ingester, now: now)
        guard case .unchanged = second else {
            Issue.record("expected unchanged, got \(second)")
            return
        }
        #expect(server.requests.last?.header("If-None-Match") == "\"v1\"")
    }

    @Test("a non-2xx answer is reported without the URL or token and retried on the next poll")
    func serverErrorIsDeferred() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 503, body: "down") }
        defer { try? server.shutdown() }
        let (outcome, _, _) = try await pollOnce("http://127.0.0.1:\(server.port)/kpis?token=s3cr3t-token")
        guard let reason = deferralReason(outcome) else { return }
        #expect(reason.contains("503"))
        #expect(!reason.contains("s3cr3t"))
    }

    @Test("an unreachable endpoint is deferred without leaking the URL")
    func unreachable() async throws {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        let (outcome, _, _) = try await pollOnce("http://127.0.0.1:1/kpis?token=s3cr3t-token")
        guard let reason = deferralReason(outcome) else { return }
        #expect(!reason.contains("s3cr3t"))
    }

    @Test("a body over the size cap is refused")
    func oversizedBody() async throws {
        let big = String(repeating: snapshot, count: 200)
        let server = try LoopbackHTTPServer { _ in .init(status: 200, body: big) }
        defer { try? server.shutdown() }
        let (outcome, store, folder) = try await pollOnce("http://127.0.0.1:\(server.port)/", limits: IngestLimits(maxFileBytes: 1000))
        _ = folder
        #expect(outcome.isRefused)
        #expect(try store.series(named: nil).isEmpty)
    }
}
