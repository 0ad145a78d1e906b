import Testing
@testable import GoalWatchCore

@Suite("Label sets and names")
struct LabelsTests {
    @Test("labels are sorted by name, empty values dropped, last duplicate wins")
    func normalised() {
        let labels = Labels([("network", "x"), ("account", "acme"), ("network", "instagram"), ("team", "")])
        #expect(labels.elements.map(\.name) == ["account", "network"])
        #expect(labels["network"] == "instagram")
        #expect(labels["team"] == nil)
    }

    @Test("the fingerprint is stable and depends on every name and value")
    func fingerprint() {
        let a = Labels(["__name__": "followers", "network": "instagram"])
        #expect(a.fingerprint == Labels(["network": "instagram", "__name__": "followers"]).fingerprint)
        #expect(a.fingerprint != Labels(["__name__": "followers", "network": "instagra"]).fingerprint)
        // Separators prevent ("ab","c") and ("a","bc") from colliding.
        #expect(Labels(["ab": "c"]).fingerprint != Labels(["a": "bc"]).fingerprint)
        // FNV-1a over "__name__" 0xFF "followers" 0xFF "network" 0xFF "instagram" 0xFF, computed independently.
        #expect(a.fingerprint == 0xdda8_7f53_9236_e36d)
    }

    @Test("the text form is Prometheus' with escaped values")
    func textForm() {
        let labels = Labels(["__name__": "followers", "account": "a\"b\\c\nd", "network": "x"])
        #expect(labels.description == #"followers{account="a\"b\\c\nd", network="x"}"#)
        #expect(Labels(["__name__": "up"]).description == "up")
    }

    @Test("metric and label names follow Prometheus' character rules", arguments: [
        ("followers", true, true), ("goal:progress_ratio", true, false), ("_x1", true, true),
        ("1x", false, false), ("first response", false, false), ("", false, false), ("über", false, false),
    ])
    func names(name: String, validMetric: Bool, validLabel: Bool) {
        #expect(MetricName.isValid(name) == validMetric)
        #expect(LabelName.isValid(name) == validLabel)
    }
}
