import ArgumentParser
import GoalWatchCore
import GoalWatchDaemon

/// `goalwatch check`: validates the configuration and every rule file, reporting every error at once.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration and its rule files; print every error as file:line:column.",
        discussion: """
        Example:
          goalwatch check --config /etc/goalwatch/goalwatch.yml

        Rule files are those the configuration's rule_files patterns match; a pattern that matches
        no file is not an error. Errors in the configuration itself are reported first, and rule files
        are checked once the configuration is valid.

        Exit status: 0 when valid, 1 when any error was found.
        """
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        guard let path = ConfigurationFile.path(explicit: options.config) else {
            printError("no configuration file: pass --config, or create \(ConfigurationFile.systemPath) or ./\(ConfigurationFile.localPath)")
            throw ExitCode(1)
        }
        let configuration = try ConfigurationFile.load(explicit: path)
        let rules = RuleFiles.load(configuration)
        guard rules.errors.isEmpty else {
            for error in rules.errors { printError(error.description) }
            throw ExitCode(1)
        }
        print("\(path): OK (\(Self.summary(configuration, rules: rules)))")
    }

    /// `1 source, 2 rule files: 3 groups, 10 recording rules, 4 alerting rules, 5 goals; 2 receivers, 3 routes;
    /// HTTP API on 127.0.0.1:9464`.
    static func summary(_ configuration: Configuration, rules: RuleFileSet) -> String {
        let counts = [
            count(rules.groups.count, "group"), count(rules.recordingRuleCount, "recording rule"),
            count(rules.alertingRuleCount, "alerting rule"), count(rules.goals.count, "goal"),
        ]
        let routes = configuration.alerting.route.map(routeCount) ?? 0
        return "\(count(configuration.sources.count, "source")), \(count(rules.files.count, "rule file")): "
            + "\(counts.joined(separator: ", ")); \(count(configuration.receivers.count, "receiver")), \(count(routes, "route"))"
            + (configuration.http.map { "; \(api($0))" } ?? "")
    }

    /// `HTTP API on 127.0.0.1:9464`, and whether changes are possible; never the token itself.
    private static func api(_ http: HTTPConfiguration) -> String {
        let place = http.listen == .systemd ? "the socket systemd passes (goalwatch.socket)" : "\(http.listen)"
        return "HTTP API on \(place)" + (http.token == nil ? ", read-only (no http.token_file)" : "")
    }

    private static func routeCount(_ route: AlertRoute) -> Int {
        1 + route.routes.map(routeCount).reduce(0, +)
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
