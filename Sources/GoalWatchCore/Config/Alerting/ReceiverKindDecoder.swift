/// Reads the block under a receiver's kind key (`webhook:`, `slack:`, `msteams:`, `pagerduty:`,
/// `alertmanager:`), including the files its `*_file` keys name.
struct ReceiverKindDecoder {
    var configuration: ConfigurationDecoder

    func webhook(_ node: YAMLNode, reader: inout YAMLReader) -> WebhookReceiver? {
        let keys = ["url", "url_file", "format", "secret_file", "headers", "template", "template_file"]
        guard let mapping = reader.mapping(node, allowedKeys: keys) else { return nil }
        let url = self.url(mapping, reader: &reader)
        let format = reader.read(mapping["format"]) { node throws(InputError) in
            WebhookFormat(rawValue: try node.choice(WebhookFormat.allCases.map(\.rawValue)))
        } ?? nil
        let secret = reader.read(mapping["secret_file"]) { node throws(InputError) in
            try configuration.files.secret(node, key: "secret_file")
        }
        let headers = mapping["headers"].flatMap { HTTPValues.headers($0, reader: &reader) }
        let template = self.template(mapping, reader: &reader)
        guard let url else { return nil }
        return WebhookReceiver(url: url, format: format ?? .generic, secret: secret, headers: headers ?? [:], template: template)
    }

    func slack(_ node: YAMLNode, reader: inout YAMLReader) -> SlackReceiver? {
        guard let mapping = reader.mapping(node, allowedKeys: ["url", "url_file", "template", "template_file"]) else { return nil }
        let url = self.url(mapping, reader: &reader)
        let template = self.template(mapping, reader: &reader)
        return url.map { SlackReceiver(url: $0, template: template) }
    }

    func msteams(_ node: YAMLNode, reader: inout YAMLReader) -> TeamsReceiver? {
        guard let mapping = reader.mapping(node, allowedKeys: ["url", "url_file", "template", "template_file"]) else { return nil }
        let url = self.url(mapping, reader: &reader)
        let template = self.template(mapping, reader: &reader)
        return url.map { TeamsReceiver(url: $0, template: template) }
    }

    func pagerduty(_ node: YAMLNode, reader: inout YAMLReader) -> PagerDutyReceiver? {
        guard let mapping = reader.mapping(node, allowedKeys: ["routing_key", "routing_key_file", "url", "severity"]) else { return nil }
        var routingKey: Secret?
        switch oneOf("routing_key", "routing_key_file", in: mapping, what: "the integration's routing key", reader: &reader) {
        case "routing_key":
            routingKey = reader.read(mapping["routing_key"]) { node throws(InputError) in
                Secret(try node.nonEmptyString(expecting: "the integration's routing key"))
            }
        case "routing_key_file":
            routingKey = reader.read(mapping["routing_key_file"]) { node throws(InputError) in
                try configuration.files.secret(node, key: "routing_key_file")
            }
        default:
            break
        }
        let url = reader.read(mapping["url"]) { node throws(InputError) in try HTTPValues.url(node) }
        let severity = mapping["severity"].flatMap { inlineTemplate($0, reader: &reader) }
        guard let routingKey else { return nil }
        return PagerDutyReceiver(routingKey: routingKey, url: url ?? .plain(PagerDutyReceiver.defaultURL), severity: severity)
    }

    func alertmanager(_ node: YAMLNode, reader: inout YAMLReader) -> AlertmanagerReceiver? {
        guard let mapping = reader.mapping(node, allowedKeys: ["urls"]) else { return nil }
        let what = "a list of Alertmanager base URLs, such as [http://127.0.0.1:9093]"
        guard let node = reader.required("urls", in: mapping, what: what) else { return nil }
        if case .sequence(let items) = node.content, items.isEmpty {
            reader.report(InputError("expected \(what), found an empty list", at: node.location))
            return nil
        }
        let urls = reader.list(node) { reader, item in reader.read { () throws(InputError) -> Redactable in try HTTPValues.url(item) } }
        return urls.map(AlertmanagerReceiver.init)
    }

    /// `url` or the contents of the file `url_file` names, an http(s) URL either way; from a file it
    /// is secret.
    private func url(_ mapping: YAMLMapping, reader: inout YAMLReader) -> Redactable? {
        switch oneOf("url", "url_file", in: mapping, what: "an http(s) URL", reader: &reader) {
        case "url":
            return reader.read(mapping["url"]) { node throws(InputError) in try HTTPValues.url(node) }
        case "url_file":
            return reader.read(mapping["url_file"]) { node throws(InputError) in
                let file = try configuration.files.read(node, key: "url_file", trimmingNewline: true)
                return try HTTPValues.url(configuration.files.secretScalar(file, at: node).asNode)
            }
        default:
            return nil
        }
    }

    /// `template` or the contents of `template_file`, parsed to report its errors at their own position.
    private func template(_ mapping: YAMLMapping, reader: inout YAMLReader) -> String? {
        switch oneOf("template", "template_file", in: mapping, what: nil, reader: &reader) {
        case "template":
            return mapping["template"].flatMap { inlineTemplate($0, reader: &reader) }
        case "template_file":
            guard let node = mapping["template_file"],
                  let file = reader.read({ () throws(InputError) -> ConfigFiles.File in
                      try configuration.files.read(node, key: "template_file", trimmingNewline: false)
                  })
            else { return nil }
            // Errors are reported in the template's own file, whose first character is at 1:1.
            let origin = SourceLocation(file: file.shown, line: 1, column: 1)
            do {
                _ = try AlertTemplate(file.text, origin: origin)
            } catch {
                reader.report(ScalarSourceMap(identityFrom: origin, text: file.text).locating(error, parsedFrom: origin))
                return nil
            }
            return file.text
        default:
            return nil
        }
    }

    /// A template written in the configuration file, checked to parse; errors at their line and column.
    private func inlineTemplate(_ node: YAMLNode, reader: inout YAMLReader) -> String? {
        guard let scalar = reader.read({ () throws(InputError) -> ConfigScalar in try node.stringScalar() }) else { return nil }
        let map = ScalarSourceMap(scalar, in: configuration.source)
        let origin = map.location(line: 1, column: 1)
        do {
            _ = try AlertTemplate(scalar.text, origin: origin)
        } catch {
            // The parser's messages may quote the template, so one from an expansion is only named.
            reader.report(scalar.isSecret
                ? InputError("expected a template that parses (value from \(scalar.origins.joined(separator: " and ")) not shown)", at: node.location)
                : map.locating(error, parsedFrom: origin))
            return nil
        }
        return scalar.text
    }

    /// Which of two exclusive keys is present. Both is an error at the second; neither is an error at
    /// the mapping when `what` says what the first holds (the pair is required), else fine.
    private func oneOf(_ first: String, _ second: String, in mapping: YAMLMapping, what: String?, reader: inout YAMLReader) -> String? {
        let hasFirst = mapping[first] != nil
        let hasSecond = mapping[second] != nil
        switch (hasFirst, hasSecond) {
        case (true, true):
            let at = mapping.entry(second)?.key.location ?? mapping.location
            reader.report(InputError("give either \(first) or \(second), not both", at: at))
            return nil
        case (true, false): return first
        case (false, true): return second
        case (false, false):
            if let what {
                reader.report(InputError(
                    "missing key '\(first)': expected \(what), or \(second) naming a file that holds it",
                    at: mapping.entry(first)?.key.location ?? mapping.entry(second)?.key.location ?? mapping.location))
            }
            return nil
        }
    }
}
