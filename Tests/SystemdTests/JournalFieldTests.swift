import Testing

@testable import Systemd

@Suite("journal field names")
struct JournalFieldTests {
    @Test(
        "journald's naming rule is enforced",
        arguments: [
            ("MESSAGE", true), ("GOALWATCH_LABEL_ACCOUNT", true), ("A1_2", true), ("X", true),
            (String(repeating: "A", count: 64), true),
            (String(repeating: "A", count: 65), false), ("", false), ("_PID", false), ("1ST", false),
            ("message", false), ("FIRST-RESPONSE", false), ("ÉTAT", false), ("A B", false),
        ])
    func validity(name: String, valid: Bool) {
        #expect(JournalField.isValidName(name) == valid)
    }

    @Test(
        "any label or metadata name becomes a valid field name",
        arguments: [
            ("account", "", "ACCOUNT"),
            ("first-response", "GOALWATCH_LABEL_", "GOALWATCH_LABEL_FIRST_RESPONSE"),
            ("2fa", "", "X2FA"),
            ("2fa", "GOALWATCH_", "GOALWATCH_2FA"),
            ("__name__", "", "X__NAME__"),
            ("Überweisung", "", "X_BERWEISUNG"),
            ("", "", "X"),
            ("a.b c", "P_", "P_A_B_C"),
        ])
    func sanitizing(name: String, prefix: String, expected: String) {
        let sanitized = JournalField.sanitizedName(name, prefix: prefix)
        #expect(sanitized == expected)
        #expect(JournalField.isValidName(sanitized))
    }

    @Test("a sanitized name is cut to 64 characters")
    func longNamesAreCut() {
        let sanitized = JournalField.sanitizedName(String(repeating: "x", count: 100), prefix: "GOALWATCH_LABEL_")
        #expect(sanitized.count == 64)
        #expect(sanitized.hasPrefix("GOALWATCH_LABEL_XXX"))
        #expect(JournalField.isValidName(sanitized))
    }

    @Test("an invalid name is refused before anything is sent, naming the field")
    func invalidNameIsRefused() {
        #expect(throws: JournalError.invalidFieldName("goalwatch_event")) {
            try Journal.send([JournalField("MESSAGE", "x"), JournalField("goalwatch_event", "firing")])
        }
    }

    @Test("errors say what failed")
    func errorDescriptions() {
        #expect(JournalError.sendFailed(errno: 2).description == "writing to the journal failed: No such file or directory (errno 2)")
        #expect(JournalError.invalidFieldName("a-b").description.hasPrefix("journal field name \"a-b\" is invalid"))
    }
}
