import ArgumentParser
import Foundation
import GoalWatchDaemon
import Logging
import ServiceLifecycle
import Systemd

/// `goalwatch run`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon: ingest sources, evaluate rules and goals, and deliver alerts.",
        discussion: """
        Meant to run under systemd (deploy/goalwatch.service, Type=notify): READY=1 after the first
        evaluation, STATUS= after each, SIGHUP reloads the configuration and rules (an invalid new
        configuration is refused and the running one kept), SIGTERM stops after the current cycle.
        Logs go to journald when systemd connects stderr to it, else to stderr as logfmt
        (GOALWATCH_LOG=journal|logfmt overrides). With an http: section the HTTP API (health,
        metrics, dashboard, silences, push ingest; docs/http-api.md) serves beside the daemon.
        """
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let backend: LogBackend
        do {
            backend = try LogBackend.forCurrentProcess()
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        LoggingSystem.bootstrap { label in backend.makeHandler(label: label, identifier: "goalwatch", metadataProvider: nil) }
        let logger = Logger(label: "goalwatch")
        guard let path = ConfigurationFile.path(explicit: options.config) else {
            printError("no configuration file: pass --config, or create \(ConfigurationFile.systemPath) or ./\(ConfigurationFile.localPath)")
            throw ExitCode(1)
        }
        let daemon: Daemon
        do {
            daemon = try Daemon(configPath: path, logger: logger, journal: backend == .journal, version: GoalWatchVersion.current)
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
        let api: (any Service)?
        do {
            api = try await HTTPAPI.server(for: daemon, logger: logger)
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
        // Services stop in reverse order: the API first, so that no request reaches a stopping daemon.
        // Should the API end on its own, the daemon still stops gracefully, never by cancellation.
        let apiService = api.map {
            ServiceGroupConfiguration.ServiceConfiguration(
                service: $0, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup)
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: daemon)] + (apiService.map { [$0] } ?? []),
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
