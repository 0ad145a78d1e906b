/// Evaluates `condition` every 50 ms until it holds or `timeout` has passed.
///
/// - Returns: whether the condition held before the deadline.
public func eventually(
    within timeout: Duration, _ condition: () async throws -> Bool
) async throws -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while true {
        if try await condition() { return true }
        if clock.now >= deadline { return false }
        try await Task.sleep(for: .milliseconds(50))
    }
}
