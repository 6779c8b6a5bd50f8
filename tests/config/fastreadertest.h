// What tst_hclfast and tst_yamlfast share: each holds a fast reader against the faithful one, over the
// project's files of its format, emitted entries and generated texts. The comparison itself (a
// compareReaders() per test) differs with the reader's result type; these are the rows and the checks
// around it.
#pragma once

#include "valuediff.h"

#include <QTest>

namespace chainscope::config::test {

/** What compareReaders() found: the fast reader declined the text, or gave the faithful result. */
enum class Outcome { Declined, Same };

/** Rows ("path") for every project file matching patterns: the shared seed examples and cases, the test
 *  data, the resources (demo mesh), the fuzz seeds, and libFuzzer's working corpus `corpus` (hash-named
 *  files) when a fuzz build has run beside this one. */
inline void addProjectFileRows(const QStringList &patterns, const QString &corpus)
{
    QTest::addColumn<QString>("path");
    QStringList files = filesUnder(QStringLiteral(CHAINSCOPE_SHARED_DIR), patterns) + filesUnder(QStringLiteral(TEST_DATA_DIR), patterns)
        + filesUnder(QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources"), patterns) + filesUnder(QStringLiteral(CHAINSCOPE_TESTS_DIR "/fuzz"), patterns);
    for (const QString &build : {QStringLiteral(CHAINSCOPE_BINARY_DIR), QStringLiteral(CHAINSCOPE_SOURCE_DIR "/build/fuzz")})
        files += filesUnder(build + QStringLiteral("/tests/fuzz/corpus/") + corpus, {QStringLiteral("*")});
    QVERIFY2(files.size() >= 10, "the shared seed examples, test data and demo mesh hold files of this format");
    for (const QString &f : std::as_const(files))
        QTest::newRow(qPrintable(f)) << f;
}

/** Rows ("seed", "inSubset") for generated texts: seeds 1..inSubset of texts the fast reader must accept,
 *  then 1..mixed of texts that may hold what it declines. */
inline void addGeneratedRows(quint32 inSubset, quint32 mixed)
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<bool>("inSubset");
    for (quint32 seed = 1; seed <= inSubset; ++seed)
        QTest::addRow("in-subset %u", seed) << seed << true;
    for (quint32 seed = 1; seed <= mixed; ++seed)
        QTest::addRow("mixed %u", seed) << seed << false;
}

/** Fails the test when compare (a compareReaders) finds a difference, or when the fast reader declines
 *  text, saying `declined` then. */
template<class Compare>
void requireAccepted(Compare compare, QByteArrayView text, const QString &name, const QString &declined)
{
    QString failure;
    const Outcome o = compare(text, name, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY2(o == Outcome::Same, qPrintable(declined));
}

/** Fails the test when compare finds a difference, or when the fast reader's decision (accept or decline) is
 *  not `accepted`. */
template<class Compare>
void requireDecision(Compare compare, QByteArrayView text, bool accepted)
{
    QString failure;
    const Outcome o = compare(text, QString::fromUtf8(text.toByteArray()), &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(o == Outcome::Same, accepted);
}

/** Fails the test at the first prefix of texts (each copied into a heap block of exactly its size, see
 *  forEachExactPrefix) that compare finds read differently: in the ASan build a reader that looks one byte
 *  past the end of its text fails here. */
template<class Compare>
void requireSameOnEveryPrefix(Compare compare, const QList<QByteArray> &texts)
{
    QString failure; // the first one
    for (const QByteArray &text : texts) {
        forEachExactPrefix(text, [&](QByteArrayView prefix) {
            if (failure.isEmpty())
                compare(prefix, QString::fromUtf8(prefix.toByteArray()), &failure);
        });
    }
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

} // namespace chainscope::config::test
