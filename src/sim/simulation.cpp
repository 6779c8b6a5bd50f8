// The simulator: targets → instances (once), then per run health → priority loads → routes/splits → LB
// shares → intentions (runtime.md §0 and §9).
#include "sim/simulation.h"

#include "sim/addressing.h"
#include "sim/filter.h"
#include "sim/health.h"
#include "sim/intentions.h"
#include "sim/loadbalance.h"
#include "sim/priorityload.h"
#include "sim/routing.h"
#include "sim/simcodes.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

namespace chainscope::sim {

namespace {

/** One catalog registration used by some target (as a real instance or as a mesh gateway). */
struct InstRec {
    QString id;
    QString node;
    QString location;
    QStringList ids; ///< Service.ID and, for a sidecar, its application's Service.ID (both answer --down)
    QList<QPair<QString, CheckStatus>> checks; ///< own + node checks, plus the application's (the alias check)
    CheckSummary base;
    qint64 weightsPassing = 1;
    qint64 weightsWarning = 1;
    bool gateway = false;
};

enum class TargetKind { Direct, MeshGateway, Peer };

struct TargetRec {
    QString id;
    const chain::ChainTarget *target = nullptr;
    TargetKind kind = TargetKind::Direct;
    QString location;
    QList<int> real;      ///< the target's instances (after the subset filter)
    QList<int> endpoints; ///< what Envoy balances over: the instances, or gateways standing in for them
    bool blockHealth = false; ///< gateways: all healthy iff one real instance is (runtime.md §2.4)
    bool onlyPassing = false;
    QString service;      ///< the service that owns the endpoints (intentions are checked against it)
    QString emptyReason;  ///< why there is no endpoint, in operator words
    QString gatewayNote;  ///< how gateways stand in, in operator words
    int level = -1;       ///< lowest failover level at which any resolver node uses it
    bool failover = false; ///< listed as a failover target of some node
    bool redirect = false; ///< reached through a Redirect hop
    const chain::Provenance *failoverSource = nullptr;
};

struct ResolverRec {
    QString key;
    QList<int> levels; ///< indexes into targets: primary, then failover order
    std::optional<config::LoadBalancer> lb;
};

QString percent(double share)
{
    const double p = share * 100.0;
    if (std::abs(p - std::round(p)) < 0.05)
        return QString::number(qRound64(p)) + QStringLiteral(" %");
    return QString::number(p, 'f', 1) + QStringLiteral(" %");
}

QString locationWords(const TargetRec &t)
{
    if (t.location.startsWith(QLatin1String("peer:")))
        return QStringLiteral("peer ") + t.location.mid(5);
    return t.location;
}

} // namespace

struct Simulator::Private {
    chain::CompiledChain chain;
    Catalog catalog;
    QList<config::Entry> intentions;

    QList<InstRec> insts;
    QHash<QString, int> instIndex; ///< location|node|id → index
    QList<TargetRec> targets;
    QHash<QString, int> targetIndex;
    QList<ResolverRec> resolvers;
    QHash<QString, int> resolverIndex;
    Diagnostics staticProblems;

    QHash<QString, QList<int>> byId;
    QHash<QString, QList<QPair<int, int>>> byCheck; ///< CheckID → (instance, check slot)
    QHash<QString, QList<int>> byLocation;

