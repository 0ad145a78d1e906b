import GoalWatchCore

/// Turns byte offsets into 1-based lines and Unicode-scalar columns, as ``SourceLocation`` counts them.
///
/// Positions are computed only when an error is reported, by scanning from a known anchor, so the
/// decoders' hot loops never count columns.
struct TextLocator {
    /// The snapshot's name for messages.
    let file: String
    /// The line that starts at ``lineStart``.
    let line: Int
    /// Offset of the first byte of ``line``.
    let lineStart: Int

    /// The line and column of the byte at `offset` (which may be the end of the text).
    func location(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        var line = self.line
        var start = lineStart
        let end = min(offset, bytes.count)
        var index = lineStart
        while index < end {
            if bytes[index] == ASCII.lineFeed {
                line += 1
                start = index + 1
            }
            index += 1
        }
        return SourceLocation(file: file, line: line, column: TextLocator.column(of: end, lineStart: start, in: bytes))
    }

    /// The 1-based column of `offset` on the line starting at `lineStart`: one plus the scalars before it.
    static func column(of offset: Int, lineStart: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var column = 1
        var index = lineStart
        while index < offset {
            // Continuation bytes (10xxxxxx) belong to the scalar before them.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }
}
