// ChainDocument over the demo mesh: services with problem badges, a laid-out chain, a health toggle that
// re-runs only the simulation (dataChanged on the affected rows, no reset, no relayout), reload keeping the
// service, selection and scenario, and file watching.
#include "chaindocument.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace chainscope::model;

namespace {

const QString s_demo = QStringLiteral(CHAINSCOPE_DEMO_DIR);

void openDemo(ChainDocument &doc)
{
    doc.setWatching(false);
    doc.setCatalogPath(s_demo + QStringLiteral("/catalog.json"));
    doc.setPaths({s_demo + QStringLiteral("/mesh")});
}

} // namespace

class TestChainDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
    }

    void loadsTheDemo()
    {
        ChainDocument doc;
        QAbstractItemModelTester services(doc.services(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester nodes(doc.nodes(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester edges(doc.edges(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester diagnostics(doc.diagnostics(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester instances(doc.instances(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        openDemo(doc);
        for (const char *service : {"web", "checkout", "api-beta", "product-api"})
            QVERIFY2(doc.services()->indexOf(QString::fromLatin1(service)) >= 0, service);
        doc.setService(QStringLiteral("checkout"));
        QVERIFY2(doc.chainError().isEmpty(), qPrintable(doc.chainError()));
        QVERIFY(doc.nodes()->count() >= 5); // router, splitter, resolvers, targets
        QCOMPARE(doc.nodes()->index(0).data(NodeModel::KindRole).toString(), QStringLiteral("router"));
        QVERIFY(doc.graphWidth() > 0 && doc.graphHeight() > 0);
        QVERIFY(doc.simulation()->available());
        QVERIFY(doc.instances()->count() > 0);
        // Everything the demo loads is valid: no errors.
        QCOMPARE(doc.diagnostics()->errorCount(), 0);
    }

    void healthToggleRerunsOnlyTheSimulation()
    {
        ChainDocument doc;
        openDemo(doc);
        doc.setService(QStringLiteral("web"));
        QAbstractItemModelTester nodeTester(doc.nodes(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester edgeTester(doc.edges(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int layouts = doc.layoutRuns();
        const int runs = doc.simulationRuns();
        const int primary = doc.nodes()->indexOf(QStringLiteral("target:v1.web.default.default.dc1"));
        QVERIFY(primary >= 0);
        QCOMPARE(doc.nodes()->index(primary).data(NodeModel::StateRole).toString(), QStringLiteral("active"));

        QSignalSpy nodeReset(doc.nodes(), &QAbstractItemModel::modelReset);
        QSignalSpy edgeReset(doc.edges(), &QAbstractItemModel::modelReset);
        QSignalSpy instanceReset(doc.instances(), &QAbstractItemModel::modelReset);
        QSignalSpy nodeChanged(doc.nodes(), &QAbstractItemModel::dataChanged);
        QSignalSpy geometry(&doc, &ChainDocument::geometryChanged);
        doc.simulation()->setInstanceDown(QStringLiteral("web-v1-a"), true);
        doc.simulation()->setInstanceDown(QStringLiteral("web-v1-b"), true);
        doc.simulation()->setInstanceDown(QStringLiteral("web-v1-c"), true);

        QCOMPARE(doc.layoutRuns(), layouts);
        QCOMPARE(doc.simulationRuns(), runs + 3);
        QCOMPARE(geometry.size(), 0);
        QCOMPARE(nodeReset.size(), 0);
        QCOMPARE(edgeReset.size(), 0);
        QCOMPARE(instanceReset.size(), 0);
        QVERIFY(!nodeChanged.isEmpty());
        // Only the rows whose overlay changed: never every row.
        QSet<int> rows;
        for (const auto &args : std::as_const(nodeChanged)) {
            QCOMPARE(args.at(0).toModelIndex().row(), args.at(1).toModelIndex().row());
            rows.insert(args.at(0).toModelIndex().row());
        }
        QVERIFY(rows.contains(primary));
        QVERIFY(rows.size() < doc.nodes()->count());
        QCOMPARE(doc.nodes()->index(primary).data(NodeModel::StateRole).toString(), QStringLiteral("dead"));
        const int failover = doc.edges()->indexOf(QStringLiteral("resolver:v1.web.default.default.dc1->target:v1.web.default.default.dc3#failover1"));
        QVERIFY(failover >= 0);
        QVERIFY(doc.edges()->index(failover).data(EdgeModel::EmphasisedRole).toBool());
    }

    void reloadKeepsServiceSelectionAndScenario()
    {
        ChainDocument doc;
        openDemo(doc);
        doc.setService(QStringLiteral("web"));
        doc.setSelectedKey(QStringLiteral("resolver:v1.web.default.default.dc1"));
        QVERIFY(!doc.sourceText().isEmpty());
        QVERIFY(doc.sourceLocation().contains(QStringLiteral("service-resolver.hcl")));
        doc.simulation()->setDatacenterDown(QStringLiteral("dc1"), true);
        doc.reload();
        QCOMPARE(doc.service(), QStringLiteral("web"));
        QCOMPARE(doc.selectedKey(), QStringLiteral("resolver:v1.web.default.default.dc1"));
        QVERIFY(doc.simulation()->downDatacenters().contains(QStringLiteral("dc1")));
        const int primary = doc.nodes()->indexOf(QStringLiteral("target:v1.web.default.default.dc1"));
        QCOMPARE(doc.nodes()->index(primary).data(NodeModel::StateRole).toString(), QStringLiteral("dead"));
    }

    void watchedFileChangesReload()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("web.hcl"));
        const auto write = [&](const QByteArray &text) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(text);
        };
        write("Kind = \"service-resolver\"\nName = \"web\"\nConnectTimeout = \"3s\"\n");
        ChainDocument doc;
        doc.setPaths({dir.path()});
        QCOMPARE(doc.service(), QStringLiteral("web"));
        QSignalSpy loaded(&doc, &ChainDocument::loaded);
        {
            QFile f(dir.filePath(QStringLiteral("api.hcl")));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("Kind = \"service-resolver\"\nName = \"api\"\n");
        }
        QTRY_VERIFY_WITH_TIMEOUT(loaded.size() >= 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(doc.services()->indexOf(QStringLiteral("api")) >= 0, 5000);
        QCOMPARE(doc.service(), QStringLiteral("web"));
    }

    void brokenInputIsReportedNotFatal()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("bad.hcl")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Kind = \"service-resolver\"\nName = \"web\"\nRedirect {\n  Service = \"web\"\n");
        f.close();
        ChainDocument doc;
        doc.setWatching(false);
        doc.setPaths({dir.path()});
        QVERIFY(doc.diagnostics()->count() > 0);
        QVERIFY(doc.diagnostics()->index(0).data(DiagnosticsModel::LineRole).toInt() > 0);
        doc.showSource(doc.diagnostics()->index(0).data(DiagnosticsModel::FileRole).toString(), 1);
        QVERIFY(doc.sourceText().contains(QStringLiteral("service-resolver")));
    }
};

QTEST_MAIN(TestChainDocument)
#include "tst_chaindocument.moc"
