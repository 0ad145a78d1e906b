import Foundation
import GoalWatchCore
import GoalWatchDaemon

/// How `goals` prints one goal scope.
enum GoalRow {
    static func table(_ reports: [GoalReport]) -> String {
        TextTable(
            header: ["GOAL", "STATE", "VALUE", "TARGET", "PROGRESS", "FORECAST", "DAYS LEFT"],
            rows: reports.map(cells),
            rightAligned: [2, 3, 5, 6]
        ).rendered
    }

    private static func cells(_ report: GoalReport) -> [String] {
        let figures = report.assessment
        let name = report.labels.elements.isEmpty ? report.goal : "\(report.goal) \(report.labels)"
        let progress: String
        if let compliance = figures.complianceRatio {
            progress = bar(compliance, marker: nil) + " " + percent(compliance) + " in bound"
        } else if let ratio = figures.progressRatio {
            progress = bar(ratio, marker: figures.expectedRatio) + " " + percent(ratio)
                + (figures.expectedRatio.map { " (pace \(percent($0)))" } ?? "")
        } else {
            progress = "-"
        }
        return [
            name,
            figures.state.rawValue,
            figures.value.map(ValueFormat.short) ?? "-",
            figures.target.map(ValueFormat.short) ?? "-",
            progress,
            figures.forecastValue.map(ValueFormat.short) ?? "-",
            String(format: "%.0f", max(0, figures.remainingDays)),
        ]
    }

    /// `[██████░░|░░░░]`: the share done, filled; `|` where the pace says it should be.
    static func bar(_ ratio: Double, marker: Double?, width: Int = 20) -> String {
        let filled = ratio.isFinite ? Int((min(1, max(0, ratio)) * Double(width)).rounded()) : 0
        var cells = Array(repeating: "░", count: width)
        for index in 0..<filled { cells[index] = "█" }
        if let marker, marker.isFinite {
            let position = min(width - 1, max(0, Int((min(1, max(0, marker)) * Double(width)).rounded()) - 1))
            cells[position] = "|"
        }
        return "[" + cells.joined() + "]"
    }

    private static func percent(_ ratio: Double) -> String {
        ratio.isFinite ? String(format: "%.0f%%", ratio * 100) : "-"
    }
}
