import ArgumentParser
import Foundation
import GoalWatchCore
import GoalWatchStore

/// Opens the store a configuration names, creating its folder on first use.
enum StoreOpener {
    static func open(_ configuration: Configuration) throws -> MetricStore {
        let path = configuration.storage.path
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            return try MetricStore(path: path)
        } catch {
            printError("\(path): cannot open the store: \(error)")
            throw ExitCode(1)
        }
    }
}
