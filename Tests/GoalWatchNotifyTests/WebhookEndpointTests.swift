import Testing

@testable import GoalWatchNotify

/// A receiver's URL taken apart once: where connections go, what the request line and `Host` say.
@Suite struct WebhookEndpointTests {
    @Test(arguments: [
        ("https://hooks.slack.com/services/T0/B0/x", true, "hooks.slack.com", 443, "/services/T0/B0/x", "hooks.slack.com"),
        ("http://127.0.0.1:9093/api/v2/alerts", false, "127.0.0.1", 9093, "/api/v2/alerts", "127.0.0.1:9093"),
        ("http://example.com:80/hook?token=a%20b&x=1", false, "example.com", 80, "/hook?token=a%20b&x=1", "example.com"),
        ("HTTPS://Example.com:8443", true, "Example.com", 8443, "/", "Example.com:8443"),
        ("http://[::1]:8080/hook", false, "::1", 8080, "/hook", "[::1]:8080"),
    ])
    func anHTTPURLNamesItsOriginTargetAndHost(url: String, tls: Bool, host: String, port: Int, target: String, hostHeader: String) throws {
        let endpoint = try #require(WebhookEndpoint(url))
        #expect(endpoint.origin == WebhookEndpoint.Origin(tls: tls, host: host, port: port))
        #expect(endpoint.target == target)
        #expect(endpoint.hostHeader == hostHeader)
        #expect(endpoint.authorization == nil)
    }

    /// Credentials in the URL become a Basic `Authorization` header, as curl and Go's client send them.
    @Test func aUserInTheURLIsSentAsBasicAuthorization() throws {
        let endpoint = try #require(WebhookEndpoint("https://ops:s3cret@alerts.example.com/hook"))
        #expect(endpoint.authorization == "Basic b3BzOnMzY3JldA==")
        #expect(endpoint.hostHeader == "alerts.example.com")
    }

    @Test(arguments: ["ftp://example.com/hook", "/relative/path", "http://", "https://:443/x", "not a url", "http://example.com:0/"])
    func aURLThatIsNotAbsoluteHTTPIsRefused(url: String) {
        #expect(WebhookEndpoint(url) == nil)
    }
}
