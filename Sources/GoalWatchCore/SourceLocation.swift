/// A position inside a user's file: the file's path as the user named it, and a 1-based line and column.
///
/// Columns count Unicode scalars from the start of the line, as editors do. A row-oriented input such as
/// a CSV file uses `line` for the physical line the row starts on.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The path as the user wrote it (not resolved), so messages match what they typed.
    public var file: String
    /// 1-based line number; 0 when the problem concerns the whole file (its size, its kind).
    public var line: Int
    /// 1-based column number; 0 when only the line is known.
    public var column: Int

    public init(file: String, line: Int, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, `file:line` when the column is unknown, `file` for the whole file.
    public var description: String {
        if line == 0 { return file }
        return column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)"
    }
}
