// Stable diagnostic codes of the sim module (range CS41xx catalogs, CS42xx simulation). Append only.
#pragma once

#include <QLatin1StringView>

namespace chainscope::sim::codes {

// ---- CS41xx: catalog input (sim/catalog.h) ----
inline constexpr QLatin1StringView CatalogUnreadable{"CS4101"};      ///< file missing, unreadable or too large
inline constexpr QLatin1StringView CatalogSyntax{"CS4102"};          ///< JSON syntax error (the parser's own message)
inline constexpr QLatin1StringView CatalogShape{"CS4103"};           ///< top level neither an array nor a datacenter map
inline constexpr QLatin1StringView CatalogType{"CS4104"};            ///< a field has the wrong JSON type
inline constexpr QLatin1StringView CatalogMissingField{"CS4105"};    ///< Node/Service/Service.Service missing
inline constexpr QLatin1StringView CatalogBadStatus{"CS4106"};       ///< check status not passing|warning|critical
inline constexpr QLatin1StringView CatalogBadLocation{"CS4107"};     ///< empty datacenter key or "peer:" without a name
inline constexpr QLatin1StringView CatalogServiceMismatch{"CS4108"}; ///< instance listed under another service's name
inline constexpr QLatin1StringView CatalogDatacenterMismatch{"CS4109"}; ///< Node.Datacenter differs from its key (warning)
inline constexpr QLatin1StringView CatalogDuplicateInstance{"CS4110"};  ///< same node + Service.ID twice in one location (warning)
inline constexpr QLatin1StringView CatalogBadValue{"CS4111"};        ///< a number out of range, e.g. a port or weight

// ---- CS42xx: simulation (owned by the simulation work; append below) ----

} // namespace chainscope::sim::codes
