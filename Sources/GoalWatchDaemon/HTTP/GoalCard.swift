import Foundation
import GoalWatchCore

/// One goal series on the dashboard: its name and scope, state, figures, a progress bar with the pace
/// marker, and its chart. Every text from the configuration or the data is escaped.
struct GoalCard {
    var goal: GoalDefinition
    var report: GoalReport
    var chart: GoalChart

    var html: String {
        let figures = report.assessment
        var html = #"<section class="card state-\#(figures.state.rawValue)">"#
        html += "<header><h2>\(HTMLText.escape(report.goal))</h2>"
        html += #"<span class="state">\#(HTMLText.escape(figures.state.rawValue.replacingOccurrences(of: "_", with: " ")))</span></header>"#
        if !report.labels.elements.isEmpty {
            html += #"<p class="labels">\#(HTMLText.escape(report.labels.description))</p>"#
        }
        if let description = goal.description {
            html += #"<p class="description">\#(HTMLText.escape(description))</p>"#
        }
        if let ratio = figures.progressRatio ?? figures.complianceRatio, ratio.isFinite {
            let marker = figures.expectedRatio.flatMap { $0.isFinite ? $0 : nil }.map { #"<i style="left:\#(Self.percent($0, clamped: true))"></i>"# } ?? ""
            html += #"<div class="bar"><span style="width:\#(Self.percent(ratio, clamped: true))"></span>\#(marker)</div>"#
        }
        html += "<dl>" + rows(figures).map { "<dt>\($0.0)</dt><dd>\(HTMLText.escape($0.1))</dd>" }.joined() + "</dl>"
        return html + chart.svg + "</section>"
    }

    private func rows(_ figures: GoalAssessment) -> [(String, String)] {
        var rows: [(String, String)] = [("value", figures.value.map(ValueFormat.short) ?? "no data")]
        if let target = figures.target { rows.append((goal.target.isMaintain ? "bound" : "target", ValueFormat.short(target))) }
        if let progress = figures.progressRatio { rows.append(("progress", Self.percent(progress, clamped: false))) }
        if let expected = figures.expectedRatio { rows.append(("pace expects", Self.percent(expected, clamped: false))) }
        if let compliance = figures.complianceRatio { rows.append(("in bound", Self.percent(compliance, clamped: false))) }
        if let forecast = figures.forecastValue { rows.append(("forecast at end", ValueFormat.short(forecast))) }
        if let rate = figures.requiredRate { rows.append(("needed per day", ValueFormat.short(rate))) }
        rows.append(("days left", String(format: "%.0f", figures.remainingDays)))
        return rows
    }

    /// `42%`; clamped to 0…100 % for widths and positions.
    private static func percent(_ ratio: Double, clamped: Bool) -> String {
        guard ratio.isFinite else { return "-" }
        return String(format: "%.0f%%", (clamped ? min(1, max(0, ratio)) : ratio) * 100)
    }
}
