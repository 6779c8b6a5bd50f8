// Reading files and directories: formats, sniffing, walking, limits and hostile files; every documented
// sample in shared/seed-examples must read cleanly.

#include "../common/commalocale.h"
#include "valuediff.h"

#include "common/filenames.h"
#include "config/batchread_p.h"
#include "config/hclparser_p.h"
#include "config/reader.h"
#include "config/syntax_p.h"
#include "config/syntaxcodes.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

#include <algorithm>
#include <memory>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace chainscope;
using namespace chainscope::config;
using namespace Qt::StringLiterals;

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(content), content.size());
}

QStringList codesOf(const Diagnostics &diags)
{
    QStringList out;
    for (const Diagnostic &d : diags)
        out.append(d.code);
    return out;
}

/** The first difference between two reads (reports, problems, documents with every span); empty if none. */
QString readDifference(const ReadResult &a, const ReadResult &b)
{
    if (a.files.size() != b.files.size())
        return QStringLiteral("%1 vs %2 files").arg(a.files.size()).arg(b.files.size());
    for (qsizetype i = 0; i < a.files.size(); ++i) {
        const FileReport &x = a.files[i], &y = b.files[i];
        if (x.file != y.file || x.format != y.format || x.documents != y.documents || x.skippedReason != y.skippedReason || x.failed != y.failed)
            return QStringLiteral("report of %1").arg(x.file);
    }
    if (a.diagnostics != b.diagnostics)
        return QStringLiteral("problems: %1 vs %2").arg(a.diagnostics.value(0).format(), b.diagnostics.value(0).format());
    if (a.documents.size() != b.documents.size())
        return QStringLiteral("%1 vs %2 documents").arg(a.documents.size()).arg(b.documents.size());
    for (qsizetype i = 0; i < a.documents.size(); ++i) {
        const SourceDocument &x = a.documents[i], &y = b.documents[i];
        if (x.file != y.file || x.format != y.format || x.index != y.index)
            return QStringLiteral("document %1 of %2").arg(x.index).arg(x.file);
        if (const QString d = config::test::valueDifference(x.root, y.root, x.file); !d.isEmpty())
            return d;
    }
    return {};
}

} // namespace

class TestReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatForPath_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("format"); ///< -1: none
        QTest::newRow("hcl") << QStringLiteral("a/web.hcl") << int(DocumentFormat::Hcl);
        QTest::newRow("HCL upper") << QStringLiteral("WEB.HCL") << int(DocumentFormat::Hcl);
        QTest::newRow("json") << QStringLiteral("web.json") << int(DocumentFormat::Json);
        QTest::newRow("yaml") << QStringLiteral("web.yaml") << int(DocumentFormat::Yaml);
        QTest::newRow("yml mixed case") << QStringLiteral("web.Yml") << int(DocumentFormat::Yaml);
        QTest::newRow("txt") << QStringLiteral("notes.txt") << -1;
        QTest::newRow("no suffix") << QStringLiteral("Makefile") << -1;
        QTest::newRow("hcl in dir name only") << QStringLiteral("x.hcl/readme") << -1;
        QTest::newRow("longer suffix") << QStringLiteral("web.jsonl") << -1;
        QTest::newRow("shorter suffix") << QStringLiteral("web.jso") << -1;
        QTest::newRow("only the dot") << QStringLiteral("web.") << -1;
        QTest::newRow("non-ASCII look-alike") << QStringLiteral("web.j\u017Fon") << -1; // LATIN SMALL LETTER LONG S
    }

    void formatForPath()
    {
        QFETCH(QString, path);
        QFETCH(int, format);
        const auto f = config::formatForPath(path);
        QCOMPARE(f ? int(*f) : -1, format);
    }

    void seedExamplesReadCleanly()
    {
        const QString root = QStringLiteral(CHAINSCOPE_SHARED_DIR "/seed-examples");
        QDirIterator it(root, {QStringLiteral("*.hcl"), QStringLiteral("*.json"), QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files,
                        QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            const ReadResult r = readPaths({path});
            QVERIFY2(r.diagnostics.isEmpty(), qPrintable(path + QStringLiteral(": ") + r.diagnostics.value(0).format()));
            QCOMPARE(r.files.size(), 1);
            QVERIFY2(r.files.first().documents >= 1, qPrintable(path));
            QVERIFY2(!r.files.first().failed, qPrintable(path));
            for (const SourceDocument &d : r.documents) {
                QVERIFY2(d.root.isMap(), qPrintable(path));
                QCOMPARE(d.file, path);
            }
            ++files;
        }
        QVERIFY2(files >= 20, "the seed examples were not found");
    }

    void directoryWalk()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString d = tmp.path();
        writeFile(d + QStringLiteral("/b/web.hcl"), "Kind = \"service-resolver\"\nName = \"web\"\n");
        writeFile(d + QStringLiteral("/a.json"), "[{\"Kind\":\"service-defaults\",\"Name\":\"a\"},{\"Kind\":\"service-defaults\",\"Name\":\"b\"}]");
        writeFile(d + QStringLiteral("/c.YAML"), "kind: ServiceResolver\n---\nkind: ServiceRouter\n");
        writeFile(d + QStringLiteral("/notes.txt"), "hello");
        writeFile(d + QStringLiteral("/.hidden.hcl"), "this is not read");
        writeFile(d + QStringLiteral("/b/sniffed.hcl"), "  \n{\"Kind\": \"proxy-defaults\"}");

        const ReadResult r = readPaths({d});
        QVERIFY2(r.diagnostics.isEmpty(), qPrintable(r.diagnostics.value(0).format()));
        QStringList order;
        for (const FileReport &f : r.files)
            order.append(QDir(d).relativeFilePath(f.file));
        QCOMPARE(order, (QStringList{QStringLiteral("a.json"), QStringLiteral("b/sniffed.hcl"), QStringLiteral("b/web.hcl"), QStringLiteral("c.YAML"),
                                     QStringLiteral("notes.txt")}));
        QCOMPARE(r.files[0].documents, 2);
        QCOMPARE(r.files[1].format, std::optional(DocumentFormat::Json)); // Consul's sniffing
        QCOMPARE(r.files[3].documents, 2);
        QVERIFY(!r.files[4].format);
        QVERIFY(!r.files[4].skippedReason.isEmpty());
        QVERIFY(!r.files[4].failed);

        QCOMPARE(r.documents.size(), 6);
        QCOMPARE(r.documents[0].index, 0);
        QCOMPARE(r.documents[1].index, 1);
        QCOMPARE(r.documents[1].root.find(u"Name")->toString(), QStringLiteral("b"));
        QCOMPARE(r.documents[1].root.find(u"Name")->span().begin.column, 75);
        QCOMPARE(r.documents[2].format, DocumentFormat::Json);
        QCOMPARE(r.documents[3].format, DocumentFormat::Hcl);
        QCOMPARE(r.documents[5].index, 1);
    }

    void missingPath()
    {
        const ReadResult r = readPaths({QStringLiteral("/nonexistent/chainscope/x.hcl")});
        QCOMPARE(codesOf(r.diagnostics), QStringList{QString(codes::LoadPathNotFound)});
        QCOMPARE(r.diagnostics.first().where.file, QStringLiteral("/nonexistent/chainscope/x.hcl"));
        QCOMPARE(r.files.size(), 1);
        QVERIFY(r.files.first().failed);
    }

    void hugeFileIsRefusedUnread()
    {
        QTemporaryDir tmp;
        const QString path = tmp.path() + QStringLiteral("/huge.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(100LL * 1024 * 1024)); // sparse: cheap to create, 100 MB to read
        f.close();
        QElapsedTimer timer;
        timer.start();
        // Named on the command line (measured before reading) and found by a walk (measured once it fills
        // the first read): the same refusal, with the file's real size.
        for (const QString &arg : {path, tmp.path()}) {
            const ReadResult r = readPaths({arg});
            QCOMPARE(codesOf(r.diagnostics), QStringList{QString(codes::LoadTooLarge)});
            QCOMPARE(r.diagnostics.first().message, QStringLiteral("file is 104857600 bytes, more than the 16 MiB limit"));
            QCOMPARE(r.diagnostics.first().where.file, path);
            QVERIFY(r.files.first().failed);
            QVERIFY(r.documents.isEmpty());
        }
    }

    void walkedFilesOfEverySize()
    {
        // Files of a walk are read into one reused buffer: a big file after a small one and a small one
        // after a big one both come out whole.
        QTemporaryDir tmp;
        QByteArray big = "[";
        for (int i = 0; big.size() < 300 * 1024; ++i)
            big += (i ? ",\n" : "") + QByteArray("{\"Kind\":\"service-defaults\",\"Name\":\"s") + QByteArray::number(i) + "\",\"Protocol\":\"http\"}";
        big += "]";
        writeFile(tmp.path() + QStringLiteral("/a-small.json"), "{\"Kind\":\"service-defaults\",\"Name\":\"first\"}");
        writeFile(tmp.path() + QStringLiteral("/b-big.json"), big);
        writeFile(tmp.path() + QStringLiteral("/c-small.json"), "{\"Kind\":\"service-defaults\",\"Name\":\"last\"}");
        const ReadResult r = readPaths({tmp.path()});
        QVERIFY(r.diagnostics.isEmpty());
        QCOMPARE(r.documents.size(), 2 + big.count("\"Kind\""));
        QCOMPARE(r.documents.last().root.find(u"Name")->toString(), QStringLiteral("last"));
        QCOMPARE(r.documents.first().root.find(u"Name")->toString(), QStringLiteral("first"));

        ReadLimits limits;
        limits.maxFileBytes = 100 * 1024;
        const ReadResult limited = readPaths({tmp.path()}, limits);
        QCOMPARE(codesOf(limited.diagnostics), QStringList{QString(codes::LoadTooLarge)});
        QCOMPARE(limited.diagnostics.first().message, QStringLiteral("file is %1 bytes, more than the 102400 bytes limit").arg(big.size()));
        QCOMPARE(limited.documents.size(), 2);
    }

    void textOverLimit()
    {
        ReadLimits limits;
        limits.maxFileBytes = 10;
        const ReadResult r = readText("{\"Kind\": \"x\"}", QStringLiteral("t.json"), DocumentFormat::Json, limits);
        QCOMPARE(codesOf(r.diagnostics), QStringList{QString(codes::LoadTooLarge)});
        QCOMPARE(r.diagnostics.first().message, QStringLiteral("file is 13 bytes, more than the 10 bytes limit"));
    }

    void binaryFile()
    {
        QTemporaryDir tmp;
        const QString path = tmp.path() + QStringLiteral("/blob.yaml");
        QByteArray data("a: 1\nb: ");
        data.append('\0');
        data.append("\x01\x02\xff", 3);
        writeFile(path, data);
        const ReadResult r = readPaths({path});
        QCOMPARE(codesOf(r.diagnostics), QStringList{QString(codes::LoadBinaryFile)});
        QCOMPARE(r.diagnostics.first().message, QStringLiteral("binary file"));
        QCOMPARE(r.diagnostics.first().where.begin.line, 2);
        QCOMPARE(r.diagnostics.first().where.begin.column, 4);
    }

    void walkOrderIsPathOrder()
    {
        // Files come in the order of their whole paths (a directory's files sort as "name/..."), hidden
        // entries are not walked, and a directory given with a trailing '/' does not double it.
        QTemporaryDir tmp;
        const QString d = tmp.path();
        for (const char *f : {"b.json", "b/x.json", "b-c.json", "bc/y.hcl", "a/z/q.yaml", "a.yaml", ".hidden/h.json", ".h.json", "n.txt"})
            writeFile(d + u'/' + QLatin1String(f), "{}");
        const ReadResult r = readPaths({d + u'/'});
        QStringList files;
        for (const FileReport &f : r.files)
            files.append(f.file.mid(d.size() + 1));
        QStringList expected{QStringLiteral("a.yaml"), QStringLiteral("a/z/q.yaml"), QStringLiteral("b-c.json"), QStringLiteral("b.json"),
                             QStringLiteral("b/x.json"),  QStringLiteral("bc/y.hcl"),   QStringLiteral("n.txt")};
        QCOMPARE(files, expected);
        QStringList sorted = expected;
        sorted.sort();
        QCOMPARE(expected, sorted);
        QCOMPARE(r.files.last().skippedReason, QStringLiteral("not a .hcl, .json, .yaml or .yml file"));
    }

    void walkOrderOfLongAndNonAsciiNames()
    {
        // Names that agree in their first 8 bytes or more, a directory against files that continue its
        // name, and UTF-8 names: still the byte order of the whole paths, each path decoded as UTF-8.
        QTemporaryDir tmp;
        const QString d = tmp.path();
        const QStringList written{u"service-resolver.json"_s, u"service-resolver/a.json"_s, u"service-resolver-a.json"_s,
                                  u"service-resolverb.json"_s, u"service-resolver.hcl"_s, u"service-r.json"_s,
                                  u"service-/x.json"_s, u"service.json"_s, u"servicé.json"_s, u"servicf.json"_s,
                                  u"café/menu.yaml"_s, u"cafe.json"_s, u"caf.json"_s, u"ünïcode-näme-01.hcl"_s,
                                  u"ünïcode-näme-0.hcl"_s, u"12345678.json"_s, u"12345678/a.json"_s, u"1234567.json"_s};
        for (const QString &f : written)
            writeFile(d + u'/' + f, "{}");
        const ReadResult r = readPaths({d});
        QStringList files;
        for (const FileReport &f : r.files) {
            QVERIFY(f.file.startsWith(d + u'/'));
            files.append(f.file.mid(d.size() + 1));
        }
        QStringList expected = written;
        std::sort(expected.begin(), expected.end(), [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
        QCOMPARE(files, expected);
    }

    void batchesKeepWalkOrder()
    {
        // Files are read a batch at a time and parsed afterwards; reports, problems and documents must still
        // come in walk order across batch boundaries, subdirectories and every kind of problem.
        QTemporaryDir tmp;
        const QString d = tmp.path();
        QStringList expectedFiles;
        for (int i = 0; i < 150; ++i) {
            const QString name = QStringLiteral("f%1").arg(i, 3, 10, QLatin1Char('0'));
            QString rel;
            QByteArray content;
            switch (i % 7) {
            case 0:
                rel = name + u".json"_s;
                content = "{\"Kind\": \"service-defaults\", \"Name\": \"" + name.toUtf8() + "\"}";
                break;
            case 1:
                rel = name + u".json"_s;
                content = "{\"Kind\": "; // syntax error
                break;
            case 2:
                rel = name + u".hcl"_s;
                content = "Kind = \"service-defaults\"\nName = \"" + name.toUtf8() + "\"\n";
                break;
            case 3:
                rel = name + u".txt"_s; // skipped
                content = "notes";
                break;
            case 4:
                rel = name + u".yaml"_s;
                content = QByteArray("a: 1\0b", 6); // binary
                break;
            case 5:
                rel = name + u"/sub.json"_s; // a directory between files
                content = "[{\"Kind\": \"service-defaults\", \"Name\": \"a\"}, {\"Kind\": \"service-defaults\", \"Name\": \"b\"}]";
                break;
            default:
                rel = name + u".yaml"_s;
                content = "kind: [\n"; // YAML syntax error
                break;
            }
            writeFile(d + u'/' + rel, content);
            expectedFiles.append(d + u'/' + rel);
        }
        QStringList documentFiles;
        const ReadResult r = readPaths({d}, {}, [&](QList<SourceDocument> &&docs) {
            for (const SourceDocument &doc : docs)
                documentFiles.append(doc.file);
        });
        QStringList files;
        for (const FileReport &f : r.files)
            files.append(f.file);
        QCOMPARE(files, expectedFiles);
        // Each file's problems come together, files in walk order.
        qsizetype last = -1;
        for (const Diagnostic &diag : r.diagnostics) {
            const qsizetype at = expectedFiles.indexOf(diag.where.file);
            QVERIFY2(at >= last, qPrintable(diag.where.file));
            last = at;
        }
        const auto failed = std::count_if(r.files.cbegin(), r.files.cend(), [](const FileReport &f) { return f.failed; });
        QCOMPARE(failed, 22 + 21 + 21); // JSON syntax, binary, YAML syntax
        QVERIFY(r.diagnostics.size() >= failed);
        QVERIFY(std::is_sorted(documentFiles.begin(), documentFiles.end(),
                               [&](const QString &a, const QString &b) { return expectedFiles.indexOf(a) < expectedFiles.indexOf(b); }));
        QCOMPARE(documentFiles.size(), 22 + 22 + 2 * 21); // JSON, HCL, two per array
        // The same as reading each file alone.
        for (const QString &f : expectedFiles) {
            const ReadResult alone = readPaths({f});
            QCOMPARE(alone.files.size(), 1);
            QCOMPARE(alone.files.first().failed, r.files[expectedFiles.indexOf(f)].failed);
            QCOMPARE(alone.files.first().documents, r.files[expectedFiles.indexOf(f)].documents);
        }
    }

    void batchReaderReadsEachFile()
    {
        // One submission for several files: each comes back whole or with its own error, a file that fills
        // its buffer says so (the walk then reads it again), and the slots are free again for the next batch.
        auto reader = detail::BatchReader::create(4);
        if (!reader)
            QSKIP("io_uring is not available to this process; walks read file by file (covered elsewhere)");
        QTemporaryDir tmp;
        writeFile(tmp.path() + QStringLiteral("/a.json"), "{\"Kind\": \"x\"}");
        writeFile(tmp.path() + QStringLiteral("/empty.json"), "");
        writeFile(tmp.path() + QStringLiteral("/full.json"), QByteArray(64, 'f'));
        QVERIFY(QDir(tmp.path()).mkdir(QStringLiteral("dir.json")));
        const int dirFd = ::open(QFile::encodeName(tmp.path()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        QVERIFY(dirFd >= 0);
        const auto closeDir = qScopeGuard([dirFd] { ::close(dirFd); });
        const char *const names[] = {"a.json", "missing.json", "empty.json", "full.json"};
        char buffers[4][64];
        for (int round = 0; round < 3; ++round) {
            std::vector<detail::BatchReader::Request> requests;
            for (int i = 0; i < 4; ++i)
                requests.push_back({dirFd, names[i], buffers[i], 64});
            std::vector<detail::BatchReader::Outcome> outcomes(4);
            QVERIFY(reader->read(requests, outcomes));
            QCOMPARE(outcomes[0].error, 0);
            QCOMPARE(QByteArray(buffers[0], outcomes[0].size), QByteArray("{\"Kind\": \"x\"}"));
            QCOMPARE(outcomes[1].error, ENOENT);
            QCOMPARE(outcomes[2].error, 0);
            QCOMPARE(outcomes[2].size, 0);
            QCOMPARE(outcomes[3].error, 0);
            QCOMPARE(outcomes[3].size, 64); // as much as the buffer holds: the caller cannot know it ended
        }
        std::vector<detail::BatchReader::Request> one{{dirFd, "dir.json", buffers[0], 64}};
        std::vector<detail::BatchReader::Outcome> outcome(1);
        QVERIFY(reader->read(one, outcome));
        QCOMPARE(outcome[0].error, EISDIR);

        // A slot keeps the file of its last batch until the next open into it: a later batch reads its own
        // files in any slot, and a slot whose new open fails is not read (its earlier file is not taken).
        const char *const shuffled[] = {"full.json", "a.json", "empty.json", "missing.json"}; // slot 3 held full.json
        std::vector<detail::BatchReader::Request> again;
        for (int i = 0; i < 4; ++i)
            again.push_back({dirFd, shuffled[i], buffers[i], 64});
        std::vector<detail::BatchReader::Outcome> outcomes(4);
        std::memset(buffers, '?', sizeof buffers);
        QVERIFY(reader->read(again, outcomes));
        QCOMPARE(outcomes[0].error, 0);
        QCOMPARE(QByteArray(buffers[0], outcomes[0].size), QByteArray(64, 'f'));
        QCOMPARE(outcomes[1].error, 0);
        QCOMPARE(QByteArray(buffers[1], outcomes[1].size), QByteArray("{\"Kind\": \"x\"}"));
        QCOMPARE(outcomes[2].error, 0);
        QCOMPARE(outcomes[2].size, 0);
        QCOMPARE(outcomes[3].error, ENOENT);
        QCOMPARE(outcomes[3].size, 0);
        QCOMPARE(buffers[3][0], '?');
        // Many more batches than a process may hold descriptors: the slots are reused, nothing piles up.
        for (int round = 0; round < 2000; ++round) {
            QVERIFY(reader->read(again, outcomes));
            QCOMPARE(outcomes[1].size, qsizetype(13));
        }
    }

    void batchReadingMatchesFileByFile()
    {
        // Walks read queued files with io_uring where the kernel allows it and file by file otherwise; both
        // must give the same reports, problems and documents, spans included, whatever the files hold.
        if (!detail::BatchReader::create(1))
            QSKIP("io_uring is not available to this process: only the file-by-file way can run here");
        QTemporaryDir tmp;
        const QString d = tmp.path();
        for (int i = 0; i < 100; ++i) {
            const QByteArray name = "s" + QByteArray::number(i).rightJustified(3, '0');
            writeFile(d + u"/many/"_s + QString::fromLatin1(name) + u".json"_s,
                      "{\"Kind\": \"service-defaults\", \"Name\": \"" + name + "\", \"Protocol\": \"http\"}");
        }
        QByteArray big = "[";
        for (int i = 0; big.size() < 200 * 1024; ++i)
            big += (i ? ",\n" : "") + QByteArray("{\"Kind\":\"service-defaults\",\"Name\":\"b") + QByteArray::number(i) + "\"}";
        big += "]";
        writeFile(d + u"/big.json"_s, big);
        const QByteArray entry = "{\"Kind\":\"service-defaults\",\"Name\":\"pad\"}";
        for (const qsizetype size : {qsizetype(64 * 1024 - 1), qsizetype(64 * 1024), qsizetype(64 * 1024 + 1)})
            writeFile(d + u"/pad%1.json"_s.arg(size), entry + QByteArray(size - entry.size(), ' '));
        writeFile(d + u"/empty.hcl"_s, "");
        writeFile(d + u"/broken.json"_s, "{\"Kind\": ");
        writeFile(d + u"/blob.yaml"_s, QByteArray("a: 1\0b", 6));
        writeFile(d + u"/notes.txt"_s, "not config");
        writeFile(d + u"/k.yaml"_s, "apiVersion: consul.hashicorp.com/v1alpha1\nkind: ServiceDefaults\nmetadata:\n  name: k\n");
        QVERIFY(QFile::link(d + u"/nowhere.hcl"_s, d + u"/gone.hcl"_s));
        QVERIFY(QFile::link(d + u"/k.yaml"_s, d + u"/k-again.yaml"_s));
        QVERIFY(::link(QFile::encodeName(d + u"/broken.json"_s).constData(), QFile::encodeName(d + u"/hard.json"_s).constData()) == 0);
        QVERIFY(::mkfifo(QFile::encodeName(d + u"/pipe.json"_s).constData(), 0600) == 0);

        const auto restore = qScopeGuard([] { detail::BatchReader::setEnabled(true); });
        for (const qint64 maxBytes : {qint64(16 * 1024 * 1024), qint64(100 * 1024), qint64(64 * 1024), qint64(30)}) {
            ReadLimits limits;
            limits.maxFileBytes = maxBytes;
            detail::BatchReader::setEnabled(true);
            const ReadResult batched = readPaths({d}, limits);
            detail::BatchReader::setEnabled(false);
            const ReadResult alone = readPaths({d}, limits);
            QVERIFY(!alone.files.isEmpty());
            const QString difference = readDifference(batched, alone);
            QVERIFY2(difference.isEmpty(), qPrintable(u"limit %1: "_s.arg(maxBytes) + difference));
        }
    }

    void fileNamesAreSharedWithoutCounting()
    {
        // Every span of a load holds its file name: the reader hands out one stored copy per name, which
        // copies without touching a reference count, and a name read again finds it stored.
        QTemporaryDir tmp;
        writeFile(tmp.path() + QStringLiteral("/a.hcl"), "Kind = \"service-defaults\"\nName = \"a\"\n");
        const ReadResult first = readPaths({tmp.path()});
        const qsizetype stored = sharedFileNameCount();
        const ReadResult second = readPaths({tmp.path()});
        QCOMPARE(sharedFileNameCount(), stored);
        QCOMPARE(first.documents.size(), 1);
        const QString &name = second.documents.first().root.span().file;
        QCOMPARE(name, tmp.path() + QStringLiteral("/a.hcl"));
        QVERIFY(!name.data_ptr().isMutable()); // refers to the stored copy
        QCOMPARE(name.constData(), first.documents.first().root.span().file.constData());
        QString edited = name;
        edited.append(u'x'); // a copy that changes gets its own text
        QCOMPARE(name, tmp.path() + QStringLiteral("/a.hcl"));
        QCOMPARE(sharedFileName(QString()), QString());
    }

    void fileNameStoreKeepsEveryName()
    {
        // Enough names to make the store's table grow several times: each comes back with its own text,
        // as raw data, and at the same address when asked again (by a QString or a view of other memory).
        const QString prefix = QStringLiteral("/tmp/store-test-%1/").arg(QCoreApplication::applicationPid());
        QList<QString> names;
        QList<const QChar *> addresses;
        for (int i = 0; i < 5000; ++i) {
            const QString path = prefix + QString::number(i) + (i % 2 ? u".hcl"_s : u".json"_s);
            const QString stored = sharedFileName(QStringView(path));
            QCOMPARE(stored, path);
            QVERIFY(!stored.data_ptr().isMutable());
            names.append(path);
            addresses.append(stored.constData());
        }
        for (qsizetype i = 0; i < names.size(); ++i) {
            const QString again = sharedFileName(QString(names[i]).append(u'x').chopped(1));
            QCOMPARE(again, names[i]);
            QCOMPARE(again.constData(), addresses[i]);
            QCOMPARE(again.constData()[again.size()], QChar(u'\0')); // stored NUL-terminated
        }
        QCOMPARE(sharedFileName(QStringView()), QString());
        QVERIFY(sharedFileName(QStringView(u"")).isEmpty());

        // A prefetch is only a hint: it stores nothing, for names stored or not, empty or null.
        const qsizetype count = sharedFileNameCount();
        for (const QString &name : std::as_const(names))
            prefetchSharedFileName(name);
        prefetchSharedFileName(QString(prefix + u"never-looked-up.hcl"_s));
        prefetchSharedFileName(QStringView());
        prefetchSharedFileName(QStringView(u""));
        QCOMPARE(sharedFileNameCount(), count);
    }

    void numbersIgnoreTheProcessLocale()
    {
        // A Qt application takes LC_NUMERIC from the environment; under de_DE a plain strtod reads "50.5"
        // as 50 (JSON: a wrong weight, silently) or refuses it (HCL: "invalid syntax").
        const QByteArray json = "{\"Weight\": 50.5, \"Small\": 2.5e-3, \"Big\": -1.25E+3, \"Int\": 7}";
        const QByteArray hcl = "Weight = 50.5\nSmall = 2.5e-3\nBig = -1.25E+3\nInt = 7\n";
        const QString file = QStringLiteral("n");
        const auto numbers = [](const Value &root) {
            return QList<double>{root.find(u"Weight")->toDouble(), root.find(u"Small")->toDouble(), root.find(u"Big")->toDouble(),
                                 double(root.find(u"Int")->toInt())};
        };
        const QList<double> expected{50.5, 0.0025, -1250.0, 7.0};
        const chainscope::test::CommaDecimalLocale comma; // back to the previous locale when the test ends
        QVERIFY2(comma.active(), qPrintable(comma.problem()));
        const Result<Value> fromJson = parseJson(json, file);
        QVERIFY(fromJson.diagnostics.isEmpty());
        QCOMPARE(numbers(*fromJson), expected);
        for (const detail::HclPath path : {detail::HclPath::FaithfulOnly, detail::HclPath::Auto}) {
            const std::optional<Result<Value>> fromHcl = detail::parseHclWith(hcl, file, {}, path);
            QVERIFY(fromHcl && fromHcl->diagnostics.isEmpty());
            QCOMPARE(numbers(*fromHcl->value), expected);
        }
    }

    void sharedStringsAreFromUtf8()
    {
        // The parsers' string cache gives exactly what QString::fromUtf8 gives, hit or miss, for short,
        // long, colliding and invalid UTF-8 strings alike.
        QList<QByteArray> samples{QByteArray(), QByteArray(""), "Name", "name", "Datacenters", "\xff\xfe", "caf\xc3\xa9", "\xe2\x82", QByteArray(41, 'x'), QByteArray(40, 'y')};
        for (int i = 0; i < 5000; ++i)
            samples.append("k" + QByteArray::number(i * 7919 % 4099) + (i % 3 ? "" : "\xc3"));
        for (int round = 0; round < 2; ++round) {
            for (const QByteArray &s : std::as_const(samples)) {
                const QString shared = detail::sharedString(s);
                QCOMPARE(shared, QString::fromUtf8(s));
                QCOMPARE(shared.isNull(), QString::fromUtf8(s).isNull());
            }
        }
    }

    void symlinkLoop()
    {
        QTemporaryDir tmp;
        const QString d = tmp.path();
        writeFile(d + QStringLiteral("/x/a.hcl"), "Kind = \"service-defaults\"\n");
        QVERIFY(QFile::link(d + QStringLiteral("/x"), d + QStringLiteral("/x/loop")));
        const ReadResult r = readPaths({d});
        QCOMPARE(r.documents.size(), 1);
        QVERIFY(!hasErrors(r.diagnostics));
    }

    void sameFileReadOnce()
    {
        // The same file reached as a directory member, through a symlink and as an explicit path is one file.
        QTemporaryDir tmp;
        const QString d = tmp.path();
        writeFile(d + QStringLiteral("/a.hcl"), "Kind = \"service-defaults\"\nName = \"a\"\n");
        QVERIFY(QFile::link(d + QStringLiteral("/a.hcl"), d + QStringLiteral("/b.hcl")));
        const ReadResult r = readPaths({d, d + QStringLiteral("/a.hcl")});
        QCOMPARE(r.documents.size(), 1);
        QVERIFY(r.diagnostics.isEmpty());
        QCOMPARE(r.files.size(), 3);
        QCOMPARE(r.files[1].skippedReason, QStringLiteral("already read")); // b.hcl -> a.hcl
        QCOMPARE(r.files[2].skippedReason, QStringLiteral("already read"));
    }

    void specialFilesDoNotHang()
    {
        // A FIFO named like a config file would block a plain open() forever: it is refused instead.
        QTemporaryDir tmp;
        const QString fifo = tmp.path() + QStringLiteral("/pipe.json");
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        writeFile(tmp.path() + QStringLiteral("/z.json"), "{\"Kind\":\"service-defaults\",\"Name\":\"z\"}");
        const ReadResult r = readPaths({tmp.path()});
        QCOMPARE(codesOf(r.diagnostics), QStringList{QString(codes::LoadUnreadable)});
        QCOMPARE(r.diagnostics.first().message, QStringLiteral("not a regular file"));
        QCOMPARE(r.diagnostics.first().where.file, fifo);
        QCOMPARE(r.documents.size(), 1); // the rest is still read
    }

    void unreadableFileSaysWhy()
    {
        // A dangling symlink is listed by the walk but cannot be opened: the error names it and says why.
        QTemporaryDir tmp;
        const QString link = tmp.path() + QStringLiteral("/gone.hcl");
        QVERIFY(QFile::link(tmp.path() + QStringLiteral("/nowhere.hcl"), link));
        const ReadResult r = readPaths({tmp.path()});
        QCOMPARE(codesOf(r.diagnostics), QStringList{QString(codes::LoadUnreadable)});
        QCOMPARE(r.diagnostics.first().message, QStringLiteral("No such file or directory"));
        QCOMPARE(r.diagnostics.first().where.file, link);
        QVERIFY(r.files.first().failed);
    }

    void directoryNamedLikeAFile()
    {
        // A directory called x.json is walked, not read as a file.
        QTemporaryDir tmp;
        writeFile(tmp.path() + QStringLiteral("/x.json/in.hcl"), "Kind = \"proxy-defaults\"\n");
        const ReadResult r = readPaths({tmp.path()});
        QVERIFY(r.diagnostics.isEmpty());
        QCOMPARE(r.documents.size(), 1);
    }

    void fileLimit()
    {
        QTemporaryDir tmp;
        for (int i = 0; i < 5; ++i)
            writeFile(tmp.path() + QStringLiteral("/f%1.hcl").arg(i), "a = 1\n");
        ReadLimits limits;
        limits.maxFiles = 3;
        const ReadResult r = readPaths({tmp.path()}, limits);
        QCOMPARE(codesOf(r.diagnostics), QStringList{QString(codes::LimitFiles)});
        QCOMPARE(r.documents.size(), 3);
    }

    void jsonTopLevel_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("documents");
        QTest::addColumn<QString>("message");
        QTest::newRow("object") << QByteArray("{\"Kind\":\"a\"}") << 1 << QString();
        QTest::newRow("array") << QByteArray("[{}, {}, {}]") << 3 << QString();
        QTest::newRow("null") << QByteArray("null") << 1 << QString();
        QTest::newRow("string") << QByteArray("\"x\"") << 0 << QStringLiteral("json: cannot unmarshal string into Go value of type map[string]interface {}");
        QTest::newRow("array of numbers") << QByteArray("[{}, 1]") << 1 << QStringLiteral("json: cannot unmarshal number into Go value of type map[string]interface {}");
    }

    void jsonTopLevel()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, documents);
        QFETCH(QString, message);
        const ReadResult r = readText(text, QStringLiteral("t.json"), DocumentFormat::Json);
        QCOMPARE(r.documents.size(), documents);
        for (const SourceDocument &d : r.documents)
            QVERIFY(d.root.isMap());
        if (message.isEmpty()) {
            QVERIFY(r.diagnostics.isEmpty());
        } else {
            QCOMPARE(r.diagnostics.size(), 1);
            QCOMPARE(r.diagnostics.first().message, message);
            QVERIFY(r.diagnostics.first().where.isValid());
        }
    }

    void hclSniffing_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("format");
        QTest::newRow("hcl") << QByteArray("Kind = \"x\"") << int(DocumentFormat::Hcl);
        QTest::newRow("json") << QByteArray("{\"Kind\": \"x\"}") << int(DocumentFormat::Json);
        QTest::newRow("json after unicode space") << QByteArray("\xc2\xa0\n\t{\"Kind\": \"x\"}") << int(DocumentFormat::Json);
        QTest::newRow("json array is hcl") << QByteArray("[{\"Kind\": \"x\"}]") << int(DocumentFormat::Hcl);
    }

    void hclSniffing()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, format);
        const ReadResult r = readText(text, QStringLiteral("t.hcl"), DocumentFormat::Hcl);
        QCOMPARE(r.files.size(), 1);
        QCOMPARE(int(*r.files.first().format), format);
    }

    void malformedFilesReportPositions_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("line");
        QTest::newRow("hcl") << QByteArray("Kind = \"a\"\nName = web\n") << int(DocumentFormat::Hcl) << 2;
        QTest::newRow("json") << QByteArray("{\n\"Kind\": \"a\",\n}") << int(DocumentFormat::Json) << 3;
        QTest::newRow("yaml") << QByteArray("kind: a\nspec: [\n") << int(DocumentFormat::Yaml) << 3;
        QTest::newRow("hcl invalid utf8") << QByteArray("Kind = \"a\"\n\xff") << int(DocumentFormat::Hcl) << 2;
        QTest::newRow("json invalid utf8") << QByteArray("{\"a\":\n\"\xe2\x82\"}") << int(DocumentFormat::Json) << 2;
        QTest::newRow("yaml invalid utf8") << QByteArray("a: 1\nb: \xc0\xc1\n") << int(DocumentFormat::Yaml) << 2;
    }

    void malformedFilesReportPositions()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, format);
        QFETCH(int, line);
        const ReadResult r = readText(text, QStringLiteral("bad"), DocumentFormat(format));
        QVERIFY(hasErrors(r.diagnostics));
        QVERIFY(r.files.first().failed);
        QCOMPARE(r.diagnostics.first().where.file, QStringLiteral("bad"));
        QCOMPARE(r.diagnostics.first().where.begin.line, line);
    }

    void deepNestingInEveryFormat_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("format");
        QTest::newRow("hcl") << QByteArray("a = ") + QByteArray(10000, '[') + QByteArray(10000, ']') << int(DocumentFormat::Hcl);
        QTest::newRow("json") << QByteArray(10000, '[') + QByteArray(10000, ']') << int(DocumentFormat::Json);
        QTest::newRow("yaml") << QByteArray(10000, '[') + QByteArray(10000, ']') << int(DocumentFormat::Yaml);
    }

    void deepNestingInEveryFormat()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, format);
        const ReadResult r = readText(text, QStringLiteral("deep"), DocumentFormat(format));
        QCOMPARE(codesOf(r.diagnostics), QStringList{QString(codes::LimitDepth)});
        QVERIFY(r.documents.isEmpty());
    }

    // A text cut anywhere (an editor's half-typed file, a truncated download): every prefix of these
    // samples is read from a heap block of exactly its size, so the ASan build fails on any read past the
    // end. Each prefix either reads or says where it broke, with positions inside the text.
    void everyPrefixInEveryFormat_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("format");
        QTest::newRow("hcl") << QByteArray("# c\nKind = \"service-resolver\" // x\nName = \"w\\u00e9b\"\n/* b */ Subsets = { v1 = { Filter = "
                                           "\"Service.Meta.v == 1\" } }\nFailover \"*\" { Datacenters = [\"dc2\", \"dc3\",] }\n"
                                           "ConnectTimeout = 1.5e3\nMeta { note = <<-EOT\n    two\n    lines\n    EOT\n}\nx = -0x1F\n")
                             << int(DocumentFormat::Hcl);
        QTest::newRow("json") << QByteArray("[{\"Kind\": \"service-splitter\", \"Name\": \"w\\u00e9\\ud83d\\ude00\\n\",\n \"Splits\": [{\"Weight\": "
                                            "12.5e0, \"Service\": \"a\"}, {\"Weight\": -1, \"X\": [true, false, null]}]}, {}]\n")
                              << int(DocumentFormat::Json);
        QTest::newRow("yaml") << QByteArray("apiVersion: consul.hashicorp.com/v1alpha1\nkind: ServiceRouter\nmetadata: {name: web}\nspec:\n"
                                            "  routes:\n    - match: {http: {pathPrefix: '/a'}}\n      destination:\n        service: \"b\"\n"
                                            "---\nkind: X\nlist: [1, 2]\nblock: |\n  text\n")
                              << int(DocumentFormat::Yaml);
    }

    void everyPrefixInEveryFormat()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, format);
        const QString file = QStringLiteral("cut");
        for (qsizetype n = 0; n <= text.size(); ++n) {
            const auto copy = std::make_unique_for_overwrite<char[]>(size_t(n));
            std::copy_n(text.constData(), n, copy.get());
            const ReadResult r = readText(QByteArrayView(copy.get(), n), file, DocumentFormat(format));
            const auto inside = [n](const SourceSpan &span) {
                return !span.isValid() || (span.begin.offset >= 0 && span.begin.offset <= n && span.end.offset <= n);
            };
            for (const Diagnostic &d : r.diagnostics)
                QVERIFY2(!d.message.isEmpty() && inside(d.where), qPrintable(QStringLiteral("prefix %1: %2").arg(n).arg(d.message)));
            for (const SourceDocument &doc : r.documents)
                QVERIFY2(inside(doc.root.span()), qPrintable(QStringLiteral("prefix %1").arg(n)));
            QCOMPARE(r.files.size(), 1);
            QCOMPARE(r.files.first().failed, hasErrors(r.diagnostics));
            if (n == text.size()) // the whole sample is valid, so the prefixes cover every construct in it
                QVERIFY2(!hasErrors(r.diagnostics) && !r.documents.isEmpty(), qPrintable(r.diagnostics.value(0).message));
        }
    }
};

QTEST_GUILESS_MAIN(TestReader)
#include "tst_reader.moc"
