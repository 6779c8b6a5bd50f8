// Paints a Diagram with QPainter: the same boxes, rows, edges and colours as the routing view, plus a title
// block and a legend. Every picture exporter (SVG, PNG, PDF) goes through here.
#pragma once

#include "export/diagram.h"

#include <QRectF>
#include <QSizeF>

class QPainter;

namespace chainscope::exporter {

/** Where the parts of a painted page go. Pixels at 96 dpi, origin top-left of the page. */
struct PageLayout {
    QSizeF size;          ///< the whole page
    QRectF titleBlock;    ///< service, datacenter, sources, scenario, timestamp
    QPointF drawingOrigin; ///< where the geometry's (0, 0) is placed
    QRectF legend;        ///< kinds, edge styles and (with a simulation) states
};

/** The text on an edge's label: the static label plus, under a simulation, the traffic share, or "denied"
 *  when intentions deny what flows along it (the share is then not shown). */
[[nodiscard]] QString edgeLabelText(const layout::SceneEdge &edge, const layout::EdgeOverlay &overlay);

/** Computes the page for a diagram. Needs a QGuiApplication (font metrics). */
[[nodiscard]] PageLayout pageLayout(const Diagram &diagram);

/** Paints the whole page (background, title block, drawing, legend) with 1 painter unit = 1 pixel at 96 dpi
 *  and the page's top-left at the painter's origin. The diagram must pass checkDiagram(). */
void paintDiagram(QPainter &painter, const Diagram &diagram);

/** The drawing alone (no background, title or legend), in geometry coordinates. The routing view's
 *  screenshot tests and the exporters share this. */
void paintDrawing(QPainter &painter, const Diagram &diagram);

} // namespace chainscope::exporter
