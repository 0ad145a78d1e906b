import Foundation
import GoalWatchCore

/// The built-in rules that raise `GoalWatchSourceStale{source="…"}` when a source has brought no new
/// data for its `stale_after` (DESIGN §7): one alert for the source, instead of every rule on its
/// series misbehaving at once. They read the series ``SourceFreshness`` appends to each evaluation,
/// and go through the same alert states, routing and receivers as any rule.
enum SourceStaleRules {
    /// The name the built-in rules are reported under (there is no such file).
    static let path = "<built-in source staleness rules>"

    /// One rule per source in `sources`; `nil` when there are no sources.
    static func file(for sources: [SourceConfiguration], timeZone: TimeZone) throws(InputErrors) -> RuleFile? {
        guard !sources.isEmpty else { return nil }
        var text = "groups:\n  - name: goalwatch-sources\n    rules:\n"
        for source in sources {
            let seconds = source.staleAfter.milliseconds / 1000
            text += """
                      - alert: GoalWatchSourceStale
                        expr: time() - \(SourceFreshness.metricName){source="\(source.name)"} > \(seconds)
                        labels: {severity: warning}
                        annotations:
                          summary: 'source \(source.name) has brought no new data for {{ $value | humanizeDuration }}'
                          description: 'stale_after is \(source.staleAfter); rules on its series may be reading old data.'

                """
        }
        return try RuleFileLoader.load(text: text, path: path, timeZone: timeZone)
    }
}
