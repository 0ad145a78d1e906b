/// Loads `goalwatch.yml` from its text. Does no I/O itself: the caller hands in the text, the
/// environment, the current directory and a function that reads the files `${file:…}` names.
public enum ConfigurationLoader {
    /// Parses, expands and validates a configuration.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - path: the file's path as the user named it; messages use it, and relative paths in the file
    ///     are resolved against its folder.
    ///   - environment: the variables `${env:NAME}` and the `STATE_DIRECTORY` default read.
    ///   - currentDirectory: absolute; what a relative `path` is relative to.
    ///   - readFile: returns the text of the file at an absolute path, for `${file:PATH}` and the
    ///     `*_file` keys of receivers (`url_file`, `secret_file`, `routing_key_file`, `template_file`,
    ///     `tls.ca_file`) and of the HTTP API (`token_file`).
    /// - Throws: ``InputErrors`` listing every problem found, each at its file:line:column. No message
    ///   contains a value that came from `${file:…}` or `${env:…}`.
    public static func load(
        text: String,
        path: String,
        environment: [String: String],
        currentDirectory: String,
        readFile: (String) throws -> String
    ) throws(InputErrors) -> Configuration {
        let root = try YAMLDocument.parse(text, file: path)
        let directory = ConfigPath.directory(ofFile: path, currentDirectory: currentDirectory)
        var reader = YAMLReader()
        let configuration = withoutActuallyEscaping(readFile) { readFile in
            // The decoder keeps `readFile` only while it runs, within this call.
            let expansion = VariableExpansion(environment: environment, baseDirectory: directory)
            let expanded = root.map { expansion.expand($0, reader: &reader, readFile: readFile) }
            let decoder = ConfigurationDecoder(
                path: path, directory: directory, environment: environment, currentDirectory: currentDirectory,
                source: YAMLSource(text), files: ConfigFiles(directory: directory, readFile: readFile))
            return decoder.configuration(expanded, reader: &reader)
        }
        try reader.finish()
        return configuration
    }
}
