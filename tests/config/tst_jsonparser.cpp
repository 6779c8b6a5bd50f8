// The JSON reader: Go encoding/json's grammar and error texts, integers vs floats, escapes, positions,
// limits.

#include "config/reader.h"
#include "config/syntaxcodes.h"

#include <QTest>

#include <algorithm>

using namespace chainscope;
using namespace chainscope::config;
using namespace Qt::StringLiterals;

class TestJsonParser : public QObject
{
    Q_OBJECT

    /** The problems parseJson reports for a text it refuses; none when it accepts the text. */
    static Diagnostics refusal(const QByteArray &text, const QString &file)
    {
        const auto r = parseJson(text, file);
        return r ? Diagnostics() : r.diagnostics;
    }

private Q_SLOTS:
    void numbers_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("isInt");
        QTest::addColumn<qint64>("intValue");
        QTest::addColumn<double>("floatValue");

        QTest::newRow("zero") << QByteArray("0") << true << qint64(0) << 0.0;
        QTest::newRow("negative zero") << QByteArray("-0") << true << qint64(0) << 0.0;
        QTest::newRow("int") << QByteArray("42") << true << qint64(42) << 0.0;
        QTest::newRow("negative") << QByteArray("-17") << true << qint64(-17) << 0.0;
        QTest::newRow("int64 max") << QByteArray("9223372036854775807") << true << qint64(9223372036854775807LL) << 0.0;
        QTest::newRow("int64 min") << QByteArray("-9223372036854775808") << true << std::numeric_limits<qint64>::min() << 0.0;
        QTest::newRow("beyond int64") << QByteArray("9223372036854775808") << false << qint64(0) << 9223372036854775808.0;
        QTest::newRow("fraction") << QByteArray("1.5") << false << qint64(0) << 1.5;
        QTest::newRow("whole fraction") << QByteArray("2.0") << false << qint64(0) << 2.0;
        QTest::newRow("exponent") << QByteArray("1e3") << false << qint64(0) << 1000.0;
        QTest::newRow("exponent sign") << QByteArray("25E-1") << false << qint64(0) << 2.5;
        QTest::newRow("negative float") << QByteArray("-0.25") << false << qint64(0) << -0.25;
        QTest::newRow("18 digits") << QByteArray("999999999999999999") << true << qint64(999999999999999999LL) << 0.0;
        QTest::newRow("-18 digits") << QByteArray("-999999999999999999") << true << qint64(-999999999999999999LL) << 0.0;
        QTest::newRow("19 digits") << QByteArray("1000000000000000000") << true << qint64(1000000000000000000LL) << 0.0;
        QTest::newRow("zero exponent") << QByteArray("0E2") << false << qint64(0) << 0.0;
        QTest::newRow("zero fraction") << QByteArray("-0.5e1") << false << qint64(0) << -5.0;
        QTest::newRow("ten") << QByteArray("10") << true << qint64(10) << 0.0;
        QTest::newRow("int exponent") << QByteArray("12e1") << false << qint64(0) << 120.0;
    }

    void numbers()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, isInt);
        QFETCH(qint64, intValue);
        QFETCH(double, floatValue);
        const auto r = parseJson(text, QStringLiteral("n.json"));
        QVERIFY2(r, qPrintable(r.diagnostics.value(0).message));
        QCOMPARE(r->isInt(), isInt);
        if (isInt)
            QCOMPARE(r->toInt(), intValue);
        else
            QCOMPARE(r->toDouble(), floatValue);
        QCOMPARE(r->span().begin.column, 1);
        QCOMPARE(r->span().end.column, int(text.size()) + 1);
    }

    void strings_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");

        QTest::newRow("plain") << QByteArray("\"web\"") << QStringLiteral("web");
        QTest::newRow("simple escapes") << QByteArray("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"") << QStringLiteral("a\"b\\c/d\b\f\n\r\t");
        QTest::newRow("unicode escape") << QByteArray("\"\\u00e9\\u4e2d\"") << QString::fromUtf8("\xc3\xa9\xe4\xb8\xad");
        QTest::newRow("surrogate pair") << QByteArray("\"\\uD83D\\uDE00\"") << QString::fromUtf8("\xf0\x9f\x98\x80");
        QTest::newRow("lone high surrogate") << QByteArray("\"\\uD83Dx\"") << QString::fromUtf8("\xef\xbf\xbdx");
        QTest::newRow("lone low surrogate") << QByteArray("\"\\uDE00\"") << QString::fromUtf8("\xef\xbf\xbd");
        QTest::newRow("high then non-surrogate") << QByteArray("\"\\uD83D\\u0041\"") << QString::fromUtf8("\xef\xbf\xbd" "A");
        QTest::newRow("raw utf8") << QByteArray("\"caf\xc3\xa9 \xf0\x9f\x98\x80\"") << QString::fromUtf8("caf\xc3\xa9 \xf0\x9f\x98\x80");
    }

    void strings()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        const auto r = parseJson(text, QStringLiteral("s.json"));
        QVERIFY2(r, qPrintable(r.diagnostics.value(0).message));
        QVERIFY(r->isString());
        QVERIFY(r->isQuoted());
        QCOMPARE(r->toString(), expected);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("code");

        const QString syntax(codes::JsonSyntax);
        // config.md §5 case 3.
        QTest::newRow("trailing comma") << QByteArray("{\"Kind\":\"service-router\",}")
                                        << QStringLiteral("invalid character '}' looking for beginning of object key string") << 1 << 26 << syntax;
        QTest::newRow("empty") << QByteArray("") << QStringLiteral("unexpected end of JSON input") << 1 << 1 << syntax;
        QTest::newRow("only space") << QByteArray("  \n ") << QStringLiteral("unexpected end of JSON input") << 2 << 2 << syntax;
        QTest::newRow("unterminated object") << QByteArray("{\"a\": 1") << QStringLiteral("unexpected end of JSON input") << 1 << 8 << syntax;
        QTest::newRow("unterminated string") << QByteArray("{\"a") << QStringLiteral("unexpected end of JSON input") << 1 << 4 << syntax;
        QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << QStringLiteral("invalid character '1' after object key") << 1 << 6 << syntax;
        QTest::newRow("missing comma") << QByteArray("{\"a\":1\n \"b\":2}")
                                       << QStringLiteral("invalid character '\"' after object key:value pair") << 2 << 2 << syntax;
        QTest::newRow("array element") << QByteArray("[1 2]") << QStringLiteral("invalid character '2' after array element") << 1 << 4 << syntax;
        QTest::newRow("array trailing comma") << QByteArray("[1,]") << QStringLiteral("invalid character ']' looking for beginning of value") << 1 << 4 << syntax;
        QTest::newRow("comment") << QByteArray("// x\n{}") << QStringLiteral("invalid character '/' looking for beginning of value") << 1 << 1 << syntax;
        QTest::newRow("single quotes") << QByteArray("{'a':1}") << QStringLiteral("invalid character '\\'' looking for beginning of object key string") << 1 << 2 << syntax;
        QTest::newRow("bad literal") << QByteArray("{\"a\": trux}") << QStringLiteral("invalid character 'x' in literal true (expecting 'e')") << 1 << 10 << syntax;
        QTest::newRow("leading zero") << QByteArray("{\"a\": 01}") << QStringLiteral("invalid character '1' after object key:value pair") << 1 << 8 << syntax;
        QTest::newRow("negative leading zero") << QByteArray("[-00]") << QStringLiteral("invalid character '0' after array element") << 1 << 4 << syntax;
        QTest::newRow("minus at end") << QByteArray("[-") << QStringLiteral("unexpected end of JSON input") << 1 << 3 << syntax;
        QTest::newRow("int then letter") << QByteArray("[12x]") << QStringLiteral("invalid character 'x' after array element") << 1 << 4 << syntax;
        QTest::newRow("bare minus") << QByteArray("[-x]") << QStringLiteral("invalid character 'x' in numeric literal") << 1 << 3 << syntax;
        QTest::newRow("decimal point") << QByteArray("[1.x]") << QStringLiteral("invalid character 'x' after decimal point in numeric literal") << 1 << 4 << syntax;
        QTest::newRow("exponent") << QByteArray("[1e+]") << QStringLiteral("invalid character ']' in exponent of numeric literal") << 1 << 5 << syntax;
        QTest::newRow("control char") << QByteArray("[\"a\tb\"]") << QStringLiteral("invalid character '\\t' in string literal") << 1 << 4 << syntax;
        QTest::newRow("newline in string") << QByteArray("[\"a\nb\"]") << QStringLiteral("invalid character '\\n' in string literal") << 1 << 4 << syntax;
        QTest::newRow("bad escape") << QByteArray("[\"\\q\"]") << QStringLiteral("invalid character 'q' in string escape code") << 1 << 4 << syntax;
        QTest::newRow("bad unicode escape") << QByteArray("[\"\\u12g4\"]") << QStringLiteral("invalid character 'g' in \\u hexadecimal character escape") << 1 << 7 << syntax;
        QTest::newRow("after top level") << QByteArray("{} {}") << QStringLiteral("invalid character '{' after top-level value") << 1 << 4 << syntax;
        QTest::newRow("invalid utf8 outside string") << QByteArray("\xc3{}") << QString::fromUtf8("invalid character '\xc3\x83' looking for beginning of value") << 1 << 1 << syntax;
        QTest::newRow("invalid utf8 in string") << QByteArray("{\"a\": \"x\xff\"}") << QStringLiteral("invalid UTF-8 byte 0xff in string literal") << 1 << 9
                                                << QString(codes::JsonInvalidUtf8);
        QTest::newRow("overlong utf8") << QByteArray("[\"\xc0\xaf\"]") << QStringLiteral("invalid UTF-8 byte 0xc0 in string literal") << 1 << 3
                                       << QString(codes::JsonInvalidUtf8);
        QTest::newRow("control char named") << QByteArray("\x01") << QStringLiteral("invalid character '\\x01' looking for beginning of value") << 1 << 1 << syntax;
    }

    void errors()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, code);
        const Diagnostics problems = refusal(text, QStringLiteral("bad.json"));
        QCOMPARE(problems.size(), 1);
        const Diagnostic &d = problems.first();
        QCOMPARE(d.severity, Severity::Error);
        QCOMPARE(d.message, message);
        QCOMPARE(d.code, code);
        QCOMPARE(d.where.file, QStringLiteral("bad.json"));
        QCOMPARE(d.where.begin.line, line);
        QCOMPARE(d.where.begin.column, column);
    }

    void objectShapeAndSpans()
    {
        const QByteArray text = "{\n  \"Kind\": \"service-resolver\",\n  \"Kind\": \"x\",\n  \"Subsets\": {\"v1\": {\"Filter\": \"a\"}},\n  \"T\": [true, null, 1.5]\n}\n";
        const auto r = parseJson(text, QStringLiteral("e.json"));
        QVERIFY(r);
        QVERIFY(r->isMap());
        QCOMPARE(r->members().size(), 4); // duplicate keys are kept, in order
        QCOMPARE(r->members()[0].key, QStringLiteral("Kind"));
        QCOMPARE(r->members()[1].key, QStringLiteral("Kind"));
        QCOMPARE(r->members()[1].value.toString(), QStringLiteral("x"));
        QCOMPARE(r->members()[0].keySpan.begin.line, 2);
        QCOMPARE(r->members()[0].keySpan.begin.column, 3);
        QCOMPARE(r->members()[0].keySpan.end.column, 9);
        QCOMPARE(r->members()[0].value.span().begin.column, 11);
        QCOMPARE(r->members()[0].value.span().end.column, 29);
        const Value *subsets = r->find(u"Subsets");
        QVERIFY(subsets && subsets->isMap()); // JSON objects are never wrapped in lists
        QCOMPARE(subsets->span().begin.line, 4);
        QCOMPARE(subsets->span().begin.column, 14);
        const Value *t = r->find(u"T");
        QVERIFY(t && t->isList());
        QCOMPARE(t->items().size(), 3);
        QVERIFY(t->items()[0].isBool() && t->items()[0].toBool());
        QVERIFY(t->items()[1].isNull());
        QVERIFY(t->items()[2].isFloat());
        QCOMPARE(r->span().begin, (SourcePos{1, 1, 0}));
        QCOMPARE(r->span().end.line, 6);
        QCOMPARE(r->span().end.column, 2);
    }

    void manyChildrenAtManyLevels()
    {
        // Containers with more children than the parser's stacks hold inline (16), nested so that a parent's
        // children wait below its children's while the stack grows, and an error after the stack grew:
        // every child lands in its own container, in order, with its own span.
        QByteArray text = "{";
        for (int i = 0; i < 40; ++i) {
            text += (i ? ",\"k" : "\"k") + QByteArray::number(i) + "\":[";
            for (int j = 0; j < 25; ++j)
                text += (j ? ",{\"n\":" : "{\"n\":") + QByteArray::number(i * 100 + j) + ",\"s\":\"v" + QByteArray::number(j) + "\"}";
            text += "]";
        }
        text += "}";
        const auto r = parseJson(text, QStringLiteral("many.json"));
        QVERIFY(r);
        QCOMPARE(r->members().size(), 40);
        for (int i = 0; i < 40; ++i) {
            const Value::Member &m = r->members()[i];
            QCOMPARE(m.key, u"k"_s + QString::number(i));
            QCOMPARE(m.value.items().size(), 25);
            for (int j = 0; j < 25; ++j) {
                const Value &item = m.value.items()[j];
                QCOMPARE(item.members().size(), 2);
                QCOMPARE(item.find(u"n")->toInt(), qint64(i * 100 + j));
                QCOMPARE(item.find(u"s")->toString(), u"v"_s + QString::number(j));
                const qint64 at = text.indexOf(QByteArray("{\"n\":" + QByteArray::number(i * 100 + j) + ","));
                QCOMPARE(item.span().begin.offset, at);
            }
        }
        const auto broken = parseJson(text.left(text.size() - 30), QStringLiteral("many.json"));
        QVERIFY(!broken);
        QCOMPARE(broken.diagnostics.size(), 1);
    }

    void emptyContainersAndFailedMembers()
    {
        // Empty lists and objects as members and items keep their spans; a parse that fails inside a member's
        // or an item's value (after strings and containers were built for it) reports only that error.
        const QByteArray text = "{\"a\": [], \"b\": [{}, []],\n\"c\": {\"d\": []}}";
        const auto r = parseJson(text, QStringLiteral("empty.json"));
        QVERIFY(r);
        const Value::Member &a = r->members()[0];
        QVERIFY(a.value.isList() && a.value.items().isEmpty());
        QCOMPARE(a.keySpan.begin, (SourcePos{1, 2, 1}));
        QCOMPARE(a.value.span().begin, (SourcePos{1, 7, 6}));
        QCOMPARE(a.value.span().end, (SourcePos{1, 9, 8}));
        const Value &b = r->members()[1].value;
        QCOMPARE(b.items().size(), 2);
        QVERIFY(b.items()[0].isMap() && b.items()[0].members().isEmpty());
        QCOMPARE(b.items()[0].span().begin, (SourcePos{1, 17, 16}));
        QCOMPARE(b.items()[0].span().end, (SourcePos{1, 19, 18}));
        QVERIFY(b.items()[1].isList() && b.items()[1].items().isEmpty());
        QCOMPARE(b.items()[1].span().end, (SourcePos{1, 23, 22}));
        QCOMPARE(b.span().end, (SourcePos{1, 24, 23}));
        const Value::Member &c = r->members()[2];
        QCOMPARE(c.keySpan.begin, (SourcePos{2, 1, 25}));
        QCOMPARE(c.value.members()[0].keySpan.begin, (SourcePos{2, 7, 31}));
        QCOMPARE(c.value.members()[0].value.span().begin, (SourcePos{2, 12, 36}));
        QCOMPARE(r->span().end, (SourcePos{2, 16, 40}));

        const auto inMember = parseJson("{\"k\": {\"long key of more than forty bytes, not shared\": \"v\", \"x\": [\"s\", tru]}}",
                                        QStringLiteral("bad.json"));
        QVERIFY(!inMember);
        QCOMPARE(inMember.diagnostics.size(), 1);
        QCOMPARE(inMember.diagnostics.first().message, QStringLiteral("invalid character ']' in literal true (expecting 'e')"));
        QCOMPARE(inMember.diagnostics.first().where.begin.column, 76);
    }

    void stringsOfEveryLength()
    {
        // Keys and values from empty to well past the lengths the reader shares between entries (40 bytes)
        // and scans a word at a time (8), plain ASCII, with non-ASCII characters and with escapes, each twice
        // (the second time a shared string may come back): every key and value decodes to its own text, and
        // every key and value span sits where the text puts it.
        struct Expected {
            QString text;
            qsizetype keyBegin, keyEnd, valueBegin, valueEnd;
        };
        QByteArray text = "{\n";
        QList<Expected> expected;
        const auto add = [&](const QByteArray &source, const QString &decoded) {
            for (int round = 0; round < 2; ++round) {
                if (!expected.isEmpty())
                    text += ",\n";
                Expected e{decoded, text.size(), 0, 0, 0};
                text += '"' + source + '"';
                e.keyEnd = text.size();
                text += " : ";
                e.valueBegin = text.size();
                text += '"' + source + '"';
                e.valueEnd = text.size();
                expected.append(e);
            }
        };
        for (int n = 0; n <= 70; ++n) {
            QByteArray ascii;
            for (int i = 0; i < n; ++i)
                ascii += char('a' + (i * 7 + n) % 26);
            add(ascii, QString::fromLatin1(ascii));
            if (n >= 2) {
                QByteArray utf8 = ascii.left(n - 2) + "\xc3\xa9"; // "é" last
                add(utf8, QString::fromUtf8(utf8));
                add("\xe4\xb8\xad" + ascii.left(n - 2), QString::fromUtf8("\xe4\xb8\xad" + ascii.left(n - 2)));
                add(ascii.left(n / 2) + "\\n\\u00e9" + ascii.mid(n / 2), QString::fromLatin1(ascii.left(n / 2)) + u"\n\u00e9"_s + QString::fromLatin1(ascii.mid(n / 2)));
            }
        }
        // Same length, head and tail, different middles.
        add("abcdefgh-0123456789-middle-one-ijklmnop", u"abcdefgh-0123456789-middle-one-ijklmnop"_s);
        add("abcdefgh-0123456789-middle-two-ijklmnop", u"abcdefgh-0123456789-middle-two-ijklmnop"_s);
        text += "\n}";

        const auto r = parseJson(text, QStringLiteral("len.json"));
        QVERIFY2(r, qPrintable(r.diagnostics.value(0).message));
        QCOMPARE(r->members().size(), expected.size());
        QList<qsizetype> lineStarts{0};
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text[i] == '\n')
                lineStarts.append(i + 1);
        }
        const auto pos = [&](qsizetype offset) {
            const qsizetype line = std::upper_bound(lineStarts.cbegin(), lineStarts.cend(), offset) - lineStarts.cbegin();
            return SourcePos{int(line), int(offset - lineStarts[line - 1] + 1), offset};
        };
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const Value::Member &m = r->members()[i];
            const Expected &e = expected[i];
            QCOMPARE(m.key, e.text);
            QVERIFY(m.value.isString());
            QCOMPARE(m.value.toString(), e.text);
            QCOMPARE(m.keySpan.file, QStringLiteral("len.json"));
            QCOMPARE(m.keySpan.begin, pos(e.keyBegin));
            QCOMPARE(m.keySpan.end, pos(e.keyEnd));
            QCOMPARE(m.value.span().file, QStringLiteral("len.json"));
            QCOMPARE(m.value.span().begin, pos(e.valueBegin));
            QCOMPARE(m.value.span().end, pos(e.valueEnd));
        }
    }

    void shortStringsDifferingInOneByte()
    {
        // Strings of one to nine bytes that differ from each other in a single byte, alternating, as keys
        // and values inside the text and as the text's last string: none is taken for another.
        for (int n = 1; n <= 9; ++n) {
            const QByteArray base = QByteArray("abcdefghi").left(n);
            QList<QByteArray> strings;
            for (int i = 0; i < n; ++i) {
                QByteArray variant = base;
                variant[i] = 'x';
                strings << base << variant;
            }
            QByteArray object = "{";
            QByteArray array = "[";
            for (const QByteArray &s : std::as_const(strings)) {
                object += (object.size() > 1 ? ",\"" : "\"") + s + "\":\"" + s + '"';
                array += (array.size() > 1 ? ",\"" : "\"") + s + '"';
            }
            object += '}';
            array += ']';
            const auto o = parseJson(object, QStringLiteral("short.json"));
            const auto a = parseJson(array, QStringLiteral("short.json"));
            QVERIFY(o && a);
            QCOMPARE(o->members().size(), strings.size());
            QCOMPARE(a->items().size(), strings.size());
            for (qsizetype i = 0; i < strings.size(); ++i) {
                const QString expected = QString::fromLatin1(strings[i]);
                QCOMPARE(o->members()[i].key, expected);
                QCOMPARE(o->members()[i].value.toString(), expected);
                QCOMPARE(a->items()[i].toString(), expected);
            }
            for (const QByteArray &s : std::as_const(strings)) {
                const auto last = parseJson(QByteArray('"' + s + '"'), QStringLiteral("short.json"));
                QVERIFY(last);
                QCOMPARE(last->toString(), QString::fromLatin1(s));
            }
        }
    }

    void stringErrorsPastTheWordScan_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::addColumn<SourcePos>("begin");
        QTest::addColumn<QString>("code");
        const QString syntax(codes::JsonSyntax);
        const QByteArray run = "abcdefghijklmnopqrstu"; // longer than two words of the scan
        QTest::newRow("control char") << QByteArray("{\"k\":\n\"" + run + "\x01\"}") << QStringLiteral("invalid character '\\x01' in string literal")
                                      << SourcePos{2, 23, 28} << syntax;
        QTest::newRow("bad utf8 key") << QByteArray("{\"" + run + "\xe4\xb8\"") << QStringLiteral("invalid UTF-8 byte 0xe4 in string literal")
                                      << SourcePos{1, 24, 23} << QString(codes::JsonInvalidUtf8);
        QTest::newRow("unterminated") << QByteArray("[\"" + run) << QStringLiteral("unexpected end of JSON input") << SourcePos{1, 24, 23} << syntax;
        QTest::newRow("bad escape late") << QByteArray("[\"" + run + run + "\\x\"]") << QStringLiteral("invalid character 'x' in string escape code")
                                         << SourcePos{1, 46, 45} << syntax;
        QTest::newRow("utf8 then control") << QByteArray("[\"\xc3\xa9" + run + "\t\"]") << QStringLiteral("invalid character '\\t' in string literal")
                                           << SourcePos{1, 26, 25} << syntax;
    }

    void stringErrorsPastTheWordScan()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        QFETCH(SourcePos, begin);
        QFETCH(QString, code);
        const Diagnostics problems = refusal(text, QStringLiteral("e.json"));
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().message, message);
        QCOMPARE(problems.first().code, code);
        QCOMPARE(problems.first().where.begin, begin);
    }

    void nestedSpansAndNumbers()
    {
        // Spans of every kind of value as an item and as a member, at several depths, across lines; numbers
        // keep their kind and value.
        const QByteArray text = "[ {\"a\": [1, -2.5e3, true, false, null, \"s\", {}, []],\n"
                                "   \"b\": {\"c\": {\"d\": 9223372036854775807}}},\n"
                                "  0.125 , -0 ]";
        const auto r = parseJson(text, QStringLiteral("n.json"));
        QVERIFY(r);
        QCOMPARE(r->span().begin, (SourcePos{1, 1, 0}));
        QCOMPARE(r->span().end, (SourcePos{3, 15, 111}));
        QCOMPARE(r->items().size(), 3);
        const Value &obj = r->items()[0];
        QCOMPARE(obj.span().begin, (SourcePos{1, 3, 2}));
        QCOMPARE(obj.span().end, (SourcePos{2, 43, 95}));
        const Value &a = obj.members()[0].value;
        QCOMPARE(a.span().begin, (SourcePos{1, 9, 8}));
        QCOMPARE(a.span().end, (SourcePos{1, 52, 51}));
        const QList<std::pair<qsizetype, qsizetype>> itemSpans{{9, 10}, {12, 18}, {20, 24}, {26, 31}, {33, 37}, {39, 42}, {44, 46}, {48, 50}};
        QCOMPARE(a.items().size(), itemSpans.size());
        for (qsizetype i = 0; i < itemSpans.size(); ++i) {
            QCOMPARE(a.items()[i].span().begin, (SourcePos{1, int(itemSpans[i].first + 1), itemSpans[i].first}));
            QCOMPARE(a.items()[i].span().end, (SourcePos{1, int(itemSpans[i].second + 1), itemSpans[i].second}));
            QCOMPARE(a.items()[i].span().file, QStringLiteral("n.json"));
        }
        QVERIFY(a.items()[0].isInt() && a.items()[0].toInt() == 1);
        QVERIFY(a.items()[1].isFloat() && a.items()[1].toDouble() == -2500.0);
        QVERIFY(a.items()[4].isNull());
        QCOMPARE(a.items()[5].toString(), u"s"_s);
        const Value::Member &b = obj.members()[1];
        QCOMPARE(b.keySpan.begin, (SourcePos{2, 4, 56}));
        QCOMPARE(b.keySpan.end, (SourcePos{2, 7, 59}));
        const Value::Member &d = b.value.members()[0].value.members()[0];
        QCOMPARE(d.key, u"d"_s);
        QCOMPARE(d.keySpan.begin, (SourcePos{2, 16, 68}));
        QCOMPARE(d.keySpan.end, (SourcePos{2, 19, 71}));
        QVERIFY(d.value.isInt() && d.value.toInt() == std::numeric_limits<qint64>::max());
        QCOMPARE(d.value.span().begin, (SourcePos{2, 21, 73}));
        QCOMPARE(d.value.span().end, (SourcePos{2, 40, 92}));
        QVERIFY(r->items()[1].isFloat() && r->items()[1].toDouble() == 0.125);
        QCOMPARE(r->items()[1].span().begin, (SourcePos{3, 3, 99}));
        QCOMPARE(r->items()[1].span().end, (SourcePos{3, 8, 104}));
        QVERIFY(r->items()[2].isInt() && r->items()[2].toInt() == 0);
        QCOMPARE(r->items()[2].span().begin, (SourcePos{3, 11, 107}));
        QCOMPARE(r->items()[2].span().end, (SourcePos{3, 13, 109}));
    }

    void columnsCountBytes()
    {
        // Columns are UTF-8 bytes + 1: "é" takes two columns.
        const auto r = parseJson(QByteArray("{\"\xc3\xa9\": 1}"), QStringLiteral("u.json"));
        QVERIFY(r);
        QCOMPARE(r->members()[0].value.span().begin.column, 8);
    }

    void spansAcrossLineEnds()
    {
        // CRLF line ends: the CR belongs to the line it ends; spans of values, keys and containers that
        // start or end next to a line end.
        const QByteArray text = "{\r\n  \"a\": [\r\n    1,\r\n    \"\xc3\xa9x\"\r\n  ],\r\n  \"b\": {}\r\n}";
        const auto r = parseJson(text, QStringLiteral("crlf.json"));
        QVERIFY(r);
        QCOMPARE(r->span().begin, (SourcePos{1, 1, 0}));
        QCOMPARE(r->span().end, (SourcePos{7, 2, 50}));
        const auto &a = r->members()[0];
        QCOMPARE(a.keySpan.begin, (SourcePos{2, 3, 5}));
        QCOMPARE(a.keySpan.end, (SourcePos{2, 6, 8}));
        QCOMPARE(a.value.span().begin, (SourcePos{2, 8, 10}));
        QCOMPARE(a.value.span().end, (SourcePos{5, 4, 35}));
        QCOMPARE(a.value.items()[0].span().begin, (SourcePos{3, 5, 17}));
        QCOMPARE(a.value.items()[0].span().end, (SourcePos{3, 6, 18}));
        QCOMPARE(a.value.items()[1].span().begin, (SourcePos{4, 5, 25}));
        QCOMPARE(a.value.items()[1].span().end, (SourcePos{4, 10, 30})); // "é" is two bytes, two columns
        const auto &b = r->members()[1];
        QCOMPARE(b.keySpan.begin, (SourcePos{6, 3, 40}));
        QCOMPARE(b.value.span().begin, (SourcePos{6, 8, 45}));
        QCOMPARE(b.value.span().end, (SourcePos{6, 10, 47}));
    }

    void errorSpansAcrossLineEnds_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<SourcePos>("begin");
        QTest::addColumn<SourcePos>("end");
        // The error span covers the offending byte; when that byte ends a line, the span ends on the next.
        QTest::newRow("newline in string") << QByteArray("[\"a\nb\"]") << SourcePos{1, 4, 3} << SourcePos{2, 1, 4};
        QTest::newRow("end after newline") << QByteArray("{\"a\":\n") << SourcePos{2, 1, 6} << SourcePos{2, 1, 6};
        QTest::newRow("end in string") << QByteArray("{\n\"a") << SourcePos{2, 3, 4} << SourcePos{2, 3, 4};
        QTest::newRow("cr after value") << QByteArray("[1\r\n x]") << SourcePos{2, 2, 5} << SourcePos{2, 3, 6};
        QTest::newRow("bad char at line end") << QByteArray("[1,\n2,x\n]") << SourcePos{2, 3, 6} << SourcePos{2, 4, 7};
    }

    void errorSpansAcrossLineEnds()
    {
        QFETCH(QByteArray, text);
        QFETCH(SourcePos, begin);
        QFETCH(SourcePos, end);
        const auto r = parseJson(text, QStringLiteral("e.json"));
        QVERIFY(!r);
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics.first().where.begin, begin);
        QCOMPARE(r.diagnostics.first().where.end, end);
    }

    void depthLimit_data()
    {
        QTest::addColumn<int>("depth");
        QTest::addColumn<bool>("ok");
        QTest::newRow("at limit") << 256 << true;
        QTest::newRow("above limit") << 257 << false;
        QTest::newRow("10000 deep") << 10000 << false;
    }

    void depthLimit()
    {
        QFETCH(int, depth);
        QFETCH(bool, ok);
        const QByteArray text = QByteArray(depth, '[') + QByteArray(depth, ']');
        const auto r = parseJson(text, QStringLiteral("deep.json"));
        QCOMPARE(bool(r), ok);
        if (!ok) {
            QCOMPARE(r.diagnostics.first().code, QString(codes::LimitDepth));
            QCOMPARE(r.diagnostics.first().where.begin.column, 257);
        }
    }

    void nodeLimit()
    {
        ReadLimits limits;
        limits.maxNodes = 10;
        const auto ok = parseJson("[1,2,3,4,5,6,7,8,9]", QStringLiteral("n.json"), limits);
        QVERIFY(ok);
        const auto r = parseJson("[1,2,3,4,5,6,7,8,9,10]", QStringLiteral("n.json"), limits);
        QVERIFY(!r);
        QCOMPARE(r.diagnostics.first().code, QString(codes::LimitNodes));

        // Members and items that are strings count too, and the error sits on the first value past the limit.
        limits.maxNodes = 3;
        QVERIFY(parseJson("{\"a\":\"x\",\"b\": \"y\"}", QStringLiteral("n.json"), limits));
        const auto members = parseJson("{\"a\":\"x\",\"b\":\"y\",\"c\": \"z\"}", QStringLiteral("n.json"), limits);
        QVERIFY(!members);
        QCOMPARE(members.diagnostics.first().code, QString(codes::LimitNodes));
        QCOMPARE(members.diagnostics.first().where.begin, (SourcePos{1, 23, 22}));
        const auto items = parseJson("[\"x\", \"y\",\n \"z\"]", QStringLiteral("n.json"), limits);
        QVERIFY(!items);
        QCOMPARE(items.diagnostics.first().code, QString(codes::LimitNodes));
        QCOMPARE(items.diagnostics.first().where.begin, (SourcePos{2, 2, 12}));
    }
};

QTEST_GUILESS_MAIN(TestJsonParser)
#include "tst_jsonparser.moc"
