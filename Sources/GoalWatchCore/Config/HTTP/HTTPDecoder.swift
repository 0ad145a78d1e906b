/// Reads `http:`: the listen address, the token file, the body limit and the external URL.
struct HTTPDecoder {
    var configuration: ConfigurationDecoder

    static let keys = ["listen", "token_file", "max_body", "external_url"]

    /// The section, or `nil` when anything in it is wrong (the errors are in `reader`).
    func http(_ node: YAMLNode, reader: inout YAMLReader) -> HTTPConfiguration? {
        let errorsBefore = reader.errors.count
        guard let mapping = reader.mapping(node, allowedKeys: Self.keys) else { return nil }
        let listen = reader.read(reader.required("listen", in: mapping, what: "an address such as 127.0.0.1:9464, or systemd")) {
            node throws(InputError) in try Self.listen(node)
        }
        let token = reader.read(mapping["token_file"]) { node throws(InputError) in try configuration.files.secret(node, key: "token_file") }
        let maxBody = reader.read(mapping["max_body"]) { node throws(InputError) in try node.byteSize() }
        let externalURL = reader.read(mapping["external_url"]) { node throws(InputError) in
            var url = try HTTPValues.url(node, example: "https://goalwatch.example.com").reveal()
            while url.hasSuffix("/") { url.removeLast() }
            return url
        }
        guard reader.errors.count == errorsBefore, let listen else { return nil }
        return HTTPConfiguration(
            listen: listen, token: token, maxBody: maxBody ?? HTTPConfiguration.defaultMaxBody, externalURL: externalURL)
    }

    static func listen(_ node: YAMLNode) throws(InputError) -> HTTPListen {
        let expected = "host:port such as 127.0.0.1:9464 or [::1]:9464, or systemd for the socket goalwatch.socket passes"
        let scalar = try node.scalar(expecting: expected)
        guard let listen = HTTPListen(scalar.text) else { throw InputError("expected \(expected)\(scalar.found)", at: node.location) }
        return listen
    }
}
