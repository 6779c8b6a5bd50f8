// A health toggle on a generated 200-node chain, end to end: simulation run, overlay mapping, and the
// node/edge models emitting dataChanged (goal: ≤ 16 ms, one frame). Never a relayout.
#if __has_include("nodemodel.h")
#include "edgemodel.h"
#include "nodemodel.h"

#include "generatedchain.h"
#include "layout/graphlayout.h"
#include "layout/scenebuilder.h"
#include "sim/simulation.h"

#include <QGuiApplication>

#include <benchmark/benchmark.h>

using namespace chainscope;

namespace {


/** Three instances per target, in the target's datacenter, tagged with the subset's version. */
sim::Catalog generatedCatalog(const chain::CompiledChain &chain)
{
    sim::Catalog catalog;
    for (const chain::ChainTarget &t : chain.targets) {
        for (int k = 0; k < 3; ++k) {
            sim::Instance i;
            i.location = t.datacenter;
            i.serviceName = t.service;
            i.service.id = t.id + QStringLiteral("-i%1").arg(k);
            i.service.service = t.service;
            i.service.meta.insert(QStringLiteral("version"), t.serviceSubset);
            i.node.node = QStringLiteral("node-") + i.service.id;
            i.node.datacenter = t.datacenter;
            catalog.add(i);
        }
    }
    return catalog;
}

struct Fixture {
    chain::CompiledChain chain = bench::generatedChain();
    layout::Scene scene = layout::buildScene(chain);
    layout::Geometry geometry = *layout::layoutScene(scene);
    sim::Simulator simulator{chain, generatedCatalog(chain), {}};
    model::NodeModel nodes;
    model::EdgeModel edges;
    sim::Scenario healthy;
    sim::Scenario primaryDown;

    Fixture()
    {
        for (int k = 0; k < 3; ++k)
            primaryDown.health.downInstances.insert(QStringLiteral("v0.svc0.default.default.dc1-i%1").arg(k));
        const layout::SceneOverlay overlay = layout::buildOverlay(scene, simulator.run(healthy));
        nodes.setScene(scene.nodes, geometry.nodes, overlay.nodes);
        edges.setScene(scene.edges, geometry.edges, overlay.edges);
    }
};

void BM_HealthToggleToModels(benchmark::State &state)
{
    Fixture f;
    bool down = false;
    for (auto _ : state) {
        down = !down;
        const sim::SimulationResult result = f.simulator.run(down ? f.primaryDown : f.healthy);
        const layout::SceneOverlay overlay = layout::buildOverlay(f.scene, result);
        f.nodes.setOverlay(overlay.nodes);
        f.edges.setOverlay(overlay.edges);
    }
    state.counters["nodes"] = static_cast<double>(f.scene.nodes.size());
}
BENCHMARK(BM_HealthToggleToModels)->Unit(benchmark::kMillisecond);

void BM_OverlayToModelsOnly(benchmark::State &state)
{
    Fixture f;
    const layout::SceneOverlay a = layout::buildOverlay(f.scene, f.simulator.run(f.healthy));
    const layout::SceneOverlay b = layout::buildOverlay(f.scene, f.simulator.run(f.primaryDown));
    bool flip = false;
    for (auto _ : state) {
        flip = !flip;
        f.nodes.setOverlay(flip ? b.nodes : a.nodes);
        f.edges.setOverlay(flip ? b.edges : a.edges);
    }
}
BENCHMARK(BM_OverlayToModelsOnly)->Unit(benchmark::kMicrosecond);

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv); // the models use QtGui (QPainterPath for hit testing)
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

#else
#include <cstdio>
int main()
{
    std::puts("bench_toggle_scene: Chainscope.Models is not built in this tree; nothing to measure");
    return 0;
}
#endif
