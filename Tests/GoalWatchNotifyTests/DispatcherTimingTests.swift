import GoalWatchCore
import Testing

@testable import GoalWatchNotify

/// group_wait, group_interval and repeat_interval, at their boundaries.
@Suite struct DispatcherTimingTests {
    private let route = AlertRoute(
        receiver: "oncall", groupBy: .labels(["goal"]), groupWait: .seconds(30), groupInterval: .minutes(5),
        repeatInterval: .hours(1))

    @Test func aNewGroupWaitsGroupWaitThenNotifiesOnce() {
        var harness = DispatcherHarness(route)
        harness.receive(firing("BehindPace", ["goal": "ig"]), at: 0)
        #expect(harness.flush(at: 29).isEmpty)
        let first = harness.flush(at: 30)
        #expect(first.map(\.reason) == [.firstNotification])
        #expect(first.first?.summary == ["BehindPace/firing"])
        #expect(first.first?.groupKey == "{}:{goal=\"ig\"}")
        #expect(harness.flush(at: 31).isEmpty)
    }

    @Test func alertsJoiningAGroupWaitForItsNextIntervalTick() {
        var harness = DispatcherHarness(route)
        harness.receive(firing("BehindPace", ["goal": "ig", "account": "a"]), at: 0)
        _ = harness.flush(at: 30)
        harness.receive(firing("BehindPace", ["goal": "ig", "account": "b"], startedAt: 40), at: 40)
        #expect(harness.flush(at: 329).isEmpty)
        let tick = harness.flush(at: 330)
        #expect(tick.map(\.reason) == [.newAlertsAdded])
        #expect(tick.first?.alerts.count == 2)
    }

    @Test func anUnchangedGroupIsRepeatedOnlyOnceRepeatIntervalHasPassed() {
        var harness = DispatcherHarness(route)
        harness.receive(firing("BehindPace", ["goal": "ig"]), at: 0)
        _ = harness.flush(at: 30)
        // Ticks every 5 minutes after 30 s; the notification at 30 s repeats at the first tick ≥ 3630 s.
        var repeats: [Int64] = []
        var tick: Int64 = 330
        while tick <= 7_230 {
            if !harness.flush(at: tick).isEmpty { repeats.append(tick) }
            tick += 300
        }
        #expect(repeats == [3_630, 7_230])
    }

    @Test func resolutionsAreToldAndTheGroupEndsWhenAllResolved() {
        var harness = DispatcherHarness(route)
        let a = firing("BehindPace", ["goal": "ig", "account": "a"])
        let b = firing("BehindPace", ["goal": "ig", "account": "b"])
        harness.receive(a, at: 0)
        harness.receive(b, at: 0)
        _ = harness.flush(at: 30)
        harness.receive(resolved(a, at: 100), at: 100)
        let some = harness.flush(at: 330)
        #expect(some.map(\.reason) == [.someAlertsResolved])
        #expect(some.first?.summary == ["BehindPace/firing", "BehindPace/resolved"])
        harness.receive(resolved(b, at: 400), at: 400)
        let all = harness.flush(at: 630)
        #expect(all.map(\.reason) == [.allAlertsResolved])
        #expect(all.first?.summary == ["BehindPace/resolved"])
        #expect(harness.dispatcher.nextDeadline == nil)
    }

    @Test func withoutSendResolvedOnlyTheLastResolutionIsLoggedAndNothingResolvedIsSent() {
        var harness = DispatcherHarness(route)
        harness.sendResolved = false
        let a = firing("BehindPace", ["goal": "ig", "account": "a"])
        let b = firing("BehindPace", ["goal": "ig", "account": "b"])
        harness.receive(a, at: 0)
        harness.receive(b, at: 0)
        _ = harness.flush(at: 30)
        harness.receive(resolved(a, at: 100), at: 100)
        #expect(harness.flush(at: 330).isEmpty)
        harness.receive(resolved(b, at: 400), at: 400)
        let all = harness.flush(at: 630)
        #expect(all.map(\.reason) == [.allAlertsResolved])
        #expect(all.first?.alerts.isEmpty == true)
    }

    @Test func anAlertOlderThanGroupWaitFlushesANewGroupAtOnce() {
        var harness = DispatcherHarness(route)
        harness.receive(firing("BehindPace", ["goal": "ig"], startedAt: 0), at: 31)
        #expect(harness.flush(at: 31).map(\.reason) == [.firstNotification])
    }

    @Test func aGroupThatResolvedBeforeItsFirstFlushSaysNothing() {
        var harness = DispatcherHarness(route)
        let alert = firing("BehindPace", ["goal": "ig"])
        harness.receive(alert, at: 0)
        harness.receive(resolved(alert, at: 10), at: 10)
        #expect(harness.flush(at: 30).isEmpty)
        #expect(harness.dispatcher.nextDeadline == nil)
    }
}
