// Stable diagnostic codes of entry validation: Consul's Normalize/Validate rules (CS21xx), the consul-k8s
// webhook (CS22xx), editions (CS23xx) and duplicates across files (CS24xx). Codes are never renumbered;
// new ones are appended.
#pragma once

#include <QLatin1StringView>

namespace chainscope::config::codes {

// Consul's own rules (config.md §3), shared by every kind
inline constexpr QLatin1StringView NameRequired{"CS2101"}; ///< `Name is required`
inline constexpr QLatin1StringView MetaInvalid{"CS2102"};  ///< Meta count, key and value limits

// service-resolver (config.md §3.2)
inline constexpr QLatin1StringView SubsetName{"CS2103"};             ///< empty or non-DNS-label subset name
inline constexpr QLatin1StringView SubsetFilter{"CS2104"};           ///< subset Filter is not a go-bexpr expression
inline constexpr QLatin1StringView DefaultSubsetUnknown{"CS2105"};   ///< DefaultSubset names no subset
inline constexpr QLatin1StringView RedirectInvalid{"CS2106"};        ///< Redirect rules
inline constexpr QLatin1StringView FailoverInvalid{"CS2107"};        ///< Failover rules (key, fields, targets, datacenters)
inline constexpr QLatin1StringView TimeoutNegative{"CS2108"};        ///< ConnectTimeout/RequestTimeout < 0
inline constexpr QLatin1StringView LoadBalancerInvalid{"CS2109"};    ///< LoadBalancer policy and hash policies

// service-router (§3.3)
inline constexpr QLatin1StringView RouteMatchInvalid{"CS2110"};       ///< paths, headers, query params, methods
inline constexpr QLatin1StringView RouteDestinationInvalid{"CS2111"}; ///< PrefixRewrite, RetryOn

// service-splitter (§3.4)
inline constexpr QLatin1StringView SplitsEmpty{"CS2112"};       ///< `no splits configured`
inline constexpr QLatin1StringView SplitDuplicate{"CS2113"};    ///< the same destination twice
inline constexpr QLatin1StringView SplitWeightSum{"CS2114"};    ///< weights do not add up to 100

// service-intentions (§3.5)
inline constexpr QLatin1StringView IntentionWildcard{"CS2115"};   ///< wildcard rules of names, namespaces, partitions, peers
inline constexpr QLatin1StringView IntentionSources{"CS2116"};    ///< `At least one source is required`
inline constexpr QLatin1StringView IntentionSource{"CS2117"};     ///< a source's fields (name, action, type, ...)
inline constexpr QLatin1StringView IntentionPermission{"CS2118"}; ///< a permission's action and HTTP match
inline constexpr QLatin1StringView IntentionDuplicate{"CS2119"};  ///< a source defined more than once
inline constexpr QLatin1StringView IntentionJwt{"CS2120"};        ///< `JWT provider name is required`

// service-defaults and proxy-defaults (§3.6)
inline constexpr QLatin1StringView ServiceDefaultsName{"CS2121"};  ///< wildcard service-defaults name
inline constexpr QLatin1StringView ServiceDefaultsField{"CS2122"}; ///< balance, upstream config, destination
inline constexpr QLatin1StringView MutualTlsMode{"CS2123"};        ///< MutualTLSMode not "", strict, permissive
inline constexpr QLatin1StringView ProxyDefaultsName{"CS2124"};    ///< proxy-defaults name is not "global"
inline constexpr QLatin1StringView AccessLogsInvalid{"CS2125"};    ///< AccessLogs type, path and formats
inline constexpr QLatin1StringView FailoverPolicyMode{"CS2126"};   ///< proxy-defaults FailoverPolicy.Mode
inline constexpr QLatin1StringView ProxyConfigInvalid{"CS2127"};   ///< Config limits (envoy_hcp_metrics_bind_socket_dir)

// consul-k8s webhook (§3.7) and the API server's schema "required" fields
inline constexpr QLatin1StringView K8sResolver{"CS2201"};
inline constexpr QLatin1StringView K8sRouter{"CS2202"};
inline constexpr QLatin1StringView K8sSplitter{"CS2203"};
inline constexpr QLatin1StringView K8sIntentions{"CS2204"};
inline constexpr QLatin1StringView K8sServiceDefaults{"CS2205"};
inline constexpr QLatin1StringView K8sProxyDefaults{"CS2206"};
inline constexpr QLatin1StringView K8sRequired{"CS2207"}; ///< API server: `Required value` of a non-omitempty field

// Editions: enterprise-only settings refused by Consul CE (or by consul-k8s without enterprise features)
inline constexpr QLatin1StringView EnterpriseNamespace{"CS2301"};
inline constexpr QLatin1StringView EnterprisePartition{"CS2302"};
inline constexpr QLatin1StringView EnterpriseSamenessGroup{"CS2303"};
inline constexpr QLatin1StringView EnterpriseFailoverPolicy{"CS2304"};
inline constexpr QLatin1StringView EnterprisePrioritizeByLocality{"CS2305"};
inline constexpr QLatin1StringView EnterprisePartitionScope{"CS2306"}; ///< ENT: cross-datacenter only in the default partition

// Duplicates across files
inline constexpr QLatin1StringView DuplicateEntry{"CS2401"};          ///< same kind, name, namespace, partition twice
inline constexpr QLatin1StringView K8sNameAcrossNamespaces{"CS2402"}; ///< CE: CRD names unique across k8s namespaces
inline constexpr QLatin1StringView K8sSecondProxyDefaults{"CS2403"};  ///< a second ProxyDefaults resource

} // namespace chainscope::config::codes
