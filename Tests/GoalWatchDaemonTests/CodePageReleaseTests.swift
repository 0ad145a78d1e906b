import Foundation
@testable import GoalWatchDaemon
import Glibc
import GoalWatchCore
import Testing

/// Which mappings the daemon gives back after loading, and that the kernel really takes their pages.
@Suite struct CodePageReleaseTests {
    /// Only clean, private, read-only mappings of files are advised: not writable data, not a read-only
    /// mapping holding private copies (relocated data, which would go to swap), not shared mappings,
    /// anonymous memory or mappings with nothing resident.
    @Test func onlyCleanReadOnlyFileMappingsAreReleasable() {
        let smaps = """
            5600a0000000-5600a0400000 r-xp 00010000 fe:00 1234                       /usr/bin/goalwatch
            Size:               4096 kB
            Rss:                2048 kB
            Anonymous:             0 kB
            VmFlags: rd ex mr mw me sd
            5600a0400000-5600a0500000 r--p 00410000 fe:00 1234                       /usr/bin/goalwatch
            Size:               1024 kB
            Rss:                1024 kB
            Anonymous:           512 kB
            5600a0500000-5600a0510000 rw-p 00510000 fe:00 1234                       /usr/bin/goalwatch
            Rss:                  64 kB
            Anonymous:            64 kB
            7f0000000000-7f0000100000 r--p 00000000 fe:00 99                         /usr/lib/libicudata.so.72
            Rss:                 300 kB
            Anonymous:             0 kB
            7f0000100000-7f0000200000 r--s 00000000 fe:00 77                         /var/lib/goalwatch/goalwatch.sqlite-shm
            Rss:                  32 kB
            Anonymous:             0 kB
            7f0000200000-7f0000300000 r-xp 00000000 fe:00 55                         /usr/lib/libunused.so
            Rss:                   0 kB
            Anonymous:             0 kB
            5600a1000000-5600a2000000 rw-p 00000000 00:00 0                          [heap]
            Rss:                4096 kB
            Anonymous:          4096 kB
            7ffc00000000-7ffc00002000 r--p 00000000 00:00 0                          [vvar]
            Rss:                   0 kB
            Anonymous:             0 kB
            7f0000400000-7f0000500000 r--p 00000000 00:00 0 
            Rss:                   8 kB
            Anonymous:             0 kB
            """
        let mappings = CodePageRelease.mappings(inSmaps: smaps)
        #expect(mappings.count == 9)
        let releasable = mappings.filter(\.isReleasable)
        #expect(releasable.map(\.path) == ["/usr/bin/goalwatch", "/usr/lib/libicudata.so.72"])
        #expect(releasable.map(\.start) == [0x5600_a000_0000, 0x7f00_0000_0000])
        #expect(releasable.map(\.end) == [0x5600_a040_0000, 0x7f00_0010_0000])
        #expect(releasable.map(\.residentKiB) == [2048, 300])
    }

    /// A read-only mapping of a file whose every page was read is resident; after the release it is
    /// not, and reading it again still gives the file's bytes.
    @Test func theKernelTakesBackTheAdvisedPages() throws {
        let file = try PagesFile()
        defer { file.remove() }
        try expectReleased(file)
    }

