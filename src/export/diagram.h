// What an export draws: a laid-out scene, its optional simulation overlay, and the title-block facts.
#pragma once

#include "common/diagnostic.h"
#include "layout/palette.h"
#include "layout/scene.h"

#include <QDateTime>
#include <QSizeF>
#include <QString>
#include <QStringList>

#include <optional>

namespace chainscope::exporter {

/** The export formats. Json is the compiled chain (what `chainscope compile` prints), not a picture. */
enum class Format { Svg, Png, Pdf, Dot, Json };

/** "svg", "png", "pdf", "dot", "json". */
[[nodiscard]] QString formatName(Format format);
/** Parses a format name (case-insensitive); "gv" is accepted for dot. */
[[nodiscard]] std::optional<Format> formatFromName(QStringView name);
/** The format a file name's extension asks for (".svg", ".PNG", ".gv", ...), if any. */
[[nodiscard]] std::optional<Format> formatForPath(const QString &path);
/** Whether the format is a picture painted from the geometry (everything but Json). */
[[nodiscard]] bool isPicture(Format format);

/** Facts printed in the title block above the drawing. */
struct DiagramInfo {
    QString service;    ///< the chain's service
    QString datacenter; ///< the datacenter the chain was compiled for
    QString namespace_; ///< "" or "default" are not printed
    QStringList sources; ///< the configuration paths the chain was loaded from
    QDateTime timestamp; ///< when the export was made; printed in UTC. Invalid = not printed
    QString scenario;   ///< one line describing the simulation ("dc1 down; source frontend"), "" = none
    friend bool operator==(const DiagramInfo &, const DiagramInfo &) = default;
};

/** A laid-out chain ready to paint. overlay is empty or index-aligned with scene (like geometry). */
struct Diagram {
    layout::Scene scene;
    layout::SceneOverlay overlay;
    layout::Geometry geometry;
    DiagramInfo info;
    layout::ColorScheme scheme = layout::ColorScheme::Light;
};

/** When an export is made: now, or SOURCE_DATE_EPOCH (seconds since 1970, UTC) when that is set, so that
 *  builds and tests get reproducible files. Used by the CLI and the app alike. */
[[nodiscard]] QDateTime exportTimestamp();

/** Checks that geometry (and a non-empty overlay) are index-aligned with the scene and that there is
 *  something to draw. Returns the problems (CS5101, CS5105); empty when the diagram can be painted. */
[[nodiscard]] Diagnostics checkDiagram(const Diagram &diagram);

} // namespace chainscope::exporter
