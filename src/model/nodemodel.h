// The boxes of the routing graph as a list model: geometry (from Graphviz), labels, kind, provenance, and
// the simulation overlay (state, traffic, emphasis, denial) as separately updated roles.
#pragma once

#include "layout/palette.h"
#include "layout/scene.h"

#include <QAbstractListModel>
#include <QQmlEngine>
#include <QSet>

namespace chainscope::model {

class NodeModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by ChainDocument")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        KeyRole = Qt::UserRole + 1,
        KindRole,       ///< "router" | "splitter" | "resolver" | "target"
        TitleRole,
        SubtitleRole,
        RowsRole,       ///< list of {text, detail, y, height, file, line} (y relative to the box)
        XRole,          ///< box geometry in pixels, origin top-left of the drawing
        YRole,
        WidthRole,
        HeightRole,
        ProvenanceRole, ///< "service-router/web, web/router.hcl:3"
        SourceFileRole,
        SourceLineRole,
        StateRole,      ///< "unknown" | "active" | "standby" | "dead"
        TrafficRole,    ///< fraction 0..1, or -1 without a simulation
        TrafficTextRole,
        EmphasisedRole,
        DeniedRole,
        NoteRole,
        HealthTextRole,
        FillColorRole,  ///< style (palette.h), follows the colour scheme
        HeaderColorRole,
        BorderColorRole,
        AccentColorRole,
        StateColorRole,
        BorderWidthRole,
        OpacityRole,
        OnPathRole,     ///< on a path through the selected node
        SelectedRole,
    };
    Q_ENUM(Role)

    explicit NodeModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] int count() const { return static_cast<int>(m_nodes.size()); }

    /** A new chain: resets the model. overlay may be empty (no simulation yet). */
    void setScene(const QList<layout::SceneNode> &nodes, const QList<layout::NodeGeometry> &geometry,
                  const QList<layout::NodeOverlay> &overlay);
    /** A new simulation result: emits dataChanged for the rows whose overlay changed, with only the roles
     *  that changed. Never resets and never touches geometry. */
    void setOverlay(const QList<layout::NodeOverlay> &overlay);
    /** Switches the palette: dataChanged on the colour roles of every row. */
    void setColorScheme(layout::ColorScheme scheme);
    /** Marks the selection and the nodes on paths through it (dataChanged on rows whose marks change). */
    void setHighlight(const QString &selectedKey, const QSet<QString> &onPath);

    [[nodiscard]] int indexOf(const QString &key) const;
    [[nodiscard]] const layout::SceneNode *node(int row) const;
    [[nodiscard]] const layout::NodeOverlay &overlay(int row) const;

Q_SIGNALS:
    void countChanged();

private:
    [[nodiscard]] static QList<int> changedRoles(const layout::NodeOverlay &a, const layout::NodeOverlay &b);

    QList<layout::SceneNode> m_nodes;
    QList<layout::NodeGeometry> m_geometry;
    QList<layout::NodeOverlay> m_overlay;
    QHash<QString, int> m_index;
    layout::ColorScheme m_scheme = layout::ColorScheme::Light;
    QString m_selected;
    QSet<QString> m_onPath;
};

} // namespace chainscope::model
