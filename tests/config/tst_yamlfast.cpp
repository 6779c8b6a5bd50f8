// The fast YAML reader against yaml-cpp: on every YAML file of the project (shared seed examples and Consul
// cases, test data, the demo mesh, any fuzz corpus) and on generated manifests, the fast reader either
// declines or gives exactly yaml-cpp's result, spans included. It must also accept the common shapes
// (seed examples, emitted CRD YAML, in-subset generated manifests), so a reader that declines
// everything fails here.

#include "config/configset.h"
#include "config/emit.h"
#include "config/yamlparser_p.h"
#include "fastreadertest.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace chainscope;
using namespace chainscope::config;
using namespace Qt::StringLiterals;

namespace {

using test::Outcome;
using test::readFile;
using test::requireAccepted;

/** Reads text both ways; fails the test (via the returned message) when the fast result differs. */
Outcome compareReaders(QByteArrayView text, const QString &name, QString *failure)
{
    const QString file = u"t.yaml"_s;
    ReadLimits limits;
    const std::optional<Result<QList<Value>>> fast = detail::parseYamlWith(text, file, limits, detail::YamlPath::FastOnly);
    const std::optional<Result<QList<Value>>> slow = detail::parseYamlWith(text, file, limits, detail::YamlPath::YamlCppOnly);
    const std::optional<Result<QList<Value>>> mixed = detail::parseYamlWith(text, file, limits, detail::YamlPath::Auto);
    if (!slow || !mixed) {
        *failure = name + u": the yaml-cpp and automatic paths must always give a result"_s;
        return Outcome::Declined;
    }
    // The automatic path always equals yaml-cpp, whichever reader it used for each part.
    for (const auto &[other, label] : {std::pair{&*mixed, u"automatic"_s}, std::pair{fast ? &*fast : nullptr, u"fast"_s}}) {
        if (!other)
            continue;
        if (const QString d = test::diagnosticsDifference(other->diagnostics, slow->diagnostics); !d.isEmpty()) {
            *failure = u"%1: %2 path against yaml-cpp: %3"_s.arg(name, label, d);
            return Outcome::Declined;
        }
        if (other->value.has_value() != slow->value.has_value() || (other->value && other->value->size() != slow->value->size())) {
            *failure = u"%1: %2 path gives another number of documents than yaml-cpp"_s.arg(name, label);
            return Outcome::Declined;
        }
        for (qsizetype i = 0; other->value && i < other->value->size(); ++i) {
            if (const QString d = test::valueDifference((*other->value)[i], (*slow->value)[i], u"doc%1"_s.arg(i)); !d.isEmpty()) {
                *failure = u"%1: %2 path differs from yaml-cpp at %3"_s.arg(name, label, d);
                return Outcome::Declined;
            }
        }
    }
    return fast ? Outcome::Same : Outcome::Declined;
}

/** Random Kubernetes-style manifests. In-subset mode writes only what the fast reader must accept;
 *  otherwise some lines get constructs it declines (tabs, anchors, tags, block and multi-line scalars). */
class ManifestGenerator
{
public:
    ManifestGenerator(quint32 seed, bool inSubset)
        : m_rng(seed)
        , m_inSubset(inSubset)
    {
    }

    QByteArray manifest()
    {
        QByteArray out;
        const int docs = 1 + pick(3);
        m_step = pick(2) == 0 ? 2 : 4;
        m_indentless = pick(3) != 0;
        if (pick(4) == 0)
            out += "# generated\n\n";
        for (int d = 0; d < docs; ++d) {
            if (d > 0 || pick(3) == 0)
                out += pick(4) == 0 ? "--- # next\n" : "---\n";
            out += "apiVersion: consul.hashicorp.com/v1alpha1\nkind: " + word() + "\nmetadata:\n" + spaces(m_step) + "name: " + word() + "\n";
            out += "spec:\n";
            map(out, m_step, 2, false);
            if (pick(5) == 0)
                out += "\n# trailing comment\n";
        }
        if (pick(6) == 0)
            out.chop(1); // no final line feed
        return out;
    }

private:
    int pick(int n) { return int(m_rng.bounded(quint32(n))); }
    static QByteArray spaces(int n) { return QByteArray(n, ' '); }

