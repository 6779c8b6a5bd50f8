// Stable diagnostic codes of the discovery-chain compiler: graph errors (CS30xx, Consul's
// ConfigEntryGraphError) and request errors (CS31xx). Codes are never renumbered; new ones are appended.
#pragma once

#include <QLatin1StringView>

namespace chainscope::chain::codes {

// Graph errors: Consul's messages (agent/consul/discoverychain/compile.go).
inline constexpr QLatin1StringView ProtocolMismatch{"CS3001"};     ///< `... uses inconsistent protocols; ...`
inline constexpr QLatin1StringView SubsetMissing{"CS3002"};        ///< `service %q does not have a subset named %q`
inline constexpr QLatin1StringView CircularRedirect{"CS3003"};     ///< `detected circular resolver redirect: [...]`
inline constexpr QLatin1StringView CircularReference{"CS3004"};    ///< `detected circular reference: [...]`
inline constexpr QLatin1StringView ExternalSniRedirect{"CS3005"};  ///< `... cannot define redirects for external services`
inline constexpr QLatin1StringView ExternalSniSubsets{"CS3006"};   ///< `... cannot define subsets for external services`
inline constexpr QLatin1StringView ExternalSniFailover{"CS3007"};  ///< `... cannot define failover for external services`
inline constexpr QLatin1StringView AdvancedRouting{"CS3008"};      ///< `... does not permit advanced routing or splitting behavior`
inline constexpr QLatin1StringView SamenessGroupMissing{"CS3009"}; ///< `sameness group missing for service %q`
inline constexpr QLatin1StringView NestingTooDeep{"CS3010"};       ///< our limit: splitters nested too deeply
inline constexpr QLatin1StringView TooManySplits{"CS3011"};        ///< our limit: flattening produced too many legs
inline constexpr QLatin1StringView L7IntentionsProtocol{"CS3012"}; ///< `service %q has protocol %q, which is incompatible with L7 intentions permissions`

// Request errors (Consul's Compile argument checks).
inline constexpr QLatin1StringView RequestInvalid{"CS3101"}; ///< `serviceName is required`, ...

} // namespace chainscope::chain::codes
