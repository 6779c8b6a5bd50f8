// Request matching against routes and intention permissions (runtime.md §4.2, SC-20), split weights.
#include "sim/routing.h"
#include "sim/simulation.h"

#include <QTest>

using namespace chainscope;
using namespace chainscope::sim;

namespace {

Request req(const QString &line, const QList<QPair<QString, QString>> &headers = {})
{
    Request r;
    if (!parseRequestLine(line, r))
        qFatal("bad request line in test");
    r.headers = headers;
    return r;
}

chain::ChainRoute route(config::HttpRouteMatch http, const QString &next)
{
    chain::ChainRoute r;
    config::RouteMatch m;
    m.http = std::move(http);
    r.definition.match = m;
    r.nextNode = next;
    return r;
}

/** SC-20's router: /admin prefix → admin; x-canary: true → canary; /api + POST|PUT → api-writer; catch-all. */
QList<chain::ChainRoute> sc20Routes()
{
    config::HttpRouteMatch r1;
    r1.pathPrefix = QStringLiteral("/admin");
    config::HttpRouteMatch r2;
    config::HeaderMatch h;
    h.name = QStringLiteral("x-canary");
    h.exact = QStringLiteral("true");
    r2.header.append(h);
    config::HttpRouteMatch r3;
    r3.pathPrefix = QStringLiteral("/api");
    r3.methods = {QStringLiteral("POST"), QStringLiteral("PUT")};
    chain::ChainRoute catchAll;
    catchAll.implicit = true;
    catchAll.nextNode = QStringLiteral("resolver:api");
    return {route(r1, QStringLiteral("admin")), route(r2, QStringLiteral("canary")), route(r3, QStringLiteral("writer")), catchAll};
}

} // namespace

class TestRouting : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requestLine();
    void sc20_data();
    void sc20();
    void headerMatchers_data();
    void headerMatchers();
    void pathMatchers();
    void queryParams();
    void permissions();
    void splitWeights();
};

void TestRouting::requestLine()
{
    Request r;
    QVERIFY(parseRequestLine(QStringLiteral("POST /v1/orders?verbose=1&x=a%20b"), r));
    QCOMPARE(r.method, QStringLiteral("POST"));
    QCOMPARE(r.path, QStringLiteral("/v1/orders"));
    QCOMPARE(r.query.size(), 2);
    QCOMPARE(r.query.at(1).second, QStringLiteral("a%20b"));
    QVERIFY(parseRequestLine(QStringLiteral("/healthz"), r));
    QCOMPARE(r.method, QStringLiteral("GET"));
    QVERIFY(!parseRequestLine(QStringLiteral("GET healthz"), r));
    QVERIFY(!parseRequestLine(QString(), r));
    QPair<QString, QString> h;
    QVERIFY(parseHeader(QStringLiteral("X-User:  alice "), h));
    QCOMPARE(h.first, QStringLiteral("X-User"));
    QCOMPARE(h.second, QStringLiteral("alice"));
    QVERIFY(!parseHeader(QStringLiteral(": x"), h));
    QVERIFY(!parseHeader(QStringLiteral("nocolon"), h));
}

void TestRouting::sc20_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("header");
    QTest::addColumn<int>("expected");
    QTest::newRow("GET /admin/users") << QStringLiteral("GET /admin/users") << QStringLiteral("") << 0;
    QTest::newRow("no segment boundary") << QStringLiteral("GET /administrator") << QStringLiteral("") << 0;
    QTest::newRow("case-sensitive path") << QStringLiteral("GET /Admin") << QStringLiteral("") << 3;
    QTest::newRow("first match wins") << QStringLiteral("GET /admin") << QStringLiteral("x-canary: true") << 0;
    QTest::newRow("header name case-insensitive") << QStringLiteral("GET /api/x") << QStringLiteral("X-Canary: true") << 1;
    QTest::newRow("header value case-sensitive") << QStringLiteral("POST /api/orders") << QStringLiteral("x-canary: TRUE") << 2;
    QTest::newRow("POST /api/orders") << QStringLiteral("POST /api/orders") << QStringLiteral("") << 2;
    QTest::newRow("PATCH not listed") << QStringLiteral("PATCH /api/orders") << QStringLiteral("") << 3;
    QTest::newRow("query ignored by prefix") << QStringLiteral("GET /api?x=1") << QStringLiteral("") << 3;
}

void TestRouting::sc20()
{
    QFETCH(QString, line);
    QFETCH(QString, header);
    QFETCH(int, expected);
    QList<QPair<QString, QString>> headers;
    if (!header.isEmpty()) {
        QPair<QString, QString> h;
        QVERIFY(parseHeader(header, h));
        headers.append(h);
    }
    QCOMPARE(selectRoute(sc20Routes(), req(line, headers)), expected);
}

void TestRouting::headerMatchers_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("invert");
    QTest::addColumn<bool>("sendHeader");
    QTest::addColumn<bool>("expected");
    // Absent header ⇒ the matcher fails even when inverted, except Present+Invert (Envoy header_utility.cc).
    QTest::newRow("exact present") << QStringLiteral("exact") << false << true << true;
    QTest::newRow("exact absent") << QStringLiteral("exact") << false << false << false;
    QTest::newRow("exact inverted present") << QStringLiteral("exact") << true << true << false;
    QTest::newRow("exact inverted absent") << QStringLiteral("exact") << true << false << false;
    QTest::newRow("present") << QStringLiteral("present") << false << true << true;
    QTest::newRow("present absent") << QStringLiteral("present") << false << false << false;
    QTest::newRow("present inverted absent") << QStringLiteral("present") << true << false << true;
    QTest::newRow("present inverted present") << QStringLiteral("present") << true << true << false;
    QTest::newRow("prefix") << QStringLiteral("prefix") << false << true << true;
    QTest::newRow("suffix") << QStringLiteral("suffix") << false << true << true;
    QTest::newRow("regex whole") << QStringLiteral("regex") << false << true << true;
    QTest::newRow("regex partial") << QStringLiteral("regexpart") << false << true << false;
}

