/// How a source's CSV exports map to samples (the `csv:` block of a source, DESIGN §3–4).
public struct CSVOptions: Sendable, Hashable {
    /// The field separator, or `nil` to detect `,`, `;` or tab from the header line.
    public var delimiter: UInt8?
    /// The decimal mark, or `nil` for `,` when the delimiter is `;` and `.` otherwise.
    public var decimalMark: UInt8?
    /// Where the time of each row comes from.
    public var timestamp: TimestampColumn
    /// Header name → label name. Every mapped column must be present in the header.
    public var labels: [String: String]
    /// Header name → metric name. Every mapped column must be present in the header.
    public var metrics: [String: String]
    /// Cell texts that mean "no sample" besides the empty cell.
    public var naValues: Set<String>
    /// Leading lines starting with this prefix are skipped (GA4 exports begin with `#` lines).
    public var commentPrefix: String?
    /// Rows whose timestamp cell matches this regular expression are skipped ("Lifetime", "Grand total").
    public var skipRows: String?

    public init(
        delimiter: UInt8? = nil,
        decimalMark: UInt8? = nil,
        timestamp: TimestampColumn,
        labels: [String: String] = [:],
        metrics: [String: String],
        naValues: Set<String> = CSVOptions.defaultNAValues,
        commentPrefix: String? = nil,
        skipRows: String? = nil
    ) {
        self.delimiter = delimiter
        self.decimalMark = decimalMark
        self.timestamp = timestamp
        self.labels = labels
        self.metrics = metrics
        self.naValues = naValues
        self.commentPrefix = commentPrefix
        self.skipRows = skipRows
    }

    /// `NA`, `N/A`, `n/a` and `-`, as DESIGN §4 lists them.
    public static let defaultNAValues: Set<String> = ["NA", "N/A", "n/a", "-"]
}

/// The column that holds a row's time, and how to read it.
public struct TimestampColumn: Sendable, Hashable {
    /// The header name of the column.
    public var column: String
    /// How the cell is written.
    public var format: TimestampFormat
    /// IANA time zone for patterns without an offset (e.g. `Europe/Berlin`); `nil` means UTC.
    public var timeZone: String?

    public init(column: String, format: TimestampFormat = .rfc3339, timeZone: String? = nil) {
        self.column = column
        self.format = format
        self.timeZone = timeZone
    }
}

/// How a timestamp cell is written.
public enum TimestampFormat: Sendable, Hashable {
    /// RFC 3339 (`2026-03-01T00:00:00Z`); a date alone (`2026-03-01`) means its midnight in the column's zone.
    case rfc3339
    /// Unix seconds, possibly fractional.
    case unixSeconds
    /// Unix milliseconds.
    case unixMilliseconds
    /// A Unicode date pattern such as `yyyy-MM-dd`, `dd.MM.yyyy HH:mm` or `EEE, MMM d, yyyy`.
    case pattern(String)

    /// Parses the `format:` value of a timestamp mapping: `rfc3339`, `unix`, `unix_ms`, or a pattern.
    public init(configValue: String) {
        switch configValue {
        case "rfc3339": self = .rfc3339
        case "unix": self = .unixSeconds
        case "unix_ms": self = .unixMilliseconds
        default: self = .pattern(configValue)
        }
    }
}
