import Foundation

extension EvaluationRun {
    /// Functions of one range-vector argument (plus a scalar for predict_linear and holt_forecast).
    func rangeFunction(_ name: String, _ arguments: [PromQL.Expression]) throws(EvaluationError) -> [VectorElement] {
        let windows = try matrix(arguments[0])
        if name == "absent_over_time" {
            guard windows.isEmpty else { return [] }
            return [VectorElement(labels: Self.absentLabels(Self.unwrapped(arguments[0])), value: 1, sampleTime: time)]
        }
        let selector = Self.matrixSelector(arguments[0])
        let reference = selector.map { referenceTime(of: $0.selector) } ?? time
        let rangeMilliseconds = selector?.range.milliseconds ?? 0
        let scalarArgument = arguments.count > 1 ? try scalar(arguments[1]) : .nan
        let keepName = name == "last_over_time"
        var out: [VectorElement] = []
        out.reserveCapacity(windows.count)
        for window in windows {
            let value: Double?
            switch name {
            case "rate", "increase", "delta":
                value = RangeMath.extrapolatedChange(
                    window, rangeStart: reference - rangeMilliseconds, rangeEnd: reference,
                    isCounter: name != "delta", isRate: name == "rate")
            case "irate", "idelta":
                value = RangeMath.instantChange(window, isRate: name == "irate")
            case "deriv":
                value = window.count < 2 ? nil : RangeMath.linearRegression(window, interceptTime: window.timestamps.first!).slope
            case "predict_linear":
                guard window.count >= 2 else { value = nil; break }
                let line = RangeMath.linearRegression(window, interceptTime: time)
                value = line.slope * scalarArgument + line.intercept
            case "holt_forecast":
                value = RangeMath.holtForecast(window, horizonSeconds: scalarArgument, at: time)
            case "changes":
                value = RangeMath.changes(window)
            case "resets":
                value = RangeMath.resets(window)
            case "pct_change":
                guard window.count >= 2 else { value = nil; break }
                value = 100 * (window.values.last! - window.values.first!) / window.values.first!
            case "growth_rate":
                value = RangeMath.dailyGrowthRate(window)
            default:
                value = RangeMath.overTime(name, window)
            }
            guard let value else { continue }
            out.append(VectorElement(labels: keepName ? window.labels : window.labels.withoutMetricName, value: value, sampleTime: time))
        }
        return try checkedUnique(out)
    }

    static func matrixSelector(_ expression: PromQL.Expression) -> PromQL.MatrixSelector? {
        if case .matrixSelector(let matrix) = unwrapped(expression).kind { return matrix }
        return nil
    }
}
