/// One alert of a rule — one label set — while it is pending or firing.
///
/// Plain data, `Codable`, so the daemon can persist every instance and restore it after a restart
/// without re-firing it or forgetting a pending `for` timer (as Prometheus restores `for` state).
public struct AlertInstance: Sendable, Hashable, Codable {
    /// Where the alert is in its life.
    public enum Phase: String, Sendable, Hashable, Codable {
        /// The condition holds but not yet for the rule's `for` duration.
        case pending
        /// The condition has held for `for`; notifications go out.
        case firing
    }

    /// The alert's labels, including `alertname`.
    public var labels: Labels
    /// Pending or firing; an inactive alert has no instance.
    public var phase: Phase
    /// When the condition started to hold (the start of the pending period).
    public var activeSince: Timestamp
    /// When the alert started firing; `nil` while pending.
    public var firingSince: Timestamp?
    /// The first evaluation at which the condition no longer held while firing, for `keep_firing_for`.
    public var keepFiringSince: Timestamp?
    /// The expression's value at the last evaluation where the condition held.
    public var value: Double

    public init(labels: Labels, phase: Phase, activeSince: Timestamp, firingSince: Timestamp? = nil, keepFiringSince: Timestamp? = nil, value: Double) {
        self.labels = labels
        self.phase = phase
        self.activeSince = activeSince
        self.firingSince = firingSince
        self.keepFiringSince = keepFiringSince
        self.value = value
    }

    /// The alert's stable identity (see ``Labels/fingerprint``).
    public var fingerprint: UInt64 { labels.fingerprint }
}
