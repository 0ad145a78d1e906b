import GoalWatchCore
import Testing
@testable import GoalWatchDaemon

/// The pure parts of the HTTP API: escaping, the exposition format, the token comparison, chart thinning.
@Suite struct HTTPRenderingTests {
    @Test func htmlEscapingLeavesNoMarkup() {
        #expect(HTMLText.escape(#"<script>alert("x") & 'y'</script>"#) == "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;")
        #expect(HTMLText.escape("plain ünïcode") == "plain ünïcode")
    }

    @Test func theExpositionEscapesLabelValuesAndHelp() {
        var text = PrometheusText()
        text.family(
            "goalwatch_example", .gauge, help: "a \\ help\nline",
            samples: [.init(labels: [("receiver", "a\"b\\c\nd")], value: 1.5), .init(labels: [("receiver", "x")], value: .infinity)])
        #expect(text.text == """
            # HELP goalwatch_example a \\\\ help\\nline
            # TYPE goalwatch_example gauge
            goalwatch_example{receiver="a\\"b\\\\c\\nd"} 1.5
            goalwatch_example{receiver="x"} +Inf

            """)
    }

    @Test func tokensCompareByEveryByte() {
        let token = Array("s3cret-token".utf8)
        #expect(ConstantTime.equal(token, token))
        #expect(!ConstantTime.equal(token, Array("s3cret-tokeN".utf8)))
        #expect(!ConstantTime.equal(token, Array("s3cret-token2".utf8)))
        #expect(!ConstantTime.equal(token, []))
        #expect(ConstantTime.equal([], []))
    }

    @Test func longHistoriesAreThinnedKeepingTheLastSample() {
        let samples = (0..<1000).map { Sample(timestamp: Timestamp(milliseconds: Int64($0) * 1000), value: Double($0)) }
        let thinned = GoalChart.thinned(samples)
        #expect(thinned.count <= GoalChart.maximumPoints)
        #expect(thinned.first?.value == 0)
        #expect(thinned.last?.value == 999)
        #expect(GoalChart.thinned(Array(samples.prefix(10))).count == 10)
    }
}