    QByteArray word()
    {
        static const char *const words[] = {"api", "web", "service-resolver", "v1", "http", "dc1", "frontend", "a b", "x:y", "http://h/p", "a#b", "caf\xc3\xa9",
                                            "\xe6\x97\xa5\xe6\x9c\xac", "yes", "on", "-x", "1_000", "0X1F", "1e", ".", "nULL", "5s"};
        return words[pick(int(std::size(words)))];
    }

    QByteArray scalar()
    {
        static const char *const scalars[] = {"42", "-7", "+12", "0o17", "0o8", "0x1f", "0x", "1.5", "1e3", ".5", "1.", "+.5e-3", ".inf", "-.INF", "+.Inf", ".NaN",
                                              "99999999999999999999", "0o7777777777777777777777", "true", "True", "TRUE", "false", "False", "FALSE", "null",
                                              "Null", "NULL", "~", "\"42\"", "'true'", "\"a\\tb\\u00e9\\\"\"", "'it''s'", "\"\"", "''", "\"x\\x41\\U0001F600\\/\"",
                                              "\"\\\\\"", "\"a:b # c\"", "'-'", "\"null\""};
        if (pick(2) == 0)
            return word();
        return scalars[pick(int(std::size(scalars)))];
    }

    QByteArray key()
    {
        static const char *const keys[] = {"name", "service", "connectTimeout", "Weight", "a b", "\"quoted key\"", "'single'", "k-1", "x.y", "null",
                                           "\"\"", "caf\xc3\xa9", "http://h", "~"};
        return keys[pick(int(std::size(keys)))];
    }

    QByteArray lineEnd()
    {
        switch (pick(8)) {
        case 0: return " # comment\n";
        case 1: return "   \n";
        default: return "\n";
        }
    }

    /** Something the fast reader declines, in place of a scalar (out-of-subset mode only). */
    QByteArray oddity(int indent)
    {
        switch (pick(7)) {
        case 0: return "&anchor " + scalar();
        case 1: return "!!str " + scalar();
        case 2: return "|\n" + spaces(indent + m_step) + "block\n" + spaces(indent + m_step) + "text";
        case 3: return "first\n" + spaces(indent + m_step) + "second";
        case 4: return "\"two\n" + spaces(indent + m_step) + "lines\"";
        case 5: return ">-\n" + spaces(indent + m_step) + "folded";
        default: return "\tvalue";
        }
    }

    QByteArray value(int indent)
    {
        if (!m_inSubset && pick(12) == 0)
            return oddity(indent);
        switch (pick(10)) {
        case 0: return "[]";
        case 1: return "{}";
        case 2: return "[a, 1, \"x\", 'y', -2, null]";
        default: return scalar();
        }
    }

    void extras(QByteArray &out, int indent)
    {
        if (pick(8) == 0)
            out += spaces(pick(2) == 0 ? indent : 0) + "# note\n";
        if (pick(10) == 0)
            out += "\n";
    }

    /** A block mapping at column indent; inline: the first key follows "- " already written. */
    void map(QByteArray &out, int indent, int depth, bool inline_)
    {
        const int n = 1 + pick(4);
        for (int i = 0; i < n; ++i) {
            if (i > 0 || !inline_) {
                extras(out, indent);
                out += spaces(indent);
            }
            out += key() + ":";
            const int kind = depth >= 6 ? 0 : pick(10);
            if (kind <= 4) {
                out += spaces(1 + pick(2)) + value(indent) + lineEnd();
            } else if (kind <= 6) {
                out += pick(4) == 0 ? " # nested\n" : "\n";
                map(out, indent + m_step, depth + 1, false);
            } else if (kind <= 8) {
                out += "\n";
                sequence(out, m_indentless ? indent : indent + m_step, depth + 1, false);
            } else {
                out += pick(2) == 0 ? "\n" : " \n"; // an empty value
            }
        }
    }

