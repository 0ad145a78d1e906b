import GoalWatchCore
import Testing

@testable import GoalWatchNotify

@Suite struct RetryPolicyTests {
    private let policy = RetryPolicy(initial: .seconds(1), multiplier: 2, maximum: .seconds(60), jitter: 0.5)

    @Test func waitsDoubleUpToTheMaximumAndJitterOnlyShortensThem() {
        #expect((1...8).map { policy.delay(afterFailures: $0, random: 0).milliseconds } == [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000])
        #expect(policy.delay(afterFailures: 3, random: 0.999).milliseconds == 2_002)
    }

    @Test func retryAfterReplacesTheWaitAndNoAttemptIsLaterThanTheDeadline() {
        let now = Timestamp(milliseconds: 1_000_000)
        let deadline = now + .seconds(30)
        #expect(policy.nextAttempt(afterFailures: 1, at: now, retryAfter: .seconds(20), deadline: deadline, random: 0) == now + .seconds(20))
        #expect(policy.nextAttempt(afterFailures: 7, at: now, retryAfter: nil, deadline: deadline, random: 0) == deadline)
    }

    @Test func retryAfterIsReadAsSecondsOrAsAnHTTPDate() {
        let now = Timestamp(rfc3339: "2026-11-28T12:00:00Z")!
        #expect(RetryAfter.wait("120", at: now) == .seconds(120))
        #expect(RetryAfter.wait("Sat, 28 Nov 2026 12:00:30 GMT", at: now) == .seconds(30))
        #expect(RetryAfter.wait("Sat, 28 Nov 2026 11:00:00 GMT", at: now) == TimeSpan(milliseconds: 0))
        #expect(RetryAfter.wait("soon", at: now) == nil)
        #expect(RetryAfter.wait(nil, at: now) == nil)
    }
}
