import Foundation
@testable import GoalWatchCore

/// Loads configurations from text with a fake file system and environment, as the daemon would with real ones.
enum ConfigFixture {
    static let path = "goalwatch.yml"
    static let currentDirectory = "/srv/goalwatch"

    /// Files `${file:…}` can read, by absolute path.
    static let files = [
        "/run/credentials/goalwatch.service/care-token": "s3cr3t-care-token\n",
    ]

    static func load(
        _ text: String,
        path: String = ConfigFixture.path,
        environment: [String: String] = [:],
        files: [String: String] = ConfigFixture.files
    ) throws(InputErrors) -> Configuration {
        try ConfigurationLoader.load(
            text: text, path: path, environment: environment, currentDirectory: currentDirectory
        ) { file in
            guard let text = files[file] else { throw CocoaError(.fileReadNoSuchFile) }
            return text
        }
    }

    /// The errors loading `text` reports, as `file:line:column: message` lines; empty when it loads.
    static func errors(
        _ text: String, environment: [String: String] = [:], files: [String: String] = ConfigFixture.files
    ) -> [String] {
        do {
            _ = try load(text, environment: environment, files: files)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }
}
