import Foundation

/// How alert states, router alerts, notifications and silences are written to the store as JSON: keys
/// sorted (a body is byte-for-byte the same for the same value), and NaN and infinities — which alert
/// values can be — as the strings `"NaN"`, `"+Inf"` and `"-Inf"`, which JSON numbers cannot hold.
public enum StoredJSON {
    /// Encodes `value` as stored JSON text.
    public static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes stored JSON text.
    public static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return try decoder.decode(type, from: Data(text.utf8))
    }
}
