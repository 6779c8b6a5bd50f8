// `chainscope entries`: formats, editions, exit codes, located problems on stderr, usage errors.
#include "command.h"

#include "config/reader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace chainscope::app;
using namespace Qt::StringLiterals;

namespace {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

Run run(const QStringList &args)
{
    Run r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    const Command *cmd = findCommand(u"entries"_s);
    if (!cmd)
        return r;
    r.code = cmd->run(args, out, err);
    out.flush();
    err.flush();
    return r;
}

bool write(const QString &path, const QByteArray &text)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(text) == text.size();
}

QString seed(const char *rel)
{
    return QStringLiteral(CHAINSCOPE_SHARED_DIR "/seed-examples/") + QLatin1String(rel);
}

} // namespace

class TestCliEntries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isRegistered();
    void printsJsonByDefault();
    void formats_data();
    void formats();
    void printsWhatLoadedAndReportsTheRest();
    void editionDecidesNamespaces();
    void usageErrors_data();
    void usageErrors();
};

void TestCliEntries::isRegistered()
{
    QVERIFY(findCommand(u"entries"_s));
}

void TestCliEntries::printsJsonByDefault()
{
    const Run r = run({seed("combined/web-subsets-failover.yaml")});
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(r.err, QString());
    QVERIFY(r.out.startsWith(u"[\n  {\n    \"Kind\": \"service-resolver\",\n    \"Name\": \"web\",\n"));
    QVERIFY(r.out.contains(u"\"ConnectTimeout\": \"15s\""));
}

void TestCliEntries::formats_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("documentFormat");
    QTest::addColumn<QString>("needle");
    QTest::newRow("json") << u"json"_s << int(chainscope::config::DocumentFormat::Json) << u"\"DefaultSubset\": \"v1\""_s;
    QTest::newRow("hcl") << u"hcl"_s << int(chainscope::config::DocumentFormat::Hcl) << u"DefaultSubset = \"v1\""_s;
    QTest::newRow("yaml") << u"yaml"_s << int(chainscope::config::DocumentFormat::Yaml) << u"  defaultSubset: \"v1\""_s;
}

void TestCliEntries::formats()
{
    QFETCH(QString, format);
    QFETCH(int, documentFormat);
    QFETCH(QString, needle);
    const Run r = run({u"--format"_s, format, seed("combined/web-subsets-failover.hcl")});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY2(r.out.contains(needle), qPrintable(r.out));
    // What it prints reads back without problems.
    const auto read = chainscope::config::readText(r.out.toUtf8(), u"out"_s, chainscope::config::DocumentFormat(documentFormat));
    QVERIFY(read.diagnostics.isEmpty());
    QCOMPARE(read.documents.size(), 1);
}

void TestCliEntries::printsWhatLoadedAndReportsTheRest()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(write(dir.filePath(u"a.hcl"_s), "Kind = \"service-resolver\"\nName = \"a\"\n"));
    QVERIFY(write(dir.filePath(u"b.hcl"_s), "Kind = \"service-resolver\"\nName = \"b\"\nConectTimeout = \"5s\"\n"));
    const Run r = run({dir.path()});
    QCOMPARE(r.code, int(ExitProblems));
    QVERIFY(r.out.contains(u"\"Name\": \"a\""));
    QVERIFY(!r.out.contains(u"\"Name\": \"b\""));
    QCOMPARE(r.err, dir.filePath(u"b.hcl"_s)
                        + u":3:1: error: ConectTimeout: invalid config key \"ConectTimeout\" (did you mean \"ConnectTimeout\"?)\n"_s);
}

void TestCliEntries::editionDecidesNamespaces()
{
    const QString file = seed("resolver-reference/product-api-failover-dc-namespace.json");
    const Run ent = run({u"--edition"_s, u"enterprise"_s, file});
    QCOMPARE(ent.code, int(ExitOk));
    QVERIFY(ent.out.contains(u"\"Namespace\": \"primary\""));
    const Run ce = run({u"--edition=ce"_s, file});
    QCOMPARE(ce.code, int(ExitProblems));
    QCOMPARE(ce.out, u"[]\n"_s);
    QVERIFY(ce.err.contains(u":4:3: error: Namespace: invalid config key \"Namespace\", namespaces are a consul enterprise feature"));
}

void TestCliEntries::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no path") << QStringList{} << u"entries: no PATH given\n"_s;
    QTest::newRow("bad format") << QStringList{u"--format"_s, u"toml"_s, u"x"_s} << u"entries: --format must be json, hcl or yaml\n"_s;
    QTest::newRow("bad edition") << QStringList{u"--edition"_s, u"oss"_s, u"x"_s} << u"entries: --edition must be enterprise or ce\n"_s;
    QTest::newRow("unknown option") << QStringList{u"--frobnicate"_s} << u"entries: Unknown option 'frobnicate'.\n"_s;
}

void TestCliEntries::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = run(args);
    QCOMPARE(r.code, int(ExitUsage));
    QCOMPARE(r.err, message);
    QCOMPARE(r.out, QString());
}

QTEST_GUILESS_MAIN(TestCliEntries)
#include "tst_cli_entries.moc"
