// Intention precedence and decisions (runtime.md §6, SC-21, SC-22).
#include "sim/intentions.h"
#include "sim/routing.h"
#include "sim/simulation.h"

#include <QTest>

using namespace chainscope;
using namespace chainscope::sim;

namespace {

config::SourceIntention l4(const QString &name, const QString &action, int line)
{
    config::SourceIntention s;
    s.name = name;
    s.action = action;
    s.span.file = QStringLiteral("intentions.hcl");
    s.span.begin = {line, 3, -1};
    return s;
}

config::Entry entry(const QString &destination, QList<config::SourceIntention> sources)
{
    config::Entry e;
    e.kind = config::EntryKind::ServiceIntentions;
    e.name = destination;
    config::ServiceIntentions body;
    body.sources = std::move(sources);
    e.body = body;
    return e;
}

config::IntentionPermission permission(const QString &action, const QString &prefix, const QString &exact, const QStringList &methods, int line)
{
    config::IntentionPermission p;
    p.action = action;
    config::IntentionHttpPermission http;
    http.pathPrefix = prefix;
    http.pathExact = exact;
    http.methods = methods;
    p.http = http;
    p.span.file = QStringLiteral("intentions.hcl");
    p.span.begin = {line, 5, -1};
    return p;
}

Request req(const QString &line)
{
    Request r;
    if (!parseRequestLine(line, r))
        qFatal("bad request line in test");
    return r;
}

/** SC-21's intentions: web → api allow (9), * → api deny (8), web → * deny (6), * → * allow (5). */
QList<config::Entry> sc21Entries()
{
    return {entry(QStringLiteral("api"), {l4(QStringLiteral("web"), QStringLiteral("allow"), 2), l4(QStringLiteral("*"), QStringLiteral("deny"), 3)}),
            entry(QStringLiteral("*"), {l4(QStringLiteral("web"), QStringLiteral("deny"), 7), l4(QStringLiteral("*"), QStringLiteral("allow"), 8)})};
}

IntentionDecision decide(const QList<config::Entry> &entries, const QString &src, const QString &dst, bool defaultAllow,
                         const QString &protocol = QStringLiteral("http"), const QString &line = QString())
{
    IntentionSource s;
    s.name = src;
    IntentionDestination d;
    d.name = dst;
    d.protocol = protocol;
    const Request r = line.isEmpty() ? Request{} : req(line);
    return decideIntention(entries, s, d, line.isEmpty() ? nullptr : &r, defaultAllow);
}

} // namespace

class TestIntentions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void precedenceTable_data();
    void precedenceTable();
    void sc21_data();
    void sc21();
    void sc22();
    void l7OnTcpDenies();
    void transparentProxyUpstream();
    void peerSources();
};

void TestIntentions::precedenceTable_data()
{
    QTest::addColumn<QString>("srcNs");
    QTest::addColumn<QString>("srcName");
    QTest::addColumn<QString>("dstNs");
    QTest::addColumn<QString>("dstName");
    QTest::addColumn<int>("precedence");
    const QString ex = QStringLiteral("x"), any = QStringLiteral("*");
    QTest::newRow("9") << ex << ex << ex << ex << 9;
    QTest::newRow("8") << ex << any << ex << ex << 8;
    QTest::newRow("7") << any << any << ex << ex << 7;
    QTest::newRow("6") << ex << ex << ex << any << 6;
    QTest::newRow("5") << ex << any << ex << any << 5;
    QTest::newRow("4") << any << any << ex << any << 4;
    QTest::newRow("3") << ex << ex << any << any << 3;
    QTest::newRow("2") << ex << any << any << any << 2;
    QTest::newRow("1") << any << any << any << any << 1;
}

void TestIntentions::precedenceTable()
{
    QFETCH(QString, srcNs);
    QFETCH(QString, srcName);
    QFETCH(QString, dstNs);
    QFETCH(QString, dstName);
    QFETCH(int, precedence);
    QCOMPARE(intentionPrecedence(srcNs, srcName, dstNs, dstName), precedence);
}

void TestIntentions::sc21_data()
{
    QTest::addColumn<QString>("src");
    QTest::addColumn<QString>("dst");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<int>("precedence");
    QTest::addColumn<int>("line");
    QTest::newRow("web→api") << QStringLiteral("web") << QStringLiteral("api") << true << 9 << 2;
    QTest::newRow("billing→api") << QStringLiteral("billing") << QStringLiteral("api") << false << 8 << 3;
    QTest::newRow("web→db") << QStringLiteral("web") << QStringLiteral("db") << false << 6 << 7;
    QTest::newRow("billing→db") << QStringLiteral("billing") << QStringLiteral("db") << true << 5 << 8;
}

void TestIntentions::sc21()
{
    QFETCH(QString, src);
    QFETCH(QString, dst);
    QFETCH(bool, allowed);
    QFETCH(int, precedence);
    QFETCH(int, line);
    for (const bool defaultAllow : {false, true}) {
        const IntentionDecision d = decide(sc21Entries(), src, dst, defaultAllow, QStringLiteral("tcp"));
        QCOMPARE(d.allowed, allowed);
        QCOMPARE(d.precedence, precedence);
        QVERIFY(!d.byDefault);
        QCOMPARE(d.span.begin.line, line);
        QVERIFY2(d.description.contains(QStringLiteral("precedence %1").arg(precedence)), qPrintable(d.description));
    }
    // Without the wildcard entries an unknown pair falls to the default.
    const IntentionDecision none = decide({}, src, dst, false);
    QVERIFY(none.byDefault);
    QVERIFY(!none.allowed);
    QCOMPARE(none.description, QStringLiteral("default deny"));
}

