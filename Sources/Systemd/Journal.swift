import CSystemd

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Writes entries to the systemd journal with sd_journal_sendv(3).
public enum Journal {
    /// Writes one entry made of `fields`, in order.
    ///
    /// Each field travels as one `NAME=value` vector, which sd_journal_sendv(3) passes on in its binary-safe
    /// form, so values may contain newlines or any other bytes. The call does not wait for journald to store
    /// the entry; it blocks only while the datagram is handed to the kernel.
    ///
    /// - Throws: ``JournalError/invalidFieldName(_:)`` before sending anything when a name is not valid;
    ///   ``JournalError/sendFailed(errno:)`` when journald could not be reached or refused the entry.
    public static func send(_ fields: [JournalField]) throws(JournalError) {
        if let invalid = fields.first(where: { !JournalField.isValidName($0.name) }) {
            throw .invalidFieldName(invalid.name)
        }
        var buffer: [UInt8] = []
        var ranges: [Range<Int>] = []
        for field in fields {
            let start = buffer.count
            buffer.append(contentsOf: field.name.utf8)
            buffer.append(UInt8(ascii: "="))
            buffer.append(contentsOf: field.value)
            ranges.append(start..<buffer.count)
        }
        let result = buffer.withUnsafeMutableBytes { bytes in
            let vectors = ranges.map { range in
                iovec(iov_base: bytes.baseAddress.map { $0 + range.lowerBound }, iov_len: range.count)
            }
            return vectors.withUnsafeBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) }
        }
        if result < 0 { throw .sendFailed(errno: -result) }
    }

    /// Whether this process's standard error is connected to the journal.
    ///
    /// systemd's documented rule (systemd.exec(5), `$JOURNAL_STREAM`): a service manager that connects
    /// standard output or error to journald sets `JOURNAL_STREAM` to `DEVICE:INODE` of that stream; a
    /// program checks it against fstat(2) of its own descriptor, since a child whose stderr was redirected
    /// inherits the variable while its stderr is something else.
    public static var isConnected: Bool {
        isConnected(
            journalStreamVariable: getenv("JOURNAL_STREAM").map { String(cString: $0) },
            standardError: JournalStream(fileDescriptor: 2))
    }

    /// The decision behind ``isConnected``: `true` only when `journalStreamVariable` (the value of
    /// `$JOURNAL_STREAM`, `nil` when unset) names exactly the `standardError` stream.
    public static func isConnected(journalStreamVariable: String?, standardError: JournalStream?) -> Bool {
        guard let text = journalStreamVariable, let named = JournalStream(environmentValue: text),
            let standardError
        else { return false }
        return named == standardError
    }
}
