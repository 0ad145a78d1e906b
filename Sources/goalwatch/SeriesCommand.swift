import ArgumentParser
import Foundation
import GoalWatchCore
import GoalWatchDaemon
import GoalWatchStore

/// `goalwatch series`: what the store holds, per series.
struct SeriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "List stored series with their sample counts, first and last times and last value.",
        discussion: """
        Example:
          goalwatch series --match 'followers{network="instagram"}' --format json

        JSON: [{"name", "labels": {…}, "samples", "first", "last", "last_value"}], times in RFC 3339.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: ArgumentHelp("Only series matching this PromQL selector.", valueName: "selector"))
    var match: String?

    func run() throws {
        let selector: SeriesSelector?
        do {
            selector = try match.map { text throws(InputError) in try SeriesSelector.parse(text) }
        } catch {
            let column = error.location.map { "column \($0.column): " } ?? ""
            printError("--match: \(column)\(error.message)")
            throw ExitCode(1)
        }
        let configuration = try ConfigurationFile.load(explicit: options.config)
        let store = try StoreOpener.open(configuration)
        let series = try store.series(named: selector?.exactMetricName)
            .filter { selector?.matches($0.labels) ?? true }
            .sorted { $0.labels < $1.labels }
        let summaries = try store.summaries(of: series.map(\.id))
        let rows = series.map { SeriesRow(labels: $0.labels, summary: summaries[$0.id]) }
        switch options.format {
        case .json:
            try JSONOutput.print(rows.map(\.json))
        case .text, .table:
            print(TextTable(
                header: ["SERIES", "SAMPLES", "FIRST", "LAST", "LAST VALUE"],
                rows: rows.map(\.cells),
                rightAligned: [1, 4]
            ).rendered, terminator: "")
        }
    }
}

/// One stored series as `series` shows it.
struct SeriesRow {
    var labels: Labels
    var summary: SeriesSummary?

    var json: [String: Any] {
        [
            "name": labels.metricName ?? "",
            "labels": labels.withoutMetricName.dictionary,
            "samples": summary?.sampleCount ?? 0,
            "first": summary.map { $0.first.rfc3339 } as Any? ?? NSNull(),
            "last": summary.map { $0.last.rfc3339 } as Any? ?? NSNull(),
            "last_value": summary.map { $0.lastValue } as Any? ?? NSNull(),
        ]
    }

    var cells: [String] {
        [
            labels.description,
            String(summary?.sampleCount ?? 0),
            summary?.first.rfc3339 ?? "-",
            summary?.last.rfc3339 ?? "-",
            summary.map { ValueFormat.plain($0.lastValue) } ?? "-",
        ]
    }
}
