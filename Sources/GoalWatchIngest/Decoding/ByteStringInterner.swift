#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gives each distinct byte string a dense id (0, 1, 2 …), without allocating on a repeated string.
///
/// Exports repeat the same timestamp and label cells across thousands of rows; interning them lets a
/// decoder parse each distinct cell once and keep what it learnt in plain arrays indexed by id.
/// Strings are copied into one arena when first seen, so lookups only hash and compare bytes.
struct ByteStringInterner {
    /// Open-addressing table of ids, -1 for an empty slot; its size is a power of two.
    private var slots = [Int32](repeating: -1, count: 64)
    private var hashes: [UInt64] = []
    /// The string with id `i` is `arena[bounds[i]..<bounds[i + 1]]`.
    private var bounds: [Int] = [0]
    private var arena: [UInt8] = []

    /// Number of distinct strings seen.
    var count: Int { hashes.count }

    /// The id of `key`, and whether it was seen for the first time.
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (id: Int, isNew: Bool) {
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = Int(slots[slot])
            if id < 0 { break }
            if hashes[id] == hash, matches(id, key) { return (id, false) }
            slot = (slot + 1) & mask
        }
        let id = hashes.count
        hashes.append(hash)
        arena.append(contentsOf: key)
        bounds.append(arena.count)
        slots[slot] = Int32(truncatingIfNeeded: id)
        if hashes.count * 2 > slots.count { grow() }
        return (id, true)
    }

    private func matches(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = bounds[id]
        guard bounds[id + 1] - start == key.count else { return false }
        guard let keyBase = key.baseAddress else { return true }
        return arena.withUnsafeBufferPointer { stored in
            guard let storedBase = stored.baseAddress else { return false }
            return memcmp(storedBase + start, keyBase, key.count) == 0
        }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = bigger.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while bigger[slot] >= 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(truncatingIfNeeded: id)
        }
        slots = bigger
    }

    /// FNV-1a over 8-byte words, then a final avalanche so the low bits (the slot) depend on every byte.
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(truncatingIfNeeded: key.count)
        guard let base = key.baseAddress else { return hash }
        var index = 0
        while index + 8 <= key.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            hash = (hash ^ word) &* 0x0000_0100_0000_01B3
            index += 8
        }
        while index < key.count {
            hash = (hash ^ UInt64(key[index])) &* 0x0000_0100_0000_01B3
            index += 1
        }
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash &*= 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return hash
    }
}
