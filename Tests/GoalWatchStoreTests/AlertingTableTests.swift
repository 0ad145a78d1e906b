import GoalWatchCore
import GoalWatchStore
import Testing

@Suite struct AlertingTableTests {
    private func open() throws -> (TemporaryDirectory, MetricStore) {
        let directory = try TemporaryDirectory()
        return (directory, try MetricStore(path: directory.path("goalwatch.sqlite")))
    }

    @Test func aChangeIsDurableAsAWholeAndReadBackAfterReopening() throws {
        let (directory, store) = try open()
        var change = AlertingChange()
        change.savedStates = [AlertStateRecord(key: "rule/a", body: "{\"a\":1}"), AlertStateRecord(key: "rule/b", body: "{}")]
        change.savedAlerts = [RouterAlertRecord(fingerprint: "00000000000000aa", body: "{}", resolvedAt: nil)]
        change.logEntries = [
            NotificationLogEntry(
                groupKey: "{}:{}", receiver: "oncall", firing: ["00000000000000aa"], resolved: [],
                notifiedAt: Timestamp(milliseconds: 5_000))
        ]
        change.notifications = [OutboxEntry(id: "n1", receiver: "oncall", body: "{}", createdAt: Timestamp(milliseconds: 5_000))]
        try store.apply(change)

        var second = AlertingChange()
        second.deletedStates = ["rule/b"]
        second.savedAlerts = [RouterAlertRecord(fingerprint: "00000000000000aa", body: "{}", resolvedAt: Timestamp(milliseconds: 9_000))]
        try store.apply(second)

        let reopened = try MetricStore(path: directory.path("goalwatch.sqlite"))
        #expect(try reopened.alertStates() == [AlertStateRecord(key: "rule/a", body: "{\"a\":1}")])
        #expect(try reopened.routerAlerts().map(\.resolvedAt) == [Timestamp(milliseconds: 9_000)])
        #expect(try reopened.notificationLog().first?.firing == ["00000000000000aa"])
        #expect(try reopened.outboxEntries().map(\.id) == ["n1"])
    }

    @Test func aFailingChangeWritesNothing() throws {
        let (_, store) = try open()
        try store.enqueue(OutboxEntry(id: "n1", receiver: "oncall", body: "{}", createdAt: Timestamp(milliseconds: 0)))
        var change = AlertingChange()
        change.savedStates = [AlertStateRecord(key: "rule/a", body: "{}")]
        // The same notification id again violates the outbox's primary key: the whole change is refused.
        change.notifications = [OutboxEntry(id: "n1", receiver: "oncall", body: "{}", createdAt: Timestamp(milliseconds: 0))]
        #expect(throws: StoreError.self) { try store.apply(change) }
        #expect(try store.alertStates().isEmpty)
    }

    @Test func notificationLogSetsReadBackWhateverTheirCharacters() throws {
        let (_, store) = try open()
        let firing: Set<String> = ["00000000000000aa", "quote \" backslash \\ /", "line\nfeed\ttab\r\u{1}", "é 🚀 \u{2028}"]
        var change = AlertingChange()
        change.logEntries = [
            NotificationLogEntry(groupKey: "{}:{}", receiver: "oncall", firing: firing, resolved: [], notifiedAt: Timestamp(milliseconds: 1))
        ]
        try store.apply(change)
        let entry = try #require(try store.notificationLog().first)
        #expect(entry.firing == firing)
        #expect(entry.resolved.isEmpty)
    }

    @Test func textsAreStoredByteForByteEmptyOnesIncluded() throws {
        let (_, store) = try open()
        // Texts here are JSON or names: a NUL never reaches a column unescaped.
        let awkward = "quote \" é 🚀 \u{2028} end"
        var change = AlertingChange()
        change.savedStates = [AlertStateRecord(key: "", body: ""), AlertStateRecord(key: awkward, body: awkward)]
        change.notifications = [OutboxEntry(id: awkward, receiver: "", fallbackReceiver: "", body: "", createdAt: Timestamp(milliseconds: 1))]
        try store.apply(change)
        #expect(try store.alertStates() == [AlertStateRecord(key: "", body: ""), AlertStateRecord(key: awkward, body: awkward)])
        let entry = try #require(try store.outboxEntries().first)
        #expect(entry.id == awkward && entry.receiver == "" && entry.fallbackReceiver == "" && entry.body == "")
        try store.markDelivered(ids: [awkward])
        #expect(try store.outboxEntries().isEmpty)
    }

    @Test func dueEntriesComeEarliestFirstPerReceiverAndSkipThoseInFlight() throws {
        let (_, store) = try open()
        for (id, receiver, due) in [("a", "slack", 3_000), ("b", "slack", 1_000), ("c", "pager", 0), ("d", "slack", 9_000), ("e", "slack", 2_000)] {
            try store.enqueue(OutboxEntry(
                id: id, receiver: receiver, body: "{}", createdAt: Timestamp(milliseconds: 0),
                nextAttemptAt: Timestamp(milliseconds: Int64(due))))
        }
        let due = try store.dueOutboxEntries(receiver: "slack", at: Timestamp(milliseconds: 3_000), limit: 2, excluding: ["b"])
        #expect(due.map(\.id) == ["e", "a"])
        #expect(try store.nextOutboxAttempt(receiver: "slack") == Timestamp(milliseconds: 1_000))
        #expect(try store.nextOutboxAttempt(receiver: "teams") == nil)
        #expect(try store.outboxDepth() == 5)
    }

