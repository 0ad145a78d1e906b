import Foundation
import Testing
@testable import GoalWatchCore

@Suite("Alert state machine")
struct AlertStateMachineTests {
    let slow = Labels(["alertname": "SlowFirstResponse", "network": "x"])
    let other = Labels(["alertname": "SlowFirstResponse", "network": "instagram"])

    func at(_ minutes: Int64) -> Timestamp { Timestamp(milliseconds: 1_772_323_200_000 + minutes * 60_000) }

    func kinds(_ events: [AlertEvent]) -> [AlertEvent.Kind] { events.map(\.kind) }

    @Test("for: 0 fires at the first evaluation where the condition holds")
    func firesAtOnce() {
        var machine = AlertStateMachine(holdDuration: .seconds(0))
        let events = machine.evaluate(active: [slow: 75], at: at(0))
        #expect(kinds(events) == [.firing])
        #expect(events.first?.value == 75)
        #expect(machine.instances[slow]?.phase == .firing)
    }

    @Test("an alert is pending until its condition has held for `for`, then fires once")
    func pendingThenFiring() {
        var machine = AlertStateMachine(holdDuration: .minutes(30))
        #expect(kinds(machine.evaluate(active: [slow: 61], at: at(0))) == [.pending])
        #expect(kinds(machine.evaluate(active: [slow: 62], at: at(29))).isEmpty)
        let firing = machine.evaluate(active: [slow: 63], at: at(30))
        #expect(kinds(firing) == [.firing])
        #expect(firing.first?.activeSince == at(0))
        #expect(kinds(machine.evaluate(active: [slow: 64], at: at(31))).isEmpty)
    }

    @Test("a pending alert whose condition stops holding is dropped without an event, and starts over")
    func pendingDropped() {
        var machine = AlertStateMachine(holdDuration: .minutes(30))
        _ = machine.evaluate(active: [slow: 61], at: at(0))
        #expect(machine.evaluate(active: [:], at: at(10)).isEmpty)
        #expect(machine.instances.isEmpty)
        #expect(kinds(machine.evaluate(active: [slow: 61], at: at(20))) == [.pending])
        #expect(kinds(machine.evaluate(active: [slow: 61], at: at(45))).isEmpty)
        #expect(kinds(machine.evaluate(active: [slow: 61], at: at(50))) == [.firing])
    }

    @Test("a firing alert resolves once, at the first evaluation without its condition, with its last value")
    func resolves() {
        var machine = AlertStateMachine(holdDuration: .seconds(0))
        _ = machine.evaluate(active: [slow: 75], at: at(0))
        let resolved = machine.evaluate(active: [:], at: at(1))
        #expect(kinds(resolved) == [.resolved])
        #expect(resolved.first?.value == 75)
        #expect(machine.evaluate(active: [:], at: at(2)).isEmpty)
    }

    @Test("keep_firing_for holds a firing alert until the condition has been false that long")
    func keepFiringFor() {
        var machine = AlertStateMachine(holdDuration: .seconds(0), keepFiringFor: .minutes(10))
        _ = machine.evaluate(active: [slow: 75], at: at(0))
        #expect(machine.evaluate(active: [:], at: at(1)).isEmpty)
        #expect(machine.evaluate(active: [:], at: at(10)).isEmpty)
        #expect(kinds(machine.evaluate(active: [:], at: at(11))) == [.resolved])
    }

    @Test("a condition returning during keep_firing_for restarts the quiet period")
    func keepFiringRestarts() {
        var machine = AlertStateMachine(holdDuration: .seconds(0), keepFiringFor: .minutes(10))
        _ = machine.evaluate(active: [slow: 75], at: at(0))
        _ = machine.evaluate(active: [:], at: at(5))
        #expect(machine.evaluate(active: [slow: 80], at: at(8)).isEmpty)
        #expect(machine.evaluate(active: [:], at: at(12)).isEmpty)
        #expect(machine.evaluate(active: [:], at: at(21)).isEmpty)
        #expect(kinds(machine.evaluate(active: [:], at: at(22))) == [.resolved])
    }

    @Test("label sets are independent alerts, reported in a stable order")
    func independentAlerts() {
        var machine = AlertStateMachine(holdDuration: .seconds(0))
        let events = machine.evaluate(active: [slow: 75, other: 90], at: at(0))
        #expect(events.map(\.labels) == [other, slow])
        #expect(kinds(machine.evaluate(active: [other: 90], at: at(1))) == [.resolved])
        #expect(machine.instances.keys.map { $0 } == [other])
    }

    @Test("state survives a restart through its encoded form: no re-fire, and the pending timer goes on")
    func restoresAfterRestart() throws {
        var machine = AlertStateMachine(holdDuration: .minutes(30))
        _ = machine.evaluate(active: [slow: 61], at: at(0))
        _ = machine.evaluate(active: [slow: 61, other: 95], at: at(30))
        let saved = try JSONEncoder().encode(Array(machine.instances.values))
        let restored = try JSONDecoder().decode([AlertInstance].self, from: saved)
        var restarted = AlertStateMachine(holdDuration: .minutes(30), restoring: restored)
        #expect(restarted.instances == machine.instances)
        // `slow` is already firing: no second firing event. `other` pends since 30 and fires at 60.
        #expect(kinds(restarted.evaluate(active: [slow: 61, other: 95], at: at(45))).isEmpty)
        let events = restarted.evaluate(active: [slow: 61, other: 95], at: at(60))
        #expect(events.map(\.kind) == [.firing] && events.first?.labels == other)
    }
}
