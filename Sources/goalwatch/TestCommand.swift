import ArgumentParser
import Foundation
import GoalWatchCore
import GoalWatchDaemon

/// `goalwatch test`: rule unit tests in promtool's format, plus goal tests.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run rule unit tests (promtool's test format, plus goal_test).",
        discussion: """
        Example:
          goalwatch test rules/tests/*.yml

        Each file names its rule_files (relative to the test file) and test groups with input_series,
        alert_rule_test, promql_expr_test and goal_test. Goal periods in the rule files are read in UTC.
        Exit status: 0 when every test passes, 1 when any fails or a file is invalid.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "Test files.")
    var files: [String]

    func run() throws {
        var results: [(path: String, failures: [String])] = []
        for path in files {
            results.append((path, runFile(path)))
        }
        switch options.format {
        case .json:
            try JSONOutput.print(results.map { ["file": $0.path, "passed": $0.failures.isEmpty, "failures": $0.failures] })
        case .text, .table:
            for result in results {
                print("Unit Testing:  \(result.path)")
                if result.failures.isEmpty {
                    print("  SUCCESS\n")
                } else {
                    print("  FAILED:")
                    print(result.failures.joined(separator: "\n") + "\n")
                }
            }
        }
        if results.contains(where: { !$0.failures.isEmpty }) { throw ExitCode(1) }
    }

    /// The failures of one test file: its own errors, its rule files' errors, or the tests' failures.
    private func runFile(_ path: String) -> [String] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            return ["    \(path): cannot read: \(error.localizedDescription)"]
        }
        let testFile: RuleTestFile
        do {
            testFile = try RuleTestLoader.load(text: text, path: path)
        } catch {
            return error.errors.map { "    \($0)" }
        }
        let patterns = testFile.resolvedRuleFiles(currentDirectory: FileManager.default.currentDirectoryPath)
        let loaded = RuleFileSet.load(patterns: patterns, timeZone: TimeZone(identifier: "UTC")!)
        guard loaded.errors.isEmpty else { return loaded.errors.map { "    \($0)" } }
        return RuleTestRunner.run(testFile, ruleFiles: loaded.files).failures
    }
}
