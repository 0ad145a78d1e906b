import Foundation
import GoalWatchCore

/// A file's identity as the ledger keys it, and reading it whole with a size cap.
struct FileContents {
    /// Size in bytes and modification time in nanoseconds since the epoch.
    struct Identity: Equatable {
        var size: Int
        var modifiedNanoseconds: Int64
    }

    /// The size and modification time of the file at `path`.
    static func identity(of path: String) throws(FileUnavailable) -> Identity {
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileUnavailable(path: path, errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw FileUnavailable(path: path, reason: "not a regular file") }
        let nanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return Identity(size: Int(info.st_size), modifiedNanoseconds: nanoseconds)
    }

    /// Reads the whole file.
    ///
    /// - Throws: ``InputError`` when the file is larger than `limit` bytes (checked before reading);
    ///   ``FileUnavailable`` when it cannot be read now or grew while being read.
    static func read(_ path: String, limit: Int) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileUnavailable(path: path, errno: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileUnavailable(path: path, errno: errno) }
        let size = Int(info.st_size)
        guard size <= limit else {
            throw InputError(
                "file is \(size) bytes, over the limit of \(limit) bytes (limits.max_file_size)",
                at: SourceLocation(file: path, line: 0)
            )
        }
        // Read one byte past the expected size so a file that grew meanwhile is noticed, not cut.
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.read(descriptor, base + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileUnavailable(path: path, errno: errno)
            }
            if count == 0 { break }
            filled += count
        }
        guard filled <= size else { throw FileUnavailable(path: path, reason: "it grew while being read") }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }
}

/// A file that cannot be read right now (missing, unreadable, still being written): not the file's
/// fault, so it is not quarantined; the next scan tries again.
public struct FileUnavailable: Error, Sendable, CustomStringConvertible {
    /// The file, as its source named it.
    public var path: String
    /// Why it cannot be read now (the system's error text, or "it grew while being read").
    public var reason: String

    init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    init(path: String, errno code: Int32) {
        self.init(path: path, reason: String(cString: strerror(code)))
    }

    public var description: String { "\(path): cannot read the file now: \(reason)" }
}
