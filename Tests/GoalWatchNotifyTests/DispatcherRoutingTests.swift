import GoalWatchCore
import Testing

@testable import GoalWatchNotify

/// The routing tree, grouping, inhibition, silences and time intervals.
@Suite struct DispatcherRoutingTests {
    @Test func childrenTakeAlertsInOrderAndContinueLetsLaterOnesTakeThemToo() {
        let route = AlertRoute(
            receiver: "default", groupBy: .labels(["alertname"]), groupWait: TimeSpan(milliseconds: 0),
            routes: [
                AlertRoute(
                    receiver: "care-pager", matchers: matchers(#"team="care""#), continueMatching: true, groupBy: .labels(["alertname"]),
                    groupWait: TimeSpan(milliseconds: 0)),
                AlertRoute(
                    receiver: "care-chat", matchers: matchers(#"team=~"care|social""#), groupBy: .labels(["alertname"]),
                    groupWait: TimeSpan(milliseconds: 0)),
                AlertRoute(receiver: "never", matchers: matchers(#"team="care""#), groupWait: TimeSpan(milliseconds: 0)),
            ])
        var harness = DispatcherHarness(route)
        harness.receive(firing("SlowReplies", ["team": "care"]), at: 0)
        harness.receive(firing("Quiet", ["team": "ads"]), at: 0)
        let receivers = harness.flush(at: 0).map { "\($0.receiver) \($0.groupKey)" }.sorted()
        #expect(receivers == [
            #"care-chat {}/{team=~"care|social"}:{alertname="SlowReplies"}"#,
            #"care-pager {}/{team="care"}:{alertname="SlowReplies"}"#,
            #"default {}:{alertname="Quiet"}"#,
        ])
    }

    @Test func groupByAllMakesOneGroupPerLabelSetAndAnEmptyGroupByOneGroup() {
        var all = DispatcherHarness(AlertRoute(receiver: "r", groupBy: .all, groupWait: TimeSpan(milliseconds: 0)))
        var none = DispatcherHarness(AlertRoute(receiver: "r", groupBy: .labels([]), groupWait: TimeSpan(milliseconds: 0)))
        for account in ["a", "b", "c"] {
            all.receive(firing("X", ["account": account]), at: 0)
            none.receive(firing("X", ["account": account]), at: 0)
        }
        #expect(all.flush(at: 0).count == 3)
        let single = none.flush(at: 0)
        #expect(single.count == 1 && single.first?.alerts.count == 3 && single.first?.groupKey == "{}:{}")
    }

    @Test func aCriticalAlertInhibitsWarningsOfTheSameGoalOnly() throws {
        let rule = InhibitRule(
            sourceMatchers: matchers(#"severity="critical""#), targetMatchers: matchers(#"severity="warning""#), equal: ["goal"])
        var harness = DispatcherHarness(AlertRoute(receiver: "r", groupBy: .all, groupWait: TimeSpan(milliseconds: 0)), inhibitRules: [rule])
        harness.receive(firing("Unreachable", ["goal": "ig", "severity": "critical"]), at: 0)
        harness.receive(firing("BehindPace", ["goal": "ig", "severity": "warning"]), at: 0)
        harness.receive(firing("BehindPace", ["goal": "fb", "severity": "warning"]), at: 0)
        let sent = harness.flush(at: 0).flatMap(\.alerts).map { "\($0.labels["alertname"]!) \($0.labels["goal"]!)" }.sorted()
        #expect(sent == ["BehindPace fb", "Unreachable ig"])
    }

    @Test func anAlertMatchingBothSidesOfARuleDoesNotInhibitItsPeers() {
        let rule = InhibitRule(sourceMatchers: matchers(#"team="care""#), targetMatchers: matchers(#"team="care""#), equal: [])
        var harness = DispatcherHarness(AlertRoute(receiver: "r", groupBy: .all, groupWait: TimeSpan(milliseconds: 0)), inhibitRules: [rule])
        harness.receive(firing("A", ["team": "care"]), at: 0)
        harness.receive(firing("B", ["team": "care"]), at: 0)
        #expect(harness.flush(at: 0).count == 2)
    }

    @Test func anActiveSilenceMutesUntilItEnds() throws {
        var harness = DispatcherHarness(AlertRoute(receiver: "r", groupBy: .all, groupWait: TimeSpan(milliseconds: 0), groupInterval: .seconds(60)))
        harness.silences = [
            try Silence(
                id: "s1", matchers: matchers(#"goal="ig""#), startsAt: at(0), endsAt: at(120), createdBy: "ana",
                comment: "campaign paused", createdAt: at(0))
        ]
        harness.receive(firing("BehindPace", ["goal": "ig"]), at: 0)
        #expect(harness.flush(at: 0).isEmpty)
        #expect(harness.flush(at: 60).isEmpty)
        // A silence is still active at its end instant, as in Alertmanager.
        #expect(harness.flush(at: 120).isEmpty)
        #expect(harness.flush(at: 180).map(\.reason) == [.firstNotification])
    }

    @Test func activeTimeIntervalsHoldNotificationsOutsideThemWithoutLoggingThem() throws {
        // 08:00–20:00 UTC; the test epoch (1,790,000,000 s) is 2026-09-21 14:13:20 UTC.
        let hours = TimeIntervalSet(name: "business-hours", intervals: [TimeIntervalSpec(times: [TimeOfDayRange(startMinute: 480, endMinute: 1200)])])
        let route = AlertRoute(
            receiver: "r", groupBy: .all, groupWait: TimeSpan(milliseconds: 0), groupInterval: .hours(1), activeTimeIntervals: ["business-hours"])
        var harness = DispatcherHarness(route)
        harness.timeIntervals = ["business-hours": hours]
        let toEight: Int64 = 20 * 3600 - epochSecondOfDay  // seconds to 20:00 the same day
        harness.receive(firing("BehindPace", ["goal": "ig"]), at: toEight)
        #expect(harness.flush(at: toEight).isEmpty)
        #expect(harness.log.isEmpty)
        // The next ticks fall at 21:00 … 07:00 (muted), then 08:00 is inside the interval again.
        var firstSent: Int64?
        var tick = toEight + 3600
        while firstSent == nil && tick <= toEight + 13 * 3600 {
            if !harness.flush(at: tick).isEmpty { firstSent = tick }
            tick += 3600
        }
        #expect(firstSent == toEight + 12 * 3600)
    }

    @Test func muteTimeIntervalsSilenceTheRouteInsideThem() {
        let night = TimeIntervalSet(name: "night", intervals: [TimeIntervalSpec(times: [TimeOfDayRange(startMinute: 0, endMinute: 480)])])
        let route = AlertRoute(receiver: "r", groupBy: .all, groupWait: TimeSpan(milliseconds: 0), muteTimeIntervals: ["night"])
        var harness = DispatcherHarness(route)
        harness.timeIntervals = ["night": night]
        let toMidnight: Int64 = 24 * 3600 - epochSecondOfDay
        harness.receive(firing("B"), at: toMidnight - 1)
        #expect(harness.flush(at: toMidnight - 1).count == 1)
        harness.receive(firing("A"), at: toMidnight)
        #expect(harness.flush(at: toMidnight).isEmpty)
    }

    @Test func aResolutionDuringAMuteIsToldWhenTheMuteEnds() {
        // Muted 00:00–08:00 UTC; ticks every hour from 23:30.
        let night = TimeIntervalSet(name: "night", intervals: [TimeIntervalSpec(times: [TimeOfDayRange(startMinute: 0, endMinute: 480)])])
        let route = AlertRoute(
            receiver: "r", groupBy: .all, groupWait: TimeSpan(milliseconds: 0), groupInterval: .hours(1), muteTimeIntervals: ["night"])
        var harness = DispatcherHarness(route)
        harness.timeIntervals = ["night": night]
        let halfPastEleven: Int64 = 23 * 3600 + 1800 - epochSecondOfDay
        let alert = firing("A", startedAt: halfPastEleven)
        harness.receive(alert, at: halfPastEleven)
        #expect(harness.flush(at: halfPastEleven).map(\.reason) == [.firstNotification])
        harness.receive(resolved(alert, at: halfPastEleven + 3600), at: halfPastEleven + 3600)
        var told: [(Int64, Notification.Reason?)] = []
        for hour in 1...9 {
            let tick = halfPastEleven + Int64(hour) * 3600
            for flush in harness.flush(at: tick) { told.append((tick - halfPastEleven, flush.reason)) }
        }
        // 08:30 is the first tick outside the mute.
        #expect(told.map(\.0) == [9 * 3600])
        #expect(told.map(\.1) == [.allAlertsResolved])
        #expect(harness.dispatcher.nextDeadline == nil)
    }
}
