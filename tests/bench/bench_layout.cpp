// Graphviz layout of a generated 200-node chain (goal: ≤ 150 ms), and the scene builder feeding it.
#include "generatedchain.h"
#include "layout/graphlayout.h"
#include "layout/scenebuilder.h"

#include <benchmark/benchmark.h>

using namespace chainscope;

namespace {


void BM_LayoutGenerated200(benchmark::State &state)
{
    const layout::Scene scene = layout::buildScene(bench::generatedChain());
    for (auto _ : state) {
        auto geometry = layout::layoutScene(scene);
        if (!geometry)
            state.SkipWithError("layout failed");
        benchmark::DoNotOptimize(geometry);
    }
    state.counters["nodes"] = static_cast<double>(scene.nodes.size());
    state.counters["edges"] = static_cast<double>(scene.edges.size());
}
BENCHMARK(BM_LayoutGenerated200)->Unit(benchmark::kMillisecond);

void BM_BuildSceneGenerated200(benchmark::State &state)
{
    const chain::CompiledChain chain = bench::generatedChain();
    for (auto _ : state)
        benchmark::DoNotOptimize(layout::buildScene(chain));
}
BENCHMARK(BM_BuildSceneGenerated200)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
