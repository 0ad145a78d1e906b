import Synchronization

/// Collects the lines a log handler writes, from any thread.
final class LineCollector: Sendable {
    private let collected = Mutex<[String]>([])

    /// Appends one line.
    func append(_ line: String) { collected.withLock { $0.append(line) } }

    /// The lines so far.
    var lines: [String] { collected.withLock { $0 } }
}
