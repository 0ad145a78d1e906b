import Foundation
import GoalWatchCore
import GoalWatchIngest
import Synchronization

/// The rule files a configuration names, read and validated.
public struct RuleFileSet: Sendable {
    /// The files that loaded, in the order their patterns and names sort.
    public var files: [RuleFile] = []
    /// Every problem found, file by file, each at its file:line:column.
    public var errors: [InputError] = []

    /// Every rule group of every file.
    public var groups: [RuleGroup] { files.flatMap(\.groups) }
    /// Every goal of every file.
    public var goals: [GoalDefinition] { files.flatMap(\.goals) }
    /// How many recording rules the files hold.
    public var recordingRuleCount: Int { groups.flatMap(\.rules).filter { if case .recording = $0 { true } else { false } }.count }
    /// How many alerting rules the files hold.
    public var alertingRuleCount: Int { groups.flatMap(\.rules).filter { if case .alerting = $0 { true } else { false } }.count }
}

extension RuleFileSet {
    /// Loads the files matching the configuration's `rule_files` patterns (absolute already), with dates
    /// in the evaluation time zone. A pattern that matches no file is not an error, as in Prometheus;
    /// a file that matches but cannot be read is. Goal names must be unique across all files.
    public static func load(_ configuration: Configuration) -> RuleFileSet {
        load(patterns: configuration.ruleFiles, timeZone: configuration.evaluation.timeZone)
    }

    /// Loads the files matching `patterns` (absolute), with calendar dates as days in `timeZone`.
    ///
    /// The files are read and parsed in parallel (a thousand rules parse in a fraction of the time to
    /// READY that way); their results are then taken in order, so errors and goal names come out as a
    /// sequential load would give them.
    public static func load(patterns: [String], timeZone: TimeZone) -> RuleFileSet {
        var seen: Set<String> = []
        let paths = patterns.flatMap { FileGlob.paths(matching: $0) }.filter { seen.insert($0).inserted }
        let outcomes = Mutex([Result<RuleFile, InputErrors>?](repeating: nil, count: paths.count))
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let outcome = Result { () throws(InputErrors) -> RuleFile in
                let text: String
                do throws(InputError) {
                    text = try read(paths[index])
                } catch {
                    throw InputErrors([error])
                }
                return try RuleFileLoader.load(text: text, path: paths[index], timeZone: timeZone)
            }
            outcomes.withLock { $0[index] = outcome }
        }
        var loaded = RuleFileSet()
        var goalNames: [String: SourceLocation] = [:]
        for outcome in outcomes.withLock({ $0 }) {
            switch outcome {
            case .success(let file):
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
            case .failure(let errors):
                loaded.errors.append(contentsOf: errors.errors)
            case nil:
                preconditionFailure("every rule file has an outcome")
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
