// From a compiled chain (and optionally a simulation result) to a laid-out Diagram, exactly as the routing
// view builds it: layout::buildScene, layout::buildOverlay, layout::layoutScene.
#pragma once

#include "chain/compiledchain.h"
#include "config/entries.h"
#include "export/diagram.h"
#include "export/report.h"
#include "sim/simulation.h"

#include <optional>

namespace chainscope::exporter {

/** A service a chain can be compiled for, with the namespace/partition its entries live in. */
struct ServiceRef {
    QString name;
    QString namespace_; ///< "" = default
    QString partition;  ///< "" = default
    friend bool operator==(const ServiceRef &, const ServiceRef &) = default;
    friend bool operator<(const ServiceRef &a, const ServiceRef &b)
    {
        return std::tie(a.name, a.namespace_, a.partition) < std::tie(b.name, b.namespace_, b.partition);
    }
};

/** Every service named by a resolver, router, splitter, service-defaults or (non-wildcard) intentions
 *  entry, sorted by name, then namespace and partition, without duplicates. */
[[nodiscard]] QList<ServiceRef> chainServices(const QList<config::Entry> &entries);

/** The services named as (non-wildcard, local) sources in intentions entries, sorted, without duplicates. */
[[nodiscard]] QStringList intentionSources(const QList<config::Entry> &entries);

/** A file name for a service's picture: "web.svg", or "product-api.primary.svg" outside the default
 *  namespace (partition likewise); characters unsafe in file names become '_'. */
[[nodiscard]] QString pictureFileName(const ServiceRef &service, Format format);

/** "v1.web" for a subset target, "web" otherwise; " in dc2" is appended outside the chain's datacenter. */
[[nodiscard]] QString targetLabel(const chain::ChainTarget &target, const QString &chainDatacenter);

/** "dc3", "peer peer-01", "namespace secondary · dc1" (namespace/partition only when not default). */
[[nodiscard]] QString targetLocation(const chain::ChainTarget &target);

/** The failover table of a chain: for every resolver node (in key order) its primary target, then its
 *  failover targets in order. Access columns are left empty (the simulation fills them). */
[[nodiscard]] QList<ReportTarget> failoverTable(const chain::CompiledChain &chain);

/**
 * Fills the access columns of a failover table: for every source service, Consul's intention decision
 * for source → the target's service (runtime.md §6.4: enforced where the target serves, whatever the chain
 * name). Peer targets are decided by the peer cluster's intentions, which the local config does not hold:
 * they are marked unknown. L7 intentions decide per request and are marked so.
 */
void fillAccess(QList<ReportTarget> &table, const chain::CompiledChain &chain, const QList<config::Entry> &entries,
                const QStringList &sources, bool defaultAllow);

/**
 * Lays out one compiled chain. entries feed the scene builder's resolver details; with a simulation
 * result the overlay shows traffic, target states and denials. Layout failures come back as the layout's
 * CS50xx diagnostics.
 */
[[nodiscard]] Result<Diagram> diagramForChain(const chain::CompiledChain &chain, const QList<config::Entry> &entries,
                                              const DiagramInfo &info, const std::optional<sim::SimulationResult> &simulation = {},
                                              layout::ColorScheme scheme = layout::ColorScheme::Light);

} // namespace chainscope::exporter
