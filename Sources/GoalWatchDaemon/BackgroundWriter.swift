import Dispatch
import Synchronization

/// Writes items on a thread of its own, in the order they were submitted.
///
/// The daemon writes each alert transition and delivery outcome to journald (DESIGN §9). An evaluation
/// that changes thousands of alerts at once would otherwise wait for thousands of journald writes
/// before flushing their groups: each is a datagram journald must take in (about 12 µs each for 10,000
/// in a row on the reference machine), and a burst fills its socket's buffer, so the writes block until
/// journald catches up. Submitting costs the caller a lock and an append; items submitted while a batch
/// is being written go in the next batch.
final class BackgroundWriter<Item: Sendable>: Sendable {
    private let pending = Mutex<[Item]>([])
    private let queue: DispatchQueue
    private let write: @Sendable (Item) -> Void

    /// A writer that calls `write` for each item, one at a time, on a queue labelled `label`.
    init(label: String, write: @escaping @Sendable (Item) -> Void) {
        queue = DispatchQueue(label: label)
        self.write = write
    }

    /// Queues `item` and returns at once.
    func submit(_ item: Item) {
        let first = pending.withLock { pending in
            pending.append(item)
            return pending.count == 1
        }
        if first { queue.async { self.writePending() } }
    }

    /// Returns once every item submitted before the call has been written.
    func drain() {
        queue.sync {}
    }

    private func writePending() {
        let batch = pending.withLock { pending in
            defer { pending = [] }
            return pending
        }
        for item in batch { write(item) }
    }
}
