import ArgumentParser
import Foundation
import GoalWatchCore
import GoalWatchDaemon
import GoalWatchStore

/// `goalwatch eval`: one expression at one instant over the stored history.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a PromQL expression over the stored history at one instant.",
        discussion: """
        Examples:
          goalwatch eval 'sum by (network) (followers)'
          goalwatch eval 'pct_change(followers{network="instagram"}[30d])' --at 2026-03-01T00:00:00Z --format json

        JSON: [{"labels": {…}, "value", "timestamp"}], labels with __name__ when the result keeps it;
        the value is a number, or the string "NaN", "+Inf" or "-Inf".
        Exit status: 0 on success, 1 for an invalid expression or time.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The expression.")
    var expression: String

    @Option(help: ArgumentHelp("When to evaluate: RFC 3339 or now-2h. Default: now.", valueName: "time"))
    var at: String?

    func run() throws {
        let parsed = try ExpressionArgument.parse(expression)
        let time = try TimeArgument.parse(at, option: "--at")
        let configuration = try ConfigurationFile.load(explicit: options.config)
        let store = try StoreOpener.open(configuration)
        var series = SeriesSet()
        let lookback = configuration.evaluation.lookback
        try store.loadHistory(SelectorWindow.windows(of: parsed, from: time, through: time), defaultLookback: lookback, into: &series)
        let value: EvaluationValue
        do {
            value = try Evaluator(series: series, defaultLookback: lookback).evaluate(parsed, at: time)
        } catch {
            printError("cannot evaluate: \(error.message)")
            throw ExitCode(1)
        }
        var rows = EvalResultRow.rows(of: value, at: time)
        if !Self.keepsOrder(parsed) { rows.sort { $0.labels < $1.labels } }
        switch options.format {
        case .json:
            try JSONOutput.print(rows.map(\.json))
        case .text, .table:
            if case .scalar(let number) = value {
                print(ValueFormat.plain(number))
            } else if case .string(let text) = value {
                print(text)
            } else if rows.isEmpty {
                print("(empty result at \(time.rfc3339))")
            } else {
                print(TextTable(header: ["SERIES", "VALUE"], rows: rows.map { [$0.labels.description, ValueFormat.plain($0.value)] }, rightAligned: [1]).rendered, terminator: "")
            }
        }
    }
}

extension EvalCommand {
    /// Whether the expression orders its result itself (`sort`, `sort_desc`), so output keeps that order;
    /// other results are printed sorted by labels.
    static func keepsOrder(_ expression: PromQL.Expression) -> Bool {
        switch expression.kind {
        case .parenthesized(let inner): return keepsOrder(inner)
        case .call(let call): return call.function.name == "sort" || call.function.name == "sort_desc"
        default: return false
        }
    }
}

/// One element of an `eval` result as printed.
struct EvalResultRow {
    var labels: Labels
    var value: Double
    var text: String?
    var timestamp: Timestamp

    static func rows(of value: EvaluationValue, at time: Timestamp) -> [EvalResultRow] {
        switch value {
        case .scalar(let number):
            return [EvalResultRow(labels: .empty, value: number, timestamp: time)]
        case .string(let text):
            return [EvalResultRow(labels: .empty, value: .nan, text: text, timestamp: time)]
        case .vector(let elements):
            return elements.map { EvalResultRow(labels: $0.labels, value: $0.value, timestamp: time) }
        case .matrix:
            return []
        }
    }

    var json: [String: Any] {
        ["labels": labels.dictionary, "value": text ?? JSONNumber.value(value), "timestamp": timestamp.rfc3339]
    }
}
