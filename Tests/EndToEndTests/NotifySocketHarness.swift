import Foundation
import NIOConcurrencyHelpers

/// A unix datagram socket standing in for systemd's `NOTIFY_SOCKET`: collects every message the daemon
/// sends, on a thread of its own, so a test can wait for the one it expects.
final class NotifySocketHarness: Sendable {
    let path: String
    private let descriptor: Int32
    private let received = NIOLockedValueBox<[String]>([])
    private let stopped = NIOLockedValueBox(false)

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("sock").path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            path.utf8CString.withUnsafeBytes { buffer.copyMemory(from: $0) }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let reading = descriptor
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
        unlink(path)
    }
}

struct HarnessTimeout: Error, CustomStringConvertible {
    var description: String
}