void TestRouting::headerMatchers()
{
    QFETCH(QString, kind);
    QFETCH(bool, invert);
    QFETCH(bool, sendHeader);
    QFETCH(bool, expected);
    config::HeaderMatch m;
    m.name = QStringLiteral("X-Version");
    m.invert = invert;
    if (kind == u"exact")
        m.exact = QStringLiteral("v2-beta");
    else if (kind == u"present")
        m.present = true;
    else if (kind == u"prefix")
        m.prefix = QStringLiteral("v2");
    else if (kind == u"suffix")
        m.suffix = QStringLiteral("beta");
    else if (kind == u"regex")
        m.regex = QStringLiteral("v[0-9]+-.*");
    else
        m.regex = QStringLiteral("v[0-9]");
    Request r;
    if (sendHeader)
        r.headers.append({QStringLiteral("x-version"), QStringLiteral("v2-beta")});
    QCOMPARE(matchesHeader(m, r), expected);
}

void TestRouting::pathMatchers()
{
    config::HttpRouteMatch exact;
    exact.pathExact = QStringLiteral("/healthz");
    QVERIFY(matchesRoute(exact, req(QStringLiteral("GET /healthz?verbose=1"))));
    QVERIFY(!matchesRoute(exact, req(QStringLiteral("GET /healthz/"))));
    QVERIFY(!matchesRoute(exact, req(QStringLiteral("GET /HEALTHZ"))));
    exact.caseInsensitive = true;
    QVERIFY(matchesRoute(exact, req(QStringLiteral("GET /HEALTHZ"))));

    config::HttpRouteMatch regex;
    regex.pathRegex = QStringLiteral("/v[0-9]+/orders");
    QVERIFY(matchesRoute(regex, req(QStringLiteral("GET /v12/orders"))));
    QVERIFY(!matchesRoute(regex, req(QStringLiteral("GET /v12/orders/1"))));
    // case_sensitive does not apply to safe_regex in Envoy.
    regex.caseInsensitive = true;
    QVERIFY(!matchesRoute(regex, req(QStringLiteral("GET /V12/ORDERS"))));

    config::HttpRouteMatch methods;
    methods.methods = {QStringLiteral("GET")};
    QVERIFY(!matchesRoute(methods, req(QStringLiteral("get /"))));
    QVERIFY(matchesRoute(methods, req(QStringLiteral("GET /anything"))));
    QVERIFY(matchesRoute(config::ServiceRoute{}, req(QStringLiteral("DELETE /x"))));
}

void TestRouting::queryParams()
{
    config::QueryParamMatch q;
    q.name = QStringLiteral("debug");
    q.exact = QStringLiteral("1");
    QVERIFY(matchesQuery(q, req(QStringLiteral("GET /?debug=1"))));
    QVERIFY(!matchesQuery(q, req(QStringLiteral("GET /?debug=10"))));
    QVERIFY(!matchesQuery(q, req(QStringLiteral("GET /"))));
    q.exact.clear();
    q.present = true;
    QVERIFY(matchesQuery(q, req(QStringLiteral("GET /?debug"))));
    q.present = false;
    q.regex = QStringLiteral("[0-9]+");
    QVERIFY(matchesQuery(q, req(QStringLiteral("GET /?debug=42"))));
    QVERIFY(!matchesQuery(q, req(QStringLiteral("GET /?debug=42x"))));
}

void TestRouting::permissions()
{
    config::IntentionPermission p;
    QVERIFY(matchesPermission(p, req(QStringLiteral("PUT /anything"))));
    config::IntentionHttpPermission http;
    http.pathPrefix = QStringLiteral("/v1");
    http.methods = {QStringLiteral("GET"), QStringLiteral("HEAD")};
    p.http = http;
    QVERIFY(matchesPermission(p, req(QStringLiteral("GET /v1/orders"))));
    QVERIFY(!matchesPermission(p, req(QStringLiteral("POST /v1/orders"))));
    config::IntentionHeaderPermission h;
    h.name = QStringLiteral("x-team");
    h.contains = QStringLiteral("OPS");
    h.ignoreCase = true;
    p.http->header.append(h);
    QVERIFY(matchesPermission(p, req(QStringLiteral("GET /v1/x"), {{QStringLiteral("X-Team"), QStringLiteral("dev-ops")}})));
    QVERIFY(!matchesPermission(p, req(QStringLiteral("GET /v1/x"))));
}

void TestRouting::splitWeights()
{
    QCOMPARE(splitIntegerWeight(33.33), 3333u);
    QCOMPARE(splitIntegerWeight(16.67), 1667u);
    QCOMPARE(splitIntegerWeight(90), 9000u);
    QCOMPARE(splitIntegerWeight(0.01), 1u);
    QCOMPARE(splitIntegerWeight(0), 0u);
    QCOMPARE(splitIntegerWeight(-1), 0u);
}

QTEST_GUILESS_MAIN(TestRouting)
#include "tst_routing.moc"
