import Testing

@testable import GoalWatchNotify

/// Two pieces of work run at once (or in turn when small) give both results, and an error of either.
@Suite struct SideBySideTests {
    private struct Failure: Error, Equatable { var which: Int }

    @Test(arguments: [true, false]) func bothResultsComeBack(parallel: Bool) throws {
        let (sum, text) = try SideBySide.run(parallel: parallel, { (1...1_000).reduce(0, +) }, { String(repeating: "x", count: 3) })
        #expect(sum == 500_500)
        #expect(text == "xxx")
    }

    @Test(arguments: [true, false]) func theFirstErrorWins(parallel: Bool) {
        #expect(throws: Failure(which: 1)) {
            _ = try SideBySide.run(parallel: parallel, { () throws -> Int in throw Failure(which: 1) }, { () throws -> Int in throw Failure(which: 2) })
        }
        #expect(throws: Failure(which: 2)) {
            _ = try SideBySide.run(parallel: parallel, { 1 }, { () throws -> Int in throw Failure(which: 2) })
        }
    }
}
