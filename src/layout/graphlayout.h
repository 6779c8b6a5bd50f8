// Scene → Geometry with Graphviz dot (the only Graphviz user in chainscope).
#pragma once

#include "common/diagnostic.h"
#include "layout/scene.h"

namespace chainscope::layout {

struct LayoutOptions {
    double rankSeparation = 56.0; ///< pixels between ranks (columns, since the drawing runs left to right)
    double nodeSeparation = 18.0; ///< pixels between boxes in one rank
};

/**
 * Lays a scene out left to right with Graphviz dot. Node boxes are sized from palette.h metrics; edges
 * leave the row they belong to. The result is index-aligned with the scene. Thread-safe (Graphviz itself is
 * not: calls are serialised). An empty scene gives an empty geometry; a Graphviz failure gives a CS50xx
 * diagnostic and no value.
 */
[[nodiscard]] Result<Geometry> layoutScene(const Scene &scene, const LayoutOptions &options = {});

/** Width of a node box for these rows and titles, in pixels (what layoutScene gives Graphviz). */
[[nodiscard]] double nodeWidth(const SceneNode &node);
/** Height of a node box, in pixels. */
[[nodiscard]] double nodeHeight(const SceneNode &node);
/** Size reserved for an edge label: the static label plus room for a traffic figure. */
[[nodiscard]] QSizeF edgeLabelSize(const SceneEdge &edge);

} // namespace chainscope::layout
