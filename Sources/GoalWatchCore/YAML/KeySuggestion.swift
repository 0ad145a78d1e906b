/// "Did you mean …?" for misspelt keys.
enum KeySuggestion {
    /// The allowed key closest to `key` by edit distance, when it is close enough to be a likely typo:
    /// at most one edit for short keys, one per three characters for longer ones. Case is ignored.
    static func closest(to key: String, among allowed: [String]) -> String? {
        let lowered = Array(key.lowercased().unicodeScalars)
        var best: (key: String, distance: Int)?
        for candidate in allowed {
            let distance = editDistance(lowered, Array(candidate.lowercased().unicodeScalars))
            if distance < best?.distance ?? Int.max { best = (candidate, distance) }
        }
        guard let best, best.distance <= max(1, lowered.count / 3) else { return nil }
        return best.key
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of neighbours as one edit
    /// each (optimal string alignment), so `evrey` is one edit from `every`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var distance = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { distance[i][0] = i }
        for j in 0...b.count { distance[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(distance[i - 1][j] + 1, distance[i][j - 1] + 1, distance[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, distance[i - 2][j - 2] + 1)
                }
                distance[i][j] = best
            }
        }
        return distance[a.count][b.count]
    }
}
