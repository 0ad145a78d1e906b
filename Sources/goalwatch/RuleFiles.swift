import ArgumentParser
import Foundation
import GoalWatchCore
import GoalWatchIngest

/// The rule files a configuration names, read and validated.
struct LoadedRuleFiles {
    /// The files that loaded, in the order their patterns and names sort.
    var files: [RuleFile] = []
    /// Every problem found, file by file, each at its file:line:column.
    var errors: [InputError] = []

    var groups: [RuleGroup] { files.flatMap(\.groups) }
    var goals: [GoalDefinition] { files.flatMap(\.goals) }
    var recordingRuleCount: Int { groups.flatMap(\.rules).filter { if case .recording = $0 { true } else { false } }.count }
    var alertingRuleCount: Int { groups.flatMap(\.rules).filter { if case .alerting = $0 { true } else { false } }.count }
}

/// Expands `rule_files:` and loads every file it names.
enum RuleFiles {
    /// Loads the files matching the configuration's `rule_files` patterns (absolute already), with dates
    /// in the evaluation time zone. A pattern that matches no file is not an error, as in Prometheus;
    /// a file that matches but cannot be read is. Goal names must be unique across all files.
    static func load(_ configuration: Configuration) -> LoadedRuleFiles {
        load(patterns: configuration.ruleFiles, timeZone: configuration.evaluation.timeZone)
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

    /// Loads the files matching `patterns` (absolute), with calendar dates as days in `timeZone`.
    static func load(patterns: [String], timeZone: TimeZone) -> LoadedRuleFiles {
        var loaded = LoadedRuleFiles()
        var seen: Set<String> = []
        let paths = patterns.flatMap { FileGlob.paths(matching: $0) }.filter { seen.insert($0).inserted }
        var goalNames: [String: SourceLocation] = [:]
        for path in paths {
            let text: String
            do {
                text = try read(path)
            } catch {
                loaded.errors.append(error)
                continue
            }
            do {
                let file = try RuleFileLoader.load(text: text, path: path, timeZone: timeZone)
                for goal in file.goals {
                    if let first = goalNames[goal.name] {
                        loaded.errors.append(InputError(
                            "duplicate goal name: \"\(goal.name)\" is already the name of the goal at \(first); goal names must be unique across rule files",
                            at: goal.location))
                    } else {
                        goalNames[goal.name] = goal.location
                    }
                }
                loaded.files.append(file)
            } catch {
                loaded.errors.append(contentsOf: error.errors)
            }
        }
        return loaded
    }

    /// The text of the rule file at `path`.
    private static func read(_ path: String) throws(InputError) -> String {
        let location = SourceLocation(file: path, line: 0)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError("cannot read the rule file: no such file", at: location)
        }
        guard !isDirectory.boolValue else {
            throw InputError("cannot read the rule file: it is a folder (a rule_files pattern matched it)", at: location)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError("cannot read the rule file: not readable", at: location)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError("cannot read the rule file: expected UTF-8 text", at: location)
        }
        return text
    }
}
