import Foundation

/// Expansion of `${file:PATH}`, `${credential:NAME}` (a file in systemd's `$CREDENTIALS_DIRECTORY`) and
/// `${env:NAME}` in the scalar values of a configuration document.
///
/// `$$` stands for a literal `$`; any other `$` is kept as written (so `^total$` needs no escaping).
/// A scalar that contains an expansion becomes secret as a whole: its ``ConfigScalar/origins`` name
/// the expansions, and messages name those instead of showing the text. Keys are never expanded.
struct VariableExpansion {
    /// The environment `${env:NAME}` reads.
    var environment: [String: String]
    /// The folder a relative `${file:PATH}` is resolved against: the configuration file's folder.
    var baseDirectory: String

    /// Expands every scalar value below `node`, recording problems in `reader`.
    ///
    /// `readFile` gets an absolute path and returns the file's text; one trailing newline is dropped.
    func expand(_ node: YAMLNode, reader: inout YAMLReader, readFile: (String) throws -> String) -> YAMLNode {
        var cache: [String: String] = [:]
        return expand(node, reader: &reader, cache: &cache, readFile: readFile)
    }

    private func expand(
        _ node: YAMLNode, reader: inout YAMLReader, cache: inout [String: String], readFile: (String) throws -> String
    ) -> YAMLNode {
        switch node.content {
        case .scalar(let scalar):
            guard scalar.text.contains("$") else { return node }
            let expanded = expand(scalar, reader: &reader, cache: &cache, readFile: readFile)
            return YAMLNode(.scalar(expanded), at: node.location)
        case .sequence(let items):
            let expanded = items.map { expand($0, reader: &reader, cache: &cache, readFile: readFile) }
            return YAMLNode(.sequence(expanded), at: node.location)
        case .mapping(let entries):
            let expanded = entries.map {
                YAMLEntry(key: $0.key, value: expand($0.value, reader: &reader, cache: &cache, readFile: readFile))
            }
            return YAMLNode(.mapping(expanded), at: node.location)
        }
    }

    private func expand(
        _ scalar: ConfigScalar, reader: inout YAMLReader, cache: inout [String: String], readFile: (String) throws -> String
    ) -> ConfigScalar {
        var output = ""
        var origins: [String] = []
        var escaped = false
        var rest = Substring(scalar.text)
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.first == "$" {
                output += "$"
                escaped = true
                rest = after.dropFirst()
            } else if after.first == "{" {
                guard let close = after.firstIndex(of: "}") else {
                    reader.report(InputError(
                        "expected '}' to close '${' in \(scalar.shown) (write $$ for a literal $)", at: scalar.location))
                    return scalar
                }
                let reference = String(after[after.index(after: after.startIndex)..<close])
                let written = "${\(reference)}"
                origins.append(written)
                guard let value = resolve(reference, written: written, at: scalar.location, reader: &reader,
                                          cache: &cache, readFile: readFile)
                else { return ConfigScalar(text: "", location: scalar.location, isPlain: false, origins: origins) }
                output += value
                rest = after[after.index(after: close)...]
            } else {
                output += "$"
                rest = after
            }
        }
        output += rest
        guard escaped || !origins.isEmpty else { return scalar }
        // An expanded value is a string even when empty: it must not read as "no value" (null).
        return ConfigScalar(text: output, location: scalar.location, isPlain: origins.isEmpty && scalar.isPlain, origins: origins)
    }

    private func resolve(
        _ reference: String, written: String, at location: SourceLocation, reader: inout YAMLReader,
        cache: inout [String: String], readFile: (String) throws -> String
    ) -> String? {
        if reference.hasPrefix("env:") {
            let name = String(reference.dropFirst(4))
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }) else {
                reader.report(InputError("expected an environment variable name in \(written), such as ${env:API_TOKEN}", at: location))
                return nil
            }
            guard let value = environment[name] else {
                reader.report(InputError("environment variable \(name) is not set (used by \(written))", at: location))
                return nil
            }
            return value
        }
        if reference.hasPrefix("credential:") {
            let name = String(reference.dropFirst(11))
            guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
                reader.report(InputError("expected a credential name in \(written), such as ${credential:slack-url}", at: location))
                return nil
            }
            guard let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty else {
                reader.report(InputError(
                    "\(written) needs $CREDENTIALS_DIRECTORY, which systemd sets for a unit with LoadCredential=\(name):…; "
                        + "outside systemd, use ${file:PATH}", at: location))
                return nil
            }
            return read(directory + "/" + name, written: written, at: location, reader: &reader, cache: &cache, readFile: readFile)
        }
        if reference.hasPrefix("file:") {
            let path = String(reference.dropFirst(5))
            guard !path.isEmpty else {
                reader.report(InputError("expected a file path in \(written), such as ${file:/run/credentials/goalwatch.service/token}", at: location))
                return nil
            }
            return read(
                ConfigPath.resolve(path, against: baseDirectory), written: written, at: location, reader: &reader, cache: &cache,
                readFile: readFile)
        }
        reader.report(InputError("expected ${file:PATH}, ${credential:NAME} or ${env:NAME}, found \(written) (write $$ for a literal $)", at: location))
        return nil
    }

    /// The text of the file at `absolute`, read once per load.
    private func read(
        _ absolute: String, written: String, at location: SourceLocation, reader: inout YAMLReader,
        cache: inout [String: String], readFile: (String) throws -> String
    ) -> String? {
        if let cached = cache[absolute] { return cached }
        do {
            let text = Self.droppingTrailingNewline(try readFile(absolute))
            cache[absolute] = text
            return text
        } catch {
            reader.report(InputError("cannot read \(absolute) (used by \(written))\(Self.reason(error))", at: location))
            return nil
        }
    }

    /// Drops one trailing newline (`\n` or `\r\n`), which editors and `echo` add to secret files.
    static func droppingTrailingNewline(_ text: String) -> String {
        var text = text
        // "\r\n" is a single Character, so one removal handles both line endings.
        if text.last?.isNewline == true { text.removeLast() }
        return text
    }

    /// Why a file could not be read, for the common cases; the error's own text is not used because
    /// a reader's error could quote what it read.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? CocoaError else { return "" }
        switch error.code {
        case .fileReadNoSuchFile, .fileNoSuchFile: return ": no such file"
        case .fileReadNoPermission: return ": permission denied"
        case .fileReadInapplicableStringEncoding: return ": not UTF-8 text"
        default: return ""
        }
    }
}
