import Foundation
import GoalWatchCore

/// Numbers for JSON output: finite values as numbers, the others as Prometheus spells them
/// (`NaN`, `+Inf`, `-Inf`), since JSON has no literal for them.
public enum JSONNumber {
    /// `number` as a JSON value.
    public static func value(_ number: Double) -> Any {
        number.isFinite ? number : PromQL.formatNumber(number)
    }

    /// `number` as a JSON value, or `null`.
    public static func optional(_ number: Double?) -> Any {
        number.map(value) ?? NSNull()
    }
}
