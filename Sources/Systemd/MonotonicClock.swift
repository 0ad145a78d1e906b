#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads `CLOCK_MONOTONIC`, the clock systemd compares `MONOTONIC_USEC=` against (sd_notify(3)).
public enum MonotonicClock {
    /// Microseconds of `CLOCK_MONOTONIC` now: time since boot, not counting suspend, never going back.
    ///
    /// The value is only meaningful on this machine and this boot; it is what `RELOADING=1` must be sent
    /// with, so that systemd can tell a reload that started after `systemctl reload` from an older one.
    public static func microseconds() -> UInt64 {
        var now = timespec()
        // clock_gettime cannot fail for CLOCK_MONOTONIC with a valid pointer (clock_gettime(2)).
        _ = clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
