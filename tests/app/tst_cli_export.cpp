// `chainscope export` and `chainscope report` on the demo mesh: every format, --all, JSON identical to
// `chainscope compile`, usage errors, and the real binary working without a display.
#include "command.h"

#include "chain/compiler.h"
#include "config/configset.h"
#include "export/chaindiagram.h"
#include "export/diagrampainter.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>
#include <QXmlStreamReader>

using namespace chainscope;

namespace {

const QString kMesh = QStringLiteral(CHAINSCOPE_DEMO_DIR "/mesh");

struct Run {
    int rc = -1;
    QString out;
    QString err;
};

Run run(const QString &name, const QStringList &args)
{
    Run r;
    const app::Command *command = app::findCommand(name);
    if (!command)
        return r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    r.rc = command->run(args, out, err);
    out.flush();
    err.flush();
    return r;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool wellFormedXml(const QByteArray &xml, QString *error)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd())
        reader.readNext();
    if (reader.hasError())
        *error = reader.errorString() + QStringLiteral(" at line ") + QString::number(reader.lineNumber());
    return !reader.hasError();
}

/** The page the exporter lays out for a service of the demo mesh (what the PNG must be twice of). */
QSizeF demoPageSize(const QString &service)
{
    const config::ConfigSet set = config::loadConfig({kMesh});
    const Result<chain::CompiledChain> compiled = chain::compile(set.entries, chain::CompileRequest::forService(service));
    if (!compiled)
        return {};
    exporter::DiagramInfo info;
    info.service = service;
    info.datacenter = QStringLiteral("dc1");
    info.namespace_ = QStringLiteral("default");
    info.sources = {kMesh};
    info.timestamp = QDateTime::fromSecsSinceEpoch(1'700'000'000, QTimeZone::utc());
    const Result<exporter::Diagram> d = exporter::diagramForChain(*compiled, set.entries, info);
    return d ? exporter::pageLayout(*d).size : QSizeF();
}

} // namespace

class TestCliExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Fixed timestamps make the outputs reproducible (and comparable with the library's page size).
        qputenv("SOURCE_DATE_EPOCH", "1700000000");
        QVERIFY(app::findCommand(QStringLiteral("export")));
        QVERIFY(app::findCommand(QStringLiteral("report")));
        QVERIFY(app::findCommand(QStringLiteral("export"))->needsGui);
        const config::ConfigSet set = config::loadConfig({kMesh});
        QVERIFY2(!hasErrors(set.diagnostics), qPrintable(set.diagnostics.value(0).format()));
    }

    void svgHoldsTheChain()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("web.svg"));
        const Run r = run(QStringLiteral("export"), {QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("-o"), file, kMesh});
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("wrote")));
        const QByteArray svg = readAll(file);
        QString error;
        QVERIFY2(wellFormedXml(svg, &error), qPrintable(error));
        QVERIFY(svg.contains(">web<"));
        QVERIFY(svg.contains("dc3"));
        QVERIFY(svg.contains("peer-01"));
        QVERIFY(svg.contains("1st failover"));
        QVERIFY(svg.contains("2023-11-14 22:13:20 UTC")); // SOURCE_DATE_EPOCH
    }

    void simulationOverlay()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("web.svg"));
        const Run r = run(QStringLiteral("export"), {QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--catalog"),
                                                     QStringLiteral(CHAINSCOPE_DEMO_DIR "/catalog.json"), QStringLiteral("--down"), QStringLiteral("web-v1-a"),
                                                     QStringLiteral("--down"), QStringLiteral("web-v1-b"), QStringLiteral("--down"), QStringLiteral("web-v1-c"),
                                                     QStringLiteral("--source"), QStringLiteral("frontend"), QStringLiteral("-o"), file, kMesh});
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        const QString svg = QString::fromUtf8(readAll(file));
        QVERIFY(svg.contains(QStringLiteral("Simulation: catalog ")));
        QVERIFY(svg.contains(QStringLiteral("down web-v1-a, web-v1-b, web-v1-c")));
        QVERIFY(svg.contains(QStringLiteral("source frontend")));
        // dc1's v1 instances are down: the 1st failover (dc3, through the mesh gateways) takes all of web's traffic.
        QVERIFY2(svg.contains(QStringLiteral("1st failover · 100%")), qPrintable(svg.left(200)));
        QVERIFY(svg.contains(QStringLiteral("2nd failover · 0%")));
        QVERIFY(svg.contains(QStringLiteral("0/3 healthy")));
        QVERIFY(svg.contains(QStringLiteral("failover taking traffic")));
        QVERIFY(svg.contains(QStringLiteral("no healthy instance")));
    }

    void scenarioLineNamesEverySimulationFlag()
    {
        const QString catalog = QStringLiteral(CHAINSCOPE_DEMO_DIR "/catalog.json");
        const Run r = run(QStringLiteral("export"),
                          {QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--catalog"), catalog, QStringLiteral("--down-dc"),
                           QStringLiteral("dc1"), QStringLiteral("--down-peer"), QStringLiteral("peer-01"), QStringLiteral("--check"),
                           QStringLiteral("web-v1-a-check=warning"), QStringLiteral("--request"), QStringLiteral("POST /api?x=1"), QStringLiteral("-H"),
                           QStringLiteral("x-canary: true"), QStringLiteral("--default-intention"), QStringLiteral("deny"), QStringLiteral("--consul-era"),
                           QStringLiteral("legacy"), QStringLiteral("--format"), QStringLiteral("dot"), QStringLiteral("-o"), QStringLiteral("-"), kMesh});
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        const QString line = QStringLiteral("// simulation: catalog ") + catalog
            + QStringLiteral("; datacenter down dc1; peer down peer-01; checks web-v1-a-check=warning; request POST /api?x=1; "
                             "headers x-canary: true; default intention deny; Consul era legacy\n");
        QVERIFY2(r.out.contains(line), qPrintable(r.out.left(600)));
    }

    void pngIsTwiceThePage()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("checkout.png"));
        const Run r = run(QStringLiteral("export"), {QStringLiteral("--service"), QStringLiteral("checkout"), QStringLiteral("-o"), file, kMesh});
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        const QImage image(file);
        QVERIFY(!image.isNull());
        const QSizeF page = demoPageSize(QStringLiteral("checkout"));
        QVERIFY(!page.isEmpty());
        QCOMPARE(image.size(), QSize(qCeil(page.width() * 2.0), qCeil(page.height() * 2.0)));
    }

    void pdfOpens()
    {
        const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
        if (pdfinfo.isEmpty())
            QSKIP("pdfinfo (poppler-utils) is not installed");
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("web.pdf"));
        const Run r = run(QStringLiteral("export"),
                          {QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--format"), QStringLiteral("pdf"), QStringLiteral("-o"), file, kMesh});
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        QProcess p;
        p.start(pdfinfo, {file});
        QVERIFY(p.waitForFinished(30'000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(QString::fromUtf8(p.readAllStandardOutput()).contains(QRegularExpression(QStringLiteral("Pages:\\s+1\\n"))));
    }

    void dotParsesBack()
    {
        const QString dot = QStandardPaths::findExecutable(QStringLiteral("dot"));
        QVERIFY(!dot.isEmpty());
        const Run r = run(QStringLiteral("export"), {QStringLiteral("--service"), QStringLiteral("checkout"), QStringLiteral("--format"),
                                                     QStringLiteral("dot"), QStringLiteral("-o"), QStringLiteral("-"), kMesh});
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        QVERIFY(r.out.startsWith(QStringLiteral("// Discovery chain checkout")));
        QProcess p;
        p.start(dot, {QStringLiteral("-Tcanon")});
        p.write(r.out.toUtf8());
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(30'000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(p.readAllStandardError().isEmpty());
        QVERIFY(p.readAllStandardOutput().contains("router:checkout"));
    }

    void jsonIsWhatCompilePrints_data()
    {
        QTest::addColumn<QString>("service");
        QTest::newRow("web") << "web";
        QTest::newRow("web-dc2") << "web-dc2";
        QTest::newRow("checkout") << "checkout";
        QTest::newRow("api-beta") << "api-beta";
    }

    void jsonIsWhatCompilePrints()
    {
        QFETCH(QString, service);
        const Run compiled = run(QStringLiteral("compile"), {QStringLiteral("--service"), service, kMesh});
        if (compiled.rc == -1)
            QFAIL("the compile command is not registered");
        QCOMPARE(compiled.rc, 0);
        const Run exported = run(QStringLiteral("export"), {QStringLiteral("--service"), service, QStringLiteral("--format"), QStringLiteral("json"),
                                                            QStringLiteral("-o"), QStringLiteral("-"), kMesh});
        QVERIFY2(exported.rc == 0, qPrintable(exported.err));
        QCOMPARE(exported.out, compiled.out);
        QVERIFY(exported.out.contains(QStringLiteral("\"Chain\"")));
    }

    void allWritesOneFilePerService()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("pictures"));
        const Run r = run(QStringLiteral("export"), {QStringLiteral("--all"), QStringLiteral("--format"), QStringLiteral("svg"), QStringLiteral("-o"), out, kMesh});
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        QStringList expected;
        for (const exporter::ServiceRef &s : exporter::chainServices(config::loadConfig({kMesh}).entries))
            expected << exporter::pictureFileName(s, exporter::Format::Svg);
        expected.sort();
        QStringList written = QDir(out).entryList(QDir::Files, QDir::Name);
        QCOMPARE(written, expected);
        QVERIFY(written.contains(QStringLiteral("web.svg")));
        QVERIFY(written.contains(QStringLiteral("product-api.primary.svg")));
        QVERIFY(written.contains(QStringLiteral("product-api-backup.secondary.svg")));
        for (const QString &f : written) {
            QString error;
            QVERIFY2(wellFormedXml(readAll(QDir(out).filePath(f)), &error), qPrintable(f + u' ' + error));
        }
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no path") << QStringList{QStringLiteral("--service"), QStringLiteral("web")} << "no configuration PATH";
        QTest::newRow("no service") << QStringList{kMesh} << "--service NAME or --all";
        QTest::newRow("both") << QStringList{QStringLiteral("--all"), QStringLiteral("--service"), QStringLiteral("web"), kMesh} << "exclude each other";
        QTest::newRow("format") << QStringList{QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--format"), QStringLiteral("jpeg"), kMesh}
                                << "unknown format \"jpeg\"";
        QTest::newRow("all without dir") << QStringList{QStringLiteral("--all"), kMesh} << "--all needs -o DIR";
        QTest::newRow("png to stdout") << QStringList{QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--format"), QStringLiteral("png"),
                                                      QStringLiteral("-o"), QStringLiteral("-"), kMesh}
                                       << "PNG cannot go to standard output";
        QTest::newRow("theme") << QStringList{QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--theme"), QStringLiteral("pink"), kMesh}
                               << "--theme must be light or dark";
        QTest::newRow("simulation without catalog") << QStringList{QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--down-dc"),
                                                                   QStringLiteral("dc1"), kMesh}
                                                    << "--down-dc simulates: it needs --catalog FILE";
        QTest::newRow("bad check") << QStringList{QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--catalog"), QStringLiteral("c.json"),
                                                  QStringLiteral("--check"), QStringLiteral("x=purple"), kMesh}
                                   << "--check x=purple";
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--colour"), kMesh} << "Unknown option";
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = run(QStringLiteral("export"), args);
        QCOMPARE(r.rc, int(app::ExitUsage));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void configErrorsExportNothing()
    {
        QTemporaryDir dir;
        const QString bad = QStringLiteral(CHAINSCOPE_SHARED_DIR "/seed-examples/bad/web-failover-undefined-subset.hcl");
        const Run r = run(QStringLiteral("export"), {QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("-o"),
                                                     dir.filePath(QStringLiteral("web.svg")), bad});
        QCOMPARE(r.rc, int(app::ExitProblems));
        QVERIFY2(r.err.contains(QStringLiteral("web-failover-undefined-subset.hcl:")), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("web.svg"))));
    }

    void reportMarkdownWritesPicturesBeside()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("report/mesh.md"));
        const Run r = run(QStringLiteral("report"), {QStringLiteral("-o"), file, kMesh});
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        const QString md = QString::fromUtf8(readAll(file));
        QVERIFY(md.contains(QStringLiteral("![web](web.svg)")));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("report/web.svg"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("report/checkout.svg"))));
        // web's v1 order: dc1, then dc3, dc4 and the peer.
        QVERIFY2(md.contains(QStringLiteral("| v1.web | primary | `v1.web.default.default.dc1` | dc1 |")), qPrintable(md));
        QVERIFY(md.contains(QStringLiteral("| v1.web | 1st failover | `v1.web.default.default.dc3` | dc3 |")));
        QVERIFY(md.contains(QStringLiteral("| v1.web | 2nd failover | `v1.web.default.default.dc4` | dc4 |")));
        QVERIFY(md.contains(QRegularExpression(QStringLiteral("\\| v1\\.web \\| 3rd failover \\| `[^`]*external\\.peer-01` \\| peer peer-01 \\|"))));
        // api-beta fails over to api; frontend may reach both (k8s-failover how-to).
        QVERIFY(md.contains(QStringLiteral("| api-beta | 1st failover | `api.default.default.dc1` | dc1 | allowed |")));
        // checkout: frontend is denied, web decides per request (L7 permissions).
        QVERIFY(md.contains(QStringLiteral("| v1.checkout | primary | `v1.checkout.default.default.dc1` | dc1 | denied | per request (L7) |")));
        // The sources named by intentions are the access columns.
        QVERIFY(md.contains(QStringLiteral("| Resolver | Order | Target | Where | frontend | web |")));
    }

    void reportHtmlInlinesPictures()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("mesh.html"));
        const Run r = run(QStringLiteral("report"), {QStringLiteral("-o"), file, kMesh});
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        const QByteArray html = readAll(file);
        QString error;
        QVERIFY2(wellFormedXml(html, &error), qPrintable(error));
        const qsizetype services = exporter::chainServices(config::loadConfig({kMesh}).entries).size();
        QCOMPARE(html.count("<svg"), services);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("mesh.html")}); // nothing beside it
    }

    void reportUsage()
    {
        QCOMPARE(run(QStringLiteral("report"), {kMesh}).rc, int(app::ExitUsage));
        QCOMPARE(run(QStringLiteral("report"), {QStringLiteral("-o"), QStringLiteral("x.txt"), kMesh}).rc, int(app::ExitUsage));
        QCOMPARE(run(QStringLiteral("report"), {QStringLiteral("-o"), QStringLiteral("x.md")}).rc, int(app::ExitUsage));
    }

    void binaryWorksWithoutDisplay()
    {
        QTemporaryDir dir;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        QProcess p;
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(dir.path());
        p.start(QStringLiteral(CHAINSCOPE_EXE), {QStringLiteral("export"), QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--format"),
                                                 QStringLiteral("png"), kMesh});
        QVERIFY(p.waitForFinished(120'000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(!QImage(dir.filePath(QStringLiteral("web.png"))).isNull());
    }
};

QTEST_MAIN(TestCliExport)
#include "tst_cli_export.moc"
