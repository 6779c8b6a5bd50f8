// `chainscope simulate`, run in-process: JSON shape, the flags, usage errors, the demo mesh and the
// k8s-failover seed example (frontend → api-beta failing over to api).
#include "command.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace chainscope::app;

namespace {

struct Run {
    int code = -1;
    QString out;
    QString err;
    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

Run run(const QStringList &args)
{
    Run r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    const Command *cmd = findCommand(QStringLiteral("simulate"));
    if (!cmd)
        return r;
    r.code = cmd->run(args, out, err);
    out.flush();
    err.flush();
    return r;
}

const QString kScenarios = QStringLiteral(CHAINSCOPE_SOURCE_DIR "/tests/sim/data/scenarios");
const QString kDemo = QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/demo");

QStringList scenarioArgs(const QString &name, const QStringList &extra)
{
    const QString dir = kScenarios + QLatin1Char('/') + name;
    return QStringList{QStringLiteral("--catalog"), dir + QStringLiteral("/catalog.json"), QStringLiteral("--format"), QStringLiteral("json")} + extra
        + QStringList{dir + QStringLiteral("/config")};
}

double instanceShare(const QJsonObject &o, const QString &id)
{
    double s = 0;
    for (const QJsonValue &v : o.value(QStringLiteral("instances")).toArray()) {
        if (v.toObject().value(QStringLiteral("id")).toString() == id)
            s += v.toObject().value(QStringLiteral("share")).toDouble();
    }
    return s;
}

double total(const QJsonObject &o)
{
    double s = o.value(QStringLiteral("failed")).toDouble();
    for (const QJsonValue &v : o.value(QStringLiteral("instances")).toArray())
        s += v.toObject().value(QStringLiteral("share")).toDouble();
    return s;
}

QStringList codes(const QJsonObject &o)
{
    QStringList out;
    for (const QJsonValue &v : o.value(QStringLiteral("problems")).toArray())
        out.append(v.toObject().value(QStringLiteral("code")).toString());
    return out;
}

QJsonObject target(const QJsonObject &o, const QString &id)
{
    for (const QJsonValue &v : o.value(QStringLiteral("targets")).toArray()) {
        if (v.toObject().value(QStringLiteral("id")).toString() == id)
            return v.toObject();
    }
    return {};
}

} // namespace

class TestCliSimulate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void registered() { QVERIFY(findCommand(QStringLiteral("simulate"))); }

