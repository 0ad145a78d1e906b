import GoalWatchCore
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Plain descriptions of failed requests that never repeat an error's text: client errors can embed the
/// request URL, and a webhook URL may hold a token.
enum DeliveryFailure {
    /// What went wrong, in a few words: `timed out after 10s`, `connection refused`, ….
    static func describe(_ error: any Error, timeout: TimeSpan) -> String {
        switch error {
        case WebhookRequestError.timedOut, ChannelError.connectTimeout: return "timed out after \(timeout)"
        case WebhookRequestError.connectionClosed: return "the receiver closed the connection"
        case is HTTPParserError: return "the receiver's answer is not HTTP/1.1"
        default: break
        }
        if let ioError = error as? IOError { return Self.errno(ioError.errnoCode) }
        if let connectionError = error as? NIOConnectionError {
            if let first = connectionError.connectionErrors.first?.error as? IOError { return Self.errno(first.errnoCode) }
            return "cannot connect"
        }
        if error is NIOSSLError || error is BoringSSLError {
            return "TLS handshake failed (is the receiver's certificate trusted? see tls.ca_file)"
        }
        if error is CancellationError { return "cancelled" }
        return "request failed (\(type(of: error)))"
    }

    private static func errno(_ code: Int32) -> String {
        switch code {
        case ECONNREFUSED: return "connection refused"
        case ECONNRESET: return "connection reset by the receiver"
        case ETIMEDOUT: return "connection timed out"
        case EHOSTUNREACH, ENETUNREACH: return "receiver unreachable"
        default: return "network error (errno \(code))"
        }
    }
}
