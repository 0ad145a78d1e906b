import Foundation
import GoalWatchCore
@testable import GoalWatchDaemon
import Testing

/// Which reloads give delivery a new transport: those that change what it renders payloads with.
@Suite struct ReloadDeliveryTests {
    private let base = Configuration(
        path: "goalwatch.yml", directory: "/srv/goalwatch", storage: StorageConfiguration(path: "/srv/goalwatch/goalwatch.sqlite"),
        receivers: [ReceiverConfiguration(name: "hook", kind: .webhook(WebhookReceiver(url: .plain("http://127.0.0.1:1/hook"))))])

    @Test func receiversTheIntervalAndTheTimeZoneNeedANewTransport() throws {
        var receivers = base
        receivers.receivers.append(ReceiverConfiguration(name: "chat", kind: .slack(SlackReceiver(url: .plain("http://127.0.0.1:1/slack")))))
        var interval = base
        interval.evaluation.interval = .minutes(5)
        var zone = base
        zone.evaluation.timeZone = try #require(TimeZone(identifier: "Europe/Istanbul"))
        for changed in [receivers, interval, zone] {
            #expect(Daemon.deliveryChanges(from: base, to: changed))
        }
    }

    @Test func otherChangesKeepTheTransport() {
        var retention = base
        retention.storage.retention = .days(30)
        var rules = base
        rules.ruleFiles = ["/srv/goalwatch/rules/*.yml"]
        #expect(!Daemon.deliveryChanges(from: base, to: base))
        #expect(!Daemon.deliveryChanges(from: base, to: retention))
        #expect(!Daemon.deliveryChanges(from: base, to: rules))
    }
}
