import ArgumentParser
import Foundation
import GoalWatchCore
import GoalWatchDaemon
import GoalWatchStore

/// `goalwatch replay`: the rules and goals run over stored history, to see what would have fired.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Evaluate rules and goals over stored history and list the alerts they would have raised.",
        discussion: """
        Examples:
          goalwatch replay --from 2026-01-01T00:00:00Z --to 2026-03-31T00:00:00Z --step 1h
          goalwatch replay --from now-30d --to now --format json

        Prints every transition (pending, firing, resolved) with its time, then per alert name how
        often it fired and for how long. Nothing is sent and nothing is stored.
        JSON: {"from", "to", "step", "transitions": [{"at", "event", "labels", "value", "active_since",
        "annotations"}], "alerts": [{"alertname", "firings", "firing_seconds"}]}.
        Exit status: 0 on success (even when rules failed at some times: they are listed on stderr),
        1 for invalid configuration, rule files or times.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: ArgumentHelp("Start: RFC 3339 or now-30d.", valueName: "time"))
    var from: String

    @Option(help: ArgumentHelp("End: RFC 3339 or now. Default: now.", valueName: "time"))
    var to: String?

    @Option(help: ArgumentHelp("Time between evaluations, such as 1h. Default: evaluation.interval.", valueName: "duration"))
    var step: String?

    /// More evaluations than this are refused: a larger --step gives the same answer sooner.
    static let maximumEvaluations = 2_000_000

    func run() throws {
        let now = Timestamp.now
        let start = try TimeArgument.parse(from, option: "--from", now: now)
        let end = try TimeArgument.parse(to, option: "--to", now: now)
        let configuration = try ConfigurationFile.load(explicit: options.config)
        let interval = try stepDuration(default: configuration.evaluation.interval)
        guard start <= end else {
            printError("--from (\(start)) must not be after --to (\(end))")
            throw ExitCode(1)
        }
        let evaluations = (end - start).milliseconds / interval.milliseconds + 1
        guard evaluations <= Self.maximumEvaluations else {
            printError("\(evaluations) evaluations at a step of \(interval): choose a larger --step (at most \(Self.maximumEvaluations) evaluations)")
            throw ExitCode(1)
        }
        let files = try RuleFiles.loadOrExit(configuration)
        let store = try StoreOpener.open(configuration)
        let lookback = configuration.evaluation.lookback
        var series = SeriesSet()
        let clock = ContinuousClock()
        var log = ReplayLog()
        log.loadDuration = try clock.measure {
            try store.loadHistory(files.selectorWindows(from: start, through: end), defaultLookback: lookback, into: &series)
        }
        var engine = RuleEngine(files: files, settings: RuleEngine.Settings(defaultLookback: lookback))
        var time = start
        while time <= end {
            var cycle = EvaluationCycle()
            log.evaluationDuration += clock.measure { cycle = engine.evaluateAll(at: time, series: &series) }
            log.evaluations += 1
            log.record(cycle, at: time)
            time = time + interval
        }
        log.close(engine.activeAlerts, at: end)
        for failure in log.failures { printError(failure) }
        switch options.format {
        case .json:
            try JSONOutput.print(log.json(from: start, to: end, step: interval))
        case .text, .table:
            print(log.text, terminator: "")
        }
    }

    private func stepDuration(default interval: TimeSpan) throws -> TimeSpan {
        guard let step else { return interval }
        guard let span = TimeSpan(step), span.milliseconds > 0 else {
            printError("--step: expected a duration such as 1h or 15m, found \"\(step)\"")
            throw ExitCode(1)
        }
        return span
    }
}
