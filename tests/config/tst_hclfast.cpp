// The fast HCL reader against the faithful parser: on every HCL file of the project (shared seed examples,
// test data, the demo mesh, fuzz regressions and corpus), on emitted and generated HCL and on hand-written
// texts, the fast reader either declines or gives exactly the faithful parser's result, spans included,
// and parseHcl (which picks one) always gives the faithful result. It must also accept the common shapes
// (seed examples, emitHcl output, in-subset generated texts) and decline the rows listed as declined, so a
// reader that declines everything, or accepts what it should leave to the faithful parser, fails here.

#include "config/configset.h"
#include "config/emit.h"
#include "config/hclparser_p.h"
#include "fastreadertest.h"

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

/** Reads text both ways (and the automatic way) under limits; sets failure when a result differs from the
 *  faithful one. */
Outcome compareReadersWithin(QByteArrayView text, const QString &name, QString *failure, const ReadLimits &limits)
{
    const QString file = u"t.hcl"_s;
    const std::optional<Result<Value>> fast = detail::parseHclWith(text, file, limits, detail::HclPath::FastOnly);
    const std::optional<Result<Value>> slow = detail::parseHclWith(text, file, limits, detail::HclPath::FaithfulOnly);
    const std::optional<Result<Value>> mixed = detail::parseHclWith(text, file, limits, detail::HclPath::Auto);
    if (!slow || !mixed) {
        *failure = name + u": the faithful and automatic paths must always give a result"_s;
        return Outcome::Declined;
    }
    if (fast && (!fast->diagnostics.isEmpty() || !fast->value)) {
        *failure = name + u": the fast path accepted the text but reported diagnostics or no value"_s;
        return Outcome::Declined;
    }
    if (fast && !slow->diagnostics.isEmpty()) {
        *failure = u"%1: the fast path accepted a text the faithful parser refuses: %2"_s.arg(name, slow->diagnostics.first().format());
        return Outcome::Declined;
    }
    for (const auto &[other, label] : {std::pair{&*mixed, u"automatic"_s}, std::pair{fast ? &*fast : nullptr, u"fast"_s}}) {
        if (!other)
            continue;
        if (const QString d = test::diagnosticsDifference(other->diagnostics, slow->diagnostics); !d.isEmpty()) {
            *failure = u"%1: %2 path against the faithful parser: %3"_s.arg(name, label, d);
            return Outcome::Declined;
        }
        if (other->value.has_value() != slow->value.has_value()) {
            *failure = u"%1: %2 path gives %3 value, the faithful parser %4"_s.arg(name, label, other->value ? u"a"_s : u"no"_s, slow->value ? u"one"_s : u"none"_s);
            return Outcome::Declined;
        }
        if (other->value) {
            if (const QString d = test::valueDifference(*other->value, *slow->value, u"root"_s); !d.isEmpty()) {
                *failure = u"%1: %2 path differs from the faithful parser at %3"_s.arg(name, label, d);
                return Outcome::Declined;
            }
        }
    }
    return fast ? Outcome::Same : Outcome::Declined;
}

/** compareReadersWithin() under the default limits. */
Outcome compareReaders(QByteArrayView text, const QString &name, QString *failure)
{
    return compareReadersWithin(text, name, failure, ReadLimits{});
}

/** Random HCL files. In-subset mode writes only what the fast reader must accept; otherwise some values
 *  and keys are constructs it declines (heredocs, interpolation, hex, octal and exponent numbers, other
 *  escapes, stray tokens, keys that clash when hcl reshapes them). */
class HclGenerator
{
public:
    HclGenerator(quint32 seed, bool inSubset)
        : m_rng(seed)
        , m_inSubset(inSubset)
    {
    }

    QByteArray file()
    {
        QByteArray out;
        if (pick(4) == 0)
            out += comment() + "\n";
        items(out, 0, 0);
        if (pick(5) == 0)
            out += "/* trailing\n   comment */";
        if (pick(6) == 0 && out.endsWith('\n'))
            out.chop(1);
        return out;
    }

private:
    int pick(int n) { return int(m_rng.bounded(quint32(n))); }
    static QByteArray spaces(int n) { return QByteArray(n, ' '); }

    QByteArray comment()
    {
        switch (pick(3)) {
        case 0: return "# note";
        case 1: return "// note";
        default: return pick(2) == 0 ? "/* note */" : "/* two\n lines */";
        }
    }

