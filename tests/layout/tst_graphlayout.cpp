// Graphviz layout of scenes, asserted by relations: left-to-right rank order, no overlap, edges that start
// at the row they belong to and end at the target's border, labels inside the drawing.
#include "../common/commalocale.h"
#include "layout/graphlayout.h"
#include "layout/layoutcodes.h"
#include "layout/palette.h"

#include <QTest>

#include <clocale>

using namespace chainscope;
using namespace chainscope::layout;

namespace {

SceneNode node(const QString &key, NodeKind kind, int rows)
{
    SceneNode n;
    n.key = key;
    n.kind = kind;
    n.title = key.section(u':', 1);
    n.subtitle = nodeKindName(kind);
    for (int i = 0; i < rows; ++i)
        n.rows.append(SceneRow{QStringLiteral("PathPrefix /row%1").arg(i), QStringLiteral("GET"), {}});
    return n;
}

SceneEdge edge(const QString &from, int row, const QString &to, EdgeKind kind, int order = 0)
{
    SceneEdge e;
    e.from = from;
    e.fromRow = row;
    e.to = to;
    e.kind = kind;
    e.order = order;
    e.key = from + u'#' + QString::number(row) + u"->" + to + u'#' + edgeKindName(kind) + QString::number(order);
    if (kind == EdgeKind::Failover)
        e.label = QStringLiteral("%1 failover").arg(order);
    return e;
}

/** router(3 routes) → splitter(2 legs) → 2 resolvers → targets, plus one failover target. */
Scene webScene()
{
    Scene s;
    s.service = QStringLiteral("web");
    s.nodes = {node(QStringLiteral("router:web"), NodeKind::Router, 3), node(QStringLiteral("splitter:web"), NodeKind::Splitter, 2),
               node(QStringLiteral("resolver:v1.web"), NodeKind::Resolver, 2), node(QStringLiteral("resolver:v2.web"), NodeKind::Resolver, 2),
               node(QStringLiteral("resolver:admin"), NodeKind::Resolver, 1), node(QStringLiteral("target:v1.web"), NodeKind::Target, 3),
               node(QStringLiteral("target:v2.web"), NodeKind::Target, 3), node(QStringLiteral("target:admin"), NodeKind::Target, 3),
               node(QStringLiteral("target:v1.web.dc2"), NodeKind::Target, 3)};
    s.edges = {edge(QStringLiteral("router:web"), 0, QStringLiteral("resolver:admin"), EdgeKind::Route),
               edge(QStringLiteral("router:web"), 1, QStringLiteral("resolver:v2.web"), EdgeKind::Route),
               edge(QStringLiteral("router:web"), 2, QStringLiteral("splitter:web"), EdgeKind::Route),
               edge(QStringLiteral("splitter:web"), 0, QStringLiteral("resolver:v1.web"), EdgeKind::Split),
               edge(QStringLiteral("splitter:web"), 1, QStringLiteral("resolver:v2.web"), EdgeKind::Split),
               edge(QStringLiteral("resolver:v1.web"), -1, QStringLiteral("target:v1.web"), EdgeKind::Resolve),
               edge(QStringLiteral("resolver:v2.web"), -1, QStringLiteral("target:v2.web"), EdgeKind::Resolve),
               edge(QStringLiteral("resolver:admin"), -1, QStringLiteral("target:admin"), EdgeKind::Resolve),
               edge(QStringLiteral("resolver:v1.web"), -1, QStringLiteral("target:v1.web.dc2"), EdgeKind::Failover, 1)};
    return s;
}

double distanceToRect(const QPointF &p, const QRectF &r)
{
    const double dx = std::max({r.left() - p.x(), 0.0, p.x() - r.right()});
    const double dy = std::max({r.top() - p.y(), 0.0, p.y() - r.bottom()});
    return std::hypot(dx, dy);
}

double distanceToBorder(const QPointF &p, const QRectF &r)
{
    if (!r.contains(p))
        return distanceToRect(p, r);
    return std::min({p.x() - r.left(), r.right() - p.x(), p.y() - r.top(), r.bottom() - p.y()});
}

} // namespace

class TestGraphLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptySceneGivesEmptyGeometry()
    {
        const auto g = layoutScene(Scene{});
        QVERIFY(g);
        QVERIFY(g->isEmpty());
    }

    void geometryIsIndexAlignedAndSizedAsMeasured()
    {
        const Scene s = webScene();
        const auto g = layoutScene(s);
        QVERIFY2(g, qPrintable(g.diagnostics.value(0).message));
        QCOMPARE(g->nodes.size(), s.nodes.size());
        QCOMPARE(g->edges.size(), s.edges.size());
        for (qsizetype i = 0; i < s.nodes.size(); ++i) {
            const NodeGeometry &n = g->nodes.at(i);
            QCOMPARE(n.key, s.nodes.at(i).key);
            QVERIFY(std::abs(n.rect.width() - nodeWidth(s.nodes.at(i))) < 0.5);
            QVERIFY(std::abs(n.rect.height() - nodeHeight(s.nodes.at(i))) < 0.5);
            QCOMPARE(n.rows.size(), s.nodes.at(i).rows.size());
            QVERIFY(g->bounds.contains(n.rect));
            for (const QRectF &row : n.rows)
                QVERIFY(n.rect.adjusted(-0.01, -0.01, 0.01, 0.01).contains(row));
        }
        for (qsizetype i = 0; i < s.edges.size(); ++i)
            QCOMPARE(g->edges.at(i).key, s.edges.at(i).key);
    }

    void ranksRunLeftToRight()
    {
        const Scene s = webScene();
        const auto g = layoutScene(s);
        QVERIFY(g);
        // Every edge goes from a box to a box entirely to its right.
        for (const SceneEdge &e : s.edges) {
            const QRectF from = g->nodes.at(s.indexOfNode(e.from)).rect;
            const QRectF to = g->nodes.at(s.indexOfNode(e.to)).rect;
            QVERIFY2(from.right() < to.left(), qPrintable(e.key));
        }
    }

    void nodesDoNotOverlap()
    {
        const auto g = layoutScene(webScene());
        QVERIFY(g);
        for (qsizetype i = 0; i < g->nodes.size(); ++i) {
            for (qsizetype j = i + 1; j < g->nodes.size(); ++j)
                QVERIFY2(!g->nodes.at(i).rect.intersects(g->nodes.at(j).rect),
                         qPrintable(g->nodes.at(i).key + u" / " + g->nodes.at(j).key));
        }
    }

    void edgesStartAtTheirRowAndEndAtTheTargetBorder()
    {
        const Scene s = webScene();
        const auto g = layoutScene(s);
        QVERIFY(g);
        for (qsizetype i = 0; i < s.edges.size(); ++i) {
            const SceneEdge &e = s.edges.at(i);
            const EdgeGeometry &eg = g->edges.at(i);
            QVERIFY2(eg.points.size() >= 4 && (eg.points.size() - 1) % 3 == 0, qPrintable(e.key));
            const NodeGeometry &from = g->nodes.at(s.indexOfNode(e.from));
            const QRectF start = e.fromRow >= 0 ? from.rows.at(e.fromRow) : from.header;
            // Leaves the right side of its row (or of the header for node-level edges).
            QVERIFY2(std::abs(eg.points.first().x() - start.right()) < 3.0, qPrintable(e.key));
            QVERIFY2(eg.points.first().y() >= start.top() - 1 && eg.points.first().y() <= start.bottom() + 1, qPrintable(e.key));
            // The arrow touches the target box.
            const QRectF to = g->nodes.at(s.indexOfNode(e.to)).rect;
            QVERIFY2(distanceToBorder(eg.arrowTip, to) < 3.0, qPrintable(e.key));
            QVERIFY2(eg.arrowTip.x() <= to.left() + 3.0, qPrintable(e.key));
            // Every edge has a label slot, inside the drawing and off every box.
            QVERIFY(!eg.labelRect.isNull());
            QVERIFY(g->bounds.contains(eg.labelRect));
            QVERIFY(eg.labelRect.width() >= edgeLabelSize(e).width() - 1.0);
            for (const NodeGeometry &n : g->nodes)
                QVERIFY2(!n.rect.intersects(eg.labelRect), qPrintable(e.key + u" label / " + n.key));
        }
    }

    void routeRowsKeepTheirOrder()
    {
        // ordering=out: the destination of route 0 sits above the destination of route 2.
        const Scene s = webScene();
        const auto g = layoutScene(s);
        QVERIFY(g);
        const double admin = g->nodes.at(s.indexOfNode(QStringLiteral("resolver:admin"))).rect.center().y();
        const double splitter = g->nodes.at(s.indexOfNode(QStringLiteral("splitter:web"))).rect.center().y();
        QVERIFY(admin < splitter);
    }

    void svgPathHasOneCurvePerSegment()
    {
        const auto g = layoutScene(webScene());
        QVERIFY(g);
        const QString path = g->edges.first().svgPath();
        QVERIFY(path.startsWith(u"M "));
        QCOMPARE(path.count(u'C'), (g->edges.first().points.size() - 1) / 3);
    }

    void badScenesAreDiagnosed()
    {
        Scene s = webScene();
        s.edges.append(edge(QStringLiteral("router:web"), 0, QStringLiteral("nowhere"), EdgeKind::Route));
        auto g = layoutScene(s);
        QVERIFY(!g);
        QCOMPARE(g.diagnostics.value(0).code, codes::UnknownEndpoint);

        s = webScene();
        s.nodes.append(s.nodes.first());
        g = layoutScene(s);
        QVERIFY(!g);
        QCOMPARE(g.diagnostics.value(0).code, codes::DuplicateNode);
    }

    void hostileTextDoesNotReachGraphviz()
    {
        // Keys and titles with DOT/HTML syntax are our data, never Graphviz input.
        Scene s;
        s.nodes = {node(QStringLiteral("router:<b>\"x\"</b>;{}"), NodeKind::Router, 1), node(QStringLiteral("target:&amp;\n"), NodeKind::Target, 0)};
        s.nodes[0].rows[0].text = QString(5000, u'W');
        s.edges = {edge(s.nodes[0].key, 0, s.nodes[1].key, EdgeKind::Route)};
        const auto g = layoutScene(s);
        QVERIFY(g);
        QCOMPARE(g->nodes.first().rect.width(), metrics::maxNodeWidth);
    }

    void layoutIgnoresTheProcessLocale()
    {
        // Graphviz parses numbers with atof(); a comma-decimal locale must not change the result.
        const auto reference = layoutScene(webScene());
        QVERIFY(reference);
        const test::CommaDecimalLocale comma; // back to the previous locale when the test ends
        QVERIFY2(comma.active(), qPrintable(comma.problem()));
        const auto again = layoutScene(webScene());
        QVERIFY(again);
        QCOMPARE(*again, *reference);
    }

    void formatShareReadsLikeAnOperatorExpects()
    {
        QCOMPARE(formatShare(1.0), QStringLiteral("100%"));
        QCOMPARE(formatShare(0.0), QStringLiteral("0%"));
        QCOMPARE(formatShare(0.5), QStringLiteral("50%"));
        QCOMPARE(formatShare(0.0004), QStringLiteral("0%"));
        QCOMPARE(formatShare(0.0125), QStringLiteral("1.3%"));
        QCOMPARE(formatShare(-1.0), QString());
    }

    void styleFollowsSimulationState()
    {
        const Palette &p = palette(ColorScheme::Light);
        QVERIFY(edgeStyle(p, EdgeKind::Failover).dashed);
        EdgeOverlay engaged;
        engaged.traffic = 1.0;
        engaged.emphasised = true;
        const EdgeStyle e = edgeStyle(p, EdgeKind::Failover, engaged);
        QCOMPARE(e.color, p.engaged);
        QVERIFY(!e.dashed);
        QVERIFY(e.width >= 3.0);
        EdgeOverlay denied;
        denied.traffic = 0.0;
        denied.denied = true;
        QCOMPARE(edgeStyle(p, EdgeKind::Route, denied).color, p.denied);
        EdgeOverlay idle;
        idle.traffic = 0.0;
        QVERIFY(edgeStyle(p, EdgeKind::Split, idle).opacity < 1.0);
        NodeOverlay dead;
        dead.state = NodeState::Dead;
        QCOMPARE(nodeStyle(p, NodeKind::Target, dead).stateColor, p.dead);
        QVERIFY(palette(ColorScheme::Dark).background != p.background);
    }
};

QTEST_GUILESS_MAIN(TestGraphLayout)
#include "tst_graphlayout.moc"
