// The HCL1 reader: hashicorp/hcl v1.0.0's lexical rules, grammar, decoded shapes and error texts
// (config.md §2.1 and §5 cases 1-2), with positions.

#include "config/reader.h"
#include "config/syntaxcodes.h"

#include <QTest>

using namespace chainscope;
using namespace chainscope::config;

namespace {

// Compact JSON-like rendering of a tree: strings quoted, ints bare, floats with a trailing 'f'.
QString dump(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Null:
        return QStringLiteral("null");
    case Value::Type::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Value::Type::Int:
        return QString::number(v.toInt());
    case Value::Type::Float:
        return QString::number(v.toDouble()) + QLatin1Char('f');
    case Value::Type::String:
        return QLatin1Char('"') + v.toString() + QLatin1Char('"');
    case Value::Type::List: {
        QStringList parts;
        for (const Value &i : v.items())
            parts.append(dump(i));
        return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
    }
    case Value::Type::Map: {
        QStringList parts;
        for (const Value::Member &m : v.members())
            parts.append(QLatin1Char('"') + m.key + QStringLiteral("\":") + dump(m.value));
        return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
    }
    }
    return {};
}

} // namespace

class TestHclParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shapes_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");

        // config.md §2.1 examples.
        QTest::newRow("scalar") << QByteArray("Kind = \"service-resolver\"\n") << QStringLiteral("{\"Kind\":\"service-resolver\"}");
        QTest::newRow("object assign wraps") << QByteArray("Subsets = { \"v1\" = { Filter = \"x\" } }\n")
                                             << QStringLiteral("{\"Subsets\":[{\"v1\":[{\"Filter\":\"x\"}]}]}");
        QTest::newRow("block wraps") << QByteArray("Failover { \"*\" { Datacenters = [\"dc2\"] } }\n")
                                     << QStringLiteral("{\"Failover\":[{\"*\":[{\"Datacenters\":[\"dc2\"]}]}]}");
        QTest::newRow("objects in list are plain maps") << QByteArray("Splits = [ { Weight = 90 }, { Weight = 10 } ]\n")
                                                        << QStringLiteral("{\"Splits\":[{\"Weight\":90},{\"Weight\":10}]}");
        QTest::newRow("nested object inside list element wraps") << QByteArray("R = [ { M = { A = 1 } } ]")
                                                                 << QStringLiteral("{\"R\":[{\"M\":[{\"A\":1}]}]}");
        QTest::newRow("repeated block appends") << QByteArray("Redirect { Service = \"a\" }\nRedirect { Service = \"b\" }\n")
                                                << QStringLiteral("{\"Redirect\":[{\"Service\":\"a\"},{\"Service\":\"b\"}]}");
        QTest::newRow("repeated scalar keeps both") << QByteArray("Name = \"a\"\nName = \"b\"\n") << QStringLiteral("{\"Name\":\"a\",\"Name\":\"b\"}");
        QTest::newRow("multi-key block") << QByteArray("k \"a\" { x = 1 }\n") << QStringLiteral("{\"k\":[{\"a\":[{\"x\":1}]}]}");
        QTest::newRow("multi-key blocks gather") << QByteArray("k \"a\" { x = 1 }\nother = 2\nk \"b\" { y = 2 }\n")
                                                 << QStringLiteral("{\"k\":[{\"a\":[{\"x\":1}]},{\"b\":[{\"y\":2}]}],\"other\":2}");
        QTest::newRow("three keys") << QByteArray("a b c { }") << QStringLiteral("{\"a\":[{\"b\":[{\"c\":[{}]}]}]}");
        QTest::newRow("list trailing comma") << QByteArray("l = [1, 2,]") << QStringLiteral("{\"l\":[1,2]}");
        QTest::newRow("nested list") << QByteArray("l = [[1], [\"a\"]]") << QStringLiteral("{\"l\":[[1],[\"a\"]]}");
        QTest::newRow("object commas optional") << QByteArray("o { a = 1, b = 2 c = 3 }") << QStringLiteral("{\"o\":[{\"a\":1,\"b\":2,\"c\":3}]}");
        QTest::newRow("bools") << QByteArray("a = true\nb = false") << QStringLiteral("{\"a\":true,\"b\":false}");
        QTest::newRow("identifier keys") << QByteArray("connect_timeout = \"5s\"\nmeta.key-x = 1") << QStringLiteral("{\"connect_timeout\":\"5s\",\"meta.key-x\":1}");
        QTest::newRow("string key") << QByteArray("\"quoted key\" = 1") << QStringLiteral("{\"quoted key\":1}");
        QTest::newRow("empty file") << QByteArray("") << QStringLiteral("{}");
        QTest::newRow("comments") << QByteArray("# a\n// b\n/* c\n d */ a = 1 # tail\n") << QStringLiteral("{\"a\":1}");
        QTest::newRow("crlf") << QByteArray("a = 1\r\nb = <<EOF\r\nx\r\nEOF\r\n") << QStringLiteral("{\"a\":1,\"b\":\"x\n\"}");
        QTest::newRow("missing value at eof") << QByteArray("a = 1\nb =") << QStringLiteral("{\"a\":1}");
        QTest::newRow("list then block appends") << QByteArray("l = [{a = 1}]\nl { b = 2 }") << QStringLiteral("{\"l\":[{\"a\":1},{\"b\":2}]}");
        QTest::newRow("append looks at the last member with the key")
            << QByteArray("a = [1]\na = 2\na = [3]\na = [4]") << QStringLiteral("{\"a\":[1],\"a\":2,\"a\":[3,4]}");
        QTest::newRow("list after scalar does not append") << QByteArray("a = 1\na = [2]") << QStringLiteral("{\"a\":1,\"a\":[2]}");
        QTest::newRow("multi-key gathering is case-insensitive, once per spelling")
            << QByteArray("a \"x\" {}\nA \"y\" {}\na \"z\" {}")
            << QStringLiteral("{\"a\":[{\"x\":[{}]},{\"y\":[{}]},{\"z\":[{}]}],\"A\":[{\"x\":[{}]},{\"y\":[{}]},{\"z\":[{}]}]}");
        QTest::newRow("multi-key inside a block") << QByteArray("o { s \"a\" { v = 1 } t = 2 s \"b\" \"c\" { } }")
                                                  << QStringLiteral("{\"o\":[{\"s\":[{\"a\":[{\"v\":1}]},{\"b\":[{\"c\":[{}]}]}],\"t\":2}]}");
        // parser.go objectType: an error inside an object is dropped when the parser stands on a '}' then;
        // the object keeps the items before the failed one, and the next '}' closes it.
        QTest::newRow("failed item before brace is dropped") << QByteArray("x { a = 1 b = } }\ny = 2") << QStringLiteral("{\"x\":[{\"a\":1}],\"y\":2}");
        QTest::newRow("failed list before brace is dropped")
            << QByteArray("x { a = 1 b = [1, {c = 2}, 99999999999999999999 } }\ny = 2") << QStringLiteral("{\"x\":[{\"a\":1}],\"y\":2}");
    }

    void shapes()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        const auto r = parseHcl(text, QStringLiteral("t.hcl"));
        QVERIFY2(r, qPrintable(r.diagnostics.value(0).message));
        QCOMPARE(dump(*r), expected);
    }

    void scalars_data()
    {
        QTest::addColumn<QByteArray>("literal");
        QTest::addColumn<QString>("expected");

        QTest::newRow("int") << QByteArray("42") << QStringLiteral("42");
        QTest::newRow("negative") << QByteArray("-7") << QStringLiteral("-7");
        QTest::newRow("hex") << QByteArray("0x1F") << QStringLiteral("31");
        QTest::newRow("negative hex") << QByteArray("-0x10") << QStringLiteral("-16");
        QTest::newRow("octal") << QByteArray("0755") << QStringLiteral("493");
        QTest::newRow("zero") << QByteArray("0") << QStringLiteral("0");
        QTest::newRow("int64 max") << QByteArray("9223372036854775807") << QStringLiteral("9223372036854775807");
        QTest::newRow("int64 min") << QByteArray("-9223372036854775808") << QStringLiteral("-9223372036854775808");
        QTest::newRow("float") << QByteArray("1.5") << QStringLiteral("1.5f");
        QTest::newRow("exponent") << QByteArray("1e3") << QStringLiteral("1000f");
        QTest::newRow("leading dot") << QByteArray(".5") << QStringLiteral("0.5f");
        QTest::newRow("negative float") << QByteArray("-2.25") << QStringLiteral("-2.25f");
        QTest::newRow("zero float") << QByteArray("0.5e1") << QStringLiteral("5f");
        QTest::newRow("plain string") << QByteArray("\"web\"") << QStringLiteral("\"web\"");
        QTest::newRow("simple escapes") << QByteArray("\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\"") << QStringLiteral("\"\a\b\f\n\r\t\v\\\"\"");
        QTest::newRow("octal escape") << QByteArray("\"\\101\\060\"") << QStringLiteral("\"A0\"");
        QTest::newRow("octal utf8 bytes") << QByteArray("\"\\303\\251\"") << QString::fromUtf8("\"\xc3\xa9\"");
        QTest::newRow("hex escape") << QByteArray("\"\\x41\\x7a\"") << QStringLiteral("\"Az\"");
        QTest::newRow("u escape") << QByteArray("\"\\u00e9\"") << QString::fromUtf8("\"\xc3\xa9\"");
        QTest::newRow("U escape") << QByteArray("\"\\U0001F600\"") << QString::fromUtf8("\"\xf0\x9f\x98\x80\"");
        QTest::newRow("interpolation verbatim") << QByteArray("\"a ${lookup(\"x\", \"y\")} b\"") << QStringLiteral("\"a ${lookup(\"x\", \"y\")} b\"");
        QTest::newRow("interpolation keeps escapes") << QByteArray("\"${a\\n}\\n\"") << QStringLiteral("\"${a\\n}\n\"");
        QTest::newRow("utf8 text") << QByteArray("\"caf\xc3\xa9\"") << QString::fromUtf8("\"caf\xc3\xa9\"");
        QTest::newRow("heredoc") << QByteArray("<<EOF\nline 1\n  line 2\nEOF\n") << QStringLiteral("\"line 1\n  line 2\n\"");
        QTest::newRow("heredoc empty") << QByteArray("<<EOF\nEOF\n") << QStringLiteral("\"\"");
        QTest::newRow("heredoc indented terminator kept") << QByteArray("<<EOF\nx\n  EOF\n") << QStringLiteral("\"x\n  \"");
        QTest::newRow("indented heredoc") << QByteArray("<<-EOT\n    hello\n      world\n    EOT\n") << QStringLiteral("\"hello\n  world\n\"");
        QTest::newRow("indented heredoc uneven") << QByteArray("<<-EOT\n  a\nb\n  EOT\n") << QStringLiteral("\"  a\nb\n\"");
        QTest::newRow("heredoc anchor inside line") << QByteArray("<<EOF\nnot EOF here\nEOF\n") << QStringLiteral("\"not EOF here\n\"");
    }

    void scalars()
    {
        QFETCH(QByteArray, literal);
        QFETCH(QString, expected);
        const QByteArray text = QByteArray("v = ") + literal + "\n";
        const auto r = parseHcl(text, QStringLiteral("s.hcl"));
        QVERIFY2(r, qPrintable(r.diagnostics.value(0).message));
        QCOMPARE(r->members().size(), 1);
        QCOMPARE(dump(r->members().first().value), expected);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");

        // config.md §5 cases 1 and 2.
        QTest::newRow("case 1 unquoted value") << QByteArray("Kind = service-resolver\n")
                                               << QStringLiteral("At 1:8: Unknown token: 1:8 IDENT service-resolver") << 1 << 8;
        QTest::newRow("case 2 unterminated") << QByteArray("Name = \"web") << QStringLiteral("At 1:12: literal not terminated") << 1 << 12;
        QTest::newRow("unterminated at newline") << QByteArray("Kind = \"x\"\nName = \"web\nX = 1\n") << QStringLiteral("At 2:12: literal not terminated") << 2 << 12;
        QTest::newRow("comment not terminated") << QByteArray("a = 1\n/* open") << QStringLiteral("At 2:8: comment not terminated") << 2 << 8;
        QTest::newRow("single slash") << QByteArray("a = 1 / 2") << QStringLiteral("At 1:7: expected '/' for comment") << 1 << 7;
        QTest::newRow("illegal escape") << QByteArray("a = \"x\\qy\"") << QStringLiteral("At 1:8: illegal char escape") << 1 << 8;
        QTest::newRow("short hex escape") << QByteArray("a = \"\\x4\"") << QStringLiteral("At 1:9: illegal char escape") << 1 << 9;
        QTest::newRow("short u escape") << QByteArray("a = \"\\u12\"") << QStringLiteral("At 1:10: illegal char escape") << 1 << 10;
        QTest::newRow("surrogate escape") << QByteArray("a = \"\\uD800\"") << QStringLiteral("At 1:11: illegal char escape") << 1 << 11;
        QTest::newRow("key without value") << QByteArray("a\n") << QStringLiteral("At 2:1: key 'a' expected start of object ('{') or assignment ('=')") << 2 << 1;
        QTest::newRow("key before brace") << QByteArray("o {\n  a\n}\n") << QStringLiteral("At 3:1: key 'a' expected start of object ('{') or assignment ('=')") << 3 << 1;
        QTest::newRow("multi key assign") << QByteArray("a b = 1") << QStringLiteral("At 1:5: nested object expected: LBRACE got: ASSIGN") << 1 << 5;
        QTest::newRow("number key") << QByteArray("5 = 1") << QStringLiteral("At 1:1: expected: IDENT | STRING | ASSIGN | LBRACE got: NUMBER") << 1 << 1;
        QTest::newRow("stray brace") << QByteArray("}") << QStringLiteral("At 1:1: expected: IDENT | STRING | ASSIGN | LBRACE got: RBRACE") << 1 << 1;
        QTest::newRow("bare brace") << QByteArray("{}") << QStringLiteral("At 1:1: expected: IDENT | STRING got: LBRACE") << 1 << 1;
        QTest::newRow("no keys") << QByteArray("= 1") << QStringLiteral("At 1:1: no object keys found!") << 1 << 1;
        QTest::newRow("unclosed object") << QByteArray("o {\n a = 1\n") << QStringLiteral("At 3:1: object expected closing RBRACE got: EOF") << 3 << 1;
        QTest::newRow("list missing comma") << QByteArray("l = [1 2]") << QStringLiteral("At 1:8: error parsing list, expected comma or list end, got: NUMBER") << 1 << 8;
        QTest::newRow("list bad token") << QByteArray("l = [1, =]") << QStringLiteral("At 1:9: unexpected token while parsing list: ASSIGN") << 1 << 9;
        QTest::newRow("list unclosed") << QByteArray("l = [1,\n") << QStringLiteral("At 2:1: unexpected token while parsing list: EOF") << 2 << 1;
        QTest::newRow("object in list") << QByteArray("l = [{ a = b }]")
                                        << QStringLiteral("At 1:6: error while trying to parse object within list: At 1:12: Unknown token: 1:12 IDENT b") << 1 << 6;
        QTest::newRow("illegal char") << QByteArray("a = 1\n@") << QStringLiteral("At 2:1: illegal char") << 2 << 1;
        QTest::newRow("minus alone") << QByteArray("a = -") << QStringLiteral("At 1:5: Unknown token: 1:5 SUB -") << 1 << 5;
        QTest::newRow("heredoc not terminated") << QByteArray("a = <<EOF\nx\n") << QStringLiteral("At 3:1: heredoc not terminated") << 3 << 1;
        QTest::newRow("heredoc anchor chars") << QByteArray("a = <<EOF x\nEOF\n") << QStringLiteral("At 1:10: invalid characters in heredoc anchor") << 1 << 10;
        QTest::newRow("heredoc zero anchor") << QByteArray("a = <<\nx\n") << QStringLiteral("At 1:7: zero-length heredoc anchor") << 1 << 7;
        QTest::newRow("illegal octal") << QByteArray("a = 09\n") << QStringLiteral("At 1:7: illegal octal number") << 1 << 7;
        QTest::newRow("illegal hex") << QByteArray("a = 0x\n") << QStringLiteral("At 1:7: illegal hexadecimal number") << 1 << 7;
        QTest::newRow("int overflow") << QByteArray("a = 9223372036854775808\n")
                                      << QStringLiteral("strconv.ParseInt: parsing \"9223372036854775808\": value out of range") << 1 << 5;
        QTest::newRow("rune columns in message") << QByteArray("\"\xc3\xa9\" = x") << QStringLiteral("At 1:7: Unknown token: 1:7 IDENT x") << 1 << 8;
        QTest::newRow("nul") << QByteArray("a = 1\n\0", 7) << QStringLiteral("At 2:1: unexpected null character (0x00)") << 2 << 1;
        QTest::newRow("invalid utf8") << QByteArray("a = \"\xff\"") << QStringLiteral("At 1:6: illegal UTF-8 encoding") << 1 << 6;
        // After more plain ASCII than one sixteen-byte block, and in the middle of the next one.
        QTest::newRow("nul after plain text") << QByteArray("name = \"abcdefghijklmnop\"\nx = 1\0", 32) << QStringLiteral("At 2:6: unexpected null character (0x00)")
                                              << 2 << 6;
        QTest::newRow("invalid utf8 after plain text") << QByteArray("name = \"abcdefghijklmnop\"\nx = \"\xc3\"") << QStringLiteral("At 2:6: illegal UTF-8 encoding")
                                                       << 2 << 6;
        QTest::newRow("valid utf8 then nul") << QByteArray("name = \"abcdefghijklmn\xc3\xa9\"\nx = 1\0", 32)
                                             << QStringLiteral("At 2:6: unexpected null character (0x00)") << 2 << 6;
    }

    void errors()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        QFETCH(int, line);
        QFETCH(int, column);
        const auto r = parseHcl(text, QStringLiteral("bad.hcl"));
        QVERIFY(!r);
        QCOMPARE(r.diagnostics.size(), 1);
        const Diagnostic &d = r.diagnostics.first();
        QCOMPARE(d.severity, Severity::Error);
        QCOMPARE(d.message, message);
        QCOMPARE(d.where.file, QStringLiteral("bad.hcl"));
        QCOMPARE(d.where.begin.line, line);
        QCOMPARE(d.where.begin.column, column);
        QVERIFY(d.code.startsWith(QLatin1String("CS1")));
    }

    // Errors of the decoder's conversion (ParseInt/ParseFloat, "map must have string keys") come in the
    // order the decoder meets them (multi-key blocks are gathered at their first item), and only when the
    // whole text parsed.
    void convertErrors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::addColumn<SourcePos>("begin");
        QTest::addColumn<SourcePos>("end");

        QTest::newRow("int out of range") << QByteArray("a = 1\nb = -9223372036854775809\n")
                                          << QStringLiteral("strconv.ParseInt: parsing \"-9223372036854775809\": value out of range") << SourcePos{2, 5, 10}
                                          << SourcePos{2, 6, 11};
        QTest::newRow("float out of range") << QByteArray("a = [1.5, 1e400]")
                                            << QStringLiteral("strconv.ParseFloat: parsing \"1e400\": value out of range") << SourcePos{1, 11, 10}
                                            << SourcePos{1, 12, 11};
        QTest::newRow("first error in text order") << QByteArray("a = 99999999999999999999\nb = 99999999999999999998")
                                                   << QStringLiteral("strconv.ParseInt: parsing \"99999999999999999999\": value out of range")
                                                   << SourcePos{1, 5, 4} << SourcePos{1, 6, 5};
        QTest::newRow("gathered block converts first") << QByteArray("a \"x\" { v = 1 }\nb = 99999999999999999999\nA \"y\" { v = 99999999999999999998 }")
                                                       << QStringLiteral("strconv.ParseInt: parsing \"99999999999999999998\": value out of range")
                                                       << SourcePos{3, 13, 53} << SourcePos{3, 14, 54};
        QTest::newRow("map must have string keys") << QByteArray("k \"a\" { }\nk = 1\n") << QStringLiteral("At 2:1: root.k: map must have string keys")
                                                   << SourcePos{2, 1, 10} << SourcePos{2, 2, 11};
        QTest::newRow("map must have string keys before the block")
            << QByteArray("K = 1\nk \"a\" { }\n") << QStringLiteral("At 1:1: root.k: map must have string keys") << SourcePos{1, 1, 0} << SourcePos{1, 2, 1};
        QTest::newRow("earlier literal error wins over map error")
            << QByteArray("x = 99999999999999999999\nk \"a\" { }\nk = 1\n") << QStringLiteral("strconv.ParseInt: parsing \"99999999999999999999\": value out of range")
            << SourcePos{1, 5, 4} << SourcePos{1, 6, 5};
        QTest::newRow("map error at gathering wins over later literal")
            << QByteArray("k = 1\nk \"a\" { }\nx = 99999999999999999999\n") << QStringLiteral("At 1:1: root.k: map must have string keys")
            << SourcePos{1, 1, 0} << SourcePos{1, 2, 1};
        QTest::newRow("nested map error names root") << QByteArray("o {\n  s \"a\" {}\n  s = 2\n}\n") << QStringLiteral("At 3:3: root.s: map must have string keys")
                                                     << SourcePos{3, 3, 17} << SourcePos{3, 4, 18};
        QTest::newRow("inside list") << QByteArray("l = [{ a = [0x8000000000000000] }]")
                                     << QStringLiteral("strconv.ParseInt: parsing \"0x8000000000000000\": value out of range") << SourcePos{1, 13, 12}
                                     << SourcePos{1, 14, 13};
    }

    void convertErrors()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        QFETCH(SourcePos, begin);
        QFETCH(SourcePos, end);
        const auto r = parseHcl(text, QStringLiteral("c.hcl"));
        QVERIFY(!r);
        QCOMPARE(r.diagnostics.size(), 1);
        const Diagnostic &d = r.diagnostics.first();
        QCOMPARE(d.message, message);
        QCOMPARE(d.code, QString(codes::HclNumber));
        QCOMPARE(d.where.file, QStringLiteral("c.hcl"));
        QCOMPARE(d.where.begin, begin);
        QCOMPARE(d.where.end, end);
    }

    void syntaxErrorWinsOverConvertError()
    {
        // The decoder only runs on a tree that parsed: a later syntax error is reported, not the number.
        const auto r = parseHcl("a = 99999999999999999999\nk \"a\" {}\nk = 1\nb = c\n", QStringLiteral("p.hcl"));
        QVERIFY(!r);
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics.first().message, QStringLiteral("At 4:5: Unknown token: 4:5 IDENT c"));
        QCOMPARE(r.diagnostics.first().code, QString(codes::HclSyntax));
    }

    void droppedItemHasNoConvertError()
    {
        // The failed item (dropped before '}') is never converted, so its bad number is not reported.
        const auto r = parseHcl("x { a = [99999999999999999999 } }\n", QStringLiteral("d.hcl"));
        QVERIFY2(r, qPrintable(r.diagnostics.value(0).message));
        QCOMPARE(dump(*r), QStringLiteral("{\"x\":[{}]}"));
    }

    void scannerErrorWinsOverParserError()
    {
        // parser.go Parse(): a scanner error is returned even when the parser also failed afterwards.
        const auto r = parseHcl("a = \"x\\q\"\nb = c\n", QStringLiteral("w.hcl"));
        QVERIFY(!r);
        QCOMPARE(r.diagnostics.first().message, QStringLiteral("At 1:8: illegal char escape"));
        QCOMPARE(r.diagnostics.first().code, QString(codes::HclLexical));
    }

    void spans()
    {
        const QByteArray text = "Kind = \"service-resolver\"\nSubsets {\n  v1 = { Filter = \"x\" }\n}\nPorts = [1, 2]\n";
        const auto r = parseHcl(text, QStringLiteral("s.hcl"));
        QVERIFY(r);
        QCOMPARE(r->span().begin, (SourcePos{1, 1, 0}));
        const auto &kind = r->members()[0];
        QCOMPARE(kind.keySpan.begin, (SourcePos{1, 1, 0}));
        QCOMPARE(kind.keySpan.end, (SourcePos{1, 5, 4}));
        QCOMPARE(kind.value.span().begin, (SourcePos{1, 8, 7}));
        QCOMPARE(kind.value.span().end, (SourcePos{1, 26, 25}));
        QCOMPARE(kind.value.span().file, QStringLiteral("s.hcl"));
        const auto &subsets = r->members()[1];
        QCOMPARE(subsets.keySpan.begin.line, 2);
        QVERIFY(subsets.value.isList());
        QCOMPARE(subsets.value.span().begin, (SourcePos{2, 9, 34}));
        QCOMPARE(subsets.value.span().end.line, 4);
        QCOMPARE(subsets.value.span().end.column, 2);
        const Value &v1 = subsets.value.items()[0].members()[0].value;
        QCOMPARE(v1.span().begin, (SourcePos{3, 8, 43}));
        const Value &filter = v1.items()[0].members()[0].value;
        QCOMPARE(filter.span().begin.line, 3);
        QCOMPARE(filter.span().begin.column, 19);
        const auto &ports = r->members()[2];
        QCOMPARE(ports.value.items()[1].span().begin.column, 13);
    }

    void spansAcrossLines()
    {
        // Tokens that span lines (heredocs, interpolations with line breaks), block comments, CRLF and
        // non-ASCII text before a token: every span still names the right line and byte column.
        const QByteArray text = "a = <<EOF\r\nx\r\nEOF\r\n/* c\n c */ \xc3\xa9 = \"${f(\n)}\" # t\nb = [\n  1,\n]\n";
        const auto r = parseHcl(text, QStringLiteral("m.hcl"));
        QVERIFY2(r, qPrintable(r.diagnostics.value(0).message));
        QCOMPARE(r->span().end, (SourcePos{10, 1, 62}));
        const auto &a = r->members()[0];
        QCOMPARE(a.value.toString(), QStringLiteral("x\n"));
        QCOMPARE(a.value.span().begin, (SourcePos{1, 5, 4}));
        QCOMPARE(a.value.span().end, (SourcePos{4, 1, 19})); // the heredoc token ends after its last line break
        const auto &e = r->members()[1];
        QCOMPARE(e.key, QString::fromUtf8("\xc3\xa9"));
        QCOMPARE(e.keySpan.begin, (SourcePos{5, 7, 30}));
        QCOMPARE(e.keySpan.end, (SourcePos{5, 9, 32}));
        QCOMPARE(e.value.toString(), QStringLiteral("${f(\n)}"));
        QCOMPARE(e.value.span().begin, (SourcePos{5, 12, 35}));
        QCOMPARE(e.value.span().end, (SourcePos{6, 4, 44}));
        const auto &b = r->members()[2];
        QCOMPARE(b.keySpan.begin, (SourcePos{7, 1, 49}));
        QCOMPARE(b.value.span().begin, (SourcePos{7, 5, 53}));
        QCOMPARE(b.value.span().end, (SourcePos{9, 2, 61}));
        QCOMPARE(b.value.items()[0].span().begin, (SourcePos{8, 3, 57}));
    }

    void blockSpans()
    {
        // Blocks: the list wrapping a block spans the braces; repeated blocks extend it; multi-key blocks
        // gather under their first key with spans from the first key to the last closing brace.
        const QByteArray text = "s {\n  x = 1\n}\ns {\n  y = 2\n}\nk \"a\" {\n}\nk \"b\" \"c\" { z = 3 }\n";
        const auto r = parseHcl(text, QStringLiteral("b.hcl"));
        QVERIFY2(r, qPrintable(r.diagnostics.value(0).message));
        QCOMPARE(r->members().size(), 2);
        const auto &s = r->members()[0];
        QCOMPARE(s.value.items().size(), 2);
        QCOMPARE(s.value.span().begin, (SourcePos{1, 3, 2}));
        QCOMPARE(s.value.span().end, (SourcePos{6, 2, 27}));
        QCOMPARE(s.value.items()[1].span().begin, (SourcePos{4, 3, 16}));
        const auto &k = r->members()[1];
        QCOMPARE(k.keySpan.begin, (SourcePos{7, 1, 28}));
        QCOMPARE(k.value.span().begin, (SourcePos{7, 1, 28}));
        QCOMPARE(k.value.span().end, (SourcePos{9, 20, 57}));
        QCOMPARE(k.value.items().size(), 2);
        QCOMPARE(k.value.items()[1].span().begin, (SourcePos{9, 3, 40}));
        const auto &b = k.value.items()[1].members()[0];
        QCOMPARE(b.key, QStringLiteral("b"));
        QCOMPARE(b.keySpan.begin, (SourcePos{9, 3, 40}));
        QCOMPARE(b.value.items()[0].members()[0].keySpan.begin, (SourcePos{9, 7, 44}));
    }

    void generatedEntrySpans()
    {
        // The shape emitHcl writes (two-space indentation, objects inside lists inside objects): spans of
        // keys and values at every level, the list wrapping of `k = { }`, and plain maps as list elements.
        const QByteArray text = "Kind = \"service-router\"\n"
                                "Routes = [\n"
                                "  {\n"
                                "    Match = {\n"
                                "      HTTP = {\n"
                                "        Header = [\n"
                                "          {\n"
                                "            Name = \"x-canary\"\n"
                                "          },\n"
                                "        ]\n"
                                "        Methods = [\"GET\", \"POST\"]\n"
                                "      }\n"
                                "    }\n"
                                "    NumRetries = 3\n"
                                "  },\n"
                                "]\n";
        const auto r = parseHcl(text, QStringLiteral("g.hcl"));
        QVERIFY2(r, qPrintable(r.diagnostics.value(0).message));
        QCOMPARE(r->span().end, (SourcePos{17, 1, 226}));
        const auto &routes = r->members()[1];
        QCOMPARE(routes.keySpan.begin, (SourcePos{2, 1, 24}));
        QCOMPARE(routes.keySpan.end, (SourcePos{2, 7, 30}));
        QCOMPARE(routes.value.span().begin, (SourcePos{2, 10, 33}));
        QCOMPARE(routes.value.span().end, (SourcePos{16, 2, 225}));
        QCOMPARE(routes.value.items().size(), 1);
        const Value &route = routes.value.items()[0];
        QVERIFY(route.isMap());
        QCOMPARE(route.span().begin, (SourcePos{3, 3, 37}));
        QCOMPARE(route.span().end, (SourcePos{15, 4, 222}));
        const auto &match = route.members()[0];
        QCOMPARE(match.keySpan.begin, (SourcePos{4, 5, 43}));
        QCOMPARE(match.keySpan.end, (SourcePos{4, 10, 48}));
        QVERIFY(match.value.isList());
        QCOMPARE(match.value.items().size(), 1);
        QCOMPARE(match.value.span().begin, (SourcePos{4, 13, 51}));
        QCOMPARE(match.value.span().end, (SourcePos{13, 6, 199}));
        QCOMPARE(match.value.items()[0].span(), match.value.span());
        const auto &http = match.value.items()[0].members()[0];
        QCOMPARE(http.keySpan.begin, (SourcePos{5, 7, 59}));
        const auto &header = http.value.items()[0].members()[0];
        QCOMPARE(header.key, QStringLiteral("Header"));
        QCOMPARE(header.value.span().begin, (SourcePos{6, 18, 85}));
        QCOMPARE(header.value.span().end, (SourcePos{10, 10, 151}));
        const Value &element = header.value.items()[0];
        QVERIFY(element.isMap());
        QCOMPARE(element.span().begin, (SourcePos{7, 11, 97}));
        QCOMPARE(element.span().end, (SourcePos{9, 12, 140}));
        const auto &name = element.members()[0];
        QCOMPARE(name.keySpan.begin, (SourcePos{8, 13, 111}));
        QCOMPARE(name.keySpan.end, (SourcePos{8, 17, 115}));
        QCOMPARE(name.value.span().begin, (SourcePos{8, 20, 118}));
        QCOMPARE(name.value.span().end, (SourcePos{8, 30, 128}));
        const auto &methods = http.value.items()[0].members()[1];
        QCOMPARE(methods.value.items()[1].span().begin, (SourcePos{11, 27, 178}));
        QCOMPARE(methods.value.items()[1].span().end, (SourcePos{11, 33, 184}));
        const auto &retries = route.members()[1];
        QCOMPARE(retries.keySpan.begin, (SourcePos{14, 5, 204}));
        QCOMPARE(retries.value.span().begin, (SourcePos{14, 18, 217}));
        QCOMPARE(retries.value.span().end, (SourcePos{14, 19, 218}));
    }

    void depthLimit_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("objects") << QByteArray(QByteArray("a = ") + QByteArray(10000, '{').replace("{", "{ a = ") + "1" + QByteArray(10000, '}'));
        QTest::newRow("blocks") << QByteArray(10000 * 4, ' ').replace("    ", "b { ") + QByteArray(10000, '}');
        QTest::newRow("lists") << QByteArray("a = ") + QByteArray(10000, '[') + QByteArray(10000, ']');
        QTest::newRow("objects in lists") << QByteArray("a = ") + QByteArray(10000 * 4, ' ').replace("    ", "[{a=") + "1" + QByteArray(10000 * 2, ' ').replace("  ", "}]");
    }

    void depthLimit()
    {
        QFETCH(QByteArray, text);
        const auto r = parseHcl(text, QStringLiteral("deep.hcl"));
        QVERIFY(!r);
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics.first().code, QString(codes::LimitDepth));
    }

    void nodeLimit()
    {
        ReadLimits limits;
        limits.maxNodes = 100;
        QByteArray text = "l = [";
        for (int i = 0; i < 200; ++i)
            text += "1,";
        text += "]";
        const auto r = parseHcl(text, QStringLiteral("n.hcl"), limits);
        QVERIFY(!r);
        QCOMPARE(r.diagnostics.first().code, QString(codes::LimitNodes));
    }
};

QTEST_GUILESS_MAIN(TestHclParser)
#include "tst_hclparser.moc"