    QByteArray key()
    {
        static const char *const keys[] = {"Kind", "Name", "Subsets", "v1", "Failover", "Targets", "Weight", "a.b", "x-y", "_z9", "\"*\"", "\"quoted key\"",
                                           "\"v\\\"2\"", "\"caf\xc3\xa9\"", "\"\"", "Routes", "Name"};
        if (!m_inSubset && pick(30) == 0) {
            static const char *const odd[] = {"true", "caf\xc3\xa9", "1x", "\"${a}\"", "-k"};
            return odd[pick(int(std::size(odd)))];
        }
        return keys[pick(int(std::size(keys)))];
    }

    QByteArray scalar()
    {
        static const char *const scalars[] = {"\"web\"", "\"\"", "\"a b\"", "\"Service.Meta.version == v1\"", "\"t\\tab\\n\\\"q\\\"\\\\\"", "\"\\u00e9\\u0041\"",
                                              "\"cost $5\"", "\"\xe6\x97\xa5\xe6\x9c\xac\"", "0", "42", "-7", "-0", "123456789012345678", "1.5", "-0.25",
                                              "0.1", "true", "false", "\"tab\there\"", "\"\\a\\b\\f\\v\\r\""};
        if (!m_inSubset && pick(12) == 0) {
            static const char *const odd[] = {"0x1F",    "017",      "1e3",        "1.",         "\"${var.x}\"",   "<<EOF\nx\nEOF\n", "\"\\x41\"",
                                              "\"\\101\"", "\"\\q\"",  "\"open",     "ident",      "1234567890123456789012", "+1", "- 1", ".5",
                                              "\"\\U0001F600\"", "\"\\ud800\""};
            return odd[pick(int(std::size(odd)))];
        }
        return scalars[pick(int(std::size(scalars)))];
    }

    QByteArray lineEnd()
    {
        switch (pick(10)) {
        case 0: return " # c\n";
        case 1: return " // c\n";
        case 2: return ",\n";
        case 3: return "\r\n";
        case 4: return "\n\n";
        default: return "\n";
        }
    }

    void items(QByteArray &out, int indent, int depth)
    {
        const int n = pick(5) + (depth == 0 ? 1 : 0);
        for (int i = 0; i < n; ++i) {
            if (pick(10) == 0)
                out += spaces(indent) + comment() + "\n";
            out += spaces(indent) + key();
            const int kind = depth >= 5 ? 0 : pick(12);
            if (kind <= 4) {
                out += " = " + scalar() + lineEnd();
            } else if (kind <= 6) {
                out += " = ";
                list(out, indent, depth + 1);
                out += lineEnd();
            } else if (kind <= 8) {
                out += pick(2) == 0 ? " = " : " ";
                object(out, indent, depth + 1);
                out += lineEnd();
            } else if (kind == 9) {
                // A multi-key block, sometimes repeated under the same first key.
                out += " " + key() + (pick(3) == 0 ? " " + key() : QByteArray()) + " ";
                object(out, indent, depth + 1);
                out += lineEnd();
            } else if (kind == 10) {
                out += " = {}" + lineEnd();
            } else {
                out += pick(2) == 0 ? " = []\n" : " = [ ]\n";
            }
            if (!m_inSubset && pick(25) == 0)
                out += pick(2) == 0 ? "}\n" : "= 1\n";
        }
    }

    void object(QByteArray &out, int indent, int depth)
    {
        out += "{\n";
        items(out, indent + 2, depth);
        out += spaces(indent) + "}";
    }

    void list(QByteArray &out, int indent, int depth)
    {
        const int n = pick(4);
        const bool multiline = pick(2) == 0;
        out += "[";
        for (int i = 0; i < n; ++i) {
            if (multiline)
                out += "\n" + spaces(indent + 2);
            const int kind = depth >= 5 ? 0 : pick(6);
            if (kind <= 2)
                out += scalar();
            else if (kind <= 4)
                object(out, indent + 2, depth + 1);
            else
                list(out, indent + 2, depth + 1);
            if (i + 1 < n)
                out += pick(3) == 0 ? " ," : ",";
            else if (pick(2) == 0)
                out += ",";
        }
        out += multiline ? "\n" + spaces(indent) + "]" : QByteArray("]");
    }

    QRandomGenerator m_rng;
    bool m_inSubset;
};

} // namespace

