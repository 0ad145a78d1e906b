import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where the daemon's own log records go: the journal, or logfmt lines on standard error.
public enum LogBackend: String, Sendable, Hashable, CaseIterable {
    /// One journald entry per record (``JournalLogHandler``).
    case journal
    /// One logfmt line per record on standard error (``LogfmtLogHandler``).
    case logfmt

    /// The environment variable with which operators and tests choose the backend: `journal`, `logfmt`,
    /// or `auto` (the same as unset or empty).
    public static let environmentVariable = "GOALWATCH_LOG"

    /// The backend for this process: the one `$GOALWATCH_LOG` names, else ``journal`` when standard error is
    /// connected to journald (``Journal/isConnected``), else ``logfmt``.
    ///
    /// - Throws: ``LogBackendError`` when `$GOALWATCH_LOG` holds anything else.
    public static func forCurrentProcess() throws(LogBackendError) -> LogBackend {
        try select(
            override: getenv(environmentVariable).map { String(cString: $0) },
            standardErrorIsJournal: Journal.isConnected)
    }

    /// The decision behind ``forCurrentProcess()``: `override` is the value of `$GOALWATCH_LOG`, `nil` when
    /// it is unset.
    public static func select(override: String?, standardErrorIsJournal: Bool) throws(LogBackendError) -> LogBackend {
        switch override {
        case nil, ""?, "auto"?: return standardErrorIsJournal ? .journal : .logfmt
        case let value?:
            guard let backend = LogBackend(rawValue: value) else { throw LogBackendError(value: value) }
            return backend
        }
    }

    /// A handler of this backend for the logger `label`, for `LoggingSystem.bootstrap`; journal entries carry
    /// `identifier` as `SYSLOG_IDENTIFIER`.
    public func makeHandler(
        label: String, identifier: String, metadataProvider: Logger.MetadataProvider? = nil
    ) -> any LogHandler {
        switch self {
        case .journal: JournalLogHandler(label: label, identifier: identifier, metadataProvider: metadataProvider)
        case .logfmt: LogfmtLogHandler(label: label, metadataProvider: metadataProvider)
        }
    }
}

/// `$GOALWATCH_LOG` holds a value other than `journal`, `logfmt` or `auto`.
public struct LogBackendError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The value found.
    public var value: String

    /// What is wrong and what is accepted.
    public var description: String {
        "\(LogBackend.environmentVariable) must be journal, logfmt or auto; found \"\(value)\""
    }
}
