/// The kinds of GoalWatch journal entries: the `GOALWATCH_EVENT` field (DESIGN §9), each with the fixed
/// `MESSAGE_ID` under which deploy/goalwatch.catalog explains it.
public enum JournalEvent: String, Sendable, Hashable, CaseIterable {
    /// An alert fires.
    case firing
    /// A firing alert ended.
    case resolved
    /// An alert's condition holds and it waits for its `for` duration.
    case pending
    /// A receiver accepted a notification.
    case notified
    /// A delivery attempt failed; it will be retried.
    case notifyFailed = "notify_failed"
    /// Delivery was given up and the notification moved to the dead-letter table.
    case deadLetter = "dead_letter"
    /// A snapshot could not be ingested and was quarantined.
    case ingestError = "ingest_error"
    /// A new configuration and new rules took effect.
    case reload
    /// A reload was refused; the previous configuration stays in effect.
    case reloadFailed = "reload_failed"
    /// The daemon is up and has run its first evaluation.
    case started
    /// The daemon is shutting down.
    case stopping
    /// A source delivered no new data for its `stale_after`.
    case sourceStale = "source_stale"

    /// The entry's `MESSAGE_ID`: 32 lower-case hex digits, fixed forever for this kind.
    public var messageID: String {
        switch self {
        case .firing: "9eae067cf26e406f9a80a8882024b1b4"
        case .resolved: "de82ff4954c84875b3b48bccbd6fc6e7"
        case .pending: "35e2326b4e1c46b58f066167994c5b1e"
        case .notified: "b4b41c1289e8473794bfb2c71d11664f"
        case .notifyFailed: "eb59595a1713441f87c91515b716c6a5"
        case .deadLetter: "18f30c682a0b4b229afe8238201f6ea3"
        case .ingestError: "683670b9bd944718ae54a7b8d7b4b596"
        case .reload: "0cd2e42f4a5c4f24b19f5f190758bca3"
        case .reloadFailed: "7d1eb5886ed94dc99bacff1dd022a378"
        case .started: "4d05dddf6c9a4a3f9c5286f6e2800d30"
        case .stopping: "5c4620d4acf8420f828cb164f23fea2f"
        case .sourceStale: "7bee79b185304acdaa63f452e9f93c85"
        }
    }
}
