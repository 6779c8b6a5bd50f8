// Typed, normalised Consul config entries: the contract between loading and everything downstream.
#pragma once

#include "common/sourcelocation.h"
#include "config/value.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>
#include <variant>

namespace chainscope::config {

using Duration = std::chrono::nanoseconds;

enum class Edition { Enterprise, CE };

enum class EntryKind { ServiceResolver, ServiceRouter, ServiceSplitter, ServiceIntentions, ServiceDefaults, ProxyDefaults };

/** "service-resolver", ... */
[[nodiscard]] QString kindName(EntryKind kind);
/** Parses the exact lower-case hyphenated Consul kind name. */
[[nodiscard]] std::optional<EntryKind> kindFromName(QStringView name);

/** Source format of the file an entry came from. */
enum class SourceFormat { Hcl, Json, KubernetesYaml };

// ---- shared pieces -------------------------------------------------------------------------------

struct HttpHeaderModifiers {
    QMap<QString, QString> add;
    QMap<QString, QString> set;
    QStringList remove;
    [[nodiscard]] bool isEmpty() const { return add.isEmpty() && set.isEmpty() && remove.isEmpty(); }
    friend bool operator==(const HttpHeaderModifiers &, const HttpHeaderModifiers &) = default;
};

struct MeshGatewayConfig {
    QString mode; ///< "", "none", "local", "remote"
    friend bool operator==(const MeshGatewayConfig &, const MeshGatewayConfig &) = default;
};

struct FailoverPolicy {
    QString mode; ///< "", "sequential", "order-by-locality"
    QStringList regions;
    friend bool operator==(const FailoverPolicy &, const FailoverPolicy &) = default;
};

struct PrioritizeByLocality {
    QString mode; ///< "", "none", "failover"
    friend bool operator==(const PrioritizeByLocality &, const PrioritizeByLocality &) = default;
};

// ---- service-resolver ----------------------------------------------------------------------------

struct ResolverSubset {
    QString filter;
    bool onlyPassing = false;
    SourceSpan span;
    friend bool operator==(const ResolverSubset &, const ResolverSubset &) = default;
};

struct ResolverRedirect {
    QString service, serviceSubset, namespace_, partition, datacenter, peer, samenessGroup;
    SourceSpan span;
    friend bool operator==(const ResolverRedirect &, const ResolverRedirect &) = default;
};

struct FailoverTarget {
    QString service, serviceSubset, partition, namespace_, datacenter, peer;
    SourceSpan span;
    friend bool operator==(const FailoverTarget &, const FailoverTarget &) = default;
};

struct ResolverFailover {
    QString service, serviceSubset, namespace_;
    QStringList datacenters;
    QList<FailoverTarget> targets;
    std::optional<FailoverPolicy> policy;
    QString samenessGroup;
    SourceSpan span;
    friend bool operator==(const ResolverFailover &, const ResolverFailover &) = default;
};

struct CookieConfig {
    bool session = false;
    Duration ttl{0};
    QString path;
    friend bool operator==(const CookieConfig &, const CookieConfig &) = default;
};

struct HashPolicy {
    QString field; ///< "header", "cookie", "query_parameter" or ""
    QString fieldValue;
    std::optional<CookieConfig> cookieConfig;
    bool sourceIP = false;
    bool terminal = false;
    friend bool operator==(const HashPolicy &, const HashPolicy &) = default;
};

struct LoadBalancer {
    QString policy; ///< "", random, round_robin, least_request, ring_hash, maglev
    std::optional<quint64> ringMinimumSize, ringMaximumSize; ///< RingHashConfig (present iff set)
    bool hasRingHashConfig = false;
    std::optional<quint32> leastRequestChoiceCount; ///< LeastRequestConfig.ChoiceCount
    bool hasLeastRequestConfig = false;
    QList<HashPolicy> hashPolicies;
    SourceSpan span;
    [[nodiscard]] bool isHashBased() const { return policy == u"ring_hash" || policy == u"maglev"; }
    friend bool operator==(const LoadBalancer &, const LoadBalancer &) = default;
};

struct ServiceResolver {
    QString defaultSubset;
    QMap<QString, ResolverSubset> subsets;
    std::optional<ResolverRedirect> redirect;
    QMap<QString, ResolverFailover> failover; ///< key: subset name or "*"
    Duration connectTimeout{0};
    Duration requestTimeout{0};
    std::optional<LoadBalancer> loadBalancer;
    std::optional<PrioritizeByLocality> prioritizeByLocality;

