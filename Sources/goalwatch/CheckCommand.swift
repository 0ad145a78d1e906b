import ArgumentParser
import Foundation
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

        With --format json: {"config", "valid": true, "counts": {...}, "http": {"listen", "read_only"}},
        or {"config", "valid": false, "errors": [{"file", "line", "column", "message"}]}.

        Exit status: 0 when valid, 1 when any error was found.
        """
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        guard let path = ConfigurationFile.path(explicit: options.config) else {
            printError("no configuration file: pass --config, or create \(ConfigurationFile.systemPath) or ./\(ConfigurationFile.localPath)")
            throw ExitCode(1)
        }
        let configuration: Configuration
        switch ConfigurationFile.read(path) {
        case .failure(let errors):
            try report(errors.errors, config: path)
            throw ExitCode(1)
        case .success(let loaded):
            configuration = loaded
        }
        let rules = RuleFiles.load(configuration)
        guard rules.errors.isEmpty else {
            try report(rules.errors, config: path)
            throw ExitCode(1)
        }
        if options.format == .json {
            try JSONOutput.print(["config": path, "valid": true, "counts": Self.counts(configuration, rules: rules), "http": Self.apiJSON(configuration.http)])
        } else {
            print("\(path): OK (\(Self.summary(configuration, rules: rules)))")
        }
    }

    /// The errors as `file:line:column: message` lines on standard error, or for `--format json` as
    /// `{"config", "valid": false, "errors": [{"file", "line", "column", "message"}]}` on standard output.
    private func report(_ errors: [InputError], config: String) throws {
        guard options.format == .json else {
            for error in errors { printError(error.description) }
            return
        }
        let list: [[String: Any]] = errors.map { error in
            var object: [String: Any] = ["message": error.message]
            if let location = error.location {
                object["file"] = location.file
                if location.line > 0 { object["line"] = location.line }
                if location.column > 0 { object["column"] = location.column }
            }
            return object
        }
        try JSONOutput.print(["config": config, "valid": false, "errors": list])
    }

    /// What the configuration and its rule files hold, by kind.
    static func counts(_ configuration: Configuration, rules: RuleFileSet) -> [String: Int] {
        [
            "sources": configuration.sources.count, "rule_files": rules.files.count, "groups": rules.groups.count,
            "recording_rules": rules.recordingRuleCount, "alerting_rules": rules.alertingRuleCount, "goals": rules.goals.count,
            "receivers": configuration.receivers.count, "routes": configuration.alerting.route.map(routeCount) ?? 0,
        ]
    }

    /// `{"listen", "read_only"}` of the HTTP API, or `NSNull` without one; never the token.
    private static func apiJSON(_ http: HTTPConfiguration?) -> Any {
        guard let http else { return NSNull() }
        return ["listen": "\(http.listen)", "read_only": http.token == nil] as [String: Any]
    }

    /// `1 source, 2 rule files: 3 groups, 10 recording rules, 4 alerting rules, 5 goals; 2 receivers, 3 routes;
    /// HTTP API on 127.0.0.1:9464`.
    static func summary(_ configuration: Configuration, rules: RuleFileSet) -> String {
        let counts = counts(configuration, rules: rules)
        func shown(_ key: String, _ noun: String) -> String { count(counts[key] ?? 0, noun) }
        let ruleCounts = [
            shown("groups", "group"), shown("recording_rules", "recording rule"), shown("alerting_rules", "alerting rule"), shown("goals", "goal"),
        ]
        return "\(shown("sources", "source")), \(shown("rule_files", "rule file")): "
            + "\(ruleCounts.joined(separator: ", ")); \(shown("receivers", "receiver")), \(shown("routes", "route"))"
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
