// loadConfig throughput (entries/s, single thread) over 10,000 generated entries per format: resolvers with
// subsets and failover, routers, splitters, service-defaults. Goals: ≥100,000/s HCL and JSON, ≥20,000/s YAML.
// BM_Load* run the whole pipeline (walk, read, parse, decode, validate, duplicates) over one file per entry;
// BM_RawFiles* only openat, read and close the same files, one system call each: the operating system's floor for that
// layout, measured side by side; BM_RawFilesBatched* do the same through io_uring 32 files to a batch, as the walk
// does where the kernel allows it. BM_LoadBundled* load the same entries kept 100 to a file (JSON arrays, multi-document
// YAML; Consul's HCL holds one entry per file), BM_LoadFromMemory* run parse + decode + validate on texts
// already in memory: what chainscope's own code costs. BM_Read* (walk, read, parse), BM_Decode* (decode
// documents read beforehand, untimed, and moved in as loadConfig does) and BM_Validate show where the time goes.
#include "config/batchread_p.h"
#include "config/configset.h"
#include "config/emit.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace chainscope::config;

namespace {

constexpr int kEntries = 10'000;
constexpr int kPerBundle = 100;

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
        for (const char *f : {"json", "hcl", "yaml", "json-bundled", "yaml-bundled"})
            QDir(m_dir.path()).mkpath(QLatin1String(f));
        QByteArray jsonBundle, yamlBundle;
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
            const QByteArray yaml = emitYaml(decoded.entries).toUtf8();
            write(dir("yaml") + u'/' + name + QStringLiteral(".yaml"), yaml);

