import ArgumentParser

/// The release this binary was built from.
enum GoalWatchVersion {
    static let current = "0.1.0"
}

/// `goalwatch version`: prints the release.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the GoalWatch version.")

    func run() {
        print("goalwatch \(GoalWatchVersion.current)")
    }
}