    /** Consul's IsDefault(): nothing but the name is set. */
    [[nodiscard]] bool isDefault() const
    {
        return defaultSubset.isEmpty() && subsets.isEmpty() && !redirect && failover.isEmpty() && connectTimeout.count() == 0
            && requestTimeout.count() == 0 && !loadBalancer && !prioritizeByLocality;
    }
    friend bool operator==(const ServiceResolver &, const ServiceResolver &) = default;
};

// ---- service-router ------------------------------------------------------------------------------

struct HeaderMatch {
    QString name;
    bool present = false;
    QString exact, prefix, suffix, regex;
    bool invert = false;
    friend bool operator==(const HeaderMatch &, const HeaderMatch &) = default;
};

struct QueryParamMatch {
    QString name;
    bool present = false;
    QString exact, regex;
    friend bool operator==(const QueryParamMatch &, const QueryParamMatch &) = default;
};

struct HttpRouteMatch {
    QString pathExact, pathPrefix, pathRegex;
    bool caseInsensitive = false;
    QList<HeaderMatch> header;
    QList<QueryParamMatch> queryParam;
    QStringList methods; ///< upper-cased by normalisation
    friend bool operator==(const HttpRouteMatch &, const HttpRouteMatch &) = default;
};

struct RouteMatch {
    std::optional<HttpRouteMatch> http;
    friend bool operator==(const RouteMatch &, const RouteMatch &) = default;
};

struct RouteDestination {
    QString service, serviceSubset, namespace_, partition, prefixRewrite;
    Duration requestTimeout{0};
    Duration idleTimeout{0};
    quint32 numRetries = 0;
    bool retryOnConnectFailure = false;
    QStringList retryOn;
    QList<quint32> retryOnStatusCodes;
    HttpHeaderModifiers requestHeaders, responseHeaders;
    friend bool operator==(const RouteDestination &, const RouteDestination &) = default;
};

struct ServiceRoute {
    std::optional<RouteMatch> match;
    std::optional<RouteDestination> destination;
    SourceSpan span;
    friend bool operator==(const ServiceRoute &, const ServiceRoute &) = default;
};

struct ServiceRouter {
    QList<ServiceRoute> routes;
    friend bool operator==(const ServiceRouter &, const ServiceRouter &) = default;
};

// ---- service-splitter ----------------------------------------------------------------------------

struct ServiceSplit {
    float weight = 0.0f; ///< percent, rounded to 0.01 by normalisation
    QString service, serviceSubset, namespace_, partition;
    HttpHeaderModifiers requestHeaders, responseHeaders;
    SourceSpan span;
    friend bool operator==(const ServiceSplit &, const ServiceSplit &) = default;
};

struct ServiceSplitter {
    QList<ServiceSplit> splits;
    friend bool operator==(const ServiceSplitter &, const ServiceSplitter &) = default;
};

// ---- service-intentions --------------------------------------------------------------------------

struct IntentionHeaderPermission {
    QString name;
    bool present = false;
    QString exact, prefix, suffix, contains, regex;
    bool invert = false;
    bool ignoreCase = false;
    friend bool operator==(const IntentionHeaderPermission &, const IntentionHeaderPermission &) = default;
};

struct IntentionHttpPermission {
    QString pathExact, pathPrefix, pathRegex;
    QList<IntentionHeaderPermission> header;
    QStringList methods;
    friend bool operator==(const IntentionHttpPermission &, const IntentionHttpPermission &) = default;
};

struct IntentionPermission {
    QString action; ///< "allow" | "deny"
    std::optional<IntentionHttpPermission> http;
    SourceSpan span;
    friend bool operator==(const IntentionPermission &, const IntentionPermission &) = default;
};

struct SourceIntention {
    QString name, peer, partition, namespace_, samenessGroup;
    QString action; ///< "allow" | "deny" | "" (when Permissions are used)
    QList<IntentionPermission> permissions;
    int precedence = 0; ///< computed
    QString type;       ///< "consul"
    QString description;
    SourceSpan span;
    friend bool operator==(const SourceIntention &, const SourceIntention &) = default;
};

struct ServiceIntentions {
    QList<SourceIntention> sources; ///< stable-sorted by precedence, highest first
    friend bool operator==(const ServiceIntentions &, const ServiceIntentions &) = default;
};

// ---- service-defaults / proxy-defaults -----------------------------------------------------------

struct ServiceDefaults {
    QString protocol; ///< lower-cased; "" = fall back to proxy-defaults, then tcp
    QString mode;
    MeshGatewayConfig meshGateway;
    QString externalSNI;
    QString mutualTLSMode;
    friend bool operator==(const ServiceDefaults &, const ServiceDefaults &) = default;
};

struct ProxyDefaults {
    QString protocol; ///< Config["protocol"] weak-decoded to a string; "" when absent
    Value config;     ///< the opaque Config map, normalised
    QString mode;
    MeshGatewayConfig meshGateway;
    std::optional<FailoverPolicy> failoverPolicy;
    std::optional<PrioritizeByLocality> prioritizeByLocality;
    friend bool operator==(const ProxyDefaults &, const ProxyDefaults &) = default;
};

// ---- the entry -----------------------------------------------------------------------------------

using EntryBody = std::variant<ServiceResolver, ServiceRouter, ServiceSplitter, ServiceIntentions, ServiceDefaults, ProxyDefaults>;

/**
 * One normalised config entry. `tree` is the entry in Consul's canonical API form (CamelCase keys,
 * normalised shapes and scalars) with the span of every value, so any field can be located by path
 * and written back; the typed `body` is what the compiler and simulator read.
 */
struct Entry {
    EntryKind kind = EntryKind::ServiceResolver;
    QString name;
    QString namespace_; ///< "" = default
    QString partition;  ///< "" = default
    QMap<QString, QString> meta;
    EntryBody body;

