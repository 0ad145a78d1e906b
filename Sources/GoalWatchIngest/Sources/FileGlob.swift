import Glibc

/// Shell-style file name patterns (`/var/lib/goalwatch/inbox/*.csv`), expanded with glob(3).
public enum FileGlob {
    /// The paths matching `pattern`, sorted, so files are ingested in name order (exports are usually
    /// named by date, and later samples then win over earlier ones). A pattern that matches nothing, or
    /// a folder that cannot be listed, gives no paths.
    public static func paths(matching pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        paths.reserveCapacity(Int(result.gl_pathc))
        for index in 0..<Int(result.gl_pathc) {
            if let path = result.gl_pathv[index] { paths.append(String(cString: path)) }
        }
        return paths.sorted()
    }

    /// The folder part of a pattern before its first wildcard: the folder to watch for new files.
    static func watchedDirectory(of pattern: String) -> String {
        let components = pattern.split(separator: "/", omittingEmptySubsequences: false)
        var fixed: [Substring] = []
        for component in components.dropLast() {
            if component.contains(where: { "*?[{".contains($0) }) { break }
            fixed.append(component)
        }
        let directory = fixed.joined(separator: "/")
        if directory.isEmpty { return pattern.hasPrefix("/") ? "/" : "." }
        return directory
    }
}
