import Foundation
import GoalWatchCore

/// A configuration and the rule files it names, loaded and validated together: what the daemon runs on,
/// and what a reload swaps in as a whole or not at all.
public struct DaemonSetup: Sendable {
    /// The configuration.
    public var configuration: Configuration
    /// Its rule files.
    public var rules: [RuleFile]
    /// The built-in rules that watch the configured sources (``SourceStaleRules``).
    var builtinRules: [RuleFile] = []

    /// What the daemon evaluates: the built-in rules, then the rule files.
    var evaluatedRules: [RuleFile] { builtinRules + rules }

    /// Loads the configuration at `path` and its rule files; every problem found, each at its
    /// file:line:column, when anything is wrong.
    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> Result<DaemonSetup, InputErrors> {
        switch ConfigurationFileReader.load(path: path, environment: environment) {
        case .failure(let errors):
            return .failure(errors)
        case .success(let configuration):
            let rules = RuleFileSet.load(configuration)
            guard rules.errors.isEmpty else { return .failure(InputErrors(rules.errors)) }
            do throws(InputErrors) {
                let builtin = try SourceStaleRules.file(for: configuration.sources, timeZone: configuration.evaluation.timeZone)
                return .success(DaemonSetup(configuration: configuration, rules: rules.files, builtinRules: builtin.map { [$0] } ?? []))
            } catch {
                return .failure(error)
            }
        }
    }

    /// The number of goals in the rule files.
    public var goalCount: Int { rules.reduce(0) { $0 + $1.goals.count } }
}
