import GoalWatchCore

extension Silence {
    /// The JSON object `goalwatch silence list --format json` prints for the silence and the HTTP API
    /// answers: `{"id", "matchers": ["goal=\"ig\""], "starts_at", "ends_at", "created_by", "comment",
    /// "created_at", "state"}`, with the state at `now`.
    public func json(at now: Timestamp) -> [String: Any] {
        [
            "id": id, "matchers": matchers.map(\.description), "starts_at": startsAt.rfc3339, "ends_at": endsAt.rfc3339,
            "created_by": createdBy, "comment": comment, "created_at": createdAt.rfc3339, "state": state(at: now).rawValue,
        ]
    }
}
