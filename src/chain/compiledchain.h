// The compiled discovery chain (Consul's structs.CompiledDiscoveryChain) plus the provenance Consul drops.
#pragma once

#include "common/sourcelocation.h"
#include "config/entries.h"

#include <QDebug>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace chainscope::chain {

using config::Duration;

/** Consul's default trust domain is "<cluster id>.consul"; ours stands in for a cluster we don't know. */
inline constexpr QStringView kDefaultTrustDomain = u"11111111-2222-3333-4444-555555555555.consul";

// ---- provenance ----------------------------------------------------------------------------------

/**
 * Where a piece of the chain came from: the config entry and, inside it, the canonical field path
 * (`Routes[0]`, `Splits[1]`, `Redirect`, `Failover["*"].Targets[1]`, `Failover["v1"].Datacenters[0]`,
 * `Subsets["v1"]`) with its span. `synthesized` marks what the compiler made up with no entry behind it
 * (a default resolver, the router's catch-all route); such provenance has no entry and no spans.
 */
struct Provenance {
    config::EntryKind kind = config::EntryKind::ServiceResolver;
    QString entryName;
    QString namespace_; ///< "" = default
    QString partition;  ///< "" = default
    SourceSpan entrySpan;
    QString field;      ///< canonical path inside the entry; "" = the entry as a whole
    SourceSpan fieldSpan;
    bool synthesized = false;

    /** True when an entry stands behind this (not synthesized). */
    [[nodiscard]] bool hasEntry() const { return !synthesized && !entryName.isEmpty(); }
    /** "service-resolver/web Failover[\"*\"].Targets[1]", "(implicit)" for synthesized pieces. */
    [[nodiscard]] QString toString() const;
    friend bool operator==(const Provenance &, const Provenance &) = default;
};

/**
 * One step on the way from a chain node to a target. A target's path starts with a Primary hop (the
 * resolver node's own target, or for failover the primary target of the failing node), may go through
 * Redirect and DefaultSubset hops, and for failover targets contains one Failover hop saying which
 * entry/field listed it and in which position.
 */
struct Hop {
    enum class Kind {
        Primary,       ///< the target a resolver node was asked for (before redirects)
        Redirect,      ///< a service-resolver Redirect moved it
        DefaultSubset, ///< a resolver's DefaultSubset filled in the subset
        Failover,      ///< listed as a failover target of `from`
    };
    Kind kind = Kind::Primary;
    QString from;       ///< target ID before this hop ("" for Primary)
    QString to;         ///< target ID after this hop
    Provenance via;     ///< the entry/field responsible (Redirect, DefaultSubset, Failover["k"].Targets[i], ...)
    int failoverIndex = -1; ///< Failover hops: 0-based order in the node's failover list (0 = 1st failover)

    friend bool operator==(const Hop &, const Hop &) = default;
};

[[nodiscard]] QString hopKindName(Hop::Kind kind);

// ---- nodes ---------------------------------------------------------------------------------------

enum class NodeType { Router, Splitter, Resolver };

/** "router", "splitter", "resolver" (Consul's DiscoveryGraphNodeType values). */
[[nodiscard]] QString nodeTypeName(NodeType type);
/** The node map key: "<type>:<name>". */
[[nodiscard]] QString nodeKey(NodeType type, const QString &name);

/** One route of a router node. The router always ends with an implicit catch-all route. */
struct ChainRoute {
    config::ServiceRoute definition; ///< as written (the catch-all: PathPrefix "/" to the router's service)
    QString nextNode;                ///< node key
    Provenance source;               ///< `Routes[i]` of the router entry; synthesized for the catch-all
    bool implicit = false;           ///< the catch-all route the compiler appends
    friend bool operator==(const ChainRoute &, const ChainRoute &) = default;
};

/** One leg of a splitter node (after nested splitters were flattened). */
struct ChainSplit {
    double weight = 0.0;              ///< percent, rounded to 0.01
    QString nextNode;                 ///< node key
    config::ServiceSplit definition;  ///< the split behind this leg (header modifiers of flattened parents merged in)
    Provenance source;                ///< `Splits[i]` of the splitter that defined this leg
    QList<Provenance> flattenedFrom;  ///< legs of outer splitters this leg was flattened through, outermost first
    friend bool operator==(const ChainSplit &, const ChainSplit &) = default;
};

/** Consul's DiscoveryFailover. */
struct ChainFailover {
    QStringList targets;                         ///< target IDs, in failover order
    std::optional<config::FailoverPolicy> policy;
    QList<Provenance> sources;                   ///< parallel to targets: `Failover["k"].Targets[i]`, `.Datacenters[i]`, ...
    friend bool operator==(const ChainFailover &, const ChainFailover &) = default;
};

/** Consul's DiscoveryResolver. */
struct ChainResolver {
    bool isDefault = false;       ///< the resolver entry's IsDefault() (made-up resolvers: true)
    Duration connectTimeout{0};
    Duration requestTimeout{0};   ///< 0 = unset
    QString target;               ///< target ID
    std::optional<ChainFailover> failover;
    friend bool operator==(const ChainResolver &, const ChainResolver &) = default;
};

