/// Reads one entry of `sources:`.
struct SourceDecoder {
    var configuration: ConfigurationDecoder

    static let commonKeys = [
        "name", "kind", "format", "every", "lookback", "stale_after", "labels", "non_negative",
        "ndjson", "csv", "limits", "max_future",
    ]
    /// Each kind and the keys only it accepts, in the order messages list them.
    static let kinds: KeyValuePairs<String, [String]> = ["file": ["path", "after_read"], "http": ["url", "headers", "timeout"]]

    static func keys(of kind: String) -> [String]? {
        kinds.first { $0.key == kind }?.value
    }

    /// The source (`nil` when anything in it is wrong), and its name as written when that is valid,
    /// so that names are checked for uniqueness even in sources with other problems.
    func source(_ node: YAMLNode, reader: inout YAMLReader) -> (source: SourceConfiguration?, name: ConfigScalar?) {
        let errorsBefore = reader.errors.count
        // The kind decides which keys are allowed, so it is looked at before the keys are checked.
        let declaredKind = node.scalarValue(of: "kind").flatMap { Self.keys(of: $0) == nil ? nil : $0 }
        guard let mapping = reader.mapping(
            node, allowedKeys: Self.allowedKeys(kind: declaredKind), misplacedKeys: Self.misplacedKeys(kind: declaredKind))
        else { return (nil, nil) }

        let name = reader.read(reader.required("name", in: mapping, what: "the source's name, such as sprout-export")) {
            node throws(InputError) in try Self.sourceName(node)
        }
        let kind: SourceKind?
        switch reader.read(reader.required("kind", in: mapping, what: "file or http"), { node throws(InputError) in
            try node.choice(Self.kinds.map(\.key))
        }) {
        case "file": kind = fileOptions(mapping, reader: &reader).map(SourceKind.file)
        case "http": kind = httpOptions(mapping, reader: &reader).map(SourceKind.http)
        default: kind = nil
        }

        let every = reader.read(mapping["every"]) { node throws(InputError) in try node.positiveDuration() } ?? .minutes(1)
        let lookback = reader.read(mapping["lookback"]) { node throws(InputError) in try node.positiveDuration() }
        let staleAfter = reader.read(mapping["stale_after"]) { node throws(InputError) in try node.positiveDuration() }
        let labels = mapping["labels"].map { constantLabels($0, reader: &reader) } ?? [:]
        let nonNegative = mapping["non_negative"].flatMap { node in
            reader.list(node) { reader, item in reader.read { () throws(InputError) -> String in try item.metricName() } }
        }
        let limits = ingestLimits(mapping, reader: &reader)
        let format = self.format(mapping, kind: kind, reader: &reader)
        let ndjson = mapping["ndjson"].flatMap { ndjsonOptions($0, reader: &reader) }
        let csv = mapping["csv"].flatMap { CSVOptionsDecoder().options($0, reader: &reader) }
        checkFormatBlocks(mapping, format: format, hasCSV: mapping["csv"] != nil, reader: &reader)

        guard reader.errors.count == errorsBefore, let name, let kind else { return (nil, name) }
        let source = SourceConfiguration(
            name: name.text, kind: kind, format: format, every: every, lookback: lookback, staleAfter: staleAfter,
            labels: labels, nonNegative: Set(nonNegative ?? []), ndjson: ndjson, csv: csv, limits: limits,
            location: mapping.location)
        return (source, name)
    }

    static func allowedKeys(kind: String?) -> [String] {
        guard let kind, let own = keys(of: kind) else { return commonKeys + kinds.flatMap(\.value) }
        return commonKeys + own
    }

    /// For a source of a known kind, the other kinds' keys get a message saying which kind they belong to.
    static func misplacedKeys(kind: String?) -> [String: String] {
        guard let kind, let own = keys(of: kind) else { return [:] }
        var messages: [String: String] = [:]
        for (otherKind, keys) in kinds where otherKind != kind {
            for key in keys {
                messages[key] = "key '\(key)' is only for \(otherKind) sources; this source is kind \(kind) (its own keys: \(own.joined(separator: ", ")))"
            }
        }
        return messages
    }

