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
        guard value.instance.value.isFinite else { return try encode(value) }
        var out = JSONOutput(capacity: 512)
        write(value, into: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// `value` as the store keeps it.
    static func text(_ value: RoutedAlert) throws -> String {
        guard isFinite(value.value, value.goal) else { return try encode(value) }
        var out = JSONOutput(capacity: 512)
        write(value, into: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// `value` as the store keeps it.
    static func text(_ value: Notification) throws -> String {
        guard value.alerts.allSatisfy({ isFinite($0.value, $0.goal) }) else { return try encode(value) }
        var out = JSONOutput(capacity: 256 + 512 * value.alerts.count)
        write(value, into: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Whether every figure is a finite number, which the hand-written documents require.
    private static func isFinite(_ value: Double, _ goal: NotifiedGoal?) -> Bool {
        guard value.isFinite else { return false }
        guard let goal else { return true }
        return [goal.value, goal.baseline, goal.target, goal.progressRatio, goal.expectedRatio, goal.forecastValue, goal.requiredRate]
            .allSatisfy { $0?.isFinite ?? true }
    }

    // Members are written in code-point order of their keys, as `JSONEncoder` with `.sortedKeys` does.

    private static func write(_ alert: ActiveAlert, into out: inout JSONOutput) {
        let instance = alert.instance
        out.beginObject()
        out.key("annotations")
        out.strings(alert.annotations)
        out.key("instance")
        out.beginObject()
        out.key("activeSince")
        out.integer(instance.activeSince.milliseconds)
        if let firingSince = instance.firingSince {
            out.key("firingSince")
            out.integer(firingSince.milliseconds)
        }
        if let keepFiringSince = instance.keepFiringSince {
            out.key("keepFiringSince")
            out.integer(keepFiringSince.milliseconds)
        }
        out.key("labels")
        out.labels(instance.labels)
        out.key("phase")
        out.string(instance.phase.rawValue)
        out.key("value")
        out.number(instance.value)
        out.endObject()
        out.key("origin")
        out.beginObject()
        switch alert.origin {
        case .rule(let group, let rule):
            out.key("rule")
            out.beginObject()
            out.key("group")
            out.string(group)
            out.key("rule")
            out.string(rule)
        case .goal(let goal, let kind):
            out.key("goal")
            out.beginObject()
            out.key("goal")
            out.string(goal)
            out.key("kind")
            out.string(kind.rawValue)
        }
        out.endObject()
        out.endObject()
        out.key("seriesLabels")
        out.labels(alert.seriesLabels)
        out.endObject()
    }

    private static func write(_ alert: RoutedAlert, into out: inout JSONOutput) {
        out.beginObject()
        out.key("annotations")
        out.strings(alert.annotations)
        if let endsAt = alert.endsAt {
            out.key("endsAt")
            out.integer(endsAt.milliseconds)
        }
        out.key("fingerprint")
        out.string(alert.fingerprint)
        if let goal = alert.goal {
            out.key("goal")
            write(goal, into: &out)
        }
        out.key("labels")
        out.strings(alert.labels)
        out.key("startsAt")
        out.integer(alert.startsAt.milliseconds)
        out.key("updatedAt")
        out.integer(alert.updatedAt.milliseconds)
        out.key("value")
        out.number(alert.value)
        out.endObject()
    }

    private static func write(_ notification: Notification, into out: inout JSONOutput) {
        out.beginObject()
        out.key("alerts")
        out.beginArray()
        for alert in notification.alerts { write(alert, into: &out) }
        out.endArray()
        out.key("createdAt")
        out.integer(notification.createdAt.milliseconds)
        if let externalURL = notification.externalURL {
            out.key("externalURL")
            out.string(externalURL)
        }
        out.key("groupKey")
        out.string(notification.groupKey)
        out.key("groupLabels")
        out.strings(notification.groupLabels)
        out.key("id")
        out.string(notification.id)
        out.key("reason")
        out.string(notification.reason.rawValue)
        out.key("receiver")
        out.string(notification.receiver)
        out.key("status")
        out.string(notification.status.rawValue)
        out.endObject()
    }

    private static func write(_ alert: NotifiedAlert, into out: inout JSONOutput) {
        out.beginObject()
        out.key("annotations")
        out.strings(alert.annotations)
        if let endsAt = alert.endsAt {
            out.key("endsAt")
            out.integer(endsAt.milliseconds)
        }
        out.key("fingerprint")
        out.string(alert.fingerprint)
        if let generatorURL = alert.generatorURL {
            out.key("generatorURL")
            out.string(generatorURL)
        }
        if let goal = alert.goal {
            out.key("goal")
            write(goal, into: &out)
        }
        out.key("labels")
        out.strings(alert.labels)
        out.key("startsAt")
        out.integer(alert.startsAt.milliseconds)
        out.key("status")
        out.string(alert.status.rawValue)
        out.key("value")
        out.number(alert.value)
        out.endObject()
    }

    private static func write(_ goal: NotifiedGoal, into out: inout JSONOutput) {
        out.beginObject()
        figure("baseline", goal.baseline, into: &out)
        if let deadline = goal.deadline {
            out.key("deadline")
            out.integer(deadline.milliseconds)
        }
        figure("expectedRatio", goal.expectedRatio, into: &out)
        figure("forecastValue", goal.forecastValue, into: &out)
        out.key("name")
        out.string(goal.name)
        figure("progressRatio", goal.progressRatio, into: &out)
        figure("requiredRate", goal.requiredRate, into: &out)
        out.key("state")
        out.string(goal.state)
        figure("target", goal.target, into: &out)
        figure("value", goal.value, into: &out)
        out.endObject()
    }

    private static func figure(_ key: StaticString, _ value: Double?, into out: inout JSONOutput) {
        guard let value else { return }
        out.key(key)
        out.number(value)
    }
}
