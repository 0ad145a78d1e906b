import GoalWatchNotify
import Synchronization

/// Passes the notifications of each flush to the running outbox worker, so that their first attempt
/// does not decode the stored body again. The router is made once, while the worker is replaced on
/// every start of delivery; with no worker running, notifications simply wait in the outbox.
final class DeliveryHandOver: Sendable {
    private let worker = Mutex<OutboxWorker?>(nil)

    /// Makes `worker` the one that receives notifications; `nil` stops handing them over.
    func attach(_ worker: OutboxWorker?) {
        self.worker.withLock { $0 = worker }
    }

    /// Hands `notifications`, already in the outbox, to the attached worker, which wakes their lanes.
    func submit(_ notifications: [Notification]) {
        worker.withLock { $0 }?.submit(notifications)
    }
}
