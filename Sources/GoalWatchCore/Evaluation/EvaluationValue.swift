/// What an expression evaluates to at one instant.
public enum EvaluationValue: Sendable, Equatable {
    /// A number, with no labels.
    case scalar(Double)
    /// A string literal.
    case string(String)
    /// One value per series.
    case vector([VectorElement])
    /// Samples per series over a window (only from a range selector).
    case matrix([RangeSeries])
}

/// One element of an instant vector.
public struct VectorElement: Sendable, Equatable {
    /// The series' labels after any operations applied to them.
    public var labels: Labels
    /// The value.
    public var value: Double
    /// When the underlying sample was taken, in milliseconds, for `timestamp()`; the evaluation time
    /// for computed values.
    public var sampleTime: Int64

    /// Creates an element.
    public init(labels: Labels, value: Double, sampleTime: Int64) {
        self.labels = labels
        self.value = value
        self.sampleTime = sampleTime
    }
}

/// The samples of one series inside a range selector's window, oldest first, staleness markers removed.
public struct RangeSeries: Sendable, Equatable {
    /// The series' labels.
    public var labels: Labels
    /// Sample times in milliseconds.
    public var timestamps: ArraySlice<Int64>
    /// Sample values, parallel to `timestamps`.
    public var values: ArraySlice<Double>

    /// Creates a window of samples.
    public init(labels: Labels, timestamps: ArraySlice<Int64>, values: ArraySlice<Double>) {
        self.labels = labels
        self.timestamps = timestamps
        self.values = values
    }

    /// How many samples the window holds.
    public var count: Int { values.count }
}
