// In-app export over the demo mesh with dc1 taken down: the five formats from the document's current view
// (no new layout), the scenario line and timestamp in the title block, the clipboard, and failures that
// name the file and leave nothing behind.
#include "chaindocument.h"
#include "diagramexporter.h"

#include "../export/exportchecks.h"

#include "chain/chainjson.h"
#include "chain/compiler.h"
#include "config/configset.h"
#include "export/diagrampainter.h"
#include "export/exportcodes.h"
#include "layout/palette.h"

#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QMimeData>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace chainscope;
using namespace chainscope::model;
using exporter::testing::expectedLabels;
using exporter::testing::runTool;
using exporter::testing::xmlTexts;

namespace {

const QString s_demo = QStringLiteral(CHAINSCOPE_DEMO_DIR);
const QString s_primary = QStringLiteral("target:v1.web.default.default.dc1");

/** The demo's web chain with every dc1 instance down (through the SimulationController, as the UI does). */
std::unique_ptr<ChainDocument> webWithDc1Down()
{
    auto doc = std::make_unique<ChainDocument>();
    doc->setWatching(false);
    doc->setCatalogPath(s_demo + QStringLiteral("/catalog.json"));
    doc->setPaths({s_demo + QStringLiteral("/mesh")});
    doc->setService(QStringLiteral("web"));
    doc->simulation()->setDatacenterDown(QStringLiteral("dc1"), true);
    return doc;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** The files in a directory, for "nothing was left behind". */
QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TestDiagramExporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // 2023-11-14 22:13:20 UTC: the title block's timestamp must come from here, as in the CLI.
        qputenv("SOURCE_DATE_EPOCH", "1700000000");
    }

