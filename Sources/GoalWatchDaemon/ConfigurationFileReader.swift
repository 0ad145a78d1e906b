import Foundation
import GoalWatchCore

/// Reads a configuration file from disk and validates it, with `${file:…}` and `*_file` values read
/// from disk too.
public enum ConfigurationFileReader {
    /// The configuration at `path`, or every problem found, each at its file:line:column.
    public static func load(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> Result<Configuration, InputErrors> {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file"
            return .failure(InputErrors([InputError("cannot read the configuration file: \(reason)", at: SourceLocation(file: path, line: 0))]))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(InputErrors([InputError("cannot read the configuration file: expected UTF-8 text", at: SourceLocation(file: path, line: 0))]))
        }
        do {
            return .success(try ConfigurationLoader.load(
                text: text, path: path, environment: environment, currentDirectory: currentDirectory,
                readFile: { try String(contentsOfFile: $0, encoding: .utf8) }))
        } catch {
            return .failure(error)
        }
    }
}
