import Foundation
import GoalWatchCore

/// One goal series drawn as inline SVG over its period: the metric's history, the pace line (where the
/// pace expects the value to be), the forecast from the last sample to the period's end, the target
/// and today. Every coordinate is computed here; the page's style sheet colours the parts by class.
struct GoalChart {
    var report: GoalReport
    /// The metric's samples, oldest first.
    var history: [Sample]
    /// The goal's pace; `nil` for a maintain goal, which has a bound instead.
    var pace: GoalPace?
    /// The instant the figures are for (the last evaluation).
    var at: Timestamp
    /// The time zone the period's dates are days in.
    var timeZone: TimeZone

    static let width = 360.0
    static let height = 150.0
    /// The most history points drawn; longer histories are thinned evenly, keeping the last sample.
    static let maximumPoints = 240
    private static let plot = (left: 6.0, right: 354.0, top: 8.0, bottom: 128.0)

    /// The `<svg>` element.
    var svg: String {
        let start = report.periodStart, end = report.periodEnd
        let points = Self.thinned(history.filter { $0.timestamp >= start && $0.timestamp <= end && $0.value.isFinite })
        let figures = report.assessment
        let paceValues = paceLine(from: start, to: end)
        let values = points.map(\.value) + paceValues.map(\.value)
            + [figures.baseline, figures.target, figures.forecastValue].compactMap { $0 }.filter(\.isFinite)
        let scale = Scale(start: start, end: end, values: values)
        let title = "\(report.goal): history, pace and forecast over its period"
        var svg = #"<svg class="chart" viewBox="0 0 \#(Self.format(Self.width)) \#(Self.format(Self.height))" role="img" aria-label="\#(HTMLText.escape(title))">"#
        svg += "<title>\(HTMLText.escape(title))</title>"
        svg += #"<rect class="frame" x="\#(Self.plot.left)" y="\#(Self.plot.top)" width="\#(Self.plot.right - Self.plot.left)" height="\#(Self.plot.bottom - Self.plot.top)"/>"#
        if let target = figures.target, target.isFinite {
            let y = Self.format(scale.y(target))
            svg += #"<line class="target" x1="\#(Self.plot.left)" y1="\#(y)" x2="\#(Self.plot.right)" y2="\#(y)"/>"#
            svg += #"<text class="axis" x="\#(Self.plot.right - 2)" y="\#(Self.format(scale.y(target) - 3))" text-anchor="end">target \#(HTMLText.escape(ValueFormat.short(target)))</text>"#
        }
        if !paceValues.isEmpty {
            svg += #"<polyline class="pace" points="\#(polyline(paceValues, scale))"/>"#
        }
        if !points.isEmpty {
            svg += #"<polyline class="history" points="\#(polyline(points, scale))"/>"#
        }
        if let last = points.last, let forecast = figures.forecastValue, forecast.isFinite, last.timestamp < end {
            svg += #"<line class="forecast" x1="\#(Self.format(scale.x(last.timestamp)))" y1="\#(Self.format(scale.y(last.value)))" "#
                + #"x2="\#(Self.format(scale.x(end)))" y2="\#(Self.format(scale.y(forecast)))"/>"#
        }
        if at >= start, at <= end {
            let x = Self.format(scale.x(at))
            svg += #"<line class="now" x1="\#(x)" y1="\#(Self.plot.top)" x2="\#(x)" y2="\#(Self.plot.bottom)"/>"#
        }
        let labelY = Self.format(Self.height - 6)
        svg += #"<text class="axis" x="\#(Self.plot.left)" y="\#(labelY)">\#(day(start))</text>"#
        svg += #"<text class="axis" x="\#(Self.plot.right)" y="\#(labelY)" text-anchor="end">\#(day(end - TimeSpan(milliseconds: 1)))</text>"#
        return svg + "</svg>"
    }

    /// Where the pace expects the value along the period, 48 steps; empty without a baseline and target.
    private func paceLine(from start: Timestamp, to end: Timestamp) -> [Sample] {
        guard let pace, let baseline = report.assessment.baseline, let target = report.assessment.target,
              baseline.isFinite, target.isFinite
        else { return [] }
        let period = GoalPeriod(start: start, end: end)
        let steps = 48
        return (0...steps).map { step in
            let instant = Timestamp(milliseconds: start.milliseconds + (end - start).milliseconds * Int64(step) / Int64(steps))
            let ratio = pace.expectedRatio(at: instant, period: period, baseline: baseline, target: target)
            return Sample(timestamp: instant, value: baseline + ratio * (target - baseline))
        }
    }

    private func polyline(_ samples: [Sample], _ scale: Scale) -> String {
        samples.map { "\(Self.format(scale.x($0.timestamp))),\(Self.format(scale.y($0.value)))" }.joined(separator: " ")
    }

    /// The calendar day of `instant` in the goal's time zone, `2026-03-31`.
    private func day(_ instant: Timestamp) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date(timeIntervalSince1970: Double(instant.milliseconds) / 1000))
    }

    /// At most ``maximumPoints`` samples, evenly spaced in the list, the last one always kept.
    static func thinned(_ samples: [Sample]) -> [Sample] {
        guard samples.count > maximumPoints, let last = samples.last else { return samples }
        let stride = (samples.count + maximumPoints - 2) / (maximumPoints - 1)
        var kept = Swift.stride(from: 0, to: samples.count - 1, by: stride).map { samples[$0] }
        kept.append(last)
        return kept
    }

    /// A coordinate with one decimal, as SVG needs no more.
    static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    /// Maps times and values into the plot area.
    private struct Scale {
        var start: Timestamp
        var end: Timestamp
        var low: Double
        var high: Double

        init(start: Timestamp, end: Timestamp, values: [Double]) {
            self.start = start
            self.end = end
            let low = values.min() ?? 0, high = values.max() ?? 1
            let margin = high > low ? (high - low) * 0.08 : max(abs(high) * 0.1, 1)
            self.low = low - margin
            self.high = high + margin
        }

        func x(_ instant: Timestamp) -> Double {
            let span = Double(max((end - start).milliseconds, 1))
            let share = min(1, max(0, Double((instant - start).milliseconds) / span))
            return GoalChart.plot.left + share * (GoalChart.plot.right - GoalChart.plot.left)
        }

        func y(_ value: Double) -> Double {
            let share = (value - low) / (high - low)
            return GoalChart.plot.bottom - share * (GoalChart.plot.bottom - GoalChart.plot.top)
        }
    }
}