    /** A block sequence whose "-" are at column indent. */
    void sequence(QByteArray &out, int indent, int depth, bool inline_)
    {
        const int n = 1 + pick(4);
        for (int i = 0; i < n; ++i) {
            if (i > 0 || !inline_) {
                extras(out, indent);
                out += spaces(indent);
            }
            out += "-";
            const int kind = depth >= 6 ? 0 : pick(10);
            if (kind <= 3) {
                out += " " + value(indent) + lineEnd();
            } else if (kind <= 6) {
                const int gap = 1 + pick(3);
                out += spaces(gap);
                map(out, indent + 1 + gap, depth + 1, true);
            } else if (kind == 7) {
                out += " ";
                sequence(out, indent + 2, depth + 1, true);
            } else if (kind == 8) {
                out += "\n";
                map(out, indent + m_step, depth + 1, false);
            } else {
                out += "\n"; // an empty item
            }
        }
    }

    QRandomGenerator m_rng;
    bool m_inSubset;
    int m_step = 2;
    bool m_indentless = true;
};

} // namespace

class TestYamlFast : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void projectFiles_data();
    void projectFiles();
    void seedExamplesAreAccepted();
    void emittedCrdsAreAccepted();
    void generatedManifests_data();
    void generatedManifests();
    void handWritten_data();
    void handWritten();
    void everyPrefix();
};

void TestYamlFast::projectFiles_data()
{
    test::addProjectFileRows({u"*.yaml"_s, u"*.yml"_s}, u"yaml"_s);
}

