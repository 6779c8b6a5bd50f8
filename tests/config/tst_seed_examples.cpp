// Every documentation example in the shared seed folder loads, and its HCL/JSON/YAML forms agree.
#include "config/configset.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QTest>

using namespace chainscope;
using namespace chainscope::config;
using namespace Qt::StringLiterals;

namespace {

QString seedDir()
{
    return QStringLiteral(CHAINSCOPE_SHARED_DIR "/seed-examples");
}

/** All example files (sorted), relative to the seed folder. */
QStringList exampleFiles(bool bad)
{
    QStringList out;
    QDirIterator it(seedDir(), {u"*.hcl"_s, u"*.json"_s, u"*.yaml"_s, u"*.yml"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString rel = QDir(seedDir()).relativeFilePath(it.next());
        if (rel.startsWith(u"bad/") == bad)
            out << rel;
    }
    out.sort();
    return out;
}

QString describe(const Diagnostics &diags)
{
    QStringList out;
    for (const Diagnostic &d : diags)
        out << d.format();
    return out.join(u'\n');
}

} // namespace

class TestSeedExamples : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsWithoutErrors_data();
    void loadsWithoutErrors();
    void formatsAgree_data();
    void formatsAgree();
    void badExamplesAreRefused_data();
    void badExamplesAreRefused();
    void namespacesAreRefusedUnderCE();
};

void TestSeedExamples::loadsWithoutErrors_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = exampleFiles(false);
    QVERIFY(files.size() >= 20);
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << f;
}

void TestSeedExamples::loadsWithoutErrors()
{
    QFETCH(QString, file);
    const ConfigSet set = loadConfig({seedDir() + u'/' + file}, LoadOptions{Edition::Enterprise, {}});
    QVERIFY2(!hasErrors(set.diagnostics), qPrintable(describe(set.diagnostics)));
    QVERIFY(!set.entries.isEmpty());
}

void TestSeedExamples::formatsAgree_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    // Files with the same base name in one folder are the same example in different formats.
    QMap<QString, QStringList> groups;
    for (const QString &f : exampleFiles(false)) {
        const QFileInfo fi(f);
        groups[fi.path() + u'/' + fi.completeBaseName()] << f;
    }
    int pairs = 0;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        for (qsizetype i = 1; i < it->size(); ++i) {
            QTest::newRow(qPrintable(it->front() + u" = "_s + it->at(i))) << it->front() << it->at(i);
            ++pairs;
        }
    }
    // The 1.6-era snake_case samples say the same as today's reference.
    for (const QString &f : exampleFiles(false)) {
        if (!f.startsWith(u"resolver-legacy/"))
            continue;
        const QString reference = u"resolver-reference/"_s + QFileInfo(f).fileName();
        if (QFileInfo::exists(seedDir() + u'/' + reference)) {
            QTest::newRow(qPrintable(f + u" = "_s + reference)) << f << reference;
            ++pairs;
        }
    }
    QVERIFY(pairs >= 10);
}

void TestSeedExamples::formatsAgree()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    const ConfigSet sa = loadConfig({seedDir() + u'/' + a});
    const ConfigSet sb = loadConfig({seedDir() + u'/' + b});
    QVERIFY2(!hasErrors(sa.diagnostics), qPrintable(describe(sa.diagnostics)));
    QVERIFY2(!hasErrors(sb.diagnostics), qPrintable(describe(sb.diagnostics)));
    QCOMPARE(sa.entries.size(), sb.entries.size());
    for (qsizetype i = 0; i < sa.entries.size(); ++i) {
        QVERIFY2(sa.entries[i].sameContent(sb.entries[i]),
                 qPrintable(u"differ: "_s + sa.entries[i].displayName() + u" vs "_s + sb.entries[i].displayName()));
    }
}

void TestSeedExamples::badExamplesAreRefused_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &f : exampleFiles(true))
        QTest::newRow(qPrintable(f)) << f;
}

void TestSeedExamples::badExamplesAreRefused()
{
    QFETCH(QString, file);
    const ConfigSet set = loadConfig({seedDir() + u'/' + file});
    QVERIFY2(hasErrors(set.diagnostics), qPrintable(file));
    for (const Diagnostic &d : set.diagnostics) {
        if (d.severity != Severity::Error)
            continue;
        QVERIFY2(d.where.file.endsWith(file), qPrintable(d.format()));
        QVERIFY2(d.where.begin.line >= 1, qPrintable(d.format()));
        QVERIFY2(!d.field.isEmpty(), qPrintable(d.format()));
    }
}

void TestSeedExamples::namespacesAreRefusedUnderCE()
{
    const ConfigSet set = loadConfig({seedDir() + u"/resolver-reference/product-api-failover-dc-namespace.hcl"_s},
                                     LoadOptions{Edition::CE, {}});
    QVERIFY(set.entries.isEmpty());
    QCOMPARE(set.diagnostics.size(), 1);
    QCOMPARE(set.diagnostics[0].message, u"invalid config key \"Namespace\", namespaces are a consul enterprise feature"_s);
    QCOMPARE(set.diagnostics[0].where.begin.line, 3);
    QCOMPARE(set.diagnostics[0].where.begin.column, 1);
}

QTEST_GUILESS_MAIN(TestSeedExamples)
#include "tst_seed_examples.moc"
