extension AlertTemplate {
    /// Renders the template with `data` as its root: what `.` and `$` stand for at the start.
    ///
    /// For templates that see something other than one alert, such as a notification's custom body,
    /// which gets Alertmanager's template data (`.Receiver`, `.Status`, `range .Alerts`, …) built by
    /// the caller as a ``TemplateValue/record(_:)``. No other variables are defined.
    /// - Throws: ``InputError`` naming the action that failed: a missing field of a record, a function
    ///   given the wrong kind of value.
    public func render(data: TemplateValue) throws(InputError) -> String {
        var renderer = TemplateRenderer(variables: ["": data])
        var out = ""
        try renderer.run(nodes, dot: data, into: &out)
        return out
    }
}
