import ArgumentParser
import Foundation
import GoalWatchCore
import GoalWatchNotify
import GoalWatchStore

/// `goalwatch notify --receiver NAME`: sends a test notification through the outbox, with the same
/// rendering, signing and retries as real ones, and waits for the outcome.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Send a test notification to a receiver and wait until it is delivered or given up.",
        discussion: """
        The notification (alertname GoalWatchTest) is written to the outbox first and delivered like any
        other: failed attempts are retried with backoff, honouring Retry-After. Exits 0 once the receiver
        accepted it, 1 when it was given up (a refusal such as HTTP 400, or --give-up-after passed), with
        the reason.

        Example:
          goalwatch notify --config /etc/goalwatch/goalwatch.yml --receiver marketing-oncall
        """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: ArgumentHelp("The receiver's name in the configuration.", valueName: "name"))
    var receiver: String

    @Option(help: ArgumentHelp("Give up after this long (instead of the receiver's max_age).", valueName: "duration"))
    var giveUpAfter: String = "1m"

    func run() async throws {
        guard let giveUp = TimeSpan(giveUpAfter), giveUp.milliseconds > 0 else {
            printError("--give-up-after: expected a duration such as 30s or 5m, found \(giveUpAfter)")
            throw ExitCode(1)
        }
        let configuration = try ConfigurationFile.load(explicit: options.config)
        guard var receiverConfiguration = configuration.receivers.first(where: { $0.name == receiver }) else {
            let known = configuration.receivers.map(\.name)
            printError("no receiver named \(receiver) in \(configuration.path)"
                + (known.isEmpty ? " (it configures none)" : "; known: \(known.joined(separator: ", "))"))
            throw ExitCode(1)
        }
        receiverConfiguration.delivery.maxAge = giveUp
        let store = try StoreOpener.open(configuration)
        let now = Timestamp.now
        let notification = TestNotification.make(receiver: receiver, at: now)
        try store.enqueue(OutboxEntry(
            id: notification.id, receiver: receiver, body: try StoredJSON.encode(notification),
            createdAt: now))

        let transport: HTTPDeliveryTransport
        do {
            transport = try HTTPDeliveryTransport(
                receivers: [receiverConfiguration], evaluationInterval: configuration.evaluation.interval,
                timeZone: configuration.evaluation.timeZone, userAgent: "GoalWatch/\(GoalWatchVersion.current)")
        } catch let error as InputError {
            printError(error.description)
            throw ExitCode(1)
        }
        let (events, sink) = AsyncStream.makeStream(of: DeliveryEvent.self)
        let worker = OutboxWorker(store: store, transport: transport, report: { sink.yield($0) }, only: [notification.id])
        let delivery = Task { await worker.run() }
        var outcome: DeliveryOutcome?
        for await event in events {
            if case .failed(let attempt, let reason) = event.outcome {
                let next = event.nextAttemptAt.map { "; next attempt at \($0)" } ?? ""
                printError("attempt \(attempt) failed: \(reason)\(next)")
                continue
            }
            outcome = event.outcome
            break
        }
        delivery.cancel()
        await delivery.value
        try await transport.shutdown()
        switch outcome {
        case .notified(let attempt):
            if options.format == .json {
                try JSONOutput.print(["receiver": receiver, "notification": notification.id, "delivered": true, "attempts": attempt])
            } else {
                print("delivered to \(receiver) (notification \(notification.id), attempt \(attempt))")
            }
        case .deadLettered(let attempts, let reason):
            printError("gave up on \(receiver) after \(attempts) attempt(s): \(reason)")
            if options.format == .json {
                try JSONOutput.print([
                    "receiver": receiver, "notification": notification.id, "delivered": false, "attempts": attempts, "error": reason,
                ] as [String: Any])
            }
            throw ExitCode(1)
        case .failed, nil:
            throw ExitCode(1)
        }
    }
}
