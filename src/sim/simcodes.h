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
inline constexpr QLatin1StringView FailoverTargetDenied{"CS4201"}; ///< intentions deny the source at a failover target
inline constexpr QLatin1StringView RedirectTargetDenied{"CS4202"}; ///< intentions deny the source at a redirect target
inline constexpr QLatin1StringView TargetDenied{"CS4203"};         ///< intentions deny the source at a primary/split/route target
inline constexpr QLatin1StringView NotAnUpstream{"CS4204"};        ///< transparent proxy: the chain is not an intention upstream of the source
inline constexpr QLatin1StringView InvalidSubsetFilter{"CS4205"};  ///< a subset filter Consul's health query would reject: target empty
inline constexpr QLatin1StringView NoMeshGateway{"CS4206"};        ///< a target needs mesh gateways and the catalog has none there
inline constexpr QLatin1StringView EmptyTarget{"CS4207"};          ///< a target has no instance (none registered or the filter keeps none)
inline constexpr QLatin1StringView RequestsFail{"CS4208"};         ///< some requests find no healthy upstream (503 / closed connection)
inline constexpr QLatin1StringView UnknownOverride{"CS4209"};      ///< a --down/--check names nothing in the catalog (warning)

} // namespace chainscope::sim::codes
