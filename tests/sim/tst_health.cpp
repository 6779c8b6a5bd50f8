// Endpoint health and weight (runtime.md §2.2/§2.3) and the simulator's health overrides.
#include "sim/health.h"
#include "sim/simulation.h"

#include <QTest>

using namespace chainscope;
using namespace chainscope::sim;

namespace {

using S = CheckStatus;

/** A chain of one resolver node for `service` in dc1, failing over to `failoverDcs` (hand-built: this test
 *  is about health, not the compiler). */
chain::CompiledChain makeChain(const QString &service, const QStringList &failoverDcs = {}, const chain::TargetSubset &subset = {},
                               const QString &subsetName = {})
{
    chain::CompiledChain c;
    c.serviceName = service;
    c.namespace_ = QStringLiteral("default");
    c.partition = QStringLiteral("default");
    c.datacenter = QStringLiteral("dc1");
    c.protocol = QStringLiteral("http");
    const auto makeTarget = [&](const QString &dc) {
        chain::ChainTarget t;
        t.service = service;
        t.serviceSubset = subsetName;
        t.namespace_ = QStringLiteral("default");
        t.partition = QStringLiteral("default");
        t.datacenter = dc;
        t.subset = subset;
        t.id = (subsetName.isEmpty() ? QString() : subsetName + QLatin1Char('.')) + service + QStringLiteral(".default.default.") + dc;
        c.targets.insert(t.id, t);
        return t.id;
    };
    chain::ChainNode node;
    node.type = chain::NodeType::Resolver;
    chain::ChainResolver r;
    r.target = makeTarget(QStringLiteral("dc1"));
    node.name = r.target;
    if (!failoverDcs.isEmpty()) {
        chain::ChainFailover f;
        for (const QString &dc : failoverDcs)
            f.targets.append(makeTarget(dc));
        r.failover = f;
    }
    node.resolver = r;
    c.startNode = node.key();
    c.nodes.insert(node.key(), node);
    return c;
}

Catalog catalogFrom(const char *json)
{
    const Result<Catalog> r = parseCatalog(QByteArray(json), QStringLiteral("catalog.json"));
    if (!r)
        qFatal("test catalog does not parse");
    return *r;
}

/** api in dc1: a1 passing, a2 warning (weights 10/1), a3 on a node in maintenance; a sidecar for a1
 *  whose application check lives only on the application registration. dc2: b1, b2 passing. */
const char *kCatalog = R"({
 "dc1": {"api": [
  {"Node": {"Node": "n1", "Datacenter": "dc1"}, "Service": {"ID": "a1", "Service": "api", "Weights": {"Passing": 10, "Warning": 1}},
   "Checks": [{"CheckID": "serfHealth", "Status": "passing"}, {"CheckID": "service:a1", "ServiceID": "a1", "Status": "passing"}]},
  {"Node": {"Node": "n1", "Datacenter": "dc1"}, "Service": {"ID": "a1-sidecar-proxy", "Service": "api-sidecar-proxy", "Kind": "connect-proxy",
   "Proxy": {"DestinationServiceName": "api", "DestinationServiceID": "a1"}, "Weights": {"Passing": 10, "Warning": 1}},
   "Checks": [{"CheckID": "serfHealth", "Status": "passing"}]},
  {"Node": {"Node": "n2", "Datacenter": "dc1"}, "Service": {"ID": "a2", "Service": "api", "Weights": {"Passing": 10, "Warning": 1}},
   "Checks": [{"CheckID": "service:a2", "ServiceID": "a2", "Status": "warning"}]},
  {"Node": {"Node": "n2", "Datacenter": "dc1"}, "Service": {"ID": "a2-sidecar-proxy", "Service": "api-sidecar-proxy", "Kind": "connect-proxy",
   "Proxy": {"DestinationServiceName": "api", "DestinationServiceID": "a2"}, "Weights": {"Passing": 10, "Warning": 1}}, "Checks": []},
  {"Node": {"Node": "n3", "Datacenter": "dc1"}, "Service": {"ID": "a3", "Service": "api", "Weights": {"Passing": 10, "Warning": 1}},
   "Checks": [{"CheckID": "_node_maintenance", "Status": "critical"}]},
  {"Node": {"Node": "n3", "Datacenter": "dc1"}, "Service": {"ID": "a3-sidecar-proxy", "Service": "api-sidecar-proxy", "Kind": "connect-proxy",
   "Proxy": {"DestinationServiceName": "api", "DestinationServiceID": "a3"}, "Weights": {"Passing": 10, "Warning": 1}},
   "Checks": [{"CheckID": "_node_maintenance", "Status": "critical"}]}
 ]},
 "dc2": {"api": [
  {"Node": {"Node": "m1", "Datacenter": "dc2"}, "Service": {"ID": "b1", "Service": "api"}, "Checks": []},
  {"Node": {"Node": "m2", "Datacenter": "dc2"}, "Service": {"ID": "b2", "Service": "api"}, "Checks": []}
 ]}
})";

