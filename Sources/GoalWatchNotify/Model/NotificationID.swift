import Foundation
import Synchronization

/// Random (version 4) UUIDs in lowercase, for notification ids (each request's `Idempotency-Key`): the
/// form `UUID().uuidString.lowercased()` gives, from random bytes drawn 4 KiB at a time from the C
/// library's `arc4random_buf` (seeded by the kernel).
///
/// A burst names thousands of notifications at once, and `UUID()` asked the kernel for 16 bytes at each,
/// which cost more than writing the rest of a notification's outbox entry.
public enum NotificationID {
    private static let source = Mutex(RandomBytes())

    /// Random bytes drawn ahead, and how many of them were used.
    private struct RandomBytes: ~Copyable {
        var bytes = [UInt8](repeating: 0, count: 4096)
        var used = 4096
    }

    /// A new id, such as `0f8a6c1e-5b2d-4c3a-9e7f-1a2b3c4d5e6f`.
    public static func make() -> String {
        var raw = source.withLock { source in
            if source.used + 16 > source.bytes.count {
                refill(&source.bytes)
                source.used = 0
            }
            defer { source.used += 16 }
            return Array(source.bytes[source.used..<(source.used + 16)])
        }
        raw[6] = raw[6] & 0x0F | 0x40  // version 4
        raw[8] = raw[8] & 0x3F | 0x80  // RFC 4122 variant
        var text: [UInt8] = []
        text.reserveCapacity(36)
        let hex = Array("0123456789abcdef".utf8)
        for (index, byte) in raw.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func refill(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { buffer in
            guard let start = buffer.baseAddress else { return }
            arc4random_buf(start, buffer.count)
        }
    }
}