void TestYamlFast::projectFiles()
{
    QFETCH(QString, path);
    const QByteArray text = readFile(path);
    QString failure;
    compareReaders(text, path, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

void TestYamlFast::seedExamplesAreAccepted()
{
    int accepted = 0;
    for (const QString &path : test::filesUnder(QStringLiteral(CHAINSCOPE_SHARED_DIR "/seed-examples"), {u"*.yaml"_s, u"*.yml"_s})) {
        if (path.contains(u"/bad/"))
            continue;
        requireAccepted(compareReaders, readFile(path), path, path + u": the fast reader declined a seed example"_s);
        if (QTest::currentTestFailed())
            return;
        ++accepted;
    }
    QVERIFY2(accepted >= 5, "the seed examples hold YAML files");
}

void TestYamlFast::emittedCrdsAreAccepted()
{
    // The bench corpus is emitYaml output; so is this, from every seed example's entries.
    const ConfigSet set = loadConfig({QStringLiteral(CHAINSCOPE_SHARED_DIR "/seed-examples/resolver-reference"), QStringLiteral(CHAINSCOPE_SHARED_DIR "/seed-examples/combined"),
                                      QStringLiteral(CHAINSCOPE_SHARED_DIR "/seed-examples/k8s-failover"), QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/demo")});
    QVERIFY2(set.entries.size() >= 10, "the seed examples and demo mesh load");
    for (const Entry &e : set.entries) {
        const QByteArray yaml = emitYaml({e}).toUtf8();
        requireAccepted(compareReaders, yaml, u"emitted "_s + e.name, u"the fast reader declined emitted YAML:\n"_s + QString::fromUtf8(yaml));
        if (QTest::currentTestFailed())
            return;
    }
    QString failure;
    QCOMPARE(compareReaders(emitYaml(set.entries).toUtf8(), u"all emitted"_s, &failure), Outcome::Same);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

void TestYamlFast::generatedManifests_data()
{
    test::addGeneratedRows(300, 200);
}

void TestYamlFast::generatedManifests()
{
    QFETCH(quint32, seed);
    QFETCH(bool, inSubset);
    const QByteArray text = ManifestGenerator(seed, inSubset).manifest();
    QString failure;
    const Outcome o = compareReaders(text, u"generated"_s, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure + u"\n"_s + QString::fromUtf8(text)));
    if (inSubset) {
        const Result<QList<Value>> slow = parseYaml(text, u"t.yaml"_s);
        QVERIFY2(slow.diagnostics.isEmpty(), qPrintable(u"generated invalid YAML: "_s + slow.diagnostics.value(0).format() + u"\n"_s + QString::fromUtf8(text)));
        QVERIFY2(o == Outcome::Same, qPrintable(u"the fast reader declined:\n"_s + QString::fromUtf8(text)));
    }
}

void TestYamlFast::handWritten_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("k8s list at key indent") << QByteArray("a:\n- x\n- y: 1\n  z:\nb: 2\n") << true;
    QTest::newRow("empty values at end") << QByteArray("a:\n  b:\n  c:\n# end\n\n") << true;
    QTest::newRow("empty item before dedent") << QByteArray("a:\n  - \n  -\nb: ~\n") << true;
    QTest::newRow("nested compact") << QByteArray("- - a\n  - b\n-   k: v\n    l: [1, 2]\n") << true;
    QTest::newRow("value on the next line") << QByteArray("a:\n  text\nb: 1\n") << true;
    QTest::newRow("null keys") << QByteArray("null: 1\n~: 2\n\"\": 3\n") << true;
    QTest::newRow("root indented") << QByteArray("  a: 1\n  b: 2\n") << true;
    QTest::newRow("leading marker and comments") << QByteArray("# c\n--- # d\na: 1\n---\n---\nb: 2\n") << true;
    QTest::newRow("flow with spaces") << QByteArray("a: [ x , y ]\nb: { }\n") << true;
    QTest::newRow("colon words") << QByteArray("url: http://a:8080/x\nk: a:b\n") << true;
    QTest::newRow("multi-line plain") << QByteArray("a: b\n  c\n") << false;
    QTest::newRow("anchor") << QByteArray("a: &x 1\nb: *x\n") << false;
    QTest::newRow("tab") << QByteArray("a:\n\tb: 1\n") << false;
    QTest::newRow("block scalar") << QByteArray("a: |\n  x\n") << false;
    QTest::newRow("crlf") << QByteArray("a: 1\r\nb: 2\r\n") << false;
    QTest::newRow("root scalar") << QByteArray("just text\n") << false;
    QTest::newRow("document end") << QByteArray("a: 1\n...\n") << false;
    QTest::newRow("bad indent") << QByteArray("a:\n    b: 1\n  c: 2\n") << false;
    QTest::newRow("map value on a key line") << QByteArray("a: b: c\n") << false;
    QTest::newRow("seq after scalar") << QByteArray("a: 1\n- x\n") << false;
    QTest::newRow("unterminated quote") << QByteArray("a: \"x\n") << false;
    QTest::newRow("nested flow") << QByteArray("a: [[1]]\n") << false;
}

void TestYamlFast::handWritten()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, accepted);
    test::requireDecision(compareReaders, text, accepted);
}

// Every prefix of these texts, each copied into a heap block of exactly its size: in the ASan build a reader
// that looks one byte past the end of its text fails here (fuzzing found "de: [" ending the text).
void TestYamlFast::everyPrefix()
{
    const QList<QByteArray> texts = {
        "a: [x, 'y', 3]\nb: {}\nc: \"q\" # note\nd:\n- e: f\n  g: [h]\n",
        "kind: ServiceResolver\nspec:\n  failover:\n    '*':\n      targets:\n      - peer: p1\n",
        "- - a\n  - b\n-   k: v\n    l: [1, 2]\n---\nz: ~\n",
    };
    test::requireSameOnEveryPrefix(compareReaders, texts);
}

QTEST_GUILESS_MAIN(TestYamlFast)
#include "tst_yamlfast.moc"
