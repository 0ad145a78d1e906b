import GoalWatchCore

/// Decodes GoalWatch's native JSON snapshot, version 1 (DESIGN §4):
///
/// ```json
/// {"version": 1, "taken_at": "2026-03-01T00:00:00Z", "source": "care-api",
///  "series": [{"labels": {"network": "instagram"}, "metrics": {"followers": 12040, "reach": null},
///              "at": "2026-03-01T06:00:00Z"}]}
/// ```
///
/// `at` (RFC 3339) overrides `taken_at` for its entry; a `null` metric is a missing sample; label values
/// are strings (`null` or `""` means absent). Unknown keys, at any level, are errors, as in config files.
/// Every error names the line and column of the offending key or value, and refuses the whole file.
public struct JSONSnapshotDecoder: Sendable {
    /// The versions of the format this decoder reads.
    public static let supportedVersions = [1]

    /// A decoder; the format has no options.
    public init() {}

    /// Decodes a whole snapshot document; throws an ``InputError`` naming `context.sourceName`, line and
    /// column at the first problem, and returns no samples then.
    public func decode(_ bytes: [UInt8], context: DecodeContext) throws(InputError) -> SampleBatch {
        try bytes.withUnsafeBufferPointer { (buffer) throws(InputError) -> SampleBatch in
            let input = try InputPreflight.check(
                buffer, file: context.sourceName, limits: context.limits, limitLines: false, expectation: "a JSON object")
            var reader = JSONReader(
                bytes: buffer, range: input.start..<buffer.count,
                locator: TextLocator(file: context.sourceName, line: 1, lineStart: input.start),
                endDescription: "the end of the file (is it truncated?)")
            var builder = BatchBuilder(context: context)
            let document = try JSONDocument.read(&reader, builder: &builder)
            try document.append(to: &builder, reader: reader)
            return builder.batch
        }
    }
}

/// A version 1 document as read, before its samples are checked and added: `taken_at` may follow
/// `series`, so entries are resolved once the whole object is known.
private struct JSONDocument {
    struct Metric {
        let name: String
        let value: Double
        let offset: Int
    }

    struct Entry {
        let offset: Int
        var labels: [String: String] = [:]
        var metrics: [Metric] = []
        var at: (milliseconds: Int64, offset: Int)?
    }

    var takenAt: (milliseconds: Int64, offset: Int)?
    var entries: [Entry] = []

    static let topLevelKeys = ["version", "taken_at", "source", "series"]
    static let entryKeys = ["labels", "metrics", "at"]

    static func read(_ reader: inout JSONReader, builder: inout BatchBuilder) throws(InputError) -> JSONDocument {
        reader.skipWhitespace()
        let objectOffset = reader.position
        try reader.beginObject("a JSON object (a GoalWatch snapshot)")
        var document = JSONDocument()
        var seen: Set<String> = []
        var first = true
        while let (key, keyOffset) = try reader.nextKey(first: &first) {
            guard seen.insert(key).inserted else {
                throw reader.error("expected each key once, found \(FoundText.quoted(key)) again", at: keyOffset)
            }
            switch key {
            case "version":
                let (value, offset) = try reader.readValue()
                guard case .number(let version) = value, JSONSnapshotDecoder.supportedVersions.contains(where: { Double($0) == version }) else {
                    let supported = JSONSnapshotDecoder.supportedVersions.map(String.init).joined(separator: ", ")
                    throw reader.error("expected version \(supported) (the versions this GoalWatch reads), found \(reader.describe(at: offset))", at: offset)
                }
            case "taken_at":
                document.takenAt = try readTime(&reader, key: key)
            case "source":
                let (value, offset) = try reader.readValue()
                guard case .string = value else {
                    throw reader.error("expected the source's name as a string, found \(reader.describe(at: offset))", at: offset)
                }
            case "series":
                try reader.beginArray("an array of series entries")
                var firstEntry = true
                while try reader.nextElement(first: &firstEntry) {
                    reader.skipWhitespace()
                    let offset = reader.position
                    try builder.countRow(at: reader.location(of: offset))
                    document.entries.append(try readEntry(&reader, offset: offset))
                }
            default:
                throw reader.error("expected one of \(quotedList(topLevelKeys)), found \(FoundText.quoted(key))", at: keyOffset)
            }
        }
        try reader.expectEnd(after: "the snapshot object")
        guard seen.contains("version") else {
            throw reader.error("expected a \"version\" key (1), found none", at: objectOffset)
        }
        guard seen.contains("series") else {
            throw reader.error("expected a \"series\" key with the snapshot's series, found none", at: objectOffset)
        }
        return document
    }

