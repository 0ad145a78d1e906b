import GoalWatchCore

extension InputError {
    /// An error at `line` (and `column`, 0 when only the line is known) of the snapshot named `file`.
    static func snapshot(_ file: String, line: Int, column: Int = 0, _ message: String) -> InputError {
        InputError(message, at: SourceLocation(file: file, line: line, column: column))
    }
}

/// A reason without a position, raised deep inside cell and value parsing; the caller that knows the
/// row, column or offset turns it into an ``InputError``.
struct CellError: Error {
    /// The "expected …, found …" text.
    let message: String

    init(_ message: String) {
        self.message = message
    }
}

/// Renders text taken from a snapshot for an error message.
enum FoundText {
    /// Longest excerpt shown, in Unicode scalars: enough to recognise a cell, short enough for a log line.
    static let maximumScalars = 40

    /// The bytes as a double-quoted excerpt, control characters escaped, cut after ``maximumScalars``.
    static func quoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        quoted(String(decoding: bytes, as: UTF8.self))
    }

    /// The bytes in `range` of `bytes`, quoted as ``quoted(_:)-5x1z1`` does.
    static func quoted(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        quoted(UnsafeBufferPointer(rebasing: bytes[range]))
    }

    /// The text double-quoted, control characters and quotes escaped, cut after ``maximumScalars``.
    static func quoted(_ text: String) -> String {
        var out = "\""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == maximumScalars {
                out += "…"
                break
            }
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out + "\""
    }
}
