// go-bexpr v0.1.2 grammar: accepted/refused expressions with the exact texts a Consul 1.8.7 agent printed
// for them (GET /v1/health/service/web?filter=..., "Failed to create boolean expression evaluator: " cut
// off), the tree shape, positions, and hostile input. The quick recogniser (filterSyntaxSurelyValid) may
// only ever accept what parseFilter accepts: checked on every expression here, on the differential test's
// generated filters, on seeded random token sequences and on the grammar's corners.
#include "config/filterexpr.h"
#include "filtergenerator.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace chainscope::config;

namespace {

/** Empty when the quick recogniser and checkFilterSyntax agree with parseFilter on expression, else what
 *  differs. */
QString quickDisagreement(const QString &expression)
{
    const FilterParseResult full = parseFilter(expression);
    if (filterSyntaxSurelyValid(expression) && !full.ok())
        return QStringLiteral("quick accept, parseFilter refuses with: ") + full.error->message;
    const std::optional<FilterParseError> checked = checkFilterSyntax(expression);
    if (checked != full.error)
        return QStringLiteral("checkFilterSyntax gives \"%1\", parseFilter \"%2\"")
            .arg(checked ? checked->message : QStringLiteral("valid"), full.error ? full.error->message : QStringLiteral("valid"));
    return {};
}

#define VERIFY_QUICK_AGREES(expression)                                                                                \
    do {                                                                                                               \
        const QString differs_ = quickDisagreement(expression);                                                        \
        QVERIFY2(differs_.isEmpty(), qPrintable(QStringLiteral("`%1`: %2").arg(expression, differs_)));                 \
    } while (false)

/** Seeded random expressions near the grammar: well-formed ones built from its pieces (keywords also used
 *  as names, glued or spread operators, every literal form), half of them then damaged by deleting,
 *  duplicating or inserting a piece. */
class TokenSoup
{
public:
    explicit TokenSoup(quint32 seed)
        : m_random(seed)
    {
    }

    QString next()
    {
        QString e = expression(3);
        if (chance(50))
            damage(e);
        return e;
    }

private:
    bool chance(int percent) { return int(m_random.bounded(100)) < percent; }
    QString pick(const QStringList &list) { return list.at(int(m_random.bounded(qsizetype(list.size())))); }

    QString space() { return chance(85) ? QStringLiteral(" ") : pick({QString(), QStringLiteral("  "), QStringLiteral("\t"), QStringLiteral("\n"), QStringLiteral("\r\n")}); }

    QString name()
    {
        static const QStringList names = {QStringLiteral("a"), QStringLiteral("Service"), QStringLiteral("x_1"), QStringLiteral("not"),
                                          QStringLiteral("and"), QStringLiteral("or"), QStringLiteral("in"), QStringLiteral("is"),
                                          QStringLiteral("empty"), QStringLiteral("contains"), QStringLiteral("matches"),
                                          QStringLiteral("nothing"), QStringLiteral("order"), QStringLiteral("android"), QStringLiteral("isx")};
        return pick(names);
    }

    QString selector()
    {
        QString s = name();
        while (chance(40))
            s += chance(80) ? QLatin1Char('.') + name() : pick({QStringLiteral("[\"k-8\"]"), QStringLiteral("[ `k` ]"), QStringLiteral("[\"\"]")});
        return s;
    }

    QString value()
    {
        static const QStringList literals = {
            QStringLiteral("1"),       QStringLiteral("0"),         QStringLiteral("-0"),          QStringLiteral("10.25"),   QStringLiteral("-7"),
            QStringLiteral("\"v1\""),  QStringLiteral("\"\""),        QStringLiteral("`raw \\d`"),  QStringLiteral("\"a b\""), QStringLiteral("\"\u00e9\""),
            QStringLiteral("\"\\t\""), QStringLiteral("\"\\u00e9\""), QStringLiteral("`a\nb`"),     QStringLiteral("\"a\rb\""), QStringLiteral("\"(\"")};
        return chance(50) ? selector() : pick(literals);
    }

