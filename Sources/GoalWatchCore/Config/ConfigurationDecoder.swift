/// Turns the expanded document into a ``Configuration``, reporting every problem to a ``YAMLReader``.
///
/// Where a value fails, the decoder carries on with the default so that later problems are found too;
/// the result is only used when the reader has no errors.
struct ConfigurationDecoder {
    var path: String
    var directory: String
    var environment: [String: String]
    var currentDirectory: String
    /// The file's text, to place errors found inside a value (a matcher, a template) exactly.
    var source: YAMLSource
    /// Reads the files `*_file` keys name.
    var files: ConfigFiles

    static let rootKeys = ["storage", "evaluation", "rule_files", "sources", "alerting", "receivers", "http"]

    func configuration(_ root: YAMLNode?, reader: inout YAMLReader) -> Configuration {
        let defaultStorage = StorageConfiguration(
            path: StorageConfiguration.defaultPath(environment: environment, currentDirectory: currentDirectory))
        var configuration = Configuration(path: path, directory: directory, storage: defaultStorage)
        // An empty file (or one with only comments) is a configuration of defaults.
        guard let root, !root.isNull, let mapping = reader.mapping(root, allowedKeys: Self.rootKeys) else {
            return configuration
        }
        if let node = mapping["storage"] { configuration.storage = storage(node, default: defaultStorage, reader: &reader) }
        if let node = mapping["evaluation"] { configuration.evaluation = evaluation(node, reader: &reader) }
        if let node = mapping["rule_files"] { configuration.ruleFiles = ruleFiles(node, reader: &reader) }
        if let node = mapping["sources"] { configuration.sources = sources(node, reader: &reader) }
        var receiverNames: [String] = []
        if let node = mapping["receivers"] {
            (configuration.receivers, receiverNames) = ReceiverDecoder(configuration: self).receivers(node, reader: &reader)
        }
        if let node = mapping["alerting"] {
            let decoder = AlertingDecoder(configuration: self, defaultLocation: configuration.evaluation.timeZone)
            configuration.alerting = decoder.alerting(node, receivers: receiverNames, reader: &reader)
        }
        if let node = mapping["http"] { configuration.http = HTTPDecoder(configuration: self).http(node, reader: &reader) }
        return configuration
    }

    func storage(_ node: YAMLNode, default defaults: StorageConfiguration, reader: inout YAMLReader) -> StorageConfiguration {
        var storage = defaults
        guard let mapping = reader.mapping(node, allowedKeys: ["path", "retention"]) else { return storage }
        if let path = reader.read(mapping["path"], { node throws(InputError) in
            try node.nonEmptyString(expecting: "a file path such as /var/lib/goalwatch/goalwatch.sqlite")
        }) {
            storage.path = resolve(path)
        }
        storage.retention = reader.read(mapping["retention"]) { node throws(InputError) in try node.positiveDuration() }
            ?? storage.retention
        return storage
    }

    func evaluation(_ node: YAMLNode, reader: inout YAMLReader) -> EvaluationConfiguration {
        var evaluation = EvaluationConfiguration()
        guard let mapping = reader.mapping(node, allowedKeys: ["interval", "lookback", "timezone"]) else { return evaluation }
        evaluation.interval = reader.read(mapping["interval"]) { node throws(InputError) in try node.positiveDuration() }
            ?? evaluation.interval
        evaluation.lookback = reader.read(mapping["lookback"]) { node throws(InputError) in try node.positiveDuration() }
            ?? evaluation.lookback
        evaluation.timeZone = reader.read(mapping["timezone"]) { node throws(InputError) in try node.timeZone() }
            ?? evaluation.timeZone
        return evaluation
    }

    func ruleFiles(_ node: YAMLNode, reader: inout YAMLReader) -> [String] {
        let globs = reader.list(node) { reader, item in
            reader.read { () throws(InputError) -> String in try item.nonEmptyString(expecting: "a rule file path or glob") }
        }
        return (globs ?? []).map(resolve)
    }

    func sources(_ node: YAMLNode, reader: inout YAMLReader) -> [SourceConfiguration] {
        var firstUse: [String: SourceLocation] = [:]
        let sources = reader.list(node) { reader, item -> SourceConfiguration? in
            let (source, name) = SourceDecoder(configuration: self).source(item, reader: &reader)
            guard let name else { return source }
            if let first = firstUse[name.text] {
                reader.report(InputError(
                    "duplicate source name: \(name.shown) is already the name of the source at line \(first.line); names must be unique",
                    at: name.location))
                return nil
            }
            firstUse[name.text] = name.location
            return source
        }
        return sources ?? []
    }

    /// `path` resolved against the configuration file's folder.
    func resolve(_ path: String) -> String {
        ConfigPath.resolve(path, against: directory)
    }
}
