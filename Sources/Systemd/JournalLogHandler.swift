import Logging

/// A swift-log handler that writes every record as one journald entry.
///
/// Fields of an entry:
/// - `MESSAGE`: the message; `PRIORITY`: see ``JournalPriority/init(_:)``;
///   `SYSLOG_IDENTIFIER`: the identifier given at creation (`goalwatch`);
/// - `CODE_FILE`, `CODE_LINE`, `CODE_FUNC`: where the record was logged;
/// - `GOALWATCH_LOGGER`: the logger's label; `GOALWATCH_ERROR`: the record's error, if any;
/// - one `GOALWATCH_<KEY>` per metadata value, `KEY` made valid by ``JournalField/sanitizedName(_:prefix:)``
///   (`account` → `GOALWATCH_ACCOUNT`, `first-response` → `GOALWATCH_FIRST_RESPONSE`). Nested dictionaries
///   are flattened with `_` between the keys (`request: [id: 7]` → `GOALWATCH_REQUEST_ID=7`); arrays are
///   written as swift-log's text of them (`["a", "b"]`). Values keep their newlines.
///
/// When journald refuses an entry (no socket, entry too large), the record is written to standard error
/// as a logfmt line instead, so it is not lost.
public struct JournalLogHandler: LogHandler {
    /// The logger's label, written as `GOALWATCH_LOGGER`.
    public let label: String
    /// The `SYSLOG_IDENTIFIER` of every entry.
    public let identifier: String
    /// Metadata added to every record of this handler.
    public var metadata: Logger.Metadata = [:]
    /// Supplies metadata at each record, e.g. from task-local values.
    public var metadataProvider: Logger.MetadataProvider?
    /// The least severe level that is written.
    public var logLevel: Logger.Level = .info

    /// A handler for the logger `label`, tagging entries with `identifier`.
    public init(label: String, identifier: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.identifier = identifier
        self.metadataProvider = metadataProvider
    }

    /// The metadata value stored under `key`.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes `event` to the journal, or as logfmt to standard error when the journal refuses it.
    public func log(event: LogEvent) {
        do {
            try Journal.send(fields(for: event))
        } catch {
            var fallback = LogfmtLogHandler(label: label, metadataProvider: metadataProvider)
            fallback.metadata = metadata
            fallback.log(event: event)
        }
    }

    /// The metadata key written as journald's own `MESSAGE_ID` field (the id under which the message
    /// catalog explains the entry) instead of a `GOALWATCH_` field.
    public static let messageIDKey = "message_id"

    /// The entry `event` becomes, in the order it is sent.
    public func fields(for event: LogEvent) -> [JournalField] {
        var fields = [
            JournalField("MESSAGE", event.message.description),
            JournalPriority(event.level).field,
            JournalField("SYSLOG_IDENTIFIER", identifier),
            JournalField("CODE_FILE", event.file),
            JournalField("CODE_LINE", String(event.line)),
            JournalField("CODE_FUNC", event.function),
            JournalField("GOALWATCH_LOGGER", label),
        ]
        if let error = event.error {
            fields.append(JournalField("GOALWATCH_ERROR", String(describing: error)))
        }
        let entries = LogMetadataFlattening.entries(
            handler: metadata, provider: metadataProvider, record: event.metadata)
        for entry in entries {
            if entry.path == [Self.messageIDKey] {
                fields.append(JournalField("MESSAGE_ID", entry.text))
                continue
            }
            let name = JournalField.sanitizedName(entry.path.joined(separator: "_"), prefix: "GOALWATCH_")
            fields.append(JournalField(name, entry.text))
        }
        return fields
    }
}

extension JournalPriority {
    /// The priority of a swift-log level: trace and debug → 7, info → 6, notice → 5, warning → 4,
    /// error → 3, critical → 2.
    public init(_ level: Logger.Level) {
        switch level {
        case .trace, .debug: self = .debug
        case .info: self = .info
        case .notice: self = .notice
        case .warning: self = .warning
        case .error: self = .error
        case .critical: self = .critical
        }
    }
}
