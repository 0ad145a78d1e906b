import Foundation
import Testing

@testable import GoalWatchNotify

@Suite("Payload JSON writer")
struct PayloadJSONTests {
    func written(_ value: JSONValue) -> String {
        String(decoding: JSONWriter.bytes(value), as: UTF8.self)
    }

    @Test("numbers are written as Go's encoding/json writes a float64", arguments: [
        (0.0, "0"), (1.0, "1"), (-2.5, "-2.5"), (100.0, "100"), (0.1, "0.1"), (12_950.0, "12950"), (1e20, "100000000000000000000"),
        (1e21, "1e+21"), (1.5e300, "1.5e+300"), (0.000001, "0.000001"), (1e-7, "1e-7"), (-1.25e-8, "-1.25e-8"),
        (0.3958, "0.3958"), (1.0 / 3.0, "0.3333333333333333"), (Double.leastNonzeroMagnitude, "5e-324"),
        (-1.0, "-1"), (9_007_199_254_740_991.0, "9007199254740991"), (9_007_199_254_740_992.0, "9007199254740992"),
        (-123_456_789_012.0, "-123456789012"), (2.5e15 + 0.5, "2500000000000000.5"),
    ])
    func numbers(_ value: Double, _ expected: String) throws {
        #expect(JSONWriter.numberText(value) == expected)
        #expect(try JSONSerialization.jsonObject(with: Data(expected.utf8), options: .fragmentsAllowed) as? Double == value)
    }

    @Test("NaN and the infinities become the strings NaN, +Inf and -Inf")
    func nonFinite() {
        #expect(written(.array([.number(.nan), .number(.infinity), .number(-.infinity)])) == #"["NaN","+Inf","-Inf"]"#)
    }

    @Test("strings escape quotes, backslashes, control characters and U+2028, and keep other unicode as is")
    func strings() throws {
        let text = "a\"b\\c\nd\te\u{01}f\u{2028}g/é🎯"
        let written = written(.string(text))
        #expect(written == #""a\"b\\c\nd\te\u0001f\u2028g/é🎯""#)
        #expect(try JSONSerialization.jsonObject(with: Data(written.utf8), options: .fragmentsAllowed) as? String == text)
    }

    @Test("sorted objects order keys by code point, whatever order they were given in")
    func sortedKeys() {
        let value = JSONValue.sorted(["b": .integer(1), "B": .integer(2), "é": .integer(3), "a": .null, "z": .bool(true), "🎯": .string("x")])
        #expect(written(value) == #"{"B":2,"a":null,"b":1,"z":true,"é":3,"🎯":"x"}"#)
    }

    @Test("keys are ordered by code point, as the bytes of their UTF-8")
    func keyOrder() {
        let keys = ["", "a", "ab", "aB", "Z", "_", "é", "e\u{301}", "z", "🚀", "\u{FFFD}", "a\u{0}", "A", "0"]
        for first in keys {
            for second in keys {
                #expect(JSONOutput.precedes(first, second) == first.unicodeScalars.lexicographicallyPrecedes(second.unicodeScalars), "\(first) \(second)")
            }
        }
    }
}
