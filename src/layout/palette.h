// The drawing style shared by the screen (QML) and the exporters: colours by role for light and dark
// schemes, and the rules that pick a node's or edge's style from its kind and simulation state.
#pragma once

#include "layout/scene.h"

#include <QString>

namespace chainscope::layout {

enum class ColorScheme { Light, Dark };

/** Colours as "#rrggbb" strings (QColor-, SVG- and QML-compatible). */
struct Palette {
    QString background;  ///< canvas
    QString surface;     ///< node body
    QString headerFill;  ///< node header band (a tint of the kind accent is drawn over it)
    QString border;      ///< node outline
    QString text;        ///< primary text
    QString textMuted;   ///< secondary text (subtitles, row details)
    QString grid;        ///< row separators

    QString router;      ///< kind accents
    QString splitter;
    QString resolver;
    QString target;

    QString edge;        ///< ordinary edges
    QString redirect;    ///< redirect edges
    QString failover;    ///< failover edges not taking traffic
    QString engaged;     ///< failover edges taking traffic (emphasised)
    QString denied;      ///< denied by intentions
    QString active;      ///< target state: serving
    QString standby;     ///< target state: standing by
    QString dead;        ///< target state: no healthy instance
    QString selection;   ///< selection / keyboard focus ring
    QString labelFill;   ///< edge label background
    friend bool operator==(const Palette &, const Palette &) = default;
};

[[nodiscard]] const Palette &palette(ColorScheme scheme);

/** How to paint one node box. */
struct NodeStyle {
    QString fill;
    QString headerFill;
    QString border;
    QString accent;       ///< the kind colour (header stripe)
    QString stateColor;   ///< state dot colour ("" when NodeState::Unknown)
    double borderWidth = 1.0;
    double opacity = 1.0; ///< dead / standby targets fade a little
    friend bool operator==(const NodeStyle &, const NodeStyle &) = default;
};

/** How to paint one edge. */
struct EdgeStyle {
    QString color;
    double width = 1.5;
    bool dashed = false;  ///< failover edges not taking traffic, redirect edges
    double opacity = 1.0; ///< edges carrying no traffic under a simulation fade
    friend bool operator==(const EdgeStyle &, const EdgeStyle &) = default;
};

[[nodiscard]] QString kindAccent(const Palette &p, NodeKind kind);
[[nodiscard]] QString stateColor(const Palette &p, NodeState state);
[[nodiscard]] NodeStyle nodeStyle(const Palette &p, NodeKind kind, const NodeOverlay &overlay = {});
[[nodiscard]] EdgeStyle edgeStyle(const Palette &p, EdgeKind kind, const EdgeOverlay &overlay = {});

/** Sizes in pixels (96 dpi). Node boxes are sized from these by the layout; painters must use the same
 *  values so that text fits the boxes Graphviz placed. */
namespace metrics {
inline constexpr double titlePixelSize = 14.0;
inline constexpr double subtitlePixelSize = 11.0;
inline constexpr double rowPixelSize = 12.0;
inline constexpr double labelPixelSize = 11.0;
inline constexpr double headerHeight = 44.0;
inline constexpr double rowHeight = 24.0;
inline constexpr double paddingX = 12.0;
inline constexpr double detailGap = 16.0;   ///< between a row's text and its detail
inline constexpr double minNodeWidth = 150.0;
inline constexpr double maxNodeWidth = 460.0;
inline constexpr double cornerRadius = 6.0;
inline constexpr double labelPaddingX = 6.0;
inline constexpr double labelHeight = 20.0;
inline constexpr double arrowLength = 10.0; ///< also what Graphviz reserves at the path end
inline constexpr double arrowWidth = 9.0;
inline constexpr double margin = 16.0;      ///< around the whole drawing
} // namespace metrics

/** Width in pixels a sans-serif font at pixelSize needs for text. An estimate from per-character classes
 *  (core modules have no font access); deliberately generous so the painted text never overflows. */
[[nodiscard]] double estimateTextWidth(QStringView text, double pixelSize, bool bold = false);

} // namespace chainscope::layout