    QString match()
    {
        switch (m_random.bounded(8)) {
        case 0: return selector() + space() + QStringLiteral("==") + space() + value();
        case 1: return selector() + space() + QStringLiteral("!=") + space() + value();
        case 2: return selector() + space() + pick({QStringLiteral("contains"), QStringLiteral("not contains")}) + space() + value();
        case 3: return selector() + space() + pick({QStringLiteral("matches"), QStringLiteral("not matches")}) + space() + value();
        case 4: return selector() + space() + pick({QStringLiteral("is empty"), QStringLiteral("is not empty"), QStringLiteral("is  not\tempty")});
        default: return value() + space() + pick({QStringLiteral("in"), QStringLiteral("not in")}) + space() + selector();
        }
    }

    QString expression(int depth)
    {
        if (depth <= 0 || chance(40))
            return match();
        switch (m_random.bounded(4)) {
        case 0: return expression(depth - 1) + space() + QStringLiteral("and") + space() + expression(depth - 1);
        case 1: return expression(depth - 1) + space() + QStringLiteral("or") + space() + expression(depth - 1);
        case 2: return QStringLiteral("not") + space() + expression(depth - 1);
        default: return QLatin1Char('(') + space() + expression(depth - 1) + space() + QLatin1Char(')');
        }
    }

    void damage(QString &e)
    {
        static const QStringList pieces = {QStringLiteral("("), QStringLiteral(")"), QStringLiteral("["), QStringLiteral("]"),
                                           QStringLiteral("\""), QStringLiteral("`"), QStringLiteral("."), QStringLiteral("-"),
                                           QStringLiteral("\\"), QStringLiteral(" "), QStringLiteral("not "), QStringLiteral(" and"),
                                           QStringLiteral("1"), QStringLiteral("a"), QStringLiteral("é"), QStringLiteral("=")};
        const int at = int(m_random.bounded(qsizetype(e.size() + 1)));
        switch (m_random.bounded(3)) {
        case 0: e.remove(at, 1 + int(m_random.bounded(3))); break;
        case 1: e.insert(at, pick(pieces)); break;
        default: e.insert(at, e.mid(at, 1 + int(m_random.bounded(4)))); break;
        }
    }

    QRandomGenerator m_random;
};

} // namespace

