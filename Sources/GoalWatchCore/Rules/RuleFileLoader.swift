import Foundation

/// Loads a rule file (DESIGN §5) from its text. Does no I/O itself: the caller reads the file.
public enum RuleFileLoader {
    /// The keys a rule file may have at its top.
    static let rootKeys = ["groups", "goals"]

    /// Parses and validates a rule file: Prometheus rule groups under `groups:`, goals under `goals:`.
    /// Either may be absent; an empty file is a valid file with neither.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - path: the file's path as the user named it; messages use it.
    ///   - timeZone: the evaluation time zone, in which calendar dates and periods are days.
    /// - Throws: ``InputErrors`` listing every problem found, in file order, each at its
    ///   file:line:column — for a problem inside an expression or a template, the position of the
    ///   offending token in the file.
    public static func load(text: String, path: String, timeZone: TimeZone) throws(InputErrors) -> RuleFile {
        let root = try YAMLDocument.parse(text, file: path)
        var reader = YAMLReader()
        let context = RuleFileContext(source: YAMLSource(text), timeZone: timeZone)
        var file = RuleFile(path: path)
        if let root, !root.isNull, let mapping = reader.mapping(root, allowedKeys: rootKeys) {
            if let node = mapping["groups"] {
                file.groups = RuleGroupDecoder(context: context).groups(node, reader: &reader)
            }
            if let node = mapping["goals"] {
                file.goals = GoalDecoder(context: context).goals(node, reader: &reader)
            }
        }
        try reader.finish()
        return file
    }
}
