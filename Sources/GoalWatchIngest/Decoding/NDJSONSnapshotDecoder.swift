import GoalWatchCore

/// Decodes NDJSON snapshots: one JSON object a line, blank lines skipped (DESIGN §4):
///
/// ```
/// {"at": "2026-03-01T00:00:00Z", "network": "instagram", "account": "acme", "followers": 12040}
/// ```
///
/// The time comes from `at`, else `timestamp`, else `ts`: an RFC 3339 string or a number of Unix
/// seconds. Without declared keys, other string values are labels, numbers are metrics and `null` is a
/// missing sample. When ``DecodeContext/ndjsonLabelKeys`` or ``DecodeContext/ndjsonMetricKeys`` is set,
/// only the declared keys count and all others are ignored; a declared label key may hold a string or a
/// number (kept as written), a declared metric key a number or `null`. One bad line refuses the whole
/// file, naming that line and the column of the offending key or value.
public struct NDJSONSnapshotDecoder: Sendable {
    /// The keys that hold a line's time, in order of preference.
    public static let timeKeys = ["at", "timestamp", "ts"]

    /// A decoder; what the keys mean comes from the ``DecodeContext``.
    public init() {}

    /// Decodes a whole NDJSON file; throws an ``InputError`` naming `context.sourceName`, line and column
    /// at the first problem, and returns no samples then.
    public func decode(_ bytes: [UInt8], context: DecodeContext) throws(InputError) -> SampleBatch {
        try bytes.withUnsafeBufferPointer { (buffer) throws(InputError) -> SampleBatch in
            var decoding = NDJSONDecoding(bytes: buffer, context: context)
            return try decoding.run()
        }
    }
}

/// One run of the NDJSON decoder over one file.
private struct NDJSONDecoding {
    /// What a key of a line stands for.
    private enum Role {
        case label, metric, ignored
        /// Undeclared keys: decided by the value (string → label, number → metric).
        case byValue
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let context: DecodeContext
    private var builder: BatchBuilder
    /// Series of a merged label set, by metric name: label sets repeat line after line.
    private var seriesCache: [[String: String]: [String: Int32]] = [:]
    private var validLabelNames: Set<String> = []
    private var validMetricNames: Set<String> = []
    private let declared: Bool

    init(bytes: UnsafeBufferPointer<UInt8>, context: DecodeContext) {
        self.bytes = bytes
        self.context = context
        builder = BatchBuilder(context: context)
        declared = context.ndjsonLabelKeys != nil || context.ndjsonMetricKeys != nil
    }

    mutating func run() throws(InputError) -> SampleBatch {
        let file = context.sourceName
        let input = try InputPreflight.check(bytes, file: file, limits: context.limits, limitLines: true, expectation: "a JSON object")
        var lineStart = input.start
        var line = 1
        var sawRecord = false
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != ASCII.lineFeed { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart, bytes[contentEnd - 1] == ASCII.carriageReturn { contentEnd -= 1 }
            if !isBlank(lineStart..<contentEnd) {
                sawRecord = true
                try builder.countRow(at: SourceLocation(file: file, line: line))
                var reader = JSONReader(
                    bytes: bytes, range: lineStart..<contentEnd,
                    locator: TextLocator(file: file, line: line, lineStart: lineStart),
                    endDescription: lineEnd < bytes.count ? "the end of the line" : "the end of the file (is it truncated?)")
                try decodeRecord(&reader, line: line)
            }
            lineStart = lineEnd + 1
            line += 1
        }
        guard sawRecord else {
            throw .snapshot(file, line: 1, "expected a JSON object, found only blank lines")
        }
        return builder.batch
    }

    private func isBlank(_ range: Range<Int>) -> Bool {
        range.allSatisfy { bytes[$0] == ASCII.space || bytes[$0] == ASCII.tab || bytes[$0] == ASCII.carriageReturn }
    }

    private func role(of key: String) -> Role {
        guard declared else { return .byValue }
        if context.ndjsonLabelKeys?.contains(key) == true { return .label }
        if context.ndjsonMetricKeys?.contains(key) == true { return .metric }
        return .ignored
    }

