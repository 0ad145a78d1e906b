/// Compensated (Kahan–Babuška/Neumaier) summation, as Prometheus sums floats, so long sums of
/// values of different magnitudes do not drift.
struct KahanSum {
    private var sum = 0.0
    private var compensation = 0.0

    mutating func add(_ value: Double) {
        let total = sum + value
        if abs(sum) >= abs(value) {
            compensation += (sum - total) + value
        } else {
            compensation += (value - total) + sum
        }
        sum = total
    }

    /// The sum; an infinite partial sum wins over the compensation, which is then meaningless.
    var value: Double { sum.isInfinite ? sum : sum + compensation }
}

/// Mean and variance in one pass (Welford), as Prometheus computes stddev and stdvar.
struct RunningVariance {
    private(set) var count = 0.0
    private var mean = 0.0
    private var squares = 0.0

    mutating func add(_ value: Double) {
        count += 1
        let delta = value - mean
        mean += delta / count
        squares += delta * (value - mean)
    }

    /// The population variance; NaN for no values.
    var variance: Double { count == 0 ? .nan : squares / count }
}

/// The arithmetic mean, summed with compensation, falling back to an incremental mean when the sum
/// overflows although the values are finite (Prometheus does the same).
struct RunningMean {
    private var sum = KahanSum()
    private var incremental = 0.0
    private(set) var count = 0.0
    private var sawInfinity = false

    mutating func add(_ value: Double) {
        count += 1
        sum.add(value)
        incremental += (value - incremental) / count
        if value.isInfinite { sawInfinity = true }
    }

    var value: Double {
        let total = sum.value
        if total.isInfinite && !sawInfinity { return incremental }
        return total / count
    }
}

/// The φ-quantile of values with Prometheus' interpolation: ranks `φ·(n−1)`, linear between
/// neighbours; `φ < 0` is `-Inf`, `φ > 1` is `+Inf`, no values or NaN φ is NaN. NaNs sort first.
enum Quantile {
    static func of(_ phi: Double, _ values: [Double]) -> Double {
        guard !values.isEmpty, !phi.isNaN else { return .nan }
        if phi < 0 { return -.infinity }
        if phi > 1 { return .infinity }
        let sorted = values.sorted { $0.isNaN ? !$1.isNaN : $0 < $1 }
        let n = Double(sorted.count)
        let rank = phi * (n - 1)
        let lower = max(0, rank.rounded(.down))
        let upper = min(n - 1, lower + 1)
        let weight = rank - rank.rounded(.down)
        return sorted[Int(lower)] * (1 - weight) + sorted[Int(upper)] * weight
    }
}
