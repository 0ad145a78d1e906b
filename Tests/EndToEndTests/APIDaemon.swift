import AsyncHTTPClient
import Foundation
import LoopbackHTTP
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import Testing

/// `goalwatch run` with its HTTP API on a free loopback port, and a real HTTP client for it.
///
/// Every response it receives is kept, and the daemon's stderr goes to a file, so that a test can
/// check that a secret shows in none of them.
final class APIDaemon {
    /// A response: status, headers and body.
    struct Reply: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: String

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }

        /// The body as a JSON object.
        var object: [String: Any] {
            get throws { try #require((try JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any], "not a JSON object: \(body)") }
        }

        /// The body as a JSON array.
        var array: [Any] {
            get throws { try #require((try JSONSerialization.jsonObject(with: Data(body.utf8))) as? [Any], "not a JSON array: \(body)") }
        }
    }

    let port: Int
    let config: String
    /// The folder of the configuration and the store, kept as long as the daemon.
    let folder: TemporaryFolder
    let stderrPath: String
    private let process: IsolatedProcess
    private let replies = NIOLockedValueBox<[Reply]>([])

    /// Starts the binary on `config` (whose text is `configText(port)`, written to `name` in `folder`).
    ///
    /// - Parameter launcher: a program and its arguments to start the binary through (socket
    ///   activation); the binary's path and arguments follow them.
    init(
        folder: TemporaryFolder, name: String = "goalwatch.yml", port: Int? = nil, launcher: [String] = [],
        configText: (Int) -> String
    ) throws {
        let port = try port ?? FreePort.loopback()
        self.port = port
        self.folder = folder
        config = try folder.write(name, configText(port))
        stderrPath = folder.url.appendingPathComponent("\(name).stderr").path
        let arguments = ["run", "--config", config]
        // SYSTEMD_LOG_TARGET: a launcher from systemd reports its errors on stderr rather than to journald.
        let environment = ProcessInfo.processInfo.environment.merging(["GOALWATCH_LOG": "logfmt", "SYSTEMD_LOG_TARGET": "console"]) { $1 }
            .filter { !["NOTIFY_SOCKET", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES"].contains($0.key) }
        let command = launcher.isEmpty ? [BinaryRunner.executable.path] + arguments : launcher + [BinaryRunner.executable.path] + arguments
        process = try IsolatedProcess(
            executable: command[0], arguments: Array(command.dropFirst()), environment: environment, standardErrorPath: stderrPath)
    }

    /// What the daemon wrote to stderr so far.
    var standardError: String {
        (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
    }

    /// Every response received so far.
    var allReplies: [Reply] { replies.withLockedValue { $0 } }

    /// Sends a request and returns the reply.
    @discardableResult
    func request(
        _ method: HTTPMethod = .GET, _ path: String, token: String? = nil, contentType: String? = nil, body: String? = nil
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 32 << 20)
        let reply = Reply(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: String(buffer: bytes))
        replies.withLockedValue { $0.append(reply) }
        return reply
    }

    /// Polls `GET path` until `accept` holds for the reply (connection errors count as not yet), at most `seconds`.
    @discardableResult
    func poll(_ path: String, within seconds: Double = 30, until accept: (Reply) -> Bool) async throws -> Reply {
        let deadline = Date().addingTimeInterval(seconds)
        var last: Reply?
        while Date() < deadline {
            #expect(process.isRunning, "the daemon exited with status \(process.terminationStatus ?? 0): \(standardError.suffix(2000))")
            guard process.isRunning else { break }
            if let reply = try? await request(.GET, path) {
                if accept(reply) { return reply }
                last = reply
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw PollTimedOut(path: path, seconds: seconds, last: last.map { "\($0.status) \($0.body.prefix(500))" } ?? "no answer")
    }

    /// Waits for the first evaluation (`/readyz` answers 200).
    func waitUntilReady() async throws {
        try await poll("/readyz") { $0.status == 200 }
    }

    /// Stops the daemon with SIGTERM and returns its exit status.
    @discardableResult
    func stop() async throws -> Int32 {
        process.send(SIGTERM)
        return try await process.waitForExit(within: 30)
    }
}

/// A polled endpoint never gave the expected answer.
struct PollTimedOut: Error, CustomStringConvertible {
    var path: String
    var seconds: Double
    var last: String
    var description: String { "GET \(path) did not give the expected answer within \(seconds) s; last: \(last)" }
}
