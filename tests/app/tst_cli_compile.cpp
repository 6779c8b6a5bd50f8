// `chainscope compile`, run in-process through the command registry, on small meshes written by the test
// and on the demo mesh.
#include "command.h"

#include <QFile>
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
};

Run run(const QStringList &args)
{
    Run r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    const Command *cmd = findCommand(QStringLiteral("compile"));
    if (!cmd)
        return r;
    r.code = cmd->run(args, out, err);
    out.flush();
    err.flush();
    return r;
}

void write(const QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    QFile f(dir.filePath(name));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

const QString kDemo = QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/demo/mesh");

} // namespace

class TestCliCompile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void registered() { QVERIFY(findCommand(QStringLiteral("compile"))); }

    void compilesOneChain()
    {
        QTemporaryDir dir;
        write(dir, QStringLiteral("web.hcl"), "Kind = \"service-defaults\"\nName = \"web\"\nProtocol = \"http\"\n");
        write(dir, QStringLiteral("web-resolver.hcl"),
              "Kind = \"service-resolver\"\nName = \"web\"\nConnectTimeout = \"15s\"\nFailover = {\n  \"*\" = {\n    Datacenters = [\"dc2\"]\n  }\n}\n");
        const Run r = run({QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--trust-domain"), QStringLiteral("td.consul"), dir.path()});
        QVERIFY2(r.code == ExitOk, qPrintable(r.err));
        const QJsonObject chain = QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"Chain").toObject();
        QCOMPARE(chain.value(u"ServiceName").toString(), QStringLiteral("web"));
        QCOMPARE(chain.value(u"Protocol").toString(), QStringLiteral("http"));
        QCOMPARE(chain.value(u"StartNode").toString(), QStringLiteral("resolver:web.default.default.dc1"));
        QCOMPARE(chain.value(u"Default").toBool(), false);
        const QJsonObject node = chain[u"Nodes"][u"resolver:web.default.default.dc1"].toObject();
        QCOMPARE(node[u"Resolver"][u"ConnectTimeout"].toString(), QStringLiteral("15s"));
        QCOMPARE(node[u"Resolver"][u"Failover"][u"Targets"][0].toString(), QStringLiteral("web.default.default.dc2"));
        QCOMPARE(chain[u"Targets"][u"web.default.default.dc2"][u"SNI"].toString(), QStringLiteral("web.default.dc2.internal.td.consul"));
        QVERIFY(!r.out.contains(u"chainscope"));

        const Run p = run({QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--provenance"), dir.path()});
        QCOMPARE(p.code, int(ExitOk));
        const QJsonObject target = QJsonDocument::fromJson(p.out.toUtf8())[u"Chain"][u"Targets"][u"web.default.default.dc2"].toObject();
        QCOMPARE(target[u"chainscope"][u"paths"][0][0][u"via"][u"field"].toString(), QStringLiteral("Failover[\"*\"].Datacenters[0]"));
        QVERIFY(target[u"chainscope"][u"paths"][0][0][u"via"][u"at"][u"file"].toString().endsWith(u"web-resolver.hcl"));
    }

    void overridesSetTheCustomizationHash()
    {
        QTemporaryDir dir;
        write(dir, QStringLiteral("web.hcl"), "Kind = \"service-defaults\"\nName = \"web\"\nProtocol = \"http\"\n");
        const Run r = run({QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--override-connect-timeout"), QStringLiteral("1m30s"),
                           QStringLiteral("--override-mesh-gateway"), QStringLiteral("remote"), dir.path()});
        QVERIFY2(r.code == ExitOk, qPrintable(r.err));
        const QJsonObject chain = QJsonDocument::fromJson(r.out.toUtf8())[u"Chain"].toObject();
        QCOMPARE(chain.value(u"CustomizationHash").toString().size(), 8);
        QCOMPARE(chain[u"Targets"][u"web.default.default.dc1"][u"ConnectTimeout"].toString(), QStringLiteral("1m30s"));
        QCOMPARE(chain[u"Targets"][u"web.default.default.dc1"][u"MeshGateway"][u"Mode"].toString(), QStringLiteral("remote"));
    }

    void graphErrorExitsOneWithConsulsMessage()
    {
        QTemporaryDir dir;
        write(dir, QStringLiteral("a.hcl"), "Kind = \"service-resolver\"\nName = \"a\"\nRedirect {\n  Service = \"b\"\n}\n");
        write(dir, QStringLiteral("b.hcl"), "Kind = \"service-resolver\"\nName = \"b\"\nRedirect {\n  Service = \"a\"\n}\n");
        const Run r = run({QStringLiteral("--service"), QStringLiteral("a"), dir.path()});
        QCOMPARE(r.code, int(ExitProblems));
        QVERIFY2(r.err.contains(u"detected circular resolver redirect: [a.default.default.dc1 -> b.default.default.dc1 -> a.default.default.dc1]"), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"a.hcl:"), qPrintable(r.err)); // located at the entry
        QVERIFY(r.out.isEmpty());
    }

    void configErrorExitsOne()
    {
        QTemporaryDir dir;
        write(dir, QStringLiteral("bad.hcl"), "Kind = \"service-resolver\"\nName = \"web\"\nConnectTimeout = \"soon\"\n");
        const Run r = run({QStringLiteral("--service"), QStringLiteral("web"), dir.path()});
        QCOMPARE(r.code, int(ExitProblems));
        QVERIFY2(r.err.contains(u"bad.hcl:3"), qPrintable(r.err));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no path") << QStringList{QStringLiteral("--service"), QStringLiteral("web")};
        QTest::newRow("no service") << QStringList{kDemo};
        QTest::newRow("service and all") << QStringList{QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--all"), kDemo};
        QTest::newRow("bad edition") << QStringList{QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--edition"), QStringLiteral("oss"), kDemo};
        QTest::newRow("bad duration") << QStringList{QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--override-connect-timeout"),
                                                     QStringLiteral("5"), kDemo};
        QTest::newRow("bad mesh gateway") << QStringList{QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--override-mesh-gateway"),
                                                         QStringLiteral("far"), kDemo};
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate"), kDemo};
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        const Run r = run(args);
        QCOMPARE(r.code, int(ExitUsage));
        QVERIFY(!r.err.isEmpty());
    }

    void demoMeshAllChains()
    {
        const Run r = run({QStringLiteral("--all"), kDemo});
        QVERIFY2(r.code == ExitOk, qPrintable(r.err));
        const QJsonObject all = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY(all.contains(u"web"));
        QVERIFY(all.contains(u"checkout"));
        const QJsonObject web = all.value(u"web").toObject();
        QCOMPARE(web.value(u"StartNode").toString(), QStringLiteral("resolver:v1.web.default.default.dc1"));
        // The demo's product-api lives in namespace "primary" (Enterprise): keyed partition/namespace/name.
        QVERIFY(all.contains(u"default/primary/product-api"));
    }
};

QTEST_GUILESS_MAIN(TestCliCompile)
#include "tst_cli_compile.moc"
