import Foundation
import GoalWatchCore
import GoalWatchIngest

/// Decides how a file named on the command line is read: as the configured source named with
/// `--source`, as the file source whose glob matches it, or by its extension alone.
enum SourceChooser {
    static func settings(for file: String, named name: String?, in configuration: Configuration) throws(InputError) -> IngestSettings {
        if let name {
            guard let source = configuration.sources.first(where: { $0.name == name }) else {
                let known = configuration.sources.map(\.name).joined(separator: ", ")
                throw InputError("expected --source to name a configured source (\(known.isEmpty ? "none configured" : known)), found \"\(name)\"")
            }
            return IngestSettings(source: source)
        }
        let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
        for source in configuration.sources {
            if case .file(let options) = source.kind, fnmatch(options.path, absolute, FNM_PATHNAME) == 0 {
                return IngestSettings(source: source)
            }
        }
        let settings = IngestSettings(sourceName: "cli")
        if SnapshotFormat(fileExtension: URL(fileURLWithPath: file).pathExtension) == .csv {
            let place = configuration.path == ConfigurationFile.builtInDefaults ? "a configuration file (--config)" : configuration.path
            throw InputError(
                "a CSV file needs a source with a csv: mapping, and no configured file source's path matches it; add one to \(place), or pass --source NAME",
                at: SourceLocation(file: file, line: 0)
            )
        }
        return settings
    }
}
