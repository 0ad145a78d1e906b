import Foundation

/// Converts wall-clock times of one IANA time zone to UTC, across daylight-saving changes.
///
/// A local time that occurs twice (the autumn hour repeated) resolves to its first occurrence; one that
/// never occurs (the spring gap) has no UTC instant and is refused by the caller, since shifting it would
/// silently move a sample by an hour.
struct LocalTimeConverter: Sendable {
    /// `nil` for UTC, where no conversion is needed.
    private let zone: TimeZone?

    /// The zone's identifier as configured, for messages.
    let name: String

    /// UTC itself.
    static let utc = LocalTimeConverter(zone: nil, name: "UTC")

    private init(zone: TimeZone?, name: String) {
        self.zone = zone
        self.name = name
    }

    /// The converter for `identifier` (`Europe/Berlin`), or UTC when `nil`.
    init(identifier: String?) throws(CellError) {
        guard let identifier else {
            self = .utc
            return
        }
        guard let zone = TimeZone(identifier: identifier) else {
            throw CellError("timestamp time zone: expected an IANA time zone such as Europe/Berlin, found \(FoundText.quoted(identifier))")
        }
        self.init(zone: zone, name: identifier)
    }

    /// The UTC instant (seconds since the epoch) of a local wall-clock time given as seconds since the
    /// epoch read as if it were UTC; `nil` when that wall-clock time is skipped by a DST change.
    func utcSeconds(fromLocal local: Int64) -> Int64? {
        guard let zone else { return local }
        // Offsets a day either side bracket any single transition; each candidate instant is kept only
        // if the zone really uses that offset there.
        let offsetBefore = offset(zone, at: local - 86_400)
        let offsetAfter = offset(zone, at: local + 86_400)
        var first: Int64?
        for candidateOffset in [offsetBefore, offsetAfter] {
            let instant = local - candidateOffset
            if offset(zone, at: instant) == candidateOffset, instant < (first ?? .max) { first = instant }
        }
        return first
    }

    private func offset(_ zone: TimeZone, at seconds: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
    }
}
