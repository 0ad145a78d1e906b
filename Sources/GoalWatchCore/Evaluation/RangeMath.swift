import Foundation

/// The arithmetic of the functions over a window of samples, as Prometheus defines each one.
enum RangeMath {
    /// `rate`, `increase` and `delta`: the change over the window, extrapolated towards its edges
    /// when the first and last samples lie close to them (within 1.1 × the average sample spacing),
    /// else by half a spacing; counters are corrected for resets and never extrapolated below zero.
    /// `nil` with fewer than two samples.
    static func extrapolatedChange(_ window: RangeSeries, rangeStart: Int64, rangeEnd: Int64, isCounter: Bool, isRate: Bool) -> Double? {
        let values = window.values, timestamps = window.timestamps
        guard values.count >= 2 else { return nil }
        var result = values.last! - values.first!
        if isCounter {
            var previous = values.first!
            for value in values.dropFirst() {
                if value < previous { result += previous }
                previous = value
            }
        }
        let firstTime = timestamps.first!, lastTime = timestamps.last!
        var durationToStart = Double(firstTime - rangeStart) / 1000
        var durationToEnd = Double(rangeEnd - lastTime) / 1000
        let sampledInterval = Double(lastTime - firstTime) / 1000
        let averageSpacing = sampledInterval / Double(values.count - 1)
        let threshold = averageSpacing * 1.1
        if durationToStart >= threshold { durationToStart = averageSpacing / 2 }
        if isCounter, result > 0, values.first! >= 0 {
            let durationToZero = sampledInterval * (values.first! / result)
            if durationToZero < durationToStart { durationToStart = durationToZero }
        }
        if durationToEnd >= threshold { durationToEnd = averageSpacing / 2 }
        var factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval
        if isRate { factor /= Double(rangeEnd - rangeStart) / 1000 }
        return result * factor
    }

    /// `irate` and `idelta`: from the last two samples; `irate` treats a drop as a counter reset.
    static func instantChange(_ window: RangeSeries, isRate: Bool) -> Double? {
        guard window.count >= 2 else { return nil }
        let last = window.values[window.values.endIndex - 1], previous = window.values[window.values.endIndex - 2]
        var change = last - previous
        guard isRate else { return change }
        if last < previous { change = last }
        let interval = window.timestamps[window.timestamps.endIndex - 1] - window.timestamps[window.timestamps.endIndex - 2]
        guard interval != 0 else { return nil }
        return change / (Double(interval) / 1000)
    }

    /// Least squares of value over time (seconds from `interceptTime`), compensated sums as in
    /// Prometheus; a constant series has slope 0 (NaN when the constant is infinite).
    static func linearRegression(_ window: RangeSeries, interceptTime: Int64) -> (slope: Double, intercept: Double) {
        let first = window.values.first!
        var constant = true
        var n = 0.0
        var sumX = KahanSum(), sumY = KahanSum(), sumXY = KahanSum(), sumX2 = KahanSum()
        for (time, value) in zip(window.timestamps, window.values) {
            if constant, value != first { constant = false }
            n += 1
            let x = Double(time - interceptTime) / 1000
            sumX.add(x)
            sumY.add(value)
            sumXY.add(x * value)
            sumX2.add(x * x)
        }
        if constant { return first.isInfinite ? (.nan, .nan) : (0, first) }
        let covariance = sumXY.value - sumX.value * sumY.value / n
        let variance = sumX2.value - sumX.value * sumX.value / n
        let slope = covariance / variance
        return (slope, sumY.value / n - slope * sumX.value / n)
    }

    /// How often the value changed (NaN to NaN is no change).
    static func changes(_ window: RangeSeries) -> Double {
        var count = 0.0
        var previous = window.values.first!
        for value in window.values.dropFirst() {
            if value != previous && !(value.isNaN && previous.isNaN) { count += 1 }
            previous = value
        }
        return count
    }

    /// How often the value dropped (a counter reset).
    static func resets(_ window: RangeSeries) -> Double {
        var count = 0.0
        var previous = window.values.first!
        for value in window.values.dropFirst() {
            if value < previous { count += 1 }
            previous = value
        }
        return count
    }

    /// The compound growth per day between the first and last sample: `(last/first)^(1 day / span) − 1`.
    /// `nil` with fewer than two samples or no time between them; NaN when the ratio is negative.
    static func dailyGrowthRate(_ window: RangeSeries) -> Double? {
        guard window.count >= 2 else { return nil }
        let span = Double(window.timestamps.last! - window.timestamps.first!)
        guard span > 0 else { return nil }
        return pow(window.values.last! / window.values.first!, 86_400_000 / span) - 1
    }

    /// The smoothing of ``holtForecast(_:horizonSeconds:at:)``: level, trend, and damping per step.
    static let holtLevelSmoothing = 0.5, holtTrendSmoothing = 0.1, holtDamping = 0.98

    /// Holt's linear trend, damped: smooths level and trend over the samples (one step = the average
    /// sample spacing) and projects `horizonSeconds` past `at`; the damping keeps a long horizon
    /// from extending a short burst forever. `nil` with fewer than two samples.
    static func holtForecast(_ window: RangeSeries, horizonSeconds: Double, at time: Int64) -> Double? {
        guard window.count >= 2 else { return nil }
        let values = Array(window.values)
        let spacing = Double(window.timestamps.last! - window.timestamps.first!) / Double(values.count - 1)
        guard spacing > 0 else { return nil }
        var level = values[0]
        var trend = values[1] - values[0]
        for value in values.dropFirst() {
            let previousLevel = level
            level = holtLevelSmoothing * value + (1 - holtLevelSmoothing) * (level + holtDamping * trend)
            trend = holtTrendSmoothing * (level - previousLevel) + (1 - holtTrendSmoothing) * holtDamping * trend
        }
        let steps = (horizonSeconds * 1000 + Double(time - window.timestamps.last!)) / spacing
        guard steps > 0 else { return level }
        let dampedSteps = holtDamping * (1 - pow(holtDamping, steps)) / (1 - holtDamping)
        return level + trend * dampedSteps
    }

    /// The `*_over_time` aggregations.
    static func overTime(_ name: String, _ window: RangeSeries) -> Double? {
        let values = window.values
        switch name {
        case "avg_over_time":
            var mean = RunningMean()
            for value in values { mean.add(value) }
            return mean.value
        case "sum_over_time":
            var sum = KahanSum()
            for value in values { sum.add(value) }
            return sum.value
        case "count_over_time":
            return Double(values.count)
        case "last_over_time":
            return values.last!
        case "present_over_time":
            return 1
        case "min_over_time":
            return values.dropFirst().reduce(values.first!) { current, value in value < current || current.isNaN ? value : current }
        case "max_over_time":
            return values.dropFirst().reduce(values.first!) { current, value in value > current || current.isNaN ? value : current }
        case "stddev_over_time", "stdvar_over_time":
            var variance = RunningVariance()
            for value in values { variance.add(value) }
            return name == "stddev_over_time" ? variance.variance.squareRoot() : variance.variance
        default:
            return nil
        }
    }
}
