import Foundation
import Synchronization

/// Ports for servers under test.
public enum FreePort {
    /// A TCP port on 127.0.0.1 that nothing listens on now, for a server started next.
    ///
    /// The port is below the kernel's range of ephemeral ports (`ip_local_port_range`), so the
    /// client side of another test's connection cannot take it meanwhile, as it could a port the
    /// kernel picked; and it is never handed out twice in this process.
    public static func loopback() throws -> Int {
        let lowest = 10_000
        let ephemeralStart = ephemeralRangeStart()
        if ephemeralStart > lowest + 1_000 {
            for _ in 0..<500 {
                let port = Int.random(in: lowest..<ephemeralStart)
                guard handedOut.withLock({ $0.insert(port).inserted }) else { continue }
                if bound(port) == port { return port }
            }
        }
        // A machine whose ephemeral range leaves no room below it: a port the kernel picks.
        guard let port = bound(0) else { throw POSIXError(.EADDRNOTAVAIL) }
        return port
    }

    private static let handedOut = Mutex<Set<Int>>([])

    /// The first port of `/proc/sys/net/ipv4/ip_local_port_range` (Linux's default is 32768).
    private static func ephemeralRangeStart() -> Int {
        let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
        return text.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) } ?? 32_768
    }

    /// The port a socket bound on 127.0.0.1:`port` got (the kernel picks one for 0), or `nil` when it
    /// cannot bind it now; the socket is closed again.
    private static func bound(_ port: Int) -> Int? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let done = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        return done ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }
}
