import Foundation

/// A systemd unit file read as its assignments, enough to check what it sets (not a full parser:
/// GoalWatch's units use no line continuations).
struct UnitFile {
    /// `(section, key, value)` in file order; a key set twice appears twice.
    var assignments: [(section: String, key: String, value: String)] = []

    init(text: String) {
        var section = ""
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                section = String(line.dropFirst().dropLast())
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            assignments.append((section, String(line[..<equals]), String(line[line.index(after: equals)...])))
        }
    }

    /// Every value of `key` in `section`, in order.
    func values(_ section: String, _ key: String) -> [String] {
        assignments.filter { $0.section == section && $0.key == key }.map(\.value)
    }

    /// The last value of `key` in `section` (the one systemd uses for single-valued settings).
    func value(_ section: String, _ key: String) -> String? { values(section, key).last }
}
