import Foundation

/// An exclusive flock(2) on a file, held by one process at a time.
struct CrossProcessLock {
    private let descriptor: Int32

    /// Takes the lock on `path`, polling until another process releases it, for at most 30 seconds.
    static func acquire(path: String) async throws -> CrossProcessLock {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw JournaldHarnessError("cannot open lock file \(path): errno \(errno)") }
        let locked = try await eventually(within: .seconds(30)) { flock(descriptor, LOCK_EX | LOCK_NB) == 0 }
        guard locked else {
            close(descriptor)
            throw JournaldHarnessError("another process held \(path) for 30 seconds")
        }
        return CrossProcessLock(descriptor: descriptor)
    }

    /// Releases the lock.
    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
