#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The credentials systemd passed to the service (`LoadCredential=`, `SetCredential=`,
/// `LoadCredentialEncrypted=`): one read-only file per credential in `$CREDENTIALS_DIRECTORY`,
/// `/run/credentials/goalwatch.service` under the shipped unit.
///
/// Errors name the credential and its path, never its contents.
public struct Credentials: Sendable, Hashable {
    /// The folder holding one file per credential.
    public var directory: String

    /// Credentials in `directory` (a test's temporary folder, or `$CREDENTIALS_DIRECTORY`).
    public init(directory: String) {
        self.directory = directory
    }

    /// The credentials of this process: `$CREDENTIALS_DIRECTORY`, or `nil` when it is unset or empty
    /// (not started by systemd, or a unit without credentials).
    public static func current() -> Credentials? {
        guard let value = getenv("CREDENTIALS_DIRECTORY"), value.pointee != 0 else { return nil }
        return Credentials(directory: String(cString: value))
    }

    /// Reads the credential `name` of this process as text; see ``text(_:)``.
    ///
    /// - Throws: ``CredentialError/noCredentialsDirectory(name:)`` when `$CREDENTIALS_DIRECTORY` is unset,
    ///   and the errors of ``text(_:)``.
    public static func text(_ name: String) throws(CredentialError) -> String {
        guard let credentials = current() else { throw .noCredentialsDirectory(name: name) }
        return try credentials.text(name)
    }

    /// The path of the credential `name`, whether or not it exists.
    ///
    /// - Throws: ``CredentialError/invalidName(_:)`` when `name` is not a valid credential name: empty,
    ///   `.` or `..`, containing `/` or a NUL, or longer than 255 bytes.
    public func path(of name: String) throws(CredentialError) -> String {
        guard Self.isValidName(name) else { throw .invalidName(name) }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Whether the credential `name` was passed.
    public func contains(_ name: String) -> Bool {
        guard let path = try? path(of: name) else { return false }
        return access(path, F_OK) == 0
    }

    /// The credential `name` as UTF-8 text, with one trailing line break (`\n` or `\r\n`) dropped, the
    /// way the configuration's `*_file` keys read secret files.
    ///
    /// - Throws: ``CredentialError`` naming the credential when it is missing, unreadable or not UTF-8.
    public func text(_ name: String) throws(CredentialError) -> String {
        let path = try path(of: name)
        let bytes = try bytes(name)
        guard var text = String(validating: bytes, as: UTF8.self) else { throw .notText(name: name, path: path) }
        // "\r\n" is one Character, so one removal drops either line ending.
        if text.last?.isNewline == true { text.removeLast() }
        return text
    }

    /// The credential `name` exactly as stored (credentials may be binary).
    ///
    /// Blocks while the file is read; credentials live in memory (ramfs or tmpfs), so the read is short.
    /// - Throws: ``CredentialError`` naming the credential when it is missing or unreadable.
    public func bytes(_ name: String) throws(CredentialError) -> [UInt8] {
        let path = try path(of: name)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure(errno, name: name, path: path) }
        defer { close(descriptor) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return contents }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.failure(errno, name: name, path: path)
            }
            contents.append(contentsOf: chunk[..<count])
        }
    }

    /// systemd's rule for credential names (credential_name_valid): a valid file name of at most 255 bytes.
    public static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        return !bytes.isEmpty && bytes.count <= 255 && name != "." && name != ".."
            && !bytes.contains(UInt8(ascii: "/")) && !bytes.contains(0)
    }

    private static func failure(_ code: Int32, name: String, path: String) -> CredentialError {
        code == ENOENT ? .missing(name: name, path: path) : .unreadable(name: name, path: path, errno: code)
    }
}
