#include "config/schema.h"

#include <QHash>
#include <QVarLengthArray>

#include <charconv>
#include <cmath>
#include <iterator>

using namespace Qt::StringLiterals;

namespace chainscope::config::schema {
namespace {

// ---- scalar and container types ------------------------------------------------------------------

constexpr Type tString{Kind::String};
constexpr Type tBool{Kind::Bool};
constexpr Type tInt{Kind::Int};
constexpr Type tUint32{Kind::Uint32};
constexpr Type tUint64{Kind::Uint64};
constexpr Type tFloat32{Kind::Float32};
constexpr Type tDurationText{Kind::Duration, nullptr, nullptr, DurationForm::GoString};
constexpr Type tDurationNanos{Kind::Duration, nullptr, nullptr, DurationForm::Nanoseconds};
constexpr Type tAny{Kind::Any};
constexpr Type tStringList{Kind::List, &tString};
constexpr Type tUint32List{Kind::List, &tUint32};
constexpr Type tStringMap{Kind::Map, &tString};
constexpr Type tAnyMap{Kind::Map, &tAny};

#define CS_STRUCT(var, goName, ...)                                                                                    \
    constexpr Field var##Fields[] = {__VA_ARGS__};                                                                     \
    constexpr Struct var{goName##_L1, var##Fields, qsizetype(std::size(var##Fields))};                                 \
    constexpr Type t##var{Kind::Object, nullptr, &var};                                                                \
    constexpr Type t##var##List{Kind::List, &t##var};                                                                  \
    constexpr Type t##var##Map{Kind::Map, &t##var};

// Fields every entry starts and ends with (config.md §1.0).
#define CS_ENTRY_HEAD                                                                                                  \
    Field{"Kind"_L1, {}, &tString, NotInCrd}, Field{"Name"_L1, {}, &tString, NotInCrd},                                \
        Field{"Namespace"_L1, {}, &tString, Enterprise | NotInCrd}, Field{"Partition"_L1, {}, &tString, Enterprise | NotInCrd}
#define CS_ENTRY_TAIL                                                                                                  \
    Field{"Meta"_L1, {}, &tStringMap, NotInCrd}, Field{"CreateIndex"_L1, {}, &tUint64, NotInCrd | ReadOnly},          \
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

/** Length of the leading upper-case run that the CRD name lower-cases (see Field::crdName). */
qsizetype crdLowerPrefix(QLatin1StringView name)
{
    qsizetype upper = 0;
    while (upper < name.size() && QChar(name[upper]).isUpper())
        ++upper;
    if (upper == name.size())
        return upper;                   // HTTP → http, TTL → ttl
    return upper > 1 ? upper - 1 : upper; // JSONFormat → jsonFormat, ConnectTimeout → connectTimeout
}

constexpr Duration::rep kSecond = 1'000'000'000;

} // namespace

QString Field::crdName() const
{
    QString out = name;
    const qsizetype n = crdLowerPrefix(name);
    for (qsizetype i = 0; i < n; ++i)
        out[i] = out[i].toLower();
    return out;
}

bool Field::matchesCrd(QStringView key) const
{
    if (key.size() != name.size())
        return false;
    const qsizetype n = crdLowerPrefix(name);
    for (qsizetype i = 0; i < key.size(); ++i) {
        const QChar expected = i < n ? QChar(name[i]).toLower() : QChar(name[i]);
        if (key[i] != expected)
            return false;
    }
    return true;
}

const Field *Struct::field(QStringView canonicalName) const
{
    for (const Field &f : *this) {
        if (sameName(canonicalName, f.name))
            return &f;
    }
    return nullptr;
}

const Field *Struct::field(QLatin1StringView canonicalName) const
{
    for (const Field &f : *this) {
        if (canonicalName == f.name)
            return &f;
    }
    return nullptr;
}

const Field *Struct::crdField(QStringView key) const
{
    for (const Field &f : *this) {
        if (!f.has(NotInCrd) && f.matchesCrd(key))
            return &f;
    }
    return nullptr;
}

const Struct &entryStruct(EntryKind kind)
{
    switch (kind) {
    case EntryKind::ServiceResolver:
        return Resolver;
    case EntryKind::ServiceRouter:
        return Router;
    case EntryKind::ServiceSplitter:
        return Splitter;
    case EntryKind::ServiceIntentions:
        return Intentions;
    case EntryKind::ServiceDefaults:
        return ServiceDefaults;
    case EntryKind::ProxyDefaults:
        return ProxyDefaults;
    }
    Q_UNREACHABLE();
}

QLatin1StringView crdKind(EntryKind kind)
{
    switch (kind) {
    case EntryKind::ServiceResolver:
        return "ServiceResolver"_L1;
    case EntryKind::ServiceRouter:
        return "ServiceRouter"_L1;
    case EntryKind::ServiceSplitter:
        return "ServiceSplitter"_L1;
    case EntryKind::ServiceIntentions:
        return "ServiceIntentions"_L1;
    case EntryKind::ServiceDefaults:
        return "ServiceDefaults"_L1;
    case EntryKind::ProxyDefaults:
        return "ProxyDefaults"_L1;
    }
    Q_UNREACHABLE();
}

std::optional<EntryKind> kindFromCrdKind(QStringView name)
{
    for (EntryKind k : {EntryKind::ServiceResolver, EntryKind::ServiceRouter, EntryKind::ServiceSplitter,
                        EntryKind::ServiceIntentions, EntryKind::ServiceDefaults, EntryKind::ProxyDefaults}) {
        if (name == crdKind(k))
            return k;
    }
    return std::nullopt;
}

// ---- Go value texts ------------------------------------------------------------------------------

QString goQuote(QStringView s)
{
    QString out;
    out.reserve(s.size() + 2);
    out += u'"';
    for (QChar c : s) {
        switch (c.unicode()) {
        case '"':
            out += u"\\\"";
            break;
        case '\\':
            out += u"\\\\";
            break;
        case '\n':
            out += u"\\n";
            break;
        case '\t':
            out += u"\\t";
            break;
        case '\r':
            out += u"\\r";
            break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += u'"';
    return out;
}

// Go: time.ParseDuration (src/time/format.go). Works on UTF-8 bytes as Go does, so "µs" is two bytes.
ParsedDuration parseGoDuration(QStringView text)
{
    // ASCII text (every duration Consul writes) is narrowed on the stack; anything else goes through UTF-8.
    QVarLengthArray<char, 32> ascii;
    QByteArray wide;
    for (QChar c : text) {
        if (c.unicode() >= 0x80) {
            wide = text.toUtf8();
            break;
        }
        ascii.append(char(c.unicode()));
    }
    const QByteArrayView utf8 = wide.isNull() ? QByteArrayView(ascii.data(), ascii.size()) : QByteArrayView(wide);
    const auto invalid = [&] { return ParsedDuration{Duration{0}, u"time: invalid duration "_s + goQuote(text)}; };
    qsizetype i = 0;
    const qsizetype n = utf8.size();
    bool negative = false;
    if (i < n && (utf8[i] == '-' || utf8[i] == '+')) {
        negative = utf8[i] == '-';
        ++i;
    }
    if (n - i == 1 && utf8[i] == '0')
        return {};
    if (i == n)
        return invalid();
    constexpr quint64 kMax = quint64(1) << 63;
    quint64 total = 0;
    while (i < n) {
        const char c0 = utf8[i];
        if (!(c0 == '.' || (c0 >= '0' && c0 <= '9')))
            return invalid();
        quint64 v = 0;
        const qsizetype intStart = i;
        while (i < n && utf8[i] >= '0' && utf8[i] <= '9') {
            if (v > (kMax - 1) / 10)
                return invalid();
            v = v * 10 + quint64(utf8[i] - '0');
            if (v > kMax - 1)
                return invalid();
            ++i;
        }
        const bool pre = i != intStart;
        bool post = false;
        quint64 frac = 0;
        double scale = 1.0;
        if (i < n && utf8[i] == '.') {
            ++i;
            const qsizetype fracStart = i;
            bool overflow = false;
            while (i < n && utf8[i] >= '0' && utf8[i] <= '9') {
                if (!overflow) {
                    if (frac > (kMax - 1) / 10) {
                        overflow = true; // Go drops further digits once the fraction overflows
                    } else {
                        const quint64 next = frac * 10 + quint64(utf8[i] - '0');
                        if (next > kMax - 1) {
                            overflow = true;
                        } else {
                            frac = next;
                            scale *= 10;
                        }
                    }
                }
                ++i;
            }
            post = i != fracStart;
        }
        if (!pre && !post)
            return invalid();
        const qsizetype unitStart = i;
        while (i < n && utf8[i] != '.' && !(utf8[i] >= '0' && utf8[i] <= '9'))
            ++i;
        if (i == unitStart)
            return {Duration{0}, u"time: missing unit in duration "_s + goQuote(text)};
        const QByteArrayView unitText = utf8.sliced(unitStart, i - unitStart);
        quint64 unit = 0;
        if (unitText == "ns")
            unit = 1;
        else if (unitText == "us" || unitText == "\xC2\xB5s" || unitText == "\xCE\xBCs")
            unit = 1'000;
        else if (unitText == "ms")
            unit = 1'000'000;
        else if (unitText == "s")
            unit = kSecond;
        else if (unitText == "m")
            unit = 60 * kSecond;
        else if (unitText == "h")
            unit = 3600 * kSecond;
        if (unit == 0) {
            return {Duration{0}, u"time: unknown unit "_s + goQuote(QString::fromUtf8(unitText)) + u" in duration "_s
                                     + goQuote(text)};
        }
        if (v > kMax / unit)
            return invalid();
        v *= unit;
        if (frac > 0) {
            v += quint64(double(frac) * (double(unit) / scale));
            if (v > kMax)
                return invalid();
        }
        total += v;
        if (total > kMax)
            return invalid();
    }
    if (negative)
        return {Duration{-qint64(total)}, {}};
    if (total > kMax - 1)
        return invalid();
    return {Duration{qint64(total)}, {}};
}

// Go: time.Duration.String() (src/time/time.go), including its µ (U+00B5) for microseconds.
QString goDurationString(Duration d)
{
    const qint64 ns = d.count();
    if (ns == 0)
        return u"0s"_s;
    quint64 u = ns < 0 ? quint64(0) - quint64(ns) : quint64(ns);
    QString out; // built backwards
    const auto fmtFrac = [&](int precision) {
        bool print = false;
        for (int i = 0; i < precision; ++i) {
            const int digit = int(u % 10);
            print = print || digit != 0;
            if (print)
                out.prepend(QChar(u'0' + digit));
            u /= 10;
        }
        if (print)
            out.prepend(u'.');
    };
    const auto fmtInt = [&](quint64 v) { out.prepend(QString::number(v)); };
    if (u < quint64(kSecond)) {
        int precision = 0;
        if (u < 1'000) {
            out = u"ns"_s;
        } else if (u < 1'000'000) {
            precision = 3;
            out = u"\u00B5s"_s;
        } else {
            precision = 6;
            out = u"ms"_s;
        }
        fmtFrac(precision);
        fmtInt(u);
    } else {
        out = u"s"_s;
        fmtFrac(9);
        fmtInt(u % 60);
        u /= 60;
        if (u > 0) {
            out.prepend(u'm');
            fmtInt(u % 60);
            u /= 60;
            if (u > 0) {
                out.prepend(u'h');
                fmtInt(u);
            }
        }
    }
    if (ns < 0)
        out.prepend(u'-');
    return out;
}

QString float32Text(float f)
{
    if (std::isnan(f))
        return u"NaN"_s;
    if (std::isinf(f))
        return f > 0 ? u"+Inf"_s : u"-Inf"_s;
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, f);
    return QString::fromLatin1(buf, r.ptr - buf);
}

} // namespace chainscope::config::schema

namespace chainscope::config::schema {
namespace {

struct KeyCache {
    QHash<const Field *, QString> canonical;
    QHash<const Field *, QString> crd;
    QHash<const Struct *, QList<QString>> structs; ///< canonical names in field order

