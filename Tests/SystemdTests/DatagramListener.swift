import DatagramSocket
import Foundation

/// A unix datagram socket standing in for systemd's notify socket, read synchronously by the test.
final class DatagramListener {
    private let socket: BoundDatagramSocket
    var path: String { socket.path }

    init() throws {
        socket = try BoundDatagramSocket(receiveTimeout: .seconds(5))
    }

    /// The next datagram as text; throws when none arrives within 5 seconds.
    func receive() throws -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(socket.descriptor, &buffer, buffer.count, 0)
        guard count >= 0 else { throw POSIXError(.ETIMEDOUT) }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    deinit {
        close(socket.descriptor)
        socket.unlinkPath()
    }
}
