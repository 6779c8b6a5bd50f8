// `chainscope instances`, run in-process through the command registry.
#include "command.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace chainscope::app;

namespace {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

Run run(const QStringList &args)
{
    Run r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    const Command *cmd = findCommand(QStringLiteral("instances"));
    if (!cmd)
        return r;
    r.code = cmd->run(args, out, err);
    out.flush();
    err.flush();
    return r;
}

const QString kKeyed = QStringLiteral(CHAINSCOPE_SOURCE_DIR "/tests/sim/data/catalogs/keyed.json");
const QString kHealth = QStringLiteral(CHAINSCOPE_SOURCE_DIR "/tests/sim/data/catalogs/health-api.json");

QStringList ids(const QString &json)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json.toUtf8()).array())
        out.append(v.toString());
    return out;
}

} // namespace

class TestCliInstances : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void registered() { QVERIFY(findCommand(QStringLiteral("instances"))); }

    void jsonIds()
    {
        // The sidecar is what a subset filter sees in dc1; the peer's app registration stands in for it.
        const Run r = run({QStringLiteral("--catalog"), kKeyed, QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.code, int(ExitOk));
        QCOMPARE(ids(r.out), (QStringList{QStringLiteral("web-b-sidecar-proxy"), QStringLiteral("web-east")}));
    }

    void filtered()
    {
        const Run r = run({QStringLiteral("--catalog"), kKeyed, QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--filter"),
                           QStringLiteral("Service.Meta.version == v2"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.code, int(ExitOk));
        QCOMPARE(ids(r.out), QStringList{QStringLiteral("web-b-sidecar-proxy")});
        const Run peer = run({QStringLiteral("--catalog"), kKeyed, QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--datacenter"),
                              QStringLiteral("peer:east"), QStringLiteral("--filter"), QStringLiteral("Checks.CheckID == \"overall-check\""), QStringLiteral("--format"),
                              QStringLiteral("json")});
        QCOMPARE(peer.code, int(ExitOk));
        QCOMPARE(ids(peer.out), QStringList{QStringLiteral("web-east")});
    }

    void textTable()
    {
        const Run r = run({QStringLiteral("--catalog"), kHealth, QStringLiteral("--service"), QStringLiteral("api"), QStringLiteral("--datacenter"), QStringLiteral("dc2")});
        QCOMPARE(r.code, int(ExitOk));
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith(QLatin1String("DATACENTER")));
        QVERIFY(lines[1].contains(QLatin1String("api-1-sidecar-proxy")));
        QVERIFY(lines[1].contains(QLatin1String("warning")));
        QVERIFY(lines[1].contains(QLatin1String("10.0.0.1:21000")));
    }

    void invalidFilter_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("message");
        QTest::newRow("syntax") << "Service.Meta.version == v2.1" << "Failed to create boolean expression evaluator: 1:28 (27): no match found, expected: [a-zA-Z]";
        QTest::newRow("operator") << "Service.Tags == \"v1\"" << "Failed to create boolean expression evaluator: Invalid match operator \"Equal\" for selector \"Service.Tags\"";
    }

    void invalidFilter()
    {
        QFETCH(QString, filter);
        QFETCH(QString, message);
        const Run r = run({QStringLiteral("--catalog"), kKeyed, QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--filter"), filter});
        QCOMPARE(r.code, int(ExitProblems));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.err.contains(QLatin1Char('^')));
        QVERIFY(r.out.isEmpty());
    }

    void badCatalog()
    {
        const Run r = run({QStringLiteral("--catalog"), QStringLiteral(CHAINSCOPE_SOURCE_DIR "/tests/sim/data/catalogs/broken.json"), QStringLiteral("--service"), QStringLiteral("web")});
        QCOMPARE(r.code, int(ExitProblems));
        QVERIFY2(r.err.contains(QLatin1String("broken.json:5:84")), qPrintable(r.err));
        QVERIFY(r.err.contains(QLatin1String("dc2.web[1].Service.Port")));
    }

    void usage()
    {
        QCOMPARE(run({QStringLiteral("--service"), QStringLiteral("web")}).code, int(ExitUsage));
        QCOMPARE(run({QStringLiteral("--catalog"), kKeyed, QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--format"), QStringLiteral("yaml")}).code, int(ExitUsage));
        QCOMPARE(run({QStringLiteral("--bogus")}).code, int(ExitUsage));
    }
};

QTEST_GUILESS_MAIN(TestCliInstances)
#include "tst_cli_instances.moc"