class TestHclFast : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void projectFiles_data();
    void projectFiles();
    void seedExamplesAreAccepted();
    void emittedHclIsAccepted();
    void generated_data();
    void generated();
    void handWritten_data();
    void handWritten();
    void limits_data();
    void limits();
    void everyPrefix();
};

void TestHclFast::projectFiles_data()
{
    test::addProjectFileRows({u"*.hcl"_s}, u"hcl"_s);
}

void TestHclFast::projectFiles()
{
    QFETCH(QString, path);
    QString failure;
    compareReaders(readFile(path), path, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

void TestHclFast::seedExamplesAreAccepted()
{
    int accepted = 0;
    const QStringList dirs{QStringLiteral(CHAINSCOPE_SHARED_DIR "/seed-examples"), QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/demo")};
    for (const QString &dir : dirs) {
        for (const QString &path : test::filesUnder(dir, {u"*.hcl"_s})) {
            if (path.contains(u"/bad/"))
                continue;
            requireAccepted(compareReaders, readFile(path), path, path + u": the fast reader declined an example"_s);
            if (QTest::currentTestFailed())
                return;
            ++accepted;
        }
    }
    QVERIFY2(accepted >= 5, "the seed examples and demo mesh hold HCL files");
}

void TestHclFast::emittedHclIsAccepted()
{
    // The bench corpus is emitHcl output (`chainscope entries --format hcl` too); so is this, from every
    // example's entries.
    const ConfigSet set = loadConfig({QStringLiteral(CHAINSCOPE_SHARED_DIR "/seed-examples/resolver-reference"), QStringLiteral(CHAINSCOPE_SHARED_DIR "/seed-examples/combined"),
                                      QStringLiteral(CHAINSCOPE_SHARED_DIR "/seed-examples/k8s-failover"), QStringLiteral(CHAINSCOPE_SHARED_DIR "/seed-examples/resolver-legacy"),
                                      QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/demo")});
    QVERIFY2(set.entries.size() >= 10, "the seed examples and demo mesh load");
    for (const Entry &e : set.entries) {
        const QByteArray hcl = emitHcl({e}).toUtf8();
        requireAccepted(compareReaders, hcl, u"emitted "_s + e.name, u"the fast reader declined emitted HCL:\n"_s + QString::fromUtf8(hcl));
        if (QTest::currentTestFailed())
            return;
    }
}

void TestHclFast::generated_data()
{
    test::addGeneratedRows(400, 400);
}

void TestHclFast::generated()
{
    QFETCH(quint32, seed);
    QFETCH(bool, inSubset);
    const QByteArray text = HclGenerator(seed, inSubset).file();
    QString failure;
    const Outcome o = compareReaders(text, u"generated"_s, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure + u"\n"_s + QString::fromUtf8(text)));
    if (inSubset) {
        const Result<Value> slow = parseHcl(text, u"t.hcl"_s);
        // In-subset texts may still repeat a first key with and without further keys (hcl: "map must
        // have string keys"); those the fast reader must decline, everything else it must accept.
        if (slow.diagnostics.isEmpty())
            QVERIFY2(o == Outcome::Same, qPrintable(u"the fast reader declined:\n"_s + QString::fromUtf8(text)));
        else
            QVERIFY2(slow.diagnostics.first().message.contains(u"map must have string keys"),
                     qPrintable(u"generated invalid HCL: "_s + slow.diagnostics.first().format() + u"\n"_s + QString::fromUtf8(text)));
    }
}

void TestHclFast::handWritten_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("accepted");
    // The subset, construct by construct.
    QTest::newRow("empty file") << QByteArray("") << true;
    QTest::newRow("only comments") << QByteArray("# a\n// b\n/* c\n d */\n") << true;
    QTest::newRow("scalars") << QByteArray("s = \"x\"\ni = 42\nn = -7\nz = -0\nf = 1.25\ng = -0.5\nt = true\nu = false\n") << true;
    QTest::newRow("bare and quoted keys") << QByteArray("a.b-c_d = 1\n\"quoted key\" = 2\n\"*\" = 3\n\"\" = 4\n_x = 5\n") << true;
    QTest::newRow("block") << QByteArray("Failover {\n  \"*\" {\n    Datacenters = [\"dc2\"]\n  }\n}\n") << true;
    QTest::newRow("object value") << QByteArray("Subsets = {\n  v1 = {\n    Filter = \"Service.Meta.version == v1\"\n  }\n}\n") << true;
    QTest::newRow("multi-key block") << QByteArray("service \"web\" {\n  port = 8080\n}\n") << true;
    QTest::newRow("three keys") << QByteArray("a \"b\" c {\n  x = 1\n}\n") << true;
    QTest::newRow("multi-key blocks gathered") << QByteArray("svc \"a\" { p = 1 }\nother = 2\nsvc \"b\" {}\nsvc \"a\" { p = 3 }\n") << true;
    QTest::newRow("list of objects") << QByteArray("Targets = [\n  { Peer = \"p1\" },\n  {\n    Datacenter = \"dc2\"\n  },\n]\n") << true;
    QTest::newRow("nested lists") << QByteArray("a = [[1, 2], [], [\"x\", [true]]]\n") << true;
    QTest::newRow("trailing commas") << QByteArray("a = [1, 2,]\nb = { c = 1, d = 2, }\ne = 3,\n") << true;
    QTest::newRow("empty object and list") << QByteArray("a = {}\nb {}\nc = []\nd = [ ]\n") << true;
    QTest::newRow("one line") << QByteArray("a = 1 b = \"x\" c { d = [1] }") << true;
    QTest::newRow("comments everywhere") << QByteArray("a /* k */ = /* v */ 1 # t\nb = [ // l\n 1, /* m\n */ 2 ]\n") << true;
    QTest::newRow("interpolation left open") << QByteArray("a = \"q\\\"\\\\\\n\\t\\r\\a\\b\\f\\v\"\nb = \"\\u00e9\\u4e2d\"\nc = \"$5 ${\"\n") << false;
    QTest::newRow("escapes without interpolation") << QByteArray("a = \"q\\\"\\\\\\n\\t\\r\\a\\b\\f\\v\"\nb = \"\\u00e9\\u4e2d\\u0000\"\nc = \"$5 $\"\n") << true;
    QTest::newRow("UTF-8 in strings and keys") << QByteArray("\"caf\xc3\xa9\" = \"\xe6\x97\xa5\xe6\x9c\xac\"\n") << true;
    QTest::newRow("tab in a string") << QByteArray("a = \"x\ty\"\n") << true;
    QTest::newRow("CRLF and tabs") << QByteArray("a = 1\r\nb {\r\n\tc = \"x\"\r\n}\r\n") << true;
    QTest::newRow("repeated scalar keys") << QByteArray("a = 1\na = 2\nb = \"x\"\nb = \"y\"\n") << true;
    QTest::newRow("repeated blocks") << QByteArray("a { x = 1 }\nb = 2\na { x = 2 }\na = { x = 3 }\n") << true;
    QTest::newRow("repeated lists") << QByteArray("a = [1]\na = [2, 3]\n") << true;
    QTest::newRow("list after scalar") << QByteArray("a = 1\na = [2]\na { }\n") << true;
    QTest::newRow("number then key") << QByteArray("a = 1b = 2\n") << true;
    QTest::newRow("no final newline") << QByteArray("a = \"x\"") << true;
    QTest::newRow("largest plain integer") << QByteArray("a = 999999999999999999\nb = -999999999999999999\n") << true;
    QTest::newRow("deep") << QByteArray("a { b { c { d = [[[{ e = 1 }]]] } } }\n") << true;
    // What it leaves to the faithful parser.
    QTest::newRow("heredoc") << QByteArray("a = <<EOF\nx\nEOF\n") << false;
    QTest::newRow("interpolation") << QByteArray("a = \"${var.x}\"\n") << false;
    QTest::newRow("hex") << QByteArray("a = 0x1F\n") << false;
    QTest::newRow("octal") << QByteArray("a = 017\n") << false;
    QTest::newRow("exponent") << QByteArray("a = 1e3\n") << false;
    QTest::newRow("float without fraction") << QByteArray("a = 1.\n") << false;
    QTest::newRow("long integer") << QByteArray("a = 1234567890123456789\n") << false;
    QTest::newRow("octal escape") << QByteArray("a = \"\\101\"\n") << false;
    QTest::newRow("hex escape") << QByteArray("a = \"\\x41\"\n") << false;
    QTest::newRow("long unicode escape") << QByteArray("a = \"\\U0001F600\"\n") << false;
    QTest::newRow("surrogate escape") << QByteArray("a = \"\\ud800\"\n") << false;
    QTest::newRow("unknown escape") << QByteArray("a = \"\\q\"\n") << false;
    QTest::newRow("string over two lines") << QByteArray("a = \"x\ny\"\n") << false;
    QTest::newRow("unterminated string") << QByteArray("a = \"x") << false;
    QTest::newRow("identifier beyond ASCII") << QByteArray("caf\xc3\xa9 = 1\n") << false;
    QTest::newRow("bool as key") << QByteArray("true = 1\n") << false;
    QTest::newRow("identifier value") << QByteArray("a = b\n") << false;
    QTest::newRow("stray brace") << QByteArray("a = 1\n}\n") << false;
    QTest::newRow("missing value at end") << QByteArray("a =") << false;
    QTest::newRow("missing value in block") << QByteArray("a { b = }\n") << false;
    QTest::newRow("unclosed block") << QByteArray("a {\n b = 1\n") << false;
    QTest::newRow("unclosed list") << QByteArray("a = [1, 2\n") << false;
    QTest::newRow("double comma in list") << QByteArray("a = [1,,2]\n") << false;
    QTest::newRow("leading comma in list") << QByteArray("a = [,1]\n") << false;
    QTest::newRow("lists without comma") << QByteArray("a = [[1] [2]]\n") << false;
    QTest::newRow("double comma after item") << QByteArray("a = 1,,\n") << false;
    QTest::newRow("multi-key assignment") << QByteArray("a b = 1\n") << false;
    QTest::newRow("lone slash") << QByteArray("a = 1 / 2\n") << false;
    QTest::newRow("unterminated comment") << QByteArray("a = 1 /* x\n") << false;
    QTest::newRow("plus") << QByteArray("a = +1\n") << false;
    QTest::newRow("single key beside multi-key") << QByteArray("svc = 1\nsvc \"a\" {}\n") << false;
    QTest::newRow("multi-key first keys differ in case") << QByteArray("svc \"a\" {}\nSVC \"b\" {}\n") << false;
    QTest::newRow("form feed") << QByteArray("a = 1\f\n") << false;
}

void TestHclFast::handWritten()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, accepted);
    test::requireDecision(compareReaders, text, accepted);
}

void TestHclFast::limits_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("maxDepth");
    QTest::addColumn<qint64>("maxNodes");
    QTest::addColumn<bool>("accepted");
    const QByteArray text = "a { b = [1, { c = 2 }] }\nd = 3\n"; // depth 3; 10 values: 4 items, 3 literals, 2 objects, 1 list
    QTest::newRow("within both") << text << 3 << qint64(10) << true;
    QTest::newRow("one value too many") << text << 3 << qint64(9) << false;
    QTest::newRow("one level too deep") << text << 2 << qint64(100) << false;
}