    private static func readEntry(_ reader: inout JSONReader, offset: Int) throws(InputError) -> Entry {
        try reader.beginObject("a series entry (an object with \"labels\" and \"metrics\")")
        var entry = Entry(offset: offset)
        var seen: Set<String> = []
        var first = true
        while let (key, keyOffset) = try reader.nextKey(first: &first) {
            guard seen.insert(key).inserted else {
                throw reader.error("expected each key once, found \(FoundText.quoted(key)) again", at: keyOffset)
            }
            switch key {
            case "labels": entry.labels = try readLabels(&reader)
            case "metrics": entry.metrics = try readMetrics(&reader)
            case "at": entry.at = try readTime(&reader, key: key)
            default:
                throw reader.error("expected one of \(quotedList(entryKeys)), found \(FoundText.quoted(key))", at: keyOffset)
            }
        }
        return entry
    }

    private static func readLabels(_ reader: inout JSONReader) throws(InputError) -> [String: String] {
        try reader.beginObject("an object of label names and string values")
        var labels: [String: String] = [:]
        var first = true
        while let (name, keyOffset) = try reader.nextKey(first: &first) {
            if let problem = SeriesNames.labelNameProblem(name) { throw reader.error(problem, at: keyOffset) }
            guard labels[name] == nil else {
                throw reader.error("expected each label once, found \(FoundText.quoted(name)) again", at: keyOffset)
            }
            let (value, offset) = try reader.readValue()
            switch value {
            case .string(let text): labels[name] = text
            case .null: labels[name] = ""
            default:
                throw reader.error("expected a string value for label \(name), found \(reader.describe(at: offset))", at: offset)
            }
        }
        return labels
    }

    private static func readMetrics(_ reader: inout JSONReader) throws(InputError) -> [Metric] {
        try reader.beginObject("an object of metric names and numbers")
        var metrics: [Metric] = []
        var names: Set<String> = []
        var first = true
        while let (name, keyOffset) = try reader.nextKey(first: &first) {
            if let problem = SeriesNames.metricNameProblem(name) { throw reader.error(problem, at: keyOffset) }
            guard names.insert(name).inserted else {
                throw reader.error("expected each metric once, found \(FoundText.quoted(name)) again", at: keyOffset)
            }
            let (value, offset) = try reader.readValue()
            switch value {
            case .number(let number): metrics.append(Metric(name: name, value: number, offset: offset))
            case .null: break
            default:
                throw reader.error("expected a number or null for metric \(name), found \(reader.describe(at: offset))", at: offset)
            }
        }
        return metrics
    }

    private static func readTime(_ reader: inout JSONReader, key: String) throws(InputError) -> (Int64, Int) {
        let (value, offset) = try reader.readValue()
        guard case .string(let text) = value else {
            throw reader.error("\"\(key)\": expected an RFC 3339 time in a string, found \(reader.describe(at: offset))", at: offset)
        }
        do {
            return (try TimestampReader.rfc3339.read(text), offset)
        } catch {
            throw reader.error("\"\(key)\": \(error.message)", at: offset)
        }
    }

    /// Checks every entry's time and values and adds its samples.
    func append(to builder: inout BatchBuilder, reader: JSONReader) throws(InputError) {
        var takenAtChecked = false
        for entry in entries {
            guard let (time, timeOffset) = entry.at ?? takenAt else {
                throw reader.error("expected \"at\" in the series entry or \"taken_at\" in the snapshot, found neither", at: entry.offset)
            }
            if entry.at != nil || !takenAtChecked {
                do {
                    try builder.checkTime(time)
                } catch {
                    throw reader.error(error.message, at: timeOffset)
                }
                takenAtChecked = takenAtChecked || entry.at == nil
            }
            let labels = builder.mergedLabels(entry.labels)
            for metric in entry.metrics {
                do {
                    try builder.checkSign(metric.value, metric: metric.name, written: reader.describe(at: metric.offset))
                } catch {
                    throw reader.error(error.message, at: metric.offset)
                }
                let series = try builder.series(metric: metric.name, labels: labels, at: reader.location(of: entry.offset))
                builder.append(series: series, timestamp: time, value: metric.value)
            }
        }
    }

    private static func quotedList(_ keys: [String]) -> String {
        keys.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
