// What the routing view draws: a plain scene description (built from a CompiledChain), an optional
// simulation overlay, and the geometry Graphviz computed for the scene. The screen (model/ + qml/) and the
// exporters (export/) both paint from these three types, so an export shows exactly what the screen shows.
#pragma once

#include "common/sourcelocation.h"

#include <QHash>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

namespace chainscope::layout {

/** The four kinds of box in a discovery chain drawing, left to right. */
enum class NodeKind { Router, Splitter, Resolver, Target };

/** Why an edge exists. Route/Split leave from a row of their node; Resolve, Redirect and Failover from the node. */
enum class EdgeKind {
    Route,    ///< router route row → next node
    Split,    ///< splitter leg row → next node (label: weight)
    Resolve,  ///< resolver → its primary target
    Redirect, ///< resolver → the target a redirect led to (drawn when the resolver redirected)
    Failover, ///< resolver → failover target, label "1st failover", "2nd failover", …
};

[[nodiscard]] QString nodeKindName(NodeKind kind); ///< "router", "splitter", "resolver", "target"
[[nodiscard]] QString edgeKindName(EdgeKind kind); ///< "route", "split", "resolve", "redirect", "failover"

/** One line inside a node box: a route's match, a split leg, a resolver or target property. */
struct SceneRow {
    QString text;   ///< the main text, e.g. "PathPrefix /admin" or "50%  → web-v2"
    QString detail; ///< secondary text drawn muted and right-aligned, e.g. "GET POST" or "x-debug: 1"
    SourceSpan source; ///< where this row's definition is written (route, split, subset), if known
    friend bool operator==(const SceneRow &, const SceneRow &) = default;
};

/** One box. key is the Consul node map key ("router:web.default.default", "resolver:v1.web.default.default.dc1")
 *  or, for targets, "target:<target ID>". It is the identity used by the graph, models and exports. */
struct SceneNode {
    QString key;
    NodeKind kind = NodeKind::Target;
    QString title;    ///< e.g. "web" or "v1.web" for a target
    QString subtitle; ///< e.g. "service-router", "target · dc1"
    QList<SceneRow> rows;
    QString provenance; ///< "service-router/web, web/router.hcl:3" ("" for made-up defaults)
    SourceSpan source;  ///< the entry (or field) this node comes from
    friend bool operator==(const SceneNode &, const SceneNode &) = default;
};

/** One arrow. fromRow is the row of `from` the edge leaves (Route/Split), or -1 to leave the node itself. */
struct SceneEdge {
    QString key; ///< unique and stable: "<from>#<row>-><to>" or "<from>-><to>#<kind><order>"
    QString from;
    int fromRow = -1;
    QString to;
    EdgeKind kind = EdgeKind::Resolve;
    int order = 0;   ///< failover order, 1-based (1 = first failover); 0 otherwise
    QString label;   ///< static label: "50%", "1st failover", "redirect", "" for none
    QString provenance;
    SourceSpan source;
    friend bool operator==(const SceneEdge &, const SceneEdge &) = default;
};

/** A discovery chain as boxes and arrows, before layout. Node and edge order is deterministic. */
struct Scene {
    QString service; ///< the chain's service name
    QList<SceneNode> nodes;
    QList<SceneEdge> edges;
    [[nodiscard]] qsizetype indexOfNode(const QString &key) const;
    friend bool operator==(const Scene &, const Scene &) = default;
};

// ---- simulation overlay ----------------------------------------------------------------------------

/** Health/traffic state of a node under the current simulation. Unknown = no simulation. */
enum class NodeState { Unknown, Active, Standby, Dead };

[[nodiscard]] QString nodeStateName(NodeState state); ///< "unknown", "active", "standby", "dead"

struct NodeOverlay {
    NodeState state = NodeState::Unknown;
    double traffic = -1.0;   ///< fraction 0..1 of all requests reaching this node; < 0 = unknown
    bool emphasised = false; ///< a failover target that is taking traffic now
    bool denied = false;     ///< intentions deny the source service
    QString note;            ///< e.g. the deciding intention, or why a level is standing by
    QString healthText;      ///< "3/4 healthy" for targets, "" otherwise
    friend bool operator==(const NodeOverlay &, const NodeOverlay &) = default;
};

struct EdgeOverlay {
    double traffic = -1.0;   ///< fraction 0..1 of all requests flowing along this edge; < 0 = unknown
    bool emphasised = false; ///< an engaged failover edge
    bool denied = false;     ///< traffic along this edge is denied by intentions
    QString note;            ///< the deciding intention for denied edges
    friend bool operator==(const EdgeOverlay &, const EdgeOverlay &) = default;
};

/** Simulation results mapped onto a scene: index-aligned with Scene::nodes and Scene::edges.
 *  Never affects geometry: edge labels reserve room for a traffic figure from the start. */
struct SceneOverlay {
    QList<NodeOverlay> nodes;
    QList<EdgeOverlay> edges;
    [[nodiscard]] bool isEmpty() const { return nodes.isEmpty() && edges.isEmpty(); }
    friend bool operator==(const SceneOverlay &, const SceneOverlay &) = default;
};

/** "42.5%" style formatting used by every painter (screen and exports): no decimals at 0/100, one below 10. */
[[nodiscard]] QString formatShare(double fraction);

// ---- geometry ------------------------------------------------------------------------------------

/** All coordinates below are in pixels at 96 dpi, origin top-left of the drawing, y growing downwards. */
struct NodeGeometry {
    QString key;
    QRectF rect;          ///< the whole box
    QRectF header;        ///< title + subtitle band at the top of the box
    QList<QRectF> rows;   ///< one per SceneRow, inside rect, top to bottom
    friend bool operator==(const NodeGeometry &, const NodeGeometry &) = default;
};

struct EdgeGeometry {
    QString key;
    /** Cubic Bézier chain: points[0] is the start, then 3 points (c1, c2, end) per segment. */
    QList<QPointF> points;
    QPointF arrowTip;   ///< where the arrowhead touches the target box (the path ends at its base)
    QRectF labelRect;   ///< reserved room for the static label + a traffic figure; null if no label
    /** The path as SVG path data ("M x y C ..."), for QtQuick.Shapes PathSvg and SVG export. */
    [[nodiscard]] QString svgPath() const;
    /** The arrowhead as a closed triangle (tip, then the two base corners), sized by metrics::arrowLength
     *  and arrowWidth and pointing along the path's last segment; empty when the edge has no points. */
    [[nodiscard]] QList<QPointF> arrowHead() const;
    /** arrowHead() as SVG path data ("M … L … L … Z"). */
    [[nodiscard]] QString arrowSvgPath() const;
    friend bool operator==(const EdgeGeometry &, const EdgeGeometry &) = default;
};

struct Geometry {
    QRectF bounds; ///< encloses every node, edge and label, with a margin; top-left is (0, 0)
    QList<NodeGeometry> nodes; ///< index-aligned with Scene::nodes
    QList<EdgeGeometry> edges; ///< index-aligned with Scene::edges
    [[nodiscard]] bool isEmpty() const { return nodes.isEmpty(); }
    friend bool operator==(const Geometry &, const Geometry &) = default;
};

} // namespace chainscope::layout
