// The documentation samples Consul refuses (seed-examples/bad/, see its README): each must be refused with
// file, line, column and field; and every other seed example must load cleanly on its own.
#include "config/configset.h"

#include <QDir>
#include <QDirIterator>
#include <QTest>

using namespace chainscope;
using namespace chainscope::config;

namespace {

const QString seedDir = QStringLiteral(CHAINSCOPE_SHARED_DIR "/seed-examples");

QStringList inputsUnder(const QString &dir, bool bad)
{
    QStringList files;
    QDirIterator it(dir, {QStringLiteral("*.hcl"), QStringLiteral("*.json"), QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(QLatin1String("/bad/")) == bad)
            files.append(path);
    }
    files.sort();
    return files;
}

QString dump(const Diagnostics &diags)
{
    QStringList lines;
    for (const Diagnostic &d : diags)
        lines.append(d.format());
    return lines.join(u'\n');
}

} // namespace

class TestBadExamples : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refused_data();
    void refused();
    void undefinedSubset_data();
    void undefinedSubset();
    void goodExamplesLoad_data();
    void goodExamplesLoad();
};

void TestBadExamples::refused_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("ce");
    const QStringList files = inputsUnder(seedDir + QStringLiteral("/bad"), true);
    QVERIFY2(files.size() >= 5, qPrintable(QStringLiteral("no bad examples under ") + seedDir));
    for (const QString &file : files) {
        QTest::newRow(qPrintable(QFileInfo(file).fileName() + QStringLiteral(" enterprise"))) << file << false;
        QTest::newRow(qPrintable(QFileInfo(file).fileName() + QStringLiteral(" ce"))) << file << true;
    }
}

void TestBadExamples::refused()
{
    QFETCH(QString, file);
    QFETCH(bool, ce);
    LoadOptions options;
    options.edition = ce ? Edition::CE : Edition::Enterprise;
    const ConfigSet set = loadConfig({file}, options);
    QVERIFY2(hasErrors(set.diagnostics), "a bad example was accepted");
    for (const Diagnostic &d : set.diagnostics) {
        QCOMPARE(d.where.file, file);
        QVERIFY2(d.where.begin.line >= 1 && d.where.begin.column >= 1, qPrintable(d.format()));
        QVERIFY2(!d.field.isEmpty(), qPrintable(d.format()));
        QVERIFY2(!d.code.isEmpty(), qPrintable(d.format()));
    }
}

void TestBadExamples::undefinedSubset_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("line");
    const QString base = seedDir + QStringLiteral("/bad/web-failover-undefined-subset");
    QTest::newRow("hcl") << base + QStringLiteral(".hcl") << QStringLiteral("Failover[\"v2\"]") << 5;
    QTest::newRow("json") << base + QStringLiteral(".json") << QStringLiteral("Failover[\"v2\"]") << 6;
    QTest::newRow("yaml") << base + QStringLiteral(".yaml") << QStringLiteral("spec.failover[v2]") << 9;
}

void TestBadExamples::undefinedSubset()
{
    // The reference's "failover for subset v2" sample on its own: the webhook admits it, Consul refuses it.
    QFETCH(QString, file);
    QFETCH(QString, field);
    QFETCH(int, line);
    for (const Edition edition : {Edition::Enterprise, Edition::CE}) {
        LoadOptions options;
        options.edition = edition;
        const ConfigSet set = loadConfig({file}, options);
        QVERIFY2(set.diagnostics.size() == 1, qPrintable(dump(set.diagnostics)));
        const Diagnostic &d = set.diagnostics.front();
        QCOMPARE(d.message, QStringLiteral("Bad Failover[\"v2\"]: not a valid subset subset"));
        QCOMPARE(d.field, field);
        QCOMPARE(d.where.begin.line, line);
        QCOMPARE(d.code, QStringLiteral("CS2107"));
    }
}

void TestBadExamples::goodExamplesLoad_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = inputsUnder(seedDir, false);
    QVERIFY2(files.size() >= 20, qPrintable(QStringLiteral("no seed examples under ") + seedDir));
    for (const QString &file : files)
        QTest::newRow(qPrintable(QDir(seedDir).relativeFilePath(file))) << file;
}

void TestBadExamples::goodExamplesLoad()
{
    // Enterprise: the product-api samples set namespaces (refused by CE's decoder, by design).
    QFETCH(QString, file);
    const ConfigSet set = loadConfig({file}, {});
    QVERIFY2(set.diagnostics.isEmpty(), qPrintable(dump(set.diagnostics)));
    QVERIFY(!set.entries.isEmpty());
}

QTEST_GUILESS_MAIN(TestBadExamples)
#include "tst_bad_examples.moc"
