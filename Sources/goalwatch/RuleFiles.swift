import ArgumentParser
import GoalWatchCore
import GoalWatchDaemon

/// The rule files of a configuration, for commands.
enum RuleFiles {
    /// Loads the files the configuration's `rule_files` name (see ``RuleFileSet/load(_:)``).
    static func load(_ configuration: Configuration) -> RuleFileSet {
        RuleFileSet.load(configuration)
    }

    /// The rule files of a configuration, for commands that go on to evaluate them: every error is
    /// printed and the command exits 1.
    static func loadOrExit(_ configuration: Configuration) throws -> [RuleFile] {
        let loaded = load(configuration)
        guard loaded.errors.isEmpty else {
            for error in loaded.errors { printError(error.description) }
            throw ExitCode(1)
        }
        return loaded.files
    }
}
