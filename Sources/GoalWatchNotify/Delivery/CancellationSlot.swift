import Synchronization

/// Where something under way keeps the handle that cancels it, for a cancel that may come before the
/// handle exists: whichever of ``hold(_:)`` and ``cancel()`` comes second acts on the handle.
final class CancellationSlot<Handle: Sendable>: Sendable {
    private let state = Mutex<(handle: Handle?, cancelled: Bool)>((nil, false))

    /// Keeps `handle` as the one to cancel; returns whether a cancel came already (the caller then
    /// cancels `handle` itself).
    func hold(_ handle: Handle) -> Bool {
        state.withLock { state in
            state.handle = handle
            return state.cancelled
        }
    }

    /// Notes the cancel; returns the handle held, for the caller to cancel with.
    func cancel() -> Handle? {
        state.withLock { state in
            state.cancelled = true
            return state.handle
        }
    }

    /// Whether a cancel came.
    var isCancelled: Bool {
        state.withLock { $0.cancelled }
    }
}
