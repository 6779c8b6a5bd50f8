// Compile every chain of a generated 10,000-service mesh. Goal: median ≤ 20 µs per chain on one core.
// Every service has http service-defaults and a resolver with two subsets, a DefaultSubset and failover
// (alternating Datacenters and ordered Targets); every fifth service also has a router with two routes
// and a splitter that splits between its subsets and a neighbour service.
#include "chain/compiler.h"

#include <benchmark/benchmark.h>

#include <chrono>

using namespace chainscope;
using config::Entry;
using config::EntryKind;

namespace {

constexpr int kServices = 10'000;

QString svc(int i)
{
    return QStringLiteral("svc-%1").arg(i % kServices, 5, 10, QLatin1Char('0'));
}

template<class Body>
Entry makeEntry(EntryKind kind, const QString &name, Body body)
{
    Entry e;
    e.kind = kind;
    e.name = name;
    e.body = std::move(body);
    e.span = SourceSpan{name + QStringLiteral(".hcl"), SourcePos{1, 1, 0}, SourcePos{20, 1, 400}};
    return e;
}

QList<Entry> generateMesh()
{
    QList<Entry> entries;
    entries.reserve(kServices * 3);
    config::ProxyDefaults pd;
    pd.protocol = QStringLiteral("http");
    pd.meshGateway.mode = QStringLiteral("local");
    entries << makeEntry(EntryKind::ProxyDefaults, QStringLiteral("global"), pd);
    for (int i = 0; i < kServices; ++i) {
        const QString name = svc(i);
        config::ServiceDefaults sd;
        sd.protocol = QStringLiteral("http");
        entries << makeEntry(EntryKind::ServiceDefaults, name, sd);

        config::ServiceResolver r;
        r.defaultSubset = QStringLiteral("v1");
        r.subsets.insert(QStringLiteral("v1"), config::ResolverSubset{QStringLiteral("Service.Meta.version == v1"), false, {}});
        r.subsets.insert(QStringLiteral("v2"), config::ResolverSubset{QStringLiteral("Service.Meta.version == v2"), true, {}});
        r.connectTimeout = std::chrono::seconds(3);
        config::ResolverFailover f;
        if (i % 2 == 0) {
            f.datacenters = {QStringLiteral("dc2"), QStringLiteral("dc3")};
        } else {
            config::FailoverTarget a, b;
            a.datacenter = QStringLiteral("dc2");
            b.service = svc(i + 1);
            f.targets << a << b;
        }
        r.failover.insert(QStringLiteral("*"), f);
        entries << makeEntry(EntryKind::ServiceResolver, name, r);

        if (i % 5 == 0) {
            config::ServiceSplitter sp;
            config::ServiceSplit s1, s2, s3;
            s1.weight = 80;
            s1.serviceSubset = QStringLiteral("v1");
            s2.weight = 10;
            s2.serviceSubset = QStringLiteral("v2");
            s3.weight = 10;
            s3.service = svc(i + 3);
            sp.splits << s1 << s2 << s3;
            entries << makeEntry(EntryKind::ServiceSplitter, name, sp);

            config::ServiceRouter rt;
            config::ServiceRoute admin, canary;
            admin.match = config::RouteMatch{config::HttpRouteMatch{}};
            admin.match->http->pathPrefix = QStringLiteral("/admin");
            admin.destination = config::RouteDestination{};
            admin.destination->service = svc(i + 7);
            canary.match = config::RouteMatch{config::HttpRouteMatch{}};
            canary.match->http->header << config::HeaderMatch{QStringLiteral("x-canary"), true, {}, {}, {}, {}, false};
            canary.destination = config::RouteDestination{};
            canary.destination->serviceSubset = QStringLiteral("v2");
            rt.routes << admin << canary;
            entries << makeEntry(EntryKind::ServiceRouter, name, rt);
        }
    }
    return entries;
}

const chain::ChainCompiler &meshCompiler()
{
    static const chain::ChainCompiler compiler(generateMesh());
    return compiler;
}

void BM_CompileEveryChain(benchmark::State &state)
{
    const chain::ChainCompiler &compiler = meshCompiler();
    QList<chain::CompileRequest> requests;
    requests.reserve(kServices);
    for (int i = 0; i < kServices; ++i)
        requests << chain::CompileRequest::forService(svc(i));
    qsizetype failures = 0;
    for (auto _ : state) {
        for (const chain::CompileRequest &r : std::as_const(requests)) {
            auto result = compiler.compile(r);
            failures += result ? 0 : 1;
            benchmark::DoNotOptimize(result);
        }
    }
    if (failures != 0)
        state.SkipWithError("some chains did not compile");
    state.SetItemsProcessed(state.iterations() * kServices);
    state.counters["us_per_chain"] = benchmark::Counter(double(state.iterations()) * kServices, benchmark::Counter::kIsRate | benchmark::Counter::kInvert,
                                                        benchmark::Counter::OneK::kIs1000);
}

// One router+splitter chain (the heaviest kind in the mesh), on its own.
void BM_CompileRoutedChain(benchmark::State &state)
{
    const chain::ChainCompiler &compiler = meshCompiler();
    const chain::CompileRequest r = chain::CompileRequest::forService(svc(0));
    for (auto _ : state) {
        auto result = compiler.compile(r);
        benchmark::DoNotOptimize(result);
    }
}

void BM_IndexMesh(benchmark::State &state)
{
    const QList<Entry> mesh = generateMesh();
    for (auto _ : state) {
        chain::ChainCompiler compiler(mesh);
        benchmark::DoNotOptimize(compiler);
    }
}

} // namespace

// us_per_chain is reported in seconds by the kInvert rate; multiply by 1e6 for µs (it prints e.g. "8.1u").
BENCHMARK(BM_CompileEveryChain)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(BM_CompileRoutedChain)->Unit(benchmark::kMicrosecond)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(BM_IndexMesh)->Unit(benchmark::kMillisecond)->Iterations(3);

BENCHMARK_MAIN();
