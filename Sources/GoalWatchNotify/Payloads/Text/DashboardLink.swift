/// Links into GoalWatch's dashboard (DESIGN §11), which payloads carry when the HTTP API is on.
enum DashboardLink {
    /// `<externalURL>/#goal=<name>`: the dashboard scrolled to the goal's card; the name is
    /// percent-encoded. `nil` without an external URL.
    static func goal(_ name: String, externalURL: String?) -> String? {
        guard let base = base(externalURL) else { return nil }
        return base + "/#goal=" + percentEncoded(name)
    }

    /// The dashboard's address, without a trailing `/`; `nil` when there is none.
    static func base(_ externalURL: String?) -> String? {
        guard var base = externalURL, !base.isEmpty else { return nil }
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// Every byte but RFC 3986's unreserved characters as `%XX`.
    private static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(UnicodeScalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count < 2 ? "0" + hex : hex)
            }
        }
        return out
    }
}
