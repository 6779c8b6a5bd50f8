// runtime.md §8 acceptance scenarios, data-driven: every folder under data/scenarios holds config/ (entry
// files), catalog.json and scenario.json (cases: flags + expected shares, states and problem codes).
#include "chain/compiler.h"
#include "config/configset.h"
#include "sim/catalog.h"
#include "sim/routing.h"
#include "sim/simulation.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace chainscope;
using namespace chainscope::sim;

namespace {

constexpr double kTolerance = 1e-6;

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray())
        out.append(x.toString());
    return out;
}

/** The case's "flags" object → Scenario (the same knobs as the command line's simulation flags). */
bool scenarioFrom(const QJsonObject &flags, Scenario &s, QString &error)
{
    s.sourceService = flags.value(QStringLiteral("source")).toString();
    for (const QString &id : strings(flags.value(QStringLiteral("down"))))
        s.health.downInstances.insert(id);
    for (const QString &dc : strings(flags.value(QStringLiteral("downDc"))))
        s.health.downDatacenters.insert(dc);
    for (const QString &p : strings(flags.value(QStringLiteral("downPeer"))))
        s.health.downPeers.insert(p);
    for (const QString &t : strings(flags.value(QStringLiteral("downSubset"))))
        s.health.downSubsets.insert(t);
    const QJsonObject checks = flags.value(QStringLiteral("check")).toObject();
    for (auto it = checks.begin(); it != checks.end(); ++it)
        s.health.checkStatus.insert(it.key(), it.value().toString());
    if (flags.contains(QStringLiteral("request")) && !parseRequestLine(flags.value(QStringLiteral("request")).toString(), s.request)) {
        error = QStringLiteral("bad request line");
        return false;
    }
    for (const QString &h : strings(flags.value(QStringLiteral("headers")))) {
        QPair<QString, QString> header;
        if (!parseHeader(h, header)) {
            error = QStringLiteral("bad header ") + h;
            return false;
        }
        s.request.headers.append(header);
    }
    s.defaultIntention = flags.value(QStringLiteral("defaultIntention")).toString(QStringLiteral("allow"));
    s.era = flags.value(QStringLiteral("era")).toString() == u"legacy" ? ConsulEra::Legacy : ConsulEra::Current;
    s.transparentProxy = !flags.value(QStringLiteral("explicitUpstreams")).toBool(false);
    return true;
}

QString stateName(TargetState s)
{
    return s == TargetState::Active ? QStringLiteral("active") : s == TargetState::Standby ? QStringLiteral("standby") : QStringLiteral("dead");
}

QString scenariosDir()
{
    return QStringLiteral(TEST_DATA_DIR "/scenarios");
}

} // namespace

class TestScenarios : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void scenarios_data();
    void scenarios();
};

