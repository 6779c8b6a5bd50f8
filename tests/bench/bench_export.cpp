// Exporting a 200-node chain to SVG with chainscope (QPainter → QSvgGenerator), side by side with Graphviz
// rendering the DOT chainscope writes for the same chain: `dot -Tsvg` (lays out again, then renders) and
// `neato -n2 -Tsvg` (keeps our positions, renders only).
#include "export/diagramexport.h"
#include "export/dotwriter.h"
#include "layout/graphlayout.h"

#include <QGuiApplication>
#include <QProcess>
#include <QStandardPaths>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

using namespace chainscope;

namespace {

/** A generated chain of exactly `nodes` boxes: a router with one route per resolver group, a splitter,
 *  resolvers, and targets with ordered failover (primary + up to two failover datacenters). */
layout::Scene generateScene(int nodes)
{
    using namespace layout;
    Scene s;
    s.service = QStringLiteral("big");
    const QString router = QStringLiteral("router:big.default.default");
    const QString splitter = QStringLiteral("splitter:big.default.default");
    s.nodes.append({router, NodeKind::Router, QStringLiteral("big"), QStringLiteral("service-router"), {}, QString(), {}});
    s.nodes.append({splitter, NodeKind::Splitter, QStringLiteral("big"), QStringLiteral("service-splitter"), {}, QString(), {}});
    int remaining = nodes - 2;
    int group = 0;
    while (remaining >= 2) {
        const QString subset = QStringLiteral("s%1").arg(group);
        const QString resolver = QStringLiteral("resolver:%1.big.default.default.dc1").arg(subset);
        s.nodes.append({resolver, NodeKind::Resolver, subset + QStringLiteral(".big"), QStringLiteral("service-resolver · dc1"),
                        {{QStringLiteral("filter"), QStringLiteral("Service.Meta.version == %1").arg(subset), {}},
                         {QStringLiteral("connect timeout"), QStringLiteral("5s"), {}}},
                        QString(), {}});
        --remaining;
        // Route rows alternate between the resolver directly and the splitter.
        const int routeRow = int(s.nodes[0].rows.size());
        s.nodes[0].rows.append({QStringLiteral("PathPrefix /%1").arg(subset), QStringLiteral("GET"), {}});
        s.edges.append({QStringLiteral("%1#%2->%3").arg(router).arg(routeRow).arg(resolver), router, routeRow, resolver, EdgeKind::Route, 0,
                        QString(), QString(), {}});
        if (group % 4 == 0) {
            const int splitRow = int(s.nodes[1].rows.size());
            s.nodes[1].rows.append({QStringLiteral("10% → %1").arg(subset), QString(), {}});
            s.edges.append({QStringLiteral("%1#%2->%3").arg(splitter).arg(splitRow).arg(resolver), splitter, splitRow, resolver, EdgeKind::Split,
                            0, QStringLiteral("10%"), QString(), {}});
        }
        const int targets = std::min(remaining, 1 + group % 3);
        for (int t = 0; t < targets; ++t) {
            const QString dc = QStringLiteral("dc%1").arg(t + 1);
            const QString target = QStringLiteral("target:%1.big.default.default.%2").arg(subset, dc);
            s.nodes.append({target, NodeKind::Target, subset + QStringLiteral(".big"), QStringLiteral("target · ") + dc, {}, QString(), {}});
            if (t == 0)
                s.edges.append({resolver + QStringLiteral("->") + target, resolver, -1, target, EdgeKind::Resolve, 0, QString(), QString(), {}});
            else
                s.edges.append({resolver + QStringLiteral("->") + target + QStringLiteral("#failover%1").arg(t), resolver, -1, target,
                                EdgeKind::Failover, t, t == 1 ? QStringLiteral("1st failover") : QStringLiteral("2nd failover"), QString(), {}});
        }
        remaining -= targets;
        ++group;
    }
    s.nodes[0].rows.append({QStringLiteral("PathPrefix / (default)"), QString(), {}});
    s.edges.append({QStringLiteral("%1#%2->%3").arg(router).arg(s.nodes[0].rows.size() - 1).arg(splitter), router,
                    int(s.nodes[0].rows.size() - 1), splitter, EdgeKind::Route, 0, QString(), QString(), {}});
    return s;
}

const exporter::Diagram &bigDiagram()
{
    static const exporter::Diagram diagram = [] {
        exporter::Diagram d;
        d.scene = generateScene(200);
        Result<layout::Geometry> geometry = layout::layoutScene(d.scene);
        if (!geometry) {
            std::fprintf(stderr, "layout failed: %s\n", qPrintable(geometry.diagnostics.value(0).message));
            std::exit(1);
        }
        d.geometry = *geometry;
        d.info.service = d.scene.service;
        d.info.datacenter = QStringLiteral("dc1");
        return d;
    }();
    return diagram;
}

void runGraphviz(benchmark::State &state, const QString &program, const QStringList &args)
{
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty()) {
        state.SkipWithError("Graphviz is not installed");
        return;
    }
    const QByteArray dot = exporter::writeDot(bigDiagram());
    qint64 bytes = 0;
    for (auto _ : state) {
        QProcess process;
        process.start(path, args);
        process.write(dot);
        process.closeWriteChannel();
        if (!process.waitForFinished(120'000) || process.exitCode() != 0) {
            state.SkipWithError("Graphviz failed");
            return;
        }
        bytes = process.readAllStandardOutput().size();
        benchmark::DoNotOptimize(bytes);
    }
    state.counters["svg_bytes"] = double(bytes);
}

} // namespace

