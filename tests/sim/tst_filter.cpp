// go-bexpr v0.1.2 evaluation: every worked example of runtime.md §1.7, coercion, validation and errors.
#include "sim/filter.h"

#include <QTest>

using namespace chainscope;
using namespace chainscope::sim;

namespace {

CatalogCheck check(const QString &node, const QString &id, const QString &status, const QString &serviceId = {})
{
    CatalogCheck c;
    c.node = node;
    c.checkId = id;
    c.name = id;
    c.status = status;
    c.serviceId = serviceId;
    return c;
}

Instance sidecar(const QString &id, const QString &node, int port)
{
    Instance in;
    in.location = QStringLiteral("dc1");
    in.serviceName = QStringLiteral("api");
    in.node.node = node;
    in.node.datacenter = QStringLiteral("dc1");
    in.node.taggedAddresses = {{QStringLiteral("lan"), QStringLiteral("10.0.0.") + id}, {QStringLiteral("wan"), QStringLiteral("198.18.0.1")}};
    in.service.id = id;
    in.service.service = QStringLiteral("api-sidecar-proxy");
    in.service.kind = QStringLiteral("connect-proxy");
    in.service.port = port;
    in.service.proxy.destinationServiceName = QStringLiteral("api");
    in.service.proxy.mode = QStringLiteral("transparent");
    return in;
}

/** The fixture of runtime.md §1.7: four sidecars of api. */
QList<Instance> fixture()
{
    Instance a = sidecar(QStringLiteral("A"), QStringLiteral("n1"), 21000);
    a.node.meta = {{QStringLiteral("rack"), QStringLiteral("r1")}, {QStringLiteral("zone"), QStringLiteral("us-east-1a")}};
    a.service.meta = {{QStringLiteral("version"), QStringLiteral("v1")}, {QStringLiteral("env"), QStringLiteral("prod")}, {QStringLiteral("k8s-namespace"), QStringLiteral("team-a")}};
    a.service.tags = {QStringLiteral("v1"), QStringLiteral("blue")};
    a.checks = {check(QStringLiteral("n1"), QStringLiteral("serfHealth"), QStringLiteral("passing")),
                check(QStringLiteral("n1"), QStringLiteral("svc1"), QStringLiteral("passing"), QStringLiteral("A"))};

    Instance b = sidecar(QStringLiteral("B"), QStringLiteral("n2"), 21001);
    b.node.meta = {{QStringLiteral("rack"), QStringLiteral("r2")}, {QStringLiteral("zone"), QStringLiteral("us-east-1b")}};
    b.service.meta = {{QStringLiteral("version"), QStringLiteral("v2")}, {QStringLiteral("env"), QStringLiteral("prod")}, {QStringLiteral("canary"), QStringLiteral("true")}};
    b.service.tags = {QStringLiteral("v2"), QStringLiteral("canary")};
    b.checks = {check(QStringLiteral("n2"), QStringLiteral("serfHealth"), QStringLiteral("passing")),
                check(QStringLiteral("n2"), QStringLiteral("svc2"), QStringLiteral("warning"), QStringLiteral("B"))};

    Instance c = sidecar(QStringLiteral("C"), QStringLiteral("n3"), 21002);
    c.service.meta = {{QStringLiteral("version"), QStringLiteral("v2.1")}, {QStringLiteral("env"), QStringLiteral("staging-eu")}};
    c.checks = {check(QStringLiteral("n3"), QStringLiteral("serfHealth"), QStringLiteral("passing")),
                check(QStringLiteral("n3"), QStringLiteral("svc3"), QStringLiteral("critical"), QStringLiteral("C"))};

    Instance d = sidecar(QStringLiteral("D"), QStringLiteral("n4"), 21003);
    d.service.meta = {{QStringLiteral("env"), QStringLiteral("prod")}};
    return {a, b, c, d};
}

QString matching(const Filter &f)
{
    QString out;
    const QList<Instance> all = fixture();
    const QList<bool> hits = matchAll(f, all);
    for (qsizetype i = 0; i < all.size(); ++i)
        if (hits[i])
            out += all[i].service.id;
    return out;
}

} // namespace

