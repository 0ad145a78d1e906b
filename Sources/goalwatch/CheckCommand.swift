import ArgumentParser
import GoalWatchCore

/// `goalwatch check`: validates the configuration and reports every error at once.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration; print every error as file:line:column.",
        discussion: """
        Example:
          goalwatch check --config /etc/goalwatch/goalwatch.yml

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
        let sources = configuration.sources.count
        print("\(path): OK (\(sources) source\(sources == 1 ? "" : "s"), \(configuration.ruleFiles.count) rule file pattern\(configuration.ruleFiles.count == 1 ? "" : "s"))")
    }
}
