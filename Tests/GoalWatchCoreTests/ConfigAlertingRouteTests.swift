import Foundation
import Testing
@testable import GoalWatchCore

@Suite("alerting: the routing tree, inhibition rules and time intervals")
struct ConfigAlertingRouteTests {
    /// Receivers every test here may route to; line 1 is `receivers:`.
    static let receivers = """
        receivers:
          - {name: marketing-oncall, webhook: {url: "https://hooks.example/goalwatch"}}
          - {name: care-pager, slack: {url: "https://hooks.slack.example/T0/B0/x"}}
          - {name: dead-letters, webhook: {url: "http://127.0.0.1:9095/dead"}}

        """

    static func load(_ alerting: String, evaluation: String = "") throws -> AlertingConfiguration {
        try ConfigFixture.load(evaluation + receivers + alerting).alerting
    }

    @Test("the design's example: root, one child, inhibition and business hours")
    func designExample() throws {
        let alerting = try Self.load("""
            alerting:
              route:                    # Alertmanager-style routing tree
                receiver: marketing-oncall
                group_by: [alertname, goal]
                group_wait: 30s
                group_interval: 5m
                repeat_interval: 4h
                routes:
                  - matchers: ['team="care"', 'severity="critical"']
                    receiver: care-pager
                    active_time_intervals: [business-hours]
              inhibit_rules:
                - source_matchers: ['severity="critical"']
                  target_matchers: ['severity="warning"']
                  equal: [goal]
              time_intervals:
                - name: business-hours
                  time_intervals: [{weekdays: ['monday:friday'], times: [{start_time: '08:00', end_time: '20:00'}], location: Europe/Istanbul}]

            """)
        let route = try #require(alerting.route)
        #expect(route.receiver == "marketing-oncall")
        #expect(route.matchers.isEmpty)
        #expect(route.groupBy == .labels(["alertname", "goal"]))
        #expect(route.groupWait == .seconds(30))
        #expect(route.groupInterval == .minutes(5))
        #expect(route.repeatInterval == .hours(4))
        #expect(route.fallbackReceiver == nil)
        try #require(route.routes.count == 1)
        let care = route.routes[0]
        #expect(care.receiver == "care-pager")
        #expect(care.matchers == [
            try AlertMatcher(name: "severity", op: .equal, value: "critical"),
            try AlertMatcher(name: "team", op: .equal, value: "care"),
        ])
        #expect(care.activeTimeIntervals == ["business-hours"])
        #expect(care.muteTimeIntervals.isEmpty)
        #expect(care.groupBy == .labels(["alertname", "goal"]))
        #expect(!care.continueMatching)
        #expect(care.matches(["team": "care", "severity": "critical", "goal": "csat"]))
        #expect(!care.matches(["team": "care", "severity": "warning"]))

        #expect(alerting.inhibitRules == [InhibitRule(
            sourceMatchers: [try AlertMatcher.parse("severity=\"critical\"")],
            targetMatchers: [try AlertMatcher.parse("severity=\"warning\"")], equal: ["goal"])])

        let hours = try #require(alerting.timeIntervals["business-hours"])
        #expect(hours.name == "business-hours")
        #expect(hours.intervals == [TimeIntervalSpec(
            times: [TimeOfDayRange(startMinute: 480, endMinute: 1200)], weekdays: [InclusiveRange(1, 5)],
            location: TimeZone(identifier: "Europe/Istanbul")!)])
        #expect(hours.contains(Timestamp(rfc3339: "2026-03-06T19:59:00+03:00")!))
        #expect(!hours.contains(Timestamp(rfc3339: "2026-03-06T20:00:00+03:00")!))
    }

    @Test("without an alerting section there is no route: alerts go to journald only")
    func noAlertingSection() throws {
        let config = try ConfigFixture.load(Self.receivers)
        #expect(config.alerting == AlertingConfiguration())
        #expect(config.alerting.route == nil)
        #expect(config.receivers.count == 3)
    }

    @Test("a root route with only a receiver takes Alertmanager's defaults")
    func rootDefaults() throws {
        let route = try #require(try Self.load("alerting:\n  route: {receiver: marketing-oncall}\n").route)
        #expect(route == AlertRoute(receiver: "marketing-oncall"))
        #expect(route.groupBy == .labels([]))
        #expect(route.groupWait == .seconds(30))
        #expect(route.groupInterval == .minutes(5))
        #expect(route.repeatInterval == .hours(4))
    }

    @Test("children inherit receiver, grouping, intervals and fallback; time intervals and continue are their own")
    func inheritance() throws {
        let alerting = try Self.load("""
            alerting:
              route:
                receiver: marketing-oncall
                fallback_receiver: dead-letters
                group_by: [goal]
                group_wait: 1m
                repeat_interval: 12h
                routes:
                  - matchers: ['team="care"']
                    group_interval: 10m
                    mute_time_intervals: [nights]
                    continue: true
                    routes:
                      - matchers: ['severity="critical"']
                        receiver: care-pager
                        group_by: ['...']
                      - matchers: ['severity="info"']
                        group_by: []
                  - matchers: ['team="ads"']
                    fallback_receiver: care-pager
              time_intervals:
                - name: nights
                  time_intervals: [{times: [{start_time: '00:00', end_time: '07:00'}]}]

            """)
        let root = try #require(alerting.route)
        let care = root.routes[0]
        #expect(care.receiver == "marketing-oncall")
        #expect(care.fallbackReceiver == "dead-letters")
        #expect(care.groupBy == .labels(["goal"]))
        #expect(care.groupWait == .minutes(1))
        #expect(care.groupInterval == .minutes(10))
        #expect(care.repeatInterval == .hours(12))
        #expect(care.muteTimeIntervals == ["nights"])
        #expect(care.continueMatching)

        let critical = care.routes[0]
        #expect(critical.receiver == "care-pager")
        #expect(critical.groupBy == .all)
        #expect(critical.groupInterval == .minutes(10))
        #expect(critical.repeatInterval == .hours(12))
        #expect(critical.fallbackReceiver == "dead-letters")
        // Time intervals are not inherited, as in Alertmanager.
        #expect(critical.muteTimeIntervals.isEmpty)
        #expect(!critical.continueMatching)
        // An empty group_by overrides the parent's: one group for the route.
        #expect(care.routes[1].groupBy == .labels([]))

        let ads = root.routes[1]
        #expect(ads.fallbackReceiver == "care-pager")
        #expect(ads.groupInterval == .minutes(5))
        #expect(ads.receiver == "marketing-oncall")
    }

    @Test("one matcher string may hold several, and every form Alertmanager reads is accepted; they are sorted")
    func matcherForms() throws {
        let route = try #require(try Self.load("""
            alerting:
              route:
                receiver: marketing-oncall
                routes:
                  - matchers:
                      - '{team="care", severity=~"warning|critical"}'
                      - network != x
                      - "goal=~\\"csat_.*\\""
                    receiver: care-pager

            """).route)
        #expect(route.routes[0].matchers.map(\.description) == [
            #"goal=~"csat_.*""#, #"network!="x""#, #"severity=~"warning|critical""#, #"team="care""#,
        ])
    }

    @Test("a time interval without a location is read in evaluation.timezone")
    func intervalLocationDefaultsToEvaluationZone() throws {
        let alerting = try Self.load("""
            alerting:
              route: {receiver: marketing-oncall}
              time_intervals:
                - name: weekends
                  time_intervals:
                    - weekdays: [Saturday, SUNDAY]
                    - days_of_month: ['1:7', '-1']
                      months: [january, '3', 'june:August']
                      years: ['2026:2027']
                      location: UTC

            """, evaluation: "evaluation: {timezone: Europe/Berlin}\n")
        let weekends = try #require(alerting.timeIntervals["weekends"])
        #expect(weekends.intervals == [
            TimeIntervalSpec(weekdays: [InclusiveRange(6), InclusiveRange(0)], location: TimeZone(identifier: "Europe/Berlin")!),
            TimeIntervalSpec(
                daysOfMonth: [InclusiveRange(1, 7), InclusiveRange(-1)],
                months: [InclusiveRange(1), InclusiveRange(3), InclusiveRange(6, 8)],
                years: [InclusiveRange(2026, 2027)], location: TimeZone(identifier: "UTC")!),
        ])
        // Saturday 00:30 in Berlin is Friday 23:30 in UTC.
        #expect(weekends.contains(Timestamp(rfc3339: "2026-03-06T23:30:00Z")!))
    }

    @Test("inhibition rules may leave either side out: it then matches any alert")
    func inhibitRuleDefaults() throws {
        let alerting = try Self.load("""
            alerting:
              route: {receiver: marketing-oncall}
              inhibit_rules:
                - target_matchers: ['severity="info"']
                - source_matchers: ['alertname="GoalWatchSourceStale"']
                  equal: [source, account]

            """)
        #expect(alerting.inhibitRules == [
            InhibitRule(sourceMatchers: [], targetMatchers: [try AlertMatcher.parse("severity=\"info\"")]),
            InhibitRule(sourceMatchers: [try AlertMatcher.parse("alertname=\"GoalWatchSourceStale\"")], targetMatchers: [],
                        equal: ["source", "account"]),
        ])
    }

    @Test("group_wait may be zero; a receiver no route names is fine")
    func zeroGroupWaitAndUnusedReceiver() throws {
        let config = try ConfigFixture.load(Self.receivers + "alerting:\n  route: {receiver: care-pager, group_wait: 0s}\n")
        #expect(config.alerting.route?.groupWait == TimeSpan(milliseconds: 0))
        #expect(config.receiver(named: "marketing-oncall") != nil)
        #expect(config.receiver(named: "nobody") == nil)
    }
}
