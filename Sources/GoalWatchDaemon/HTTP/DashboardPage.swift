import GoalWatchCore

/// The dashboard: one self-contained HTML page, one card per goal series. No scripts, fonts or other
/// external assets: the style sheet is inline and the charts are inline SVG.
struct DashboardPage {
    var cards: [GoalCard]
    /// When the figures were evaluated; `nil` before the first evaluation.
    var evaluatedAt: Timestamp?
    var version: String

    var html: String {
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="refresh" content="60"><title>GoalWatch</title><style>\(Self.style)</style></head><body>
            <h1>GoalWatch goals</h1>
            """
        if let evaluatedAt {
            html += #"<p class="meta">Evaluated at \#(HTMLText.escape(evaluatedAt.rfc3339)) · GoalWatch \#(HTMLText.escape(version))</p>"#
        } else {
            html += #"<p class="meta">Waiting for the first evaluation · GoalWatch \#(HTMLText.escape(version))</p>"#
        }
        if cards.isEmpty, evaluatedAt != nil {
            html += #"<p class="meta">No goals are defined in the rule files.</p>"#
        }
        html += #"<main class="cards">"# + cards.map(\.html).joined() + "</main>"
        html += #"<p class="legend"><span class="l-history">history</span> <span class="l-pace">pace</span> "#
            + #"<span class="l-forecast">forecast</span> <span class="l-target">target</span></p>"#
        return html + "</body></html>\n"
    }

    static let style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;background:#f6f7f9;color:#1c2330}\
        h1{font-size:1.4rem;margin:0 0 .2rem}.meta,.legend{color:#5b6575;margin:.2rem 0 1rem}\
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(380px,1fr));gap:1rem}\
        .card{background:#fff;border-radius:8px;padding:.8rem 1rem;box-shadow:0 1px 3px #0002;border-top:4px solid #2e7d32}\
        .card header{display:flex;justify-content:space-between;align-items:baseline;gap:.5rem}\
        .card h2{font-size:1.05rem;margin:0;overflow-wrap:anywhere}.state{font-size:.8rem;text-transform:uppercase;color:#5b6575}\
        .labels,.description{margin:.2rem 0;color:#5b6575;overflow-wrap:anywhere}\
        .state-behind_pace,.state-at_risk,.state-breached{border-top-color:#ef6c00}.state-missed{border-top-color:#c62828}\
        .state-stale,.state-inactive{border-top-color:#9e9e9e}.state-achieved{border-top-color:#1565c0}\
        .bar{position:relative;height:8px;background:#e3e6ea;border-radius:4px;margin:.5rem 0}\
        .bar span{display:block;height:100%;background:#2e7d32;border-radius:4px}\
        .bar i{position:absolute;top:-3px;width:2px;height:14px;background:#1c2330}\
        dl{display:grid;grid-template-columns:auto 1fr;gap:0 .8rem;margin:.4rem 0}dt{color:#5b6575}dd{margin:0}\
        .chart{width:100%;height:auto}.frame{fill:#fafbfc;stroke:#e3e6ea}.axis{font-size:10px;fill:#5b6575}\
        .history{fill:none;stroke:#1565c0;stroke-width:2}.pace{fill:none;stroke:#5b6575;stroke-width:1.2;stroke-dasharray:5 4}\
        .forecast{stroke:#ef6c00;stroke-width:1.5;stroke-dasharray:2 3}.target{stroke:#2e7d32;stroke-width:1}\
        .now{stroke:#1c2330;stroke-width:.8;stroke-dasharray:1 2}\
        .legend span{margin-right:1rem;padding-left:1.4rem;position:relative}\
        .legend span:before{content:"";position:absolute;left:0;top:.6em;width:1rem;border-top:2px solid}\
        .l-history:before{border-color:#1565c0}.l-pace:before{border-top-style:dashed!important;border-color:#5b6575}\
        .l-forecast:before{border-top-style:dotted!important;border-color:#ef6c00}.l-target:before{border-color:#2e7d32}
        """
}
