import Foundation
import GoalWatchCore
import GoalWatchIngest
import GoalWatchNotify
import GoalWatchStore
import Logging
import ServiceLifecycle
import Systemd
import UnixSignals

/// `goalwatch run`: sources, evaluation, alert state, router and outbox wired together under systemd.
///
/// The evaluation loop runs on the multiples of `evaluation.interval` and tells systemd how it went
/// (`READY=1` after the first cycle, `STATUS=` after each). Ingestion, group flushes and delivery run
/// beside it, so a slow source or a dead receiver never holds an evaluation back. SIGHUP reloads the
/// configuration and rules as a whole, or keeps the running ones when the new ones are invalid;
/// SIGTERM finishes the current cycle, gives deliveries in flight a bounded grace and stops.
public actor Daemon: Service {
    private let configPath: String
    private let notifier: Notifier
    private let logger: Logger
    private let events: AlertEventLog
    private let handOver = DeliveryHandOver()
    private let deliveryGrace: Duration
    private let userAgent: String
    private var setup: DaemonSetup
    private let store: MetricStore
    private let router: AlertRouter
    private var engine: RuleEngine
    private var history = HistoryCache()
    private var heap = HeapRelease()
    /// When the evaluation loop gives back the pages of code it ran once.
    private var codePages = CodePageRelease()
    private let freshness: SourceFreshness
    private var schedule: EvaluationSchedule
    private var status = DaemonStatus()
    private var delivery: (worker: OutboxWorker, transport: HTTPDeliveryTransport, task: Task<Void, Never>)?
    private var sources: Task<Void, Never>?
    private var maintenance: Task<Void, Never>?
    private let maintenanceSchedule: StoreMaintenance.Schedule
    private var ready = false
    private let watchdog: Watchdog?
    private var reloading = false
    /// The state the HTTP API shows, published after every evaluation and reload.
    public nonisolated let view: DaemonView

    /// The daemon with its own schedule of store maintenance (tests prune sooner than the standard's
    /// first minute); otherwise as the public initializer.
    init(
        configPath: String, logger: Logger, journal: Bool, version: String, notifier: Notifier = Notifier(),
        deliveryGrace: Duration = .seconds(10), maintenance: StoreMaintenance.Schedule
    ) throws {
        self.configPath = configPath
        maintenanceSchedule = maintenance
        userAgent = "GoalWatch/\(version)"
        self.notifier = notifier
        self.logger = logger
        self.deliveryGrace = deliveryGrace
        events = AlertEventLog(journal: journal, logger: logger)
        switch DaemonSetup.load(path: configPath) {
        case .failure(let errors): throw DaemonError.invalidSetup(errors)
        case .success(let setup): self.setup = setup
        }
        let configuration = setup.configuration
        do {
            let folder = (configuration.storage.path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            // Opening migrates a store written by an earlier release, which for a large store takes
            // minutes (about 2 per 65 M samples): longer than the unit's start timeout allows.
            store = try notifier.extendingStartTimeout(status: "opening the store \(configuration.storage.path) (migrating it to this release's schema)") {
                try MetricStore(path: configuration.storage.path)
            }
        } catch {
            throw DaemonError.startFailed("\(configuration.storage.path): cannot open the store: \(error)")
        }
        do {
            freshness = SourceFreshness(
                known: try store.lastIngestBySource(), sources: configuration.sources.map(\.name), start: Self.now())
        } catch {
            throw DaemonError.startFailed("\(configuration.storage.path): cannot read the ingest ledger: \(error)")
        }
        let events = self.events
        let handOver = self.handOver
        let externalURL = ExternalURL.of(configuration.http)
        router = try AlertRouter(
            store: store, alerting: configuration.alerting, receivers: configuration.receivers,
            externalURL: externalURL, now: Self.now(),
            onTransition: { events.record($0) }, onNotifications: { handOver.submit($0) })
        engine = RuleEngine(files: setup.evaluatedRules, settings: Self.engineSettings(configuration, externalURL: externalURL))
        schedule = EvaluationSchedule(interval: configuration.evaluation.interval)
        watchdog = try? Watchdog.current(unsettingEnvironment: true)
        view = DaemonView(setup: setup, store: store, version: version)
    }

    /// Loads the configuration at `configPath` and its rules, opens the store and restores the alert
    /// state; nothing runs until ``run()``.
    ///
    /// - Throws: ``DaemonError`` when the configuration, a rule file, the store or a receiver is unusable.
    ///
    /// - Parameters:
    ///   - journal: write alert transitions and delivery outcomes to journald (else to `logger`).
    ///   - version: GoalWatch's version, for the `User-Agent` of webhook requests.
    ///   - deliveryGrace: how long deliveries in flight may take to finish when stopping.
    public init(
        configPath: String, logger: Logger, journal: Bool, version: String, notifier: Notifier = Notifier(),
        deliveryGrace: Duration = .seconds(10)
    ) throws {
        try self.init(
            configPath: configPath, logger: logger, journal: journal, version: version, notifier: notifier,
            deliveryGrace: deliveryGrace, maintenance: .standard)
    }

    static func now() -> Timestamp { .now }

    /// Whether a reload from `old` to `new` needs a new delivery transport: it renders payloads with
    /// the receivers, the evaluation interval (the lease of alerts posted to an Alertmanager) and the
    /// time zone (the times in chat messages).
    static func deliveryChanges(from old: Configuration, to new: Configuration) -> Bool {
        new.receivers != old.receivers || new.evaluation.interval != old.evaluation.interval
            || new.evaluation.timeZone != old.evaluation.timeZone
    }

    private static func engineSettings(_ configuration: Configuration, externalURL: String?) -> RuleEngine.Settings {
        RuleEngine.Settings(defaultLookback: configuration.evaluation.lookback, externalURL: externalURL ?? "")
    }

    /// Runs until SIGTERM or SIGINT (through the service group), then stops cleanly.
    public func run() async throws {
        let restored = engine.restore(try await router.restoredEngineAlerts())
        logger.info("starting", metadata: ["config": .string(configPath), "restored_alerts": .string(String(restored))])
        try startDelivery()
        startSources()
        startMaintenance()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.flushLoop() }
            group.addTask { await self.reloadLoop() }
            await withGracefulShutdownHandler {
                await self.evaluationLoop()
            } onGracefulShutdown: {
                _ = try? self.notifier.stopping()
                self.logger.notice("stopping", metadata: .event(.stopping))
            }
            group.cancelAll()
        }
        sources?.cancel()
        maintenance?.cancel()
        await stopDelivery(grace: deliveryGrace)
        events.drain()
        // The store is closed once nothing writes to it any more: its write-ahead log then goes into
        // the file, and a stopped daemon leaves one self-contained file to copy.
        if await Self.settle([sources, maintenance].compactMap { $0 }, within: deliveryGrace) {
            do {
                try store.close()
            } catch {
                logger.warning("cannot close the store; its write-ahead log is replayed at the next start", metadata: ["error": .string("\(error)")])
            }
        }
        logger.info("stopped")
    }

    /// Waits for `tasks` to end, at most `limit`: whether they did.
    private static func settle(_ tasks: [Task<Void, Never>], within limit: Duration) async -> Bool {
        let (ended, signal) = AsyncStream.makeStream(of: Bool.self)
        let waiting = Task {
            for task in tasks { await task.value }
            signal.yield(true)
        }
        let timer = Task {
            try? await Task.sleep(for: limit)
            signal.yield(false)
        }
        defer {
            waiting.cancel()
            timer.cancel()
        }
        for await settled in ended { return settled }
        return false
    }

    // MARK: Evaluation

    /// Evaluates at every tick. With a systemd watchdog, the loop itself pings it after every cycle and
    /// every half watchdog interval while it waits: a cycle that hangs stops the pings, and systemd
    /// restarts the service.
    private func evaluationLoop() async {
        while !Task.isShuttingDownGracefully {
            await evaluate(at: Self.now())
            heap.afterCycle(ingestedSamples: view.current.counters.ingestedSamples)
            if !ready {
                ready = true
                _ = try? notifier.ready(status: status.line)
                logger.notice("started", metadata: .event(.started, ["status": .string(status.line)]))
            }
            if codePages.isDue(afterCycleAt: Self.now()) {
                let clock = ContinuousClock()
                let started = clock.now
                let released = CodePageRelease.release()
                logger.info("code pages released", metadata: [
                    "mappings": .string(String(released.mappings)), "resident_kib": .string(String(released.residentKiB)),
                    "duration_us": .string(String((clock.now - started) / .microseconds(1))),
                ])
            }
            if watchdog != nil { _ = try? notifier.watchdog() }
            let next = schedule.tick(after: Self.now())
            while !Task.isShuttingDownGracefully, Self.now() < next {
                let untilTick = Duration.milliseconds(max(next.milliseconds - Self.now().milliseconds, 0))
                let wait = watchdog.map { min(untilTick, $0.pingPeriod) } ?? untilTick
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
                if watchdog != nil { _ = try? notifier.watchdog() }
            }
        }
    }

    /// One cycle: bring the windows the rules read up to date, evaluate, record the transitions, flush
    /// due groups. When the store cannot be read the cycle is skipped, so that missing history does
    /// not resolve alerts.
    private func evaluate(at time: Timestamp) async {
        let clock = ContinuousClock()
        let started = clock.now
        var series: SeriesSet
        do {
            series = try history.refresh(
                setup.rules.selectorWindows(from: time, through: time), defaultLookback: setup.configuration.evaluation.lookback,
                from: store)
        } catch {
            logger.error("cannot read the history store; evaluation skipped", metadata: ["error": .string("\(error)")])
            return
        }
        freshness.append(to: &series, at: time)
        let cycle = engine.evaluateAll(at: time, series: &series)
        history.keepDerived(from: series)
        for failure in cycle.failures {
            logger.warning("rule failed", metadata: ["rule": .string(failure.description)])
        }
        do {
            try await router.record(cycle, active: engine.activeAlerts, at: time)
            // The router hands the notifications it writes to the worker, which wakes their lanes.
            try await router.flush(at: time)
        } catch {
            logger.error("cannot record alert states", metadata: ["error": .string("\(error)")])
        }
        status.goals = cycle.goals.count
        status.goalsOffTrack = cycle.goals.filter { [.behindPace, .atRisk, .breached, .missed].contains($0.assessment.state) }.count
        status.firing = engine.activeAlerts.filter { $0.instance.phase == .firing }.count
        status.lastEvaluation = time
        let elapsed = clock.now - started
        status.lastDurationMilliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        status.outboxDepth = (try? store.outboxDepth()) ?? status.outboxDepth
        view.recordEvaluation(
            cycle, active: engine.activeAlerts, at: time, duration: elapsed, held: (history.seriesCount, history.sampleCount))
        if ready { _ = try? notifier.status(status.line) }
    }

    // MARK: Groups and delivery

    /// Flushes groups whose `group_wait`/`group_interval` ends between evaluations.
    private func flushLoop() async {
        while !Task.isCancelled {
            let deadline = await router.nextDeadline
            let now = Self.now()
            let wait = min(max((deadline?.milliseconds ?? Int64.max) - now.milliseconds, 0), 1000)
            try? await Task.sleep(for: .milliseconds(wait))
            if Task.isCancelled { break }
            do {
                try await router.flush(at: Self.now())
            } catch {
                logger.error("cannot flush alert groups", metadata: ["error": .string("\(error)")])
            }
        }
    }

    private func startDelivery() throws {
        let configuration = setup.configuration
        let transport = try HTTPDeliveryTransport(
            receivers: configuration.receivers, evaluationInterval: configuration.evaluation.interval,
            timeZone: configuration.evaluation.timeZone, userAgent: userAgent)
        let events = self.events
        let view = self.view
        let worker = OutboxWorker(store: store, transport: transport, report: { event in
            events.record(event)
            view.recordDelivery(event)
        })
        handOver.attach(worker)
        delivery = (worker, transport, Task { await worker.run() })
    }

    private func stopDelivery(grace: Duration) async {
        guard let delivery else { return }
        self.delivery = nil
        handOver.attach(nil)
        // Deliveries in flight get `grace` to finish; what is left stays in the outbox for the next start.
        await delivery.worker.finish()
        let timer = Task {
            try? await Task.sleep(for: grace)
            delivery.task.cancel()
        }
        await delivery.task.value
        timer.cancel()
        try? await delivery.transport.shutdown()
    }

    // MARK: Sources

    private func startSources() {
        let configuration = setup.configuration
        let ingester = SnapshotIngester(store: store)
        let folder = (configuration.storage.path as NSString).deletingLastPathComponent
        let quarantine = Quarantine(directory: (folder.isEmpty ? "." : folder) + "/quarantine")
        let logger = self.logger
        let view = self.view
        let report: @Sendable (String, IngestOutcome) -> Void = { name, outcome in
            view.recordIngest(outcome)
            switch outcome {
            case .ingested(let samples, let series):
                logger.info("ingested", metadata: ["file": .string(name), "samples": .string(String(samples)), "series": .string(String(series))])
            case .refused(let error, let quarantinedAt):
                logger.error("snapshot refused", metadata: .event(.ingestError, [
                    "error": .string(error.description), "quarantined_at": .string(quarantinedAt ?? ""),
                ]))
            case .deferred(let reason):
                logger.warning("snapshot deferred", metadata: ["source": .string(name), "reason": .string(reason)])
            case .unchanged, .settling:
                break
            }
        }
        let sourceConfigurations = configuration.sources
        let freshness = self.freshness
        sources = Task(executorPreference: view.ingestExecutor) {
            await withTaskGroup(of: Void.self) { group in
                for source in sourceConfigurations {
                    let report: @Sendable (String, IngestOutcome) -> Void = { name, outcome in
                        if case .ingested = outcome { freshness.record(source.name, at: Daemon.now()) }
                        report(name, outcome)
                    }
                    switch source.kind {
                    case .file(let options):
                        let fileSource = FileSource(
                            pattern: options.path, every: source.every, afterRead: options.afterRead, settings: IngestSettings(source: source))
                        group.addTask { await fileSource.run(into: ingester, quarantine: quarantine, now: Daemon.now, report: report) }
                    case .http(let options):
                        let httpSource = HTTPSource(
                            name: source.name, url: options.url.reveal(),
                            headers: options.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value.reveal()) },
                            timeout: options.timeout, every: source.every, settings: IngestSettings(source: source))
                        group.addTask {
                            await httpSource.run(into: ingester, now: Daemon.now) { report(source.name, $0) }
                        }
                    }
                }
            }
        }
    }

    // MARK: Retention

    /// Prunes the store on the ingest executor, between snapshots, so that its writes never wait for
    /// an ingest's nor hold one up; the retention is read at each pass, so a reload changes it.
    private func startMaintenance() {
        let maintenance = StoreMaintenance(store: store)
        let router = self.router
        let schedule = maintenanceSchedule
        let logger = self.logger
        self.maintenance = Task(executorPreference: view.ingestExecutor) {
            try? await Task.sleep(for: schedule.delay)
            while !Task.isCancelled {
                let retention = await self.setup.configuration.storage.retention
                do {
                    let now = Daemon.now()
                    let outcome = try maintenance.pass(retention: retention, at: now)
                    let groups = try await router.forgetResolvedGroups(notifiedBefore: now - StoreMaintenance.endedRetention)
                    if outcome.deletedAnything || groups > 0 {
                        logger.info("store pruned", metadata: [
                            "retention": .string(retention.description), "samples": .string(String(outcome.history.samples)),
                            "series": .string(String(outcome.history.series)), "silences": .string(String(outcome.silences)),
                            "resolved_groups": .string(String(groups)),
                        ])
                    }
                } catch {
                    logger.error("cannot prune the store", metadata: ["error": .string("\(error)")])
                }
                try? await Task.sleep(for: schedule.interval)
            }
        }
    }

    // MARK: Reload

    private func reloadLoop() async {
        for await _ in await UnixSignalsSequence(trapping: .sighup) {
            if Task.isCancelled { break }
            await reload()
        }
    }

    /// Loads the configuration and rules again; swaps them in as a whole, or keeps the running ones and
    /// says why in the log and in STATUS. A configuration that moves the HTTP API is refused: the server
    /// keeps its socket until a restart.
    @discardableResult
    public func reload() async -> ReloadOutcome {
        guard !reloading else { return .conflict("another reload is under way; try again when it has finished") }
        reloading = true
        defer { reloading = false }
        _ = try? notifier.reloading()
        defer { _ = try? notifier.ready(status: status.line) }
        switch DaemonSetup.load(path: configPath) {
        case .failure(let errors):
            for error in errors.errors {
                logger.error("reload refused", metadata: .event(.reloadFailed, ["error": .string(error.description)]))
            }
            status.reloadError = errors.errors.first?.description ?? "invalid configuration"
            view.recordReloadRefused()
            return .invalid(errors)
        case .success(let new) where new.configuration.http?.listen != setup.configuration.http?.listen:
            let reason = "\(configPath): the http section moves the API (listen \(Self.listenText(setup)) → \(Self.listenText(new))); "
                + "the server keeps its socket until the service restarts, so nothing was reloaded"
            logger.error("reload refused", metadata: .event(.reloadFailed, ["error": .string(reason)]))
            status.reloadError = reason
            view.recordReloadRefused()
            return .conflict(reason)
        case .success(let new):
            let previous = setup
            setup = new
            let externalURL = ExternalURL.of(new.configuration.http)
            var engine = RuleEngine(
                files: new.evaluatedRules, settings: Self.engineSettings(new.configuration, externalURL: externalURL))
            _ = engine.restore(self.engine.activeAlerts)
            self.engine = engine
            history.invalidate()
            freshness.track(new.configuration.sources.map(\.name), from: Self.now())
            schedule = EvaluationSchedule(interval: new.configuration.evaluation.interval)
            await router.reload(
                alerting: new.configuration.alerting, receivers: new.configuration.receivers,
                externalURL: externalURL, at: Self.now())
            if Self.deliveryChanges(from: previous.configuration, to: new.configuration) {
                await stopDelivery(grace: .seconds(0))
                do { try startDelivery() } catch { logger.error("cannot start delivery", metadata: ["error": .string("\(error)")]) }
            }
            if new.configuration.sources != previous.configuration.sources {
                sources?.cancel()
                startSources()
            }
            status.reloadError = nil
            codePages.reloaded()
            view.recordReload(new)
            logger.notice("reloaded", metadata: .event(.reload, [
                "config": .string(configPath), "goals": .string(String(new.goalCount)),
            ]))
            return .reloaded(goals: new.goalCount)
        }
    }

    /// How a reload refusal names where the API listens under `setup`.
    private static func listenText(_ setup: DaemonSetup) -> String {
        setup.configuration.http.map { "\($0.listen)" } ?? "none"
    }
}