double shareOf(const SimulationResult &r, const QString &id)
{
    double s = 0;
    for (const InstanceOutcome &i : r.instances) {
        if (i.id == id)
            s += i.share;
    }
    return s;
}

void verifySumsToOne(const SimulationResult &r)
{
    double sum = r.failed;
    for (const InstanceOutcome &i : r.instances)
        sum += i.share;
    QVERIFY2(qAbs(sum - 1.0) < 1e-9, qPrintable(QString::number(sum, 'g', 17)));
}

} // namespace

class TestHealth : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void endpointRules_data();
    void endpointRules();
    void statusNames();
    void aliasAndMaintenance();
    void overrides();
    void onlyPassingSubset();
    void downSubsetAndDatacenter();
};

void TestHealth::endpointRules_data()
{
    QTest::addColumn<QList<CheckStatus>>("checks");
    QTest::addColumn<int>("passing");
    QTest::addColumn<int>("warning");
    QTest::addColumn<bool>("onlyPassing");
    QTest::addColumn<bool>("healthy");
    QTest::addColumn<int>("weight");
    using L = QList<CheckStatus>;
    QTest::newRow("no checks") << L{} << 1 << 1 << false << true << 1;
    QTest::newRow("passing") << L{S::Passing} << 3 << 1 << false << true << 3;
    QTest::newRow("warning stays healthy") << L{S::Passing, S::Warning} << 10 << 1 << false << true << 1;
    QTest::newRow("warning with OnlyPassing") << L{S::Warning} << 1 << 1 << true << false << 1;
    QTest::newRow("critical") << L{S::Passing, S::Critical} << 1 << 1 << false << false << 1;
    QTest::newRow("warning weight 0") << L{S::Warning} << 5 << 0 << false << false << 1;
    QTest::newRow("passing weight 0") << L{S::Passing} << 0 << 1 << false << false << 1;
    QTest::newRow("weight capped") << L{S::Passing} << 1000 << 1 << false << true << 128;
    QTest::newRow("OnlyPassing all passing") << L{S::Passing, S::Passing} << 2 << 1 << true << true << 2;
}

void TestHealth::endpointRules()
{
    QFETCH(QList<CheckStatus>, checks);
    QFETCH(int, passing);
    QFETCH(int, warning);
    QFETCH(bool, onlyPassing);
    QFETCH(bool, healthy);
    QFETCH(int, weight);
    const EndpointHealth h = endpointHealth(checks, passing, warning, onlyPassing);
    QCOMPARE(h.healthy, healthy);
    QCOMPARE(h.weight, weight);
}

void TestHealth::statusNames()
{
    QCOMPARE(parseCheckStatus(u"maintenance"), std::optional<CheckStatus>(S::Critical));
    QCOMPARE(parseCheckStatus(u"warning"), std::optional<CheckStatus>(S::Warning));
    QVERIFY(!parseCheckStatus(u"Passing"));
    QCOMPARE(checkStatusName(S::Passing), QStringLiteral("passing"));
    QCOMPARE(serviceMaintenanceCheckId(QStringLiteral("a1")), QStringLiteral("_service_maintenance:a1"));
    CatalogCheck c;
    c.checkId = QStringLiteral("x");
    c.status = QStringLiteral("passing");
    QCOMPARE(aggregatedStatus({c}), S::Passing);
    QCOMPARE(aggregatedStatus({c}, {{QStringLiteral("x"), QStringLiteral("maintenance")}}), S::Critical);
}

void TestHealth::aliasAndMaintenance()
{
    const Simulator sim(makeChain(QStringLiteral("api")), catalogFrom(kCatalog), {});
    const SimulationResult r = sim.run({});
    verifySumsToOne(r);
    // The sidecars are the endpoints; a2's warning reaches its sidecar through the alias (weight 1 of 11).
    QCOMPARE(r.instances.size(), 3);
    QVERIFY(qAbs(shareOf(r, QStringLiteral("a1-sidecar-proxy")) - 10.0 / 11.0) < 1e-9);
    QVERIFY(qAbs(shareOf(r, QStringLiteral("a2-sidecar-proxy")) - 1.0 / 11.0) < 1e-9);
    QCOMPARE(shareOf(r, QStringLiteral("a3-sidecar-proxy")), 0.0);
    QCOMPARE(r.failed, 0.0);
    QCOMPARE(r.targets.front().healthyInstances, 2);
    QCOMPARE(r.targets.front().totalInstances, 3);
}