class TestFilterExpr : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void consulTexts_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("message"); // null: the syntax is valid
        auto row = [](const char *name, const char *expr, const QString &message) {
            QTest::newRow(name) << QString::fromUtf8(expr) << message;
        };
        auto rowMsg = [&row](const char *name, const char *expr, const char *message) { row(name, expr, QString::fromUtf8(message)); };
        rowMsg("000", "random string", "1:8 (7): no match found, expected: \"!=\", \"==\", \"contains\", \"in\", \"is\", \"matches\", \"not\" or [ \\t\\r\\n]");
        rowMsg("001", "Service.Meta.version == v2.1", "1:28 (27): no match found, expected: [a-zA-Z]");
        row("002", "Service.Tags == \"v1\"", QString());
        rowMsg("003", "Node.Meta.rack in \"r1\"", "1:19 (18): rule \"match\": Invalid selector");
        rowMsg("004", "Service.Meta.version matches \"v\\d\"", "1:30 (29): rule \"string\": invalid syntax");
        rowMsg("005", "Service.Meta.version == v1 AND Node.Meta.rack == r1", "1:28 (27): no match found, expected: \"and\", \"or\", [ \\t\\r\\n] or EOF");
        rowMsg("006", "Service.Port == 0x5209", "1:18 (17): rule \"number\": Invalid number literal");
        rowMsg("007", "Service.Meta.k8s-namespace == \"team-a\"", "1:17 (16): no match found, expected: \"!=\", \".\", \"==\", \"[\", [ \\t\\r\\n] or [a-zA-Z0-9_]");
        rowMsg("008", "(Service.Port == 1", "1:19 (18): rule \"grouping\": Unmatched parentheses");
        rowMsg("009", "Service.Meta[", "1:14 (13): rule \"index\": Invalid index");
        rowMsg("010", "Service.Meta[\"a\" == b", "1:18 (17): rule \"index\": Unclosed index expression");
        rowMsg("011", "\"abc", "1:5 (4): rule \"string\": Unterminated string literal");
        rowMsg("012", "Service.Meta.x == 01", "1:20 (19): rule \"number\": Invalid number literal");
        rowMsg("013", "Service.Meta.a == x.5", "1:21 (20): no match found, expected: [a-zA-Z]");
        rowMsg("014", "\"/a/b\" == x", "1:8 (7): no match found, expected: \"in\", \"not\" or [ \\t\\r\\n]");
        rowMsg("015", "Service.Port == -0x5", "1:19 (18): rule \"number\": Invalid number literal");
        rowMsg("016", "Service", "1:8 (7): no match found, expected: \"!=\", \".\", \"==\", \"[\", [ \\t\\r\\n] or [a-zA-Z0-9_]");
        rowMsg("017", "Service.Meta.x == \"a", "1:21 (20): rule \"string\": Unterminated string literal");
        rowMsg("018", "b\"", "1:2 (1): no match found, expected: \"!=\", \".\", \"==\", \"[\", [ \\t\\r\\n] or [a-zA-Z0-9_]");
        rowMsg("019", "foo", "1:4 (3): no match found, expected: \"!=\", \".\", \"==\", \"[\", [ \\t\\r\\n] or [a-zA-Z0-9_]");
        rowMsg("020", "(", "1:2 (1): no match found, expected: \"(\", \"-\", \"0\", \"\\\"\", \"`\", \"not\", [ \\t\\r\\n], [1-9] or [a-zA-Z]");
        rowMsg("021", "()", "1:2 (1): no match found, expected: \"(\", \"-\", \"0\", \"\\\"\", \"`\", \"not\", [ \\t\\r\\n], [1-9] or [a-zA-Z]");
        rowMsg("022", ")", "1:1 (0): no match found, expected: \"(\", \"-\", \"0\", \"\\\"\", \"`\", \"not\", [ \\t\\r\\n], [1-9] or [a-zA-Z]");
        rowMsg("023", "a == b)", "1:7 (6): no match found, expected: \".\", \"[\", [ \\t\\r\\n], [a-zA-Z0-9_] or EOF");
        rowMsg("024", "(a == b))", "1:9 (8): no match found, expected: [ \\t\\r\\n] or EOF");
        rowMsg("025", "((a == b)", "1:10 (9): rule \"grouping\": Unmatched parentheses");
        rowMsg("026", "not", "1:4 (3): no match found, expected: \"!=\", \".\", \"==\", \"[\", [ \\t\\r\\n] or [a-zA-Z0-9_]");
        row("027", "not not a == b", QString());
        rowMsg("028", "not(a == b)", "1:4 (3): no match found, expected: \"!=\", \".\", \"==\", \"[\", [ \\t\\r\\n] or [a-zA-Z0-9_]");
        row("029", "a==b", QString());
        row("030", "a ==b", QString());
        row("031", "a== b", QString());
        row("032", "a!=b", QString());
        rowMsg("033", "a contains\"x\"", "1:11 (10): no match found, expected: [ \\t\\r\\n]");
        rowMsg("034", "a matches\"x\"", "1:10 (9): no match found, expected: [ \\t\\r\\n]");
        rowMsg("035", "\"x\"in a", "1:4 (3): no match found, expected: [ \\t\\r\\n]");
        row("036", "\"x\" in a", QString());
        row("037", "x in a", QString());
        row("038", "1 in a", QString());
        row("039", "1.5 in a", QString());
        row("040", "-1 in a", QString());
        rowMsg("041", "a == -", "1:7 (6): no match found, expected: \"0\" or [1-9]");
        rowMsg("042", "a == 1.", "1:7 (6): rule \"number\": Invalid number literal");
        rowMsg("043", "a == 1.x", "1:7 (6): rule \"number\": Invalid number literal");
        rowMsg("044", "a == 1.5.5", "1:9 (8): rule \"number\": Invalid number literal");
        rowMsg("045", "a == 00", "1:7 (6): rule \"number\": Invalid number literal");
        row("046", "a == 0", QString());
        rowMsg("047", "a == 0)", "1:7 (6): no match found, expected: \".\", [ \\t\\r\\n] or EOF");
        row("048", "(a == 0)", QString());
        row("049", "a is empty", QString());
        row("050", "a is not empty", QString());
        rowMsg("051", "a isempty", "1:5 (4): no match found, expected: [ \\t\\r\\n]");
        row("052", "a is  not  empty", QString());
        row("053", "a[\"x\"] == 1", QString());
        row("054", "a[ \"x\" ] == 1", QString());
        row("055", "a[`x`] == 1", QString());
        row("056", "a[\"x\" ] == 1", QString());
        rowMsg("057", "a[x] == 1", "1:3 (2): rule \"index\": Invalid index");
        row("058", "a.b.c[\"d\"].e == f", QString());
        row("059", "a == b or c == d and e == f", QString());
        rowMsg("060", "a == b andc == d", "1:11 (10): no match found, expected: [ \\t\\r\\n]");
        row("061", "a == b and (c == d or e == f)", QString());
        rowMsg("062", "a == \"\\\"", "1:6 (5): rule \"string\": invalid syntax");
        rowMsg("063", "a == \"\\q\"", "1:6 (5): rule \"string\": invalid syntax");
        row("064", "a == \"\\u00e9\"", QString());
        rowMsg("065", "a == \"\\x\"", "1:6 (5): rule \"string\": invalid syntax");
        row("066", "a == \"\\377\"", QString());
        rowMsg("067", "a == \"\\400\"", "1:6 (5): rule \"string\": invalid syntax");
        row("068", "a == `\\d`", QString());
        rowMsg("069", "a == \"", "1:7 (6): rule \"string\": Unterminated string literal");
        rowMsg("070", "a == `", "1:7 (6): rule \"string\": Unterminated string literal");
        rowMsg("071", "a == \"x\" \"y\"", "1:10 (9): no match found, expected: \"and\", \"or\", [ \\t\\r\\n] or EOF");
        rowMsg("072", "a == x y", "1:8 (7): no match found, expected: \"and\", \"or\", [ \\t\\r\\n] or EOF");
        row("073", "a not in b", QString());
        row("074", "\"a\" not in b", QString());
        row("075", "\"a\" not  in b", QString());
        rowMsg("076", "\"a\" not contains b", "1:9 (8): no match found, expected: \"in\" or [ \\t\\r\\n]");
        row("077", "a not contains \"b\"", QString());
        row("078", "a not matches \"b\"", QString());
        rowMsg("079", "a not", "1:6 (5): no match found, expected: [ \\t\\r\\n]");
        rowMsg("080", "a not is empty", "1:7 (6): no match found, expected: \"contains\", \"in\", \"matches\" or [ \\t\\r\\n]");
        rowMsg("081", "\"x\" in \"y\"", "1:8 (7): rule \"match\": Invalid selector");
        rowMsg("082", "\"x\" in 5", "1:8 (7): rule \"match\": Invalid selector");
        rowMsg("083", "a in b in c", "1:8 (7): no match found, expected: \"and\", \"or\", [ \\t\\r\\n] or EOF");
        row("084", "not (a == b) and not c is empty", QString());
        row("085", "  a == b  ", QString());
        row("086", "\ta == b", QString());
        row("087", "(a == b) and (c == d)", QString());
        row("088", "( a == b )", QString());
        rowMsg("089", "a == b and", "1:11 (10): no match found, expected: [ \\t\\r\\n]");
        rowMsg("090", "a == b or", "1:10 (9): no match found, expected: [ \\t\\r\\n]");
        rowMsg("091", "a == b or or", "1:13 (12): no match found, expected: \"!=\", \".\", \"==\", \"[\", [ \\t\\r\\n] or [a-zA-Z0-9_]");
        rowMsg("092", "and a == b", "1:5 (4): no match found, expected: \"!=\", \"==\", \"contains\", \"in\", \"is\", \"matches\", \"not\" or [ \\t\\r\\n]");
        row("093", "a.b == c.d[\"e\"]", QString());
        rowMsg("094", "a == c[\"e\"", "1:11 (10): rule \"index\": Unclosed index expression");
        rowMsg("095", "a == c[1]", "1:8 (7): rule \"index\": Invalid index");
        rowMsg("096", "_a == b", "1:1 (0): no match found, expected: \"(\", \"-\", \"0\", \"\\\"\", \"`\", \"not\", [ \\t\\r\\n], [1-9] or [a-zA-Z]");
        row("097", "a_b == c_d", QString());
        rowMsg("098", "a1 == 1a", "1:8 (7): rule \"number\": Invalid number literal");
        rowMsg("099", "a == 1a", "1:7 (6): rule \"number\": Invalid number literal");
        row("100", "a == true", QString());
        row("101", "a == -0", QString());
        row("102", "a == -0.0", QString());
        row("103", "a == 0.0", QString());
        rowMsg("104", "a == .5", "1:6 (5): no match found, expected: \"-\", \"0\", \"\\\"\", \"`\", [ \\t\\r\\n], [1-9] or [a-zA-Z]");
        rowMsg("105", "a === b", "1:5 (4): no match found, expected: \"-\", \"0\", \"\\\"\", \"`\", [ \\t\\r\\n], [1-9] or [a-zA-Z]");
        rowMsg("106", "a = b", "1:3 (2): no match found, expected: \"!=\", \"==\", \"contains\", \"in\", \"is\", \"matches\", \"not\" or [ \\t\\r\\n]");
        rowMsg("107", "a <> b", "1:3 (2): no match found, expected: \"!=\", \"==\", \"contains\", \"in\", \"is\", \"matches\", \"not\" or [ \\t\\r\\n]");
        rowMsg("108", "a > 1", "1:3 (2): no match found, expected: \"!=\", \"==\", \"contains\", \"in\", \"is\", \"matches\", \"not\" or [ \\t\\r\\n]");
        rowMsg("109", "a == b && c == d", "1:8 (7): no match found, expected: \"and\", \"or\", [ \\t\\r\\n] or EOF");
    }

    void consulTexts()
    {
        QFETCH(QString, expression);
        QFETCH(QString, message);
        VERIFY_QUICK_AGREES(expression);
        const std::optional<FilterParseError> error = checkFilterSyntax(expression);
        if (message.isNull()) {
            QVERIFY2(!error, qPrintable(error ? error->message : QString()));
            QVERIFY(parseFilter(expression).ok());
        } else {
            QVERIFY(error);
            QCOMPARE(error->message, message);
        }
    }

    void repeatedFiltersAreCheckedAlike()
    {
        // checkFilterSyntax remembers the last texts it found valid: a repeat must get the same answer, and a
        // text of the same length that differs must still be parsed.
        const QString valid = QStringLiteral("Service.Meta.version == v1");
        const QString broken = QStringLiteral("Service.Meta.version == =1");
        QCOMPARE(broken.size(), valid.size());
        for (int round = 0; round < 3; ++round) {
            QVERIFY(!checkFilterSyntax(valid));
            QVERIFY(!checkFilterSyntax(QString(valid))); // an equal text in another string
            const auto error = checkFilterSyntax(broken);
            QVERIFY(error);
            QCOMPARE(error->column, 25);
        }
        // More valid texts than are remembered: each still passes, and none lets a broken one through.
        for (int i = 0; i < 20; ++i) {
            QVERIFY(!checkFilterSyntax(QStringLiteral("Service.Meta.version == v%1").arg(i)));
            QVERIFY(checkFilterSyntax(QStringLiteral("Service.Meta.version == v%1 and").arg(i)));
        }
        QVERIFY(checkFilterSyntax(broken));
        QCOMPARE(checkFilterSyntax(QString()), parseFilter(QString()).error);
    }

    void errorPosition()
    {
        const auto e = checkFilterSyntax(QStringLiteral("\n\nfoo"));
        QVERIFY(e);
        QCOMPARE(e->line, 3);
        QCOMPARE(e->column, 4);
        QCOMPARE(e->offset, 5);
        // Columns count code points, offsets bytes.
        const auto u = checkFilterSyntax(QStringLiteral("Service.Meta.x == \"éé\" x"));
        QVERIFY(u);
        QCOMPARE(u->column, 24);
        QCOMPARE(u->offset, 25);
    }

    void tree_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("dump");
        QTest::newRow("precedence") << "a == 1 or b == 2 and not c is empty"
                                    << "(or (== a \"1\") (and (== b \"2\") (not (is-empty c))))";
        QTest::newRow("right assoc") << "a == 1 and b == 2 and c == 3" << "(and (== a \"1\") (and (== b \"2\") (== c \"3\")))";
        QTest::newRow("parens") << "(a == 1 or b == 2) and c != x" << "(and (or (== a \"1\") (== b \"2\")) (!= c \"x\"))";
        QTest::newRow("not not") << "not not a == b" << "(== a \"b\")";
        QTest::newRow("contains is in") << "a.b contains \"x\"" << "(in a.b \"x\")";
        QTest::newRow("not contains") << "a not contains `x`" << "(not-in a \"x\")";
        QTest::newRow("value first") << "\"v\" not in Service.Tags" << "(not-in Service.Tags \"v\")";
        QTest::newRow("index") << "Service.Meta[\"k8s-ns\"] matches \"^a\"" << "(matches Service.Meta.k8s-ns \"^a\")";
        QTest::newRow("bare selector value") << "a == b.c[\"d\"]" << "(== a \"b.c.d\")";
        QTest::newRow("number text") << "a == -1.50" << "(== a \"-1.50\")";
        QTest::newRow("escapes") << "a == \"x\\ty\\u00e9\\101\"" << "(== a \"x\ty\u00e9A\")";
        QTest::newRow("raw keeps backslashes") << "a == `\\d`" << "(== a \"\\\\d\")";
        QTest::newRow("is not empty") << "a is not empty" << "(is-not-empty a)";
    }

    void tree()
    {
        QFETCH(QString, expression);
        QFETCH(QString, dump);
        const FilterParseResult r = parseFilter(expression);
        QVERIFY2(r.ok(), qPrintable(r.error ? r.error->message : QString()));
        QCOMPARE(dumpFilter(r.root), dump);
        VERIFY_QUICK_AGREES(expression);
    }

    /** The grammar's corners: whether the quick recogniser decides (true) or leaves it to the parser
     *  (false), and whether the expression is valid. */
    void quickCorners_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<bool>("quick");
        QTest::addColumn<bool>("valid");
        auto row = [](const char *expr, bool quick, bool valid) { QTest::newRow(expr) << QString::fromUtf8(expr) << quick << valid; };
        // the common shapes
        row("Service.Meta.version == v1", true, true);
        row("Service.Tags contains canary", true, true);
        row("Service.Tags not contains \"x\"", true, true);
        row("\"v1\" in Service.Tags", true, true);
        row("v1 not in Service.Tags", true, true);
        row("Checks is empty", true, true);
        row("Checks is not empty", true, true);
        row("Service.Meta.version matches `^v\\d`", true, true);
        row("Service.Meta[\"k8s-namespace\"] == \"team-a\"", true, true);
        row("Service.Meta[ `k` ] != x", true, true);
        row("a == 1 and (b != -2.5 or not c is empty)", true, true);
        row("((a == b))", true, true);
        row(" ( a == b ) ", true, true);
        row("a==b", true, true);
        row("a ==\n\tb", true, true);
        // keywords are names where the keyword reading fails
        row("not == b", true, true);
        row("not in b", true, true);
        row("not not == b", true, true);
        row("not a == b", true, true);
        row("in in in", true, true);
        row("is is empty", true, true);
        row("a == not", true, true);
        row("a == and", true, true);
        row("a == b and and == c", true, true);
        row("a == b or or == c", true, true);
        row("nothing == x", true, true);
        row("a == b ordinal == c", false, false);
        row("android == b", true, true);
        row("a is emptyx", false, false);
        row("a isempty", false, false);
        row("a containsx", false, false);
        row("not(a == b)", false, false);
        // numbers: AfterNumbers and the "Invalid number literal" paths
        row("a == 1)", false, false);
        row("(a == 1)", true, true);
        row("a == 01", false, false);
        row("a == 1.", false, false);
        row("a == 1.5.5", false, false);
        row("a == 1a", false, false);
        row("a == -", false, false);
        row("a == -x", false, false);
        row("1 in a", true, true);
        row("-0.0 in a", true, true);
        // strings: escapes and newlines go to the parser
        row("a == \"\\t\"", false, true);
        row("a == \"\\q\"", false, false);
        row("a == \"a\nb\"", false, false);
        row("a == `a\nb`", true, true);
        row("a == `a\r\nb`", true, true);
        row("a == \"é\"", true, true);
        row("a == \"x", false, false);
        row("a == `x", false, false);
        row("\"x\" in \"y\"", false, false);
        row("x in 5", false, false);
        // index expressions
        row("a[x] == 1", false, false);
        row("a[\"x\" == 1", false, false);
        row("a[\"x\"", false, false);
        row("a.[\"x\"] == 1", false, false);
        row("a == b.c[\"d\"]", true, true);
        // parentheses
        row("(a == b", false, false);
        row("a == b)", false, false);
        row("()", false, false);
        row("(a == b) and (c == d)", true, true);
        // whole-input limits and encodings
        row("", false, false);
        row("   ", false, false);
        row("a == b and", false, false);
    }

    void quickCorners()
    {
        QFETCH(QString, expression);
        QFETCH(bool, quick);
        QFETCH(bool, valid);
        QCOMPARE(filterSyntaxSurelyValid(expression), quick);
        QCOMPARE(parseFilter(expression).ok(), valid);
        VERIFY_QUICK_AGREES(expression);
    }

    void quickLimits()
    {
        // A lone surrogate is left to the parser, as is nesting near the limit and text near the size limit.
        const QString lone = QStringLiteral("a == \"") + QChar(0xD800) + QLatin1Char('"');
        QVERIFY(!filterSyntaxSurelyValid(lone));
        VERIFY_QUICK_AGREES(lone);
        const QString pair = QStringLiteral("a == \"") + QChar(0xD83D) + QChar(0xDE00) + QLatin1Char('"');
        QVERIFY(!filterSyntaxSurelyValid(pair));
        VERIFY_QUICK_AGREES(pair);
        QString chain = QStringLiteral("a == b");
        for (int i = 0; i < 10; ++i)
            chain += QStringLiteral(" and a == b");
        QVERIFY(filterSyntaxSurelyValid(chain));
        for (int i = 0; i < 500; ++i)
            chain += QStringLiteral(" and a == b");
        QVERIFY(!filterSyntaxSurelyValid(chain));
        QVERIFY(checkFilterSyntax(chain)); // over the nesting limit
        VERIFY_QUICK_AGREES(chain);
        const QString parens = QString(100, QLatin1Char('(')) + QStringLiteral("a == b") + QString(100, QLatin1Char(')'));
        QVERIFY(!filterSyntaxSurelyValid(parens));
        VERIFY_QUICK_AGREES(parens);
        const QString nots = QStringLiteral("not ").repeated(500) + QStringLiteral("a == b");
        QVERIFY(!filterSyntaxSurelyValid(nots));
        VERIFY_QUICK_AGREES(nots);
        const QString longValue = QStringLiteral("a == `") + QString(kMaxFilterBytes, QLatin1Char('x')) + QLatin1Char('`');
        QVERIFY(!filterSyntaxSurelyValid(longValue));
        QVERIFY(checkFilterSyntax(longValue));
        const QString fits = QStringLiteral("a == `") + QString(kMaxFilterBytes / 3 - 7, QLatin1Char('x')) + QLatin1Char('`');
        QVERIFY(filterSyntaxSurelyValid(fits));
        VERIFY_QUICK_AGREES(fits);
        const QString nul = QStringLiteral("a == `") + QChar(0) + QLatin1Char('`');
        VERIFY_QUICK_AGREES(nul);
    }

    /** The differential test's generated filters (valid and invalid ones, two seeds). */
    void quickOnGeneratedFilters()
    {
        int quick = 0;
        int valid = 0;
        for (const quint64 seed : {87001ULL, 4242ULL}) {
            for (const QString &e : chainscope::difftest::generateFilters(seed, 3000)) {
                VERIFY_QUICK_AGREES(e);
                quick += filterSyntaxSurelyValid(e) ? 1 : 0;
                valid += parseFilter(e).ok() ? 1 : 0;
            }
        }
        // The generator's valid filters use no escapes: the quick path must decide nearly all of them.
        QVERIFY2(quick >= valid * 9 / 10, qPrintable(QStringLiteral("quick %1 of %2 valid").arg(quick).arg(valid)));
    }

    /** Seeded random expressions from the grammar's pieces, half of them damaged. */
    void quickOnRandomTokens()
    {
        TokenSoup soup(20240601);
        int quick = 0;
        int valid = 0;
        for (int i = 0; i < 5000; ++i) {
            const QString e = soup.next();
            VERIFY_QUICK_AGREES(e);
            quick += filterSyntaxSurelyValid(e) ? 1 : 0;
            valid += parseFilter(e).ok() ? 1 : 0;
        }
        QVERIFY2(valid >= 1000 && quick >= valid / 2, qPrintable(QStringLiteral("quick %1, valid %2 of 5000").arg(quick).arg(valid)));
    }

    void ranges()
    {
        const QString expr = QStringLiteral("not Service.Meta[\"a b\"] == \"x\" or c is empty");
        const FilterParseResult r = parseFilter(expr);
        QVERIFY(r.ok());
        QCOMPARE(r.root->kind, FilterNode::Kind::Or);
        const FilterNodePtr notNode = r.root->left;
        QCOMPARE(notNode->kind, FilterNode::Kind::Not);
        QCOMPARE(notNode->range, (FilterRange{0, 30}));
        const FilterNodePtr match = notNode->left;
        QCOMPARE(match->selector.path, (QStringList{QStringLiteral("Service"), QStringLiteral("Meta"), QStringLiteral("a b")}));
        QCOMPARE(match->selector.segments.at(2), (FilterRange{17, 22}));
        QCOMPARE(match->selector.range, (FilterRange{4, 23}));
        QCOMPARE(match->value->range, (FilterRange{27, 30}));
        QCOMPARE(r.root->right->range, (FilterRange{34, 44}));
        QVERIFY(!r.root->right->value);
    }

    void operatorNames()
    {
        QCOMPARE(filterOpName(FilterOp::NotEqual), QStringLiteral("Not Equal"));
        QCOMPARE(filterOpName(FilterOp::IsNotEmpty), QStringLiteral("Is Not Empty"));
        QCOMPARE(filterOpName(FilterOp::NotMatches), QStringLiteral("Not Matches"));
    }

    void hostileInput()
    {
        QElapsedTimer timer;
        timer.start();
        // Without memoisation these take exponential time in a PEG parser.
        const QString nested = QString(60, QLatin1Char('(')) + QStringLiteral("a == b") + QString(60, QLatin1Char(')'));
        QVERIFY(parseFilter(nested).ok());
        const QString unbalanced = QString(150, QLatin1Char('(')) + QStringLiteral("a == b");
        QVERIFY(checkFilterSyntax(unbalanced));
        QString chain;
        for (int i = 0; i < 2000; ++i)
            chain += QStringLiteral("a == b and ");
        QVERIFY(checkFilterSyntax(chain)); // dangling "and": nesting limit or syntax error, never a crash
        const QString deep = QString(100000, QLatin1Char('('));
        const auto tooLong = checkFilterSyntax(deep);
        QVERIFY(tooLong);
        QVERIFY(tooLong->message.contains(QLatin1String("longer than")));
        const auto tooDeep = checkFilterSyntax(QString(5000, QLatin1Char('(')) + QStringLiteral("a == b") + QString(5000, QLatin1Char(')')));
        QVERIFY(tooDeep);
        QVERIFY(tooDeep->message.contains(QLatin1String("nested")));
        QString nots;
        for (int i = 0; i < 3000; ++i)
            nots += QStringLiteral("not ");
        QVERIFY(checkFilterSyntax(nots + QStringLiteral("a == b")));
        QVERIFY(checkFilterSyntax(QStringLiteral("a == \"\x01\xff\"")) == std::nullopt);
        QVERIFY(timer.elapsed() < 60000);
    }
};

QTEST_GUILESS_MAIN(TestFilterExpr)
#include "tst_filterexpr.moc"
