import Foundation
import GoalWatchCore

/// Writes a JSON document straight into bytes as the code walks a value, for the documents written once
/// per alert in a burst (stored alert states, router alerts and notifications, Alertmanager webhook
/// bodies): building a ``JSONValue`` tree first allocated a dictionary, a sorted array and a node for every
/// member, more than the writing itself cost.
///
/// The output is what ``JSONWriter`` writes for the same document: compact, strings escaped alike,
/// numbers as Go writes a float64. The caller writes object members in the order they should appear;
/// ``strings(_:)`` sorts a map's keys by code point, as ``JSONValue/sorted(_:)`` does.
struct JSONOutput {
    /// The document so far.
    private(set) var bytes: [UInt8] = []
    /// Whether the next key, value or element follows a sibling and needs a comma first.
    private var needsComma = false

    /// An empty document with room for `capacity` bytes.
    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// Opens an object.
    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Closes the innermost object.
    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Opens an array.
    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Closes the innermost array.
    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a member's key; its value comes next. `name` must need no escaping.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    /// Writes a member's key given at run time (a label name); its value comes next.
    mutating func key(_ name: String) {
        separate()
        JSONWriter.writeString(name, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a string value.
    mutating func string(_ text: String) {
        separate()
        JSONWriter.writeString(text, into: &bytes)
        needsComma = true
    }

    /// Writes an integer value.
    mutating func integer(_ value: Int64) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    /// Writes a number; NaN and the infinities as the strings `"NaN"`, `"+Inf"` and `"-Inf"`.
    mutating func number(_ value: Double) {
        guard value.isFinite else { return string(JSONWriter.nonFiniteText(value)) }
        separate()
        bytes.append(contentsOf: JSONWriter.numberText(value).utf8)
        needsComma = true
    }

    /// Writes a map of strings (labels, annotations) as an object, keys sorted by code point.
    mutating func strings(_ map: [String: String]) {
        beginObject()
        for (name, value) in map.sorted(by: { Self.precedes($0.key, $1.key) }) {
            key(name)
            string(value)
        }
        endObject()
    }

    /// Writes a label set as an object; its names are sorted already.
    mutating func labels(_ labels: Labels) {
        beginObject()
        for label in labels.elements {
            key(label.name)
            string(label.value)
        }
        endObject()
    }

    /// Writes a member whose value is a string.
    mutating func member(_ name: StaticString, _ text: String) {
        key(name)
        string(text)
    }

    /// Writes a member whose value is a string, or nothing when there is none.
    mutating func member(_ name: StaticString, ifPresent text: String?) {
        guard let text else { return }
        member(name, text)
    }

    /// Writes a member whose value is an instant, as milliseconds since the epoch.
    mutating func member(_ name: StaticString, _ time: Timestamp) {
        key(name)
        integer(time.milliseconds)
    }

    /// Writes a member whose value is an instant, or nothing when there is none.
    mutating func member(_ name: StaticString, ifPresent time: Timestamp?) {
        guard let time else { return }
        member(name, time)
    }

    /// Writes a member whose value is a number.
    mutating func member(_ name: StaticString, number value: Double) {
        key(name)
        number(value)
    }

    /// Writes a member whose value is a number, or nothing when there is none.
    mutating func member(_ name: StaticString, ifPresent value: Double?) {
        guard let value else { return }
        member(name, number: value)
    }

    /// Writes a member whose value is a map of strings, keys sorted.
    mutating func member(_ name: StaticString, _ map: [String: String]) {
        key(name)
        strings(map)
    }

    /// Writes a member whose value is a label set.
    mutating func member(_ name: StaticString, _ labels: Labels) {
        key(name)
        self.labels(labels)
    }

    /// Whether `first` comes before `second` in code-point order, which is the byte order of their
    /// UTF-8 (compared with `memcmp`: the generic comparison of two UTF-8 views cost more than the rest
    /// of writing a label set).
    static func precedes(_ first: String, _ second: String) -> Bool {
        var first = first
        var second = second
        return first.withUTF8 { left in
            second.withUTF8 { right in
                let common = min(left.count, right.count)
                if common > 0, let leftStart = left.baseAddress, let rightStart = right.baseAddress {
                    let order = memcmp(leftStart, rightStart, common)
                    if order != 0 { return order < 0 }
                }
                return left.count < right.count
            }
        }
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }
}