/** Consul's DiscoveryGraphNode. */
struct ChainNode {
    NodeType type = NodeType::Resolver;
    QString name; ///< router/splitter: "service.namespace.partition"; resolver: its target ID
    QList<ChainRoute> routes;  ///< routers only
    QList<ChainSplit> splits;  ///< splitters only
    std::optional<config::LoadBalancer> loadBalancer; ///< resolvers and splitters
    std::optional<ChainResolver> resolver;            ///< resolvers only
    Provenance source; ///< the router/splitter/resolver entry (synthesized for a made-up resolver)

    [[nodiscard]] QString key() const { return nodeKey(type, name); }
    friend bool operator==(const ChainNode &, const ChainNode &) = default;
};

// ---- targets -------------------------------------------------------------------------------------

struct Locality {
    QString region, zone;
    [[nodiscard]] bool isEmpty() const { return region.isEmpty() && zone.isEmpty(); }
    friend bool operator==(const Locality &, const Locality &) = default;
};

/** Subset definition copied onto a target (Consul's ServiceResolverSubset). */
struct TargetSubset {
    QString filter;
    bool onlyPassing = false;
    [[nodiscard]] bool isEmpty() const { return filter.isEmpty() && !onlyPassing; }
    friend bool operator==(const TargetSubset &, const TargetSubset &) = default;
};

/** Consul's DiscoveryTarget. */
struct ChainTarget {
    QString id;            ///< `[subset.]service.namespace.partition.dc`, or `service.namespace.partition.external.peer`
    QString service;
    QString serviceSubset;
    QString namespace_;
    QString partition;
    QString datacenter;    ///< "" for peer targets
    QString peer;
    config::MeshGatewayConfig meshGateway;
    TargetSubset subset;
    bool external = false; ///< ExternalSNI replaced the SNI
    QString sni;           ///< "" for peer targets
    QString name;          ///< the computed SNI even when ExternalSNI replaced `sni`; "" for peer targets
    Duration connectTimeout{0};
    std::optional<Locality> locality;                          ///< peer targets: the peer's remote locality
    std::optional<config::PrioritizeByLocality> prioritizeByLocality;

    /** The resolver entry whose settings shaped this target (synthesized when none exists). */
    Provenance source;
    /** Every way the chain reaches this target: one hop list per way (a target can be both a node's
     *  primary and another node's failover). Deterministic order: by node then failover position. */
    QList<QList<Hop>> paths;

    friend bool operator==(const ChainTarget &, const ChainTarget &) = default;
};

// ---- request and chain ---------------------------------------------------------------------------

/** A peering the compiler knows about (only the remote locality is read, as Consul does). */
struct PeerInfo {
    QString name;
    Locality remoteLocality;
    friend bool operator==(const PeerInfo &, const PeerInfo &) = default;
};

/** Consul's CompileRequest. */
struct CompileRequest {
    QString serviceName;
    QString evaluateInNamespace = QStringLiteral("default");
    QString evaluateInPartition = QStringLiteral("default");
    QString evaluateInDatacenter = QStringLiteral("dc1");
    QString evaluateInTrustDomain = kDefaultTrustDomain.toString();
    QString overrideProtocol;            ///< "" = none
    Duration overrideConnectTimeout{0};  ///< 0 = none
    config::MeshGatewayConfig overrideMeshGateway;
    config::Edition edition = config::Edition::Enterprise;
    QList<PeerInfo> peers;

    /** The request for `service` with every other field at its default (dc1, default ns/partition,
     *  kDefaultTrustDomain, no overrides, Enterprise). */
    [[nodiscard]] static CompileRequest forService(const QString &service)
    {
        CompileRequest r;
        r.serviceName = service;
        return r;
    }
    friend bool operator==(const CompileRequest &, const CompileRequest &) = default;
};

/** Consul's CompiledDiscoveryChain, as GET /v1/discovery-chain returns it, plus provenance. */
struct CompiledChain {
    QString serviceName;
    QString namespace_;
    QString partition;
    QString datacenter;
    QString customizationHash; ///< 8 hex digits when an override changed the chain, else ""
    bool isDefault = false;
    QString protocol;
    QMap<QString, QString> serviceMeta;
    QString startNode;                 ///< node key
    QMap<QString, ChainNode> nodes;    ///< keyed by "type:name"
    QMap<QString, ChainTarget> targets; ///< keyed by target ID

    [[nodiscard]] const ChainNode *node(const QString &key) const
    {
        auto it = nodes.constFind(key);
        return it == nodes.cend() ? nullptr : &*it;
    }
    [[nodiscard]] const ChainTarget *target(const QString &id) const
    {
        auto it = targets.constFind(id);
        return it == targets.cend() ? nullptr : &*it;
    }
    friend bool operator==(const CompiledChain &, const CompiledChain &) = default;
};

QDebug operator<<(QDebug dbg, const Provenance &p);
QDebug operator<<(QDebug dbg, const Hop &h);
QDebug operator<<(QDebug dbg, const ChainNode &n);
QDebug operator<<(QDebug dbg, const ChainTarget &t);

} // namespace chainscope::chain
