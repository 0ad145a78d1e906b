import ArgumentParser
import Foundation
import GoalWatchCore
import GoalWatchDaemon
import GoalWatchStore

/// `goalwatch goals`: every goal's figures and state at one instant, from the stored history.
struct GoalsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "goals",
        abstract: "Show each SMART goal's progress, pace, forecast and state.",
        discussion: """
        Examples:
          goalwatch goals
          goalwatch goals --at 2026-02-15T00:00:00Z --format json

        JSON: {"at", "goals": [{"goal", "labels", "baseline", "target", "value", "progress_ratio",
        "expected_ratio", "forecast_value", "required_rate", "compliance_ratio", "remaining_days",
        "period_start", "period_end", "state"}]}; figures that do not apply are null.
        Exit status: 0 on success, 1 for invalid configuration, rule files or time.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: ArgumentHelp("When to evaluate: RFC 3339 or now-2h. Default: now.", valueName: "time"))
    var at: String?

    func run() throws {
        let time = try TimeArgument.parse(at, option: "--at")
        let configuration = try ConfigurationFile.load(explicit: options.config)
        let files = try RuleFiles.loadOrExit(configuration)
        let goals = files.flatMap(\.goals)
        let store = try StoreOpener.open(configuration)
        var series = SeriesSet()
        let lookback = configuration.evaluation.lookback
        let windows = goals.flatMap { SelectorWindow.windows(of: $0.metric, from: $0.historyStart(at: time), through: time) }
        try store.loadHistory(windows, defaultLookback: lookback, into: &series)
        var engine = RuleEngine(groups: [], goals: goals, settings: RuleEngine.Settings(defaultLookback: lookback))
        let cycle = engine.evaluateGoals(at: time, series: &series)
        for failure in cycle.failures { printError("goal \(failure.rule): \(failure.message)") }
        switch options.format {
        case .json:
            try JSONOutput.print(GoalsJSON.document(at: time, goals: cycle.goals))
        case .text, .table:
            if cycle.goals.isEmpty {
                print("no goals defined (rule files: \(configuration.ruleFiles.joined(separator: ", ")))")
            } else {
                print(GoalRow.table(cycle.goals), terminator: "")
            }
        }
        if !cycle.failures.isEmpty { throw ExitCode(1) }
    }
}
