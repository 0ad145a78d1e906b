/// Reads `receivers:`: each receiver's name, its one kind and the delivery settings.
struct ReceiverDecoder {
    var configuration: ConfigurationDecoder

    static let kindKeys = ["webhook", "slack", "msteams", "pagerduty", "alertmanager"]
    static let deliveryKeys = ["timeout", "max_age", "concurrency", "send_resolved", "tls"]
    static let keys = ["name"] + kindKeys + deliveryKeys

    /// The receivers read without error, and the names of all receivers whose name could be read, so
    /// that routes naming a receiver with other problems are not also reported.
    func receivers(_ node: YAMLNode, reader: inout YAMLReader) -> (receivers: [ReceiverConfiguration], names: [String]) {
        var firstUse: [String: SourceLocation] = [:]
        var names: [String] = []
        let receivers = reader.list(node) { reader, item -> ReceiverConfiguration? in
            let (receiver, name) = self.receiver(item, reader: &reader)
            guard let name else { return receiver }
            if let first = firstUse[name.text] {
                reader.report(InputError(
                    "duplicate receiver name: \(name.shown) is already the name of the receiver at line \(first.line); names must be unique",
                    at: name.location))
                return nil
            }
            firstUse[name.text] = name.location
            names.append(name.text)
            return receiver
        }
        return (receivers ?? [], names)
    }

    /// The receiver (`nil` when anything in it is wrong) and its name as written, when valid.
    func receiver(_ node: YAMLNode, reader: inout YAMLReader) -> (receiver: ReceiverConfiguration?, name: ConfigScalar?) {
        let errorsBefore = reader.errors.count
        guard let mapping = reader.mapping(node, allowedKeys: Self.keys) else { return (nil, nil) }
        let name = reader.read(reader.required("name", in: mapping, what: "the receiver's name, such as marketing-oncall")) {
            node throws(InputError) in try Self.receiverName(node)
        }
        let kind = self.kind(mapping, reader: &reader)
        let delivery = self.delivery(mapping, reader: &reader)
        guard reader.errors.count == errorsBefore, let name, let kind else { return (nil, name) }
        return (ReceiverConfiguration(name: name.text, kind: kind, delivery: delivery), name)
    }

    static func receiverName(_ node: YAMLNode) throws(InputError) -> ConfigScalar {
        let expected = "a receiver name of letters, digits, '_', '.' and '-'"
        let scalar = try node.scalar(expecting: expected)
        let valid = !scalar.text.isEmpty && scalar.text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "." || $0 == "-")
        }
        guard valid else { throw InputError("expected \(expected)\(scalar.found)", at: node.location) }
        return scalar
    }

    /// The one kind key of the receiver, read; more than one, or none, is an error.
    func kind(_ mapping: YAMLMapping, reader: inout YAMLReader) -> ReceiverKind? {
        let present = mapping.entries.filter { Self.kindKeys.contains($0.key.text) }
        guard let first = present.first else {
            reader.report(InputError(
                "missing the receiver's kind: expected one of the keys \(Self.kindKeys.joined(separator: ", "))", at: mapping.location))
            return nil
        }
        for extra in present.dropFirst() {
            reader.report(InputError(
                "a receiver has one kind, and this one is already \(first.key.text) (line \(first.key.location.line)); define another receiver for \(extra.key.text)",
                at: extra.key.location))
        }
        let kinds = ReceiverKindDecoder(configuration: configuration)
        switch first.key.text {
        case "webhook": return kinds.webhook(first.value, reader: &reader).map(ReceiverKind.webhook)
        case "slack": return kinds.slack(first.value, reader: &reader).map(ReceiverKind.slack)
        case "msteams": return kinds.msteams(first.value, reader: &reader).map(ReceiverKind.msteams)
        case "pagerduty": return kinds.pagerduty(first.value, reader: &reader).map(ReceiverKind.pagerduty)
        default: return kinds.alertmanager(first.value, reader: &reader).map(ReceiverKind.alertmanager)
        }
    }

    func delivery(_ mapping: YAMLMapping, reader: inout YAMLReader) -> DeliverySettings {
        var delivery = DeliverySettings()
        delivery.timeout = reader.read(mapping["timeout"]) { node throws(InputError) in try node.positiveDuration() } ?? delivery.timeout
        delivery.maxAge = reader.read(mapping["max_age"]) { node throws(InputError) in try node.positiveDuration() } ?? delivery.maxAge
        delivery.concurrency = reader.read(mapping["concurrency"]) { node throws(InputError) in try node.positiveInt() }
            ?? delivery.concurrency
        delivery.sendResolved = reader.read(mapping["send_resolved"]) { node throws(InputError) in try node.bool() }
            ?? delivery.sendResolved
        if let node = mapping["tls"], let tls = reader.mapping(node, allowedKeys: ["ca_file", "insecure_skip_verify"]) {
            // The file is read now so that a missing or unreadable one is reported by `goalwatch check`.
            delivery.tls.caFile = reader.read(tls["ca_file"]) { node throws(InputError) in
                try configuration.files.read(node, key: "ca_file", trimmingNewline: false).path
            }
            delivery.tls.insecureSkipVerify = reader.read(tls["insecure_skip_verify"]) { node throws(InputError) in try node.bool() }
                ?? false
        }
        return delivery
    }
}
