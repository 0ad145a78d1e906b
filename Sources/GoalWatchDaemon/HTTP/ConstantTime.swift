/// Comparison of secrets that takes the same time wherever the first difference is.
enum ConstantTime {
    /// Whether the two byte strings are equal. The time depends only on the longer length, never on the
    /// position of the first difference, so the answer's timing gives a token away to nobody byte by byte.
    static func equal(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        var difference: UInt8 = left.count == right.count ? 0 : 1
        for index in 0..<max(left.count, right.count) {
            let l = index < left.count ? left[index] : 0
            let r = index < right.count ? right[index] : 0
            difference |= l ^ r
        }
        return difference == 0
    }
}
