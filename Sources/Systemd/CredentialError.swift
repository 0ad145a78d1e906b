#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Why a credential could not be read. Messages name the credential and the unit setting that passes it,
/// never the credential's contents.
public enum CredentialError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `$CREDENTIALS_DIRECTORY` is unset: the process was not started by a unit that passes credentials.
    case noCredentialsDirectory(name: String)
    /// The name cannot be a credential's (see ``Credentials/isValidName(_:)``).
    case invalidName(String)
    /// No credential of that name was passed.
    case missing(name: String, path: String)
    /// The file exists but could not be read.
    case unreadable(name: String, path: String, errno: Int32)
    /// The credential was asked for as text but is not UTF-8.
    case notText(name: String, path: String)

    public var description: String {
        switch self {
        case .noCredentialsDirectory(let name):
            return "credential \"\(name)\" is needed but CREDENTIALS_DIRECTORY is not set; "
                + "run under systemd with LoadCredential=\(name):… in the unit"
        case .invalidName(let name):
            return "\"\(name)\" is not a credential name (a file name without '/', at most 255 bytes)"
        case .missing(let name, let path):
            return "credential \"\(name)\" was not passed (no \(path)); add LoadCredential=\(name):… to the unit "
                + "or create the file it loads"
        case .unreadable(let name, let path, let code):
            return "credential \"\(name)\" at \(path) cannot be read: \(String(cString: strerror(code)))"
        case .notText(let name, let path):
            return "credential \"\(name)\" at \(path) is not UTF-8 text"
        }
    }
}