    private mutating func decodeRecord(_ reader: inout JSONReader, line: Int) throws(InputError) {
        try reader.beginObject("a JSON object")
        var labels: [String: String] = [:]
        var metrics: [(name: String, value: Double, offset: Int)] = []
        var time: (preference: Int, milliseconds: Int64, offset: Int)?
        var seen: Set<String> = []
        var first = true
        while let (key, keyOffset) = try reader.nextKey(first: &first) {
            guard seen.insert(key).inserted else {
                throw reader.error("expected each key once, found \(FoundText.quoted(key)) again", at: keyOffset)
            }
            if let preference = NDJSONSnapshotDecoder.timeKeys.firstIndex(of: key) {
                if let (milliseconds, offset) = try readTime(&reader, key: key),
                   preference < time?.preference ?? .max {
                    time = (preference, milliseconds, offset)
                }
                continue
            }
            var role = role(of: key)
            if role == .ignored {
                try reader.skipValue()
                continue
            }
            let (value, offset) = try reader.readValue()
            if role == .byValue {
                switch value {
                case .string: role = .label
                case .number: role = .metric
                case .null: continue
                default:
                    throw reader.error("\(FoundText.quoted(key)): expected a string (a label) or a number (a metric), found \(reader.describe(at: offset))", at: offset)
                }
            }
            if role == .label {
                try checkLabelName(key, reader: reader, at: keyOffset)
                switch value {
                case .string(let text): labels[key] = text
                case .number: labels[key] = reader.text(from: offset)
                case .null: break
                default:
                    throw reader.error("label \(key): expected a string, found \(reader.describe(at: offset))", at: offset)
                }
            } else {
                try checkMetricName(key, reader: reader, at: keyOffset)
                switch value {
                case .number(let number): metrics.append((key, number, offset))
                case .null: break
                default:
                    throw reader.error("metric \(key): expected a number or null, found \(reader.describe(at: offset))", at: offset)
                }
            }
        }
        try reader.expectEnd(after: "the object")
        guard let time else {
            throw .snapshot(context.sourceName, line: line, "expected a time in \"at\", \"timestamp\" or \"ts\", found none")
        }
        do {
            try builder.checkTime(time.milliseconds)
        } catch {
            throw reader.error(error.message, at: time.offset)
        }
        let merged = builder.mergedLabels(labels)
        var known = seriesCache[merged] ?? [:]
        let knownCount = known.count
        for metric in metrics {
            do {
                try builder.checkSign(metric.value, metric: metric.name, written: reader.describe(at: metric.offset))
            } catch {
                throw reader.error(error.message, at: metric.offset)
            }
            let series: Int32
            if let cached = known[metric.name] {
                series = cached
            } else {
                series = try builder.series(metric: metric.name, labels: merged, at: SourceLocation(file: context.sourceName, line: line))
                known[metric.name] = series
            }
            builder.append(series: series, timestamp: time.milliseconds, value: metric.value)
        }
        if known.count != knownCount { seriesCache[merged] = known }
    }

    /// Reads a time value: an RFC 3339 string or Unix seconds; `nil` for `null`.
    private func readTime(_ reader: inout JSONReader, key: String) throws(InputError) -> (Int64, Int)? {
        let (value, offset) = try reader.readValue()
        do throws(CellError) {
            switch value {
            case .string(let text): return (try TimestampReader.rfc3339.read(text), offset)
            case .number(let seconds): return (try TimestampReader.milliseconds(unixSeconds: seconds), offset)
            case .null: return nil
            default:
                throw CellError("expected an RFC 3339 time or Unix seconds, found \(reader.describe(at: offset))")
            }
        } catch {
            throw reader.error("\"\(key)\": \(error.message)", at: offset)
        }
    }

    private mutating func checkLabelName(_ name: String, reader: JSONReader, at offset: Int) throws(InputError) {
        if validLabelNames.contains(name) { return }
        if let problem = SeriesNames.labelNameProblem(name) { throw reader.error(problem, at: offset) }
        validLabelNames.insert(name)
    }

    private mutating func checkMetricName(_ name: String, reader: JSONReader, at offset: Int) throws(InputError) {
        if validMetricNames.contains(name) { return }
        if let problem = SeriesNames.metricNameProblem(name) { throw reader.error(problem, at: offset) }
        validMetricNames.insert(name)
    }
}
