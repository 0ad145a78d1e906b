import Testing
@testable import GoalWatchCore

@Suite("Series selectors")
struct SeriesSelectorTests {
    let instagram = Labels(["__name__": "followers", "network": "instagram", "account": "acme"])
    let twitter = Labels(["__name__": "followers", "network": "twitter", "account": "acme"])
    let reach = Labels(["__name__": "reach", "network": "instagram"])

    @Test("a bare metric name selects every series of that metric")
    func bareName() throws {
        let selector = try SeriesSelector.parse("followers")
        #expect(selector.matches(instagram) && selector.matches(twitter) && !selector.matches(reach))
        #expect(selector.exactMetricName == "followers")
    }

    @Test("matchers of all four kinds filter as in PromQL", arguments: [
        (#"followers{network="instagram"}"#, [true, false, false]),
        (#"followers{network!="instagram"}"#, [false, true, false]),
        (#"{network=~"insta.*"}"#, [true, false, true]),
        (#"{__name__=~".+", network!~"insta.*"}"#, [false, true, false]),
        (#"followers{account=""}"#, [false, false, false]),
        (#"reach{account=""}"#, [false, false, true]),
        ("followers{network='twitter', }", [false, true, false]),
    ])
    func matcherKinds(text: String, expected: [Bool]) throws {
        let selector = try SeriesSelector.parse(text)
        #expect([instagram, twitter, reach].map(selector.matches) == expected)
    }

    @Test("regular expressions are anchored at both ends")
    func anchored() throws {
        let selector = try SeriesSelector.parse(#"{network=~"insta"}"#)
        #expect(!selector.matches(instagram))
    }

    @Test("escapes in quoted values are decoded")
    func escapes() throws {
        let selector = try SeriesSelector.parse(#"{campaign="say \"hi\"\n"}"#)
        #expect(selector.matchers.first?.value == "say \"hi\"\n")
    }

    @Test("malformed selectors are refused with the column of the problem", arguments: [
        (#"followers{network="instagram""#, 30),
        (#"followers{network=instagram}"#, 19),
        (#"followers{network=="x"}"#, 18),
        (#"followers{network<"x"}"#, 18),
        (#"followers{network="x}"#, 22),
        (#"{network=~"("}"#, 11),
        ("followers extra", 11),
    ])
    func refusesMalformed(text: String, column: Int) {
        #expect {
            try SeriesSelector.parse(text)
        } throws: { error in
            (error as? InputError)?.location?.column == column
        }
    }

    @Test("a selector that could match every series, or an expression that is no selector, is refused", arguments: [
        #"{account=""}"#, "", "rate(followers[5m])", "followers offset 1d", "1 + 1",
    ])
    func refusesNonSelectors(text: String) {
        #expect(throws: InputError.self) { try SeriesSelector.parse(text) }
    }
}
