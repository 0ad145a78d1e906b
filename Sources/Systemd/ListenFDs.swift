import CSystemd

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One file descriptor the service manager passed at start-up (socket activation, sd_listen_fds(3)).
public struct ListenFD: Sendable, Hashable {
    /// The descriptor, open in this process with `FD_CLOEXEC` set.
    public var descriptor: Int32
    /// Its name: the socket unit's `FileDescriptorName=`, by default the socket unit's name
    /// (`goalwatch.socket`); `unknown` when the manager passed no names.
    public var name: String

    /// A descriptor with its name.
    public init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    /// Whether the descriptor is a stream socket in the listening state (a `ListenStream=` socket, not
    /// `Accept=yes` connection or a datagram socket), any address family (sd_is_socket(3)).
    public var isListeningStreamSocket: Bool {
        sd_is_socket(descriptor, AF_UNSPEC, Int32(SOCK_STREAM.rawValue), 1) > 0
    }
}

/// The descriptors inherited through socket activation: `$LISTEN_FDS` descriptors from 3 on, for the
/// process `$LISTEN_PID` names, named by `$LISTEN_FDNAMES`.
public enum ListenFDs {
    /// The first descriptor the service manager passes (`SD_LISTEN_FDS_START`).
    public static let firstDescriptor = Int32(SD_LISTEN_FDS_START)

    /// The descriptors passed to this process, in order, or an empty array when none were.
    ///
    /// None were when `$LISTEN_FDS` is unset, and when `$LISTEN_PID` names another process (an inherited
    /// environment). Marks each descriptor close-on-exec. Reads the environment only; does not block.
    ///
    /// - Parameter unsettingEnvironment: also remove `LISTEN_PID`, `LISTEN_FDS` and `LISTEN_FDNAMES` from
    ///   the environment. Not thread-safe: call it before starting threads that read the environment.
    /// - Throws: ``ListenFDsError`` when the variables are malformed or a passed descriptor is not open.
    public static func inherited(unsettingEnvironment: Bool = false) throws(ListenFDsError) -> [ListenFD] {
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let count = sd_listen_fds_with_names(unsettingEnvironment ? 1 : 0, &names)
        defer { release(names: names, count: max(count, 0)) }
        if count < 0 { throw ListenFDsError(errno: -count) }
        return (0..<count).map { index in
            let name = names?[Int(index)].map { String(cString: $0) } ?? "unknown"
            return ListenFD(descriptor: firstDescriptor + index, name: name)
        }
    }

    private static func release(names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, count: Int32) {
        guard let names else { return }
        // sd_listen_fds_with_names(3): a NULL-terminated strv of `count` strings, each freed, then the array.
        for index in 0..<Int(count) { free(names[index]) }
        free(names)
    }
}

/// sd_listen_fds(3) refused `$LISTEN_FDS`, `$LISTEN_PID` or `$LISTEN_FDNAMES`.
public struct ListenFDsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The errno sd_listen_fds_with_names(3) returned: `EINVAL` for a malformed variable, `EBADF` when a
    /// passed descriptor is not open.
    public var errno: Int32

    /// Wraps the errno of a failed sd_listen_fds_with_names(3).
    public init(errno: Int32) {
        self.errno = errno
    }

    public var description: String {
        "the sockets passed by the service manager are unusable (sd_listen_fds failed with errno \(errno)); "
            + "check LISTEN_FDS, LISTEN_PID and LISTEN_FDNAMES, which a .socket unit sets"
    }
}
