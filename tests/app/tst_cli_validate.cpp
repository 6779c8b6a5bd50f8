// `chainscope validate`: summaries on stdout, located problems on stderr, exit codes, JSON output, editions.
#include "command.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace chainscope::app;

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
    const Command *cmd = findCommand(QStringLiteral("validate"));
    if (!cmd)
        return r;
    r.code = cmd->run(args, out, err);
    out.flush();
    err.flush();
    return r;
}

void write(const QString &path, const QByteArray &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

const QByteArray kWeb = "Kind = \"service-resolver\"\nName = \"web\"\nConnectTimeout = \"5s\"\n";
const QByteArray kApi = "apiVersion: consul.hashicorp.com/v1alpha1\n"
                        "kind: ServiceRouter\n"
                        "metadata:\n"
                        "  name: api\n"
                        "spec:\n"
                        "  routes:\n"
                        "    - match:\n"
                        "        http:\n"
                        "          pathPrefix: v1\n"
                        "          pathExact: v2\n";
const QByteArray kNamespaced = "Kind = \"service-resolver\"\nName = \"db\"\nRedirect {\n  Service = \"db\"\n  Namespace = \"other\"\n}\n";

} // namespace

class TestCliValidate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void registered() { QVERIFY(findCommand(QStringLiteral("validate"))); }
    void okFile();
    void problemsAndSkips();
    void json();
    void editions();
    void graphErrors();
    void usage_data();
    void usage();
    void realBinary();

private:
    QTemporaryDir m_dir;
    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }
};

void TestCliValidate::init()
{
    QVERIFY(m_dir.isValid());
    write(path("web.hcl"), kWeb);
    write(path("api.yaml"), kApi);
    write(path("notes.txt"), "not config\n");
    write(path("db.hcl"), kNamespaced);
}

void TestCliValidate::okFile()
{
    const Run r = run({path("web.hcl")});
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(r.out, path("web.hcl") + QStringLiteral(": 1 entry, ok\n"));
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
}

void TestCliValidate::problemsAndSkips()
{
    const Run r = run({path("web.hcl"), path("api.yaml"), path("notes.txt")});
    QCOMPARE(r.code, int(ExitProblems));
    QVERIFY2(r.out.contains(path("web.hcl") + QStringLiteral(": 1 entry, ok\n")), qPrintable(r.out));
    QVERIFY2(r.out.contains(path("api.yaml") + QStringLiteral(": 1 entry, 3 errors\n")), qPrintable(r.out));
    QVERIFY2(r.out.contains(path("notes.txt") + QStringLiteral(": skipped (not a .hcl, .json, .yaml or .yml file)\n")), qPrintable(r.out));
    // Every webhook problem, each at its field.
    QVERIFY2(r.err.contains(path("api.yaml") + QStringLiteral(":9:23: error: spec.routes[0].match.http.pathPrefix: Invalid value: \"v1\": must begin with a '/'")),
             qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("error: spec.routes[0].match.http.pathExact: Invalid value: \"v2\": must begin with a '/'")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("error: spec.routes[0].match.http: Invalid value: ")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("at most only one of pathExact, pathPrefix, or pathRegex may be configured")), qPrintable(r.err));
    QCOMPARE(r.err.count(u'\n'), 3);
}

void TestCliValidate::graphErrors()
{
    // Loads cleanly, but Consul refuses it when it compiles web's chain: a router needs an HTTP protocol.
    write(path("router.hcl"), "Kind = \"service-router\"\nName = \"web\"\nRoutes = [{ Match { HTTP { PathPrefix = \"/v2\" } } }]\n");
    const Run r = run({path("router.hcl")});
    QCOMPARE(r.code, int(ExitProblems));
    QVERIFY2(r.out.contains(path("router.hcl") + QStringLiteral(": 1 entry, 1 error\n")), qPrintable(r.out));
    QVERIFY2(r.err.contains(path("router.hcl") + u':'), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("does not permit advanced routing or splitting behavior")), qPrintable(r.err));
}

