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
        out.member("annotations", alert.annotations)
        out.key("instance")
        out.beginObject()
        out.member("activeSince", instance.activeSince)
        out.member("firingSince", ifPresent: instance.firingSince)
        out.member("keepFiringSince", ifPresent: instance.keepFiringSince)
        out.member("labels", instance.labels)
        out.member("phase", instance.phase.rawValue)
        out.member("value", number: instance.value)
        out.endObject()
        out.key("origin")
        out.beginObject()
        switch alert.origin {
        case .rule(let group, let rule):
            out.key("rule")
            out.beginObject()
            out.member("group", group)
            out.member("rule", rule)
        case .goal(let goal, let kind):
            out.key("goal")
            out.beginObject()
            out.member("goal", goal)
            out.member("kind", kind.rawValue)
        }
        out.endObject()
        out.endObject()
        out.member("seriesLabels", alert.seriesLabels)
        out.endObject()
    }

    private static func write(_ alert: RoutedAlert, into out: inout JSONOutput) {
        out.beginObject()
        out.member("annotations", alert.annotations)
        out.member("endsAt", ifPresent: alert.endsAt)
        out.member("fingerprint", alert.fingerprint)
        write(goal: alert.goal, into: &out)
        out.member("labels", alert.labels)
        out.member("startsAt", alert.startsAt)
        out.member("updatedAt", alert.updatedAt)
        out.member("value", number: alert.value)
        out.endObject()
    }

    private static func write(_ notification: Notification, into out: inout JSONOutput) {
        out.beginObject()
        out.key("alerts")
        out.beginArray()
        for alert in notification.alerts { write(alert, into: &out) }
        out.endArray()
        out.member("createdAt", notification.createdAt)
        out.member("externalURL", ifPresent: notification.externalURL)
        out.member("groupKey", notification.groupKey)
        out.member("groupLabels", notification.groupLabels)
        out.member("id", notification.id)
        out.member("reason", notification.reason.rawValue)
        out.member("receiver", notification.receiver)
        out.member("status", notification.status.rawValue)
        out.endObject()
    }

    private static func write(_ alert: NotifiedAlert, into out: inout JSONOutput) {
        out.beginObject()
        out.member("annotations", alert.annotations)
        out.member("endsAt", ifPresent: alert.endsAt)
        out.member("fingerprint", alert.fingerprint)
        out.member("generatorURL", ifPresent: alert.generatorURL)
        write(goal: alert.goal, into: &out)
        out.member("labels", alert.labels)
        out.member("startsAt", alert.startsAt)
        out.member("status", alert.status.rawValue)
        out.member("value", number: alert.value)
        out.endObject()
    }

    /// The `goal` member, when there is a goal.
    private static func write(goal: NotifiedGoal?, into out: inout JSONOutput) {
        guard let goal else { return }
        out.key("goal")
        out.beginObject()
        out.member("baseline", ifPresent: goal.baseline)
        out.member("deadline", ifPresent: goal.deadline)
        out.member("expectedRatio", ifPresent: goal.expectedRatio)
        out.member("forecastValue", ifPresent: goal.forecastValue)
        out.member("name", goal.name)
        out.member("progressRatio", ifPresent: goal.progressRatio)
        out.member("requiredRate", ifPresent: goal.requiredRate)
        out.member("state", goal.state)
        out.member("target", ifPresent: goal.target)
        out.member("value", ifPresent: goal.value)
        out.endObject()
    }
}