void TestHclFast::limits()
{
    QFETCH(QByteArray, text);
    QFETCH(int, maxDepth);
    QFETCH(qint64, maxNodes);
    QFETCH(bool, accepted);
    ReadLimits limits;
    limits.maxDepth = maxDepth;
    limits.maxNodes = maxNodes;
    QString failure;
    const Outcome o = compareReadersWithin(text, QString::fromUtf8(text), &failure, limits);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(o == Outcome::Same, accepted);
    // A limit the fast reader declines on is the faithful parser's error to report.
    const Result<Value> r = parseHcl(text, u"t.hcl"_s, limits);
    QCOMPARE(r.diagnostics.isEmpty(), accepted);
}

// Every prefix of these texts, each copied into a heap block of exactly its size: in the ASan build a reader
// that looks one byte past the end of its text fails here.
void TestHclFast::everyPrefix()
{
    const QList<QByteArray> texts = {
        "Kind = \"service-resolver\"\nSubsets = {\n  v1 = { Filter = \"x == 1\", OnlyPassing = true }\n}\nn = -12.5 # c\n",
        "a \"b\" { c = [1, [2], {d = \"e\\u00e9\\n\"}] } // x\n/* y */ f = 0\n",
        "x = [\n  { Peer = \"p\" },\n]\nx = [2]\ny = \"$\"\n",
    };
    test::requireSameOnEveryPrefix(compareReaders, texts);
}

QTEST_GUILESS_MAIN(TestHclFast)
#include "tst_hclfast.moc"