    void jsonShape()
    {
        const Run r = run(scenarioArgs(QStringLiteral("SC-11-failover-graded-spill"), {QStringLiteral("--service"), QStringLiteral("api")}));
        QCOMPARE(r.code, int(ExitOk));
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("failed")).toDouble(), 0.0);
        QVERIFY(qAbs(total(o) - 1.0) < 1e-9);
        QVERIFY(qAbs(instanceShare(o, QStringLiteral("a1")) - 0.35) < 1e-9);
        QVERIFY(qAbs(instanceShare(o, QStringLiteral("b2")) - 0.15) < 1e-9);
        const QJsonObject dc2 = target(o, QStringLiteral("api.default.default.dc2"));
        QCOMPARE(dc2.value(QStringLiteral("level")).toInt(), 1);
        QCOMPARE(dc2.value(QStringLiteral("state")).toString(), QStringLiteral("active"));
        QVERIFY(qAbs(dc2.value(QStringLiteral("share")).toDouble() - 0.3) < 1e-9);
        QCOMPARE(dc2.value(QStringLiteral("allowed")).toBool(), true);
        for (const QJsonValue &v : o.value(QStringLiteral("instances")).toArray()) {
            const QJsonObject i = v.toObject();
            for (const char *key : {"target", "id", "node", "healthy", "share"})
                QVERIFY2(i.contains(QLatin1String(key)), key);
        }
        QVERIFY(!o.value(QStringLiteral("summary")).toString().isEmpty());
        QCOMPARE(o.value(QStringLiteral("addresses")).toArray().first().toString(), QStringLiteral("api.virtual.consul"));
    }

    void legacyAndDownFlags()
    {
        Run r = run(scenarioArgs(QStringLiteral("SC-11-failover-graded-spill"),
                                 {QStringLiteral("--service"), QStringLiteral("api"), QStringLiteral("--consul-era"), QStringLiteral("legacy")}));
        QVERIFY(qAbs(instanceShare(r.json(), QStringLiteral("a1")) - 0.5) < 1e-9);
        r = run(scenarioArgs(QStringLiteral("SC-11-failover-graded-spill"),
                             {QStringLiteral("--service"), QStringLiteral("api"), QStringLiteral("--down"), QStringLiteral("a1"), QStringLiteral("--check"),
                              QStringLiteral("service:a2=maintenance")}));
        QCOMPARE(r.code, int(ExitOk));
        QVERIFY(qAbs(instanceShare(r.json(), QStringLiteral("b1")) - 0.5) < 1e-9);
        r = run(scenarioArgs(QStringLiteral("SC-11-failover-graded-spill"),
                             {QStringLiteral("--service"), QStringLiteral("api"), QStringLiteral("--down-dc"), QStringLiteral("dc1"), QStringLiteral("--down-dc"),
                              QStringLiteral("dc2")}));
        QCOMPARE(r.code, int(ExitProblems));
        QCOMPARE(r.json().value(QStringLiteral("failed")).toDouble(), 1.0);
        QVERIFY(codes(r.json()).contains(QStringLiteral("CS4208")));
    }

    void requestAndHeaders()
    {
        const Run r = run(scenarioArgs(QStringLiteral("SC-20-router-order"), {QStringLiteral("--service"), QStringLiteral("api"), QStringLiteral("--request"),
                                                                              QStringLiteral("GET /api/x"), QStringLiteral("-H"), QStringLiteral("X-Canary: true")}));
        QCOMPARE(r.code, int(ExitOk));
        const QJsonObject o = r.json();
        QCOMPARE(instanceShare(o, QStringLiteral("api-canary-1")), 1.0);
        const QJsonArray routes = o.value(QStringLiteral("routes")).toArray();
        QCOMPARE(routes.size(), 4);
        QCOMPARE(routes.at(1).toObject().value(QStringLiteral("share")).toDouble(), 1.0);
    }

    void failoverDeniedIsAProblem()
    {
        const Run r = run(scenarioArgs(QStringLiteral("SC-23-failover-target-without-intention"),
                                       {QStringLiteral("--service"), QStringLiteral("api"), QStringLiteral("--source"), QStringLiteral("web"),
                                        QStringLiteral("--default-intention"), QStringLiteral("deny")}));
        QCOMPARE(r.code, int(ExitProblems));
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("failed")).toDouble(), 1.0);
        QVERIFY(codes(o).contains(QStringLiteral("CS4201")));
        QCOMPARE(target(o, QStringLiteral("api-backup.default.default.dc1")).value(QStringLiteral("allowed")).toBool(), false);
    }

    void seedK8sFailover()
    {
        // The canonical case: frontend may reach api-beta and api, so the failover is not blocked.
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        QFile catalog(tmp.filePath(QStringLiteral("catalog.json")));
        QVERIFY(catalog.open(QIODevice::WriteOnly));
        catalog.write(R"({"dc1": {
            "api-beta": [{"Node": {"Node": "n1"}, "Service": {"ID": "api-beta-1", "Service": "api-beta"}, "Checks": [{"CheckID": "c1", "Status": "critical"}]}],
            "api": [{"Node": {"Node": "n2"}, "Service": {"ID": "api-1", "Service": "api"}, "Checks": []}]}})");
        catalog.close();
        const QString seed = QStringLiteral(CHAINSCOPE_SHARED_DIR "/seed-examples/k8s-failover");
        const QStringList base{QStringLiteral("--service"), QStringLiteral("api-beta"), QStringLiteral("--catalog"), catalog.fileName(),
                               QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--default-intention"), QStringLiteral("deny")};
        Run r = run(base + QStringList{QStringLiteral("--source"), QStringLiteral("frontend"), seed});
        QCOMPARE(r.code, int(ExitOk));
        QCOMPARE(instanceShare(r.json(), QStringLiteral("api-1")), 1.0);
        QVERIFY(!codes(r.json()).contains(QStringLiteral("CS4201")));
        // Another caller allowed to nothing: not even routed (transparent proxy), and the failover target is flagged.
        r = run(base + QStringList{QStringLiteral("--source"), QStringLiteral("billing"), seed});
        QCOMPARE(r.code, int(ExitProblems));
        QVERIFY(codes(r.json()).contains(QStringLiteral("CS4204")));
        QVERIFY(codes(r.json()).contains(QStringLiteral("CS4201")));
        QCOMPARE(r.json().value(QStringLiteral("failed")).toDouble(), 1.0);
    }

    void demoText()
    {
        const Run r = run({QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--catalog"), kDemo + QStringLiteral("/catalog.json"),
                           QStringLiteral("--down"), QStringLiteral("web-v1-a"), QStringLiteral("--down"), QStringLiteral("web-v1-b"), QStringLiteral("--down"),
                           QStringLiteral("web-v1-c"), kDemo + QStringLiteral("/mesh")});
        QVERIFY2(r.code == ExitOk || r.code == ExitProblems, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("v1.web.default.default.dc3")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("failed:")));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        const QString cat = kScenarios + QStringLiteral("/SC-01-default-chain/catalog.json");
        QTest::newRow("no service") << QStringList{QStringLiteral("--catalog"), cat, QStringLiteral(".")};
        QTest::newRow("no path") << QStringList{QStringLiteral("--service"), QStringLiteral("api"), QStringLiteral("--catalog"), cat};
        QTest::newRow("bad check") << QStringList{QStringLiteral("--service"), QStringLiteral("api"), QStringLiteral("--catalog"), cat,
                                                  QStringLiteral("--check"), QStringLiteral("x=sad"), QStringLiteral(".")};
        QTest::newRow("bad request") << QStringList{QStringLiteral("--service"), QStringLiteral("api"), QStringLiteral("--catalog"), cat,
                                                    QStringLiteral("--request"), QStringLiteral("GET nothing"), QStringLiteral(".")};
        QTest::newRow("bad header") << QStringList{QStringLiteral("--service"), QStringLiteral("api"), QStringLiteral("--catalog"), cat,
                                                   QStringLiteral("-H"), QStringLiteral("novalue"), QStringLiteral(".")};
        QTest::newRow("bad policy") << QStringList{QStringLiteral("--service"), QStringLiteral("api"), QStringLiteral("--catalog"), cat,
                                                   QStringLiteral("--default-intention"), QStringLiteral("maybe"), QStringLiteral(".")};
        QTest::newRow("bad era") << QStringList{QStringLiteral("--service"), QStringLiteral("api"), QStringLiteral("--catalog"), cat,
                                                QStringLiteral("--consul-era"), QStringLiteral("1.13"), QStringLiteral(".")};
        QTest::newRow("bad format") << QStringList{QStringLiteral("--service"), QStringLiteral("api"), QStringLiteral("--catalog"), cat,
                                                   QStringLiteral("--format"), QStringLiteral("xml"), QStringLiteral(".")};
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        const Run r = run(args);
        QCOMPARE(r.code, int(ExitUsage));
        QVERIFY(r.err.startsWith(QStringLiteral("simulate: ")));
    }
};

QTEST_GUILESS_MAIN(TestCliSimulate)
#include "tst_cli_simulate.moc"
