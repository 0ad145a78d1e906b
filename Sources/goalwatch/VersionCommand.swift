import ArgumentParser

/// The release this binary was built from.
enum GoalWatchVersion {
    static let current = "0.1.0"
}

/// `goalwatch version`: prints the release (`{"version": "…"}` with `--format json`). It takes
/// `--config` as every command does, and reads nothing.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the GoalWatch version.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        if options.format == .json {
            try JSONOutput.print(["version": GoalWatchVersion.current])
        } else {
            print("goalwatch \(GoalWatchVersion.current)")
        }
    }
}
