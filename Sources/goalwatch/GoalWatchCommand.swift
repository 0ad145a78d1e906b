import ArgumentParser
import Foundation

/// The `goalwatch` command line: one subcommand per file.
///
/// Exit codes: 0 success, 1 invalid input or a failed check, 2 usage error.
@main
struct GoalWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "goalwatch",
        abstract: "Alerting on social-media KPIs and SMART goals.",
        version: GoalWatchVersion.current,
        subcommands: [
            IngestCommand.self, SeriesCommand.self, CheckCommand.self, EvalCommand.self, GoalsCommand.self, TestCommand.self,
            ReplayCommand.self, SilenceCommand.self, NotifyCommand.self, RunCommand.self, VersionCommand.self,
        ]
    )

    /// Runs the chosen subcommand, mapping ArgumentParser's usage exit code (64) to the documented 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            var code = exitCode(for: error)
            if code == .validationFailure { code = ExitCode(2) }
            let message = fullMessage(for: error)
            if !message.isEmpty {
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
