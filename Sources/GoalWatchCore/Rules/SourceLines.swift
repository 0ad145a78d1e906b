/// A file's text split into lines of Unicode scalars, line ends (`\n`, `\r\n`) removed.
struct SourceLines: Sendable {
    let lines: [[Unicode.Scalar]]

    init(_ text: String) {
        lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.last == "\r" ? Array(line.dropLast()) : Array(line)
        }
    }
}