class TestFilter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void workedExamples_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("expected"); // matching IDs, or "error"
        const char *const error = "error";
        struct Row { const char *name; const char *expr; const char *expected; };
        const Row rows[] = {
            {"01", "Service.Meta.version == v1", "A"},
            {"02", "Service.Meta.version == \"v1\"", "A"},
            {"03", "Service.Meta.version != v1", "BCD"},
            {"04", "Service.Meta.version == \"v2\" or Service.Meta.version == \"v2.1\"", "BC"},
            {"05", "Service.Meta.version == v2.1", error},
            {"06", "Service.Meta.version matches \"^v2\"", "BCD"},
            {"07", "Service.Meta.version not matches \"^v2\"", "AD"},
            {"08", "Service.Meta.version matches \"v1\"", "AD"},
            {"09", "\"version\" in Service.Meta", "ABC"},
            {"10", "\"v2\" in Service.Tags", "B"},
            {"11", "Service.Tags contains \"canary\"", "B"},
            {"12", "\"canary\" not in Service.Tags", "ACD"},
            {"13", "Service.Tags is empty", "CD"},
            {"14", "Service.Tags contains \"v\"", ""},
            {"15", "Service.Tags == \"v1\"", error},
            {"16", "\"prod\" in Service.Meta.env", "ABD"},
            {"17", "Service.Meta.env == staging-eu", error},
            {"18", "Service.Meta.env == \"staging-eu\"", "C"},
            {"19", "Service.Meta[\"k8s-namespace\"] == \"team-a\"", "A"},
            {"20", "Service.Meta.k8s-namespace == \"team-a\"", error},
            {"21", "Service.Meta.version is empty", error},
            {"22", "Node.Meta is empty", "CD"},
            {"23", "Node.Meta.rack != \"r1\"", "BCD"},
            {"24", "Node.Meta.zone matches \"us-east-1[ab]\"", "ABCD"},
            {"25", "Node.Meta.rack in \"r1\"", error},
            {"26", "\"n1\" in Node.Node", "A"},
            {"27", "Checks.Status == critical", "C"},
            {"28", "Checks.Status != passing", "BC"},
            {"29", "not (Checks.Status != passing)", "AD"},
            {"30", "Checks.Status != critical", "ABC"},
            {"31", "not Checks.Status == critical", "ABD"},
            {"32", "Checks is empty", "D"},
            {"33", "Checks.Status == warning and not Checks.Status == critical", "B"},
            {"34", "Checks.CheckID == \"_node_maintenance\"", ""},
            {"35a", "Service.Port == 21001", "B"},
            {"35b", "Service.Port == \"0x5209\"", "B"},
            {"36", "Service.Port == 0x5209", error},
            {"37", "Service.Port == 21001.0", error},
            {"38", "Service.Port matches \"2100\"", error},
            {"39", "Service.Port > 21000", error},
            {"40", "Service.Service == api", ""},
            {"41", "Service.Proxy.DestinationServiceName == api", "ABCD"},
            {"42a", "Service.Connect.Native == \"f\"", "ABCD"},
            {"42b", "Service.Connect.Native == yes", error},
            {"43", "Service.Meta.canary == true", "B"},
            {"44", "Service.Meta.version == Service.Meta.other", ""},
            {"45", "Service.Meta.version matches \"v\\d\"", error},
            {"46a", "Service.Meta.version matches `v\\d`", "ABCD"},
            {"46b", "Service.Meta.version matches \"v\\\\d\"", "ABCD"},
            {"47", "(Service.Meta.version == v1 or Service.Meta.version == v2) and Node.Meta.rack == r2", "B"},
            {"48", "Service.Meta.version == v1 or Service.Meta.version == v2 and Node.Meta.rack == r2", "AB"},
            {"49", "not Service.Meta.version == v1 and Service.Meta.env == prod", "BD"},
            {"50", "Service.Meta.version == v1 AND Node.Meta.rack == r1", error},
            {"51", "Service.Locality.Region == \"us-east-1\"", error},
            {"52a", "\"wan\" in Node.TaggedAddresses", "ABCD"},
            {"52b", "Node.TaggedAddresses.wan == \"198.18.0.1\"", "ABCD"},
            {"53", "Service.TaggedAddresses.lan.Address != \"10.0.0.1\"", "ABCD"},
            {"54a", "Service.Meta.VERSION == v1", ""},
            {"54b", "Service.Meta.version == V1", ""},
        };
        for (const Row &r : rows)
            QTest::newRow(r.name) << QString::fromUtf8(r.expr) << QString::fromUtf8(r.expected);
    }

    void workedExamples()
    {
        QFETCH(QString, expression);
        QFETCH(QString, expected);
        const Filter f = Filter::compile(expression);
        if (expected == QLatin1String("error")) {
            QVERIFY2(!f.isValid(), qPrintable(expression));
            QCOMPARE(matching(f), QString()); // an invalid filter selects nothing
            return;
        }
        QVERIFY2(f.isValid(), qPrintable(f.error() ? f.error()->message : QString()));
        QCOMPARE(matching(f), expected);
    }

    void errorMessages_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("message");
        // Texts as a Consul 1.8.7 agent prints them after "Failed to create boolean expression evaluator: ".
        QTest::newRow("bad operator") << "Service.Tags == \"v1\"" << "Invalid match operator \"Equal\" for selector \"Service.Tags\"";
        QTest::newRow("is empty on string") << "Service.Meta.version is empty" << "Invalid match operator \"Is Empty\" for selector \"Service.Meta.version\"";
        QTest::newRow("matches on int") << "Service.Port matches \"2\"" << "Invalid match operator \"Matches\" for selector \"Service.Port\"";
        QTest::newRow("not equal on list") << "Service.Tags != \"a\"" << "Invalid match operator \"Not Equal\" for selector \"Service.Tags\"";
        QTest::newRow("struct") << "Service.Weights == x" << "Invalid match operator \"Equal\" for selector \"Service.Weights\"";
        QTest::newRow("address struct") << "Service.TaggedAddresses.lan == x" << "Invalid match operator \"Equal\" for selector \"Service.TaggedAddresses.lan\"";
        QTest::newRow("unknown selector") << "Service.Locality.Region == \"us-east-1\"" << "Selector \"Service.Locality\" is not valid";
        QTest::newRow("below a map value") << "Node.Meta.a.b == c" << "Selector \"Node.Meta.a.b\" is not valid";
        QTest::newRow("check definition") << "Checks.Definition.HTTP == x" << "Selector \"Checks.Definition\" is not valid";
        QTest::newRow("int coercion") << "Service.Port == 21001.0" << "Failed to coerce value \"21001.0\" for selector \"Service.Port\": strconv.ParseInt: parsing \"21001.0\": invalid syntax";
        QTest::newRow("int range") << "Service.Port == \"99999999999999999999\"" << "Failed to coerce value \"99999999999999999999\" for selector \"Service.Port\": strconv.ParseInt: parsing \"99999999999999999999\": value out of range";
        QTest::newRow("int quoting") << "Service.Port == \"é\\t\"" << "Failed to coerce value \"é\\t\" for selector \"Service.Port\": strconv.ParseInt: parsing \"é\\t\": invalid syntax";
        QTest::newRow("bool coercion") << "Service.Connect.Native == yes" << "Failed to coerce value \"yes\" for selector \"Service.Connect.Native\": strconv.ParseBool: parsing \"yes\": invalid syntax";
        QTest::newRow("regex paren") << "Service.Meta.x matches \"(\"" << "Failed to compile regular expression \"(\": error parsing regexp: missing closing ): `(`";
        QTest::newRow("regex lookahead") << "Service.Meta.x matches \"(?=a)\"" << "Failed to compile regular expression \"(?=a)\": error parsing regexp: invalid or unsupported Perl syntax: `(?=`";
        QTest::newRow("regex backref") << "Service.Meta.x matches `\\1`" << "Failed to compile regular expression \"\\\\1\": error parsing regexp: invalid escape sequence: `\\1`";
        QTest::newRow("regex nested") << "Service.Meta.x matches \"a**\"" << "Failed to compile regular expression \"a**\": error parsing regexp: invalid nested repetition operator: `**`";
        QTest::newRow("regex unexpected") << "Service.Meta.x matches \")\"" << "Failed to compile regular expression \")\": error parsing regexp: unexpected ): `)`";
        // Left to right: the regex error comes before the unknown selector on the right.
        QTest::newRow("first problem wins") << "Service.Meta.x matches \"(\" and Service.Foo == x" << "Failed to compile regular expression \"(\": error parsing regexp: missing closing ): `(`";
        QTest::newRow("syntax") << "Service.Port == 0x5209" << "1:18 (17): rule \"number\": Invalid number literal";
    }

    void errorMessages()
    {
        QFETCH(QString, expression);
        QFETCH(QString, message);
        const Filter f = Filter::compile(expression);
        QVERIFY(!f.isValid());
        QCOMPARE(f.error()->message, message);
    }

    void errorRanges()
    {
        const QString expr = QStringLiteral("Service.Meta.a == x and Service.Tags == \"v1\"");
        const Filter f = Filter::compile(expr);
        QVERIFY(!f.isValid());
        QCOMPARE(f.error()->range.begin, 24);
        QCOMPARE(f.error()->range.end, int(expr.size()));
        const Filter coerce = Filter::compile(QStringLiteral("Service.Port == \"x\""));
        QCOMPARE(coerce.error()->range.begin, 16);
        QCOMPARE(coerce.error()->range.end, 19);
        const Filter syntax = Filter::compile(QStringLiteral("Service.Meta.x == v2.1"));
        QVERIFY(syntax.error()->syntax);
        QCOMPARE(syntax.error()->syntax->offset, 21);
    }

    void intCoercion_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("matchesPort21001");
        QTest::newRow("decimal") << "21001" << true << true;
        QTest::newRow("hex") << "\"0x5209\"" << true << true;
        QTest::newRow("octal prefix") << "\"0o51011\"" << true << true;
        QTest::newRow("legacy octal") << "\"051011\"" << true << true;
        QTest::newRow("binary") << "\"0b101001000001001\"" << true << true;
        QTest::newRow("underscore") << "\"21_001\"" << true << true;
        QTest::newRow("plus sign") << "\"+21001\"" << true << true;
        QTest::newRow("negative") << "-1" << true << false;
        QTest::newRow("double underscore") << "\"21__001\"" << false << false;
        QTest::newRow("trailing underscore") << "\"21001_\"" << false << false;
        QTest::newRow("empty") << "\"\"" << false << false;
        QTest::newRow("float") << "\"21001.0\"" << false << false;
        QTest::newRow("bad octal digit") << "\"09\"" << false << false;
    }

    void intCoercion()
    {
        QFETCH(QString, value);
        QFETCH(bool, valid);
        QFETCH(bool, matchesPort21001);
        const Filter f = Filter::compile(QStringLiteral("Service.Port == ") + value);
        QCOMPARE(f.isValid(), valid);
        QCOMPARE(matching(f).contains(QLatin1Char('B')), matchesPort21001);
    }

    void boolCoercion()
    {
        for (const char *t : {"1", "t", "T", "TRUE", "true", "True"})
            QCOMPARE(matching(Filter::compile(QStringLiteral("Service.Connect.Native != ") + QLatin1String(t))), QStringLiteral("ABCD"));
        for (const char *f : {"0", "f", "F", "FALSE", "false", "False"})
            QCOMPARE(matching(Filter::compile(QStringLiteral("Service.Connect.Native == \"%1\"").arg(QLatin1String(f)))), QStringLiteral("ABCD"));
        QVERIFY(!Filter::compile(QStringLiteral("Service.Connect.Native == tRUE")).isValid());
    }

    void legalOperators_data()
    {
        QTest::addColumn<QString>("selector");
        QTest::addColumn<QString>("legal"); // of: == != in notin matches notmatches empty notempty
        QTest::newRow("string") << "Service.Meta.version" << "== != in notin matches notmatches";
        QTest::newRow("int") << "Service.Port" << "== !=";
        QTest::newRow("bool") << "Service.EnableTagOverride" << "== !=";
        QTest::newRow("[]string") << "Service.Tags" << "in notin empty notempty";
        QTest::newRow("map") << "Service.Meta" << "in notin empty notempty";
        QTest::newRow("address map") << "Service.TaggedAddresses" << "in notin empty notempty";
        QTest::newRow("[]struct") << "Checks" << "empty notempty";
        QTest::newRow("upstreams") << "Service.Proxy.Upstreams" << "empty notempty";
        QTest::newRow("struct") << "Service.Proxy" << "";
        QTest::newRow("node") << "Node" << "";
        QTest::newRow("check field") << "Checks.Status" << "== != in notin matches notmatches";
        QTest::newRow("check tags") << "Checks.ServiceTags" << "in notin empty notempty";
    }

    void legalOperators()
    {
        QFETCH(QString, selector);
        QFETCH(QString, legal);
        const QStringList allowed = legal.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const QList<QPair<QString, QString>> forms = {
            {QStringLiteral("=="), selector + QStringLiteral(" == \"1\"")},
            {QStringLiteral("!="), selector + QStringLiteral(" != \"1\"")},
            {QStringLiteral("in"), QStringLiteral("\"1\" in ") + selector},
            {QStringLiteral("notin"), QStringLiteral("\"1\" not in ") + selector},
            {QStringLiteral("matches"), selector + QStringLiteral(" matches \"1\"")},
            {QStringLiteral("notmatches"), selector + QStringLiteral(" not matches \"1\"")},
            {QStringLiteral("empty"), selector + QStringLiteral(" is empty")},
            {QStringLiteral("notempty"), selector + QStringLiteral(" is not empty")},
        };
        for (const auto &[op, expr] : forms) {
            const Filter f = Filter::compile(expr);
            QVERIFY2(f.isValid() == allowed.contains(op), qPrintable(expr + QStringLiteral(" → ") + (f.error() ? f.error()->message : QStringLiteral("valid"))));
            if (!f.isValid())
                QVERIFY2(f.error()->message.startsWith(QLatin1String("Invalid match operator")), qPrintable(f.error()->message));
        }
    }

    void anySemanticsOnUpstreams()
    {
        QList<Instance> all = fixture();
        ProxyUpstream u1;
        u1.destinationName = QStringLiteral("db");
        u1.localBindPort = 5432;
        ProxyUpstream u2;
        u2.destinationName = QStringLiteral("cache");
        all[0].service.proxy.upstreams = {u1, u2};
        const Filter ne = Filter::compile(QStringLiteral("Service.Proxy.Upstreams.DestinationName != db"));
        // A: "cache" != db → true; the rest have no upstreams → false.
        QCOMPARE(matchAll(ne, all), (QList<bool>{true, false, false, false}));
        QCOMPARE(matchAll(Filter::compile(QStringLiteral("Service.Proxy.Upstreams.LocalBindPort == 5432")), all), (QList<bool>{true, false, false, false}));
        QCOMPARE(matchAll(Filter::compile(QStringLiteral("Service.Proxy.Upstreams is empty")), all), (QList<bool>{false, true, true, true}));
    }

    void taggedAddressPorts()
    {
        QList<Instance> all = fixture();
        all[1].service.taggedAddresses.insert(QStringLiteral("lan"), ServiceAddress{QStringLiteral("10.0.0.1"), 21001});
        QCOMPARE(matchAll(Filter::compile(QStringLiteral("Service.TaggedAddresses.lan.Port == 21001")), all), (QList<bool>{false, true, false, false}));
        QCOMPARE(matchAll(Filter::compile(QStringLiteral("Service.TaggedAddresses.lan.Address != \"10.0.0.1\"")), all), (QList<bool>{true, false, true, true}));
        QCOMPARE(matchAll(Filter::compile(QStringLiteral("\"lan\" in Service.TaggedAddresses")), all), (QList<bool>{false, true, false, false}));
    }

    void schemaVersions()
    {
        // Fields Consul 1.8 did not have (checked against a 1.8.7 agent).
        for (const char *sel : {"Node.Partition", "Node.PeerName", "Service.SocketPath", "Service.Proxy.Mode", "Checks.ExposedPort"}) {
            const QString expr = QString::fromLatin1(sel) + QStringLiteral(" == \"1\"");
            QVERIFY(Filter::compile(expr).isValid());
            const Filter old = Filter::compile(expr, FilterSchema::Consul1_8);
            QVERIFY(!old.isValid());
            QCOMPARE(old.error()->message, QStringLiteral("Selector \"%1\" is not valid").arg(QLatin1String(sel)));
        }
        QCOMPARE(Filter::compile(QStringLiteral("Service.Proxy.TransparentProxy.DialedDirectly == true"), FilterSchema::Consul1_8).error()->message,
                 QStringLiteral("Selector \"Service.Proxy.TransparentProxy\" is not valid"));
        const auto selectors = filterSelectors(FilterSchema::Consul1_8);
        QVERIFY(selectors.contains(qMakePair(QStringLiteral("Service.Meta.<key>"), QStringLiteral("string"))));
        QVERIFY(selectors.contains(qMakePair(QStringLiteral("Checks"), QStringLiteral("[]struct"))));
        QVERIFY(selectors.size() < filterSelectors(FilterSchema::Current).size());
    }

    void emptyExpressionMatchesAll()
    {
        const Filter f = Filter::compile(QString());
        QVERIFY(f.isEmpty());
        QVERIFY(f.isValid());
        QCOMPARE(matching(f), QStringLiteral("ABCD"));
        QCOMPARE(matching(Filter()), QStringLiteral("ABCD"));
    }

    void copiesShareTheCompiledForm()
    {
        const Filter a = Filter::compile(QStringLiteral("Service.Meta.version == v1"));
        Filter b = a;
        QCOMPARE(matching(b), QStringLiteral("A"));
        b = Filter::compile(QStringLiteral("Checks is empty"));
        QCOMPARE(matching(a), QStringLiteral("A"));
        QCOMPARE(matching(b), QStringLiteral("D"));
    }

    void goQuoting()
    {
        QCOMPARE(goQuote(QStringLiteral("a\"b\\c")), QStringLiteral("\"a\\\"b\\\\c\""));
        QCOMPARE(goQuote(QStringLiteral("\x01\n")), QStringLiteral("\"\\x01\\n\""));
        QCOMPARE(goQuote(QStringLiteral("é")), QStringLiteral("\"é\""));
    }
};

QTEST_GUILESS_MAIN(TestFilter)
#include "tst_filter.moc"
