/// One field of a journal entry: a name such as `MESSAGE` or `GOALWATCH_ALERTNAME` and its value.
///
/// Values are bytes: they may hold newlines, other control characters or data that is not UTF-8,
/// and journald stores them unchanged. A name may occur in several fields of one entry; journald keeps
/// every value.
public struct JournalField: Sendable, Hashable {
    /// The field's name; see ``isValidName(_:)`` for what journald accepts.
    public var name: String
    /// The field's value as it is stored.
    public var value: [UInt8]

    /// A field with a text value, stored as UTF-8.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = Array(value.utf8)
    }

    /// A field with a binary value.
    public init(_ name: String, bytes: [UInt8]) {
        self.name = name
        self.value = bytes
    }

    /// The value as text (invalid UTF-8 is repaired with replacement characters).
    public var text: String { String(decoding: value, as: UTF8.self) }

    /// The longest name journald accepts.
    public static let maximumNameLength = 64

    /// Whether journald accepts `name` for a field written by an application: 1 to 64 characters out of
    /// `A`–`Z`, `0`–`9` and `_`, not beginning with a digit, nor with `_` (names beginning with `_` are the
    /// trusted fields journald adds itself).
    public static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= maximumNameLength else { return false }
        guard !isDigit(first), first != underscore else { return false }
        return bytes.allSatisfy { isUpperCaseLetter($0) || isDigit($0) || $0 == underscore }
    }

    /// Turns an arbitrary label or metadata name into a valid field name, placing `prefix` (itself valid,
    /// e.g. `GOALWATCH_LABEL_`) before it.
    ///
    /// ASCII letters are upper-cased and every other character that is not an ASCII digit or `_` becomes `_`
    /// (`first-response` → `FIRST_RESPONSE`, `Überweisung` → `_BERWEISUNG`). A result that would begin with a
    /// digit or `_`, or be empty, is prefixed with `X` (`2fa` → `X2FA`). The result is cut to 64 characters.
    /// Different names can give the same field name (`first-response` and `first_response`); an entry then
    /// carries that field once per name, and journald keeps both values.
    public static func sanitizedName(_ name: String, prefix: String = "") -> String {
        var bytes = Array(prefix.utf8)
        for scalar in name.unicodeScalars {
            guard scalar.isASCII else {
                bytes.append(underscore)
                continue
            }
            let byte = UInt8(scalar.value)
            if isUpperCaseLetter(byte) || isDigit(byte) || byte == underscore {
                bytes.append(byte)
            } else if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") {
                bytes.append(byte - 0x20)
            } else {
                bytes.append(underscore)
            }
        }
        if bytes.first.map({ isDigit($0) || $0 == underscore }) ?? true {
            bytes.insert(UInt8(ascii: "X"), at: 0)
        }
        return String(decoding: bytes.prefix(maximumNameLength), as: UTF8.self)
    }

    private static let underscore = UInt8(ascii: "_")

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isUpperCaseLetter(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
    }
}
