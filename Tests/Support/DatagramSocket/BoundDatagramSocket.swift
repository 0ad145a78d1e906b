import Foundation

/// A unix datagram socket bound to a fresh path under the temporary directory: what systemd's
/// `NOTIFY_SOCKET` is, for tests that receive what a process sends there.
///
/// The owner closes ``descriptor`` (once no read on it is pending) and calls ``unlinkPath()``.
public struct BoundDatagramSocket: Sendable {
    /// The socket's path, for `NOTIFY_SOCKET`.
    public let path: String
    /// The bound socket.
    public let descriptor: Int32

    /// Binds a new socket; a `recv` on it gives up after `receiveTimeout`.
    public init(receiveTimeout: Duration) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("sock").path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            path.utf8CString.withUnsafeBytes { buffer.copyMemory(from: $0) }
        }
        let descriptor = self.descriptor
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else {
            close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        let (seconds, attoseconds) = receiveTimeout.components
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Removes the socket's path (and its folder).
    public func unlinkPath() {
        unlink(path)
        rmdir((path as NSString).deletingLastPathComponent)
    }
}
