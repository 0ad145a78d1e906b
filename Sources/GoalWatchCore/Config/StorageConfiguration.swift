/// The `storage:` section: the SQLite file and how long samples are kept.
public struct StorageConfiguration: Sendable, Hashable {
    /// Absolute path of the SQLite file. Default `$STATE_DIRECTORY/goalwatch.sqlite` when systemd sets
    /// `STATE_DIRECTORY` (its first entry), else `goalwatch.sqlite` in the current directory.
    public var path: String
    /// How long samples are kept. Default 400 days (a year and a bit, for year-over-year goals).
    public var retention: TimeSpan

    /// The default retention: 400 days.
    public static let defaultRetention = TimeSpan.days(400)

    /// Creates a storage configuration.
    public init(path: String, retention: TimeSpan = StorageConfiguration.defaultRetention) {
        self.path = path
        self.retention = retention
    }

    /// The default database path for a process with `environment` running in `currentDirectory`.
    public static func defaultPath(environment: [String: String], currentDirectory: String) -> String {
        // systemd separates the folders of several StateDirectory= entries with ':'; the first is ours.
        if let state = environment["STATE_DIRECTORY"]?.split(separator: ":").first, !state.isEmpty {
            return ConfigPath.resolve("goalwatch.sqlite", against: ConfigPath.resolve(String(state), against: currentDirectory))
        }
        return ConfigPath.resolve("goalwatch.sqlite", against: currentDirectory)
    }
}
