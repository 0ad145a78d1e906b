/// Writes Prometheus' text exposition format 0.0.4: each family's `# HELP` and `# TYPE` lines, then its
/// samples, label values and help text escaped as the format requires.
struct PrometheusText {
    /// A metric family's type.
    enum MetricType: String {
        case counter, gauge
    }

    /// One sample: its labels, in order, and its value.
    struct Sample {
        var labels: [(name: String, value: String)] = []
        var value: Double
    }

    /// The `Content-Type` of the format.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The text written so far.
    private(set) var text = ""

    /// Writes a family. `name` must be a valid metric name; label names valid label names.
    mutating func family(_ name: String, _ type: MetricType, help: String, samples: [Sample]) {
        text += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(type.rawValue)\n"
        for sample in samples {
            text += name
            if !sample.labels.isEmpty {
                text += "{" + sample.labels.map { "\($0.name)=\"\(Self.escapeLabelValue($0.value))\"" }.joined(separator: ",") + "}"
            }
            text += " \(ValueFormat.plain(sample.value))\n"
        }
    }

    /// Writes a family of one sample without labels.
    mutating func family(_ name: String, _ type: MetricType, help: String, value: Double) {
        family(name, type, help: help, samples: [Sample(value: value)])
    }

    /// `\` and line breaks escaped, as `# HELP` lines need.
    static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// `\`, `"` and line breaks escaped, as label values need.
    static func escapeLabelValue(_ text: String) -> String {
        escapeHelp(text).replacingOccurrences(of: "\"", with: "\\\"")
    }
}
