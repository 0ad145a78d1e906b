import ArgumentParser
import Foundation
import GoalWatchCore
import GoalWatchDaemon

/// Finds and reads the configuration file for a command.
enum ConfigurationFile {
    static let systemPath = "/etc/goalwatch/goalwatch.yml"
    static let localPath = "goalwatch.yml"
    /// What a configuration made of built-in defaults (no file found) calls its path.
    static let builtInDefaults = "(built-in defaults)"

    /// The path a command uses: `--config` when given, else the system file, else `./goalwatch.yml`;
    /// `nil` when none of the defaults exists (commands then run on built-in defaults).
    static func path(explicit: String?) -> String? {
        if let explicit { return explicit }
        for candidate in [systemPath, localPath] where FileManager.default.fileExists(atPath: candidate) {
            return candidate
        }
        return nil
    }

    /// Loads and validates the configuration, printing every error as file:line:column on failure.
    ///
    /// - Throws: `ExitCode(1)` after printing when the file is missing or invalid.
    static func load(explicit: String?) throws -> Configuration {
        let environment = ProcessInfo.processInfo.environment
        let currentDirectory = FileManager.default.currentDirectoryPath
        guard let path = path(explicit: explicit) else {
            let storage = StorageConfiguration(path: StorageConfiguration.defaultPath(environment: environment, currentDirectory: currentDirectory))
            return Configuration(path: builtInDefaults, directory: currentDirectory, storage: storage)
        }
        switch read(path) {
        case .success(let configuration):
            return configuration
        case .failure(let errors):
            for error in errors.errors { printError(error.description) }
            throw ExitCode(1)
        }
    }

    /// The configuration at `path`, or every error in it, with this process's environment and folder.
    static func read(_ path: String) -> Result<Configuration, InputErrors> {
        ConfigurationFileReader.load(
            path: path, environment: ProcessInfo.processInfo.environment, currentDirectory: FileManager.default.currentDirectoryPath)
    }
}

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
