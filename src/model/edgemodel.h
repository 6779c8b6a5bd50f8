// The arrows of the routing graph as a list model: SVG path data from the Graphviz splines, the label slot,
// and the simulation overlay (traffic, engaged failover, denial with the deciding intention).
#pragma once

#include "layout/palette.h"
#include "layout/scene.h"

#include <QAbstractListModel>
#include <QPointF>
#include <QQmlEngine>
#include <QSet>

namespace chainscope::model {

class EdgeModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by ChainDocument")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        KeyRole = Qt::UserRole + 1,
        KindRole,       ///< "route" | "split" | "resolve" | "redirect" | "failover"
        FromRole,
        ToRole,
        FromRowRole,
        OrderRole,
        LabelRole,      ///< static label ("50%", "1st failover")
        PathRole,       ///< SVG path data, pixels
        ArrowPathRole,  ///< SVG path data of the arrowhead triangle
        LabelXRole,     ///< label slot, pixels
        LabelYRole,
        LabelWidthRole,
        LabelHeightRole,
        ProvenanceRole,
        SourceFileRole,
        SourceLineRole,
        TrafficRole,    ///< fraction 0..1, or -1 without a simulation
        TrafficTextRole,
        EmphasisedRole,
        DeniedRole,
        NoteRole,
        ColorRole,      ///< style (palette.h), follows the colour scheme
        StrokeWidthRole,
        DashedRole,
        OpacityRole,
        OnPathRole,
    };
    Q_ENUM(Role)

    explicit EdgeModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] int count() const { return static_cast<int>(m_edges.size()); }

    void setScene(const QList<layout::SceneEdge> &edges, const QList<layout::EdgeGeometry> &geometry,
                  const QList<layout::EdgeOverlay> &overlay);
    /** dataChanged on changed rows and roles only; never resets, never touches geometry. */
    void setOverlay(const QList<layout::EdgeOverlay> &overlay);
    void setColorScheme(layout::ColorScheme scheme);
    void setHighlight(const QSet<QString> &onPath);

    /** Key of the edge whose stroke passes within tolerance pixels of point, or "" (hover and clicks). */
    Q_INVOKABLE QString edgeAt(const QPointF &point, double tolerance = 5.0) const;

    [[nodiscard]] int indexOf(const QString &key) const;
    [[nodiscard]] const layout::SceneEdge *edge(int row) const;
    [[nodiscard]] const layout::EdgeOverlay &overlay(int row) const;
    [[nodiscard]] const QList<layout::SceneEdge> &edges() const { return m_edges; }

Q_SIGNALS:
    void countChanged();

private:
    QList<layout::SceneEdge> m_edges;
    QList<layout::EdgeGeometry> m_geometry;
    QList<layout::EdgeOverlay> m_overlay;
    QHash<QString, int> m_index;
    layout::ColorScheme m_scheme = layout::ColorScheme::Light;
    QSet<QString> m_onPath;
};

} // namespace chainscope::model
