#include "nodemodel.h"

namespace chainscope::model {

using namespace chainscope::layout;

namespace {
const NodeOverlay s_noOverlay;
} // namespace

NodeModel::NodeModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int NodeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> NodeModel::roleNames() const
{
    return {
        {KeyRole, "key"},
        {KindRole, "kind"},
        {TitleRole, "title"},
        {SubtitleRole, "subtitle"},
        {RowsRole, "rows"},
        {XRole, "boxX"},
        {YRole, "boxY"},
        {WidthRole, "boxWidth"},
        {HeightRole, "boxHeight"},
        {ProvenanceRole, "provenance"},
        {SourceFileRole, "sourceFile"},
        {SourceLineRole, "sourceLine"},
        {StateRole, "nodeState"},
        {TrafficRole, "traffic"},
        {TrafficTextRole, "trafficText"},
        {EmphasisedRole, "emphasised"},
        {DeniedRole, "denied"},
        {NoteRole, "note"},
        {HealthTextRole, "healthText"},
        {FillColorRole, "fillColor"},
        {HeaderColorRole, "headerColor"},
        {BorderColorRole, "borderColor"},
        {AccentColorRole, "accentColor"},
        {StateColorRole, "stateColor"},
        {BorderWidthRole, "borderWidth"},
        {OpacityRole, "nodeOpacity"},
        {OnPathRole, "onPath"},
        {SelectedRole, "selected"},
    };
}

const SceneNode *NodeModel::node(int row) const
{
    return row >= 0 && row < m_nodes.size() ? &m_nodes.at(row) : nullptr;
}

const NodeOverlay &NodeModel::overlay(int row) const
{
    return row >= 0 && row < m_overlay.size() ? m_overlay.at(row) : s_noOverlay;
}

int NodeModel::indexOf(const QString &key) const
{
    return m_index.value(key, -1);
}

QVariant NodeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const SceneNode &n = m_nodes.at(row);
    const NodeGeometry &g = m_geometry.at(row);
    const NodeOverlay &o = overlay(row);
    switch (role) {
    case KeyRole:
        return n.key;
    case KindRole:
        return nodeKindName(n.kind);
    case Qt::DisplayRole:
    case TitleRole:
        return n.title;
    case SubtitleRole:
        return n.subtitle;
    case RowsRole: {
        QVariantList rows;
        rows.reserve(n.rows.size());
        for (qsizetype i = 0; i < n.rows.size(); ++i) {
            const QRectF r = g.rows.value(i);
            rows.append(QVariantMap{{QStringLiteral("text"), n.rows.at(i).text},
                                    {QStringLiteral("detail"), n.rows.at(i).detail},
                                    {QStringLiteral("y"), r.top() - g.rect.top()},
                                    {QStringLiteral("height"), r.height()},
                                    {QStringLiteral("file"), n.rows.at(i).source.file},
                                    {QStringLiteral("line"), n.rows.at(i).source.begin.line}});
        }
        return rows;
    }
    case XRole:
        return g.rect.x();
    case YRole:
        return g.rect.y();
    case WidthRole:
        return g.rect.width();
    case HeightRole:
        return g.rect.height();
    case ProvenanceRole:
        return n.provenance;
    case SourceFileRole:
        return n.source.file;
    case SourceLineRole:
        return n.source.begin.line;
    case StateRole:
        return nodeStateName(o.state);
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
    case HealthTextRole:
        return o.healthText;
    case FillColorRole:
    case HeaderColorRole:
    case BorderColorRole:
    case AccentColorRole:
    case StateColorRole:
    case BorderWidthRole:
    case OpacityRole: {
        const NodeStyle s = nodeStyle(palette(m_scheme), n.kind, o);
        switch (role) {
        case FillColorRole:
            return s.fill;
        case HeaderColorRole:
            return s.headerFill;
        case BorderColorRole:
            return s.border;
        case AccentColorRole:
            return s.accent;
        case StateColorRole:
            return s.stateColor;
        case BorderWidthRole:
            return s.borderWidth;
        default:
            return s.opacity;
        }
    }
    case OnPathRole:
        return m_onPath.contains(n.key);
    case SelectedRole:
        return !m_selected.isEmpty() && m_selected == n.key;
    default:
        return {};
    }
}

void NodeModel::setScene(const QList<SceneNode> &nodes, const QList<NodeGeometry> &geometry, const QList<NodeOverlay> &overlay)
{
    Q_ASSERT(nodes.size() == geometry.size());
    const int before = count();
    beginResetModel();
    m_nodes = nodes;
    m_geometry = geometry;
    m_overlay = overlay.size() == nodes.size() ? overlay : QList<NodeOverlay>(nodes.size());
    m_index.clear();
    for (qsizetype i = 0; i < m_nodes.size(); ++i)
        m_index.insert(m_nodes.at(i).key, static_cast<int>(i));
    endResetModel();
    if (before != count())
        Q_EMIT countChanged();
}

QList<int> NodeModel::changedRoles(const NodeOverlay &a, const NodeOverlay &b)
{
    QList<int> roles;
    bool styleChanged = false;
    if (a.state != b.state) {
        roles << StateRole;
        styleChanged = true;
    }
    if (a.traffic != b.traffic)
        roles << TrafficRole << TrafficTextRole;
    if (a.emphasised != b.emphasised) {
        roles << EmphasisedRole;
        styleChanged = true;
    }
    if (a.denied != b.denied) {
        roles << DeniedRole;
        styleChanged = true;
    }
    if (a.note != b.note)
        roles << NoteRole;
    if (a.healthText != b.healthText)
        roles << HealthTextRole;
    if (styleChanged)
        roles << BorderColorRole << StateColorRole << BorderWidthRole << OpacityRole;
    return roles;
}

void NodeModel::setOverlay(const QList<NodeOverlay> &overlay)
{
    const QList<NodeOverlay> next = overlay.size() == m_nodes.size() ? overlay : QList<NodeOverlay>(m_nodes.size());
    for (qsizetype i = 0; i < m_nodes.size(); ++i) {
        const QList<int> roles = changedRoles(m_overlay.at(i), next.at(i));
        if (roles.isEmpty())
            continue;
        m_overlay[i] = next.at(i);
        const QModelIndex idx = index(static_cast<int>(i));
        Q_EMIT dataChanged(idx, idx, roles);
    }
}

void NodeModel::setColorScheme(ColorScheme scheme)
{
    if (scheme == m_scheme)
        return;
    m_scheme = scheme;
    if (!m_nodes.isEmpty()) {
        Q_EMIT dataChanged(index(0), index(count() - 1),
                           {FillColorRole, HeaderColorRole, BorderColorRole, AccentColorRole, StateColorRole});
    }
}

void NodeModel::setHighlight(const QString &selectedKey, const QSet<QString> &onPath)
{
    const QString oldSelected = m_selected;
    const QSet<QString> oldPath = m_onPath;
    m_selected = selectedKey;
    m_onPath = onPath;
    for (qsizetype i = 0; i < m_nodes.size(); ++i) {
        const QString &key = m_nodes.at(i).key;
        QList<int> roles;
        if ((key == oldSelected) != (key == m_selected))
            roles << SelectedRole;
        if (oldPath.contains(key) != m_onPath.contains(key))
            roles << OnPathRole;
        if (!roles.isEmpty()) {
            const QModelIndex idx = index(static_cast<int>(i));
            Q_EMIT dataChanged(idx, idx, roles);
        }
    }
}

} // namespace chainscope::model
