import Foundation
import GoalWatchCore

/// Number formatting for people.
public enum ValueFormat {
    /// Whole numbers without a fraction (`12040`), others as Swift prints them (`0.0431`), `+Inf`, `-Inf`, `NaN`.
    public static func plain(_ value: Double) -> String {
        guard value.isFinite else { return PromQL.formatNumber(value) }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// Whole from 1,000 on, else up to four significant digits: `16037`, `556.6`, `0.0431`.
    public static func short(_ value: Double) -> String {
        guard value.isFinite else { return PromQL.formatNumber(value) }
        if abs(value) >= 1000, abs(value) < 1e15 { return String(Int64(value.rounded())) }
        return String(format: "%.4g", value)
    }
}