            jsonBundle += (jsonBundle.isEmpty() ? "[" : ",\n") + json;
            yamlBundle += (yamlBundle.isEmpty() ? "" : "---\n") + yaml;
            if ((i + 1) % kPerBundle == 0) {
                const QString bundle = QStringLiteral("b%1").arg(i / kPerBundle, 3, 10, QLatin1Char('0'));
                write(dir("json-bundled") + u'/' + bundle + QStringLiteral(".json"), jsonBundle + "]\n");
                write(dir("yaml-bundled") + u'/' + bundle + QStringLiteral(".yaml"), yamlBundle);
                jsonBundle.clear();
                yamlBundle.clear();
            }
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

/** The files of a corpus directory, sorted (the walk's own cost is not part of these baselines). */
QStringList corpusFiles(const char *format)
{
    QDir dir(Corpus::instance().dir(format));
    QStringList files;
    for (const QString &name : dir.entryList(QDir::Files, QDir::Name))
        files << dir.filePath(name);
    return files;
}

/** Once per iteration: opens the corpus directory and hands it with the corpus's file names to readAll,
 *  which returns the bytes it read, or -1 after state.SkipWithError. */
template<class ReadAll>
void rawFilesLoop(benchmark::State &state, const char *format, ReadAll readAll)
{
    QList<QByteArray> names;
    for (const QString &f : corpusFiles(format))
        names << QFile::encodeName(QFileInfo(f).fileName());
    const QByteArray dirPath = QFile::encodeName(Corpus::instance().dir(format));
    for (auto _ : state) {
        const int dirFd = ::open(dirPath.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dirFd < 0) {
            state.SkipWithError("cannot open the corpus directory");
            return;
        }
        const qint64 bytes = readAll(dirFd, std::as_const(names));
        ::close(dirFd);
        if (bytes < 0)
            return;
        benchmark::DoNotOptimize(bytes);
    }
    state.counters["entries/s"] = benchmark::Counter(kEntries, benchmark::Counter::kIsIterationInvariantRate);
}

void rawFilesBench(benchmark::State &state, const char *format)
{
    // What the loader's walk does per file without io_uring, and nothing else: openat relative to the
    // directory, read, close.
    char buffer[1 << 16];
    rawFilesLoop(state, format, [&](int dirFd, const QList<QByteArray> &names) -> qint64 {
        qint64 bytes = 0;
        for (const QByteArray &name : names) {
            const int fd = ::openat(dirFd, name.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
            if (fd < 0) {
                state.SkipWithError("cannot open a corpus file");
                return -1;
            }
            bytes += ::read(fd, buffer, sizeof buffer);
            ::close(fd);
        }
        return bytes;
    });
}

void rawFilesBatchedBench(benchmark::State &state, const char *format)
{
    // What the walk does per batch of files where io_uring is available, and nothing else.
    constexpr int kSlots = 32;
    constexpr qsizetype kSlotBytes = 64 * 1024;
    auto reader = detail::BatchReader::create(kSlots);
    if (!reader) {
        state.SkipWithError("io_uring is not available to this process");
        return;
    }
    const auto buffers = std::make_unique_for_overwrite<char[]>(size_t(kSlots * kSlotBytes));
    std::vector<detail::BatchReader::Request> requests;
    std::vector<detail::BatchReader::Outcome> outcomes;
    rawFilesLoop(state, format, [&](int dirFd, const QList<QByteArray> &names) -> qint64 {
        qint64 bytes = 0;
        for (qsizetype first = 0; first < names.size(); first += kSlots) {
            requests.clear();
            for (qsizetype i = first; i < std::min(first + kSlots, names.size()); ++i)
                requests.push_back({dirFd, names[i].constData(), buffers.get() + (i - first) * kSlotBytes, kSlotBytes});
            outcomes.resize(requests.size());
            if (!reader->read(requests, outcomes)) {
                state.SkipWithError("the ring failed");
                return -1;
            }
            for (const auto &o : outcomes)
                bytes += o.error ? 0 : o.size;
        }
        return bytes;
    });
}

void fromMemoryBench(benchmark::State &state, const char *format, DocumentFormat documentFormat)
{
    QList<std::pair<QString, QByteArray>> texts;
    for (const QString &f : corpusFiles(format)) {
        QFile file(f);
        if (!file.open(QIODevice::ReadOnly)) {
            state.SkipWithError("cannot read a corpus file");
            return;
        }
        texts.append({f, file.readAll()});
    }
    for (auto _ : state) {
        // As loadConfig does it, a text at a time.
        ConfigAssembler assembler;
        ReadResult all;
        for (const auto &[name, text] : std::as_const(texts)) {
            ReadResult one = readText(text, name, documentFormat);
            for (SourceDocument &doc : one.documents)
                assembler.add(std::move(doc));
            all.files.append(std::move(one.files));
            all.diagnostics.append(std::move(one.diagnostics));
        }
        const ConfigSet set = assembler.finish(all);
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
    const QString dir = Corpus::instance().dir(format);
    for (auto _ : state) {
        // Documents read afresh for every iteration, untimed, and decoded the way loadConfig does it: moved
        // in, so the decoder takes their trees over (a shared copy would be deep-copied on first write).
        state.PauseTiming();
        ReadResult read = readPaths({dir});
        state.ResumeTiming();
        qsizetype n = 0;
        for (SourceDocument &doc : read.documents)
            n += decodeDocument(std::move(doc)).entries.size();
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
void BM_LoadBundledJson(benchmark::State &s) { loadBench(s, "json-bundled"); }
void BM_LoadBundledYaml(benchmark::State &s) { loadBench(s, "yaml-bundled"); }
void BM_RawFilesHcl(benchmark::State &s) { rawFilesBench(s, "hcl"); }
void BM_RawFilesJson(benchmark::State &s) { rawFilesBench(s, "json"); }
void BM_RawFilesYaml(benchmark::State &s) { rawFilesBench(s, "yaml"); }
void BM_RawFilesBatchedHcl(benchmark::State &s) { rawFilesBatchedBench(s, "hcl"); }
void BM_RawFilesBatchedJson(benchmark::State &s) { rawFilesBatchedBench(s, "json"); }
void BM_LoadFromMemoryHcl(benchmark::State &s) { fromMemoryBench(s, "hcl", DocumentFormat::Hcl); }
void BM_LoadFromMemoryJson(benchmark::State &s) { fromMemoryBench(s, "json", DocumentFormat::Json); }
void BM_LoadFromMemoryYaml(benchmark::State &s) { fromMemoryBench(s, "yaml", DocumentFormat::Yaml); }
void BM_DecodeHcl(benchmark::State &s) { decodeBench(s, "hcl"); }
void BM_DecodeJson(benchmark::State &s) { decodeBench(s, "json"); }
void BM_DecodeYaml(benchmark::State &s) { decodeBench(s, "yaml"); }

} // namespace

BENCHMARK(BM_LoadHcl)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadJson)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadYaml)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RawFilesHcl)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RawFilesJson)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RawFilesYaml)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RawFilesBatchedHcl)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RawFilesBatchedJson)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadBundledJson)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadBundledYaml)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadFromMemoryHcl)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadFromMemoryJson)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadFromMemoryYaml)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadHcl)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadJson)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadYaml)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Validate)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DecodeHcl)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DecodeJson)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DecodeYaml)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
