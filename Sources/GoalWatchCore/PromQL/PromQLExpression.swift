extension PromQL {
    /// A node of a parsed expression and the text it was parsed from.
    public struct Expression: Sendable, Equatable {
        /// The kinds of node.
        public indirect enum Kind: Sendable, Equatable {
            /// A number literal; a leading `-` on a literal is folded into it, as Prometheus does.
            case number(Double)
            /// A string literal, escapes decoded.
            case string(String)
            /// An instant-vector selector such as `followers{network="instagram"} offset 1d`.
            case vectorSelector(VectorSelector)
            /// A range-vector selector such as `followers[7d]`.
            case matrixSelector(MatrixSelector)
            /// `-expr` or `+expr` on something other than a number literal.
            case unary(UnaryOperator, Expression)
            /// `lhs op rhs` with its modifiers.
            case binary(BinaryExpression)
            /// `sum by (network) (…)` and the other aggregations.
            case aggregation(Aggregation)
            /// `rate(…)` and the other functions.
            case call(FunctionCall)
            /// `( expr )`, kept so the expression prints back as written.
            case parenthesized(Expression)
        }

        /// What the node is.
        public var kind: Kind
        /// Where in the expression text it was written.
        public var range: PositionRange

        /// Builds the value from its parts, unchecked; the parser is what enforces PromQL's rules.
        public init(_ kind: Kind, range: PositionRange) {
            self.kind = kind
            self.range = range
        }

        /// What the expression evaluates to.
        public var type: ValueType {
            switch kind {
            case .number: return .scalar
            case .string: return .string
            case .vectorSelector: return .instantVector
            case .matrixSelector: return .rangeVector
            case .unary(_, let operand): return operand.type
            case .binary(let binary):
                return binary.lhs.type == .scalar && binary.rhs.type == .scalar ? .scalar : .instantVector
            case .aggregation: return .instantVector
            case .call(let call): return call.function.returnType
            case .parenthesized(let inner): return inner.type
            }
        }
    }

    /// `@` on a selector: evaluate at a fixed time, or at the start or end of the query range.
    public enum AtModifier: Sendable, Equatable {
        /// Seconds since the Unix epoch.
        case timestamp(Double)
        /// `@ start()`.
        case start
        /// `@ end()`.
        case end
    }

    /// An instant-vector selector.
    public struct VectorSelector: Sendable, Equatable {
        /// The metric name written before the braces, if any.
        public var name: String?
        /// The matchers inside the braces, in the order written (the name is not repeated here).
        public var matchers: [LabelMatcher]
        /// How far back to look (`offset 1d`); negative looks ahead. Zero when absent.
        public var offset: TimeSpan
        /// The `@` modifier, if any.
        public var at: AtModifier?

        /// Builds the value from its parts, unchecked; the parser is what enforces PromQL's rules.
        public init(name: String?, matchers: [LabelMatcher], offset: TimeSpan = TimeSpan(milliseconds: 0), at: AtModifier? = nil) {
            self.name = name
            self.matchers = matchers
            self.offset = offset
            self.at = at
        }
    }

    /// A range-vector selector: a vector selector and how far back its window reaches.
    public struct MatrixSelector: Sendable, Equatable {
        /// The selector; its offset and `@` apply to the window's end.
        public var selector: VectorSelector
        /// The window's length; the window is left-open, `(t − range, t]`.
        public var range: TimeSpan

        /// Builds the value from its parts, unchecked; the parser is what enforces PromQL's rules.
        public init(selector: VectorSelector, range: TimeSpan) {
            self.selector = selector
            self.range = range
        }
    }

    /// A sign in front of an expression.
    public enum UnaryOperator: String, Sendable, Equatable {
        case minus = "-"
        case plus = "+"
    }
}
