import Foundation
import GoalWatchCore

/// A body written by the receiver's `template:` (DESIGN §8): the Go text/template subset of rule
/// templates, rendered over Alertmanager-style data (``NotificationTemplateData``).
///
/// The template is parsed when the configuration loads (so its syntax errors carry the file, line and
/// column); a failure while rendering (a field that does not exist, a function given the wrong kind of
/// value) is a ``PayloadError`` naming the receiver and the template's position. A JSON content type
/// (`application/json` or `…+json`) also requires the rendered body to parse as JSON, since values are
/// inserted as they are, without escaping: a label holding a `"` would otherwise send a body the
/// receiver rejects.
public struct TemplatePayload: PayloadRenderer {
    /// The body template.
    public let template: AlertTemplate
    /// The receiver's name, for errors.
    public let receiver: String
    /// The `Content-Type` of the body.
    public let contentType: String

    /// Creates the renderer.
    /// - Parameters:
    ///   - template: The parsed `template:`.
    ///   - receiver: The receiver's name, which errors carry.
    ///   - contentType: The body's content type; default `application/json`.
    public init(template: AlertTemplate, receiver: String, contentType: String = "application/json") {
        self.template = template
        self.receiver = receiver
        self.contentType = contentType
    }

    /// The rendered template.
    /// - Throws: ``PayloadError`` when the template fails, or renders a JSON content type that isn't JSON.
    public func render(_ notification: Notification, at now: Timestamp) throws(PayloadError) -> RenderedBody {
        let text: String
        do {
            text = try template.render(data: NotificationTemplateData.value(notification))
        } catch {
            throw PayloadError(receiver: receiver, message: "template failed: \(error)")
        }
        let bytes = Array(text.utf8)
        if isJSON, (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) == nil {
            throw PayloadError(receiver: receiver, message: "template rendered a body that is not valid JSON, but the content type is \(contentType)")
        }
        return RenderedBody(contentType: contentType, bytes: bytes)
    }

    private var isJSON: Bool {
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return mediaType == "application/json" || mediaType.hasSuffix("+json")
    }
}
