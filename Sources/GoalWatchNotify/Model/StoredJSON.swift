import Foundation
import GoalWatchCore

/// How alert states, router alerts, notifications and silences are written to the store as JSON: keys
/// sorted (a body is byte-for-byte the same for the same value), and NaN and infinities — which alert
/// values can be — as the strings `"NaN"`, `"+Inf"` and `"-Inf"`, which JSON numbers cannot hold.
///
/// The pipeline's hot values (engine alert states, router alerts, outbox notifications) are written by
/// hand with ``JSONWriter`` rather than `JSONEncoder`, which cost about 45 µs a value — three values per
/// alert in a burst of thousands. Those documents are exactly what the types' `Codable` conformances read
/// back (the synthesized keys, keys sorted, absent optionals left out), so a store written by either
/// stays readable. A value holding a NaN or an infinity goes through ``encode(_:)``.
public enum StoredJSON {
    /// Encodes `value` as stored JSON text.
    public static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes stored JSON text.
    public static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return try decoder.decode(type, from: Data(text.utf8))
    }

    /// `value` as the store keeps it.
    static func text(_ value: ActiveAlert) throws -> String {
        try text(value) { json($0) }
    }

    /// `value` as the store keeps it.
    static func text(_ value: RoutedAlert) throws -> String {
        try text(value) { json($0) }
    }

    /// `value` as the store keeps it.
    static func text(_ value: Notification) throws -> String {
        try text(value) { json($0) }
    }

    private static func text<Value: Encodable>(_ value: Value, _ build: (Value) -> JSONValue?) throws -> String {
        if let document = build(value) { return String(decoding: JSONWriter.bytes(document), as: UTF8.self) }
        return try encode(value)
    }

    static func json(_ alert: ActiveAlert) -> JSONValue? {
        let instance = alert.instance
        guard instance.value.isFinite else { return nil }
        var members: [String: JSONValue] = [
            "labels": .strings(instance.labels.dictionary), "phase": .string(instance.phase.rawValue),
            "activeSince": timestamp(instance.activeSince), "value": .number(instance.value),
        ]
        members["firingSince"] = instance.firingSince.map(timestamp)
        members["keepFiringSince"] = instance.keepFiringSince.map(timestamp)
        let origin: JSONValue
        switch alert.origin {
        case .rule(let group, let rule): origin = .sorted(["rule": .sorted(["group": .string(group), "rule": .string(rule)])])
        case .goal(let goal, let kind): origin = .sorted(["goal": .sorted(["goal": .string(goal), "kind": .string(kind.rawValue)])])
        }
        return .sorted([
            "instance": .sorted(members), "annotations": .strings(alert.annotations), "origin": origin,
            "seriesLabels": .strings(alert.seriesLabels.dictionary),
        ])
    }

    static func json(_ alert: RoutedAlert) -> JSONValue? {
        guard alert.value.isFinite else { return nil }
        var members: [String: JSONValue] = [
            "labels": .strings(alert.labels), "annotations": .strings(alert.annotations),
            "startsAt": timestamp(alert.startsAt), "value": .number(alert.value), "fingerprint": .string(alert.fingerprint),
            "updatedAt": timestamp(alert.updatedAt),
        ]
        members["endsAt"] = alert.endsAt.map(timestamp)
        if let goal = alert.goal {
            guard let document = json(goal) else { return nil }
            members["goal"] = document
        }
        return .sorted(members)
    }

    static func json(_ notification: Notification) -> JSONValue? {
        var alerts: [JSONValue] = []
        alerts.reserveCapacity(notification.alerts.count)
        for alert in notification.alerts {
            guard let document = json(alert) else { return nil }
            alerts.append(document)
        }
        var members: [String: JSONValue] = [
            "id": .string(notification.id), "receiver": .string(notification.receiver),
            "groupKey": .string(notification.groupKey), "groupLabels": .strings(notification.groupLabels),
            "status": .string(notification.status.rawValue), "reason": .string(notification.reason.rawValue),
            "alerts": .array(alerts), "createdAt": timestamp(notification.createdAt),
        ]
        members["externalURL"] = notification.externalURL.map(JSONValue.string)
        return .sorted(members)
    }

    static func json(_ alert: NotifiedAlert) -> JSONValue? {
        guard alert.value.isFinite else { return nil }
        var members: [String: JSONValue] = [
            "status": .string(alert.status.rawValue), "labels": .strings(alert.labels),
            "annotations": .strings(alert.annotations), "startsAt": timestamp(alert.startsAt),
            "value": .number(alert.value), "fingerprint": .string(alert.fingerprint),
        ]
        members["endsAt"] = alert.endsAt.map(timestamp)
        members["generatorURL"] = alert.generatorURL.map(JSONValue.string)
        if let goal = alert.goal {
            guard let document = json(goal) else { return nil }
            members["goal"] = document
        }
        return .sorted(members)
    }

    static func json(_ goal: NotifiedGoal) -> JSONValue? {
        var members: [String: JSONValue] = ["name": .string(goal.name), "state": .string(goal.state)]
        let figures: [(String, Double?)] = [
            ("value", goal.value), ("baseline", goal.baseline), ("target", goal.target), ("progressRatio", goal.progressRatio),
            ("expectedRatio", goal.expectedRatio), ("forecastValue", goal.forecastValue), ("requiredRate", goal.requiredRate),
        ]
        for (key, figure) in figures {
            guard let figure else { continue }
            guard figure.isFinite else { return nil }
            members[key] = .number(figure)
        }
        members["deadline"] = goal.deadline.map(timestamp)
        return .sorted(members)
    }

    /// Milliseconds since the epoch, as `Timestamp`'s `Codable` conformance writes it.
    private static func timestamp(_ time: Timestamp) -> JSONValue {
        .integer(Int(time.milliseconds))
    }
}
