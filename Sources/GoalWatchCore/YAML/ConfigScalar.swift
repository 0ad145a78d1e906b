/// A scalar of a YAML document, with its position and, after variable expansion, whether it holds a secret.
///
/// Error messages show a scalar only through ``shown`` and ``found``, which never reveal the text of a
/// secret: a value that came from `${file:…}` or `${env:…}` is named by where it came from instead.
/// `description`, `debugDescription` and reflection (`dump`) hide secret text too.
public struct ConfigScalar: Sendable, Hashable {
    /// The scalar's text, after expansion when expansion ran.
    public var text: String
    /// Where the scalar starts in its file.
    public var location: SourceLocation
    /// Whether the text was written plain (unquoted), so that `null`, `~` or nothing mean "no value".
    public var isPlain: Bool
    /// The expansions the text came from, as written (`${file:/run/credentials/token}`); empty when none.
    public var origins: [String]

    /// Creates a scalar as written in the document; ``origins`` starts empty.
    public init(text: String, location: SourceLocation, isPlain: Bool = false, origins: [String] = []) {
        self.text = text
        self.location = location
        self.isPlain = isPlain
        self.origins = origins
    }

    /// Whether any part of the text came from an expansion; such text is never shown in messages.
    public var isSecret: Bool { !origins.isEmpty }

    /// Whether the scalar means "no value": plain `null`, `Null`, `NULL`, `~` or nothing at all.
    public var isNull: Bool {
        isPlain && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL")
    }

    /// The scalar as a message may show it: `"5 minutes"`, or `the value from ${env:X}` for a secret.
    public var shown: String {
        isSecret ? "the value from \(originList)" : quoted(text)
    }

    /// The tail of an "expected …" message: `, found "5 minutes"`, or ` (value from ${env:X} not shown)`.
    public var found: String {
        if isSecret { return " (value from \(originList) not shown)" }
        if isNull { return ", found nothing" }
        return ", found \(quoted(text))"
    }

    private var originList: String {
        origins.count < 3
            ? origins.joined(separator: " and ")
            : origins.dropLast().joined(separator: ", ") + " and " + (origins.last ?? "")
    }
}

extension ConfigScalar: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The text, or `<secret>` when it came from an expansion.
    public var description: String { isSecret ? "<secret>" : text }

    /// Like ``description``, with the position.
    public var debugDescription: String { "\(location): \(isSecret ? "<secret>" : quoted(text))" }

    /// Reflection shows the position and the ``description``, never secret text.
    public var customMirror: Mirror {
        Mirror(self, children: ["text": description, "location": location], displayStyle: .struct)
    }
}

/// Quotes `text` for a message, escaping what would make it ambiguous or unprintable.
func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