    Value tree;            ///< canonical API-form tree with spans
    SourceSpan span;       ///< the whole entry (document or array element)
    SourceFormat format = SourceFormat::Hcl;

    template<class T>
    [[nodiscard]] const T *as() const { return std::get_if<T>(&body); }

    /** Span of a canonical field path such as `Failover["*"].Targets[1].Service` or `Routes[0].Match`;
     *  falls back to the nearest enclosing value that exists, then to the entry's span. */
    [[nodiscard]] SourceSpan spanOf(QStringView fieldPath) const;

    /** "service-resolver/web" (plus namespace/partition when not default). */
    [[nodiscard]] QString displayName() const;

    /** Equality of content: spans, formats and the source tree's positions are ignored. */
    [[nodiscard]] bool sameContent(const Entry &other) const;
};

/** Namespace/partition as Consul defaults them ("" → "default"). */
[[nodiscard]] inline QString orDefault(const QString &s)
{
    return s.isEmpty() ? QStringLiteral("default") : s;
}

} // namespace chainscope::config

// An entry is pointers and plain data (Qt containers, optionals of them, a variant of such structs): the
// list of a load grows by memcpy instead of moving each entry.
Q_DECLARE_TYPEINFO(chainscope::config::Entry, Q_RELOCATABLE_TYPE);
