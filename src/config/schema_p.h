// The field tables of the six config entry kinds (config.md §1), for the schema and for code that reads
// canonical trees by field position (the decoder's typed bodies): schema::fieldIndex() finds a field's position
// at compile time.
#pragma once

#include "config/schema.h"

#include <iterator>
#include <string_view>

namespace chainscope::config::schema::tables {

using namespace Qt::StringLiterals;

// ---- scalar and container types ------------------------------------------------------------------

inline constexpr Type tString{Kind::String};
inline constexpr Type tBool{Kind::Bool};
inline constexpr Type tInt{Kind::Int};
inline constexpr Type tUint32{Kind::Uint32};
inline constexpr Type tUint64{Kind::Uint64};
inline constexpr Type tFloat32{Kind::Float32};
inline constexpr Type tDurationText{Kind::Duration, nullptr, nullptr, DurationForm::GoString};
inline constexpr Type tDurationNanos{Kind::Duration, nullptr, nullptr, DurationForm::Nanoseconds};
inline constexpr Type tAny{Kind::Any};
inline constexpr Type tStringList{Kind::List, &tString};
inline constexpr Type tUint32List{Kind::List, &tUint32};
inline constexpr Type tStringMap{Kind::Map, &tString};
inline constexpr Type tAnyMap{Kind::Map, &tAny};

#define CS_STRUCT(var, goName, ...)                                                                                    \
    inline constexpr Field var##Fields[] = {__VA_ARGS__};                                                              \
    inline const QString *var##Keys = nullptr;                                                                         \
    inline const qint8 *var##ByLength = nullptr;                                                                       \
    inline constexpr Struct var{goName##_L1, var##Fields, qsizetype(std::size(var##Fields)), &var##Keys,               \
                                &var##ByLength};                                                                       \
    inline constexpr Type t##var{Kind::Object, nullptr, &var};                                                         \
    inline constexpr Type t##var##List{Kind::List, &t##var};                                                           \
    inline constexpr Type t##var##Map{Kind::Map, &t##var};

// Fields every entry starts and ends with (config.md §1.0).
#define CS_ENTRY_HEAD                                                                                                  \
    Field{"Kind"_L1, {}, &tString, NotInCrd}, Field{"Name"_L1, {}, &tString, NotInCrd},                                \
        Field{"Namespace"_L1, {}, &tString, Enterprise | NotInCrd}, Field{"Partition"_L1, {}, &tString, Enterprise | NotInCrd}
#define CS_ENTRY_TAIL                                                                                                  \
    Field{"Meta"_L1, {}, &tStringMap, NotInCrd}, Field{"CreateIndex"_L1, {}, &tUint64, NotInCrd | ReadOnly},           \
        Field{"ModifyIndex"_L1, {}, &tUint64, NotInCrd | ReadOnly}

// ---- shared structs ------------------------------------------------------------------------------

CS_STRUCT(MeshGateway, "MeshGatewayConfig", Field{"Mode"_L1, {}, &tString})
CS_STRUCT(FailoverPolicy, "ServiceResolverFailoverPolicy", Field{"Mode"_L1, {}, &tString},
          Field{"Regions"_L1, {}, &tStringList})
CS_STRUCT(Locality, "ServiceResolverPrioritizeByLocality", Field{"Mode"_L1, {}, &tString})
CS_STRUCT(HeaderModifiers, "HTTPHeaderModifiers", Field{"Add"_L1, {}, &tStringMap}, Field{"Set"_L1, {}, &tStringMap},
          Field{"Remove"_L1, {}, &tStringList})
CS_STRUCT(TransparentProxy, "TransparentProxyConfig",
          Field{"OutboundListenerPort"_L1, "outbound_listener_port"_L1, &tInt},
          Field{"DialedDirectly"_L1, "dialed_directly"_L1, &tBool})
CS_STRUCT(ExposePath, "ExposePath", Field{"ListenerPort"_L1, "listener_port"_L1, &tInt}, Field{"Path"_L1, {}, &tString},
          Field{"LocalPathPort"_L1, "local_path_port"_L1, &tInt}, Field{"Protocol"_L1, {}, &tString},
          Field{"ParsedFromCheck"_L1, "parsed_from_check"_L1, &tBool, NotInCrd})
CS_STRUCT(Expose, "ExposeConfig", Field{"Checks"_L1, {}, &tBool}, Field{"Paths"_L1, {}, &tExposePathList})
CS_STRUCT(EnvoyExtension, "EnvoyExtension", Field{"Name"_L1, {}, &tString}, Field{"Required"_L1, {}, &tBool},
          Field{"Arguments"_L1, {}, &tAnyMap}, Field{"ConsulVersion"_L1, "consul_version"_L1, &tString},
          Field{"EnvoyVersion"_L1, "envoy_version"_L1, &tString})

// ---- service-resolver ----------------------------------------------------------------------------

CS_STRUCT(Subset, "ServiceResolverSubset", Field{"Filter"_L1, {}, &tString},
          Field{"OnlyPassing"_L1, "only_passing"_L1, &tBool})
CS_STRUCT(Redirect, "ServiceResolverRedirect", Field{"Service"_L1, {}, &tString},
          Field{"ServiceSubset"_L1, "service_subset"_L1, &tString}, Field{"Namespace"_L1, {}, &tString},
          Field{"Partition"_L1, {}, &tString}, Field{"Datacenter"_L1, {}, &tString}, Field{"Peer"_L1, {}, &tString},
          Field{"SamenessGroup"_L1, "sameness_group"_L1, &tString})
CS_STRUCT(FailoverTarget, "ServiceResolverFailoverTarget", Field{"Service"_L1, {}, &tString},
          Field{"ServiceSubset"_L1, "service_subset"_L1, &tString}, Field{"Partition"_L1, {}, &tString},
          Field{"Namespace"_L1, {}, &tString}, Field{"Datacenter"_L1, {}, &tString}, Field{"Peer"_L1, {}, &tString})
CS_STRUCT(Failover, "ServiceResolverFailover", Field{"Service"_L1, {}, &tString},
          Field{"ServiceSubset"_L1, "service_subset"_L1, &tString}, Field{"Namespace"_L1, {}, &tString},
          Field{"Datacenters"_L1, {}, &tStringList}, Field{"Targets"_L1, {}, &tFailoverTargetList},
          Field{"Policy"_L1, {}, &tFailoverPolicy}, Field{"SamenessGroup"_L1, "sameness_group"_L1, &tString})
CS_STRUCT(CookieConfig, "CookieConfig", Field{"Session"_L1, {}, &tBool}, Field{"TTL"_L1, {}, &tDurationNanos},
          Field{"Path"_L1, {}, &tString})
CS_STRUCT(HashPolicy, "HashPolicy", Field{"Field"_L1, {}, &tString}, Field{"FieldValue"_L1, "field_value"_L1, &tString},
          Field{"CookieConfig"_L1, "cookie_config"_L1, &tCookieConfig}, Field{"SourceIP"_L1, "source_ip"_L1, &tBool},
          Field{"Terminal"_L1, {}, &tBool})
CS_STRUCT(RingHash, "RingHashConfig", Field{"MinimumRingSize"_L1, "minimum_ring_size"_L1, &tUint64},
          Field{"MaximumRingSize"_L1, "maximum_ring_size"_L1, &tUint64})
CS_STRUCT(LeastRequest, "LeastRequestConfig", Field{"ChoiceCount"_L1, "choice_count"_L1, &tUint32})
CS_STRUCT(LoadBalancer, "LoadBalancer", Field{"Policy"_L1, {}, &tString},
          Field{"RingHashConfig"_L1, "ring_hash_config"_L1, &tRingHash},
          Field{"LeastRequestConfig"_L1, "least_request_config"_L1, &tLeastRequest},
          Field{"HashPolicies"_L1, "hash_policies"_L1, &tHashPolicyList})
CS_STRUCT(Resolver, "ServiceResolverConfigEntry", CS_ENTRY_HEAD,
          Field{"DefaultSubset"_L1, "default_subset"_L1, &tString}, Field{"Subsets"_L1, {}, &tSubsetMap},
          Field{"Redirect"_L1, {}, &tRedirect}, Field{"Failover"_L1, {}, &tFailoverMap},
          Field{"ConnectTimeout"_L1, "connect_timeout"_L1, &tDurationText},
          Field{"RequestTimeout"_L1, "request_timeout"_L1, &tDurationText},
          Field{"LoadBalancer"_L1, "load_balancer"_L1, &tLoadBalancer},
          Field{"PrioritizeByLocality"_L1, "prioritize_by_locality"_L1, &tLocality}, CS_ENTRY_TAIL)

// ---- service-router ------------------------------------------------------------------------------

CS_STRUCT(HeaderMatch, "ServiceRouteHTTPMatchHeader", Field{"Name"_L1, {}, &tString}, Field{"Present"_L1, {}, &tBool},
          Field{"Exact"_L1, {}, &tString}, Field{"Prefix"_L1, {}, &tString}, Field{"Suffix"_L1, {}, &tString},
          Field{"Regex"_L1, {}, &tString}, Field{"Invert"_L1, {}, &tBool})
CS_STRUCT(QueryMatch, "ServiceRouteHTTPMatchQueryParam", Field{"Name"_L1, {}, &tString},
          Field{"Present"_L1, {}, &tBool}, Field{"Exact"_L1, {}, &tString}, Field{"Regex"_L1, {}, &tString})
CS_STRUCT(HttpMatch, "ServiceRouteHTTPMatch", Field{"PathExact"_L1, "path_exact"_L1, &tString},
          Field{"PathPrefix"_L1, "path_prefix"_L1, &tString}, Field{"PathRegex"_L1, "path_regex"_L1, &tString},
          Field{"CaseInsensitive"_L1, "case_insensitive"_L1, &tBool}, Field{"Header"_L1, {}, &tHeaderMatchList},
          Field{"QueryParam"_L1, "query_param"_L1, &tQueryMatchList}, Field{"Methods"_L1, {}, &tStringList})
CS_STRUCT(RouteMatch, "ServiceRouteMatch", Field{"HTTP"_L1, {}, &tHttpMatch})
CS_STRUCT(RouteDestination, "ServiceRouteDestination", Field{"Service"_L1, {}, &tString},
          Field{"ServiceSubset"_L1, "service_subset"_L1, &tString}, Field{"Namespace"_L1, {}, &tString},
          Field{"Partition"_L1, {}, &tString}, Field{"PrefixRewrite"_L1, "prefix_rewrite"_L1, &tString},
          Field{"RequestTimeout"_L1, "request_timeout"_L1, &tDurationText},
          Field{"IdleTimeout"_L1, "idle_timeout"_L1, &tDurationText},
          Field{"NumRetries"_L1, "num_retries"_L1, &tUint32},
          Field{"RetryOnConnectFailure"_L1, "retry_on_connect_failure"_L1, &tBool},
          Field{"RetryOn"_L1, "retry_on"_L1, &tStringList},
          Field{"RetryOnStatusCodes"_L1, "retry_on_status_codes"_L1, &tUint32List},
          Field{"RequestHeaders"_L1, "request_headers"_L1, &tHeaderModifiers},
          Field{"ResponseHeaders"_L1, "response_headers"_L1, &tHeaderModifiers})
CS_STRUCT(Route, "ServiceRoute", Field{"Match"_L1, {}, &tRouteMatch}, Field{"Destination"_L1, {}, &tRouteDestination})
CS_STRUCT(Router, "ServiceRouterConfigEntry", CS_ENTRY_HEAD, Field{"Routes"_L1, {}, &tRouteList}, CS_ENTRY_TAIL)

// ---- service-splitter ----------------------------------------------------------------------------

CS_STRUCT(Split, "ServiceSplit", Field{"Weight"_L1, {}, &tFloat32}, Field{"Service"_L1, {}, &tString},
          Field{"ServiceSubset"_L1, "service_subset"_L1, &tString}, Field{"Namespace"_L1, {}, &tString},
          Field{"Partition"_L1, {}, &tString}, Field{"RequestHeaders"_L1, "request_headers"_L1, &tHeaderModifiers},
          Field{"ResponseHeaders"_L1, "response_headers"_L1, &tHeaderModifiers})
CS_STRUCT(Splitter, "ServiceSplitterConfigEntry", CS_ENTRY_HEAD, Field{"Splits"_L1, {}, &tSplitList}, CS_ENTRY_TAIL)

// ---- service-intentions --------------------------------------------------------------------------

CS_STRUCT(ClaimVerification, "IntentionJWTClaimVerification", Field{"Path"_L1, {}, &tStringList},
          Field{"Value"_L1, {}, &tString})
CS_STRUCT(JwtProvider, "IntentionJWTProvider", Field{"Name"_L1, {}, &tString},
          Field{"VerifyClaims"_L1, "verify_claims"_L1, &tClaimVerificationList})
CS_STRUCT(Jwt, "IntentionJWTRequirement", Field{"Providers"_L1, {}, &tJwtProviderList})
CS_STRUCT(HeaderPermission, "IntentionHTTPHeaderPermission", Field{"Name"_L1, {}, &tString},
          Field{"Present"_L1, {}, &tBool}, Field{"Exact"_L1, {}, &tString}, Field{"Prefix"_L1, {}, &tString},
          Field{"Suffix"_L1, {}, &tString}, Field{"Contains"_L1, {}, &tString}, Field{"Regex"_L1, {}, &tString},
          Field{"Invert"_L1, {}, &tBool}, Field{"IgnoreCase"_L1, "ignore_case"_L1, &tBool})
CS_STRUCT(HttpPermission, "IntentionHTTPPermission", Field{"PathExact"_L1, "path_exact"_L1, &tString},
          Field{"PathPrefix"_L1, "path_prefix"_L1, &tString}, Field{"PathRegex"_L1, "path_regex"_L1, &tString},
          Field{"Header"_L1, {}, &tHeaderPermissionList}, Field{"Methods"_L1, {}, &tStringList})
CS_STRUCT(Permission, "IntentionPermission", Field{"Action"_L1, {}, &tString}, Field{"HTTP"_L1, {}, &tHttpPermission},
          Field{"JWT"_L1, {}, &tJwt})
CS_STRUCT(Source, "SourceIntention", Field{"Name"_L1, {}, &tString}, Field{"Peer"_L1, {}, &tString},
          Field{"Partition"_L1, {}, &tString, Enterprise}, Field{"Namespace"_L1, {}, &tString, Enterprise},
          Field{"SamenessGroup"_L1, "sameness_group"_L1, &tString}, Field{"Action"_L1, {}, &tString},
          Field{"Permissions"_L1, {}, &tPermissionList}, Field{"Precedence"_L1, {}, &tInt, NotInCrd},
          Field{"Type"_L1, {}, &tString, NotInCrd}, Field{"Description"_L1, {}, &tString},
          Field{"LegacyID"_L1, "legacy_id"_L1, &tString, NotInCrd},
          Field{"LegacyMeta"_L1, "legacy_meta"_L1, &tStringMap, NotInCrd},
          Field{"LegacyCreateTime"_L1, "legacy_create_time"_L1, &tAny, NotInCrd},
          Field{"LegacyUpdateTime"_L1, "legacy_update_time"_L1, &tAny, NotInCrd})
// consul-k8s: spec.destination names the destination service (and its namespace).
CS_STRUCT(CrdDestination, "IntentionDestination", Field{"Name"_L1, {}, &tString}, Field{"Namespace"_L1, {}, &tString})
CS_STRUCT(Intentions, "ServiceIntentionsConfigEntry", CS_ENTRY_HEAD, Field{"Sources"_L1, {}, &tSourceList},
          Field{"JWT"_L1, {}, &tJwt}, Field{"Destination"_L1, {}, &tCrdDestination, CrdOnly}, CS_ENTRY_TAIL)

// ---- service-defaults ----------------------------------------------------------------------------

CS_STRUCT(Limits, "UpstreamLimits", Field{"MaxConnections"_L1, "max_connections"_L1, &tInt},
          Field{"MaxPendingRequests"_L1, "max_pending_requests"_L1, &tInt},
          Field{"MaxConcurrentRequests"_L1, "max_concurrent_requests"_L1, &tInt})
CS_STRUCT(PassiveHealthCheck, "PassiveHealthCheck", Field{"Interval"_L1, {}, &tDurationNanos},
          Field{"MaxFailures"_L1, "max_failures"_L1, &tUint32},
          Field{"EnforcingConsecutive5xx"_L1, "enforcing_consecutive_5xx"_L1, &tUint32},
          Field{"MaxEjectionPercent"_L1, "max_ejection_percent"_L1, &tUint32},
          Field{"BaseEjectionTime"_L1, "base_ejection_time"_L1, &tDurationNanos})
CS_STRUCT(Upstream, "UpstreamConfig", Field{"Name"_L1, {}, &tString},
          Field{"Namespace"_L1, {}, &tString, Enterprise}, Field{"Partition"_L1, {}, &tString, Enterprise},
          Field{"Peer"_L1, {}, &tString}, Field{"EnvoyListenerJSON"_L1, "envoy_listener_json"_L1, &tString},
          Field{"EnvoyClusterJSON"_L1, "envoy_cluster_json"_L1, &tString}, Field{"Protocol"_L1, {}, &tString},
          Field{"ConnectTimeoutMs"_L1, "connect_timeout_ms"_L1, &tInt}, Field{"Limits"_L1, {}, &tLimits},
          Field{"PassiveHealthCheck"_L1, "passive_health_check"_L1, &tPassiveHealthCheck},
          Field{"MeshGateway"_L1, "mesh_gateway"_L1, &tMeshGateway},
          Field{"BalanceOutboundConnections"_L1, "balance_outbound_connections"_L1, &tString})
CS_STRUCT(Upstreams, "UpstreamConfiguration", Field{"Overrides"_L1, {}, &tUpstreamList},
          Field{"Defaults"_L1, {}, &tUpstream})
CS_STRUCT(Destination, "DestinationConfig", Field{"Addresses"_L1, {}, &tStringList}, Field{"Port"_L1, {}, &tInt})
CS_STRUCT(RouteRateLimit, "InstanceLevelRouteRateLimits", Field{"PathExact"_L1, "path_exact"_L1, &tString},
          Field{"PathPrefix"_L1, "path_prefix"_L1, &tString}, Field{"PathRegex"_L1, "path_regex"_L1, &tString},
          Field{"RequestsPerSecond"_L1, "requests_per_second"_L1, &tInt},
          Field{"RequestsMaxBurst"_L1, "requests_max_burst"_L1, &tInt})
CS_STRUCT(InstanceLimits, "InstanceLevelRateLimits", Field{"RequestsPerSecond"_L1, "requests_per_second"_L1, &tInt},
          Field{"RequestsMaxBurst"_L1, "requests_max_burst"_L1, &tInt}, Field{"Routes"_L1, {}, &tRouteRateLimitList})
CS_STRUCT(RateLimits, "RateLimits", Field{"InstanceLevel"_L1, "instance_level"_L1, &tInstanceLimits})
CS_STRUCT(ServiceDefaults, "ServiceConfigEntry", CS_ENTRY_HEAD, Field{"Protocol"_L1, {}, &tString},
          Field{"Mode"_L1, {}, &tString}, Field{"TransparentProxy"_L1, "transparent_proxy"_L1, &tTransparentProxy},
          Field{"MutualTLSMode"_L1, "mutual_tls_mode"_L1, &tString},
          Field{"MeshGateway"_L1, "mesh_gateway"_L1, &tMeshGateway}, Field{"Expose"_L1, {}, &tExpose},
          Field{"ExternalSNI"_L1, "external_sni"_L1, &tString},
          Field{"UpstreamConfig"_L1, "upstream_config"_L1, &tUpstreams}, Field{"Destination"_L1, {}, &tDestination},
          Field{"MaxInboundConnections"_L1, "max_inbound_connections"_L1, &tInt},
          Field{"LocalConnectTimeoutMs"_L1, "local_connect_timeout_ms"_L1, &tInt},
          Field{"LocalRequestTimeoutMs"_L1, "local_request_timeout_ms"_L1, &tInt},
          Field{"BalanceInboundConnections"_L1, "balance_inbound_connections"_L1, &tString},
          Field{"RateLimits"_L1, "rate_limits"_L1, &tRateLimits},
          Field{"EnvoyExtensions"_L1, "envoy_extensions"_L1, &tEnvoyExtensionList}, CS_ENTRY_TAIL)

// ---- proxy-defaults ------------------------------------------------------------------------------

CS_STRUCT(AccessLogs, "AccessLogsConfig", Field{"Enabled"_L1, {}, &tBool},
          Field{"DisableListenerLogs"_L1, "disable_listener_logs"_L1, &tBool}, Field{"Type"_L1, {}, &tString},
          Field{"Path"_L1, {}, &tString}, Field{"JSONFormat"_L1, "json_format"_L1, &tString},
          Field{"TextFormat"_L1, "text_format"_L1, &tString})
CS_STRUCT(ProxyDefaults, "ProxyConfigEntry", CS_ENTRY_HEAD, Field{"Config"_L1, {}, &tAnyMap},
          Field{"Mode"_L1, {}, &tString}, Field{"TransparentProxy"_L1, "transparent_proxy"_L1, &tTransparentProxy},
          Field{"MutualTLSMode"_L1, "mutual_tls_mode"_L1, &tString},
          Field{"MeshGateway"_L1, "mesh_gateway"_L1, &tMeshGateway}, Field{"Expose"_L1, {}, &tExpose},
          Field{"AccessLogs"_L1, "access_logs"_L1, &tAccessLogs},
          Field{"EnvoyExtensions"_L1, "envoy_extensions"_L1, &tEnvoyExtensionList},
          Field{"FailoverPolicy"_L1, "failover_policy"_L1, &tFailoverPolicy},
          Field{"PrioritizeByLocality"_L1, "prioritize_by_locality"_L1, &tLocality}, CS_ENTRY_TAIL)

#undef CS_STRUCT
#undef CS_ENTRY_HEAD
#undef CS_ENTRY_TAIL

} // namespace chainscope::config::schema::tables

namespace chainscope::config::schema {

/** The position of the field named name in s, computed at compile time: a name s does not have does not
 *  compile. */
consteval qsizetype fieldIndex(const Struct &s, std::string_view name)
{
    for (qsizetype i = 0; i < s.count; ++i) {
        if (std::string_view(s.fields[i].name.data(), size_t(s.fields[i].name.size())) == name)
            return i;
    }
    throw "no field of that name"; // not a constant expression: the call does not compile
}

} // namespace chainscope::config::schema
