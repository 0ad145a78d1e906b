import Foundation
import GoalWatchCore

/// How long to wait before the next attempt: exponential backoff with jitter.
///
/// The n-th retry waits `initial × multiplier^(n−1)`, capped at `maximum`, scaled by a random factor in
/// `1 − jitter … 1` so receivers that failed together do not retry together. A receiver's `Retry-After`
/// replaces the computed wait. No retry is scheduled past the notification's `max_age`; the last attempt
/// is made at that point.
public struct RetryPolicy: Sendable, Hashable {
    /// The wait before the first retry.
    public var initial: TimeSpan
    /// The growth per retry.
    public var multiplier: Double
    /// The longest wait.
    public var maximum: TimeSpan
    /// The share of the wait that is random, 0…1.
    public var jitter: Double

    /// Creates a policy; the default waits 1 s, 2 s, 4 s … up to 5 minutes, each up to half shorter.
    public init(initial: TimeSpan = .seconds(1), multiplier: Double = 2, maximum: TimeSpan = .seconds(300), jitter: Double = 0.5) {
        self.initial = initial
        self.multiplier = multiplier
        self.maximum = maximum
        self.jitter = jitter
    }

    /// The wait after `failures` failed attempts (1 or more); `random` is a number in 0..<1.
    public func delay(afterFailures failures: Int, random: Double) -> TimeSpan {
        let exponent = Double(max(failures - 1, 0))
        let base = min(Double(initial.milliseconds) * pow(multiplier, exponent), Double(maximum.milliseconds))
        let scaled = base * (1 - jitter * random)
        return TimeSpan(milliseconds: Int64(scaled.rounded()))
    }

    /// When to make the next attempt after `failures` failures at `now`, honouring `retryAfter`, and
    /// never later than `deadline`.
    public func nextAttempt(afterFailures failures: Int, at now: Timestamp, retryAfter: TimeSpan?, deadline: Timestamp, random: Double) -> Timestamp {
        let wait = retryAfter ?? delay(afterFailures: failures, random: random)
        return min(now + wait, deadline)
    }
}