    void add(const Struct &s)
    {
        if (structs.contains(&s))
            return;
        QList<QString> &names = structs[&s];
        names.reserve(s.count);
        for (const Field &f : s)
            names.append(QString(f.name));
        for (const Field &f : s) {
            if (canonical.contains(&f))
                continue;
            canonical.insert(&f, QString(f.name));
            crd.insert(&f, f.crdName());
            const Type *t = f.type;
            while (t->element)
                t = t->element;
            if (t->object)
                add(*t->object);
        }
    }
};

const KeyCache &keyCache()
{
    static const KeyCache cache = [] {
        KeyCache c;
        for (EntryKind k : {EntryKind::ServiceResolver, EntryKind::ServiceRouter, EntryKind::ServiceSplitter,
                            EntryKind::ServiceIntentions, EntryKind::ServiceDefaults, EntryKind::ProxyDefaults})
            c.add(entryStruct(k));
        return c;
    }();
    return cache;
}

} // namespace

const QString &fieldKey(const Field &field)
{
    const auto &c = keyCache().canonical;
    const auto it = c.constFind(&field);
    Q_ASSERT(it != c.cend());
    return *it;
}

const QString *fieldKeys(const Struct &s)
{
    const auto &c = keyCache().structs;
    const auto it = c.constFind(&s);
    Q_ASSERT(it != c.cend());
    return it->constData();
}

const QString &crdKey(const Field &field)
{
    const auto &c = keyCache().crd;
    const auto it = c.constFind(&field);
    Q_ASSERT(it != c.cend());
    return *it;
}

QList<PathSegment> parseFieldPath(QStringView path)
{
    QList<PathSegment> out;
    qsizetype i = 0;
    const qsizetype n = path.size();
    while (i < n) {
        if (path[i] == u'.') {
            ++i;
            continue;
        }
        if (path[i] == u'[') {
            ++i;
            if (i < n && path[i] == u'"') {
                // A Go-quoted key: read up to the closing quote, undoing \" and \\ escapes.
                ++i;
                QString key;
                while (i < n && path[i] != u'"') {
                    if (path[i] == u'\\' && i + 1 < n)
                        ++i;
                    key += path[i++];
                }
                i = std::min(n, i + 1);
                if (i < n && path[i] == u']')
                    ++i;
                out.append({key, -1, true});
                continue;
            }
            const qsizetype close = path.indexOf(u']', i);
            const QStringView inner = path.mid(i, (close < 0 ? n : close) - i);
            bool ok = false;
            const qsizetype index = inner.toLongLong(&ok);
            if (ok && index >= 0)
                out.append({QString(), index, false});
            else
                out.append({inner.toString(), -1, true});
            i = close < 0 ? n : close + 1;
            continue;
        }
        qsizetype end = i;
        while (end < n && path[end] != u'.' && path[end] != u'[')
            ++end;
        out.append({path.mid(i, end - i).toString(), -1, false});
        i = end;
    }
    return out;
}

} // namespace chainscope::config::schema
