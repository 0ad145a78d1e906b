import GoalWatchCore

/// The configured routing tree, flattened for matching: every route with its position and its key.
///
/// Matching follows Alertmanager: an alert enters a route when the route's matchers match; it is then
/// offered to the children in order, and stops at the first child that takes it unless that child has
/// `continue: true`; a route none of whose children take the alert takes it itself.
public struct RouteTree: Sendable {
    /// One route of the tree.
    public struct Node: Sendable {
        /// The route's settings (inherited values already resolved).
        public var route: AlertRoute
        /// The route's key: its matchers and those of its ancestors, as Alertmanager writes them
        /// (`{}/{team="care"}`); the first part of every group key of the route.
        public var key: String
        /// Indexes of the children in ``RouteTree/nodes``.
        var children: [Int]
    }

    /// Every route, the root first, in depth-first order.
    public private(set) var nodes: [Node] = []

    /// Flattens `root`.
    public init(root: AlertRoute) {
        _ = add(root, parentKey: nil)
    }

    private mutating func add(_ route: AlertRoute, parentKey: String?) -> Int {
        let own = "{" + route.matchers.map(\.description).joined(separator: ",") + "}"
        let key = parentKey.map { "\($0)/\(own)" } ?? own
        let index = nodes.count
        nodes.append(Node(route: route, key: key, children: []))
        var children: [Int] = []
        for child in route.routes {
            children.append(add(child, parentKey: key))
        }
        nodes[index].children = children
        return index
    }

    /// The indexes of the routes that take an alert with `labels`: at least the root's.
    public func matches(_ labels: [String: String]) -> [Int] {
        matches(labels, at: 0) ?? [0]
    }

    private func matches(_ labels: [String: String], at index: Int) -> [Int]? {
        let node = nodes[index]
        guard node.route.matchers.allSatisfy({ $0.matches(labels) }) else { return nil }
        var taken: [Int] = []
        for child in node.children {
            guard let found = matches(labels, at: child) else { continue }
            taken += found
            if !nodes[child].route.continueMatching { break }
        }
        return taken.isEmpty ? [index] : taken
    }

    /// The labels an alert is grouped by on route `index`.
    public func groupLabels(_ labels: [String: String], route index: Int) -> [String: String] {
        switch nodes[index].route.groupBy {
        case .all:
            return labels
        case .labels(let names):
            var grouped: [String: String] = [:]
            for name in names {
                if let value = labels[name] { grouped[name] = value }
            }
            return grouped
        }
    }

    /// The key of the group of route `index` with `groupLabels`: `{}/{team="care"}:{alertname="X"}`.
    public func groupKey(route index: Int, groupLabels: [String: String]) -> String {
        let labels = groupLabels.sorted { $0.key < $1.key }
            .map { "\($0.key)=\"\(Labels.escape($0.value))\"" }
            .joined(separator: ", ")
        return "\(nodes[index].key):{\(labels)}"
    }
}
