import Testing

@testable import GoalWatchCore

@Suite("Templates over caller-built data")
struct AlertTemplateDataTests {
    let origin = SourceLocation(file: "goalwatch.yml", line: 3, column: 14)
    let data = TemplateValue.record([
        "Receiver": .string("oncall"),
        "CommonLabels": .map(["team": "care"]),
        "Alerts": .list([
            .record(["Labels": .map(["network": "x"]), "Value": .number(2)]),
            .record(["Labels": .map(["network": "y"]), "Value": .number(0.5)]),
        ]),
    ])

    @Test("fields, maps and lists of records render; $ is the root inside range")
    func renders() throws {
        let template = try AlertTemplate(
            "{{ .Receiver }}/{{ .CommonLabels.team }}: {{ range .Alerts }}{{ .Labels.network }}={{ .Value }} ({{ $.Receiver }}) {{ end }}{{ len .Alerts }}",
            origin: origin)
        #expect(try template.render(data: data) == "oncall/care: x=2 (oncall) y=0.5 (oncall) 2")
    }

    @Test("a missing field is an error at the template's position; the alert variables are not defined")
    func errors() throws {
        let missing = try AlertTemplate("{{ .Reciever }}", origin: origin)
        #expect(throws: InputError.self) { try missing.render(data: data) }
        let error = try #require(throws: InputError.self) { try missing.render(data: data) }
        #expect(error.location?.file == "goalwatch.yml")
        #expect(error.message.contains("no field Reciever"))
        #expect(throws: InputError.self) { try AlertTemplate("{{ $labels }}", origin: origin).render(data: data) }
    }
}
