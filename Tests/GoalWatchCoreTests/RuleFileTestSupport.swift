import Foundation
import Testing
@testable import GoalWatchCore

/// Loads rule files from text, as `goalwatch check` and the daemon do with real files.
enum RuleFixture {
    static let path = "rules.yml"
    static let istanbul = TimeZone(identifier: "Europe/Istanbul") ?? .gmt

    static func load(_ text: String, timeZone: TimeZone = RuleFixture.istanbul) throws(InputErrors) -> RuleFile {
        try RuleFileLoader.load(text: text, path: path, timeZone: timeZone)
    }

    /// The errors loading `text` reports, as `file:line:column: message` lines; empty when it loads.
    static func errors(_ text: String) -> [String] {
        do {
            _ = try load(text)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    /// The midnight starting `day` (yyyy-MM-dd) in Istanbul (UTC+3 all year).
    static func midnight(_ day: String) -> Timestamp {
        Timestamp(rfc3339: day + "T00:00:00+03:00") ?? Timestamp(milliseconds: 0)
    }
}

extension RuleFile {
    /// The rules of all groups, in file order.
    var allRules: [Rule] { groups.flatMap(\.rules) }
}

extension Rule {
    var recording: RecordingRule? {
        if case .recording(let rule) = self { return rule }
        return nil
    }

    var alerting: AlertingRule? {
        if case .alerting(let rule) = self { return rule }
        return nil
    }
}

/// A rule-file text (whole, or the part after a fixed prefix) and the one error it must produce.
struct BadRuleFile: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    /// The whole error line: `rules.yml:line:column: message`; one ending in ": " is checked up to there.
    var error: String

    init(_ name: String, _ yaml: String, _ error: String) {
        self.name = name
        self.yaml = yaml
        self.error = error
    }

    var testDescription: String { name }
}
