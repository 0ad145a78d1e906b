/// Reading of the files that `*_file` keys name (`url_file`, `secret_file`, `routing_key_file`,
/// `template_file`, `tls.ca_file`, `http.token_file`), through the same function the loader reads `${file:…}` with.
///
/// Paths are relative to the configuration file's folder. Messages name the path (unless the path
/// itself came from an expansion) but never the file's contents.
struct ConfigFiles {
    /// The configuration file's folder.
    var directory: String
    /// Returns the text of the file at an absolute path; the loader's `readFile`.
    var readFile: (String) throws -> String

    /// A file read for a key: its absolute path, how messages name it, and its text.
    struct File {
        var path: String
        /// The path, or where the path came from when it came from an expansion.
        var shown: String
        var text: String
    }

    /// Reads the file that `node`, the value of `key`, names.
    ///
    /// - Parameter trimmingNewline: drop one trailing line break, as secret files (systemd
    ///   credentials, `echo` output) usually end with one.
    func read(_ node: YAMLNode, key: String, trimmingNewline: Bool) throws(InputError) -> File {
        let scalar = try node.scalar(expecting: "a file path")
        guard !scalar.text.isEmpty else { throw InputError("expected a file path\(scalar.found)", at: node.location) }
        let path = ConfigPath.resolve(scalar.text, against: directory)
        let shown = scalar.isSecret ? "the file whose path comes from \(scalar.origins.joined(separator: " and "))" : path
        let text: String
        do {
            text = try readFile(path)
        } catch {
            throw InputError("cannot read \(shown) (named by \(key))\(VariableExpansion.reason(error))", at: node.location)
        }
        return File(path: path, shown: shown, text: trimmingNewline ? VariableExpansion.droppingTrailingNewline(text) : text)
    }

    /// The secret in the file that `node`, the value of `key`, names: one trailing line break dropped,
    /// and not empty.
    func secret(_ node: YAMLNode, key: String) throws(InputError) -> Secret {
        let file = try read(node, key: key, trimmingNewline: true)
        guard !file.text.isEmpty else { throw InputError("expected a secret in \(file.shown) (named by \(key)), found an empty file", at: node.location) }
        return Secret(file.text)
    }

    /// The contents of the file as a secret scalar at `node`'s position: messages about it say
    /// "value from PATH not shown".
    func secretScalar(_ file: File, at node: YAMLNode) -> ConfigScalar {
        ConfigScalar(text: file.text, location: node.location, isPlain: false, origins: [file.shown])
    }
}
