extension PromQL {
    /// A binary operator, with Prometheus' precedence.
    public enum BinaryOperator: String, Sendable, Equatable, CaseIterable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%", power = "^"
        case equal = "==", notEqual = "!=", greater = ">", less = "<", greaterOrEqual = ">=", lessOrEqual = "<="
        case and, or, unless

        /// Binding strength: `or` 1, `and unless` 2, comparisons 3, `+ -` 4, `* / %` 5, `^` 6.
        var precedence: Int {
            switch self {
            case .or: return 1
            case .and, .unless: return 2
            case .equal, .notEqual, .greater, .less, .greaterOrEqual, .lessOrEqual: return 3
            case .add, .subtract: return 4
            case .multiply, .divide, .modulo: return 5
            case .power: return 6
            }
        }

        /// Only `^` groups to the right: `2 ^ 3 ^ 2` is `2 ^ (3 ^ 2)`.
        var isRightAssociative: Bool { self == .power }

        /// Whether the operator compares (and so may take `bool`).
        public var isComparison: Bool { precedence == 3 }

        /// Whether the operator is `and`, `or` or `unless`.
        public var isSetOperator: Bool { precedence <= 2 }
    }

    /// How many series on each side of a vector-to-vector operation may match each other.
    public enum MatchCardinality: Sendable, Equatable {
        case oneToOne
        /// `group_left`: many series on the left match one on the right.
        case manyToOne
        /// `group_right`.
        case oneToMany
        /// Set operators (`and`, `or`, `unless`).
        case manyToMany
    }

    /// How series of the two sides of a vector operation are paired.
    public struct VectorMatching: Sendable, Equatable {
        /// One-to-one unless `group_left`/`group_right` or a set operator says otherwise.
        public var cardinality: MatchCardinality
        /// The labels listed in `on (…)` or `ignoring (…)`.
        public var matchingLabels: [String]
        /// `true` for `on`, `false` for `ignoring` (or no clause, which ignores nothing).
        public var on: Bool
        /// The labels listed after `group_left` or `group_right`, copied from the "one" side.
        public var include: [String]

        /// Builds the value from its parts, unchecked; the parser is what enforces PromQL's rules.
        public init(cardinality: MatchCardinality = .oneToOne, matchingLabels: [String] = [], on: Bool = false, include: [String] = []) {
            self.cardinality = cardinality
            self.matchingLabels = matchingLabels
            self.on = on
            self.include = include
        }
    }

    /// `lhs op [bool] [on|ignoring (…) [group_left|group_right (…)]] rhs`.
    public struct BinaryExpression: Sendable, Equatable {
        /// The operator.
        public var op: BinaryOperator
        /// The left operand.
        public var lhs: Expression
        /// The right operand.
        public var rhs: Expression
        /// `bool` on a comparison: return 0 or 1 instead of filtering.
        public var returnBool: Bool
        /// Present only when both sides are instant vectors.
        public var matching: VectorMatching?

        /// Builds the value from its parts, unchecked; the parser is what enforces PromQL's rules.
        public init(op: BinaryOperator, lhs: Expression, rhs: Expression, returnBool: Bool = false, matching: VectorMatching? = nil) {
            self.op = op
            self.lhs = lhs
            self.rhs = rhs
            self.returnBool = returnBool
            self.matching = matching
        }
    }
}
