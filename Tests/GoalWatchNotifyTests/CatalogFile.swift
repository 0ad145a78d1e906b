import Foundation

/// deploy/goalwatch.catalog, read as journald's catalog format: entries headed by `-- <32 hex digits>`,
/// then `Key: value` header lines, a blank line and the explanation. Lines beginning with `#` are comments.
struct CatalogFile {
    struct Entry {
        var id: String
        var headers: [String: String]
        var text: String

        /// The `@FIELD@` names the entry substitutes, in its subject and text.
        var substitutedFields: Set<String> {
            let pattern = /@([A-Z0-9_]+)@/
            let all = (headers["Subject"] ?? "") + "\n" + text
            return Set(all.matches(of: pattern).map { String($0.output.1) })
        }
    }

    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("deploy/goalwatch.catalog").path

    var entries: [Entry] = []

    init() throws {
        let lines = try String(contentsOfFile: Self.path, encoding: .utf8).components(separatedBy: "\n")
        var current: Entry?
        var inHeaders = false
        for line in lines where !line.hasPrefix("#") {
            if line.hasPrefix("-- ") {
                if let current { entries.append(current) }
                current = Entry(id: String(line.dropFirst(3)), headers: [:], text: "")
                inHeaders = true
            } else if inHeaders, let colon = line.firstIndex(of: ":") {
                current?.headers[String(line[..<colon])] = line[line.index(after: colon)...]
                    .trimmingCharacters(in: .whitespaces)
            } else if inHeaders && line.isEmpty {
                inHeaders = false
            } else {
                current?.text += line + "\n"
            }
        }
        if let current { entries.append(current) }
    }
}
