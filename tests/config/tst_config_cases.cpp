// config.md §5 acceptance cases: every input under data/config-cases/ must be refused with a located
// diagnostic carrying Consul's message (the substring in its .expect sidecar). The folder is read at run
// time, so a new case joins by adding two files.
#include "chain/compiler.h"
#include "config/configset.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace chainscope;
using namespace chainscope::config;

class TestConfigCases : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cases_data();
    void cases();
};

void TestConfigCases::cases_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("graphStage");

    const QDir dir(QStringLiteral(TEST_DATA_DIR "/config-cases"));
    const QStringList inputs = dir.entryList({QStringLiteral("*.hcl"), QStringLiteral("*.json"), QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
    QVERIFY2(inputs.size() >= 60, "the config-cases corpus is missing");
    for (const QString &name : inputs) {
        const QString input = dir.filePath(name);
        QFile expectFile(dir.filePath(QFileInfo(name).completeBaseName() + QStringLiteral(".expect")));
        QVERIFY2(expectFile.open(QIODevice::ReadOnly), qPrintable(QStringLiteral("no .expect for ") + name));
        QString expected;
        bool graphStage = false;
        const QStringList lines = QString::fromUtf8(expectFile.readAll()).split(u'\n');
        for (const QString &line : lines) {
            if (line.startsWith(u'#')) {
                graphStage = graphStage || line.simplified() == QLatin1String("# stage: graph");
                continue;
            }
            if (!line.isEmpty()) {
                QVERIFY2(expected.isEmpty(), qPrintable(QStringLiteral("more than one expectation in ") + expectFile.fileName()));
                expected = line;
            }
        }
        QVERIFY2(!expected.isEmpty(), qPrintable(QStringLiteral("empty expectation in ") + expectFile.fileName()));
        QTest::newRow(qPrintable(name)) << input << expected << graphStage;
    }
}

void TestConfigCases::cases()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QFETCH(bool, graphStage);

    LoadOptions options;
    options.edition = Edition::CE;
    const ConfigSet set = loadConfig({input}, options);
    Diagnostics diagnostics = set.diagnostics;
    if (graphStage) {
        // These inputs load cleanly: Consul refuses them only when it compiles the discovery chain
        // (config.md §4), which `chainscope validate` does through chain::checkGraph.
        QVERIFY2(!hasErrors(set.diagnostics), qPrintable(set.diagnostics.isEmpty() ? QString() : set.diagnostics.front().format()));
        chain::CheckOptions check;
        check.edition = Edition::CE;
        diagnostics += chain::checkGraph(set.entries, check);
    }

    QStringList seen;
    const Diagnostic *match = nullptr;
    for (const Diagnostic &d : std::as_const(diagnostics)) {
        seen.append(d.format() + QStringLiteral(" [") + d.code + u']');
        if (!match && d.format().contains(expected))
            match = &d;
    }
    QVERIFY2(match, qPrintable(QStringLiteral("expected: ") + expected + QStringLiteral("\ngot:\n") + seen.join(u'\n')));
    QCOMPARE(match->severity, Severity::Error);
    QCOMPARE(match->where.file, input);
    QVERIFY2(match->where.begin.line >= 1 && match->where.begin.column >= 1, qPrintable(match->format()));
    QVERIFY2(match->code.startsWith(QLatin1String("CS")) && match->code.size() == 6, qPrintable(match->code));
}

QTEST_GUILESS_MAIN(TestConfigCases)
#include "tst_config_cases.moc"
