import Foundation

/// Reads entries back from the journal with `journalctl -o json`.
public enum JournalQuery {
    /// The entries with `field=value`, once there are at least `count` of them.
    ///
    /// Polls `journalctl -o json --all --no-pager FIELD=value` until enough entries have arrived, since journald
    /// stores a datagram some time after sd_journal_sendv(3) has returned. Tag each test's entries with a
    /// value of its own (a UUID) so tests running side by side do not see each other's entries.
    ///
    /// - Throws: ``JournaldHarnessError`` when fewer than `count` entries arrived within `timeout`.
    public static func entries(
        _ field: String, _ value: String, count: Int = 1, within timeout: Duration = .seconds(10)
    ) async throws -> [JournaldEntry] {
        guard let journalctl = Program.find("journalctl") else { throw JournaldHarnessError("journalctl is not installed") }
        var found: [JournaldEntry] = []
        var lastError = ""
        let complete = try await eventually(within: timeout) {
            let result = try await Program.run(journalctl, ["-o", "json", "--all", "--no-pager", "\(field)=\(value)"])
            lastError = result.standardError
            found = try result.standardOutput.split(separator: UInt8(ascii: "\n")).map {
                try JournaldEntry(jsonLine: Data($0))
            }
            return found.count >= count
        }
        guard complete else {
            throw JournaldHarnessError(
                "expected \(count) journal entries with \(field)=\(value) within \(timeout), found \(found.count)"
                    + (lastError.isEmpty ? "" : "; journalctl said: \(lastError)"))
        }
        return found
    }
}
