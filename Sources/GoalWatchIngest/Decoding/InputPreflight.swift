import GoalWatchCore

/// What the checks every snapshot passes before decoding learnt about its bytes.
struct CheckedInput {
    /// Offset of the first byte after a UTF-8 byte order mark, if any.
    let start: Int
    /// Number of physical lines, an upper bound for rows that lets decoders reserve memory once.
    let lineCount: Int
}

/// Checks that hold for every format, done once over the raw bytes so that the decoders may assume
/// valid UTF-8 without NUL bytes: size (first, before anything is allocated), encoding, line length.
enum InputPreflight {
    private static let utf8ByteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Refuses a snapshot too big, empty, not UTF-8, containing NUL bytes, or (when `limitLines`) with a
    /// line over `limits.maxLineBytes`; `expectation` names what an empty file lacks ("a header row").
    static func check(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, limits: IngestLimits, limitLines: Bool, expectation: String
    ) throws(InputError) -> CheckedInput {
        guard bytes.count <= limits.maxFileBytes else {
            throw .snapshot(file, line: 1, "expected at most \(limits.maxFileBytes) bytes (max_file_size), found \(bytes.count) bytes")
        }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw .snapshot(file, line: 1, column: 1, "expected UTF-8 text, found a UTF-16 byte order mark (save the export as UTF-8)")
        }
        var start = 0
        if bytes.count >= 3, bytes[0] == utf8ByteOrderMark[0], bytes[1] == utf8ByteOrderMark[1], bytes[2] == utf8ByteOrderMark[2] {
            start = 3
        }
        guard start < bytes.count else {
            throw .snapshot(file, line: 1, "expected \(expectation), found an empty file")
        }
        let maxLine = limitLines ? limits.maxLineBytes : Int.max
        let lines = try scan(bytes, from: start, file: file, maxLineBytes: maxLine)
        return CheckedInput(start: start, lineCount: lines)
    }

    /// Validates UTF-8, refuses NUL bytes and long lines; returns the number of lines.
    private static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, file: String, maxLineBytes: Int
    ) throws(InputError) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let count = bytes.count
        var index = start
        var line = 1
        var lineStart = start
        while index < count {
            // Eight plain ASCII bytes without NUL or newline need no further look: most of any export.
            if index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0, !hasZeroByte(word), !hasZeroByte(word ^ 0x0A0A_0A0A_0A0A_0A0A) {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte == ASCII.lineFeed {
                try checkLength(bytes, lineStart: lineStart, end: index, line: line, file: file, maxLineBytes: maxLineBytes)
                line += 1
                index += 1
                lineStart = index
            } else if byte == 0 {
                let column = TextLocator.column(of: index, lineStart: lineStart, in: bytes)
                throw .snapshot(file, line: line, column: column, "expected text, found a NUL byte (is this a binary file?)")
            } else if byte < 0x80 {
                index += 1
            } else {
                let length = sequenceLength(bytes, at: index)
                guard length > 0 else {
                    let column = TextLocator.column(of: index, lineStart: lineStart, in: bytes)
                    let hex = String(byte, radix: 16, uppercase: true)
                    throw .snapshot(
                        file, line: line, column: column,
                        "expected UTF-8 text, found byte 0x\(hex) (binary data, or text in another encoding such as Windows-1252: save it as UTF-8)")
                }
                index += length
            }
        }
        if lineStart < count {
            try checkLength(bytes, lineStart: lineStart, end: count, line: line, file: file, maxLineBytes: maxLineBytes)
            return line
        }
        return line - 1
    }

    @inline(__always)
    private static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
    }

    private static func checkLength(
        _ bytes: UnsafeBufferPointer<UInt8>, lineStart: Int, end: Int, line: Int, file: String, maxLineBytes: Int
    ) throws(InputError) {
        var length = end - lineStart
        if length > 0, bytes[end - 1] == ASCII.carriageReturn { length -= 1 }
        guard length <= maxLineBytes else {
            throw .snapshot(file, line: line, "expected lines of at most \(maxLineBytes) bytes (max_line_length), found \(length) bytes")
        }
    }

    /// The length of the well-formed UTF-8 sequence starting at `index` (a non-ASCII byte), or 0 when it
    /// is malformed: a stray continuation byte, an overlong form, a surrogate, or beyond U+10FFFF.
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return 0
        }
        guard index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
            return 0
        }
        return length
    }
}