void TestIntentions::sc22()
{
    config::SourceIntention frontend;
    frontend.name = QStringLiteral("frontend");
    frontend.permissions = {permission(QStringLiteral("deny"), QStringLiteral("/admin"), {}, {}, 10),
                            permission(QStringLiteral("allow"), QStringLiteral("/v1"), {}, {QStringLiteral("GET"), QStringLiteral("HEAD")}, 11),
                            permission(QStringLiteral("allow"), {}, QStringLiteral("/healthz"), {}, 12)};
    const QList<config::Entry> entries = {entry(QStringLiteral("api"), {frontend, l4(QStringLiteral("*"), QStringLiteral("allow"), 20)})};
    const QString fe = QStringLiteral("frontend"), api = QStringLiteral("api"), http = QStringLiteral("http");

    IntentionDecision d = decide(entries, fe, api, false, http, QStringLiteral("GET /admin/x"));
    QVERIFY(!d.allowed);
    QCOMPARE(d.permission, 0);
    QCOMPARE(d.span.begin.line, 10);
    d = decide(entries, fe, api, false, http, QStringLiteral("GET /v1/orders"));
    QVERIFY(d.allowed);
    QCOMPARE(d.permission, 1);
    // No permission matches: the default decides, never the lower-precedence `* → api allow`.
    d = decide(entries, fe, api, false, http, QStringLiteral("POST /v1/orders"));
    QVERIFY(!d.allowed);
    QVERIFY(d.byDefault);
    QCOMPARE(d.permission, -1);
    QCOMPARE(d.precedence, 9);
    d = decide(entries, fe, api, false, http, QStringLiteral("GET /healthz?verbose=1"));
    QVERIFY(d.allowed);
    QCOMPARE(d.permission, 2);
    // Source `other` reaches the `*` intention here; without it, the default.
    QVERIFY(decide(entries, QStringLiteral("other"), api, false, http, QStringLiteral("GET /v1/x")).allowed);
    const QList<config::Entry> onlyFrontend = {entry(api, {frontend})};
    QVERIFY(!decide(onlyFrontend, QStringLiteral("other"), api, false, http, QStringLiteral("GET /v1/x")).allowed);
    // DEFAULT allow: POST /v1/orders allowed, /admin still denied.
    QVERIFY(decide(entries, fe, api, true, http, QStringLiteral("POST /v1/orders")).allowed);
    QVERIFY(!decide(entries, fe, api, true, http, QStringLiteral("GET /admin/x")).allowed);
}

void TestIntentions::l7OnTcpDenies()
{
    config::SourceIntention frontend;
    frontend.name = QStringLiteral("frontend");
    frontend.permissions = {permission(QStringLiteral("allow"), QStringLiteral("/"), {}, {}, 4)};
    const QList<config::Entry> entries = {entry(QStringLiteral("api"), {frontend})};
    const IntentionDecision d = decide(entries, QStringLiteral("frontend"), QStringLiteral("api"), true, QStringLiteral("tcp"), QStringLiteral("GET /"));
    QVERIFY(!d.allowed);
    QVERIFY(!d.byDefault);
}

void TestIntentions::transparentProxyUpstream()
{
    // DEFAULT deny: upstream needs an allow or any L7 intention; DEFAULT allow: all but L4-denied.
    const QList<config::Entry> entries = sc21Entries();
    QVERIFY(decide(entries, QStringLiteral("web"), QStringLiteral("api"), false).upstream);
    QVERIFY(!decide(entries, QStringLiteral("web"), QStringLiteral("db"), true).upstream);
    QVERIFY(!decide({}, QStringLiteral("web"), QStringLiteral("db"), false).upstream);
    QVERIFY(decide({}, QStringLiteral("web"), QStringLiteral("db"), true).upstream);
}

void TestIntentions::peerSources()
{
    config::SourceIntention fromPeer = l4(QStringLiteral("web"), QStringLiteral("allow"), 3);
    fromPeer.peer = QStringLiteral("west");
    const QList<config::Entry> entries = {entry(QStringLiteral("api"), {fromPeer})};
    IntentionSource local;
    local.name = QStringLiteral("web");
    IntentionDestination dst;
    dst.name = QStringLiteral("api");
    QVERIFY(!decideIntention(entries, local, dst, nullptr, false).allowed);
    IntentionSource imported = local;
    imported.anyPeer = true;
    QVERIFY(decideIntention(entries, imported, dst, nullptr, false).allowed);
    imported.anyPeer = false;
    imported.peer = QStringLiteral("west");
    QVERIFY(decideIntention(entries, imported, dst, nullptr, false).allowed);
}

QTEST_GUILESS_MAIN(TestIntentions)
#include "tst_intentions.moc"
