import Foundation
import GoalWatchCore

/// The canonical text form of a label set stored in `series.labels`, and its exact inverse.
///
/// `"__name__"="followers","account"="acme"`: every name and value is quoted, with `\` `"` and
/// newline escaped as `\\` `\"` `\n`, so any character (commas, quotes, `=`, newlines) is
/// unambiguous. Names and values are put in Unicode NFC first and the pairs ordered by the
/// bytes of the name: label sets that Swift considers equal (`"é"` precomposed or not) encode
/// identically, so they are one series and never two rows that collide when read back.
enum LabelsEncoding {
    static func encode(_ labels: Labels) -> String {
        var pairs = labels.elements.map { (name: normalized($0.name), value: normalized($0.value)) }
        pairs.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        // Built as UTF-8 bytes: the escaped characters are ASCII, so they never occur inside a
        // multi-byte sequence, and the bytes are valid UTF-8 because the names and values are.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pairs.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 6 })
        for (index, pair) in pairs.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendQuoted(pair.name, to: &bytes)
            bytes.append(UInt8(ascii: "="))
            appendQuoted(pair.value, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The label set `text` encodes, or `nil` when `text` is not something ``encode(_:)`` produces.
    static func decode(_ text: String) -> Labels? {
        var reader = Reader(bytes: Array(text.utf8))
        var pairs: [(String, String)] = []
        guard !reader.isAtEnd else { return .empty }
        while true {
            guard let name = reader.quoted(), reader.consume(UInt8(ascii: "=")),
                let value = reader.quoted()
            else { return nil }
            pairs.append((name, value))
            if reader.isAtEnd { break }
            guard reader.consume(UInt8(ascii: ",")) else { return nil }
        }
        let labels = Labels(pairs)
        // A repeated name or an empty value would be silently merged or dropped by `Labels`.
        return labels.elements.count == pairs.count ? labels : nil
    }

    private static func normalized(_ text: String) -> String {
        // Pure ASCII is already in NFC; skip Foundation for the common case.
        text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
    }

    private static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "\""):
                output.append(UInt8(ascii: "\\"))
                output.append(byte)
            case 0x0A:
                output.append(UInt8(ascii: "\\"))
                output.append(UInt8(ascii: "n"))
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        var isAtEnd: Bool { position == bytes.count }

        mutating func consume(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func quoted() -> String? {
            guard consume(UInt8(ascii: "\"")) else { return nil }
            var out: [UInt8] = []
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(validating: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard position < bytes.count else { return nil }
                    let escaped = bytes[position]
                    position += 1
                    switch escaped {
                    case UInt8(ascii: "\\"), UInt8(ascii: "\""): out.append(escaped)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    default: return nil
                    }
                default:
                    out.append(byte)
                }
            }
            return nil
        }
    }
}
