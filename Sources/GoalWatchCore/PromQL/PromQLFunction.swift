extension PromQL {
    /// A function's signature: its name, argument types and return type.
    public struct Function: Sendable, Hashable {
        /// The name as written in expressions.
        public let name: String
        /// The types of the arguments, in order.
        public let argumentTypes: [ValueType]
        /// How many trailing arguments may be left out (`round(v)`) or, with `variadicUnbounded`,
        /// how the last type may repeat (`label_join(v, dst, sep, src…)`).
        public let optionalCount: Int
        /// Whether the last argument type may repeat without limit.
        public let variadicUnbounded: Bool
        /// What the call evaluates to.
        public let returnType: ValueType

        init(_ name: String, _ argumentTypes: [ValueType], returns returnType: ValueType = .instantVector,
             optional: Int = 0, unbounded: Bool = false) {
            self.name = name
            self.argumentTypes = argumentTypes
            self.optionalCount = optional
            self.variadicUnbounded = unbounded
            self.returnType = returnType
        }

        /// The function named `name`, if GoalWatch supports it.
        public static func named(_ name: String) -> Function? { byName[name] }

        /// Every supported function's name, sorted.
        public static var names: [String] { byName.keys.sorted() }

        private static let byName: [String: Function] = {
            var table: [String: Function] = [:]
            for function in all { table[function.name] = function }
            return table
        }()

        private static let all: [Function] = {
            let v = ValueType.instantVector, m = ValueType.rangeVector, s = ValueType.scalar, str = ValueType.string
            var functions: [Function] = [
                Function("round", [v, s], optional: 1),
                Function("clamp", [v, s, s]),
                Function("clamp_min", [v, s]),
                Function("clamp_max", [v, s]),
                Function("time", [], returns: s),
                Function("timestamp", [v]),
                Function("vector", [s]),
                Function("scalar", [v], returns: s),
                Function("label_replace", [v, str, str, str, str]),
                Function("label_join", [v, str, str, str], optional: 1, unbounded: true),
                Function("absent", [v]),
                Function("predict_linear", [m, s]),
                Function("quantile_over_time", [s, m]),
                Function("holt_forecast", [m, s]),
            ]
            let instantToInstant = ["abs", "ceil", "floor", "exp", "ln", "log2", "log10", "sqrt", "sgn", "sort", "sort_desc"]
            functions += instantToInstant.map { Function($0, [v]) }
            let rangeToInstant = [
                "absent_over_time", "present_over_time", "rate", "irate", "increase", "delta", "idelta", "deriv",
                "changes", "resets", "avg_over_time", "min_over_time", "max_over_time", "sum_over_time",
                "count_over_time", "last_over_time", "stddev_over_time", "stdvar_over_time", "pct_change", "growth_rate",
            ]
            functions += rangeToInstant.map { Function($0, [m]) }
            return functions
        }()
    }
}
