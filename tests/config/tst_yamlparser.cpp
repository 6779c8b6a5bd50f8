// The YAML reader: core-schema typing of plain scalars, quoted strings, multi-document files, positions,
// yaml-cpp errors, alias bombs and nesting limits.

#include "config/reader.h"
#include "config/syntaxcodes.h"

#include <QElapsedTimer>
#include <QTest>

using namespace chainscope;
using namespace chainscope::config;

class TestYamlParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scalarTypes_data()
    {
        QTest::addColumn<QByteArray>("scalar");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("text"); ///< toString() for strings, else QString::number of the value
        QTest::addColumn<bool>("quoted");

        const int Null = int(Value::Type::Null), Bool = int(Value::Type::Bool), Int = int(Value::Type::Int);
        const int Float = int(Value::Type::Float), String = int(Value::Type::String);
        QTest::newRow("null word") << QByteArray("null") << Null << QString() << true;
        QTest::newRow("tilde") << QByteArray("~") << Null << QString() << true;
        QTest::newRow("empty") << QByteArray("") << Null << QString() << true;
        QTest::newRow("true") << QByteArray("true") << Bool << QStringLiteral("1") << true;
        QTest::newRow("False") << QByteArray("False") << Bool << QStringLiteral("0") << true;
        QTest::newRow("yes is a string in 1.2") << QByteArray("yes") << String << QStringLiteral("yes") << false;
        QTest::newRow("int") << QByteArray("42") << Int << QStringLiteral("42") << true;
        QTest::newRow("signed int") << QByteArray("-7") << Int << QStringLiteral("-7") << true;
        QTest::newRow("octal") << QByteArray("0o17") << Int << QStringLiteral("15") << true;
        QTest::newRow("hex") << QByteArray("0x1f") << Int << QStringLiteral("31") << true;
        QTest::newRow("float") << QByteArray("1.5") << Float << QStringLiteral("1.5") << true;
        QTest::newRow("exp float") << QByteArray("1e3") << Float << QStringLiteral("1000") << true;
        QTest::newRow("dot float") << QByteArray(".5") << Float << QStringLiteral("0.5") << true;
        QTest::newRow("inf") << QByteArray(".inf") << Float << QStringLiteral("inf") << true;
        QTest::newRow("duration stays string") << QByteArray("5s") << String << QStringLiteral("5s") << false;
        QTest::newRow("plain string") << QByteArray("service-resolver") << String << QStringLiteral("service-resolver") << false;
        QTest::newRow("quoted number") << QByteArray("\"42\"") << String << QStringLiteral("42") << true;
        QTest::newRow("single quoted true") << QByteArray("'true'") << String << QStringLiteral("true") << true;
        QTest::newRow("double quoted escapes") << QByteArray("\"a\\tb\\u00e9\"") << String << QString::fromUtf8("a\tb\xc3\xa9") << true;
        QTest::newRow("tagged str") << QByteArray("!!str 42") << String << QStringLiteral("42") << true;
        QTest::newRow("tagged int") << QByteArray("!!int \"42\"") << Int << QStringLiteral("42") << true;
        QTest::newRow("explicit plus") << QByteArray("+12") << Int << QStringLiteral("12") << true;
        QTest::newRow("int overflow is a float") << QByteArray("99999999999999999999") << Float << QStringLiteral("1e+20") << true;
        QTest::newRow("octal overflow is a string") << QByteArray("0o7777777777777777777777") << String << QStringLiteral("0o7777777777777777777777") << false;
        QTest::newRow("octal digit 8") << QByteArray("0o8") << String << QStringLiteral("0o8") << false;
        QTest::newRow("bare 0x") << QByteArray("0x") << String << QStringLiteral("0x") << false;
        QTest::newRow("upper-case X") << QByteArray("0X1F") << String << QStringLiteral("0X1F") << false;
        QTest::newRow("trailing dot") << QByteArray("1.") << Float << QStringLiteral("1") << true;
        QTest::newRow("signed exp") << QByteArray("+.5e-3") << Float << QStringLiteral("0.0005") << true;
        QTest::newRow("exp without digits") << QByteArray("1e") << String << QStringLiteral("1e") << false;
        QTest::newRow("lone dot") << QByteArray(".") << String << QStringLiteral(".") << false;
        QTest::newRow("minus inf") << QByteArray("-.INF") << Float << QStringLiteral("-inf") << true;
        QTest::newRow("nan") << QByteArray(".NaN") << Float << QStringLiteral("nan") << true;
        QTest::newRow("underscores stay string") << QByteArray("1_000") << String << QStringLiteral("1_000") << false;
        QTest::newRow("full-width digit") << QByteArray("\xef\xbc\x90") << String << QString::fromUtf8("\xef\xbc\x90") << false;
        QTest::newRow("NULL") << QByteArray("NULL") << Null << QString() << true;
        QTest::newRow("nULL is a string") << QByteArray("nULL") << String << QStringLiteral("nULL") << false;
        QTest::newRow("tagged float") << QByteArray("!!float 1e3") << Float << QStringLiteral("1000") << true;
        QTest::newRow("tagged bool on text") << QByteArray("!!bool \"yes\"") << String << QStringLiteral("yes") << true;
    }

    void scalarTypes()
    {
        QFETCH(QByteArray, scalar);
        QFETCH(int, type);
        QFETCH(QString, text);
        QFETCH(bool, quoted);
        const QByteArray doc = "v: " + scalar + "\n";
        const auto r = parseYaml(doc, QStringLiteral("t.yaml"));
        QVERIFY2(r, qPrintable(r.diagnostics.value(0).message));
        QCOMPARE(r->size(), 1);
        const Value *v = r->first().find(u"v");
        QVERIFY(v);
        QCOMPARE(int(v->type()), type);
        if (v->isString()) {
            QCOMPARE(v->toString(), text);
            QCOMPARE(v->isQuoted(), quoted);
        } else if (v->isBool()) {
            QCOMPARE(QString::number(int(v->toBool())), text);
        } else if (v->isInt()) {
            QCOMPARE(QString::number(v->toInt()), text);
        } else if (v->isFloat()) {
            QCOMPARE(QString::number(v->toDouble()), text);
        }
    }

    void multiDocument()
    {
        const QByteArray text = "# leading comment\n---\napiVersion: v1\nkind: A\n---\n---\n# only a comment\n---\nkind: B\nlist: [1, 2]\n...\n";
        const auto r = parseYaml(text, QStringLiteral("m.yaml"));
        QVERIFY2(r, qPrintable(r.diagnostics.value(0).message));
        QVERIFY(r.diagnostics.isEmpty());
        QCOMPARE(r->size(), 2); // empty documents are skipped
        QCOMPARE(r->at(0).find(u"kind")->toString(), QStringLiteral("A"));
        QCOMPARE(r->at(1).find(u"kind")->toString(), QStringLiteral("B"));
        QCOMPARE(r->at(1).find(u"kind")->span().begin.line, 9);
        QCOMPARE(r->at(1).find(u"list")->items().size(), 2);
    }

    void yamlCppLoopIsAnError()
    {
        // fuzz_yaml found this: yaml-cpp 0.7 emits node events forever on it. We must answer, not hang.
        // The event budget is now counted while the values are built (one parse): same refusal, same place.
        const QByteArray text = "{\n  \"Kind\":tp\"\n} \"service-defaults\",\n  \"Name\": de-b\"cw2\",\n  \"Protocol\": \"http\"\n}\n";
        const auto r = parseYaml(text, QStringLiteral("loop.yaml"));
        QVERIFY(!r || r->isEmpty());
        QCOMPARE(r.diagnostics.size(), 1);
        const Diagnostic &d = r.diagnostics.first();
        QCOMPARE(d.code, QString(codes::YamlSyntax));
        QCOMPARE(d.message, QStringLiteral("malformed YAML: the parser does not terminate on this text (check flow collections and quotes)"));
        QCOMPARE(d.where.file, QStringLiteral("loop.yaml"));
        QCOMPARE(d.where.begin, (SourcePos{3, 21, 35}));
    }

    void loopingDocumentKeepsOthers()
    {
        // The refusal is per "---" part: the documents around it still load.
        const QByteArray loop = "{\n  \"Kind\":tp\"\n} \"service-defaults\",\n  \"Name\": de-b\"cw2\",\n  \"Protocol\": \"http\"\n}\n";
        const QByteArray text = "kind: A\n---\n" + loop + "---\nkind: C\n";
        const auto r = parseYaml(text, QStringLiteral("loop.yaml"));
        QVERIFY(r);
        QCOMPARE(r->size(), 2);
        QCOMPARE(r->at(1).find(u"kind")->toString(), QStringLiteral("C"));
        QCOMPARE(r.diagnostics.size(), 1);
        QVERIFY(r.diagnostics.first().message.startsWith(u"malformed YAML: the parser does not terminate"));
    }

    void syntaxErrorDropsItsWholePart()
    {
        // "..." ends a document without starting a new part: a later error in the part drops both.
        const auto r = parseYaml("a: 1\n...\nb: [\n", QStringLiteral("p.yaml"));
        QVERIFY(!r || r->isEmpty());
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics.first().code, QString(codes::YamlSyntax));
    }

    void brokenDocumentKeepsOthers()
    {
        const QByteArray text = "kind: A\n---\nkind: [unclosed\n---\nkind: C\n";
        const auto r = parseYaml(text, QStringLiteral("b.yaml"));
        QVERIFY(r);
        QCOMPARE(r->size(), 2);
        QCOMPARE(r.diagnostics.size(), 1);
        const Diagnostic &d = r.diagnostics.first();
        QCOMPARE(d.code, QString(codes::YamlSyntax));
        QVERIFY(d.where.begin.line >= 3 && d.where.begin.line <= 4);
        QVERIFY(!d.message.isEmpty());
    }

    void spans()
    {
        const QByteArray text = "apiVersion: consul.hashicorp.com/v1alpha1\nspec:\n  connectTimeout: \"15s\"\n  subsets:\n    - name: v1\n      filter: 'a'\n";
        const auto r = parseYaml(text, QStringLiteral("s.yaml"));
        QVERIFY(r);
        const Value &root = r->first();
        QCOMPARE(root.span().begin, (SourcePos{1, 1, 0}));
        QCOMPARE(root.members()[0].keySpan.begin, (SourcePos{1, 1, 0}));
        QCOMPARE(root.members()[0].keySpan.end, (SourcePos{1, 11, 10}));
        const Value *spec = root.find(u"spec");
        const auto &timeout = spec->members()[0];
        QCOMPARE(timeout.keySpan.begin.line, 3);
        QCOMPARE(timeout.keySpan.begin.column, 3);
        QCOMPARE(timeout.value.span().begin.column, 19);
        QCOMPARE(timeout.value.span().end.column, 24); // quotes included
        const Value *subsets = spec->find(u"subsets");
        QCOMPARE(subsets->span().begin.line, 5);
        const Value &filter = subsets->items()[0].members()[1].value;
        QCOMPARE(filter.span().begin, (SourcePos{6, 15, 112}));
        QCOMPARE(filter.span().end.column, 18);
        QCOMPARE(root.span().end.line, 6);
    }

    void utf8Columns()
    {
        const auto r = parseYaml(QByteArray("\xc3\xa9t\xc3\xa9: x\n"), QStringLiteral("u.yaml"));
        QVERIFY(r);
        QCOMPARE(r->first().members()[0].value.span().begin.column, 8);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("line");

        QTest::newRow("bad indentation") << QByteArray("a: 1\n b: 2\n") << QString(codes::YamlSyntax) << 2;
        QTest::newRow("unclosed flow") << QByteArray("a: {b: 1\n") << QString(codes::YamlSyntax) << 2;
        QTest::newRow("nested mapping value") << QByteArray("a: b: c\n") << QString(codes::YamlSyntax) << 1;
        QTest::newRow("unknown alias") << QByteArray("a: *nope\n") << QString(codes::YamlSyntax) << 1;
        QTest::newRow("tab indentation") << QByteArray("a:\n\t- b\n") << QString(codes::YamlSyntax) << 2;
        // yaml-cpp 0.7 loops forever on these (found by fuzz_yaml); the reader refuses them first.
        QTest::newRow("bare comma") << QByteArray(",") << QString(codes::YamlSyntax) << 1;
        QTest::newRow("comma after flow map") << QByteArray("{},") << QString(codes::YamlSyntax) << 1;
        QTest::newRow("comma after quoted") << QByteArray("'x',\n") << QString(codes::YamlSyntax) << 1;
        QTest::newRow("comma after document marker") << QByteArray("--- ,") << QString(codes::YamlSyntax) << 1;
        QTest::newRow("comma after anchor") << QByteArray("&a ,") << QString(codes::YamlSyntax) << 1;
        QTest::newRow("complex key") << QByteArray("? [a, b]\n: c\n") << QString(codes::YamlUnsupported) << 1;
        QTest::newRow("invalid utf8") << QByteArray("a: \"\xfe\"\n") << QString(codes::YamlInvalidUtf8) << 1;
        QTest::newRow("nul") << QByteArray("a: b\n\0", 6) << QString(codes::LoadNulByte) << 2;
    }

    void errors()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, code);
        QFETCH(int, line);
        const auto r = parseYaml(text, QStringLiteral("bad.yaml"));
        QVERIFY(!r.diagnostics.isEmpty());
        QVERIFY(!r || r->isEmpty());
        const Diagnostic &d = r.diagnostics.first();
        QCOMPARE(d.severity, Severity::Error);
        QCOMPARE(d.code, code);
        QCOMPARE(d.where.file, QStringLiteral("bad.yaml"));
        QCOMPARE(d.where.begin.line, line);
        QVERIFY(d.where.begin.column >= 1);
    }

    void aliasBomb()
    {
        // Billion laughs: 10^9 expanded values from a few hundred bytes.
        QByteArray text = "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
        for (int i = 1; i <= 9; ++i) {
            text += QStringLiteral("a%1: &a%1 [").arg(i).toUtf8();
            for (int k = 0; k < 10; ++k)
                text += QStringLiteral("%1*a%2").arg(k ? QStringLiteral(",") : QString()).arg(i - 1).toUtf8();
            text += "]\n";
        }
        QElapsedTimer timer;
        timer.start();
        const auto r = parseYaml(text, QStringLiteral("bomb.yaml"));
        QVERIFY(!r || r->isEmpty());
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics.first().code, QString(codes::LimitNodes));
    }

    void commasInPlainScalars()
    {
        const auto r = parseYaml("a: b, c\nd: e ,f\ng: [1, 2]\nh: {x: 1, y: 2}\n", QStringLiteral("c.yaml"));
        QVERIFY2(r && r.diagnostics.isEmpty(), qPrintable(r.diagnostics.value(0).message));
        QCOMPARE(r->first().find(u"a")->toString(), QStringLiteral("b, c"));
        QCOMPARE(r->first().find(u"d")->toString(), QStringLiteral("e ,f"));
    }

    void smallAliasesExpand()
    {
        const auto r = parseYaml("base: &b {x: 1}\nother: *b\n", QStringLiteral("a.yaml"));
        QVERIFY(r);
        const Value *other = r->first().find(u"other");
        QVERIFY(other && other->isMap());
        QCOMPARE(other->find(u"x")->toInt(), 1);
    }

    void aliasesCountEveryUse_data()
    {
        QTest::addColumn<qint64>("maxNodes");
        QTest::addColumn<bool>("loads");
        // root, 3 keys, and [1, 2, 3] (4 values) three times: 16 values.
        QTest::newRow("at the limit") << qint64(16) << true;
        QTest::newRow("one over") << qint64(15) << false;
    }

    void aliasesCountEveryUse()
    {
        QFETCH(qint64, maxNodes);
        QFETCH(bool, loads);
        ReadLimits limits;
        limits.maxNodes = maxNodes;
        const auto r = parseYaml("a: &x [1, 2, 3]\nb: *x\nc: *x\n", QStringLiteral("n.yaml"), limits);
        if (loads) {
            QVERIFY2(r && r.diagnostics.isEmpty(), qPrintable(r.diagnostics.value(0).message));
            QCOMPARE(r->first().find(u"c")->items().size(), 3);
            // An alias is the anchored value, positions included.
            QCOMPARE(r->first().find(u"c")->span(), r->first().find(u"a")->span());
        } else {
            QCOMPARE(r.diagnostics.size(), 1);
            QCOMPARE(r.diagnostics.first().code, QString(codes::LimitNodes));
            QCOMPARE(r.diagnostics.first().where.begin, (SourcePos{1, 1, 0}));
        }
    }

    void documentsAreCountedOnTheirOwn()
    {
        // Both roots start at the same place within their "---" part with as many members; the second
        // one's values must still be counted (3 + 6 = 9 values in the file).
        const QByteArray text = "---\na: 1\n---\na: [1, 2, 3]\n";
        ReadLimits limits;
        limits.maxNodes = 9;
        auto r = parseYaml(text, QStringLiteral("d.yaml"), limits);
        QVERIFY2(r && r.diagnostics.isEmpty(), qPrintable(r.diagnostics.value(0).message));
        QCOMPARE(r->size(), 2);
        limits.maxNodes = 8;
        r = parseYaml(text, QStringLiteral("d.yaml"), limits);
        QVERIFY(r);
        QCOMPARE(r->size(), 1);
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics.first().code, QString(codes::LimitNodes));
        QCOMPARE(r.diagnostics.first().where.begin.line, 4);
    }

    void recursiveAliasIsRefused()
    {
        const auto r = parseYaml("a: &x [1, *x]\n", QStringLiteral("r.yaml"));
        QVERIFY(!r || r->isEmpty());
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics.first().code, QString(codes::LimitNodes));
    }

    void aliasTooDeepWhereUsed()
    {
        // [[1]] fits where it is anchored (depth 1) but not under b.c.d (depth 3) with a limit of 4:
        // the first value past the limit is the 1, reported where it is written.
        ReadLimits limits;
        limits.maxDepth = 4;
        const auto r = parseYaml("a: &x [[1]]\nb: {c: {d: *x}}\n", QStringLiteral("a.yaml"), limits);
        QVERIFY(!r || r->isEmpty());
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics.first().code, QString(codes::LimitDepth));
        QCOMPARE(r.diagnostics.first().where.begin, (SourcePos{1, 9, 8}));
        limits.maxDepth = 5;
        QVERIFY(parseYaml("a: &x [[1]]\nb: {c: {d: *x}}\n", QStringLiteral("a.yaml"), limits));
    }

    void aliasesAsKeys()
    {
        const auto r = parseYaml("&k key: 1\n*k : 2\nv: *k\n", QStringLiteral("k.yaml"));
        QVERIFY2(r && r.diagnostics.isEmpty(), qPrintable(r.diagnostics.value(0).message));
        const auto &members = r->first().members();
        QCOMPARE(members.size(), 3);
        QCOMPARE(members[1].key, QStringLiteral("key"));
        QCOMPARE(members[1].keySpan, members[0].keySpan); // the anchored scalar's own span
        QCOMPARE(members[2].value.toString(), QStringLiteral("key"));
        QVERIFY(!members[2].value.isQuoted());
        QCOMPARE(members[2].value.span(), members[0].keySpan);

        const auto bad = parseYaml("m: &m {x: 1}\n*m : 2\n", QStringLiteral("k.yaml"));
        QVERIFY(!bad || bad->isEmpty());
        QCOMPARE(bad.diagnostics.size(), 1);
        QCOMPARE(bad.diagnostics.first().code, QString(codes::YamlUnsupported));
        QCOMPARE(bad.diagnostics.first().where.begin, (SourcePos{1, 4, 3})); // the anchored map starts at its anchor
    }

    void deepNesting_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("flow sequences") << QByteArray(10000, '[') + QByteArray(10000, ']');
        QTest::newRow("flow maps") << QByteArray(10000 * 3, ' ').replace("   ", "{a:") + QByteArray(10000, '}');
        QByteArray block;
        for (int i = 0; i < 10000; ++i)
            block += QByteArray(i, ' ') + "k:\n";
        QTest::newRow("block maps") << block;
        QTest::newRow("compact sequences") << QByteArray(10000 * 2, ' ').replace("  ", "- ") + "x\n";
    }

    void deepNesting()
    {
        QFETCH(QByteArray, text);
        const auto r = parseYaml(text, QStringLiteral("deep.yaml"));
        QVERIFY(!r || r->isEmpty());
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics.first().code, QString(codes::LimitDepth));
    }

    void moderateNestingIsFine()
    {
        QByteArray text;
        for (int i = 0; i < 50; ++i)
            text += QByteArray(i * 2, ' ') + "k:\n";
        text += QByteArray(100, ' ') + "v: [[[1]]]\n";
        const auto r = parseYaml(text, QStringLiteral("ok.yaml"));
        QVERIFY2(r && r.diagnostics.isEmpty(), qPrintable(r.diagnostics.value(0).message));
    }
};

QTEST_GUILESS_MAIN(TestYamlParser)
#include "tst_yamlparser.moc"
