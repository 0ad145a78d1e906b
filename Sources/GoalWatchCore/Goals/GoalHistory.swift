/// One goal series' samples up to the instant assessed, and the measurements DESIGN §6 takes of them.
///
/// Holds only samples at or before that instant with finite values, oldest first: a sample from the
/// future must not change what an assessment of the past says (replays would disagree with live
/// evaluation), and a NaN (Prometheus' stale marker) or ±Inf would poison every sum it entered.
struct GoalHistory: Sendable {
    /// The samples, oldest first.
    let samples: [Sample]

    init(_ history: [Sample], upTo now: Timestamp) {
        var kept = history.filter { $0.timestamp <= now && $0.value.isFinite }
        // Callers hand samples in time order; sorting is a safety net, and linear on sorted input.
        if !zip(kept, kept.dropFirst()).allSatisfy({ $0.timestamp <= $1.timestamp }) {
            kept.sort { $0.timestamp < $1.timestamp }
        }
        samples = kept
    }

    /// The newest sample.
    var last: Sample? { samples.last }

    /// The baseline: a fixed value, or the last sample at or before the instant, else the first after it.
    func baseline(_ baseline: GoalBaseline) -> Double? {
        switch baseline {
        case .value(let value):
            return value
        case .at(let instant):
            let after = firstIndex { $0.timestamp > instant }
            if after > 0 { return samples[after - 1].value }
            return after < samples.count ? samples[after].value : nil
        }
    }

    /// The first sample in `[from, to)` for which `isReached` holds.
    func firstReached(from: Timestamp, to: Timestamp, _ isReached: (Double) -> Bool) -> Sample? {
        let start = firstIndex { $0.timestamp >= from }
        for sample in samples[start...] {
            guard sample.timestamp < to else { return nil }
            if isReached(sample.value) { return sample }
        }
        return nil
    }

    /// The share of the covered time in `[from, to)` during which the held value satisfies `inside`.
    ///
    /// Each sample holds its value until the next sample, the last one until `to`; time before the first
    /// sample is not covered. `nil` when no time in the span is covered.
    func compliance(from: Timestamp, to: Timestamp, _ inside: (Double) -> Bool) -> Double? {
        guard from < to, !samples.isEmpty else { return nil }
        var covered: Int64 = 0
        var compliant: Int64 = 0
        // The sample in force at `from` is the last one at or before it.
        let first = max(0, firstIndex { $0.timestamp > from } - 1)
        for index in first..<samples.count {
            let holdStart = max(samples[index].timestamp, from)
            let holdEnd = min(index + 1 < samples.count ? samples[index + 1].timestamp : to, to)
            guard holdStart < to else { break }
            guard holdStart < holdEnd else { continue }
            let span = holdEnd.milliseconds - holdStart.milliseconds
            covered += span
            if inside(samples[index].value) { compliant += span }
        }
        guard covered > 0 else { return nil }
        return Double(compliant) / Double(covered)
    }

    /// The forecast at `at` from the samples in `(now − window, now]`, by `method`.
    func forecast(_ method: GoalForecastMethod, window: TimeSpan, now: Timestamp, at: Timestamp) -> Double? {
        switch method {
        case .linear:
            return linearForecast(window: window, now: now, at: at)
        case .holt:
            let points = samples[firstIndex { $0.timestamp > now - window }...]
            let series = RangeSeries(
                labels: .empty, timestamps: ArraySlice(points.map(\.timestamp.milliseconds)), values: ArraySlice(points.map(\.value)))
            return RangeMath.holtForecast(series, horizonSeconds: (at - now).seconds, at: now.milliseconds)
        }
    }

    /// The least-squares line through the samples in `(now − window, now]`, evaluated at `at`, as
    /// Prometheus' `predict_linear` computes it (times in seconds relative to `now`).
    ///
    /// `nil` with fewer than two samples, or when all of them share one timestamp and disagree (no line
    /// fits). A constant series forecasts its constant.
    func linearForecast(window: TimeSpan, now: Timestamp, at: Timestamp) -> Double? {
        let points = samples[firstIndex { $0.timestamp > now - window }...]
        guard points.count >= 2, let first = points.first else { return nil }
        if points.allSatisfy({ $0.value == first.value }) { return first.value }
        let count = Double(points.count)
        // Centred sums keep the precision that raw sums of large Unix times would lose.
        let seconds = points.map { ($0.timestamp - now).seconds }
        let meanX = seconds.reduce(0, +) / count
        let meanY = points.reduce(0) { $0 + $1.value } / count
        var covariance = 0.0
        var variance = 0.0
        for (x, point) in zip(seconds, points) {
            covariance += (x - meanX) * (point.value - meanY)
            variance += (x - meanX) * (x - meanX)
        }
        guard variance > 0 else { return nil }
        let slope = covariance / variance
        return meanY + slope * ((at - now).seconds - meanX)
    }

    /// The best change per day seen in `(now − window, now]`, in the direction of `rising`: the largest
    /// gain for a rising goal, the largest drop (most negative change) for a falling one.
    ///
    /// Each sample is compared with the latest sample at least one day older within the window, and the
    /// difference divided by the days between them, so hourly and daily data give comparable rates and
    /// the noise between neighbouring hourly samples does not count as a daily gain. `nil` when no two
    /// samples in the window are a day apart.
    func bestDailyChange(window: TimeSpan, now: Timestamp, rising: Bool) -> Double? {
        let start = firstIndex { $0.timestamp > now - window }
        var best: Double?
        var partner = start  // the latest sample at least a day older than samples[index], once found
        for index in start..<samples.count {
            let latestPartnerTime = samples[index].timestamp - .days(1)
            guard samples[start].timestamp <= latestPartnerTime else { continue }
            while partner + 1 < index, samples[partner + 1].timestamp <= latestPartnerTime { partner += 1 }
            let days = Double((samples[index].timestamp - samples[partner].timestamp).milliseconds) / 86_400_000
            let change = (samples[index].value - samples[partner].value) / days
            if let current = best {
                best = rising ? max(current, change) : min(current, change)
            } else {
                best = change
            }
        }
        return best
    }

    /// The index of the first sample satisfying `predicate`, which must be false then true along the
    /// samples (a binary search); `samples.count` when there is none.
    private func firstIndex(where predicate: (Sample) -> Bool) -> Int {
        var low = 0
        var high = samples.count
        while low < high {
            let middle = (low + high) / 2
            if predicate(samples[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
