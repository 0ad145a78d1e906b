import Foundation

/// The number-level meaning of PromQL's binary operators, as Prometheus computes them.
enum BinaryArithmetic {
    /// The result of an arithmetic operator; IEEE semantics, so `1/0` is `+Inf` and `0/0` is `NaN`.
    static func apply(_ op: PromQL.BinaryOperator, _ left: Double, _ right: Double) -> Double {
        switch op {
        case .add: return left + right
        case .subtract: return left - right
        case .multiply: return left * right
        case .divide: return left / right
        case .modulo: return left.truncatingRemainder(dividingBy: right)
        case .power: return pow(left, right)
        case .equal, .notEqual, .greater, .less, .greaterOrEqual, .lessOrEqual:
            return compare(op, left, right) ? 1 : 0
        case .and, .or, .unless: return .nan
        }
    }

    /// Whether a comparison holds; any comparison with NaN is false except `!=`.
    static func compare(_ op: PromQL.BinaryOperator, _ left: Double, _ right: Double) -> Bool {
        switch op {
        case .equal: return left == right
        case .notEqual: return left != right
        case .greater: return left > right
        case .less: return left < right
        case .greaterOrEqual: return left >= right
        case .lessOrEqual: return left <= right
        default: return false
        }
    }

    /// Whether the operator's result loses the metric name (arithmetic does; filtering comparisons do not).
    static func dropsMetricName(_ op: PromQL.BinaryOperator) -> Bool {
        switch op {
        case .add, .subtract, .multiply, .divide, .modulo, .power: return true
        default: return false
        }
    }
}
