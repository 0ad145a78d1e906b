/// What a goal aims for (DESIGN §5–6): a value to reach, or a bound to stay within.
public enum GoalTarget: Sendable, Hashable, CustomStringConvertible {
    /// Reach this value (`target: 14400`).
    case absolute(Double)
    /// Change the baseline by this many percent (`+20%`, `-10%`).
    case relative(percent: Double)
    /// Change the baseline by this amount (`+2400`, `-15`).
    case delta(Double)
    /// Keep the value at or below this bound for the whole period (`"<= 60"`): a maintain goal.
    case atMost(Double)
    /// Keep the value at or above this bound for the whole period (`">= 95"`): a maintain goal.
    case atLeast(Double)

    /// Parses a target as written in a rule file.
    public init(_ text: String) throws(InputError) {
        let trimmed = text.trimmingWhitespace
        for (prefix, make) in [("<=", GoalTarget.atMost), (">=", GoalTarget.atLeast)] where trimmed.hasPrefix(prefix) {
            guard let bound = Double(String(trimmed.dropFirst(2)).trimmingWhitespace), bound.isFinite else { break }
            self = make(bound)
            return
        }
        let signed = trimmed.hasPrefix("+") || trimmed.hasPrefix("-")
        if trimmed.hasSuffix("%"), signed, let percent = Double(trimmed.dropLast()), percent.isFinite {
            self = .relative(percent: percent)
        } else if signed, let amount = Double(trimmed), amount.isFinite {
            self = .delta(amount)
        } else if let value = Double(trimmed), value.isFinite {
            self = .absolute(value)
        } else {
            throw InputError("expected a target such as 14400, +20%, -10%, +2400, \"<= 60\" or \">= 95\", found \"\(text)\"")
        }
    }

    /// Whether this is a maintain goal (a bound to stay within) rather than a value to reach.
    public var isMaintain: Bool {
        switch self {
        case .atMost, .atLeast: return true
        case .absolute, .relative, .delta: return false
        }
    }

    /// The target value for a goal whose baseline is `baseline` (for maintain goals, the bound).
    public func value(baseline: Double) -> Double {
        switch self {
        case .absolute(let value), .atMost(let value), .atLeast(let value): return value
        case .relative(let percent): return baseline * (1 + percent / 100)
        case .delta(let amount): return baseline + amount
        }
    }

    public var description: String {
        switch self {
        case .absolute(let value): return PromQL.formatNumber(value)
        case .relative(let percent): return (percent >= 0 ? "+" : "") + PromQL.formatNumber(percent) + "%"
        case .delta(let amount): return (amount >= 0 ? "+" : "") + PromQL.formatNumber(amount)
        case .atMost(let bound): return "<= " + PromQL.formatNumber(bound)
        case .atLeast(let bound): return ">= " + PromQL.formatNumber(bound)
        }
    }
}
