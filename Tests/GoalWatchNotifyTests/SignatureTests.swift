import Foundation
import GoalWatchCore
import Testing

@testable import GoalWatchNotify

@Suite("Webhook signature")
struct SignatureTests {
    let secret = "s3cr3t-hook-key ünïcode"
    var signature: WebhookSignature { WebhookSignature(secret: Secret(secret)) }

    /// HMAC-SHA256 of `timestamp.body` computed by python's hmac module, independently of swift-crypto.
    func pythonSignature(timestamp: String, body: [UInt8]) throws -> String {
        let script = "import hmac,hashlib,sys; print(hmac.new(sys.argv[1].encode(), sys.argv[2].encode() + b'.' + sys.stdin.buffer.read(), hashlib.sha256).hexdigest(), end='')"
        let (status, output) = try Helper.run([Helper.python, "-c", script, secret, timestamp], input: body)
        #expect(status == 0, "\(output)")
        return output
    }

    @Test("headers carry the Unix seconds and sha256= the HMAC of timestamp.body, as python computes it")
    func matchesIndependentHMAC() throws {
        let body = GenericPayload().render(PayloadFixtures.odd, at: PayloadFixtures.created).bytes
        let headers = signature.headers(for: body, at: PayloadFixtures.created + TimeSpan(milliseconds: 999))
        #expect(headers.map(\.0) == ["X-GoalWatch-Timestamp", "X-GoalWatch-Signature"])
        #expect(headers[0].1 == "1773478800")
        #expect(headers[1].1 == "sha256=" + (try pythonSignature(timestamp: "1773478800", body: body)))
    }

    @Test("a tampered body or timestamp no longer matches the signature")
    func tampering() throws {
        let body = Array(#"{"status":"firing"}"#.utf8)
        let signed = signature.signature(for: body, timestamp: "1773478800")
        #expect(signature.signature(for: Array(#"{"status":"resolved"}"#.utf8), timestamp: "1773478800") != signed)
        #expect(signature.signature(for: body, timestamp: "1773478801") != signed)
        #expect(try pythonSignature(timestamp: "1773478800", body: Array(#"{"status":"firinG"}"#.utf8)) != signed)
        #expect(WebhookSignature(secret: Secret("other")).signature(for: body, timestamp: "1773478800") != signed)
    }

    @Test("a signed payload adds the headers to the base body, signing the bytes it sends")
    func signedPayload() throws {
        let renderer = SignedPayload(GenericPayload(), signature: signature)
        let body = try renderer.render(PayloadFixtures.firingGoal, at: PayloadFixtures.created)
        #expect(body.bytes == GenericPayload().render(PayloadFixtures.firingGoal, at: PayloadFixtures.created).bytes)
        #expect(body.header("x-goalwatch-timestamp") == "1773478800")
        #expect(body.header("X-GoalWatch-Signature") == "sha256=" + (try pythonSignature(timestamp: "1773478800", body: body.bytes)))
    }

    @Test("the secret never shows in descriptions or reflection")
    func secretHidden() {
        let renderer = SignedPayload(GenericPayload(), signature: signature)
        var dumped = ""
        dump(renderer, to: &dumped)
        for text in [String(describing: signature), String(reflecting: signature), String(describing: renderer), dumped] {
            #expect(!text.contains("s3cr3t"))
        }
    }
}