/** chainscope: paint our existing layout to SVG (what `chainscope export --format svg` does after layout). */
static void BM_ChainscopeSvg(benchmark::State &state)
{
    const exporter::Diagram &d = bigDiagram();
    qint64 bytes = 0;
    for (auto _ : state) {
        Result<QByteArray> svg = exporter::renderSvg(d);
        bytes = svg ? svg->size() : 0;
        benchmark::DoNotOptimize(bytes);
    }
    state.counters["nodes"] = double(d.scene.nodes.size());
    state.counters["svg_bytes"] = double(bytes);
}
BENCHMARK(BM_ChainscopeSvg)->Unit(benchmark::kMillisecond);

/** chainscope: lay out with Graphviz in process, then paint to SVG — the like-for-like rival of `dot -Tsvg`. */
static void BM_ChainscopeLayoutAndSvg(benchmark::State &state)
{
    const exporter::Diagram &base = bigDiagram();
    for (auto _ : state) {
        exporter::Diagram d;
        d.scene = base.scene;
        d.info = base.info;
        Result<layout::Geometry> geometry = layout::layoutScene(d.scene);
        d.geometry = *geometry;
        Result<QByteArray> svg = exporter::renderSvg(d);
        benchmark::DoNotOptimize(svg.value);
    }
}
BENCHMARK(BM_ChainscopeLayoutAndSvg)->Unit(benchmark::kMillisecond);

/** chainscope: the DOT text itself. */
static void BM_ChainscopeDot(benchmark::State &state)
{
    const exporter::Diagram &d = bigDiagram();
    for (auto _ : state)
        benchmark::DoNotOptimize(exporter::writeDot(d));
}
BENCHMARK(BM_ChainscopeDot)->Unit(benchmark::kMillisecond);

/** Graphviz `dot -Tsvg` on chainscope's DOT: a new process, layout and rendering. */
static void BM_GraphvizDotTsvg(benchmark::State &state)
{
    runGraphviz(state, QStringLiteral("dot"), {QStringLiteral("-Tsvg")});
}
BENCHMARK(BM_GraphvizDotTsvg)->Unit(benchmark::kMillisecond)->UseRealTime();

/** Graphviz `neato -n2 -Tsvg` on chainscope's DOT: a new process, our positions, rendering only. */
static void BM_GraphvizNeatoN2Tsvg(benchmark::State &state)
{
    runGraphviz(state, QStringLiteral("neato"), {QStringLiteral("-n2"), QStringLiteral("-Tsvg")});
}
BENCHMARK(BM_GraphvizNeatoN2Tsvg)->Unit(benchmark::kMillisecond)->UseRealTime();

int main(int argc, char **argv)
{
    // Rendering needs fonts, hence a QGuiApplication; the offscreen platform keeps it headless.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