    static func sourceName(_ node: YAMLNode) throws(InputError) -> ConfigScalar {
        let expected = "a source name of letters, digits, '_', '.' and '-'"
        let scalar = try node.scalar(expecting: expected)
        let valid = !scalar.text.isEmpty && scalar.text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "." || $0 == "-")
        }
        guard valid else { throw InputError("expected \(expected)\(scalar.found)", at: node.location) }
        return scalar
    }

    func fileOptions(_ mapping: YAMLMapping, reader: inout YAMLReader) -> FileSourceOptions? {
        let path = reader.read(reader.required("path", in: mapping, what: "a file path or glob, such as inbox/*.csv")) {
            node throws(InputError) in try node.nonEmptyString(expecting: "a file path or glob, such as inbox/*.csv")
        }
        let afterRead = reader.read(mapping["after_read"]) { node throws(InputError) in try self.afterRead(node) } ?? AfterRead.keep
        return path.map { FileSourceOptions(path: configuration.resolve($0), afterRead: afterRead) }
    }

    func afterRead(_ node: YAMLNode) throws(InputError) -> AfterRead {
        let expected = "keep, delete or move:<folder>"
        let scalar = try node.scalar(expecting: expected)
        switch scalar.text {
        case "keep": return .keep
        case "delete": return .delete
        default:
            guard scalar.text.hasPrefix("move:"), scalar.text.count > 5 else {
                throw InputError("expected \(expected)\(scalar.found)", at: node.location)
            }
            return .move(to: configuration.resolve(String(scalar.text.dropFirst(5))))
        }
    }

    func httpOptions(_ mapping: YAMLMapping, reader: inout YAMLReader) -> HTTPSourceOptions? {
        let url = reader.read(reader.required("url", in: mapping, what: "an http(s) URL")) {
            node throws(InputError) in try HTTPValues.url(node)
        }
        let headers = mapping["headers"].flatMap { HTTPValues.headers($0, reader: &reader) } ?? [:]
        let timeout = reader.read(mapping["timeout"]) { node throws(InputError) in try node.positiveDuration() } ?? .seconds(10)
        return url.map { HTTPSourceOptions(url: $0, headers: headers, timeout: timeout) }
    }

    /// The declared format, or the one the path's or URL's extension implies (when the kind is known).
    func format(_ mapping: YAMLMapping, kind: SourceKind?, reader: inout YAMLReader) -> SnapshotFormat? {
        if let node = mapping["format"] {
            return reader.read { () throws(InputError) -> SnapshotFormat? in
                SnapshotFormat(rawValue: try node.choice(SnapshotFormat.allCases.map(\.rawValue)))
            } ?? nil
        }
        switch kind {
        case nil:
            return nil
        case .file(let options):
            // `inbox/*` leaves the format to each file's extension.
            return Self.fileExtension(of: options.path).flatMap(SnapshotFormat.init(fileExtension:))
        case .http(let options):
            if let format = Self.fileExtension(of: options.url.reveal()).flatMap(SnapshotFormat.init(fileExtension:)) {
                return format
            }
            reader.report(InputError(
                "missing key 'format': expected json, ndjson or csv (the url does not end in .json, .ndjson or .csv)",
                at: mapping.location))
            return nil
        }
    }

    /// The extension of the last path component, unless it is itself a pattern (`*.{csv,json}`).
    static func fileExtension(of path: String) -> String? {
        let withoutQuery = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let last = withoutQuery.split(separator: "/").last ?? ""
        guard let dot = last.lastIndex(of: ".") else { return nil }
        let ext = last[last.index(after: dot)...]
        guard !ext.isEmpty, !ext.contains(where: { "*?[]{}".contains($0) }) else { return nil }
        return String(ext)
    }

    /// A csv block is needed exactly for CSV; an ndjson block only makes sense for NDJSON.
    func checkFormatBlocks(_ mapping: YAMLMapping, format: SnapshotFormat?, hasCSV: Bool, reader: inout YAMLReader) {
        if format == .csv, !hasCSV {
            let at = mapping["format"]?.location ?? mapping.entry("path")?.value.location ?? mapping.location
            reader.report(InputError(
                "format csv needs a 'csv:' block mapping the columns (at least timestamp and metrics), found none", at: at))
        }
        if let format {
            for (key, wanted) in [("csv", SnapshotFormat.csv), ("ndjson", .ndjson)] where format != wanted {
                if let entry = mapping.entry(key) {
                    reader.report(InputError(
                        "key '\(key)' is only for format \(wanted.rawValue); this source's format is \(format.rawValue)",
                        at: entry.key.location))
                }
            }
        }
    }

    func constantLabels(_ node: YAMLNode, reader: inout YAMLReader) -> [String: String] {
        guard let entries = reader.read({ () throws(InputError) -> [YAMLEntry] in try node.entries() }) else { return [:] }
        var labels: [String: String] = [:]
        for entry in entries {
            let name = reader.read { () throws(InputError) -> String in
                try YAMLNode(.scalar(entry.key), at: entry.key.location).labelName()
            }
            let value = reader.read { () throws(InputError) -> String in
                try entry.value.nonEmptyString(expecting: "a label value")
            }
            if let name, let value { labels[name] = value }
        }
        return labels
    }

    func ndjsonOptions(_ node: YAMLNode, reader: inout YAMLReader) -> NDJSONOptions? {
        guard let mapping = reader.mapping(node, allowedKeys: ["labels", "metrics"]) else { return nil }
        let labels = mapping["labels"].flatMap { node in
            reader.list(node) { reader, item in reader.read { () throws(InputError) -> String in try item.labelName() } }
        }
        let metrics = mapping["metrics"].flatMap { node in
            reader.list(node) { reader, item in reader.read { () throws(InputError) -> String in try item.metricName() } }
        }
        return NDJSONOptions(labelKeys: labels.map(Set.init), metricKeys: metrics.map(Set.init))
    }

    func ingestLimits(_ mapping: YAMLMapping, reader: inout YAMLReader) -> IngestLimits {
        var limits = IngestLimits()
        if let maxFuture = reader.read(mapping["max_future"], { node throws(InputError) in try node.duration() }) {
            limits.maxFuture = maxFuture
        }
        guard let node = mapping["limits"],
              let caps = reader.mapping(node, allowedKeys: ["max_file_size", "max_line_length", "max_rows", "max_series"])
        else { return limits }
        limits.maxFileBytes = reader.read(caps["max_file_size"]) { node throws(InputError) in try node.byteSize() } ?? limits.maxFileBytes
        limits.maxLineBytes = reader.read(caps["max_line_length"]) { node throws(InputError) in try node.byteSize() } ?? limits.maxLineBytes
        limits.maxRows = reader.read(caps["max_rows"]) { node throws(InputError) in try node.positiveInt() } ?? limits.maxRows
        limits.maxSeries = reader.read(caps["max_series"]) { node throws(InputError) in try node.positiveInt() } ?? limits.maxSeries
        return limits
    }
}

extension YAMLNode {
    /// The text of `key`'s value when this node is a mapping and that value a scalar.
    func scalarValue(of key: String) -> String? {
        guard case .mapping(let entries) = content else { return nil }
        return entries.first { $0.key.text == key }?.value.scalar?.text
    }
}
