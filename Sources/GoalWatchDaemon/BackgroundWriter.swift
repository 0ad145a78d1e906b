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
///
/// At most ``limit`` items wait. A journald that stops taking entries in blocks the writes, and the
/// daemon must not grow without bound meanwhile: items submitted beyond the limit are counted, not
/// kept, and the count is handed to `dropped` once the writes that were waiting have gone through.
final class BackgroundWriter<Item: Sendable>: Sendable {
    /// Items waiting, and how many were turned away since the last report.
    private struct Pending {
        var items: [Item] = []
        var dropped = 0
    }

    private let pending = Mutex(Pending())
    private let queue: DispatchQueue
    private let write: @Sendable (Item) -> Void
    private let dropped: @Sendable (Int) -> Void
    /// The most items that wait to be written.
    let limit: Int

    /// A writer that calls `write` for each item, one at a time, on a queue labelled `label`, and
    /// `dropped` with the number of items it had no room for.
    init(
        label: String, limit: Int, write: @escaping @Sendable (Item) -> Void,
        dropped: @escaping @Sendable (Int) -> Void
    ) {
        queue = DispatchQueue(label: label)
        self.limit = limit
        self.write = write
        self.dropped = dropped
    }

    /// Queues `item` and returns at once; counts it as dropped when ``limit`` items are waiting.
    func submit(_ item: Item) {
        let first = pending.withLock { pending -> Bool in
            guard pending.items.count < limit else {
                pending.dropped += 1
                return false
            }
            pending.items.append(item)
            return pending.items.count == 1
        }
        if first { queue.async { self.writePending() } }
    }

    /// Returns once every item submitted before the call has been written.
    func drain() {
        queue.sync {}
    }

    private func writePending() {
        let (batch, droppedCount) = pending.withLock { pending in
            defer { pending = Pending() }
            return (pending.items, pending.dropped)
        }
        for item in batch { write(item) }
        if droppedCount > 0 { dropped(droppedCount) }
    }
}
