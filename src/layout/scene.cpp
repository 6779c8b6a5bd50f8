// Names, formatting and SVG path data for the scene types.
#include "layout/scene.h"

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

} // namespace chainscope::layout
