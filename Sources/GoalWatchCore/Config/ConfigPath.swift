/// Path arithmetic for configuration files, lexical only (nothing is looked up on disk; Core does no I/O).
public enum ConfigPath {
    /// The absolute folder of the configuration file at `path`, which may be relative to `currentDirectory`.
    public static func directory(ofFile path: String, currentDirectory: String) -> String {
        let absolute = resolve(path, against: currentDirectory)
        guard let slash = absolute.lastIndex(of: "/") else { return "/" }
        let folder = String(absolute[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// `path` made absolute against `base` (itself absolute) when it is relative, with `.` and `..`
    /// components and repeated slashes removed. Glob characters are left as they are.
    public static func resolve(_ path: String, against base: String) -> String {
        let joined = path.hasPrefix("/") ? path : base + "/" + path
        var components: [Substring] = []
        for component in joined.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        return "/" + components.joined(separator: "/")
    }
}
