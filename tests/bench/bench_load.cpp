// loadConfig throughput (entries/s, single thread) over 10,000 generated entries per format: resolvers with
// subsets and failover, routers, splitters, service-defaults. Goals: ≥100,000/s HCL and JSON, ≥20,000/s YAML.
// BM_Load* run the whole pipeline (walk, read, parse, decode, validate, duplicates); BM_Read* (walk, read,
// parse), BM_Decode* (decode documents read beforehand) and BM_Validate show where the time goes.
#include "config/configset.h"
#include "config/emit.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

using namespace chainscope::config;

namespace {

constexpr int kEntries = 10'000;

/** Entry i of the generated mesh, as Consul JSON (every 4th entry of each kind). */
QByteArray entryJson(int i)
{
    const QByteArray svc = "svc-" + QByteArray::number(i / 4);
    switch (i % 4) {
    case 0:
        return R"({"Kind":"service-resolver","Name":")" + svc + R"(","DefaultSubset":"v1","ConnectTimeout":"5s",
"Subsets":{"v1":{"Filter":"Service.Meta.version == v1"},"v2":{"Filter":"Service.Meta.version == v2","OnlyPassing":true}},
"Failover":{"*":{"Datacenters":["dc2","dc3"]},"v2":{"Targets":[{"Datacenter":"dc2"},{"Peer":"peer-01"}]}}})";
    case 1:
        return R"({"Kind":"service-router","Name":")" + svc + R"(","Routes":[
{"Match":{"HTTP":{"PathPrefix":"/api","Methods":["GET","POST"],"Header":[{"Name":"x-canary","Exact":"1"}]}},
 "Destination":{"Service":")" + svc + R"(","ServiceSubset":"v2","RequestTimeout":"2s","NumRetries":3,"RetryOn":["5xx"]}},
{"Match":{"HTTP":{"PathExact":"/health"}},"Destination":{"ServiceSubset":"v1"}}]})";
    case 2:
        return R"({"Kind":"service-splitter","Name":")" + svc + R"(","Splits":[
{"Weight":90,"ServiceSubset":"v1"},{"Weight":10,"ServiceSubset":"v2","RequestHeaders":{"Set":{"x-split":"canary"}}}]})";
    default:
        return R"({"Kind":"service-defaults","Name":")" + svc + R"(","Protocol":"http","MeshGateway":{"Mode":"local"}})";
    }
}

/** Three directories of kEntries files each (json/, hcl/, yaml/), written once per process. */
class Corpus
{
public:
    static const Corpus &instance()
    {
        static const Corpus corpus;
        return corpus;
    }
    [[nodiscard]] QString dir(const char *format) const { return m_dir.filePath(QLatin1String(format)); }

private:
    Corpus()
    {
        if (!m_dir.isValid()) {
            std::fprintf(stderr, "bench_load: cannot create a temporary directory\n");
            std::exit(1);
        }
        for (const char *f : {"json", "hcl", "yaml"})
            QDir(m_dir.path()).mkpath(QLatin1String(f));
        for (int i = 0; i < kEntries; ++i) {
            const QString name = QStringLiteral("e%1").arg(i, 5, 10, QLatin1Char('0'));
            const QByteArray json = entryJson(i);
            const DecodeResult decoded = decodeDocument(readText(json, name, DocumentFormat::Json).documents.value(0));
            if (decoded.entries.size() != 1) {
                std::fprintf(stderr, "bench_load: generated entry %d does not decode\n", i);
                std::exit(1);
            }
            write(dir("json") + u'/' + name + QStringLiteral(".json"), json);
            write(dir("hcl") + u'/' + name + QStringLiteral(".hcl"), emitHcl(decoded.entries).toUtf8());
            write(dir("yaml") + u'/' + name + QStringLiteral(".yaml"), emitYaml(decoded.entries).toUtf8());
        }
    }
    static void write(const QString &path, const QByteArray &data)
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size()) {
            std::fprintf(stderr, "bench_load: cannot write %s\n", qPrintable(path));
            std::exit(1);
        }
    }
    QTemporaryDir m_dir;
};

void loadBench(benchmark::State &state, const char *format)
{
    const QString dir = Corpus::instance().dir(format);
    for (auto _ : state) {
        const ConfigSet set = loadConfig({dir});
        if (set.entries.size() != kEntries || hasErrors(set.diagnostics)) {
            state.SkipWithError("generated corpus did not load cleanly");
            return;
        }
        benchmark::DoNotOptimize(set.entries.data());
    }
    state.counters["entries/s"] = benchmark::Counter(kEntries, benchmark::Counter::kIsIterationInvariantRate);
}

void decodeBench(benchmark::State &state, const char *format)
{
    const ReadResult read = readPaths({Corpus::instance().dir(format)});
    for (auto _ : state) {
        qsizetype n = 0;
        for (const SourceDocument &doc : read.documents)
            n += decodeDocument(doc).entries.size();
        if (n != kEntries) {
            state.SkipWithError("generated corpus did not decode cleanly");
            return;
        }
    }
    state.counters["entries/s"] = benchmark::Counter(kEntries, benchmark::Counter::kIsIterationInvariantRate);
}

void readBench(benchmark::State &state, const char *format)
{
    const QString dir = Corpus::instance().dir(format);
    for (auto _ : state) {
        const ReadResult read = readPaths({dir});
        if (read.documents.size() != kEntries) {
            state.SkipWithError("generated corpus did not read cleanly");
            return;
        }
    }
    state.counters["entries/s"] = benchmark::Counter(kEntries, benchmark::Counter::kIsIterationInvariantRate);
}

void validateBench(benchmark::State &state)
{
    const ConfigSet set = loadConfig({Corpus::instance().dir("json")});
    for (auto _ : state) {
        qsizetype n = 0;
        for (const Entry &e : set.entries)
            n += validateEntry(e).size();
        n += checkDuplicates(set.entries).size();
        benchmark::DoNotOptimize(n);
    }
    state.counters["entries/s"] = benchmark::Counter(kEntries, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_ReadHcl(benchmark::State &s) { readBench(s, "hcl"); }
void BM_ReadJson(benchmark::State &s) { readBench(s, "json"); }
void BM_ReadYaml(benchmark::State &s) { readBench(s, "yaml"); }
void BM_Validate(benchmark::State &s) { validateBench(s); }
void BM_LoadHcl(benchmark::State &s) { loadBench(s, "hcl"); }
void BM_LoadJson(benchmark::State &s) { loadBench(s, "json"); }
void BM_LoadYaml(benchmark::State &s) { loadBench(s, "yaml"); }
void BM_DecodeHcl(benchmark::State &s) { decodeBench(s, "hcl"); }
void BM_DecodeJson(benchmark::State &s) { decodeBench(s, "json"); }
void BM_DecodeYaml(benchmark::State &s) { decodeBench(s, "yaml"); }

} // namespace

BENCHMARK(BM_LoadHcl)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadJson)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadYaml)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadHcl)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadJson)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadYaml)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Validate)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DecodeHcl)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DecodeJson)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DecodeYaml)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
