import Foundation
import Logging

/// A swift-log handler that writes each record as one logfmt line, by default to standard error: the
/// fallback when the process is not connected to journald.
///
/// A line reads `ts=2026-11-28T12:00:00.000Z level=info msg="goal assessed" logger=goalwatch key=value …`:
/// the time in UTC, the level's name, the message, the logger's label, the record's error (`error=`) if any,
/// then the metadata ordered by key, nested dictionaries flattened with `.` (`request.id=7`). Keys and values
/// are escaped by ``Logfmt``, so a record is always exactly one line.
public struct LogfmtLogHandler: LogHandler {
    /// The logger's label, written as `logger=`.
    public let label: String
    /// Metadata added to every record of this handler.
    public var metadata: Logger.Metadata = [:]
    /// Supplies metadata at each record, e.g. from task-local values.
    public var metadataProvider: Logger.MetadataProvider?
    /// The least severe level that is written.
    public var logLevel: Logger.Level = .info
    private let clock: @Sendable () -> Date
    private let output: @Sendable (String) -> Void

    /// A handler for the logger `label`.
    ///
    /// - Parameters:
    ///   - clock: gives the time written as `ts=`.
    ///   - output: receives each line without its newline; by default ``writeToStandardError(_:)``.
    public init(
        label: String,
        metadataProvider: Logger.MetadataProvider? = nil,
        clock: @escaping @Sendable () -> Date = { Date() },
        output: @escaping @Sendable (String) -> Void = LogfmtLogHandler.writeToStandardError
    ) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.clock = clock
        self.output = output
    }

    /// The metadata value stored under `key`.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes `event` as one line.
    public func log(event: LogEvent) {
        output(line(for: event))
    }

    /// The line `event` becomes, without its newline.
    public func line(for event: LogEvent) -> String {
        let milliseconds = Int64((clock().timeIntervalSince1970 * 1000).rounded(.down))
        var pairs = [
            Logfmt.pair("ts", Logfmt.timestamp(millisecondsSinceEpoch: milliseconds)),
            Logfmt.pair("level", event.level.rawValue),
            Logfmt.pair("msg", event.message.description),
            Logfmt.pair("logger", label),
        ]
        if let error = event.error {
            pairs.append(Logfmt.pair("error", String(describing: error)))
        }
        let entries = LogMetadataFlattening.entries(
            handler: metadata, provider: metadataProvider, record: event.metadata)
        for entry in entries {
            pairs.append(Logfmt.pair(entry.path.joined(separator: "."), entry.text))
        }
        return pairs.joined(separator: " ")
    }

    /// Writes `line` and a newline to standard error in one write(2), so lines of concurrent records do not
    /// interleave; a failed write is dropped, as there is nowhere left to report it.
    public static func writeToStandardError(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
