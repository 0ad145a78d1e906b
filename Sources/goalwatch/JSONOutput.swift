import Foundation
import GoalWatchDaemon

/// Prints JSON for scripts, as ``JSONText`` writes it.
enum JSONOutput {
    static func print(_ value: Any) throws {
        let data = try JSONText.data(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