void TestCliValidate::json()
{
    const Run r = run({QStringLiteral("--format"), QStringLiteral("json"), path("api.yaml"), path("web.hcl"), path("notes.txt")});
    QCOMPARE(r.code, int(ExitProblems));
    QVERIFY(r.err.isEmpty());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject root = doc.object();
    const QJsonArray files = root.value(QStringLiteral("files")).toArray();
    QCOMPARE(files.size(), 3);
    QJsonObject byName;
    for (const QJsonValue &v : files)
        byName.insert(v.toObject().value(QStringLiteral("file")).toString(), v);
    QCOMPARE(byName.value(path("web.hcl")).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(byName.value(path("api.yaml")).toObject().value(QStringLiteral("errors")).toInt(), 3);
    QCOMPARE(byName.value(path("api.yaml")).toObject().value(QStringLiteral("format")).toString(), QStringLiteral("yaml"));
    QCOMPARE(byName.value(path("notes.txt")).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("skipped"));

    const QJsonArray problems = root.value(QStringLiteral("problems")).toArray();
    QCOMPARE(problems.size(), 3);
    for (const QJsonValue &v : problems) {
        const QJsonObject p = v.toObject();
        QCOMPARE(p.value(QStringLiteral("code")).toString(), QStringLiteral("CS2202"));
        QCOMPARE(p.value(QStringLiteral("severity")).toString(), QStringLiteral("error"));
        QCOMPARE(p.value(QStringLiteral("file")).toString(), path("api.yaml"));
        QVERIFY(p.value(QStringLiteral("line")).toInt() >= 8);
        QVERIFY(p.value(QStringLiteral("column")).toInt() >= 1);
        QVERIFY(p.value(QStringLiteral("field")).toString().startsWith(QLatin1String("spec.routes[0].match.http")));
        QVERIFY(!p.value(QStringLiteral("message")).toString().isEmpty());
    }
    const QJsonObject summary = root.value(QStringLiteral("summary")).toObject();
    QCOMPARE(summary.value(QStringLiteral("files")).toInt(), 3);
    QCOMPARE(summary.value(QStringLiteral("skipped")).toInt(), 1);
    QCOMPARE(summary.value(QStringLiteral("entries")).toInt(), 2);
    QCOMPARE(summary.value(QStringLiteral("errors")).toInt(), 3);
}

void TestCliValidate::editions()
{
    const Run enterprise = run({path("db.hcl")});
    QCOMPARE(enterprise.code, int(ExitOk));
    const Run ce = run({QStringLiteral("--edition"), QStringLiteral("ce"), path("db.hcl")});
    QCOMPARE(ce.code, int(ExitProblems));
    QCOMPARE(ce.err, path("db.hcl") + QStringLiteral(":5:15: error: Redirect.Namespace: Redirect: Setting Namespace requires Consul Enterprise\n"));
    QCOMPARE(ce.out, path("db.hcl") + QStringLiteral(": 1 entry, 1 error\n"));
}

void TestCliValidate::usage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no paths") << QStringList{};
    QTest::newRow("bad format") << QStringList{QStringLiteral("--format"), QStringLiteral("xml"), QStringLiteral("x.hcl")};
    QTest::newRow("bad edition") << QStringList{QStringLiteral("--edition"), QStringLiteral("oss-plus"), QStringLiteral("x.hcl")};
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate"), QStringLiteral("x.hcl")};
}

void TestCliValidate::usage()
{
    QFETCH(QStringList, args);
    const Run r = run(args);
    QCOMPARE(r.code, int(ExitUsage));
    QVERIFY(r.err.startsWith(QLatin1String("validate: ")));
    QVERIFY(r.out.isEmpty());
}

void TestCliValidate::realBinary()
{
    QProcess p;
    p.start(QStringLiteral(CHAINSCOPE_EXE), {QStringLiteral("validate"), path("web.hcl"), path("api.yaml")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), int(ExitProblems));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(out.contains(QStringLiteral(": 1 entry, 3 errors")), qPrintable(out));
    QVERIFY2(!out.contains(QStringLiteral("error:")), qPrintable(out));
    QVERIFY2(err.contains(QStringLiteral("spec.routes[0].match.http.pathPrefix")), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestCliValidate)
#include "tst_cli_validate.moc"
