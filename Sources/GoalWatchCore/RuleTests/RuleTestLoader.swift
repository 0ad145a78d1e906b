/// Loads rule unit-test files (`goalwatch test`): promtool's format unchanged, plus `goal_test`.
/// Does no I/O itself: the caller hands in the text.
public enum RuleTestLoader {
    /// Parses and checks a test file.
    ///
    /// Everything promtool checks when it reads the file is checked here too (unknown keys, durations,
    /// series descriptions, values in expanding notation, expressions), so a file that loads can only fail
    /// in the running. Native histograms are not supported and are refused where they appear.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - path: the file's path as the user named it, for messages.
    /// - Throws: ``InputErrors`` listing every problem found, each at its file:line:column — inside a
    ///   series description, a values string or an expression, at the offending token itself.
    public static func load(text: String, path: String) throws(InputErrors) -> RuleTestFile {
        let root = try YAMLDocument.parse(text, file: path)
        var reader = YAMLReader()
        let decoder = RuleTestDecoder(source: YAMLSource(text))
        let file = decoder.file(root, path: path, reader: &reader)
        try reader.finish()
        return file
    }
}
