// Drives GoalWatch's alerting pipeline as the daemon will: the router records an evaluation's firing
// alerts in the store, groups them, flushes the groups due into the outbox (one transaction), and the
// outbox worker delivers them with the HTTP transport. Everything runs on a real SQLite store file with
// the store's own durability settings.
//
//     notify-bench-driver --config goalwatch.yml --alerts 10000
//
// The configuration gives the store's path, the route (group_by, group_wait) and the receivers. The
// driver prepares the evaluation, prints `ready`, and waits for a line on standard input; then it
// prints `burst T`, records and flushes (`recorded T`, `flushed N T M`: M delivered by then), and `drained T D` once the
// worker has reported every notification delivered (T in Unix seconds; D: the entries then left in the
// outbox, 0 unless something was sent twice). It exits when standard input closes.
import Foundation
import GoalWatchCore
import GoalWatchNotify
import GoalWatchStore
import Synchronization

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ line: String) -> Never {
    FileHandle.standardError.write(Data((line + "\n").utf8))
    exit(1)
}

func option(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func stamp(_ time: Timestamp) -> String { String(format: "%.6f", Double(time.milliseconds) / 1000) }

func wallClock() -> Timestamp { Timestamp(unixSeconds: Date().timeIntervalSince1970) }

/// Waits, off the cooperative pool, for the next line of standard input (`nil` at its end).
func nextInputLine() async -> String? {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: readLine()) }
    }
}

let networks = ["instagram", "facebook", "tiktok", "linkedin", "x"]

/// One firing alert per account, as an evaluation that raised them all at once would report them.
func burst(alerts count: Int, at now: Timestamp) -> (EvaluationCycle, [ActiveAlert]) {
    var cycle = EvaluationCycle()
    var active: [ActiveAlert] = []
    let origin = AlertOrigin.rule(group: "bench", rule: "BenchFollowersFalling")
    for index in 0..<count {
        let account = String(format: "acct%05d", index)
        let labels = Labels([
            "alertname": "BenchFollowersFalling", "account": account, "network": networks[index % networks.count],
            "severity": "warning",
        ])
        let annotations = ["summary": "followers of \(account) are falling"]
        cycle.transitions.append(AlertTransition(
            event: AlertEvent(kind: .firing, labels: labels, value: -1, activeSince: now, at: now),
            annotations: annotations, origin: origin))
        active.append(ActiveAlert(
            instance: AlertInstance(labels: labels, phase: .firing, activeSince: now, firingSince: now, value: -1),
            annotations: annotations, origin: origin, seriesLabels: labels))
    }
    return (cycle, active)
}

guard let configPath = option("--config") else { fail("usage: notify-bench-driver --config PATH [--alerts N]") }
let alertCount = Int(option("--alerts") ?? "10000") ?? 10_000
guard let text = try? String(contentsOfFile: configPath, encoding: .utf8) else { fail("\(configPath): cannot read") }
let configuration: Configuration
do {
    configuration = try ConfigurationLoader.load(
        text: text, path: configPath, environment: ProcessInfo.processInfo.environment,
        currentDirectory: FileManager.default.currentDirectoryPath,
        readFile: { try String(contentsOfFile: $0, encoding: .utf8) })
} catch {
    fail(error.errors.map(\.description).joined(separator: "\n"))
}

let store = try MetricStore(path: configuration.storage.path)
let transport = try HTTPDeliveryTransport(
    receivers: configuration.receivers, evaluationInterval: configuration.evaluation.interval,
    timeZone: configuration.evaluation.timeZone, userAgent: "GoalWatch/bench")
// Counting the worker's reports (the daemon writes them to journald) instead of polling the outbox's
// depth keeps the driver's own work out of the figures.
let notified = Mutex(0)
let (allNotified, lastNotified) = AsyncStream.makeStream(of: Void.self)
let worker = OutboxWorker(store: store, transport: transport, report: { event in
    guard case .notified = event.outcome else { return }
    if notified.withLock({ count in count += 1; return count }) == alertCount { lastNotified.yield() }
})
let delivery = Task { await worker.run() }
// As the daemon wires them: each flush's notifications go to the worker once they are in the outbox.
let router = try AlertRouter(
    store: store, alerting: configuration.alerting, receivers: configuration.receivers, now: wallClock(),
    onNotifications: { worker.submit($0) })

let prepared = wallClock()
let (cycle, active) = burst(alerts: alertCount, at: prepared)
say("ready")
guard await nextInputLine() != nil else { fail("standard input closed before the burst") }

let began = wallClock()
say("burst \(stamp(began))")
try await router.record(cycle, active: active, at: began)
say("recorded \(stamp(wallClock()))")
var flushed = 0
while flushed < alertCount {
    guard let deadline = await router.nextDeadline else { break }
    let wait = deadline.milliseconds - wallClock().milliseconds
    if wait > 0 { try await Task.sleep(for: .milliseconds(wait)) }
    let entries = try await router.flush(at: wallClock())
    flushed += entries.count
}
say("flushed \(flushed) \(stamp(wallClock())) \(notified.withLock { $0 })")
for await _ in allNotified { break }
say("drained \(stamp(wallClock())) \(try store.outboxDepth())")
_ = await nextInputLine()
delivery.cancel()
await delivery.value
try await transport.shutdown()
