import Foundation
import Synchronization

/// Runs two independent pieces of work at once, on the calling thread and one other, and returns when
/// both have ended.
///
/// For the CPU-bound steps of recording a burst (encoding thousands of alert states beside thousands of
/// router alerts, routing them beside the store's write): a burst is recorded before anything of it can
/// be sent, and the machine's other core is otherwise idle then. The caller's thread is held for the
/// time of the longer piece, never waiting on I/O other than the store's own write.
enum SideBySide {
    /// The results of `first` and `second`, run at once; rethrows the first's error, else the second's.
    /// With `parallel` false (work too small to be worth waking a thread) they run one after the other.
    static func run<First: Sendable, Second: Sendable>(
        parallel: Bool = true, _ first: @Sendable () throws -> First, _ second: @Sendable () throws -> Second
    ) throws -> (First, Second) {
        guard parallel else { return (try first(), try second()) }
        let firstResult = Mutex<Result<First, any Error>?>(nil)
        let secondResult = Mutex<Result<Second, any Error>?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                let result = Result { try first() }
                firstResult.withLock { $0 = result }
            } else {
                let result = Result { try second() }
                secondResult.withLock { $0 = result }
            }
        }
        guard let one = firstResult.withLock({ $0 }), let two = secondResult.withLock({ $0 }) else {
            preconditionFailure("concurrentPerform returned before both pieces ran")
        }
        return (try one.get(), try two.get())
    }
}
