import Foundation

/// A certificate and its private key, as PEM files, for a loopback HTTPS server.
public struct TLSIdentity: Sendable {
    /// The certificate (PEM); also what a client trusts as its CA.
    public var certificatePath: String
    /// The private key (PEM).
    public var privateKeyPath: String

    /// A new self-signed certificate for 127.0.0.1, valid for a day, written into `folder` with openssl.
    public static func selfSigned(in folder: URL) throws -> TLSIdentity {
        let identity = TLSIdentity(
            certificatePath: folder.appendingPathComponent("cert.pem").path, privateKeyPath: folder.appendingPathComponent("key.pem").path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", identity.privateKeyPath, "-out", identity.certificatePath,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TLSIdentityError() }
        return identity
    }
}

/// openssl could not make the certificate.
public struct TLSIdentityError: Error, CustomStringConvertible {
    public var description: String { "openssl could not make a self-signed certificate" }
}
