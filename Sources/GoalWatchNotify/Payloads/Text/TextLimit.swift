/// Cutting text to a service's length limit without breaking a character apart.
///
/// Limits are counted in UTF-16 code units, the largest of the counts services use (JavaScript string
/// length), so a text within the limit here is within it for a service that counts characters or code
/// points too. A cut text ends with `…`.
enum TextLimit {
    /// `text` with each character passed through `escape` (for markup that needs entities), cut so the
    /// result is at most `limit` UTF-16 code units; an escaped character is kept whole or dropped whole.
    static func truncate(_ text: String, to limit: Int, escaping escape: (Character) -> String = { String($0) }) -> String {
        var out = ""
        var length = 0
        let pieces = text.map(escape)
        let total = pieces.reduce(0) { $0 + $1.utf16.count }
        if total <= limit { return pieces.joined() }
        for piece in pieces {
            let pieceLength = piece.utf16.count
            if length + pieceLength + 1 > limit { break }
            out += piece
            length += pieceLength
        }
        return limit >= 1 ? out + "…" : ""
    }

    /// The lines that fit in `limit` UTF-16 code units when joined with newlines, dropping whole lines
    /// from the end (so a link or markup on a line is never cut in half).
    static func lines(_ lines: [String], fitting limit: Int) -> String {
        var kept: [String] = []
        var length = 0
        for line in lines {
            let added = line.utf16.count + (kept.isEmpty ? 0 : 1)
            if length + added > limit { break }
            kept.append(line)
            length += added
        }
        return kept.joined(separator: "\n")
    }
}
