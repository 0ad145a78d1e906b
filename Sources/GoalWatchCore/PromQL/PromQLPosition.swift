extension PromQL {
    /// A point inside an expression's text: a UTF-8 byte offset and the 1-based line and column
    /// (columns count Unicode scalars, as ``SourceLocation`` does).
    public struct Position: Hashable, Sendable {
        /// Bytes from the start of the expression text.
        public var offset: Int
        /// 1-based line inside the expression text.
        public var line: Int
        /// 1-based column inside the line, in Unicode scalars.
        public var column: Int

        /// A position from its parts.
        public init(offset: Int, line: Int, column: Int) {
            self.offset = offset
            self.line = line
            self.column = column
        }

        /// Where an error at this position is reported. The file is left empty: a caller that knows
        /// the rule file fills it in and shifts line and column to where the expression starts.
        var location: SourceLocation { SourceLocation(file: "", line: line, column: column) }
    }

    /// The span of text a token or an expression node was parsed from; `end` is exclusive.
    public struct PositionRange: Hashable, Sendable {
        /// The first character.
        public var start: Position
        /// Just past the last character.
        public var end: Position

        /// A range from its two ends.
        public init(start: Position, end: Position) {
            self.start = start
            self.end = end
        }

        /// The range from the start of `self` to the end of `other`.
        func through(_ other: PositionRange) -> PositionRange {
            PositionRange(start: start, end: other.end)
        }
    }
}
