extension GoalDefinition {
    /// The goal metric's samples in `(start, end]`, one list per series it yields (labelled without the
    /// metric name), read the way the goal's figures read them: stored samples for a plain selector,
    /// the expression evaluated where its inputs have samples otherwise. For charts of the goal.
    public func metricHistory(
        from start: Timestamp, through end: Timestamp, series: SeriesSet, defaultLookback: TimeSpan
    ) throws(EvaluationError) -> [(labels: Labels, samples: [Sample])] {
        try GoalMetricHistory.collect(metric, from: start, through: end, series: series, defaultLookback: defaultLookback)
    }
}