    void exportsEveryFormatFromTheCurrentView_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::newRow("svg") << "web.svg" << "svg";
        QTest::newRow("png") << "web.png" << "png";
        QTest::newRow("pdf") << "web.pdf" << "pdf";
        QTest::newRow("dot") << "web.dot" << "dot";
        QTest::newRow("json") << "web.json" << "json";
        // The extension wins over the chosen format; without one the chosen format is written.
        QTest::newRow("extension wins") << "chain.dot" << "svg";
        QTest::newRow("no extension") << "web-picture" << "pdf";
    }

    void exportsEveryFormatFromTheCurrentView()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        const auto doc = webWithDc1Down();
        QVERIFY2(doc->chainError().isEmpty(), qPrintable(doc->chainError()));
        QCOMPARE(doc->nodes()->index(doc->nodes()->indexOf(s_primary)).data(NodeModel::StateRole).toString(), QStringLiteral("dead"));
        DiagramExporter exporter;
        exporter.setDocument(doc.get());
        QVERIFY(exporter.available());
        const Result<exporter::Diagram> diagram = exporter.diagram();
        QVERIFY(diagram);
        QCOMPARE(diagram->info.scenario, QStringLiteral("catalog %1/catalog.json; datacenter down dc1").arg(s_demo));
        QCOMPARE(diagram->overlay.nodes.size(), diagram->scene.nodes.size());

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(file);
        const int layouts = doc->layoutRuns();
        QSignalSpy exported(&exporter, &DiagramExporter::exported);
        QSignalSpy failed(&exporter, &DiagramExporter::failed);
        QVERIFY2(exporter.exportView(QUrl::fromLocalFile(path), format), qPrintable(exporter.errorString()));
        QCOMPARE(doc->layoutRuns(), layouts); // exported what is on screen, no new Graphviz layout
        QCOMPARE(failed.size(), 0);
        QCOMPARE(exported.size(), 1);
        QCOMPARE(exported.first().at(0).toString(), path);
        QCOMPARE(entries(dir.path()), QStringList{file}); // no temporary file left over
        QCOMPARE(exporter.folder(), QUrl::fromLocalFile(dir.path()));

        const QString written = exported.first().at(1).toString();
        const QByteArray bytes = readAll(path);
        QVERIFY(!bytes.isEmpty());
        if (written == u"svg") {
            QCOMPARE(format, QStringLiteral("svg"));
            QString error;
            const QStringList texts = xmlTexts(bytes, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            const QString all = texts.join(u'\n');
            for (const QString &label : expectedLabels(*diagram))
                QVERIFY2(all.contains(label), qPrintable(QStringLiteral("label \"%1\" is not in the SVG").arg(label)));
            QVERIFY(texts.contains(QStringLiteral("Simulation: ") + diagram->info.scenario));
            QVERIFY(all.contains(QStringLiteral("2023-11-14 22:13:20 UTC")));
            QVERIFY(all.contains(s_demo + QStringLiteral("/mesh")));
            QVERIFY(all.contains(QStringLiteral("no healthy instance"))); // the overlay's dead primary
        } else if (written == u"png") {
            const QImage image = QImage::fromData(bytes, "png");
            QVERIFY(!image.isNull());
            const QSizeF page = exporter::pageLayout(*diagram).size;
            QCOMPARE(image.size(), QSize(qCeil(page.width() * 2.0), qCeil(page.height() * 2.0)));
        } else if (written == u"pdf") {
            QVERIFY(bytes.startsWith("%PDF-"));
            const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
            if (pdfinfo.isEmpty())
                QSKIP("pdfinfo (poppler-utils) is not installed");
            const exporter::testing::ProcessResult info = runTool(pdfinfo, {path}, {});
            QVERIFY2(info.exitCode == 0, info.err.constData());
            QVERIFY(QString::fromUtf8(info.out).contains(QRegularExpression(QStringLiteral("Pages:\\s+1\\n"))));
        } else if (written == u"dot") {
            QVERIFY(file.endsWith(QStringLiteral(".dot")));
            const QString dot = QStandardPaths::findExecutable(QStringLiteral("dot"));
            QVERIFY2(!dot.isEmpty(), "Graphviz `dot` is required (scripts/install-deps.sh installs it)");
            const exporter::testing::ProcessResult canon = runTool(dot, {QStringLiteral("-Tcanon")}, bytes);
            QVERIFY2(canon.exitCode == 0, canon.err.constData());
            for (const layout::SceneNode &n : diagram->scene.nodes)
                QVERIFY2(canon.out.contains((u'"' + n.key + u'"').toUtf8()), qPrintable(n.key));
            QVERIFY(bytes.contains(("// simulation: " + diagram->info.scenario).toUtf8()));
        } else {
            QCOMPARE(written, QStringLiteral("json"));
            // Byte for byte what the compiler's JSON writer (and so `chainscope compile`) gives for web.
            const config::ConfigSet set = config::loadConfig({s_demo + QStringLiteral("/mesh")}, config::LoadOptions{});
            const Result<chain::CompiledChain> compiled = chain::ChainCompiler(set.entries).compile(chain::CompileRequest::forService(QStringLiteral("web")));
            QVERIFY(compiled);
            QCOMPARE(bytes, chain::chainResponseJson(*compiled));
        }
    }

    void followsTheColourScheme()
    {
        const auto doc = webWithDc1Down();
        DiagramExporter exporter;
        exporter.setDocument(doc.get());
        QTemporaryDir dir;
        const QString light = dir.filePath(QStringLiteral("light.svg"));
        const QString dark = dir.filePath(QStringLiteral("dark.svg"));
        QVERIFY(exporter.exportView(light, QStringLiteral("svg")));
        doc->setDark(true);
        QVERIFY(exporter.exportView(dark, QStringLiteral("svg")));
        const QByteArray darkBackground = layout::palette(layout::ColorScheme::Dark).background.toLatin1();
        QVERIFY(!readAll(light).contains(darkBackground));
        QVERIFY(readAll(dark).contains(darkBackground));
    }

    void scenarioLineFollowsTheSimulation()
    {
        const auto doc = webWithDc1Down();
        DiagramExporter exporter;
        exporter.setDocument(doc.get());
        doc->simulation()->setSourceService(QStringLiteral("frontend"));
        doc->simulation()->setMethod(QStringLiteral("post"));
        doc->simulation()->setPath(QStringLiteral("/orders"));
        QCOMPARE(exporter.diagram()->info.scenario,
                 QStringLiteral("catalog %1/catalog.json; datacenter down dc1; request POST /orders; source frontend").arg(s_demo));
        doc->simulation()->setDatacenterDown(QStringLiteral("dc1"), false);
        QCOMPARE(exporter.diagram()->info.scenario, QStringLiteral("catalog %1/catalog.json; request POST /orders; source frontend").arg(s_demo));
    }

    void suggestsNamesFromTheService()
    {
        const auto doc = webWithDc1Down();
        DiagramExporter exporter;
        exporter.setDocument(doc.get());
        QCOMPARE(exporter.suggestedExportName(QStringLiteral("svg")), QStringLiteral("web.svg"));
        QCOMPARE(exporter.suggestedExportName(QStringLiteral("png")), QStringLiteral("web.png"));
        QCOMPARE(exporter.suggestedExportName(QStringLiteral("json")), QStringLiteral("web.json"));
        QVERIFY(exporter.suggestedExportUrl(QStringLiteral("pdf")).toLocalFile().endsWith(QStringLiteral("/web.pdf")));
    }

    void unwritableTargetNamesTheFileAndLeavesNothing_data()
    {
        QTest::addColumn<QString>("relative");
        QTest::addColumn<bool>("targetIsDirectory");
        QTest::newRow("missing directory") << "no/such/dir/web.svg" << false;
        QTest::newRow("target is a directory") << "web.svg" << true;
        QTest::newRow("json into a missing directory") << "no/such/dir/web.json" << false;
    }

    void unwritableTargetNamesTheFileAndLeavesNothing()
    {
        QFETCH(QString, relative);
        QFETCH(bool, targetIsDirectory);
        const auto doc = webWithDc1Down();
        DiagramExporter exporter;
        exporter.setDocument(doc.get());
        QTemporaryDir dir;
        const QString path = dir.filePath(relative);
        if (targetIsDirectory)
            QVERIFY(QDir().mkpath(path));
        const QStringList before = entries(dir.path());
        QSignalSpy failed(&exporter, &DiagramExporter::failed);
        QSignalSpy exported(&exporter, &DiagramExporter::exported);
        QVERIFY(!exporter.exportView(path, QStringLiteral("svg")));
        QCOMPARE(exported.size(), 0);
        QCOMPARE(failed.size(), 1);
        const QString message = failed.first().at(0).toString();
        QVERIFY2(message.contains(path), qPrintable(message));
        QCOMPARE(exporter.errorString(), message);
        QCOMPARE(entries(dir.path()), before);
        if (targetIsDirectory)
            QVERIFY(entries(path).isEmpty());

        // A later success clears the error.
        QVERIFY(exporter.exportView(dir.filePath(QStringLiteral("ok.svg")), QStringLiteral("svg")));
        QVERIFY(exporter.errorString().isEmpty());
    }

    void serviceThatDoesNotCompileIsAnError()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // A redirect cycle: the entries are valid one by one, the chain cannot be compiled.
        const auto write = [&](const QString &name, const QByteArray &text) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        write(QStringLiteral("a.hcl"), "Kind = \"service-resolver\"\nName = \"a\"\nRedirect {\n  Service = \"b\"\n}\n");
        write(QStringLiteral("b.hcl"), "Kind = \"service-resolver\"\nName = \"b\"\nRedirect {\n  Service = \"a\"\n}\n");
        QTemporaryDir out;
        ChainDocument doc;
        doc.setWatching(false);
        doc.setPaths({dir.path()});
        doc.setService(QStringLiteral("a"));
        QVERIFY(!doc.chainError().isEmpty());
        DiagramExporter exporter;
        QSignalSpy availableChanged(&exporter, &DiagramExporter::availableChanged);
        exporter.setDocument(&doc);
        QVERIFY(!exporter.available());
        QCOMPARE(availableChanged.size(), 0);
        QCOMPARE(exporter.diagram().diagnostics.value(0).code, exporter::codes::EmptyDiagram);
        for (const char *format : {"svg", "png", "pdf", "dot", "json"}) {
            const QString path = out.filePath(QStringLiteral("a.") + QString::fromLatin1(format));
            QVERIFY(!exporter.exportView(path, QString::fromLatin1(format)));
            QVERIFY2(exporter.errorString().contains(path), qPrintable(exporter.errorString()));
            QVERIFY2(exporter.errorString().contains(doc.chainError()), qPrintable(exporter.errorString()));
        }
        QVERIFY(!exporter.copyImage());
        QVERIFY(exporter.errorString().startsWith(QStringLiteral("nothing to copy")));
        QVERIFY(entries(out.path()).isEmpty());

        // No document at all.
        DiagramExporter unbound;
        QVERIFY(!unbound.exportView(out.filePath(QStringLiteral("x.svg")), QStringLiteral("svg")));
        QVERIFY(entries(out.path()).isEmpty());
    }

    void availabilityFollowsTheDocument()
    {
        const auto doc = webWithDc1Down();
        DiagramExporter exporter;
        QSignalSpy availableChanged(&exporter, &DiagramExporter::availableChanged);
        exporter.setDocument(doc.get());
        QVERIFY(exporter.available());
        QCOMPARE(availableChanged.size(), 1);
        doc->setPaths({});
        QVERIFY(!exporter.available());
        QCOMPARE(availableChanged.size(), 2);
        doc->setPaths({s_demo + QStringLiteral("/mesh")});
        QVERIFY(exporter.available());
        QCOMPARE(availableChanged.size(), 3);
    }

    void copyImagePutsPngAndSvgOnTheClipboard()
    {
        QVERIFY(qobject_cast<QGuiApplication *>(QCoreApplication::instance()));
        QClipboard *clipboard = QGuiApplication::clipboard();
        clipboard->setText(QStringLiteral("before"));
        const auto doc = webWithDc1Down();
        DiagramExporter exporter;
        exporter.setDocument(doc.get());
        const int layouts = doc->layoutRuns();
        QSignalSpy copied(&exporter, &DiagramExporter::copied);
        QVERIFY2(exporter.copyImage(), qPrintable(exporter.errorString()));
        QCOMPARE(copied.size(), 1);
        QCOMPARE(doc->layoutRuns(), layouts);

        const QMimeData *mime = clipboard->mimeData();
        QVERIFY(mime);
        QVERIFY(mime->hasImage());
        const QImage image = qvariant_cast<QImage>(mime->imageData());
        const QSizeF page = exporter::pageLayout(*exporter.diagram()).size;
        QCOMPARE(image.size(), QSize(qCeil(page.width() * 2.0), qCeil(page.height() * 2.0)));
        QVERIFY(mime->hasFormat(QStringLiteral("image/svg+xml")));
        const QByteArray svg = mime->data(QStringLiteral("image/svg+xml"));
        QString error;
        const QStringList texts = xmlTexts(svg, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(svg.contains("<svg"));
        QVERIFY(texts.contains(QStringLiteral("Simulation: ") + exporter.diagram()->info.scenario));

        // Nothing to copy: the clipboard keeps what it had.
        clipboard->setText(QStringLiteral("kept"));
        doc->setPaths({});
        QVERIFY(!exporter.copyImage());
        QCOMPARE(clipboard->text(), QStringLiteral("kept"));
    }
};

QTEST_MAIN(TestDiagramExporter)
#include "tst_diagramexporter.moc"
