#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The identity of a stream connected to journald: the device and inode numbers that
/// `$JOURNAL_STREAM` names and fstat(2) reports.
public struct JournalStream: Sendable, Hashable {
    /// The device number (`st_dev`).
    public var device: UInt64
    /// The inode number (`st_ino`).
    public var inode: UInt64

    /// A stream with the given device and inode numbers.
    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    /// The stream `$JOURNAL_STREAM` names: two decimal numbers joined by `:` (`8:12345`).
    /// `nil` when the text is not of that form.
    public init?(environmentValue: String) {
        let parts = environmentValue.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return nil }
        self.init(device: device, inode: inode)
    }

    /// The device and inode of an open file descriptor, or `nil` when fstat(2) fails (e.g. it is closed).
    public init?(fileDescriptor: Int32) {
        var status = stat()
        guard fstat(fileDescriptor, &status) == 0 else { return nil }
        self.init(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// The `DEVICE:INODE` text `$JOURNAL_STREAM` holds for this stream.
    public var environmentValue: String { "\(device):\(inode)" }
}
