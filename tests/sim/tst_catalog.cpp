// Catalog input: the health-API array, the datacenter-keyed form, connect endpoints, located errors.
#include "sim/catalog.h"
#include "sim/filter.h"
#include "sim/simcodes.h"

#include <QTest>

using namespace chainscope;
using namespace chainscope::sim;

namespace {

QString data(const char *name)
{
    return QStringLiteral(TEST_DATA_DIR "/catalogs/") + QLatin1String(name);
}

const Diagnostic *find(const Diagnostics &diags, const QString &field)
{
    for (const Diagnostic &d : diags)
        if (d.field == field)
            return &d;
    return nullptr;
}

} // namespace

class TestCatalog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void healthApiArray()
    {
        const Result<Catalog> c = loadCatalog(data("health-api.json"));
        QVERIFY2(c, qPrintable(c.diagnostics.isEmpty() ? QString() : c.diagnostics.front().format()));
        QVERIFY(c.diagnostics.isEmpty());
        // Datacenter from Node.Datacenter, else the default.
        QCOMPARE(c->locations(), (QStringList{QStringLiteral("dc1"), QStringLiteral("dc2")}));
        const QList<Instance> dc2 = c->instances(QStringLiteral("dc2"), QStringLiteral("api"));
        QCOMPARE(dc2.size(), 1);
        const Instance &p = dc2.front();
        QVERIFY(p.isSidecar());
        QCOMPARE(p.serviceName, QStringLiteral("api")); // grouped under the destination, not api-sidecar-proxy
        QCOMPARE(p.service.service, QStringLiteral("api-sidecar-proxy"));
        QCOMPARE(p.node.taggedAddresses.value(QStringLiteral("wan")), QStringLiteral("198.18.0.1"));
        QCOMPARE(p.service.taggedAddresses.value(QStringLiteral("lan")).port, 21000);
        QCOMPARE(p.service.weightsPassing, 10);
        QCOMPARE(p.service.proxy.destinationServiceId, QStringLiteral("api-1"));
        QCOMPARE(p.service.proxy.mode, QStringLiteral("transparent"));
        QCOMPARE(p.service.proxy.upstreams.size(), 1);
        QCOMPARE(p.service.proxy.upstreams.front().localBindPort, 5432);
        QCOMPARE(p.checks.size(), 2);
        QCOMPARE(p.checks.at(1).serviceTags, QStringList{QStringLiteral("v1")});
        QCOMPARE(p.span.begin.line, 2); // the array element that registers it
        // null Tags/Meta/Checks are empty, Weights default to {1, 1}.
        const QList<Instance> dc1 = c->instances(QStringLiteral("dc1"), QStringLiteral("api"));
        QCOMPARE(dc1.size(), 1);
        QVERIFY(dc1.front().service.tags.isEmpty());
        QVERIFY(dc1.front().checks.isEmpty());
        QCOMPARE(dc1.front().service.weightsWarning, 1);
        QCOMPARE(matchAll(Filter::compile(QStringLiteral("Checks.Status == warning and Service.Proxy.Upstreams.DestinationName == db")), c->all()),
                 (QList<bool>{true, false}));
    }

    void defaultDatacenterOption()
    {
        CatalogOptions options;
        options.defaultDatacenter = QStringLiteral("west");
        const Result<Catalog> c = loadCatalog(data("health-api.json"), options);
        QVERIFY(c);
        QCOMPARE(c->locations(), (QStringList{QStringLiteral("dc2"), QStringLiteral("west")}));
    }

    void keyedForm()
    {
        const Result<Catalog> c = loadCatalog(data("keyed.json"));
        QVERIFY(c);
        QVERIFY(c.diagnostics.isEmpty());
        QCOMPARE(c->locations(), (QStringList{QStringLiteral("dc1"), QStringLiteral("peer:east")}));
        QCOMPARE(c->services(QStringLiteral("dc1")), QStringList{QStringLiteral("web")});
        QCOMPARE(c->instances(QStringLiteral("dc1"), QStringLiteral("web")).size(), 3);
        // Filters see the sidecar registrations when the catalog has them (runtime.md §1.1).
        const QList<Instance> endpoints = c->endpoints(QStringLiteral("dc1"), QStringLiteral("web"));
        QCOMPARE(endpoints.size(), 1);
        QCOMPARE(endpoints.front().service.id, QStringLiteral("web-b-sidecar-proxy"));
        // Without sidecars the application registrations stand in for them.
        const QList<Instance> peer = c->endpoints(Catalog::peerLocation(QStringLiteral("east")), QStringLiteral("web"));
        QCOMPARE(peer.size(), 1);
        QCOMPARE(peer.front().location, QStringLiteral("peer:east"));
        QVERIFY(c->instances(QStringLiteral("dc9"), QStringLiteral("web")).isEmpty());
    }

    void locatedErrors_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("type") << "dc2.web[1].Service.Port" << QString(codes::CatalogType) << 5 << 84;
        QTest::newRow("status") << "dc2.web[2].Checks[0].Status" << QString(codes::CatalogBadStatus) << 6 << 115;
        QTest::newRow("map") << "dc2.web[3].Service.Meta" << QString(codes::CatalogType) << 7 << 84;
        QTest::newRow("other service") << "dc2.web[4].Service.Service" << QString(codes::CatalogServiceMismatch) << 8 << 7;
        QTest::newRow("missing service") << "dc2.web[5].Service" << QString(codes::CatalogMissingField) << 9 << 7;
        QTest::newRow("duplicate") << "dc2.web[6].Service.ID" << QString(codes::CatalogDuplicateInstance) << 10 << 7;
        QTest::newRow("empty key") << "[\"\"]" << QString(codes::CatalogBadLocation) << 13 << 3;
    }

    void locatedErrors()
    {
        QFETCH(QString, field);
        QFETCH(QString, code);
        QFETCH(int, line);
        QFETCH(int, column);
        const Result<Catalog> c = loadCatalog(data("broken.json"));
        const Diagnostic *d = find(c.diagnostics, field);
        QVERIFY2(d, qPrintable(field));
        QCOMPARE(d->code, code);
        QCOMPARE(d->where.file, data("broken.json"));
        QCOMPARE(d->where.begin.line, line);
        QCOMPARE(d->where.begin.column, column);
        // The good instance is kept, the broken ones are not.
        QVERIFY(c);
        QCOMPARE(c->instances(QStringLiteral("dc2"), QStringLiteral("web")).size(), 1);
    }

    void malformedInput_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("code");
        QTest::newRow("syntax") << QByteArray("[{\"Node\": ") << QString();
        QTest::newRow("scalar") << QByteArray("42") << QString(codes::CatalogShape);
        QTest::newRow("dc not object") << QByteArray("{\"dc1\": []}") << QString(codes::CatalogType);
        QTest::newRow("service not array") << QByteArray("{\"dc1\": {\"web\": {}}}") << QString(codes::CatalogType);
        QTest::newRow("instance not object") << QByteArray("[1]") << QString(codes::CatalogType);
        QTest::newRow("peer without name") << QByteArray("{\"peer:\": {}}") << QString(codes::CatalogBadLocation);
        QTest::newRow("fractional port") << QByteArray("[{\"Node\": {}, \"Service\": {\"Service\": \"a\", \"Port\": 1.5}}]") << QString(codes::CatalogBadValue);
        QTest::newRow("no Service.Service") << QByteArray("[{\"Node\": {}, \"Service\": {}}]") << QString(codes::CatalogMissingField);
    }

    void malformedInput()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, code);
        const Result<Catalog> c = parseCatalog(json, QStringLiteral("mem.json"));
        QVERIFY(hasErrors(c.diagnostics));
        if (!code.isEmpty())
            QCOMPARE(c.diagnostics.front().code, code);
        QCOMPARE(c.diagnostics.front().where.file, QStringLiteral("mem.json"));
        QVERIFY(c.diagnostics.front().where.begin.line >= 1);
    }

    void missingFile()
    {
        const Result<Catalog> c = loadCatalog(data("does-not-exist.json"));
        QVERIFY(!c);
        QCOMPARE(c.diagnostics.front().code, QString(codes::CatalogUnreadable));
    }

    void demoCatalogLoads()
    {
        const Result<Catalog> c = loadCatalog(QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/demo/catalog.json"));
        QVERIFY(c);
        QVERIFY(!hasErrors(c.diagnostics));
        QVERIFY(c->locations().contains(QStringLiteral("peer:peer-01")));
        QVERIFY(!c->endpoints(QStringLiteral("dc1"), QStringLiteral("web")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
