// What-if simulation: where does each request go, down to the instance, and is it allowed?
#pragma once

#include "chain/compiledchain.h"
#include "common/diagnostic.h"
#include "config/entries.h"
#include "sim/catalog.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>

#include <memory>

namespace chainscope::sim {

/** Which Consul generation's failover translation to model (runtime.md §3.2 vs §3.3). */
enum class ConsulEra { Current, Legacy };

/** A request to route (runtime.md §4). Header names are matched case-insensitively. */
struct Request {
    QString method = QStringLiteral("GET");
    QString path = QStringLiteral("/");
    QList<QPair<QString, QString>> headers;
    QList<QPair<QString, QString>> query;
};

/** Simulated health, on top of what the catalog's checks say. */
struct HealthOverrides {
    QSet<QString> downInstances;   ///< Service.ID
    QSet<QString> downDatacenters; ///< datacenter names
    QSet<QString> downPeers;       ///< peer names
    QSet<QString> downSubsets;     ///< target IDs whose instances are all forced critical
    QHash<QString, QString> checkStatus; ///< CheckID → "passing" | "warning" | "critical" | "maintenance"
    friend bool operator==(const HealthOverrides &, const HealthOverrides &) = default;
};

/** Everything that varies between two runs over the same chain and catalog. */
struct Scenario {
    Request request;
    HealthOverrides health;
    QString sourceService;                               ///< "" = no intentions check
    QString defaultIntention = QStringLiteral("allow");  ///< "allow" | "deny"
    ConsulEra era = ConsulEra::Current;
    /** The source calls through transparent proxy (runtime.md §6.4): the chain itself must be an
     *  intention upstream of the source, else its connections are not routed at all. false = explicit
     *  upstreams (127.0.0.1:<bind port>), which are not subject to that rule. */
    bool transparentProxy = true;
    /** Decides the virtual DNS forms reported in SimulationResult::addresses (runtime.md §7.2). */
    config::Edition edition = config::Edition::Enterprise;
};

enum class TargetState { Active, Standby, Dead };

struct RouteShare {
    int index = -1; ///< route index in the router node (the implicit catch-all included)
    double share = 0.0;
};

struct SplitShare {
    QString node; ///< splitter node key
    int index = -1;
    double share = 0.0;
};

struct TargetOutcome {
    QString id;
    int level = 0;       ///< 0 = primary, 1.. = failover order
    double share = 0.0;  ///< fraction of all requests
    TargetState state = TargetState::Standby;
    bool allowed = true;
    QString decidingIntention; ///< e.g. "service-intentions/api: frontend → allow (precedence 9)" or "default deny"
    SourceSpan decidingSpan;
    int healthyInstances = 0;
    int totalInstances = 0;
    double delivered = 0.0; ///< of `share`, the part that reached a healthy instance and was allowed
    bool viaMeshGateway = false; ///< endpoints are mesh gateways (or a peer's gateways), not the instances
    QString explanation; ///< operator wording: why this level is (not) taking traffic
};

struct InstanceOutcome {
    QString target; ///< target ID
    QString id;     ///< Service.ID
    QString node;   ///< Node.Node
    bool healthy = false;
    double share = 0.0;  ///< delivered: routed here, served, and allowed by intentions
    double routed = 0.0; ///< sent here by routing and load balancing, before intentions
    int weight = 1;      ///< load-balancing weight Envoy gets (runtime.md §2.2)
    bool gateway = false; ///< a mesh gateway standing in for the target's instances
};

/** The result of one run. failed + Σ instances[].share == 1. */
struct SimulationResult {
    double failed = 0.0;
    QList<RouteShare> routes;
    QList<SplitShare> splits;
    QList<TargetOutcome> targets;
    QList<InstanceOutcome> instances;
    Diagnostics problems;      ///< simulation problems (code CS42xx), e.g. a failover target the source may not reach
    QString summary;           ///< a few sentences an operator understands
    QStringList addresses;     ///< names the application should call (virtual DNS / KubeDNS, runtime.md §7)
};

/**
 * Simulates one compiled chain over a catalog. Construction resolves every target's instances and
 * evaluates subset filters once; run() only applies health, failover, routing, LB and intentions, so a
 * health toggle never re-evaluates filters (goal: ≤ 1 ms per run for 20 targets × 500 instances).
 */
class Simulator
{
public:
    Simulator(chain::CompiledChain chain, Catalog catalog, QList<config::Entry> intentions);
    ~Simulator();
    Simulator(Simulator &&) noexcept;
    Simulator &operator=(Simulator &&) noexcept;

    [[nodiscard]] SimulationResult run(const Scenario &scenario) const;
    [[nodiscard]] const chain::CompiledChain &chain() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace chainscope::sim
