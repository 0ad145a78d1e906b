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
        (#"followers{network="instagram""#, "column 30: expected '}' to close the '{' at column 10"),
        (#"followers{network=instagram}"#, "column 19: expected a quoted string"),
        (#"followers{network=="x"}"#, "column 19: expected a quoted string"),
        (#"followers{network<"x"}"#, "column 18: expected one of =, !=, =~, !~"),
        (#"followers{network="x}"#, "column 19: expected the string opened here to be closed"),
        (#"{network=~"("}"#, "column 11: expected a valid regular expression"),
        (#"{account=""}"#, "expected a metric name or at least one matcher"),
        ("followers extra", "column 11"),
        ("", "expected a metric name"),
    ])
    func refusesMalformed(text: String, expected: String) {
        #expect {
            try SeriesSelector.parse(text)
        } throws: { error in
            (error as? InputError)?.message.contains(expected) ?? false
        }
    }
}
