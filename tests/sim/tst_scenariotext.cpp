// The one-line scenario description of exported pictures: only what differs from the defaults, in a fixed
// order, sets sorted, the request and headers in the form the command line reads them.
#include "sim/routing.h"
#include "sim/scenariotext.h"

#include <QTest>

using namespace chainscope;
using namespace chainscope::sim;

class TestScenarioText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsSayOnlyTheCatalog()
    {
        QCOMPARE(describeScenario(Scenario{}, QStringLiteral("demo/catalog.json")), QStringLiteral("catalog demo/catalog.json"));
        QCOMPARE(describeScenario(Scenario{}, QString()), QString());
    }

    void everyPartInOrder()
    {
        Scenario s;
        s.health.downInstances = {QStringLiteral("web-v1-c"), QStringLiteral("web-v1-a")};
        s.health.downDatacenters = {QStringLiteral("dc2"), QStringLiteral("dc1")};
        s.health.downPeers = {QStringLiteral("peer-01")};
        s.health.downSubsets = {QStringLiteral("v2.web.default.default.dc1")};
        s.health.checkStatus = {{QStringLiteral("svc:web-v1-b"), QStringLiteral("warning")}, {QStringLiteral("node:a"), QStringLiteral("critical")}};
        QVERIFY(parseRequestLine(QStringLiteral("POST /api/orders?x=1&y=2"), s.request));
        s.request.headers = {{QStringLiteral("x-canary"), QStringLiteral("true")}, {QStringLiteral("x-user"), QStringLiteral("7")}};
        s.sourceService = QStringLiteral("frontend");
        s.defaultIntention = QStringLiteral("deny");
        s.era = ConsulEra::Legacy;
        QCOMPARE(describeScenario(s, QStringLiteral("c.json")),
                 QStringLiteral("catalog c.json; down web-v1-a, web-v1-c; datacenter down dc1, dc2; peer down peer-01; "
                                "target down v2.web.default.default.dc1; checks node:a=critical, svc:web-v1-b=warning; "
                                "request POST /api/orders?x=1&y=2; headers x-canary: true, x-user: 7; source frontend; "
                                "default intention deny; Consul era legacy"));
    }

    void requestOnlyWhenNotTheDefault()
    {
        Scenario s;
        s.request.path = QStringLiteral("/");
        s.request.method = QStringLiteral("GET");
        QCOMPARE(describeScenario(s, QString()), QString());
        s.request.query = {{QStringLiteral("a"), QStringLiteral("1")}};
        QCOMPARE(describeScenario(s, QString()), QStringLiteral("request GET /?a=1"));
        s.request.query.clear();
        s.request.method = QStringLiteral("DELETE");
        QCOMPARE(describeScenario(s, QString()), QStringLiteral("request DELETE /"));
    }

    void defaultsStaySilent()
    {
        Scenario s;
        s.defaultIntention = QStringLiteral("allow");
        s.era = ConsulEra::Current;
        s.transparentProxy = true;
        QCOMPARE(describeScenario(s, QStringLiteral("x")), QStringLiteral("catalog x"));
    }
};

QTEST_GUILESS_MAIN(TestScenarioText)
#include "tst_scenariotext.moc"
