/// The `alerting:` section: how alerts become notifications (DESIGN §8).
public struct AlertingConfiguration: Sendable, Hashable {
    /// The root of the routing tree; `nil` when the file has no `alerting:` section, in which case
    /// alerts are only written to journald.
    public var route: AlertRoute?
    /// The inhibition rules, in file order.
    public var inhibitRules: [InhibitRule]
    /// The named time intervals routes refer to, by name.
    public var timeIntervals: [String: TimeIntervalSet]

    /// Creates an alerting configuration; the default sends nothing anywhere but journald.
    public init(route: AlertRoute? = nil, inhibitRules: [InhibitRule] = [], timeIntervals: [String: TimeIntervalSet] = [:]) {
        self.route = route
        self.inhibitRules = inhibitRules
        self.timeIntervals = timeIntervals
    }
}

/// An inhibition rule (Alertmanager semantics): while an alert matching ``sourceMatchers`` fires,
/// alerts matching ``targetMatchers`` that have the same values of the ``equal`` labels (a label
/// absent from both counts as equal) are not notified. An alert matching both sides does not inhibit
/// itself.
public struct InhibitRule: Sendable, Hashable {
    /// What an inhibiting alert must match; sorted as Alertmanager sorts matchers. Empty: any alert.
    public var sourceMatchers: [AlertMatcher]
    /// What an inhibited alert must match; sorted. Empty: any alert.
    public var targetMatchers: [AlertMatcher]
    /// Labels whose values must be the same on both alerts.
    public var equal: [String]

    /// Creates an inhibition rule.
    public init(sourceMatchers: [AlertMatcher], targetMatchers: [AlertMatcher], equal: [String] = []) {
        self.sourceMatchers = sourceMatchers
        self.targetMatchers = targetMatchers
        self.equal = equal
    }
}
