#include "edgemodel.h"

#include <QPainterPath>
#include <QPainterPathStroker>

namespace chainscope::model {

using namespace chainscope::layout;

namespace {
const EdgeOverlay s_noOverlay;
} // namespace

EdgeModel::EdgeModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int EdgeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> EdgeModel::roleNames() const
{
    return {
        {KeyRole, "key"},
        {KindRole, "kind"},
        {FromRole, "from"},
        {ToRole, "to"},
        {FromRowRole, "fromRow"},
        {OrderRole, "order"},
        {LabelRole, "label"},
        {PathRole, "path"},
        {ArrowPathRole, "arrowPath"},
        {LabelXRole, "labelX"},
        {LabelYRole, "labelY"},
        {LabelWidthRole, "labelWidth"},
        {LabelHeightRole, "labelHeight"},
        {ProvenanceRole, "provenance"},
        {SourceFileRole, "sourceFile"},
        {SourceLineRole, "sourceLine"},
        {TrafficRole, "traffic"},
        {TrafficTextRole, "trafficText"},
        {EmphasisedRole, "emphasised"},
        {DeniedRole, "denied"},
        {NoteRole, "note"},
        {ColorRole, "strokeColor"},
        {StrokeWidthRole, "strokeWidth"},
        {DashedRole, "dashed"},
        {OpacityRole, "edgeOpacity"},
        {OnPathRole, "onPath"},
    };
}

const SceneEdge *EdgeModel::edge(int row) const
{
    return row >= 0 && row < m_edges.size() ? &m_edges.at(row) : nullptr;
}

const EdgeOverlay &EdgeModel::overlay(int row) const
{
    return row >= 0 && row < m_overlay.size() ? m_overlay.at(row) : s_noOverlay;
}

int EdgeModel::indexOf(const QString &key) const
{
    return m_index.value(key, -1);
}

QVariant EdgeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const SceneEdge &e = m_edges.at(row);
    const EdgeGeometry &g = m_geometry.at(row);
    const EdgeOverlay &o = overlay(row);
    switch (role) {
    case KeyRole:
        return e.key;
    case KindRole:
        return edgeKindName(e.kind);
    case FromRole:
        return e.from;
    case ToRole:
        return e.to;
    case FromRowRole:
        return e.fromRow;
    case OrderRole:
        return e.order;
    case Qt::DisplayRole:
    case LabelRole:
        return e.label;
    case PathRole:
        return g.svgPath();
    case ArrowPathRole:
        return g.arrowSvgPath();
    case LabelXRole:
        return g.labelRect.x();
    case LabelYRole:
        return g.labelRect.y();
    case LabelWidthRole:
        return g.labelRect.width();
    case LabelHeightRole:
        return g.labelRect.height();
    case ProvenanceRole:
        return e.provenance;
    case SourceFileRole:
        return e.source.file;
    case SourceLineRole:
        return e.source.begin.line;
    case TrafficRole:
        return o.traffic;
    case TrafficTextRole:
        return formatShare(o.traffic);
    case EmphasisedRole:
        return o.emphasised;
    case DeniedRole:
        return o.denied;
    case NoteRole:
        return o.note;
    case ColorRole:
    case StrokeWidthRole:
    case DashedRole:
    case OpacityRole: {
        const EdgeStyle s = edgeStyle(palette(m_scheme), e.kind, o);
        switch (role) {
        case ColorRole:
            return s.color;
        case StrokeWidthRole:
            return s.width;
        case DashedRole:
            return s.dashed;
        default:
            return s.opacity;
        }
    }
    case OnPathRole:
        return m_onPath.contains(e.key);
    default:
        return {};
    }
}

void EdgeModel::setScene(const QList<SceneEdge> &edges, const QList<EdgeGeometry> &geometry, const QList<EdgeOverlay> &overlay)
{
    Q_ASSERT(edges.size() == geometry.size());
    const int before = count();
    beginResetModel();
    m_edges = edges;
    m_geometry = geometry;
    m_overlay = overlay.size() == edges.size() ? overlay : QList<EdgeOverlay>(edges.size());
    m_index.clear();
    for (qsizetype i = 0; i < m_edges.size(); ++i)
        m_index.insert(m_edges.at(i).key, static_cast<int>(i));
    endResetModel();
    if (before != count())
        Q_EMIT countChanged();
}

void EdgeModel::setOverlay(const QList<EdgeOverlay> &overlay)
{
    const QList<EdgeOverlay> next = overlay.size() == m_edges.size() ? overlay : QList<EdgeOverlay>(m_edges.size());
    for (qsizetype i = 0; i < m_edges.size(); ++i) {
        const EdgeOverlay &a = m_overlay.at(i);
        const EdgeOverlay &b = next.at(i);
        QList<int> roles;
        if (a.traffic != b.traffic)
            roles << TrafficRole << TrafficTextRole;
        if (a.emphasised != b.emphasised)
            roles << EmphasisedRole;
        if (a.denied != b.denied)
            roles << DeniedRole;
        if (a.note != b.note)
            roles << NoteRole;
        if (roles.isEmpty())
            continue;
        if (edgeStyle(palette(m_scheme), m_edges.at(i).kind, a) != edgeStyle(palette(m_scheme), m_edges.at(i).kind, b))
            roles << ColorRole << StrokeWidthRole << DashedRole << OpacityRole;
        m_overlay[i] = b;
        const QModelIndex idx = index(static_cast<int>(i));
        Q_EMIT dataChanged(idx, idx, roles);
    }
}

void EdgeModel::setColorScheme(ColorScheme scheme)
{
    if (scheme == m_scheme)
        return;
    m_scheme = scheme;
    if (!m_edges.isEmpty())
        Q_EMIT dataChanged(index(0), index(count() - 1), {ColorRole});
}

void EdgeModel::setHighlight(const QSet<QString> &onPath)
{
    const QSet<QString> old = m_onPath;
    m_onPath = onPath;
    for (qsizetype i = 0; i < m_edges.size(); ++i) {
        if (old.contains(m_edges.at(i).key) != m_onPath.contains(m_edges.at(i).key)) {
            const QModelIndex idx = index(static_cast<int>(i));
            Q_EMIT dataChanged(idx, idx, {OnPathRole});
        }
    }
}

QString EdgeModel::edgeAt(const QPointF &point, double tolerance) const
{
    QPainterPathStroker stroker;
    stroker.setWidth(std::max(1.0, 2.0 * tolerance));
    for (qsizetype i = 0; i < m_geometry.size(); ++i) {
        const QList<QPointF> &pts = m_geometry.at(i).points;
        if (pts.size() < 4)
            continue;
        QPainterPath path(pts.first());
        for (qsizetype k = 1; k + 2 < pts.size(); k += 3)
            path.cubicTo(pts.at(k), pts.at(k + 1), pts.at(k + 2));
        path.lineTo(m_geometry.at(i).arrowTip);
        if (!path.controlPointRect().adjusted(-tolerance, -tolerance, tolerance, tolerance).contains(point))
            continue;
        if (stroker.createStroke(path).contains(point))
            return m_edges.at(i).key;
    }
    return QString();
}

} // namespace chainscope::model
