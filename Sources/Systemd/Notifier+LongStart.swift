import Dispatch
import Foundation

extension Notifier {
    /// Runs `step`, a part of the start that may outlast the unit's start timeout (a migration of a
    /// large store after an upgrade), without systemd killing the service for it: once `step` has run
    /// for `after`, sends `STATUS=status` and `EXTEND_TIMEOUT_USEC=` for `length`, renewed every
    /// `renewal`, until `step` returns. A step that ends sooner sends nothing.
    ///
    /// Nothing more is sent once this returns. Outside systemd the messages are no-ops.
    public func extendingStartTimeout<Result>(
        status: String, after: Duration = .seconds(5), renewal: Duration = .seconds(20), by length: Duration = .seconds(60),
        during step: () throws -> Result
    ) rethrows -> Result {
        let finished = DispatchSemaphore(value: 0)
        let stopped = DispatchSemaphore(value: 0)
        let notifier = self
        Thread.detachNewThread {
            defer { stopped.signal() }
            guard finished.wait(timeout: .now() + Self.dispatchInterval(after)) == .timedOut else { return }
            _ = try? notifier.status(status)
            repeat {
                _ = try? notifier.extendTimeout(by: length)
            } while finished.wait(timeout: .now() + Self.dispatchInterval(renewal)) == .timedOut
        }
        defer {
            finished.signal()
            stopped.wait()
        }
        return try step()
    }

    private static func dispatchInterval(_ duration: Duration) -> DispatchTimeInterval {
        .microseconds(Int(microseconds(duration)))
    }
}
