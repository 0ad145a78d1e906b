import Crypto
import GoalWatchCore

/// The signature of a webhook body (DESIGN §8): `X-GoalWatch-Timestamp: <unix seconds>` and
/// `X-GoalWatch-Signature: sha256=<lowercase hex HMAC-SHA256(secret, timestamp + "." + body)>`.
///
/// A receiver recomputes the HMAC over the timestamp header, a `.` and the raw body, compares it in
/// constant time, and refuses timestamps too far from its clock, which stops replays. The secret is a
/// ``Secret``: descriptions and reflection show `<secret>`.
public struct WebhookSignature: Sendable {
    /// The header carrying the time of signing, in Unix seconds.
    public static let timestampHeader = "X-GoalWatch-Timestamp"
    /// The header carrying `sha256=` and the HMAC in lowercase hex.
    public static let signatureHeader = "X-GoalWatch-Signature"

    private let secret: Secret

    /// Signs with `secret` (its UTF-8 bytes are the HMAC key).
    public init(secret: Secret) {
        self.secret = secret
    }

    /// The two headers for `body` signed at `time` (its whole Unix seconds).
    public func headers(for body: [UInt8], at time: Timestamp) -> [(String, String)] {
        let timestamp = String(PayloadTime.unixSeconds(time))
        return [(Self.timestampHeader, timestamp), (Self.signatureHeader, "sha256=" + signature(for: body, timestamp: timestamp))]
    }

    /// The lowercase hex HMAC-SHA256 of `timestamp`, `.` and `body`.
    public func signature(for body: [UInt8], timestamp: String) -> String {
        let key = SymmetricKey(data: Array(secret.reveal().utf8))
        var message = Array(timestamp.utf8)
        message.append(UInt8(ascii: "."))
        message += body
        return lowercaseHex(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }
}
