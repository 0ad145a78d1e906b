import GoalWatchCore

/// A pull reader over one JSON text (RFC 8259) — a whole document or one NDJSON line — that knows the
/// line and column of every value, so that errors point at the offending one.
///
/// The decoders drive it by the structure they expect (`beginObject`, `nextKey`, `readValue` …)
/// instead of building a tree first. Numbers and strings are read from the bytes; input is already
/// known to be valid UTF-8.
struct JSONReader {
    /// A value as read: scalars are consumed whole; for objects and arrays only their kind is reported
    /// and the reader stays on the opening bracket.
    enum Value {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
        case object
        case array
    }

    /// Deepest nesting ``skipValue()`` follows; deeper input is refused rather than risking the stack.
    static let maximumDepth = 64

    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    let locator: TextLocator
    /// How running out of text reads in a message: "the end of the line", or "the end of the file (…)".
    let endDescription: String
    /// The next byte to read; readers in sibling files advance it too.
    var position: Int

    init(bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, locator: TextLocator, endDescription: String) {
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
        self.locator = locator
        self.endDescription = endDescription
    }

    /// An error located at byte `offset`.
    func error(_ message: String, at offset: Int) -> InputError {
        InputError(message, at: locator.location(of: offset, in: bytes))
    }

    /// The location of byte `offset`.
    func location(of offset: Int) -> SourceLocation {
        locator.location(of: offset, in: bytes)
    }

    /// The raw text between `offset` and the current position, for messages about a value just read.
    func text(from offset: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<position]), as: UTF8.self)
    }

    mutating func skipWhitespace() {
        while position < end {
            let byte = bytes[position]
            guard byte == ASCII.space || byte == ASCII.tab || byte == ASCII.lineFeed || byte == ASCII.carriageReturn else { return }
            position += 1
        }
    }

    /// Consumes `{`, or refuses with "expected `expectation`, found …".
    mutating func beginObject(_ expectation: String) throws(InputError) {
        skipWhitespace()
        guard position < end, bytes[position] == UInt8(ascii: "{") else {
            throw error("expected \(expectation), found \(describe(at: position))", at: position)
        }
        position += 1
    }

    /// Consumes `[`, or refuses with "expected `expectation`, found …".
    mutating func beginArray(_ expectation: String) throws(InputError) {
        skipWhitespace()
        guard position < end, bytes[position] == UInt8(ascii: "[") else {
            throw error("expected \(expectation), found \(describe(at: position))", at: position)
        }
        position += 1
    }

    /// Moves to the next member of the object being read and returns its key and the key's offset, or
    /// `nil` after the closing `}`. `first` starts `true` for each object.
    mutating func nextKey(first: inout Bool) throws(InputError) -> (key: String, offset: Int)? {
        skipWhitespace()
        if position < end, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return nil
        }
        if !first {
            guard position < end, bytes[position] == ASCII.comma else {
                throw error("expected ',' or '}' after a value, found \(describe(at: position))", at: position)
            }
            position += 1
            skipWhitespace()
        }
        guard position < end, bytes[position] == ASCII.quote else {
            let expectation = first ? "a key in double quotes or '}'" : "a key in double quotes"
            throw error("expected \(expectation), found \(describe(at: position))", at: position)
        }
        let offset = position
        let key = try readString()
        skipWhitespace()
        guard position < end, bytes[position] == UInt8(ascii: ":") else {
            throw error("expected ':' after the key, found \(describe(at: position))", at: position)
        }
        position += 1
        first = false
        return (key, offset)
    }

    /// Moves to the next element of the array being read; `false` after the closing `]`.
    mutating func nextElement(first: inout Bool) throws(InputError) -> Bool {
        skipWhitespace()
        if position < end, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return false
        }
        if !first {
            guard position < end, bytes[position] == ASCII.comma else {
                throw error("expected ',' or ']' after a value, found \(describe(at: position))", at: position)
            }
            position += 1
        }
        first = false
        return true
    }

    /// Reads the next value and returns it with its offset (see ``Value`` for objects and arrays).
    mutating func readValue() throws(InputError) -> (value: Value, offset: Int) {
        skipWhitespace()
        let offset = position
        guard position < end else { throw error("expected a value, found \(endDescription)", at: position) }
        switch bytes[position] {
        case ASCII.quote: return (.string(try readString()), offset)
        case ASCII.minus, ASCII.zero...ASCII.nine: return (.number(try readNumber()), offset)
        case UInt8(ascii: "{"): return (.object, offset)
        case UInt8(ascii: "["): return (.array, offset)
        case UInt8(ascii: "t") where ASCII.matches(bytes, at: position, end: end, Self.trueLiteral):
            position += Self.trueLiteral.count
            return (.bool(true), offset)
        case UInt8(ascii: "f") where ASCII.matches(bytes, at: position, end: end, Self.falseLiteral):
            position += Self.falseLiteral.count
            return (.bool(false), offset)
        case UInt8(ascii: "n") where ASCII.matches(bytes, at: position, end: end, Self.nullLiteral):
            position += Self.nullLiteral.count
            return (.null, offset)
        default: throw error("expected a JSON value, found \(describe(at: position))", at: position)
        }
    }

    /// Skips the next value, whatever it is (nested at most ``maximumDepth`` levels).
    mutating func skipValue(depth: Int = 0) throws(InputError) {
        guard depth < Self.maximumDepth else {
            throw error("expected at most \(Self.maximumDepth) nested levels, found more", at: position)
        }
        let (value, _) = try readValue()
        switch value {
        case .object:
            position += 1
            var first = true
            while try nextKey(first: &first) != nil { try skipValue(depth: depth + 1) }
        case .array:
            position += 1
            var first = true
            while try nextElement(first: &first) { try skipValue(depth: depth + 1) }
        case .string, .number, .bool, .null:
            break
        }
    }

    /// Refuses anything but whitespace up to the end, naming `what` was complete.
    mutating func expectEnd(after what: String) throws(InputError) {
        skipWhitespace()
        guard position == end else {
            throw error("expected nothing after \(what), found \(describe(at: position))", at: position)
        }
    }

    private static let trueLiteral = Array("true".utf8)
    private static let falseLiteral = Array("false".utf8)
    private static let nullLiteral = Array("null".utf8)

    /// Names what is at `offset` for a "found …" clause: a quoted string, a word or number as written,
    /// an object, an array, a single character, or the end of the text.
    func describe(at offset: Int) -> String {
        guard offset < end else { return endDescription }
        let byte = bytes[offset]
        switch byte {
        case ASCII.quote:
            var close = offset + 1
            while close < end, bytes[close] != ASCII.quote {
                close += bytes[close] == UInt8(ascii: "\\") ? 2 : 1
            }
            return FoundText.quoted(bytes, offset + 1..<min(close, end))
        case UInt8(ascii: "{"): return "an object"
        case UInt8(ascii: "["): return "an array"
        default:
            var stop = offset
            while stop < end, stop - offset < FoundText.maximumScalars, Self.isWordByte(bytes[stop]) { stop += 1 }
            if stop > offset { return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<stop]), as: UTF8.self) }
            var next = offset + 1
            while next < end, bytes[next] & 0xC0 == 0x80 { next += 1 }
            return "'" + String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<next]), as: UTF8.self) + "'"
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        ASCII.isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
            || byte == ASCII.minus || byte == ASCII.plus || byte == ASCII.period || byte == UInt8(ascii: "_")
    }
}
