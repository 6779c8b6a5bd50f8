// One health toggle → a new simulation result, for a chain of 20 targets × 500 instances (goal ≤ 1 ms).
#include "sim/simulation.h"

#include <benchmark/benchmark.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace chainscope;

namespace {

constexpr int kTargets = 20;
constexpr int kInstances = 500;

/** A resolver for api in dc0 failing over through dc1..dc19, each datacenter with 500 instances. */
chain::CompiledChain makeChain()
{
    chain::CompiledChain c;
    c.serviceName = QStringLiteral("api");
    c.datacenter = QStringLiteral("dc0");
    c.protocol = QStringLiteral("http");
    chain::ChainResolver r;
    chain::ChainFailover f;
    for (int t = 0; t < kTargets; ++t) {
        chain::ChainTarget target;
        target.service = QStringLiteral("api");
        target.datacenter = QStringLiteral("dc%1").arg(t);
        target.id = QStringLiteral("api.default.default.dc%1").arg(t);
        c.targets.insert(target.id, target);
        if (t == 0)
            r.target = target.id;
        else
            f.targets.append(target.id);
    }
    r.failover = f;
    chain::ChainNode node;
    node.type = chain::NodeType::Resolver;
    node.name = r.target;
    node.resolver = r;
    c.startNode = node.key();
    c.nodes.insert(node.key(), node);
    return c;
}

sim::Catalog makeCatalog()
{
    QJsonObject root;
    for (int t = 0; t < kTargets; ++t) {
        QJsonArray list;
        for (int i = 0; i < kInstances; ++i) {
            const QString id = QStringLiteral("api-%1-%2").arg(t).arg(i);
            const QString node = QStringLiteral("node-%1-%2").arg(t).arg(i);
            list.append(QJsonObject{{QStringLiteral("Node"), QJsonObject{{QStringLiteral("Node"), node}}},
                                    {QStringLiteral("Service"), QJsonObject{{QStringLiteral("ID"), id}, {QStringLiteral("Service"), QStringLiteral("api")}}},
                                    {QStringLiteral("Checks"), QJsonArray{QJsonObject{{QStringLiteral("CheckID"), QStringLiteral("serfHealth")},
                                                                                      {QStringLiteral("Status"), QStringLiteral("passing")}},
                                                                          QJsonObject{{QStringLiteral("CheckID"), QString(QStringLiteral("service:") + id)},
                                                                                      {QStringLiteral("ServiceID"), id},
                                                                                      {QStringLiteral("Status"), i % 7 == 0 ? QStringLiteral("warning") : QStringLiteral("passing")}}}}});
        }
        root.insert(QStringLiteral("dc%1").arg(t), QJsonObject{{QStringLiteral("api"), list}});
    }
    const Result<sim::Catalog> c = sim::parseCatalog(QJsonDocument(root).toJson(QJsonDocument::Compact), QStringLiteral("bench.json"));
    return c ? *c : sim::Catalog{};
}

void BM_SimulateToggle(benchmark::State &state)
{
    const sim::Simulator simulator(makeChain(), makeCatalog(), {});
    sim::Scenario down;
    down.health.downDatacenters.insert(QStringLiteral("dc0"));
    down.health.downInstances.insert(QStringLiteral("api-1-3"));
    down.health.checkStatus.insert(QStringLiteral("service:api-2-5"), QStringLiteral("critical"));
    const sim::Scenario up;
    bool toggle = false;
    for (auto _ : state) {
        const sim::SimulationResult r = simulator.run(toggle ? down : up);
        benchmark::DoNotOptimize(r.failed);
        toggle = !toggle;
    }
    state.counters["instances"] = double(kTargets * kInstances);
}
BENCHMARK(BM_SimulateToggle)->Unit(benchmark::kMicrosecond);

void BM_SimulatorConstruction(benchmark::State &state)
{
    const chain::CompiledChain chain = makeChain();
    const sim::Catalog catalog = makeCatalog();
    for (auto _ : state) {
        const sim::Simulator simulator(chain, catalog, {});
        benchmark::DoNotOptimize(&simulator);
    }
}
BENCHMARK(BM_SimulatorConstruction)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
