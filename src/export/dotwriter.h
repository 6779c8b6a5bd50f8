// Graphviz DOT of a laid-out diagram: positions from our geometry (`pos`, `bb`, `lp`, Graphviz units) and
// our styling (palette colours, dashed failover/redirect edges, pen widths, row ports), so that
// `neato -n2 -Tsvg` redraws our layout and `dot` can lay the same graph out afresh.
#pragma once

#include "export/diagram.h"

#include <QByteArray>
#include <QPointF>

namespace chainscope::exporter {

/** Converts a geometry point (pixels, y down, origin top-left) to Graphviz points (y up, origin bottom-left)
 *  for a drawing of the given height in pixels. */
[[nodiscard]] QPointF toGraphvizPoint(const QPointF &pixels, double drawingHeight);

/**
 * The diagram as a DOT digraph in UTF-8. Node ids are the scene keys; each node is an HTML-like table whose
 * rows carry ports r0, r1, ... so Route and Split edges leave their row (`"router:web...":r1:e -> ...`).
 * Simulation state is kept in `chainscope_state`, `chainscope_traffic`, `chainscope_denied` attributes
 * and reflected in colours and pen widths. Deterministic: the same diagram always gives the same bytes.
 */
[[nodiscard]] QByteArray writeDot(const Diagram &diagram);

} // namespace chainscope::exporter
