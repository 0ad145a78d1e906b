extension EvaluationRun {
    /// The instant at which a selector reads: its `@` time (or the evaluation time) minus its offset.
    func referenceTime(of selector: PromQL.VectorSelector) -> Int64 {
        let base: Int64
        switch selector.at {
        case .timestamp(let seconds): base = Int64((seconds * 1000).rounded())
        case .start, .end, nil: base = time
        }
        return base - selector.offset.milliseconds
    }

    /// The series a selector names.
    func selectedSeries(_ selector: PromQL.VectorSelector) -> [MemorySeries] {
        series.select(name: selector.name, matchers: selector.matchers)
    }

    /// Each selected series' newest sample within its lookback of the reference time.
    func instantVector(_ selector: PromQL.VectorSelector) -> [VectorElement] {
        let reference = referenceTime(of: selector)
        var elements: [VectorElement] = []
        for candidate in selectedSeries(selector) {
            let index = candidate.firstIndex(after: reference) - 1
            guard index >= 0 else { continue }
            let sampleTime = candidate.timestamps[index]
            let lookback = candidate.lookback ?? defaultLookback
            guard sampleTime > reference - lookback else { continue }
            let value = candidate.values[index]
            guard !StaleMarker.isMarker(value) else { continue }
            elements.append(VectorElement(labels: candidate.labels, value: value, sampleTime: sampleTime))
        }
        return elements
    }

    /// Each selected series' samples in `(reference − range, reference]`, without staleness markers;
    /// series with no sample there are left out.
    func rangeVector(_ matrix: PromQL.MatrixSelector) -> [RangeSeries] {
        let reference = referenceTime(of: matrix.selector)
        let start = reference - matrix.range.milliseconds
        var result: [RangeSeries] = []
        for candidate in selectedSeries(matrix.selector) {
            let lower = candidate.firstIndex(after: start)
            let upper = candidate.firstIndex(after: reference)
            guard lower < upper else { continue }
            var timestamps = candidate.timestamps[lower..<upper]
            var values = candidate.values[lower..<upper]
            if values.contains(where: StaleMarker.isMarker) {
                let kept = zip(timestamps, values).filter { !StaleMarker.isMarker($0.1) }
                guard !kept.isEmpty else { continue }
                timestamps = ArraySlice(kept.map(\.0))
                values = ArraySlice(kept.map(\.1))
            }
            result.append(RangeSeries(labels: candidate.labels, timestamps: timestamps, values: values))
        }
        return result
    }
}