void TestScenarios::scenarios_data()
{
    QTest::addColumn<QString>("dir");
    QTest::addColumn<int>("caseIndex");
    const QStringList dirs = QDir(scenariosDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY2(dirs.size() >= 27, "runtime.md §8 has 27 scenarios");
    for (const QString &d : dirs) {
        const QString path = scenariosDir() + QLatin1Char('/') + d;
        const QJsonArray cases = readJson(path + QStringLiteral("/scenario.json")).value(QStringLiteral("cases")).toArray();
        QVERIFY2(!cases.isEmpty(), qPrintable(d + QStringLiteral(": scenario.json has no cases")));
        for (qsizetype i = 0; i < cases.size(); ++i) {
            const QString name = d + QStringLiteral(" / ") + cases.at(i).toObject().value(QStringLiteral("name")).toString();
            QTest::newRow(qPrintable(name)) << path << int(i);
        }
    }
}

void TestScenarios::scenarios()
{
    QFETCH(QString, dir);
    QFETCH(int, caseIndex);
    const QJsonObject spec = readJson(dir + QStringLiteral("/scenario.json"));
    const QJsonObject c = spec.value(QStringLiteral("cases")).toArray().at(caseIndex).toObject();
    const QString service = c.value(QStringLiteral("service")).toString(spec.value(QStringLiteral("service")).toString());
    const config::Edition edition = spec.value(QStringLiteral("edition")).toString() == u"ce" ? config::Edition::CE : config::Edition::Enterprise;

    QList<config::Entry> entries;
    const QString configDir = dir + QStringLiteral("/config");
    if (QDir(configDir).exists()) {
        config::LoadOptions options;
        options.edition = edition;
        const config::ConfigSet set = config::loadConfig({configDir}, options);
        for (const Diagnostic &d : set.diagnostics)
            QVERIFY2(d.severity != Severity::Error, qPrintable(d.format()));
        entries = set.entries;
    }
    chain::CompileRequest request = chain::CompileRequest::forService(service);
    request.evaluateInDatacenter = spec.value(QStringLiteral("datacenter")).toString(QStringLiteral("dc1"));
    request.edition = edition;
    const Result<chain::CompiledChain> compiled = chain::compile(entries, request);
    QVERIFY2(compiled, compiled.diagnostics.isEmpty() ? "compile failed" : qPrintable(compiled.diagnostics.front().format()));
    const Result<Catalog> catalog = loadCatalog(dir + QStringLiteral("/catalog.json"));
    QVERIFY2(catalog, catalog.diagnostics.isEmpty() ? "catalog failed" : qPrintable(catalog.diagnostics.front().format()));

    Scenario scenario;
    QString error;
    QVERIFY2(scenarioFrom(c.value(QStringLiteral("flags")).toObject(), scenario, error), qPrintable(error));
    scenario.edition = edition;
    const Simulator simulator(*compiled, *catalog, entries);
    const SimulationResult r = simulator.run(scenario);

    QString dump = r.summary + QLatin1Char('\n');
    for (const InstanceOutcome &i : r.instances)
        dump += QStringLiteral("  %1 %2 %3\n").arg(i.target, i.id).arg(i.share);
    for (const Diagnostic &d : r.problems)
        dump += QStringLiteral("  %1 %2\n").arg(d.code, d.message);

    // Invariant: failed + Σ instance shares = 1.
    double sum = r.failed;
    QHash<QString, double> byId;
    double maxShare = 0.0;
    for (const InstanceOutcome &i : r.instances) {
        QVERIFY(i.share >= 0.0);
        QVERIFY2(i.healthy || i.share == 0.0, qPrintable(i.id + QStringLiteral(" is unhealthy but gets traffic")));
        sum += i.share;
        byId[i.id] += i.share;
        maxShare = std::max(maxShare, byId.value(i.id));
    }
    QVERIFY2(qAbs(sum - 1.0) < 1e-9, qPrintable(dump));

    const QJsonObject expect = c.value(QStringLiteral("expect")).toObject();
    if (expect.contains(QStringLiteral("failed")))
        QVERIFY2(qAbs(r.failed - expect.value(QStringLiteral("failed")).toDouble()) < kTolerance, qPrintable(QStringLiteral("failed %1\n").arg(r.failed) + dump));
    if (expect.contains(QStringLiteral("instances"))) {
        // Listed instances get exactly their share; every other instance gets nothing.
        const QJsonObject want = expect.value(QStringLiteral("instances")).toObject();
        for (auto it = want.begin(); it != want.end(); ++it)
            QVERIFY2(qAbs(byId.value(it.key()) - it.value().toDouble()) < kTolerance, qPrintable(it.key() + QStringLiteral(" share\n") + dump));
        for (auto it = byId.cbegin(); it != byId.cend(); ++it) {
            if (!want.contains(it.key()))
                QVERIFY2(it.value() < kTolerance, qPrintable(it.key() + QStringLiteral(" should get nothing\n") + dump));
        }
    }
    if (expect.contains(QStringLiteral("maxInstanceShare")))
        QVERIFY2(qAbs(maxShare - expect.value(QStringLiteral("maxInstanceShare")).toDouble()) < kTolerance, qPrintable(dump));
    const QJsonObject targets = expect.value(QStringLiteral("targets")).toObject();
    for (auto it = targets.begin(); it != targets.end(); ++it) {
        const auto found = std::find_if(r.targets.cbegin(), r.targets.cend(), [&](const TargetOutcome &t) { return t.id == it.key(); });
        QVERIFY2(found != r.targets.cend(), qPrintable(QStringLiteral("no target ") + it.key() + QLatin1Char('\n') + dump));
        const QJsonObject t = it.value().toObject();
        if (t.contains(QStringLiteral("share")))
            QVERIFY2(qAbs(found->share - t.value(QStringLiteral("share")).toDouble()) < kTolerance, qPrintable(it.key() + QStringLiteral(" share\n") + dump));
        if (t.contains(QStringLiteral("state")))
            QCOMPARE(stateName(found->state), t.value(QStringLiteral("state")).toString());
        if (t.contains(QStringLiteral("allowed")))
            QCOMPARE(found->allowed, t.value(QStringLiteral("allowed")).toBool());
        if (t.contains(QStringLiteral("level")))
            QCOMPARE(found->level, t.value(QStringLiteral("level")).toInt());
        QVERIFY(!found->explanation.isEmpty());
    }
    QStringList codes;
    for (const Diagnostic &d : r.problems)
        codes.append(d.code);
    for (const QString &code : strings(expect.value(QStringLiteral("problems"))))
        QVERIFY2(codes.contains(code), qPrintable(code + QStringLiteral(" expected\n") + dump));
    for (const QString &code : strings(expect.value(QStringLiteral("noProblems"))))
        QVERIFY2(!codes.contains(code), qPrintable(code + QStringLiteral(" not expected\n") + dump));
    QVERIFY(!r.summary.isEmpty());
}

QTEST_GUILESS_MAIN(TestScenarios)
#include "tst_scenarios.moc"
