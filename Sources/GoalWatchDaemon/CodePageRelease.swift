import Glibc
import GoalWatchCore

/// Gives back the pages of code and constant data that the daemon ran once.
///
/// Loading the configuration, the rules and the store runs code (YAML, migrations, argument parsing,
/// the libraries' initializers) that the evaluation loop never runs again, and so do a first delivery's
/// TLS handshake or a first visit to the dashboard; yet their pages stay mapped for as long as the
/// process lives: 30-odd MiB of the binary and the Swift libraries, against the 5–8 MiB that evaluations
/// use. The evaluation loop asks the kernel to reclaim them (`MADV_PAGEOUT`) after the first cycle,
/// after the first cycle that follows a reload, and then once every ``interval``; the pages the loop
/// uses come back at its next cycles, one page at a time (`MADV_RANDOM` turns off read-around for these
/// mappings, which would otherwise bring 64–128 KiB back with each page).
///
/// Only mappings of files that are not writable and hold no private copies (`Anonymous: 0 kB`) are
/// advised: their pages are clean copies of the binary and its libraries, read again from disk when
/// needed, so nothing goes to swap. `MADV_PAGEOUT` leaves the pages that other processes map as well
/// (the Swift libraries while another Swift program runs, or a second daemon's binary); `MADV_DONTNEED`
/// then takes them out of this process's page tables only. They stay in the page cache for the others,
/// and a use here maps them again without reading the disk.
struct CodePageRelease {
    /// How long after a release the loop releases again.
    static let interval = TimeSpan.hours(1)

    /// When the next release is due; `nil`: after the next cycle.
    private var due: Timestamp?

    /// Whether the cycle that ended at `now` should release; if so, the next release is an
    /// ``interval`` later.
    mutating func isDue(afterCycleAt now: Timestamp) -> Bool {
        if let due, now < due { return false }
        due = now + Self.interval
        return true
    }

    /// A reload ran new code: release after the next cycle.
    mutating func reloaded() {
        due = nil
    }

    /// What one release did, for the log.
    struct Outcome: Equatable {
        /// Mappings the kernel took the advice for (none on kernels before 5.4, which lack `MADV_PAGEOUT`).
        var mappings = 0
        /// Their resident size before the advice, in KiB.
        var residentKiB = 0
    }

    /// Asks the kernel to reclaim the clean file-backed pages of this process, and unmaps those it keeps
    /// for other processes.
    @discardableResult
    static func release() -> Outcome {
        guard let smaps = ownSmaps() else { return Outcome() }
        var outcome = Outcome()
        for mapping in mappings(inSmaps: smaps) where mapping.isReleasable {
            guard let start = UnsafeMutableRawPointer(bitPattern: mapping.start) else { continue }
            let length = Int(mapping.end - mapping.start)
            _ = madvise(start, length, MADV_RANDOM)
            guard madvise(start, length, MADV_PAGEOUT) == 0 else { continue }
            _ = madvise(start, length, MADV_DONTNEED)
            outcome.mappings += 1
            outcome.residentKiB += mapping.residentKiB
        }
        return outcome
    }

    /// The text of `/proc/self/smaps`, read to its end (the file reports a size of 0, and Foundation's
    /// readers stop after the first read).
    static func ownSmaps() -> String? {
        let descriptor = open("/proc/self/smaps", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return count == 0 ? String(decoding: bytes, as: UTF8.self) : nil }
            bytes += chunk[..<count]
        }
    }

    /// One mapping of `/proc/PID/smaps`, with the two sizes that decide whether it is released.
    struct Mapping: Equatable {
        var start: UInt
        var end: UInt
        var permissions: Substring
        var path: Substring
        var residentKiB = 0
        var anonymousKiB = 0

        /// A private, read-only mapping of a file without private copies of its pages: code or constant
        /// data, every page of it clean.
        var isReleasable: Bool {
            path.hasPrefix("/") && !permissions.contains("w") && permissions.hasSuffix("p") && anonymousKiB == 0
                && residentKiB > 0
        }
    }

    /// The mappings listed in `smaps` (the text of `/proc/PID/smaps`), with their sizes.
    static func mappings(inSmaps smaps: String) -> [Mapping] {
        var mappings: [Mapping] = []
        for line in smaps.split(separator: "\n") {
            if let mapping = header(line) {
                mappings.append(mapping)
            } else if !mappings.isEmpty, let (key, kiB) = sizeField(line) {
                switch key {
                case "Rss": mappings[mappings.count - 1].residentKiB = kiB
                case "Anonymous": mappings[mappings.count - 1].anonymousKiB = kiB
                default: break
                }
            }
        }
        return mappings
    }

    /// A mapping's first line: `start-end perms offset dev inode [path]`.
    private static func header(_ line: Substring) -> Mapping? {
        let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        guard fields.count >= 5 else { return nil }
        let range = fields[0].split(separator: "-")
        guard range.count == 2, let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16), end > start
        else { return nil }
        let path = fields.count == 6 ? fields[5].drop { $0 == " " } : ""
        return Mapping(start: start, end: end, permissions: fields[1], path: path)
    }

    /// A size line: `Key:   123 kB`.
    private static func sizeField(_ line: Substring) -> (Substring, Int)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let value = line[line.index(after: colon)...].split(separator: " ")
        guard value.count == 2, value[1] == "kB", let kiB = Int(value[0]) else { return nil }
        return (line[..<colon], kiB)
    }
}