    int addInstance(const Instance &in, bool gateway);
    QList<int> gatewaysIn(const QString &location);
    void resolveTarget(TargetRec &t);
    void noGateways(TargetRec &t, const QString &where);
    void build();
};

int Simulator::Private::addInstance(const Instance &in, bool gateway)
{
    const QString key = in.location + QLatin1Char('|') + in.node.node + QLatin1Char('|') + in.service.id;
    const auto found = instIndex.constFind(key);
    if (found != instIndex.cend())
        return *found;
    InstRec r;
    r.id = in.service.id;
    r.node = in.node.node;
    r.location = in.location;
    r.ids.append(in.service.id);
    r.weightsPassing = in.service.weightsPassing;
    r.weightsWarning = in.service.weightsWarning;
    r.gateway = gateway;
    for (const CatalogCheck &c : in.checks)
        r.checks.append({c.checkId, parseCheckStatus(c.status).value_or(CheckStatus::Critical)});
    if (in.isSidecar()) {
        // The sidecar's alias check mirrors its application (agent/checks/alias.go): bring the
        // application's own checks in so an override of them reaches the proxy (runtime.md §2.1).
        const QList<Instance> registrations = catalog.instances(in.location, in.serviceName);
        for (const Instance &app : registrations) {
            if (app.isSidecar())
                continue;
            const bool parent = in.service.proxy.destinationServiceId.isEmpty()
                ? app.node.node == in.node.node
                : app.service.id == in.service.proxy.destinationServiceId;
            if (!parent)
                continue;
            r.ids.append(app.service.id);
            for (const CatalogCheck &c : app.checks) {
                const bool known = std::any_of(r.checks.cbegin(), r.checks.cend(), [&](const auto &k) { return k.first == c.checkId; });
                if (!known)
                    r.checks.append({c.checkId, parseCheckStatus(c.status).value_or(CheckStatus::Critical)});
            }
            break;
        }
    }
    for (const auto &c : std::as_const(r.checks))
        r.base.add(c.second);
    const int index = int(insts.size());
    for (const QString &id : std::as_const(r.ids))
        byId[id].append(index);
    for (int slot = 0; slot < r.checks.size(); ++slot)
        byCheck[r.checks.at(slot).first].append({index, slot});
    byLocation[r.location].append(index);
    insts.append(std::move(r));
    instIndex.insert(key, index);
    return index;
}

QList<int> Simulator::Private::gatewaysIn(const QString &location)
{
    QList<int> out;
    const QStringList services = catalog.services(location);
    for (const QString &service : services) {
        const QList<Instance> list = catalog.instances(location, service);
        for (const Instance &in : list) {
            if (in.service.kind == u"mesh-gateway")
                out.append(addInstance(in, true));
        }
    }
    return out;
}

void Simulator::Private::noGateways(TargetRec &t, const QString &where)
{
    // A catalog snapshot often holds only the services someone queried: without gateway registrations
    // we let the instances stand for them (same health, one hop) and say so, rather than invent an outage.
    t.endpoints = t.real;
    t.blockHealth = false;
    t.gatewayNote = QStringLiteral("through mesh gateways of %1 that the catalog does not list (modelled as reaching the instances directly)").arg(where);
    Diagnostic d;
    d.severity = Severity::Note;
    d.code = QString(codes::NoMeshGateway);
    d.message = QStringLiteral("target %1 is reached through mesh gateways in %2, but the catalog lists no mesh-gateway instance there; "
                               "its instances are used directly")
                    .arg(t.id, where);
    d.where = t.target->source.entrySpan;
    staticProblems.append(d);
}

void Simulator::Private::resolveTarget(TargetRec &t)
{
    const chain::ChainTarget &ct = *t.target;
    t.service = ct.service;
    t.onlyPassing = ct.subset.onlyPassing;
    const QString localDc = chain.datacenter;
    t.location = ct.peer.isEmpty() ? (ct.datacenter.isEmpty() ? localDc : ct.datacenter) : Catalog::peerLocation(ct.peer);

    QList<Instance> candidates = catalog.endpoints(t.location, ct.service);
    if (!ct.subset.filter.isEmpty()) {
        const Filter filter = Filter::compile(ct.subset.filter);
        if (!filter.isValid()) {
            // runtime.md §1.1: the health query fails, the target never gets endpoints.
            const QString message = QStringLiteral("Failed to create boolean expression evaluator: ") + filter.error()->message;
            Diagnostic d;
            d.code = QString(codes::InvalidSubsetFilter);
            d.message = QStringLiteral("subset %1 of %2: %3; Consul's health query for target %4 fails, so it gets no instances")
                            .arg(ct.serviceSubset, ct.service, message, ct.id);
            d.where = ct.source.entrySpan;
            d.field = QStringLiteral("Subsets[\"%1\"].Filter").arg(ct.serviceSubset);
            staticProblems.append(d);
            t.emptyReason = QStringLiteral("its subset filter is invalid (%1)").arg(filter.error()->message);
            candidates.clear();
        } else {
            const QList<bool> keep = matchAll(filter, candidates);
            QList<Instance> kept;
            for (qsizetype i = 0; i < candidates.size(); ++i) {
                if (keep.at(i))
                    kept.append(candidates.at(i));
            }
            if (kept.isEmpty() && !candidates.isEmpty())
                t.emptyReason = QStringLiteral("its subset filter `%1` keeps none of the %2 instances").arg(ct.subset.filter).arg(candidates.size());
            candidates = kept;
        }
    }
    for (const Instance &in : std::as_const(candidates))
        t.real.append(addInstance(in, false));
    if (t.emptyReason.isEmpty() && t.real.isEmpty())
        t.emptyReason = QStringLiteral("no instance of %1 is registered in %2").arg(ct.service, locationWords(t));

    const QString mode = ct.meshGateway.mode;
    if (!ct.peer.isEmpty()) {
        // runtime.md §2.5: the importer sees one synthetic instance per exporting gateway, health = that
        // gateway's checks; mode local puts the local gateways in front instead.
        t.kind = TargetKind::Peer;
        if (t.real.isEmpty()) {
            t.emptyReason = QStringLiteral("peer %1 does not export %2 (nothing listed under %3)").arg(ct.peer, ct.service, t.location);
            return;
        }
        if (mode == u"local") {
            t.endpoints = gatewaysIn(localDc);
            t.blockHealth = true;
            t.gatewayNote = QStringLiteral("through the local mesh gateways of %1").arg(localDc);
        } else {
            const QList<int> remote = gatewaysIn(t.location);
            t.endpoints = remote.isEmpty() ? t.real : remote;
            t.gatewayNote = QStringLiteral("through peer %1's mesh gateways; the peer routes to its own instances").arg(ct.peer);
        }
        if (t.endpoints.isEmpty())
            noGateways(t, localDc);
        return;
    }
    const bool remoteDc = !localDc.isEmpty() && t.location != localDc;
    if (remoteDc && (mode == u"local" || mode == u"remote")) {
        // runtime.md §2.4: the EDS cluster holds gateways whose health is set as a block.
        t.kind = TargetKind::MeshGateway;
        const QString where = mode == u"local" ? localDc : t.location;
        t.blockHealth = true;
        t.gatewayNote = QStringLiteral("through the %1 mesh gateways of %2 (mode %1)").arg(mode, where);
        if (t.real.isEmpty())
            return;
        t.endpoints = gatewaysIn(where);
        if (t.endpoints.isEmpty())
            noGateways(t, where);
        return;
    }
    t.endpoints = t.real;
}

void Simulator::Private::build()
{
    for (auto it = chain.targets.cbegin(); it != chain.targets.cend(); ++it) {
        TargetRec t;
        t.id = it.key();
        t.target = &*it;
        for (const QList<chain::Hop> &path : it->paths) {
            for (const chain::Hop &hop : path) {
                if (hop.kind == chain::Hop::Kind::Redirect && hop.to == t.id)
                    t.redirect = true;
            }
        }
        targetIndex.insert(t.id, int(targets.size()));
        targets.append(std::move(t));
    }
    for (TargetRec &t : targets)
        resolveTarget(t);

    for (auto it = chain.nodes.cbegin(); it != chain.nodes.cend(); ++it) {
        const chain::ChainNode &n = *it;
        if (n.type != chain::NodeType::Resolver || !n.resolver)
            continue;
        ResolverRec r;
        r.key = it.key();
        r.lb = n.loadBalancer;
        const int primary = targetIndex.value(n.resolver->target, -1);
        if (primary < 0)
            continue;
        r.levels.append(primary);
        if (n.resolver->failover) {
            const chain::ChainFailover &f = *n.resolver->failover;
            for (qsizetype i = 0; i < f.targets.size(); ++i) {
                const int ti = targetIndex.value(f.targets.at(i), -1);
                if (ti < 0 || r.levels.contains(ti))
                    continue;
                r.levels.append(ti);
                targets[ti].failover = true;
                if (!targets[ti].failoverSource && i < f.sources.size())
                    targets[ti].failoverSource = &f.sources.at(i);
            }
        }
        for (qsizetype level = 0; level < r.levels.size(); ++level) {
            TargetRec &t = targets[r.levels.at(level)];
            t.level = t.level < 0 ? int(level) : std::min(t.level, int(level));
        }
        resolverIndex.insert(r.key, int(resolvers.size()));
        resolvers.append(std::move(r));
    }
    for (TargetRec &t : targets) {
        if (t.level < 0)
            t.level = 0;
    }
}

Simulator::Simulator(chain::CompiledChain chain, Catalog catalog, QList<config::Entry> intentions)
    : d(std::make_unique<Private>())
{
    d->chain = std::move(chain);
    d->catalog = std::move(catalog);
    for (config::Entry &e : intentions) {
        if (e.kind == config::EntryKind::ServiceIntentions)
            d->intentions.append(std::move(e));
    }
    d->build();
}

Simulator::~Simulator() = default;
Simulator::Simulator(Simulator &&) noexcept = default;
Simulator &Simulator::operator=(Simulator &&) noexcept = default;

const chain::CompiledChain &Simulator::chain() const
{
    return d->chain;
}

namespace {

/** Per-run state of one target. */
struct TargetRun {
    std::vector<char> healthy;   ///< per endpoint
    std::vector<int> weight;     ///< per endpoint
    std::vector<double> routed;  ///< per endpoint
    int healthyEndpoints = 0;
    int healthyReal = 0;
    double share = 0.0;          ///< routed to this target (level load × incoming mass)
    double failed = 0.0;         ///< of share: no healthy endpoint
    bool used = false;           ///< some resolver node with traffic considered it
    QStringList why;
};

} // namespace

SimulationResult Simulator::run(const Scenario &scenario) const
{
    SimulationResult result;
    result.problems = d->staticProblems;
    const qsizetype instCount = d->insts.size();

    // ---- health: start from the catalog, apply the scenario's overrides through the indexes ----------
    std::vector<CheckSummary> summary(static_cast<std::size_t>(instCount));
    for (qsizetype i = 0; i < instCount; ++i)
        summary[std::size_t(i)] = d->insts.at(i).base;
    std::vector<char> forcedDown(static_cast<std::size_t>(instCount), 0);
    const auto unknown = [&](const QString &what) {
        Diagnostic diag;
        diag.severity = Severity::Warning;
        diag.code = QString(codes::UnknownOverride);
        diag.message = what;
        result.problems.append(diag);
    };
    if (!scenario.health.checkStatus.isEmpty()) {
        QSet<int> touched;
        for (auto it = scenario.health.checkStatus.cbegin(); it != scenario.health.checkStatus.cend(); ++it) {
            const auto found = d->byCheck.constFind(it.key());
            if (found == d->byCheck.cend()) {
                unknown(QStringLiteral("no instance of this chain has a check %1").arg(it.key()));
                continue;
            }
            for (const auto &[inst, slot] : *found)
                touched.insert(inst);
        }
        for (int inst : std::as_const(touched)) {
            CheckSummary s;
            for (const auto &[id, status] : d->insts.at(inst).checks) {
                const auto o = scenario.health.checkStatus.constFind(id);
                s.add(o == scenario.health.checkStatus.cend() ? status : parseCheckStatus(*o).value_or(CheckStatus::Critical));
            }
            summary[std::size_t(inst)] = s;
        }
    }
    for (const QString &id : scenario.health.downInstances) {
        const auto found = d->byId.constFind(id);
        if (found == d->byId.cend()) {
            unknown(QStringLiteral("no instance of this chain has Service.ID %1").arg(id));
            continue;
        }
        for (int inst : *found)
            forcedDown[std::size_t(inst)] = 1;
    }
    const auto downLocation = [&](const QString &location) {
        const auto found = d->byLocation.constFind(location);
        if (found == d->byLocation.cend())
            return false;
        for (int inst : *found)
            forcedDown[std::size_t(inst)] = 1;
        return true;
    };
    for (const QString &dc : scenario.health.downDatacenters) {
        if (!downLocation(dc))
            unknown(QStringLiteral("no instance of this chain is in datacenter %1").arg(dc));
    }
    for (const QString &peer : scenario.health.downPeers) {
        if (!downLocation(Catalog::peerLocation(peer)))
            unknown(QStringLiteral("no instance of this chain comes from peer %1").arg(peer));
    }
    for (qsizetype i = 0; i < instCount; ++i) {
        if (forcedDown[std::size_t(i)])
            summary[std::size_t(i)].anyCritical = true;
    }

    const qsizetype targetCount = d->targets.size();
    std::vector<TargetRun> runs(static_cast<std::size_t>(targetCount));
    for (qsizetype ti = 0; ti < targetCount; ++ti) {
        const TargetRec &t = d->targets.at(ti);
        TargetRun &r = runs[std::size_t(ti)];
        const bool subsetDown = scenario.health.downSubsets.contains(t.id);
        for (int inst : t.real) {
            const InstRec &rec = d->insts.at(inst);
            CheckSummary s = summary[std::size_t(inst)];
            s.anyCritical = s.anyCritical || subsetDown;
            if (endpointHealth(s, rec.weightsPassing, rec.weightsWarning, t.onlyPassing).healthy)
                ++r.healthyReal;
        }
        const std::size_t n = std::size_t(t.endpoints.size());
        r.healthy.assign(n, 0);
        r.weight.assign(n, 1);
        r.routed.assign(n, 0.0);
        for (std::size_t e = 0; e < n; ++e) {
            const int inst = t.endpoints.at(qsizetype(e));
            const InstRec &rec = d->insts.at(inst);
            CheckSummary s = summary[std::size_t(inst)];
            EndpointHealth h;
            if (t.blockHealth) {
                // Gateways: all HEALTHY iff one real instance is (runtime.md §2.4); a failed gateway
                // itself is still down.
                h = endpointHealth(s, rec.weightsPassing, rec.weightsWarning, false);
                h.healthy = h.healthy && r.healthyReal > 0;
            } else {
                s.anyCritical = s.anyCritical || (subsetDown && !rec.gateway);
                h = endpointHealth(s, rec.weightsPassing, rec.weightsWarning, t.kind == TargetKind::Peer ? false : t.onlyPassing);
            }
            r.healthy[e] = h.healthy ? 1 : 0;
            r.weight[e] = h.weight;
            r.healthyEndpoints += h.healthy ? 1 : 0;
        }
    }

    // ---- routing: router → route, splitter → weighted splits, resolver → priority levels -----------
    const bool http = d->chain.protocol == u"http" || d->chain.protocol == u"http2" || d->chain.protocol == u"grpc";
    QStringList routeWords;

    const auto runResolver = [&](const ResolverRec &res, double mass) {
        const LbPolicy policy = lbPolicy(res.lb);
        const std::optional<quint64> hash = requestHash(res.lb, scenario.request, http);
        const bool hasFailover = res.levels.size() > 1;

        // Which levels take part and with which priority math.
        QList<int> active;    // target indexes forming Envoy's priority levels
        QList<PriorityLevel> levels;
        PriorityLoad load;
        const bool legacy = scenario.era == ConsulEra::Legacy;
        bool legacyGatewayPick = false;
        if (legacy && hasFailover) {
            for (int ti : res.levels)
                legacyGatewayPick = legacyGatewayPick || d->targets.at(ti).kind != TargetKind::Direct;
        }
        if (legacyGatewayPick) {
            // Consul 1.6-1.13 with gateways: failover decided at config time, first target with a
            // healthy real instance, else the primary (runtime.md §3.3).
            int pick = res.levels.front();
            for (int ti : res.levels) {
                if (runs[std::size_t(ti)].healthyReal > 0) {
                    pick = ti;
                    break;
                }
            }
            active = {pick};
            levels = {PriorityLevel{runs[std::size_t(pick)].healthyEndpoints, int(d->targets.at(pick).endpoints.size())}};
            load = computePriorityLoad(levels, kDefaultOverprovisioningFactor, 0);
        } else if (legacy) {
            // One EDS cluster with a priority per target, OPF 100000 when several, panic disabled.
            for (int ti : res.levels) {
                active.append(ti);
                levels.append(PriorityLevel{runs[std::size_t(ti)].healthyEndpoints, int(d->targets.at(ti).endpoints.size())});
            }
            load = computePriorityLoad(levels, levels.size() > 1 ? kLegacyOverprovisioningFactor : kDefaultOverprovisioningFactor, 0);
        } else {
            // Current: aggregate cluster over non-empty children (T = 50), or a single target cluster (T = 0).
            for (int ti : res.levels) {
                if (!hasFailover || !d->targets.at(ti).endpoints.isEmpty()) {
                    active.append(ti);
                    levels.append(PriorityLevel{runs[std::size_t(ti)].healthyEndpoints, int(d->targets.at(ti).endpoints.size())});
                }
            }
            load = computePriorityLoad(levels, kDefaultOverprovisioningFactor, hasFailover ? kDefaultPanicThreshold : 0);
        }
        for (int ti : res.levels)
            runs[std::size_t(ti)].used = runs[std::size_t(ti)].used || mass > 0.0;
        if (active.isEmpty()) {
            return;
        }

        // A request with a fixed hash key also picks its priority level from the hash.
        std::optional<qsizetype> hashedLevel;
        if (hash) {
            const int r = int(*hash % 100) + 1;
            int acc = 0;
            for (qsizetype i = 0; i < active.size(); ++i) {
                acc += load.load.at(i);
                if (acc >= r) {
                    hashedLevel = i;
                    break;
                }
            }
        }

        for (qsizetype i = 0; i < active.size(); ++i) {
            const int ti = active.at(i);
            const double levelMass = hashedLevel ? (*hashedLevel == i ? mass : 0.0) : mass * double(load.load.at(i)) / 100.0;
            TargetRun &r = runs[std::size_t(ti)];
            r.share += levelMass;
            const qsizetype levelNo = res.levels.indexOf(ti);
            const QString who = levelNo == 0 ? QStringLiteral("primary") : QStringLiteral("failover level %1").arg(levelNo);
            const QString healthWords = QStringLiteral("%1 of %2 endpoints healthy").arg(r.healthyEndpoints).arg(d->targets.at(ti).endpoints.size());
            if (legacyGatewayPick) {
                r.why.append(QStringLiteral("%1: Consul ≤ 1.13 fails over through mesh gateways at configuration time and picked this first target with a healthy instance (%2)")
                                 .arg(who, healthWords));
            } else if (hasFailover) {
                QString w = QStringLiteral("%1: %2, priority health %3").arg(who, healthWords).arg(load.health.at(i));
                if (load.totalPanic)
                    w += QStringLiteral("; every level is under half healthy, so Envoy spreads requests by endpoint count (total panic) and this level gets %1").arg(percent(load.load.at(i) / 100.0));
                else
                    w += QStringLiteral(", gets %1 of this resolver's requests").arg(percent(load.load.at(i) / 100.0));
                if (legacy)
                    w += QStringLiteral(" (Consul ≤ 1.13: all-or-nothing, the first level with a healthy endpoint takes everything)");
                r.why.append(w);
            } else {
                r.why.append(QStringLiteral("%1 (no failover)").arg(healthWords));
            }
            if (levelMass <= 0.0)
                continue;
            // The chosen child cluster has panic disabled: healthy endpoints only, none ⇒ no host.
            std::vector<int> weights;
            std::vector<std::size_t> index;
            for (std::size_t e = 0; e < r.healthy.size(); ++e) {
                if (r.healthy[e]) {
                    weights.push_back(r.weight[e]);
                    index.push_back(e);
                }
            }
            if (weights.empty()) {
                r.failed += levelMass;
                continue;
            }
            std::vector<double> shares(weights.size(), 0.0);
            lbShares(policy, hash, weights, shares);
            for (std::size_t k = 0; k < weights.size(); ++k)
                r.routed[index[k]] += levelMass * shares[k];
        }
    };

    std::function<void(const QString &, double, int)> visit = [&](const QString &key, double mass, int depth) {
        const chain::ChainNode *node = d->chain.node(key);
        if (!node || depth > 16) {
            return;
        }
        switch (node->type) {
        case chain::NodeType::Router: {
            const int chosen = selectRoute(node->routes, scenario.request);
            for (qsizetype i = 0; i < node->routes.size(); ++i)
                result.routes.append({int(i), i == chosen ? mass : 0.0});
            if (chosen < 0) {
                    return;
            }
            const chain::ChainRoute &route = node->routes.at(chosen);
            routeWords.append(route.implicit ? QStringLiteral("no route matches %1 %2, so the default route applies").arg(scenario.request.method, scenario.request.path)
                                             : QStringLiteral("%1 %2 matches route %3 (%4)").arg(scenario.request.method, scenario.request.path).arg(chosen).arg(route.source.toString()));
            visit(route.nextNode, mass, depth + 1);
            return;
        }
        case chain::NodeType::Splitter: {
            quint64 total = 0;
            QList<quint32> w;
            for (const chain::ChainSplit &s : node->splits) {
                w.append(splitIntegerWeight(s.weight));
                total += w.back();
            }
            for (qsizetype i = 0; i < node->splits.size(); ++i) {
                const double share = total > 0 ? mass * double(w.at(i)) / double(total) : 0.0;
                result.splits.append({key, int(i), share});
                if (share > 0.0)
                    visit(node->splits.at(i).nextNode, share, depth + 1);
            }
            return;
        }
        case chain::NodeType::Resolver: {
            const int ri = d->resolverIndex.value(key, -1);
            if (ri < 0) {
                    return;
            }
            runResolver(d->resolvers.at(ri), mass);
            return;
        }
        }
    };
    if (!d->chain.startNode.isEmpty())
        visit(d->chain.startNode, 1.0, 0);
    // Resolver nodes no request reached still explain their levels (standby).
    for (const ResolverRec &res : d->resolvers) {
        bool any = false;
        for (int ti : res.levels)
            any = any || runs[std::size_t(ti)].used || !runs[std::size_t(ti)].why.isEmpty();
        if (!any)
            runResolver(res, 0.0);
    }

    // ---- intentions: convert mass landing on services that deny the source into failures -------------
    const bool defaultAllow = scenario.defaultIntention != u"deny";
    std::vector<char> denied(static_cast<std::size_t>(targetCount), 0);
    std::vector<IntentionDecision> decisions(static_cast<std::size_t>(targetCount));
    bool notUpstream = false;
    QString notUpstreamWhy;
    if (!scenario.sourceService.isEmpty()) {
        IntentionSource src;
        src.name = scenario.sourceService;
        src.namespace_ = d->chain.namespace_;
        src.partition = d->chain.partition;
        const Request *req = http ? &scenario.request : nullptr;
        const Request tcpRequest;
        for (qsizetype ti = 0; ti < targetCount; ++ti) {
            const chain::ChainTarget &ct = *d->targets.at(ti).target;
            IntentionDestination dst{ct.service, ct.namespace_, ct.partition, d->chain.protocol};
            IntentionSource s = src;
            s.anyPeer = !ct.peer.isEmpty();
            const IntentionDecision dec = decideIntention(d->intentions, s, dst, req ? req : &tcpRequest, defaultAllow);
            decisions[std::size_t(ti)] = dec;
            denied[std::size_t(ti)] = dec.allowed ? 0 : 1;
        }
        if (scenario.transparentProxy) {
            IntentionDestination dst{d->chain.serviceName, d->chain.namespace_, d->chain.partition, d->chain.protocol};
            const IntentionDecision up = decideIntention(d->intentions, src, dst, nullptr, defaultAllow);
            if (!up.upstream) {
                notUpstream = true;
                notUpstreamWhy = up.description;
                Diagnostic diag;
                diag.code = QString(codes::NotAnUpstream);
                diag.message = QStringLiteral("%1 calls %2 through transparent proxy, but %2 is not an intention upstream of %1 (%3): its sidecar has no "
                                              "listener for %2's virtual IP, so the connection is not routed")
                                   .arg(scenario.sourceService, d->chain.serviceName, up.description);
                diag.where = up.span;
                result.problems.append(diag);
            }
        }
    }

    // ---- outcomes ------------------------------------------------------------------------------------
    QList<int> order(targetCount);
    for (qsizetype i = 0; i < targetCount; ++i)
        order[i] = int(i);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return d->targets.at(a).level < d->targets.at(b).level; });

    double delivered = 0.0;
    qsizetype endpointCount = 0;
    for (const TargetRec &t : d->targets)
        endpointCount += t.endpoints.size();
    result.instances.reserve(endpointCount);
    result.targets.reserve(targetCount);
    for (int ti : std::as_const(order)) {
        const TargetRec &t = d->targets.at(ti);
        TargetRun &r = runs[std::size_t(ti)];
        const IntentionDecision &dec = decisions[std::size_t(ti)];
        const bool blocked = notUpstream || denied[std::size_t(ti)];
        TargetOutcome o;
        o.id = t.id;
        o.level = t.level;
        o.share = r.share;
        o.allowed = scenario.sourceService.isEmpty() || !denied[std::size_t(ti)];
        o.healthyInstances = r.healthyReal;
        o.totalInstances = int(t.real.size());
        o.viaMeshGateway = t.kind != TargetKind::Direct && t.endpoints != t.real;
        if (!scenario.sourceService.isEmpty()) {
            o.decidingIntention = dec.description;
            o.decidingSpan = dec.span;
        }
        const bool dead = r.healthyEndpoints == 0;
        o.state = dead ? TargetState::Dead : (r.share > 0.0 ? TargetState::Active : TargetState::Standby);

        QStringList words;
        if (t.endpoints.isEmpty())
            words.append(QStringLiteral("no endpoints: %1").arg(t.emptyReason.isEmpty() ? QStringLiteral("nothing registered") : t.emptyReason));
        if (!t.gatewayNote.isEmpty() && !t.endpoints.isEmpty())
            words.append(QStringLiteral("reached %1 (%2 of %3 instances healthy behind them)").arg(t.gatewayNote).arg(r.healthyReal).arg(t.real.size()));
        words += r.why;
        if (r.failed > 0.0)
            words.append(QStringLiteral("%1 of all requests are sent here and fail: no healthy endpoint (503 no healthy upstream)").arg(percent(r.failed)));
        if (!r.used && r.why.isEmpty())
            words.append(QStringLiteral("not used by the chosen route"));

        double targetDelivered = 0.0;
        for (qsizetype e = 0; e < t.endpoints.size(); ++e) {
            const InstRec &rec = d->insts.at(t.endpoints.at(e));
            InstanceOutcome io;
            io.target = t.id;
            io.id = rec.id;
            io.node = rec.node;
            io.healthy = r.healthy[std::size_t(e)] != 0;
            io.routed = r.routed[std::size_t(e)];
            io.share = blocked ? 0.0 : io.routed;
            io.weight = r.weight[std::size_t(e)];
            io.gateway = rec.gateway;
            targetDelivered += io.share;
            result.instances.append(io);
        }
        o.delivered = targetDelivered;
        delivered += targetDelivered;
        if (!scenario.sourceService.isEmpty() && denied[std::size_t(ti)]) {
            words.append(QStringLiteral("%1 may not call %2: %3%4")
                             .arg(scenario.sourceService, t.service, dec.description,
                                  r.share > 0.0 ? QStringLiteral(" (requests sent here are refused: HTTP 403 / connection closed)") : QString()));
            Diagnostic diag;
            diag.severity = r.share > 0.0 ? Severity::Error : Severity::Warning;
            diag.where = dec.span;
            const QString where = t.target->peer.isEmpty() ? QString() : QStringLiteral(" in peer %1, which enforces its own intentions").arg(t.target->peer);
            const QString what = QStringLiteral("intentions%1 deny %2 → %3 (%4)").arg(where, scenario.sourceService, t.service, dec.description);
            if (t.failover) {
                diag.code = QString(codes::FailoverTargetDenied);
                diag.message = QStringLiteral("failover target %1 of %2 is unreachable for %3: %4").arg(t.id, d->chain.serviceName, scenario.sourceService, what);
                if (t.failoverSource)
                    diag.related.append(t.failoverSource->fieldSpan.isValid() ? t.failoverSource->fieldSpan : t.failoverSource->entrySpan);
                diag.field = t.failoverSource ? t.failoverSource->field : QString();
            } else if (t.redirect) {
                diag.code = QString(codes::RedirectTargetDenied);
                diag.message = QStringLiteral("redirect target %1 of %2 is unreachable for %3: %4").arg(t.id, d->chain.serviceName, scenario.sourceService, what);
            } else {
                diag.code = QString(codes::TargetDenied);
                diag.message = QStringLiteral("target %1 of %2 is unreachable for %3: %4").arg(t.id, d->chain.serviceName, scenario.sourceService, what);
            }
            result.problems.append(diag);
        }
        if (notUpstream)
            words.append(QStringLiteral("not routed: %1 is not an intention upstream of %2 (%3)").arg(d->chain.serviceName, scenario.sourceService, notUpstreamWhy));
        o.explanation = words.join(QStringLiteral("; "));
        result.targets.append(o);
    }

    // Whatever was not delivered failed: no route, no endpoint, no healthy endpoint, or refused.
    result.failed = std::clamp(1.0 - delivered, 0.0, 1.0);
    if (result.failed < 1e-12)
        result.failed = 0.0;

    if (result.failed > 0.0) {
        Diagnostic diag;
        diag.severity = result.failed >= 1.0 - 1e-12 ? Severity::Error : Severity::Warning;
        diag.code = QString(codes::RequestsFail);
        diag.message = QStringLiteral("%1 of requests to %2 fail").arg(percent(result.failed), d->chain.serviceName);
        result.problems.append(diag);
    }

    // ---- summary and addresses -----------------------------------------------------------------------
    QStringList parts;
    if (http)
        parts.append(QStringLiteral("Request %1 %2 to %3.").arg(scenario.request.method, scenario.request.path, d->chain.serviceName));
    else
        parts.append(QStringLiteral("New %1 connections to %2.").arg(d->chain.protocol.isEmpty() ? QStringLiteral("tcp") : d->chain.protocol, d->chain.serviceName));
    for (const QString &w : std::as_const(routeWords))
        parts.append(w.left(1).toUpper() + w.mid(1) + QLatin1Char('.'));
    QStringList served;
    for (const TargetOutcome &o : std::as_const(result.targets)) {
        if (o.share <= 0.0)
            continue;
        QString s = QStringLiteral("%1 → %2").arg(percent(o.share), o.id);
        if (o.level > 0)
            s += QStringLiteral(" (failover level %1)").arg(o.level);
        if (o.delivered + 1e-12 < o.share)
            s += QStringLiteral(", of which %1 fail").arg(percent(o.share - o.delivered));
        served.append(s);
    }
    if (!served.isEmpty())
        parts.append(served.join(QStringLiteral("; ")) + QLatin1Char('.'));
    parts.append(result.failed > 0.0 ? QStringLiteral("%1 of requests fail.").arg(percent(result.failed)) : QStringLiteral("Every request is served."));
    if (notUpstream)
        parts.append(QStringLiteral("%1 is not an intention upstream of %2, so nothing is routed.").arg(d->chain.serviceName, scenario.sourceService));
    result.summary = parts.join(QLatin1Char(' '));
    result.addresses = chainAddresses(d->chain, scenario.edition);
    return result;
}

} // namespace chainscope::sim
