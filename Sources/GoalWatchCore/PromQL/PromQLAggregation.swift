extension PromQL {
    /// An aggregation operator.
    public enum AggregationOperator: String, Sendable, Equatable, CaseIterable {
        case sum, avg, min, max, count, stddev, stdvar, topk, bottomk, quantile
        case countValues = "count_values"
        case group

        /// The type of the leading parameter (`topk(3, …)`, `count_values("v", …)`), if the operator takes one.
        var parameterType: ValueType? {
            switch self {
            case .topk, .bottomk, .quantile: return .scalar
            case .countValues: return .string
            default: return nil
            }
        }
    }

    /// `op [by|without (labels)] ([param,] expr)`.
    public struct Aggregation: Sendable, Equatable {
        /// Which aggregation.
        public var op: AggregationOperator
        /// The instant vector aggregated.
        public var expression: Expression
        /// `k` of topk/bottomk, `φ` of quantile, the label name of count_values; `nil` otherwise.
        public var parameter: Expression?
        /// The labels of `by (…)` or `without (…)`.
        public var grouping: [String]
        /// `true` for `without`, `false` for `by` (or no clause).
        public var without: Bool

        /// Builds the value from its parts, unchecked; the parser is what enforces PromQL's rules.
        public init(op: AggregationOperator, expression: Expression, parameter: Expression? = nil, grouping: [String] = [], without: Bool = false) {
            self.op = op
            self.expression = expression
            self.parameter = parameter
            self.grouping = grouping
            self.without = without
        }
    }

    /// A call of a function: `rate(followers[1h])`.
    public struct FunctionCall: Sendable, Equatable {
        /// The function called.
        public var function: Function
        /// The arguments, already checked against the function's signature.
        public var arguments: [Expression]

        /// Builds the value from its parts, unchecked; the parser is what enforces PromQL's rules.
        public init(function: Function, arguments: [Expression]) {
            self.function = function
            self.arguments = arguments
        }
    }
}
