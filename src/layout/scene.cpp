// Names, formatting and SVG path data for the scene types.
#include "layout/scene.h"

#include "layout/palette.h"

#include <QLineF>

#include <cmath>

namespace chainscope::layout {

QString nodeKindName(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Router:
        return QStringLiteral("router");
    case NodeKind::Splitter:
        return QStringLiteral("splitter");
    case NodeKind::Resolver:
        return QStringLiteral("resolver");
    case NodeKind::Target:
        return QStringLiteral("target");
    }
    Q_UNREACHABLE();
    return QString();
}

QString edgeKindName(EdgeKind kind)
{
    switch (kind) {
    case EdgeKind::Route:
        return QStringLiteral("route");
    case EdgeKind::Split:
        return QStringLiteral("split");
    case EdgeKind::Resolve:
        return QStringLiteral("resolve");
    case EdgeKind::Redirect:
        return QStringLiteral("redirect");
    case EdgeKind::Failover:
        return QStringLiteral("failover");
    }
    Q_UNREACHABLE();
    return QString();
}

QString nodeStateName(NodeState state)
{
    switch (state) {
    case NodeState::Unknown:
        return QStringLiteral("unknown");
    case NodeState::Active:
        return QStringLiteral("active");
    case NodeState::Standby:
        return QStringLiteral("standby");
    case NodeState::Dead:
        return QStringLiteral("dead");
    }
    Q_UNREACHABLE();
    return QString();
}

qsizetype Scene::indexOfNode(const QString &key) const
{
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        if (nodes.at(i).key == key)
            return i;
    }
    return -1;
}

QString formatShare(double fraction)
{
    if (!std::isfinite(fraction) || fraction < 0.0)
        return QString();
    const double percent = std::min(fraction, 1.0) * 100.0;
    // Whole numbers print without decimals; everything else with one, so 0.04% does not read as 0%.
    const double rounded = std::round(percent * 10.0) / 10.0;
    if (rounded == std::floor(rounded))
        return QString::number(static_cast<int>(rounded)) + u'%';
    return QString::number(rounded, 'f', 1) + u'%';
}

QString EdgeGeometry::svgPath() const
{
    if (points.isEmpty())
        return QString();
    QString out;
    out.reserve(static_cast<qsizetype>(points.size()) * 16);
    const auto num = [](double v) { return QString::number(v, 'f', 1); };
    out += u"M " + num(points.first().x()) + u' ' + num(points.first().y());
    for (qsizetype i = 1; i + 2 < points.size(); i += 3) {
        out += u" C " + num(points.at(i).x()) + u' ' + num(points.at(i).y()) + u' ' + num(points.at(i + 1).x()) + u' '
            + num(points.at(i + 1).y()) + u' ' + num(points.at(i + 2).x()) + u' ' + num(points.at(i + 2).y());
    }
    return out;
}

QList<QPointF> EdgeGeometry::arrowHead() const
{
    if (points.isEmpty())
        return {};
    const QPointF tip = arrowTip;
    // Direction: from the path's end (the arrow base Graphviz left room for) to the tip; fall back to the
    // last control point when the two coincide (no arrowhead space was reserved).
    QPointF from = points.last();
    if (QLineF(from, tip).length() < 0.5 && points.size() >= 2)
        from = points.at(points.size() - 2);
    QLineF axis(tip, from);
    if (axis.length() < 0.01)
        axis = QLineF(tip, tip - QPointF(1, 0));
    const QPointF unit = (axis.p2() - axis.p1()) / axis.length();
    const QPointF normal(-unit.y(), unit.x());
    const QPointF base = tip + unit * metrics::arrowLength;
    const double half = metrics::arrowWidth / 2.0;
    return {tip, base + normal * half, base - normal * half};
}

QString EdgeGeometry::arrowSvgPath() const
{
    const QList<QPointF> head = arrowHead();
    if (head.isEmpty())
        return QString();
    const auto pt = [](const QPointF &p) -> QString { return QString::number(p.x(), 'f', 1) + u' ' + QString::number(p.y(), 'f', 1); };
    return u"M " + pt(head.at(0)) + u" L " + pt(head.at(1)) + u" L " + pt(head.at(2)) + u" Z";
}

} // namespace chainscope::layout
