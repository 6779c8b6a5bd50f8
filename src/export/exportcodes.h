// Diagnostic codes of the export module (range CS51xx, see common/diagnosticcodes.h). Never renumbered.
#pragma once

#include <QString>

namespace chainscope::exporter::codes {

inline const QString EmptyDiagram = QStringLiteral("CS5101");    ///< nothing to draw (no nodes laid out)
inline const QString RenderFailed = QStringLiteral("CS5102");    ///< the painter could not start or finish
inline const QString WriteFailed = QStringLiteral("CS5103");     ///< the output file could not be written
inline const QString UnknownFormat = QStringLiteral("CS5104");   ///< a format name or file extension we do not know
inline const QString SceneMismatch = QStringLiteral("CS5105");   ///< geometry/overlay not index-aligned with the scene

} // namespace chainscope::exporter::codes
