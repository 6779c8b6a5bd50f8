// The mesh report renderings: Markdown tables that stay tables whatever the names, well-formed HTML with the
// pictures inline, failover order and access per source service.
#include "export/report.h"

#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>
#include <QXmlStreamReader>

using namespace chainscope;
using namespace chainscope::exporter;

namespace {

Report sampleReport()
{
    Report r;
    r.title = QStringLiteral("Mesh report");
    r.sources = {QStringLiteral("resources/demo/mesh")};
    r.catalog = QStringLiteral("resources/demo/catalog.json");
    r.datacenter = QStringLiteral("dc1");
    r.timestamp = QDateTime(QDate(2024, 5, 1), QTime(8, 0), QTimeZone::utc());
    r.sourceServices = {QStringLiteral("frontend"), QStringLiteral("web")};
    ReportChain web;
    web.service = QStringLiteral("web");
    web.protocol = QStringLiteral("http");
    web.pictureFile = QStringLiteral("web.svg");
    web.svg = QByteArrayLiteral("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><text>v1.web</text></svg>\n");
    const auto target = [](const QString &resolver, int level, const QString &id, const QString &where, bool frontend, bool self) {
        ReportTarget t;
        t.resolver = resolver;
        t.level = level;
        t.id = id;
        t.service = QStringLiteral("web");
        t.location = where;
        ReportAccess fromFrontend;
        fromFrontend.source = QStringLiteral("frontend");
        fromFrontend.allowed = frontend;
        fromFrontend.deciding = QStringLiteral("service-intentions/web: frontend → allow");
        ReportAccess fromWeb;
        fromWeb.source = QStringLiteral("web");
        fromWeb.allowed = self;
        fromWeb.deciding = QStringLiteral("service-intentions/web: * → deny");
        if (where.startsWith(u"peer")) {
            // Peer targets are decided by the peer's own intentions.
            fromFrontend.known = fromWeb.known = false;
        }
        t.access = {fromFrontend, fromWeb};
        return t;
    };
    web.targets = {target(QStringLiteral("v1.web"), 0, QStringLiteral("v1.web.default.default.dc1"), QStringLiteral("dc1"), true, false),
                   target(QStringLiteral("v1.web"), 1, QStringLiteral("v1.web.default.default.dc3"), QStringLiteral("dc3"), true, false),
                   target(QStringLiteral("v1.web"), 2, QStringLiteral("web.default.default.external.peer-01"), QStringLiteral("peer peer-01"), true, false)};
    ReportChain odd;
    odd.service = QStringLiteral("we|ird <svc> *x*");
    Diagnostic problem;
    problem.code = QStringLiteral("CS3001");
    problem.message = QStringLiteral("service \"x\" does not have a subset named \"v9\"");
    odd.problems = {problem};
    r.chains = {web, odd};
    return r;
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ordinals_data()
    {
        QTest::addColumn<int>("level");
        QTest::addColumn<QString>("expected");
        QTest::newRow("0") << 0 << "primary";
        QTest::newRow("1") << 1 << "1st failover";
        QTest::newRow("2") << 2 << "2nd failover";
        QTest::newRow("3") << 3 << "3rd failover";
        QTest::newRow("4") << 4 << "4th failover";
        QTest::newRow("11") << 11 << "11th failover";
        QTest::newRow("12") << 12 << "12th failover";
        QTest::newRow("13") << 13 << "13th failover";
        QTest::newRow("21") << 21 << "21st failover";
        QTest::newRow("102") << 102 << "102nd failover";
    }

    void ordinals()
    {
        QFETCH(int, level);
        QFETCH(QString, expected);
        QCOMPARE(failoverOrdinal(level), expected);
    }

    void markdownTablesKeepTheirShape()
    {
        const QString md = renderMarkdown(sampleReport());
        QVERIFY(md.startsWith(QStringLiteral("# Mesh report\n")));
        QVERIFY(md.contains(QStringLiteral("![web](web.svg)")));
        QVERIFY(md.contains(QStringLiteral("2024-05-01 08:00:00 UTC")));
        // Every table row has the same number of unescaped pipes as the header.
        const QStringList lines = md.split(u'\n');
        const QRegularExpression pipe(QStringLiteral("(?<!\\\\)\\|"));
        int tableRows = 0;
        qsizetype columns = -1;
        for (const QString &line : lines) {
            if (!line.startsWith(u'|'))
                continue;
            const qsizetype n = line.count(pipe);
            if (columns < 0)
                columns = n;
            QCOMPARE(n, columns);
            ++tableRows;
        }
        QCOMPARE(columns, 7); // Resolver, Order, Target, Where, frontend, web
        QCOMPARE(tableRows, 2 + 3);
        QVERIFY(md.contains(QStringLiteral("| v1.web | 1st failover | `v1.web.default.default.dc3` | dc3 | allowed | denied |")));
        QVERIFY(md.contains(
            QStringLiteral("| v1.web | 2nd failover | `web.default.default.external.peer-01` | peer peer-01 | decided by the peer | decided by the peer |")));
        // Hostile names are escaped, not interpreted; problems are shown.
        QVERIFY(md.contains(QStringLiteral("## we\\|ird \\<svc\\> \\*x\\*")));
        QVERIFY(md.contains(QStringLiteral("does not have a subset named")));
        // Deciding intentions are listed once each.
        QCOMPARE(md.count(QStringLiteral("frontend → web: allowed (service-intentions/web: frontend → allow)")), 1);
    }

    void accessTexts()
    {
        ReportAccess a;
        QCOMPARE(accessText(a), QStringLiteral("allowed"));
        a.allowed = false;
        QCOMPARE(accessText(a), QStringLiteral("denied"));
        a.dependsOnRequest = true;
        QCOMPARE(accessText(a), QStringLiteral("per request (L7)"));
        a.known = false;
        QCOMPARE(accessText(a), QStringLiteral("decided by the peer"));
    }

    void htmlIsWellFormedWithInlineSvg()
    {
        const QByteArray html = renderHtml(sampleReport());
        QXmlStreamReader reader(html);
        int svgs = 0;
        int denied = 0;
        QStringList headings;
        while (!reader.atEnd()) {
            reader.readNext();
            if (reader.isStartElement()) {
                if (reader.name() == u"svg")
                    ++svgs;
                if (reader.name() == u"td" && reader.attributes().value(QStringLiteral("class")) == u"denied")
                    ++denied;
                if (reader.name() == u"h2")
                    headings << reader.readElementText(QXmlStreamReader::IncludeChildElements);
            }
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString() + QStringLiteral(" at line ") + QString::number(reader.lineNumber())));
        QCOMPARE(svgs, 1);
        QCOMPARE(denied, 2); // the peer row is "unknown", not denied
        QCOMPARE(headings, (QStringList{QStringLiteral("web"), QStringLiteral("we|ird <svc> *x*")}));
        QVERIFY(!html.contains("<?xml")); // the SVG's XML declaration is not repeated inside the page
    }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