    @Test func nextAttemptAfterAnInstantLeavesOutTheEntriesDueByThen() throws {
        let (_, store) = try open()
        for (id, due) in [("a", 1_000), ("b", 2_000), ("c", 5_000)] {
            try store.enqueue(OutboxEntry(
                id: id, receiver: "slack", body: "{}", createdAt: Timestamp(milliseconds: 0),
                nextAttemptAt: Timestamp(milliseconds: Int64(due))))
        }
        #expect(try store.nextOutboxAttempt(receiver: "slack", after: Timestamp(milliseconds: 2_000)) == Timestamp(milliseconds: 5_000))
        #expect(try store.nextOutboxAttempt(receiver: "slack", after: Timestamp(milliseconds: 5_000)) == nil)
    }

    @Test func aBurstDueAtOneInstantComesInCreationOrderBatchByBatch() throws {
        let (_, store) = try open()
        var change = AlertingChange()
        change.notifications = (0..<50).map { index in
            OutboxEntry(
                id: "n\(99 - index)", receiver: "hook", body: "{}", createdAt: Timestamp(milliseconds: Int64(index)),
                nextAttemptAt: Timestamp(milliseconds: 100))
        }
        try store.apply(change)
        let first = try store.dueOutboxEntries(receiver: "hook", at: Timestamp(milliseconds: 100), limit: 20)
        #expect(first.map(\.createdAt.milliseconds) == Array(Int64(0)..<20))
        let second = try store.dueOutboxEntries(
            receiver: "hook", at: Timestamp(milliseconds: 100), limit: 20, excluding: Set(first.map(\.id)))
        #expect(second.map(\.createdAt.milliseconds) == Array(Int64(20)..<40))
    }

    @Test func aBatchOfDeliveredEntriesRemovesExactlyThoseIds() throws {
        let (directory, store) = try open()
        for id in ["a", "b", "c", "d", "e"] {
            try store.enqueue(OutboxEntry(id: id, receiver: "hook", body: "{}", createdAt: Timestamp(milliseconds: 0)))
        }
        // "x" was never there (or was removed already): it is ignored, the rest of the batch goes.
        try store.markDelivered(ids: ["b", "d", "x"])
        #expect(try store.outboxEntries().map(\.id) == ["a", "c", "e"])
        try store.markDelivered(ids: [String]())
        let reopened = try MetricStore(path: directory.path("goalwatch.sqlite"))
        #expect(try reopened.outboxEntries().map(\.id) == ["a", "c", "e"])
    }

    @Test func failedAttemptsDeliveryAndDeadLetters() throws {
        let (_, store) = try open()
        try store.enqueue(OutboxEntry(id: "n1", receiver: "oncall", fallbackReceiver: "email", body: "{\"x\":1}", createdAt: Timestamp(milliseconds: 0)))
        try store.enqueue(OutboxEntry(id: "n2", receiver: "oncall", body: "{}", createdAt: Timestamp(milliseconds: 0)))
        try store.recordFailedAttempt(id: "n1", attempts: 3, error: "HTTP 503", nextAttemptAt: Timestamp(milliseconds: 8_000))
        let failed = try #require(try store.outboxEntry(id: "n1"))
        #expect(failed.attempts == 3 && failed.lastError == "HTTP 503" && failed.nextAttemptAt == Timestamp(milliseconds: 8_000))
        #expect(failed.fallbackReceiver == "email")

        let notice = OutboxEntry(id: "notice-n1", receiver: "email", body: "{}", createdAt: Timestamp(milliseconds: 9_000))
        try store.deadLetter(id: "n1", attempts: 4, error: "gave up after 24h: HTTP 503", at: Timestamp(milliseconds: 9_000), notice: notice)
        try store.markDelivered(id: "n2")

        #expect(try store.outboxEntries().map(\.id) == ["notice-n1"])
        let letters = try store.deadLetters()
        #expect(letters == [DeadLetter(
            id: "n1", receiver: "oncall", body: "{\"x\":1}", createdAt: Timestamp(milliseconds: 0),
            deadAt: Timestamp(milliseconds: 9_000), attempts: 4, lastError: "gave up after 24h: HTTP 503")])
    }

    @Test func silencesAreSavedReplacedAndPrunedAfterTheyEnd() throws {
        let (_, store) = try open()
        try store.save(SilenceRecord(id: "s1", body: "{\"v\":1}", endsAt: Timestamp(milliseconds: 5_000)))
        try store.save(SilenceRecord(id: "s2", body: "{}", endsAt: Timestamp(milliseconds: 1_000)))
        try store.save(SilenceRecord(id: "s1", body: "{\"v\":2}", endsAt: Timestamp(milliseconds: 6_000)))
        #expect(try store.silences().map(\.id) == ["s2", "s1"])
        #expect(try store.silence(id: "s1")?.body == "{\"v\":2}")
        #expect(try store.deleteSilences(endedBefore: Timestamp(milliseconds: 2_000)) == 1)
        #expect(try store.silences().map(\.id) == ["s1"])
        #expect(try store.silence(id: "s2") == nil)
    }
}
