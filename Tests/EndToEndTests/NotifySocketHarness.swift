import DatagramSocket
import Foundation
import NIOConcurrencyHelpers

/// A unix datagram socket standing in for systemd's `NOTIFY_SOCKET`: collects every message the daemon
/// sends, on a thread of its own, so a test can wait for the one it expects.
final class NotifySocketHarness: Sendable {
    private let socket: BoundDatagramSocket
    private let received = NIOLockedValueBox<[String]>([])
    private let stopped = NIOLockedValueBox(false)

    /// The socket's path, for `NOTIFY_SOCKET`.
    var path: String { socket.path }

    init() throws {
        socket = try BoundDatagramSocket(receiveTimeout: .milliseconds(200))
        let reading = socket.descriptor
        let inbox = received
        let stopped = self.stopped
        // The reading thread owns the descriptor and closes it itself once told to stop, so its number
        // cannot be reused by another socket while a read on it is still pending.
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 8192)
            while true {
                if stopped.withLockedValue({ $0 }) {
                    close(reading)
                    return
                }
                let count = recv(reading, &buffer, buffer.count, 0)
                if count > 0 {
                    let message = String(decoding: buffer[..<count], as: UTF8.self)
                    inbox.withLockedValue { $0.append(message) }
                }
            }
        }
    }

    /// Every message so far, in order.
    var messages: [String] { received.withLockedValue { $0 } }

    /// Waits until a message after the first `skipping` ones satisfies `matches`; returns its index.
    func waitFor(
        after skipping: Int = 0, within seconds: Double = 30, _ description: String, _ matches: (String) -> Bool
    ) async throws -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let all = messages
            if let index = all.indices.dropFirst(skipping).first(where: { matches(all[$0]) }) { return index }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw HarnessTimeout(description: "no notify message \(description) within \(seconds) s; got \(messages)")
    }

    deinit {
        stopped.withLockedValue { $0 = true }
        socket.unlinkPath()
    }
}

struct HarnessTimeout: Error, CustomStringConvertible {
    var description: String
}
