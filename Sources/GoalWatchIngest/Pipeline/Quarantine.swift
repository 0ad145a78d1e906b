import Foundation
import GoalWatchCore

/// The folder refused files are moved to, each with a `.error` file beside it that names
/// file:line:column and the reason, so an operator can fix and re-drop it.
public struct Quarantine: Sendable {
    /// The quarantine folder, usually `<state>/quarantine`.
    public let directory: String

    /// A quarantine in `directory`, created on first use.
    public init(directory: String) {
        self.directory = directory
    }

    /// Moves the file at `path` into the quarantine and writes its `.error` file.
    ///
    /// The moved file is named `<UTC time>-<original name>` so that repeated refusals of the same
    /// name never overwrite one another.
    /// - Returns: the path of the quarantined file.
    public func admit(_ path: String, error: InputError, at now: Timestamp) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let stamp = now.rfc3339.replacingOccurrences(of: ":", with: "")
        let name = "\(stamp)-\((path as NSString).lastPathComponent)"
        let destination = (directory as NSString).appendingPathComponent(name)
        // Write the reason first: a crash between the two steps leaves a stray .error, never an unexplained file.
        try Data((error.description + "\n").utf8).write(to: URL(fileURLWithPath: destination + ".error"), options: .atomic)
        if rename(path, destination) != 0 {
            // Across file systems rename fails; copy then remove keeps the move safe.
            try FileManager.default.copyItem(atPath: path, toPath: destination)
            try FileManager.default.removeItem(atPath: path)
        }
        return destination
    }
}