    /// Pages that another process maps as well stay in the page cache for it, but leave this process:
    /// a library that other programs also run counts only with the pages the daemon itself touches.
    @Test func pagesAnotherProcessMapsLeaveThisProcessToo() throws {
        let file = try PagesFile()
        defer { file.remove() }
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        reader.arguments = ["-c", """
            import mmap, sys
            with open(sys.argv[1], "rb") as f:
                pages = mmap.mmap(f.fileno(), 0, prot=mmap.PROT_READ)
                total = sum(pages[i] for i in range(0, len(pages), mmap.PAGESIZE))
                print(total, flush=True)
                sys.stdin.read()
            """, file.path]
        let input = Pipe()
        let output = Pipe()
        reader.standardInput = input
        reader.standardOutput = output
        try reader.run()
        defer {
            try? input.fileHandleForWriting.close()
            reader.waitUntilExit()
        }
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        try #require(Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) == (1...PagesFile.pages).reduce(0, +),
                     "the other process has read every page")
        try expectReleased(file)
    }

    /// Maps `file`, reads every page, releases, and expects the pages gone from this process and the
    /// file's bytes still readable, one page coming back at a time.
    private func expectReleased(_ file: PagesFile) throws {
        let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let pageSize = PagesFile.pageSize
        let length = PagesFile.pages * pageSize
        let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0)
        try #require(mapped != MAP_FAILED)
        let base = try #require(mapped)
        defer { munmap(base, length) }
        let start = UInt(bitPattern: base)

        var sum = 0
        for page in 0..<PagesFile.pages { sum += Int(base.load(fromByteOffset: page * pageSize, as: UInt8.self)) }
        #expect(sum == (1...PagesFile.pages).reduce(0, +))
        let before = try #require(Self.mapping(at: start))
        #expect(before.residentKiB == length / 1024, "every page read is resident")
        #expect(before.isReleasable)

        let outcome = CodePageRelease.release()
        #expect(outcome.mappings >= 1)
        #expect(outcome.residentKiB >= length / 1024)
        let after = try #require(Self.mapping(at: start))
        #expect(after.residentKiB < before.residentKiB / 4, "the advised pages left the process (\(after.residentKiB) KiB remain)")

        #expect(base.load(fromByteOffset: 100 * pageSize + 7, as: UInt8.self) == 101, "a released page reads back from the file")
        let reread = try #require(Self.mapping(at: start))
        #expect(reread.residentKiB < before.residentKiB / 4, "a page read again comes back alone, not with its neighbours")
    }

    /// A file of ``pages`` pages, written back to disk so that its pages are clean; page `n` (from 0)
    /// holds the byte `n + 1` throughout.
    private struct PagesFile {
        static let pages = 128
        static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let folder: URL
        let path: String

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("page-release-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            path = folder.appendingPathComponent("pages").path
            let length = Self.pages * Self.pageSize
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 / Self.pageSize + 1) }
            let descriptor = open(path, O_CREAT | O_RDWR | O_TRUNC | O_CLOEXEC, 0o600)
            try #require(descriptor >= 0)
            defer { close(descriptor) }
            try #require(bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, length) } == length)
            try #require(fsync(descriptor) == 0, "written back, so that its pages are clean")
        }

        func remove() {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// This process's mapping that starts at `start`, with its sizes, as `/proc/self/smaps` shows it now.
    private static func mapping(at start: UInt) -> CodePageRelease.Mapping? {
        CodePageRelease.mappings(inSmaps: CodePageRelease.ownSmaps() ?? "").first { $0.start == start }
    }
}

/// When the evaluation loop releases: after its first cycle, after the first cycle that follows a
/// reload, and an hour after the last release.
@Suite struct CodePageReleaseScheduleTests {
    @Test func releasesAfterTheFirstCycleAfterReloadsAndHourly() {
        var schedule = CodePageRelease()
        let start = Timestamp(milliseconds: 1_800_000_000_000)
        let hour = CodePageRelease.interval
        let reload = start + hour + .minutes(5)
        // The end of each cycle, whether a reload came before it, and whether it releases.
        let cycles: [(at: Timestamp, afterReload: Bool, releases: Bool)] = [
            (start, false, true),  // the first cycle
            (start + .seconds(30), false, false),
            (start + hour - .seconds(1), false, false),
            (start + hour, false, true),  // an hour later
            (start + hour + .seconds(30), false, false),
            (reload, true, true),  // the cycle after a reload
            (reload + .minutes(59), false, false),
            (reload + .minutes(60), false, true),  // the hour counts from the last release
        ]
        for cycle in cycles {
            if cycle.afterReload { schedule.reloaded() }
            let due = schedule.isDue(afterCycleAt: cycle.at)
            #expect(due == cycle.releases, "cycle at +\((cycle.at - start).milliseconds / 1000) s")
        }
    }
}
