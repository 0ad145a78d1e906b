import Dispatch
import Glibc

/// Reports finished writes and renames into one folder, through inotify(7).
///
/// Only a wake-up signal: the caller rescans the folder, so coalesced or dropped events (queue
/// overflow) cannot lose a file. Where inotify is unavailable, ``init(directory:onChange:)`` returns
/// `nil` and the caller relies on polling alone.
final class DirectoryWatcher {
    private let descriptor: Int32
    private let source: DispatchSourceRead

    init?(directory: String, onChange: @escaping @Sendable () -> Void) {
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
            // Drain the queue; the events' contents do not matter, only that something changed.
            var buffer = [UInt8](repeating: 0, count: 4096)
            while read(descriptor, &buffer, buffer.count) > 0 {}
            onChange()
        }
        source.setCancelHandler { close(descriptor) }
        source.resume()
    }

    deinit {
        source.cancel()
    }
}
