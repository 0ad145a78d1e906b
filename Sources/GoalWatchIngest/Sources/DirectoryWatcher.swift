import Dispatch
import Glibc

/// Reports finished writes and renames into one folder, through inotify(7).
///
/// Mostly a wake-up signal: the caller rescans the folder, so coalesced or dropped events (queue
/// overflow) cannot lose a file. It also names the files renamed into the folder, which are complete
/// the moment they appear (write-then-rename), so the caller need not wait for them to settle. Where
/// inotify is unavailable, ``init(directory:onChange:)`` returns `nil` and the caller relies on polling
/// alone.
final class DirectoryWatcher {
    private let descriptor: Int32
    private let source: DispatchSourceRead

    /// Watches `directory`; `onChange` receives the names (without the folder) of the files renamed in
    /// since the last call, possibly none.
    init?(directory: String, onChange: @escaping @Sendable (_ renamedIn: [String]) -> Void) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO)
        guard inotify_add_watch(descriptor, directory, mask) >= 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: DispatchQueue(label: "goalwatch.inotify"))
        source.setEventHandler {
            var renamedIn: [String] = []
            // Room for many events with names up to NAME_MAX.
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = read(descriptor, &buffer, buffer.count)
                guard count > 0 else { break }
                renamedIn += Self.renamedIn(buffer[..<count])
            }
            onChange(renamedIn)
        }
        source.setCancelHandler { close(descriptor) }
        source.resume()
    }

    deinit {
        source.cancel()
    }

    /// The names carried by the IN_MOVED_TO events in `events` (a read of whole `inotify_event`s).
    static func renamedIn(_ events: ArraySlice<UInt8>) -> [String] {
        let headerSize = MemoryLayout<inotify_event>.size
        var names: [String] = []
        var offset = events.startIndex
        while offset + headerSize <= events.endIndex {
            let header = events[offset..<offset + headerSize].withUnsafeBytes { $0.loadUnaligned(as: inotify_event.self) }
            let nameStart = offset + headerSize
            let nameEnd = min(nameStart + Int(header.len), events.endIndex)
            if header.mask & UInt32(IN_MOVED_TO) != 0 {
                // The name is padded with NULs to an alignment boundary.
                let name = events[nameStart..<nameEnd].prefix { $0 != 0 }
                if !name.isEmpty { names.append(String(decoding: name, as: UTF8.self)) }
            }
            offset = nameEnd
        }
        return names
    }
}
