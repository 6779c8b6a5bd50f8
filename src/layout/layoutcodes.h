// Diagnostic codes of the layout module (range CS50xx, see common/diagnosticcodes.h). Never renumbered.
#pragma once

#include <QString>

namespace chainscope::layout::codes {

inline const QString GraphvizFailed = QStringLiteral("CS5001");   ///< gvLayout or graph construction failed
inline const QString UnknownEndpoint = QStringLiteral("CS5002");  ///< an edge names a node the scene lacks
inline const QString DuplicateNode = QStringLiteral("CS5003");    ///< two scene nodes share a key

} // namespace chainscope::layout::codes
