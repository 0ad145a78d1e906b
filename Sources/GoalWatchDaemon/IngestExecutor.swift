import Dispatch

/// Where the daemon's sources and pushed snapshots are ingested: a serial dispatch queue of their own,
/// outside the cooperative pool that evaluation, delivery and the HTTP API share. Decoding a large
/// export and writing it to the store block a thread for seconds; on this executor they block this
/// queue's thread only, so the evaluation loop, its watchdog pings and deliveries keep running
/// meanwhile (DESIGN §13).
final class IngestExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "goalwatch.ingest")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