void TestHealth::overrides()
{
    const Simulator sim(makeChain(QStringLiteral("api")), catalogFrom(kCatalog), {});
    Scenario s;
    // An application check override reaches the sidecar; maintenance is critical.
    s.health.checkStatus.insert(QStringLiteral("service:a1"), QStringLiteral("maintenance"));
    SimulationResult r = sim.run(s);
    verifySumsToOne(r);
    QCOMPARE(shareOf(r, QStringLiteral("a1-sidecar-proxy")), 0.0);
    QVERIFY(qAbs(shareOf(r, QStringLiteral("a2-sidecar-proxy")) - 1.0) < 1e-9);
    // Lifting node maintenance brings a3 back; --down by the application's ID takes its sidecar down.
    s.health.checkStatus.clear();
    s.health.checkStatus.insert(QStringLiteral("_node_maintenance"), QStringLiteral("passing"));
    s.health.downInstances.insert(QStringLiteral("a2"));
    r = sim.run(s);
    verifySumsToOne(r);
    QVERIFY(qAbs(shareOf(r, QStringLiteral("a1-sidecar-proxy")) - 0.5) < 1e-9);
    QVERIFY(qAbs(shareOf(r, QStringLiteral("a3-sidecar-proxy")) - 0.5) < 1e-9);
    // Unknown names are reported, not ignored silently.
    s.health.downInstances.insert(QStringLiteral("nope"));
    r = sim.run(s);
    QVERIFY(std::any_of(r.problems.cbegin(), r.problems.cend(), [](const Diagnostic &d) { return d.code == u"CS4209"; }));
    // Everything down: every request fails, nothing reaches an unhealthy instance.
    s = {};
    s.health.downInstances = {QStringLiteral("a1"), QStringLiteral("a2")};
    r = sim.run(s);
    QCOMPARE(r.failed, 1.0);
    QCOMPARE(r.targets.front().state, TargetState::Dead);
    QCOMPARE(r.targets.front().share, 1.0);
}

void TestHealth::onlyPassingSubset()
{
    chain::TargetSubset subset;
    subset.onlyPassing = true;
    const Simulator sim(makeChain(QStringLiteral("api"), {}, subset, QStringLiteral("all")), catalogFrom(kCatalog), {});
    const SimulationResult r = sim.run({});
    verifySumsToOne(r);
    QVERIFY(qAbs(shareOf(r, QStringLiteral("a1-sidecar-proxy")) - 1.0) < 1e-9);
    QCOMPARE(shareOf(r, QStringLiteral("a2-sidecar-proxy")), 0.0);
}

void TestHealth::downSubsetAndDatacenter()
{
    const Simulator sim(makeChain(QStringLiteral("api"), {QStringLiteral("dc2")}), catalogFrom(kCatalog), {});
    SimulationResult r = sim.run({});
    // dc1 has 2 of 3 healthy: h = floor(140 × 2 / 3) = 93, so 7 % spill to dc2.
    QCOMPARE(r.targets.at(0).state, TargetState::Active);
    QVERIFY(qAbs(r.targets.at(0).share - 0.93) < 1e-9);
    QCOMPARE(r.targets.at(1).state, TargetState::Active);
    QVERIFY(qAbs(r.targets.at(1).share - 0.07) < 1e-9);
    Scenario warm;
    warm.health.checkStatus.insert(QStringLiteral("_node_maintenance"), QStringLiteral("passing"));
    r = sim.run(warm);
    QCOMPARE(r.targets.at(1).state, TargetState::Standby);
    QCOMPARE(r.targets.at(1).share, 0.0);
    Scenario s;
    s.health.downSubsets.insert(QStringLiteral("api.default.default.dc1"));
    r = sim.run(s);
    verifySumsToOne(r);
    QVERIFY(qAbs(shareOf(r, QStringLiteral("b1")) - 0.5) < 1e-9);
    QCOMPARE(r.targets.at(1).level, 1);
    QCOMPARE(r.targets.at(1).state, TargetState::Active);
    QVERIFY(!r.targets.at(1).explanation.isEmpty());
    s = {};
    s.health.downDatacenters.insert(QStringLiteral("dc2"));
    s.health.downInstances.insert(QStringLiteral("a1"));
    r = sim.run(s);
    verifySumsToOne(r);
    // dc1 1/3 healthy (h 46), dc2 0/2 → both under 50 % → total panic by host count 60/40; dc2's part fails.
    QVERIFY(qAbs(shareOf(r, QStringLiteral("a2-sidecar-proxy")) - 0.6) < 1e-9);
    QVERIFY(qAbs(r.failed - 0.4) < 1e-9);
    s.era = ConsulEra::Legacy;
    r = sim.run(s);
    QVERIFY(qAbs(shareOf(r, QStringLiteral("a2-sidecar-proxy")) - 1.0) < 1e-9);
}

QTEST_GUILESS_MAIN(TestHealth)
#include "tst_health.moc"
