// Random, reproducible sets of discovery-chain config entries within what Consul 1.8.7 supports.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace chainscope::difftest {

/** A POST /v1/discovery-chain/<service> request with overrides. */
struct ChainOverride {
    QString service;
    QJsonObject body; ///< OverrideProtocol / OverrideConnectTimeout / OverrideMeshGateway
};

/** One generated set: entries in the order they are written to the agent (proxy-defaults,
 *  service-defaults, resolvers, splitters, routers; random order inside a kind). */
struct EntrySet {
    quint64 seed = 0;
    QList<QJsonObject> entries;   ///< Consul API JSON (`Kind`, `Name`, CamelCase fields)
    QStringList services;         ///< every service named by the set (entry names and references), sorted
    QList<ChainOverride> overrides;
};

/**
 * Draws entry sets from a seed. Deliberately mixes valid and invalid configurations: protocols are
 * mostly http (so routers and splitters are allowed) but sometimes tcp; subsets with simple filters,
 * DefaultSubset (sometimes naming a missing subset), redirects (circular ones included), failover by
 * Service/ServiceSubset/Datacenters, splits summing to 100 (rarely not), routes with path, header,
 * query and method matches. Nothing 1.8.7 lacks: no partitions, peers, failover Targets, LoadBalancer,
 * RequestTimeout on resolvers or intentions.
 */
[[nodiscard]] EntrySet generateEntrySet(quint64 seed);

} // namespace chainscope::difftest
