// Typed decoding: kind detection, key translation, shapes, weak scalars, durations, Normalize, CRDs.
#include "config/decodecodes.h"
#include "config/decoder.h"
#include "config/reader.h"
#include "config/schema.h"

#include <QTest>

#include <limits>

using namespace chainscope;
using namespace chainscope::config;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(chainscope::config::DocumentFormat)
Q_DECLARE_METATYPE(chainscope::config::Edition)

namespace {

DocumentFormat formatOf(const QString &file)
{
    if (file.endsWith(u".json"))
        return DocumentFormat::Json;
    if (file.endsWith(u".yaml"))
        return DocumentFormat::Yaml;
    return DocumentFormat::Hcl;
}

/** Reads and decodes one text; syntax errors fail the test (these tests are about decoding). */
DecodeResult decodeText(const QByteArray &text, const QString &file = u"t.hcl"_s, Edition edition = Edition::Enterprise)
{
    const ReadResult read = readText(text, file, formatOf(file));
    if (!read.diagnostics.isEmpty())
        qWarning() << "syntax:" << read.diagnostics;
    DecodeResult out;
    for (const SourceDocument &doc : read.documents) {
        DecodeResult r = decodeDocument(doc, DecodeOptions{edition});
        out.entries.append(r.entries);
        out.diagnostics.append(r.diagnostics);
    }
    return out;
}

QStringList messages(const Diagnostics &diags)
{
    QStringList out;
    for (const Diagnostic &d : diags)
        out << d.message;
    return out;
}

/** The canonical tree of the single entry as compact JSON-ish text, for whole-value comparisons. */
QString compact(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Null:
        return u"null"_s;
    case Value::Type::Bool:
        return v.toBool() ? u"true"_s : u"false"_s;
    case Value::Type::Int:
        return QString::number(v.toInt());
    case Value::Type::Float:
        return QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest) + u'f';
    case Value::Type::String:
        return schema::goQuote(v.toString());
    case Value::Type::List: {
        QStringList parts;
        for (const Value &i : v.items())
            parts << compact(i);
        return u'[' + parts.join(u',') + u']';
    }
    case Value::Type::Map: {
        QStringList parts;
        for (const auto &m : v.members())
            parts << m.key + u':' + compact(m.value);
        return u'{' + parts.join(u',') + u'}';
    }
    }
    return {};
}

QString field(const Entry &e, QStringView path)
{
    const Value *v = &e.tree;
    for (const schema::PathSegment &seg : schema::parseFieldPath(path)) {
        if (seg.index >= 0)
            v = v->isList() && seg.index < v->items().size() ? &v->items()[seg.index] : nullptr;
        else
            v = v->isMap() ? v->find(seg.name) : nullptr;
        if (!v)
            return u"<absent>"_s;
    }
    return compact(*v);
}

/** Whole-value equality including what Value::sameAs ignores: every span, key span and quoted flag. */
bool sameWithSpans(const Value &a, const Value &b)
{
    if (!a.sameAs(b) || !(a.span() == b.span()) || a.isQuoted() != b.isQuoted())
        return false;
    for (qsizetype i = 0; i < a.items().size(); ++i) {
        if (!sameWithSpans(a.items()[i], b.items()[i]))
            return false;
    }
    for (qsizetype i = 0; i < a.members().size(); ++i) {
        if (!(a.members()[i].keySpan == b.members()[i].keySpan) || !sameWithSpans(a.members()[i].value, b.members()[i].value))
            return false;
    }
    return true;
}

} // namespace

class TestDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kindDetection_data();
    void kindDetection();
    void unknownKeys_data();
    void unknownKeys();
    void unknownKeyIsLocatedAtTheKey();
    void keyTranslation_data();
    void keyTranslation();
    void shapes_data();
    void shapes();
    void weakScalars_data();
    void weakScalars();
    void goDurations_data();
    void goDurations();
    void durationStrings_data();
    void durationStrings();
    void canonicalDurationTexts_data();
    void canonicalDurationTexts();
    void kindNamesAreExact();
    void normalize_data();
    void normalize();
    void intentionsPrecedenceSortsSources();
    void typedBodies();
    void typedBodiesOfEveryKind();
    void kindAndNameFixUpsKeepTheirSpans();
    void crdNamesLowerTheLeadingCapitals();
    void kubernetes_data();
    void kubernetes();
    void kubernetesNamespaceMapping();
    void displayFieldPaths_data();
    void displayFieldPaths();
    void spanOfLocatesFields();
    void hostileShapesDoNotCrash();
    void fieldNamesAreUniquePerStruct();
    void consumingDecodeMatchesCopyingDecode_data();
    void consumingDecodeMatchesCopyingDecode();
    void canonicalMemberOrder_data();
    void canonicalMemberOrder();
    void parsedKeysAreTheSchemasStrings();
};

void TestDecoder::kindDetection_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    // config.md §5 cases 4-6.
    QTest::newRow("no kind") << "Name = \"web\"\n"_ba << u"a.hcl"_s << QString(codes::KindMissing)
                             << u"Payload does not contain a kind/Kind key at the top level"_s;
    QTest::newRow("unknown kind") << "Kind = \"service-resolvers\"\n"_ba << u"a.hcl"_s << QString(codes::KindUnknown)
                                  << u"invalid config entry kind: service-resolvers"_s;
    QTest::newRow("kind not a string") << R"({"Kind": 5, "Name":"web"})"_ba << u"a.json"_s << QString(codes::KindNotString)
                                       << u"Kind value in payload is not a string"_s;
    QTest::newRow("KIND is not a kind key") << "KIND = \"service-resolver\"\n"_ba << u"a.hcl"_s
                                            << QString(codes::KindMissing)
                                            << u"Payload does not contain a kind/Kind key at the top level"_s;
}

void TestDecoder::kindDetection()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, file);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const DecodeResult r = decodeText(text, file);
    QVERIFY(r.entries.isEmpty());
    QCOMPARE(r.diagnostics.size(), 1);
    QCOMPARE(r.diagnostics[0].code, code);
    QCOMPARE(r.diagnostics[0].message, message);
    QCOMPARE(r.diagnostics[0].where.file, file);
    QVERIFY(r.diagnostics[0].where.begin.line >= 1);
}

void TestDecoder::unknownKeys_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("file");
    QTest::addColumn<Edition>("edition");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("fieldPath");

    QTest::newRow("typo with suggestion")
        << "Kind = \"service-resolver\"\nName = \"web\"\nConectTimeout = \"5s\"\n"_ba << u"a.hcl"_s << Edition::Enterprise
        << QStringList{u"invalid config key \"ConectTimeout\" (did you mean \"ConnectTimeout\"?)"_s} << u"ConectTimeout"_s;
    QTest::newRow("alias typo suggests the alias")
        << "kind = \"service-resolver\"\nname = \"web\"\nconect_timeout = \"5s\"\n"_ba << u"a.hcl"_s << Edition::Enterprise
        << QStringList{u"invalid config key \"conect_timeout\" (did you mean \"connect_timeout\"?)"_s} << u"conect_timeout"_s;
    QTest::newRow("nothing close")
        << "Kind = \"service-resolver\"\nName = \"web\"\nBanana = 1\n"_ba << u"a.hcl"_s << Edition::Enterprise
        << QStringList{u"invalid config key \"Banana\""_s} << u"Banana"_s;
    QTest::newRow("nested in a list")
        << R"({"Kind":"service-router","Name":"web","Routes":[{"Destination":{"Service":"a","Foo":1}}]})"_ba << u"a.json"_s
        << Edition::Enterprise << QStringList{u"invalid config key \"Routes[0].Destination.Foo\""_s}
        << u"Routes[0].Destination.Foo"_s;
    QTest::newRow("nested in a map")
        << R"({"Kind":"service-resolver","Name":"web","Subsets":{"v1":{"Filtr":"x"}}})"_ba << u"a.json"_s
        << Edition::Enterprise
        << QStringList{u"invalid config key \"Subsets[v1].Filtr\" (did you mean \"Filter\"?)"_s} << u"Subsets[\"v1\"].Filtr"_s;
    QTest::newRow("namespace under CE (case 10)")
        << R"({"Kind":"service-resolver","Name":"web","Namespace":"ns1"})"_ba << u"a.json"_s << Edition::CE
        << QStringList{u"invalid config key \"Namespace\", namespaces are a consul enterprise feature"_s} << u"Namespace"_s;
    QTest::newRow("partition under CE")
        << R"({"Kind":"service-resolver","Name":"web","Partition":"p1"})"_ba << u"a.json"_s << Edition::CE
        << QStringList{u"invalid config key \"Partition\""_s} << u"Partition"_s;
    QTest::newRow("source namespace under CE")
        << R"({"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Action":"allow","Namespace":"x"}]})"_ba
        << u"a.json"_s << Edition::CE
        << QStringList{u"invalid config key \"Sources[0].Namespace\", namespaces are a consul enterprise feature"_s}
        << u"Sources[0].Namespace"_s;
    QTest::newRow("two spellings of one field")
        << "Kind = \"service-resolver\"\nName = \"web\"\nname = \"api\"\n"_ba << u"a.hcl"_s << Edition::Enterprise
        << QStringList{u"invalid config key \"name\" (\"Name\" is already set by another spelling)"_s} << u"name"_s;
    QTest::newRow("kind and Kind are both skipped")
        << "Kind = \"service-resolver\"\nkind = \"service-resolver\"\nName = \"web\"\n"_ba << u"a.hcl"_s
        << Edition::Enterprise << QStringList{} << QString();
    QTest::newRow("map keys are not translated")
        << R"({"Kind":"service-resolver","Name":"web","Meta":{"Owner_Team":"x"},"Subsets":{"V1":{}}})"_ba << u"a.json"_s
        << Edition::Enterprise << QStringList{} << QString();
}

void TestDecoder::unknownKeys()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, file);
    QFETCH(Edition, edition);
    QFETCH(QStringList, expected);
    QFETCH(QString, fieldPath);
    const DecodeResult r = decodeText(text, file, edition);
    QCOMPARE(messages(r.diagnostics), expected);
    if (!expected.isEmpty()) {
        QCOMPARE(r.diagnostics[0].field, fieldPath);
        QVERIFY(r.entries.isEmpty());
    } else {
        QCOMPARE(r.entries.size(), 1);
    }
}

void TestDecoder::unknownKeyIsLocatedAtTheKey()
{
    const DecodeResult r = decodeText("Kind = \"service-resolver\"\nName = \"web\"\nSubsets {\n  v1 {\n    Filtr = \"x\"\n  }\n}\n"_ba);
    QCOMPARE(r.diagnostics.size(), 1);
    QCOMPARE(r.diagnostics[0].where.begin.line, 5);
    QCOMPARE(r.diagnostics[0].where.begin.column, 5);
    QCOMPARE(r.diagnostics[0].code, QString(codes::UnknownKey));
}

void TestDecoder::keyTranslation_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::newRow("snake_case aliases") << "kind = \"service-resolver\"\nname = \"web\"\ndefault_subset = \"v1\"\nconnect_timeout = \"5s\"\nsubsets = { v1 = { only_passing = true } }\n"_ba
                                        << "Kind = \"service-resolver\"\nName = \"web\"\nDefaultSubset = \"v1\"\nConnectTimeout = \"5s\"\nSubsets = { v1 = { OnlyPassing = true } }\n"_ba;
    QTest::newRow("case-insensitive names") << "KIND = 1\nkind = \"service-resolver\"\nNAME = \"web\"\nconnecttimeout = \"5s\"\n"_ba
                                            << "Kind = \"service-resolver\"\nName = \"web\"\nConnectTimeout = \"5s\"\n"_ba;
    QTest::newRow("router aliases") << "kind = \"service-router\"\nname = \"web\"\nroutes = [{ match { http { path_prefix = \"/a\", methods = \"get\" } } destination { service = \"api\", num_retries = 3, retry_on_status_codes = [503] } }]\n"_ba
                                    << "Kind = \"service-router\"\nName = \"web\"\nRoutes = [{ Match = { HTTP = { PathPrefix = \"/a\", Methods = [\"GET\"] } }, Destination = { Service = \"api\", NumRetries = 3, RetryOnStatusCodes = [503] } }]\n"_ba;
}

void TestDecoder::keyTranslation()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    const DecodeResult ra = decodeText(a);
    const DecodeResult rb = decodeText(b);
    QVERIFY2(ra.diagnostics.isEmpty(), qPrintable(messages(ra.diagnostics).join(u'\n')));
    QVERIFY2(rb.diagnostics.isEmpty(), qPrintable(messages(rb.diagnostics).join(u'\n')));
    QCOMPARE(ra.entries.size(), 1);
    QCOMPARE(rb.entries.size(), 1);
    QCOMPARE(compact(ra.entries[0].tree), compact(rb.entries[0].tree));
    QVERIFY(ra.entries[0].sameContent(rb.entries[0]));
}

void TestDecoder::shapes_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected"); ///< compact value, or the error message
    QTest::newRow("JSON list of one where an object is expected")
        << R"({"Kind":"service-resolver","Name":"web","Redirect":[{"Service":"x"}]})"_ba << u"a.json"_s << u"Redirect"_s
        << u"{Service:\"x\"}"_s;
    QTest::newRow("two Redirect blocks (case 9)")
        << "Kind = \"service-resolver\"\nName = \"web\"\nRedirect { Service = \"a\" }\nRedirect { Service = \"b\" }\n"_ba
        << u"a.hcl"_s << QString() << u"'Redirect' expected a map, got 'slice'"_s;
    QTest::newRow("repeated Subsets blocks merge")
        << "Kind = \"service-resolver\"\nName = \"web\"\nSubsets { v1 { Filter = \"a\" } }\nSubsets { v2 { Filter = \"b\" } }\n"_ba
        << u"a.hcl"_s << u"Subsets"_s << u"{v1:{Filter:\"a\"},v2:{Filter:\"b\"}}"_s;
    QTest::newRow("multi-key failover blocks")
        << "Kind = \"service-resolver\"\nName = \"web\"\nFailover \"*\" { Datacenters = [\"dc2\"] }\nFailover \"v1\" { Service = \"b\" }\n"_ba
        << u"a.hcl"_s << u"Failover"_s << u"{*:{Datacenters:[\"dc2\"]},v1:{Service:\"b\"}}"_s;
    QTest::newRow("members out of field order, nulls dropped")
        << R"({"Kind":"service-resolver","Name":"web","Redirect":{"Peer":"p","Datacenter":null,"Service":"s","Namespace":"n"}})"_ba
        << u"a.json"_s << u"Redirect"_s << u"{Service:\"s\",Namespace:\"n\",Peer:\"p\"}"_s;
    QTest::newRow("members out of field order, read-only dropped")
        << R"({"Kind":"service-router","Name":"web","Routes":[{"Destination":{"NumRetries":2,"Service":"a"},"Match":{"HTTP":{"Methods":["GET"],"PathPrefix":"/"}}}],"CreateIndex":5})"_ba
        << u"a.json"_s << u"Routes"_s << u"[{Match:{HTTP:{PathPrefix:\"/\",Methods:[\"GET\"]}},Destination:{Service:\"a\",NumRetries:2}}]"_s;
    QTest::newRow("scalar where a list is expected")
        << "Kind = \"service-router\"\nName = \"web\"\nRoutes { Match { HTTP { Methods = \"get\" } } }\n"_ba << u"a.hcl"_s
        << u"Routes[0].Match.HTTP.Methods"_s << u"[\"GET\"]"_s;
    QTest::newRow("any: one-element lists unwrap")
        << "Kind = \"proxy-defaults\"\nConfig { envoy_stats_tags = [\"a\"]\n nested { x = [1] }\n two = [1, 2] }\n"_ba
        << u"a.hcl"_s << u"Config"_s << u"{envoy_stats_tags:\"a\",nested:{x:1},two:[1,2]}"_s;
    QTest::newRow("any: JSON floats that are integers")
        << R"({"Kind":"proxy-defaults","Config":{"n":5.0,"f":1.5}})"_ba << u"a.json"_s << u"Config"_s
        << u"{f:1.5f,n:5}"_s;
    QTest::newRow("a map where an object is a string")
        << R"({"Kind":"service-resolver","Name":"web","Redirect":"x"})"_ba << u"a.json"_s << QString()
        << u"'Redirect' expected a map, got 'string'"_s;
}

void TestDecoder::shapes()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, file);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    const DecodeResult r = decodeText(text, file);
    if (path.isEmpty()) {
        QCOMPARE(messages(r.diagnostics), QStringList{expected});
        QCOMPARE(r.diagnostics[0].code, QString(codes::ExpectedShape));
        return;
    }
    QVERIFY2(r.diagnostics.isEmpty(), qPrintable(messages(r.diagnostics).join(u'\n')));
    QCOMPARE(field(r.entries.value(0), path), expected);
}

void TestDecoder::weakScalars_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    const auto router = [](const char *dest) -> QByteArray {
        return "Kind = \"service-router\"\nName = \"web\"\nRoutes = [{ Destination = { "_ba + dest + " } }]\n"_ba;
    };
    const QString d = u"Routes[0].Destination."_s;
    QTest::newRow("string from int") << router("Service = 42") << d + u"Service" << u"\"42\""_s;
    QTest::newRow("string from bool") << router("Service = true") << d + u"Service" << u"\"1\""_s;
    QTest::newRow("string from float") << router("Service = 1.5") << d + u"Service" << u"\"1.5\""_s;
    QTest::newRow("bool from string") << router("RetryOnConnectFailure = \"T\"") << d + u"RetryOnConnectFailure" << u"true"_s;
    QTest::newRow("bool from number") << router("RetryOnConnectFailure = 2") << d + u"RetryOnConnectFailure" << u"true"_s;
    QTest::newRow("bool from empty string") << router("RetryOnConnectFailure = \"\"") << d + u"RetryOnConnectFailure" << u"false"_s;
    QTest::newRow("bool from yes")
        << router("RetryOnConnectFailure = \"yes\"") << QString()
        << u"cannot parse 'Routes[0].Destination.RetryOnConnectFailure' as bool: strconv.ParseBool: parsing \"yes\": invalid syntax"_s;
    QTest::newRow("uint from hex string") << router("NumRetries = \"0x10\"") << d + u"NumRetries" << u"16"_s;
    QTest::newRow("uint from bool") << router("NumRetries = true") << d + u"NumRetries" << u"1"_s;
    QTest::newRow("uint from float truncates") << router("NumRetries = 2.9") << d + u"NumRetries" << u"2"_s;
    QTest::newRow("negative uint32 wraps") << router("NumRetries = -1") << d + u"NumRetries" << u"4294967295"_s;
    QTest::newRow("uint from text")
        << router("NumRetries = \"abc\"") << QString()
        << u"cannot parse 'Routes[0].Destination.NumRetries' as uint: strconv.ParseUint: parsing \"abc\": invalid syntax"_s;
    QTest::newRow("string from list")
        << router("Service = [\"a\", \"b\"]") << QString()
        << u"'Routes[0].Destination.Service' expected type 'string', got unconvertible type '[]interface {}', value: '[a b]'"_s;
    QTest::newRow("float from string")
        << "Kind = \"service-splitter\"\nName = \"web\"\nSplits = [{ Weight = \"50.5\" }]\n"_ba << u"Splits[0].Weight"_s << u"50.5f"_s;
    QTest::newRow("float from bad string")
        << "Kind = \"service-splitter\"\nName = \"web\"\nSplits = [{ Weight = \"abc\" }]\n"_ba << QString()
        << u"cannot parse 'Splits[0].Weight' as float: strconv.ParseFloat: parsing \"abc\": invalid syntax"_s;
    QTest::newRow("list of one where a scalar is expected") << router("Service = [\"api\"]") << d + u"Service" << u"\"api\""_s;
}

void TestDecoder::weakScalars()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    const DecodeResult r = decodeText(text);
    if (path.isEmpty()) {
        QCOMPARE(messages(r.diagnostics), QStringList{expected});
        QVERIFY(r.entries.isEmpty());
        // Type errors are located at the value.
        QVERIFY(r.diagnostics[0].where.begin.column > 1);
        return;
    }
    QVERIFY2(r.diagnostics.isEmpty(), qPrintable(messages(r.diagnostics).join(u'\n')));
    QCOMPARE(field(r.entries.value(0), path), expected);
}

void TestDecoder::goDurations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("nanoseconds");
    QTest::addColumn<QString>("error");
    QTest::newRow("15s") << u"15s"_s << qint64(15'000'000'000) << QString();
    QTest::newRow("1m30s") << u"1m30s"_s << qint64(90'000'000'000) << QString();
    QTest::newRow("1.5h") << u"1.5h"_s << qint64(5'400'000'000'000) << QString();
    QTest::newRow("-2s") << u"-2s"_s << qint64(-2'000'000'000) << QString();
    QTest::newRow("+5ms") << u"+5ms"_s << qint64(5'000'000) << QString();
    QTest::newRow("0") << u"0"_s << qint64(0) << QString();
    QTest::newRow("0s") << u"0s"_s << qint64(0) << QString();
    QTest::newRow(".5s") << u".5s"_s << qint64(500'000'000) << QString();
    QTest::newRow("us") << u"3us"_s << qint64(3'000) << QString();
    QTest::newRow("micro sign") << u"3\u00B5s"_s << qint64(3'000) << QString();
    QTest::newRow("greek mu") << u"3\u03BCs"_s << qint64(3'000) << QString();
    QTest::newRow("1h2m3s4ms5us6ns") << u"1h2m3s4ms5us6ns"_s << qint64(3'723'004'005'006) << QString();
    QTest::newRow("empty") << QString() << qint64(0) << u"time: invalid duration \"\""_s;
    QTest::newRow("abc") << u"abc"_s << qint64(0) << u"time: invalid duration \"abc\""_s;
    QTest::newRow("missing unit") << u"15"_s << qint64(0) << u"time: missing unit in duration \"15\""_s;
    QTest::newRow("unknown unit") << u"15x"_s << qint64(0) << u"time: unknown unit \"x\" in duration \"15x\""_s;
    QTest::newRow("days are not a unit") << u"1d"_s << qint64(0) << u"time: unknown unit \"d\" in duration \"1d\""_s;
    QTest::newRow("lone sign") << u"-"_s << qint64(0) << u"time: invalid duration \"-\""_s;
    QTest::newRow("dot only") << u".s"_s << qint64(0) << u"time: invalid duration \".s\""_s;
    QTest::newRow("space") << u"1 s"_s << qint64(0) << u"time: unknown unit \" s\" in duration \"1 s\""_s;
    QTest::newRow("overflow") << u"9999999999h"_s << qint64(0) << u"time: invalid duration \"9999999999h\""_s;
}

void TestDecoder::goDurations()
{
    QFETCH(QString, text);
    QFETCH(qint64, nanoseconds);
    QFETCH(QString, error);
    const schema::ParsedDuration d = schema::parseGoDuration(text);
    QCOMPARE(d.error, error);
    if (error.isEmpty())
        QCOMPARE(d.value.count(), nanoseconds);
}

void TestDecoder::durationStrings_data()
{
    QTest::addColumn<qint64>("nanoseconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("0") << qint64(0) << u"0s"_s;
    QTest::newRow("5ns") << qint64(5) << u"5ns"_s;
    QTest::newRow("1.5µs") << qint64(1'500) << u"1.5\u00B5s"_s;
    QTest::newRow("500ms") << qint64(500'000'000) << u"500ms"_s;
    QTest::newRow("15s") << qint64(15'000'000'000) << u"15s"_s;
    QTest::newRow("1m30s") << qint64(90'000'000'000) << u"1m30s"_s;
    QTest::newRow("1h0m0s") << qint64(3'600'000'000'000) << u"1h0m0s"_s;
    QTest::newRow("-1s") << qint64(-1'000'000'000) << u"-1s"_s;
    QTest::newRow("1.000000001s") << qint64(1'000'000'001) << u"1.000000001s"_s;
    QTest::newRow("999ns") << qint64(999) << u"999ns"_s;
    QTest::newRow("1µs") << qint64(1'000) << u"1\u00B5s"_s;
    QTest::newRow("-1.5ms") << qint64(-1'500'000) << u"-1.5ms"_s;
    QTest::newRow("59.9s") << qint64(59'900'000'000) << u"59.9s"_s;
    QTest::newRow("10h10m0.01s") << qint64(36'600'010'000'000) << u"10h10m0.01s"_s;
    QTest::newRow("max") << std::numeric_limits<qint64>::max() << u"2562047h47m16.854775807s"_s;
    QTest::newRow("min") << std::numeric_limits<qint64>::min() << u"-2562047h47m16.854775808s"_s;
}

void TestDecoder::durationStrings()
{
    QFETCH(qint64, nanoseconds);
    QFETCH(QString, text);
    QCOMPARE(schema::goDurationString(Duration{nanoseconds}), text);
    schema::DurationText buffer;
    QCOMPARE(schema::goDurationText(Duration{nanoseconds}, buffer).toString(), text);
    QCOMPARE(schema::parseGoDuration(text).value.count(), nanoseconds);
}

void TestDecoder::canonicalDurationTexts_data()
{
    QTest::addColumn<QByteArray>("written"); // a JSON value
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<qint64>("nanoseconds");
    // Already Duration.String(): kept as written.
    QTest::newRow("5s") << "\"5s\""_ba << u"5s"_s << qint64(5'000'000'000);
    QTest::newRow("59s") << "\"59s\""_ba << u"59s"_s << qint64(59'000'000'000);
    QTest::newRow("0s") << "\"0s\""_ba << u"0s"_s << qint64(0);
    QTest::newRow("500ms") << "\"500ms\""_ba << u"500ms"_s << qint64(500'000'000);
    QTest::newRow("1ms") << "\"1ms\""_ba << u"1ms"_s << qint64(1'000'000);
    QTest::newRow("999ns") << "\"999ns\""_ba << u"999ns"_s << qint64(999);
    QTest::newRow("1m30s") << "\"1m30s\""_ba << u"1m30s"_s << qint64(90'000'000'000);
    QTest::newRow("1.5s") << "\"1.5s\""_ba << u"1.5s"_s << qint64(1'500'000'000);
    QTest::newRow("2h0m0s") << "\"2h0m0s\""_ba << u"2h0m0s"_s << qint64(7'200'000'000'000);
    // Another spelling of the same duration: rewritten.
    QTest::newRow("05s") << "\"05s\""_ba << u"5s"_s << qint64(5'000'000'000);
    QTest::newRow("000s") << "\"000s\""_ba << u"0s"_s << qint64(0);
    QTest::newRow("0ms") << "\"0ms\""_ba << u"0s"_s << qint64(0);
    QTest::newRow("0h") << "\"0h\""_ba << u"0s"_s << qint64(0);
    QTest::newRow("60s") << "\"60s\""_ba << u"1m0s"_s << qint64(60'000'000'000);
    QTest::newRow("1000ms") << "\"1000ms\""_ba << u"1s"_s << qint64(1'000'000'000);
    QTest::newRow("1000ns") << "\"1000ns\""_ba << u"1\u00B5s"_s << qint64(1'000);
    QTest::newRow("7us") << "\"7us\""_ba << u"7\u00B5s"_s << qint64(7'000);
    QTest::newRow("2h") << "\"2h\""_ba << u"2h0m0s"_s << qint64(7'200'000'000'000);
    QTest::newRow("90m") << "\"90m\""_ba << u"1h30m0s"_s << qint64(5'400'000'000'000);
    QTest::newRow("999999h") << "\"999999h\""_ba << u"999999h0m0s"_s << qint64(3'599'996'400'000'000'000);
    QTest::newRow("1234567s") << "\"1234567s\""_ba << u"342h56m7s"_s << qint64(1'234'567'000'000'000);
    QTest::newRow("+5s") << "\"+5s\""_ba << u"5s"_s << qint64(5'000'000'000);
    QTest::newRow("5s5s") << "\"5s5s\""_ba << u"10s"_s << qint64(10'000'000'000);
    QTest::newRow("number") << "5"_ba << u"5ns"_s << qint64(5);
}

void TestDecoder::canonicalDurationTexts()
{
    // A timeout in the canonical tree is Duration.String() of its value, located where it was written; the typed
    // body holds the same value.
    QFETCH(QByteArray, written);
    QFETCH(QString, canonical);
    QFETCH(qint64, nanoseconds);
    const DecodeResult r = decodeText(R"({"Kind":"service-resolver","Name":"a","ConnectTimeout":)" + written + "}", u"d.json"_s);
    QVERIFY2(r.diagnostics.isEmpty(), qPrintable(messages(r.diagnostics).join(u'\n')));
    const Entry &e = r.entries.value(0);
    QCOMPARE(field(e, u"ConnectTimeout"), schema::goQuote(canonical));
    QCOMPARE(e.spanOf(u"ConnectTimeout").begin.column, 56);
    QVERIFY(e.as<ServiceResolver>());
    QCOMPARE(e.as<ServiceResolver>()->connectTimeout.count(), nanoseconds);
}

void TestDecoder::kindNamesAreExact()
{
    // Kind names parse back to their kind, and only when written exactly.
    for (EntryKind k : {EntryKind::ServiceResolver, EntryKind::ServiceRouter, EntryKind::ServiceSplitter,
                        EntryKind::ServiceIntentions, EntryKind::ServiceDefaults, EntryKind::ProxyDefaults}) {
        QCOMPARE(kindFromName(kindName(k)), std::optional<EntryKind>(k));
        QCOMPARE(kindFromName(kindName(k).toUpper()), std::nullopt);
        QCOMPARE(kindFromName(kindName(k).chopped(1)), std::nullopt);
        QCOMPARE(kindFromName(QString(kindName(k) + u's')), std::nullopt);
    }
    QCOMPARE(kindFromName(u""), std::nullopt);
    QCOMPARE(kindFromName(u"service-r\u00E9solver"), std::nullopt);
}

void TestDecoder::normalize_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::newRow("timeout as number is nanoseconds")
        << "Kind = \"service-resolver\"\nName = \"web\"\nConnectTimeout = 5\n"_ba << u"a.hcl"_s << u"ConnectTimeout"_s
        << u"\"5ns\""_s;
    QTest::newRow("timeout in canonical Go text")
        << R"({"Kind":"service-resolver","Name":"web","ConnectTimeout":"90s"})"_ba << u"a.json"_s << u"ConnectTimeout"_s
        << u"\"1m30s\""_s;
    QTest::newRow("TTL as nanoseconds")
        << "Kind = \"service-resolver\"\nName = \"web\"\nLoadBalancer { Policy = \"maglev\"\nHashPolicies = [{ Field = \"cookie\", FieldValue = \"c\", CookieConfig = { TTL = \"10s\" } }] }\n"_ba
        << u"a.hcl"_s << u"LoadBalancer.HashPolicies[0].CookieConfig.TTL"_s << u"10000000000"_s;
    QTest::newRow("methods upper-cased")
        << "Kind = \"service-router\"\nName = \"web\"\nRoutes = [{ Match { HTTP { Methods = [\"get\", \"Post\"] } } }]\n"_ba
        << u"a.hcl"_s << u"Routes[0].Match.HTTP.Methods"_s << u"[\"GET\",\"POST\"]"_s;
    QTest::newRow("weights rounded to 0.01")
        << "Kind = \"service-splitter\"\nName = \"web\"\nSplits = [{ Weight = 33.333 }, { Weight = 99.999 }, { Weight = 0.001 }]\n"_ba
        << u"a.hcl"_s << u"Splits"_s << u"[{Weight:33.33000183105469f},{Weight:100f},{Weight:0f}]"_s;
    QTest::newRow("protocol lower-cased")
        << "Kind = \"service-defaults\"\nName = \"web\"\nProtocol = \"HTTP\"\n"_ba << u"a.hcl"_s << u"Protocol"_s << u"\"http\""_s;
    QTest::newRow("proxy-defaults name global")
        << "Kind = \"proxy-defaults\"\n"_ba << u"a.hcl"_s << u"Name"_s << u"\"global\""_s;
    QTest::newRow("kind canonical")
        << "kind = \"service-defaults\"\nname = \"web\"\n"_ba << u"a.hcl"_s << u"Kind"_s << u"\"service-defaults\""_s;
    QTest::newRow("intentions type consul")
        << "Kind = \"service-intentions\"\nName = \"web\"\nSources = [{ Name = \"a\", Action = \"allow\" }]\n"_ba << u"a.hcl"_s
        << u"Sources[0].Type"_s << u"\"consul\""_s;
    QTest::newRow("legacy id cleared")
        << "Kind = \"service-intentions\"\nName = \"web\"\nSources = [{ Name = \"a\", Action = \"allow\", LegacyID = \"x\" }]\n"_ba
        << u"a.hcl"_s << u"Sources[0].LegacyID"_s << u"<absent>"_s;
}

void TestDecoder::normalize()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, file);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    const DecodeResult r = decodeText(text, file);
    QVERIFY2(r.diagnostics.isEmpty(), qPrintable(messages(r.diagnostics).join(u'\n')));
    QCOMPARE(field(r.entries.value(0), path), expected);
}

void TestDecoder::intentionsPrecedenceSortsSources()
{
    const DecodeResult r = decodeText(R"({"Kind":"service-intentions","Name":"web","Sources":[
        {"Name":"*","Action":"deny"},{"Name":"a","Action":"allow"},{"Name":"b","Namespace":"*","Action":"allow"},
        {"Name":"c","Action":"allow"}]})"_ba, u"a.json"_s);
    QVERIFY2(r.diagnostics.isEmpty(), qPrintable(messages(r.diagnostics).join(u'\n')));
    QCOMPARE(r.entries.size(), 1);
    const auto *body = r.entries[0].as<ServiceIntentions>();
    QVERIFY(body);
    QStringList order;
    QList<int> precedence;
    for (const SourceIntention &s : body->sources) {
        order << s.name;
        precedence << s.precedence;
    }
    QCOMPARE(order, (QStringList{u"a"_s, u"c"_s, u"*"_s, u"b"_s}));
    QCOMPARE(precedence, (QList<int>{9, 9, 8, 7}));
    QCOMPARE(field(r.entries[0], u"Sources[2].Precedence"), u"8"_s);
}

void TestDecoder::typedBodies()
{
    const DecodeResult r = decodeText(R"(
Kind = "service-resolver"
Name = "web"
DefaultSubset = "v1"
ConnectTimeout = "15s"
Subsets = { v1 = { Filter = "Service.Meta.version == v1", OnlyPassing = true } }
Failover = { "*" = { Targets = [{ Datacenter = "dc3" }, { Peer = "peer-01" }] } }
LoadBalancer = { Policy = "ring_hash", RingHashConfig = { MinimumRingSize = 1024 } }
Meta = { team = "a" }
)"_ba);
    QVERIFY2(r.diagnostics.isEmpty(), qPrintable(messages(r.diagnostics).join(u'\n')));
    const Entry &e = r.entries.value(0);
    const auto *res = e.as<ServiceResolver>();
    QVERIFY(res);
    QCOMPARE(res->defaultSubset, u"v1"_s);
    QCOMPARE(res->connectTimeout, Duration{15'000'000'000});
    QVERIFY(res->subsets.value(u"v1"_s).onlyPassing);
    QCOMPARE(res->failover.value(u"*"_s).targets.size(), 2);
    QCOMPARE(res->failover.value(u"*"_s).targets[1].peer, u"peer-01"_s);
    QCOMPARE(res->failover.value(u"*"_s).targets[1].span.begin.line, 7);
    QVERIFY(res->loadBalancer && res->loadBalancer->hasRingHashConfig);
    QCOMPARE(res->loadBalancer->ringMinimumSize, std::optional<quint64>(1024));
    QVERIFY(!res->loadBalancer->ringMaximumSize);
    QCOMPARE(e.meta.value(u"team"_s), u"a"_s);
    QCOMPARE(e.displayName(), u"service-resolver/web"_s);
}

void TestDecoder::typedBodiesOfEveryKind()
{
    // Every typed body field the decoder fills, with the spans bodies carry, read from canonical trees whose
    // members were written out of field order, under aliases and with fix-ups (Kind, methods, namespaces).
    const DecodeResult r = decodeText(R"([
{"Name":"web","Kind":"service-resolver","Namespace":"ns","Partition":"p","Meta":{"z":"1","a":"2"},
 "request_timeout":"1m30s","ConnectTimeout":"5s","DefaultSubset":"v1",
 "Subsets":{"v2":{"OnlyPassing":true,"Filter":"f2"},"v1":{"Filter":"f1"}},
 "Redirect":{"SamenessGroup":"sg","Service":"s","ServiceSubset":"ss","Namespace":"n","Partition":"pa","Datacenter":"d","Peer":"pe"},
 "Failover":{"*":{"Targets":[{"Peer":"p1","Service":"t1","ServiceSubset":"ts","Partition":"tp","Namespace":"tn","Datacenter":"td"}],
   "Datacenters":["dc2"],"Policy":{"Regions":["r1"],"Mode":"sequential"},"SamenessGroup":"g","Service":"fs","ServiceSubset":"fss","Namespace":"fn"}},
 "LoadBalancer":{"HashPolicies":[{"Terminal":true,"SourceIP":true,"CookieConfig":{"Path":"/c","TTL":"10s","Session":true},
   "FieldValue":"x","Field":"cookie"}],"LeastRequestConfig":{"ChoiceCount":3},"RingHashConfig":{"MaximumRingSize":9},"Policy":"maglev"},
 "PrioritizeByLocality":{"Mode":"failover"}},
{"Kind":"service-router","Name":"r","Namespace":"team","Partition":"part","Routes":[
 {"Destination":{"response_headers":{"Remove":["a"],"Set":{"b":"2"},"Add":{"c":"3"}},"RequestHeaders":{"Add":{"d":"4"}},
   "RetryOnStatusCodes":[503,504],"RetryOn":["5xx"],"RetryOnConnectFailure":true,"NumRetries":2,"IdleTimeout":"3s",
   "RequestTimeout":"2s","PrefixRewrite":"/p","ServiceSubset":"v2","Service":"api"},
  "Match":{"HTTP":{"Methods":["get","Post"],"QueryParam":[{"Regex":"q","Exact":"e","Present":true,"Name":"qp"}],
   "Header":[{"Invert":true,"Regex":"r","Suffix":"s","Prefix":"p","Exact":"e","Present":true,"Name":"h"}],
   "CaseInsensitive":true,"PathRegex":"re","PathPrefix":"/pre","PathExact":"/ex"}}},
 {"Destination":{"Service":"other"}}]},
{"Kind":"service-splitter","Name":"s","Splits":[{"ResponseHeaders":{"Set":{"x":"y"}},"Partition":"pp","Namespace":"nn",
 "ServiceSubset":"v1","Service":"a","Weight":33.333},{"Weight":66.667}]},
{"Kind":"service-intentions","Name":"db","Namespace":"dn","Sources":[
 {"Description":"d","Permissions":[{"HTTP":{"Methods":["get"],"Header":[{"IgnoreCase":true,"Invert":true,"Regex":"r",
   "Contains":"c","Suffix":"s","Prefix":"p","Exact":"e","Present":true,"Name":"h"}],"PathRegex":"x","PathPrefix":"/y","PathExact":"/z"},
   "Action":"deny"}],"SamenessGroup":"","Peer":"","Name":"web"},
 {"Name":"*","Action":"allow","Namespace":"*"}]},
{"Kind":"service-defaults","Name":"d","MutualTLSMode":"strict","ExternalSNI":"sni","MeshGateway":{"Mode":"local"},
 "Mode":"transparent","Protocol":"HTTP"},
{"Kind":"proxy-defaults","Name":"","PrioritizeByLocality":{"Mode":"failover"},"FailoverPolicy":{"Regions":["a","b"],
 "Mode":"order-by-locality"},"MeshGateway":{"Mode":"remote"},"Mode":"direct","Config":{"Protocol":"grpc","x":1}}
])"_ba, u"all.json"_s);
    QVERIFY2(r.diagnostics.isEmpty(), qPrintable(messages(r.diagnostics).join(u'\n')));
    QCOMPARE(r.entries.size(), 6);

    const Entry &re = r.entries[0];
    QCOMPARE(re.name, u"web"_s);
    QCOMPARE(re.namespace_, u"ns"_s);
    QCOMPARE(re.partition, u"p"_s);
    QCOMPARE(re.meta, (QMap<QString, QString>{{u"a"_s, u"2"_s}, {u"z"_s, u"1"_s}}));
    const auto *res = re.as<ServiceResolver>();
    QVERIFY(res);
    QCOMPARE(res->defaultSubset, u"v1"_s);
    QCOMPARE(res->connectTimeout, Duration{5'000'000'000});
    QCOMPARE(res->requestTimeout, Duration{90'000'000'000});
    QCOMPARE(res->subsets.keys(), (QStringList{u"v1"_s, u"v2"_s}));
    QCOMPARE(res->subsets[u"v1"_s].filter, u"f1"_s);
    QVERIFY(!res->subsets[u"v1"_s].onlyPassing);
    QCOMPARE(res->subsets[u"v2"_s].filter, u"f2"_s);
    QVERIFY(res->subsets[u"v2"_s].onlyPassing);
    QCOMPARE(res->subsets[u"v2"_s].span, re.spanOf(u"Subsets[\"v2\"]"));
    QVERIFY(res->redirect);
    QCOMPARE((QStringList{res->redirect->service, res->redirect->serviceSubset, res->redirect->namespace_, res->redirect->partition,
                          res->redirect->datacenter, res->redirect->peer, res->redirect->samenessGroup}),
             (QStringList{u"s"_s, u"ss"_s, u"n"_s, u"pa"_s, u"d"_s, u"pe"_s, u"sg"_s}));
    QCOMPARE(res->redirect->span, re.spanOf(u"Redirect"));
    const ResolverFailover &fo = res->failover[u"*"_s];
    QCOMPARE((QStringList{fo.service, fo.serviceSubset, fo.namespace_, fo.samenessGroup}),
             (QStringList{u"fs"_s, u"fss"_s, u"fn"_s, u"g"_s}));
    QCOMPARE(fo.datacenters, QStringList{u"dc2"_s});
    QCOMPARE(fo.policy, (std::optional<FailoverPolicy>{FailoverPolicy{u"sequential"_s, {u"r1"_s}}}));
    QCOMPARE(fo.span, re.spanOf(u"Failover[\"*\"]"));
    QCOMPARE(fo.targets.size(), 1);
    const FailoverTarget &t = fo.targets[0];
    QCOMPARE((QStringList{t.service, t.serviceSubset, t.partition, t.namespace_, t.datacenter, t.peer}),
             (QStringList{u"t1"_s, u"ts"_s, u"tp"_s, u"tn"_s, u"td"_s, u"p1"_s}));
    QCOMPARE(t.span, re.spanOf(u"Failover[\"*\"].Targets[0]"));
    QVERIFY(res->loadBalancer);
    const LoadBalancer &lb = *res->loadBalancer;
    QCOMPARE(lb.policy, u"maglev"_s);
    QVERIFY(lb.hasRingHashConfig);
    QVERIFY(!lb.ringMinimumSize);
    QCOMPARE(lb.ringMaximumSize, std::optional<quint64>(9));
    QVERIFY(lb.hasLeastRequestConfig);
    QCOMPARE(lb.leastRequestChoiceCount, std::optional<quint32>(3));
    QCOMPARE(lb.hashPolicies.size(), 1);
    QCOMPARE(lb.hashPolicies[0], (HashPolicy{u"cookie"_s, u"x"_s, CookieConfig{true, Duration{10'000'000'000}, u"/c"_s}, true, true}));
    QCOMPARE(lb.span, re.spanOf(u"LoadBalancer"));
    QCOMPARE(res->prioritizeByLocality, (std::optional<PrioritizeByLocality>{PrioritizeByLocality{u"failover"_s}}));
    QCOMPARE(re.tree.members().front().key, u"Kind"_s);

    const auto *router = r.entries[1].as<ServiceRouter>();
    QVERIFY(router);
    QCOMPARE(router->routes.size(), 2);
    const ServiceRoute &route = router->routes[0];
    QCOMPARE(route.span, r.entries[1].spanOf(u"Routes[0]"));
    QVERIFY(route.match && route.match->http);
    const HttpRouteMatch &h = *route.match->http;
    QCOMPARE((QStringList{h.pathExact, h.pathPrefix, h.pathRegex}), (QStringList{u"/ex"_s, u"/pre"_s, u"re"_s}));
    QVERIFY(h.caseInsensitive);
    QCOMPARE(h.header, (QList<HeaderMatch>{HeaderMatch{u"h"_s, true, u"e"_s, u"p"_s, u"s"_s, u"r"_s, true}}));
    QCOMPARE(h.queryParam, (QList<QueryParamMatch>{QueryParamMatch{u"qp"_s, true, u"e"_s, u"q"_s}}));
    QCOMPARE(h.methods, (QStringList{u"GET"_s, u"POST"_s}));
    QVERIFY(route.destination);
    const RouteDestination &d = *route.destination;
    QCOMPARE((QStringList{d.service, d.serviceSubset, d.namespace_, d.partition, d.prefixRewrite}),
             (QStringList{u"api"_s, u"v2"_s, u"team"_s, u"part"_s, u"/p"_s}));
    QCOMPARE(d.requestTimeout, Duration{2'000'000'000});
    QCOMPARE(d.idleTimeout, Duration{3'000'000'000});
    QCOMPARE(d.numRetries, 2u);
    QVERIFY(d.retryOnConnectFailure);
    QCOMPARE(d.retryOn, QStringList{u"5xx"_s});
    QCOMPARE(d.retryOnStatusCodes, (QList<quint32>{503, 504}));
    QCOMPARE(d.requestHeaders, (HttpHeaderModifiers{{{u"d"_s, u"4"_s}}, {}, {}}));
    QCOMPARE(d.responseHeaders, (HttpHeaderModifiers{{{u"c"_s, u"3"_s}}, {{u"b"_s, u"2"_s}}, {u"a"_s}}));
    QVERIFY(!router->routes[1].match);
    QCOMPARE(router->routes[1].destination->service, u"other"_s);
    QCOMPARE(router->routes[1].destination->namespace_, QString()); // filled only for routes with an HTTP match
    // The filled-in namespace/partition are located at the destination.
    QCOMPARE(r.entries[1].spanOf(u"Routes[0].Destination.Namespace"), r.entries[1].spanOf(u"Routes[0].Destination"));

    const auto *splitter = r.entries[2].as<ServiceSplitter>();
    QVERIFY(splitter);
    QCOMPARE(splitter->splits.size(), 2);
    const ServiceSplit &split = splitter->splits[0];
    QCOMPARE(split.weight, 33.33f);
    QCOMPARE((QStringList{split.service, split.serviceSubset, split.namespace_, split.partition}),
             (QStringList{u"a"_s, u"v1"_s, u"nn"_s, u"pp"_s}));
    QVERIFY(split.requestHeaders.isEmpty());
    QCOMPARE(split.responseHeaders, (HttpHeaderModifiers{{}, {{u"x"_s, u"y"_s}}, {}}));
    QCOMPARE(split.span, r.entries[2].spanOf(u"Splits[0]"));
    QCOMPARE(splitter->splits[1].weight, 66.67f);

    const auto *intentions = r.entries[3].as<ServiceIntentions>();
    QVERIFY(intentions);
    QCOMPARE(intentions->sources.size(), 2);
    const SourceIntention &src = intentions->sources[0];
    QCOMPARE((QStringList{src.name, src.peer, src.partition, src.namespace_, src.samenessGroup, src.action, src.type, src.description}),
             (QStringList{u"web"_s, QString(), QString(), u"dn"_s, QString(), QString(), u"consul"_s, u"d"_s}));
    QCOMPARE(src.precedence, 9);
    QCOMPARE(src.span, r.entries[3].spanOf(u"Sources[0]"));
    QCOMPARE(src.permissions.size(), 1);
    QCOMPARE(src.permissions[0].action, u"deny"_s);
    QCOMPARE(src.permissions[0].span, r.entries[3].spanOf(u"Sources[0].Permissions[0]"));
    QVERIFY(src.permissions[0].http);
    const IntentionHttpPermission &hp = *src.permissions[0].http;
    QCOMPARE((QStringList{hp.pathExact, hp.pathPrefix, hp.pathRegex}), (QStringList{u"/z"_s, u"/y"_s, u"x"_s}));
    QCOMPARE(hp.methods, QStringList{u"GET"_s});
    QCOMPARE(hp.header, (QList<IntentionHeaderPermission>{
                            IntentionHeaderPermission{u"h"_s, true, u"e"_s, u"p"_s, u"s"_s, u"c"_s, u"r"_s, true, true}}));
    QCOMPARE(intentions->sources[1].precedence, 7);
    QCOMPARE(intentions->sources[1].namespace_, u"*"_s);

    const auto *defaults = r.entries[4].as<ServiceDefaults>();
    QVERIFY(defaults);
    QCOMPARE(*defaults, (ServiceDefaults{u"http"_s, u"transparent"_s, MeshGatewayConfig{u"local"_s}, u"sni"_s, u"strict"_s}));

    const Entry &pe = r.entries[5];
    QCOMPARE(pe.name, u"global"_s);
    QCOMPARE(pe.spanOf(u"Name"), pe.tree.members()[1].value.span());
    const auto *proxy = pe.as<ProxyDefaults>();
    QVERIFY(proxy);
    QCOMPARE(proxy->protocol, u"grpc"_s);
    QCOMPARE(proxy->config.members().size(), 2);
    QCOMPARE(proxy->mode, u"direct"_s);
    QCOMPARE(proxy->meshGateway.mode, u"remote"_s);
    QCOMPARE(proxy->failoverPolicy, (std::optional<FailoverPolicy>{FailoverPolicy{u"order-by-locality"_s, {u"a"_s, u"b"_s}}}));
    QCOMPARE(proxy->prioritizeByLocality, (std::optional<PrioritizeByLocality>{PrioritizeByLocality{u"failover"_s}}));
}

void TestDecoder::kindAndNameFixUpsKeepTheirSpans()
{
    // Kind rewritten to its canonical spelling keeps the span of what was written; a Kind only written as
    // `kind` and proxy-defaults' missing Name are located at the entry.
    const DecodeResult r = decodeText("kind = \"service-defaults\"\nName = \"a\"\n"_ba, u"k.hcl"_s);
    QVERIFY(r.diagnostics.isEmpty());
    QCOMPARE(r.entries.size(), 1);
    const Entry &e = r.entries[0];
    QCOMPARE(e.tree.members()[0].key, u"Kind"_s);
    QCOMPARE(e.tree.members()[0].value.toString(), u"service-defaults"_s);
    QCOMPARE(e.tree.members()[0].value.span().begin.line, 1);
    QCOMPARE(e.tree.members()[0].value.span().begin.column, 8);

    const DecodeResult p = decodeText("{\"Kind\":\"proxy-defaults\"}"_ba, u"p.json"_s);
    QVERIFY(p.diagnostics.isEmpty());
    const Entry &pe = p.entries.value(0);
    QCOMPARE(pe.tree.members().size(), 2);
    QCOMPARE(pe.tree.members()[1].key, u"Name"_s);
    QCOMPARE(pe.tree.members()[1].value.toString(), u"global"_s);
    QCOMPARE(pe.tree.members()[1].value.span(), pe.span);
    QVERIFY(!pe.tree.members()[1].keySpan.isValid());

    const DecodeResult y = decodeText("apiVersion: consul.hashicorp.com/v1alpha1\nkind: ServiceSplitter\nmetadata:\n  name: s\n"
                                      "spec:\n  splits:\n    - weight: 100\n"_ba,
                                      u"s.yaml"_s);
    QVERIFY(y.diagnostics.isEmpty());
    const Entry &ye = y.entries.value(0);
    QCOMPARE(ye.tree.members()[0].keySpan.begin.line, 2);
    QCOMPARE(ye.tree.members()[1].value.span().begin.line, 4);
    QCOMPARE(ye.as<ServiceSplitter>()->splits.value(0).weight, 100.0f);
    QCOMPARE(ye.as<ServiceSplitter>()->splits.value(0).span.begin.line, 7);
}

void TestDecoder::crdNamesLowerTheLeadingCapitals()
{
    // The CRD name of every field: its leading capitals lower-cased, but the last of them when more follows
    // (the initialism rule of consul-k8s' JSON tags), checked with QChar against matchesCrd() and crdKey().
    const auto reference = [](const QString &name) {
        qsizetype upper = 0;
        while (upper < name.size() && name[upper].isUpper())
            ++upper;
        const qsizetype lower = upper == name.size() ? upper : upper > 1 ? upper - 1 : upper;
        QString out = name;
        for (qsizetype i = 0; i < lower; ++i)
            out[i] = out[i].toLower();
        return out;
    };
    QList<const schema::Struct *> todo;
    QSet<const schema::Struct *> seen;
    for (EntryKind k : {EntryKind::ServiceResolver, EntryKind::ServiceRouter, EntryKind::ServiceSplitter,
                        EntryKind::ServiceIntentions, EntryKind::ServiceDefaults, EntryKind::ProxyDefaults})
        todo << &schema::entryStruct(k);
    qsizetype fields = 0;
    while (!todo.isEmpty()) {
        const schema::Struct *s = todo.takeLast();
        if (seen.contains(s))
            continue;
        seen.insert(s);
        const QString *keys = schema::fieldKeys(*s);
        // fieldsByLength(): every field once, in the chain of its name's length, in field order.
        const qint8 *byLength = schema::fieldsByLength(*s);
        QList<qsizetype> chained;
        for (qsizetype n = 0; n < schema::kNameLengths; ++n) {
            qsizetype previous = -1;
            for (qsizetype fi = byLength[n]; fi >= 0; fi = byLength[schema::kNameLengths + fi]) {
                QVERIFY(fi > previous && fi < s->count);
                QCOMPARE(s->fields[fi].name.size(), n);
                chained << fi;
                previous = fi;
            }
        }
        QCOMPARE(chained.size(), s->count);
        for (qsizetype i = 0; i < s->count; ++i) {
            const schema::Field &f = s->fields[i];
            const QString name = schema::fieldKey(f);
            QCOMPARE(name, QString(f.name));
            QCOMPARE(keys[i], name);
            QCOMPARE(keys[i].constData(), schema::fieldKey(f).constData()); // one shared text
            const QString crd = reference(name);
            QCOMPARE(schema::crdKey(f), crd);
            QCOMPARE(f.crdName(), crd);
            QVERIFY2(f.matchesCrd(crd), qPrintable(crd));
            QCOMPARE(f.matchesCrd(name), name == crd);
            QVERIFY(!f.matchesCrd(crd.chopped(1)));
            QVERIFY(!f.matchesCrd(QString(crd + u'x')));
            QString other = crd;
            other[other.size() - 1] = QChar(other.back().unicode() ^ 0x20);
            QVERIFY(!f.matchesCrd(other));
            ++fields;
            const schema::Type *t = f.type;
            while (t->element)
                t = t->element;
            if (t->object)
                todo << t->object;
        }
    }
    QVERIFY(fields > 100);
    const schema::Struct &sd = schema::entryStruct(EntryKind::ServiceDefaults);
    QCOMPARE(schema::crdKey(*sd.field("MutualTLSMode"_L1)), u"mutualTLSMode"_s);
    QCOMPARE(schema::crdKey(*sd.field("ExternalSNI"_L1)), u"externalSNI"_s);
    QCOMPARE(sd.crdField(u"externalSNI"), sd.field("ExternalSNI"_L1));
    QCOMPARE(sd.crdField(u"ExternalSNI"), nullptr);
}

void TestDecoder::kubernetes_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    const QByteArray head = "apiVersion: consul.hashicorp.com/v1alpha1\nkind: ServiceResolver\nmetadata:\n  name: web\nspec:\n";
    QTest::newRow("duration as a number (case 62)")
        << head + "  connectTimeout: 5\n" << u"spec.connectTimeout"_s
        << u"Invalid value: \"integer\": spec.connectTimeout in body must be of type string: \"integer\""_s;
    QTest::newRow("bad duration string") << head + "  connectTimeout: 5x\n" << u"spec.connectTimeout"_s
                                         << u"time: unknown unit \"x\" in duration \"5x\""_s;
    QTest::newRow("snake_case is an unknown field") << head + "  connect_timeout: 5s\n" << u"spec.connect_timeout"_s
                                                     << u"unknown field \"spec.connect_timeout\" (did you mean \"connectTimeout\"?)"_s;
    QTest::newRow("CamelCase is an unknown field") << head + "  ConnectTimeout: 5s\n" << u"spec.ConnectTimeout"_s
                                                    << u"unknown field \"spec.ConnectTimeout\" (did you mean \"connectTimeout\"?)"_s;
    QTest::newRow("subset key missing (seed bad/)")
        << head + "  failover:\n    service: backup\n" << u"spec.failover[service]"_s
        << u"Invalid value: \"string\": spec.failover[service] in body must be of type object: \"string\""_s;
    QTest::newRow("no name") << "apiVersion: consul.hashicorp.com/v1alpha1\nkind: ServiceResolver\nmetadata: {}\n"_ba
                             << u"metadata.name"_s << u"Required value: name or generateName is required"_s;
    QTest::newRow("not a Consul resource")
        << "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"_ba << QString()
        << u"not a Consul config entry resource: apiVersion \"apps/v1\", kind \"Deployment\"; expected apiVersion consul.hashicorp.com/v1alpha1 and kind ServiceResolver, ServiceRouter, ServiceSplitter, ServiceIntentions, ServiceDefaults or ProxyDefaults"_s;
    QTest::newRow("a Consul HCL-style entry in YAML")
        << "Kind: service-resolver\nName: web\n"_ba << QString()
        << u"not a Consul config entry resource: apiVersion (none), kind (none); expected apiVersion consul.hashicorp.com/v1alpha1 and kind ServiceResolver, ServiceRouter, ServiceSplitter, ServiceIntentions, ServiceDefaults or ProxyDefaults"_s;
}

void TestDecoder::kubernetes()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const DecodeResult r = decodeText(text, u"k.yaml"_s);
    QCOMPARE(messages(r.diagnostics), QStringList{message});
    QCOMPARE(r.diagnostics[0].field, field);
    QVERIFY(r.diagnostics[0].where.begin.line >= 1);
    QVERIFY(r.entries.isEmpty());
}

void TestDecoder::kubernetesNamespaceMapping()
{
    const QByteArray text = "apiVersion: consul.hashicorp.com/v1alpha1\nkind: ServiceIntentions\nmetadata:\n  name: anything\n"
                            "  namespace: team-a\nspec:\n  destination:\n    name: api\n  sources:\n    - name: web\n"
                            "      action: allow\n---\napiVersion: consul.hashicorp.com/v1alpha1\nkind: ServiceRouter\n"
                            "metadata:\n  name: web\n  namespace: team-a\nspec:\n  routes:\n    - match:\n        http:\n"
                            "          pathPrefix: /a\n          methods: [get]\n      destination:\n        service: api\n"
                            "        requestTimeout: 2s\n";
    const DecodeResult ent = decodeText(text, u"k.yaml"_s, Edition::Enterprise);
    QVERIFY2(ent.diagnostics.isEmpty(), qPrintable(messages(ent.diagnostics).join(u'\n')));
    QCOMPARE(ent.entries.size(), 2);
    QCOMPARE(ent.entries[0].name, u"api"_s);
    QCOMPARE(ent.entries[0].namespace_, u"team-a"_s);
    QCOMPARE(ent.entries[0].format, SourceFormat::KubernetesYaml);
    QCOMPARE(field(ent.entries[0], u"Sources[0].Namespace"), u"\"team-a\""_s);
    QCOMPARE(ent.entries[1].namespace_, u"team-a"_s);
    QCOMPARE(field(ent.entries[1], u"Routes[0].Match.HTTP.Methods"), u"[\"GET\"]"_s);
    QCOMPARE(field(ent.entries[1], u"Routes[0].Destination.Namespace"), u"\"team-a\""_s);
    QCOMPARE(field(ent.entries[1], u"Routes[0].Destination.RequestTimeout"), u"\"2s\""_s);

    const DecodeResult ce = decodeText(text, u"k.yaml"_s, Edition::CE);
    QVERIFY(ce.diagnostics.isEmpty());
    QCOMPARE(ce.entries.size(), 2);
    QCOMPARE(ce.entries[0].namespace_, QString());
    QCOMPARE(ce.entries[1].namespace_, QString());
    QCOMPARE(field(ce.entries[1], u"Routes[0].Destination.Namespace"), u"<absent>"_s);
}

void TestDecoder::displayFieldPaths_data()
{
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("display");
    QTest::newRow("name") << u"Name"_s << u"metadata.name"_s;
    QTest::newRow("failover namespace") << u"Failover[\"*\"].Namespace"_s << u"spec.failover[*].namespace"_s;
    QTest::newRow("targets") << u"Failover[\"*\"].Targets[1].ServiceSubset"_s << u"spec.failover[*].targets[1].serviceSubset"_s;
    QTest::newRow("hash policy") << u"LoadBalancer.HashPolicies[0].SourceIP"_s << u"spec.loadBalancer.hashPolicies[0].sourceIP"_s;
    QTest::newRow("ttl") << u"LoadBalancer.HashPolicies[0].CookieConfig.TTL"_s << u"spec.loadBalancer.hashPolicies[0].cookieConfig.ttl"_s;
    QTest::newRow("subset filter") << u"Subsets[\"v1\"].Filter"_s << u"spec.subsets[v1].filter"_s;
    QTest::newRow("timeout") << u"ConnectTimeout"_s << u"spec.connectTimeout"_s;
}

void TestDecoder::displayFieldPaths()
{
    QFETCH(QString, canonical);
    QFETCH(QString, display);
    const DecodeResult r = decodeText("apiVersion: consul.hashicorp.com/v1alpha1\nkind: ServiceResolver\nmetadata:\n  name: web\n"_ba,
                                      u"k.yaml"_s);
    QCOMPARE(r.entries.size(), 1);
    QCOMPARE(displayFieldPath(r.entries[0], canonical), display);
    const DecodeResult h = decodeText("Kind = \"service-resolver\"\nName = \"web\"\n"_ba);
    QCOMPARE(displayFieldPath(h.entries.value(0), canonical), canonical);
}

void TestDecoder::spanOfLocatesFields()
{
    const DecodeResult r = decodeText(R"(Kind = "service-resolver"
Name = "web"
Failover = {
  "*" = {
    Targets = [
      {Datacenter = "dc3"},
      {Peer = "peer-01"}
    ]
  }
}
)"_ba);
    QCOMPARE(r.entries.size(), 1);
    const Entry &e = r.entries[0];
    const SourceSpan peer = e.spanOf(u"Failover[\"*\"].Targets[1].Peer");
    QCOMPARE(peer.file, u"t.hcl"_s);
    QCOMPARE(peer.begin.line, 7);
    QCOMPARE(peer.begin.column, 15);
    // A missing field falls back to the nearest enclosing value that exists.
    QCOMPARE(e.spanOf(u"Failover[\"*\"].Targets[1].Service").begin.line, 7);
    QCOMPARE(e.spanOf(u"Name").begin.line, 2);
    QVERIFY(e.spanOf(u"Nope[3]").isValid());
}

void TestDecoder::hostileShapesDoNotCrash()
{
    // Deep lists where scalars are expected, huge numbers, wrong types everywhere: errors, never crashes.
    const QList<QByteArray> texts{
        "Kind = \"service-router\"\nName = [[[[[[\"x\"]]]]]]\nRoutes = 5\n"_ba,
        R"({"Kind":"service-splitter","Name":{"a":1},"Splits":[1e400, "x", null, [[{}]]]})"_ba,
        R"({"Kind":"service-resolver","Name":"w","ConnectTimeout":1e300,"Subsets":[1,2],"Failover":{"*":[[1]]}})"_ba,
        R"({"Kind":"proxy-defaults","Config":{"protocol":{"a":[1]}}})"_ba,
        R"({"Kind":"service-intentions","Name":"w","Sources":{"Name":"a"}})"_ba,
    };
    for (const QByteArray &t : texts) {
        const DecodeResult r = decodeText(t, t.startsWith('{') ? u"h.json"_s : u"h.hcl"_s);
        for (const Diagnostic &d : r.diagnostics)
            QVERIFY(!d.message.isEmpty());
    }
}

void TestDecoder::fieldNamesAreUniquePerStruct()
{
    // The decoder matches a key to at most one field by exact name (CRD name for Kubernetes), searching
    // from wherever the previous key matched: that is only the same as a search from the first field
    // because no struct has two fields of one name.
    QList<const schema::Struct *> todo;
    QSet<const schema::Struct *> seen;
    for (EntryKind k : {EntryKind::ServiceResolver, EntryKind::ServiceRouter, EntryKind::ServiceSplitter,
                        EntryKind::ServiceIntentions, EntryKind::ServiceDefaults, EntryKind::ProxyDefaults})
        todo << &schema::entryStruct(k);
    while (!todo.isEmpty()) {
        const schema::Struct *s = todo.takeLast();
        if (seen.contains(s))
            continue;
        seen.insert(s);
        QSet<QString> names, crdNames;
        for (const schema::Field &f : *s) {
            QVERIFY2(!names.contains(schema::fieldKey(f)), qPrintable(s->name + u'.' + schema::fieldKey(f)));
            QVERIFY2(!crdNames.contains(schema::crdKey(f)), qPrintable(s->name + u'.' + schema::crdKey(f)));
            names.insert(schema::fieldKey(f));
            crdNames.insert(schema::crdKey(f));
            const schema::Type *t = f.type;
            while (t->element)
                t = t->element;
            if (t->object)
                todo << t->object;
        }
    }
    QVERIFY(seen.size() > 6);
}

void TestDecoder::consumingDecodeMatchesCopyingDecode_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("text");
    // Each exercises a place where the decoder reuses the raw tree: members renamed and reordered, unknown,
    // read-only and null members dropped, HCL blocks merged, maps merged and sorted, one-element lists
    // unwrapped, scalars converted, Any normalised, Kubernetes CRDs.
    QTest::newRow("hcl reordered, aliases, repeated blocks")
        << u"a.hcl"_s
        << R"(name = "web"
kind = "service-router"
routes { match { http { path_prefix = "/a" methods = ["get"] } } destination { service = "a" } }
routes { destination { service = "b" num_retries = "3" } }
CreateIndex = 7
)"_ba;
    QTest::newRow("json unknown, duplicate and null keys")
        << u"b.json"_s
        << R"({"Name":"web","Kind":"service-resolver","name":"x","Nope":1,"DefaultSubset":null,"ConnectTimeout":5000000000,
"Subsets":[{"v2":{"Filter":"a"}},{"v1":{"OnlyPassing":"true"}},{"v2":{"Filter":"b"}}],"Failover":{"*":[{"Datacenters":"dc2"}]}})"_ba;
    QTest::newRow("json any and weights")
        << u"c.json"_s
        << R"([{"Kind":"proxy-defaults","Config":{"z":[[1.0]],"a":{"b":[{"c":2.5}]},"n":null,"protocol":"http"}},
{"Kind":"service-splitter","Name":"s","Splits":[{"Weight":33.333,"Service":"a"},{"Weight":66.667}]},
{"Kind":"service-intentions","Name":"*","Sources":[{"Name":"a","Action":"allow","LegacyID":"x"},{"Name":"*","Action":"deny"}]}])"_ba;
    QTest::newRow("kubernetes")
        << u"d.yaml"_s
        << R"(apiVersion: consul.hashicorp.com/v1alpha1
kind: ServiceResolver
metadata:
  name: web
  namespace: team
spec:
  connectTimeout: 5s
  defaultSubset: v1
  subsets:
    v2: {filter: "x"}
    v1: {onlyPassing: true}
  loadBalancer:
    policy: ring_hash
    ringHashConfig: {minimumRingSize: 1024}
---
apiVersion: consul.hashicorp.com/v1alpha1
kind: ProxyDefaults
metadata: {name: global}
spec:
  config: {protocol: http, n: 0x10, list: [yes]}
  nope: 1
)"_ba;
}

void TestDecoder::consumingDecodeMatchesCopyingDecode()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, text);
    const ReadResult read = readText(text, file, formatOf(file));
    QVERIFY(read.diagnostics.isEmpty());
    QVERIFY(!read.documents.isEmpty());
    for (const Edition edition : {Edition::Enterprise, Edition::CE}) {
        for (const SourceDocument &doc : read.documents) {
            const SourceDocument untouched = readText(text, file, formatOf(file)).documents.value(doc.index);
            const DecodeResult copied = decodeDocument(doc, DecodeOptions{edition});
            // The copying overload leaves the caller's tree as it was, although it shares its data.
            QVERIFY(sameWithSpans(doc.root, untouched.root));
            const DecodeResult consumed = decodeDocument(SourceDocument(doc), DecodeOptions{edition});
            QCOMPARE(consumed.diagnostics, copied.diagnostics);
            QCOMPARE(consumed.entries.size(), copied.entries.size());
            for (qsizetype i = 0; i < consumed.entries.size(); ++i) {
                const Entry &a = consumed.entries[i];
                const Entry &b = copied.entries[i];
                QVERIFY(a.sameContent(b));
                QCOMPARE(a.span, b.span);
                QVERIFY(sameWithSpans(a.tree, b.tree));
            }
        }
        // Appended to lists the caller keeps (as a load does): what was there stays first, and every document
        // adds what its own decode gives, in order.
        QList<Entry> entries(1);
        Diagnostics diagnostics{Diagnostic{}};
        QList<Entry> expectedEntries = entries;
        Diagnostics expectedDiagnostics = diagnostics;
        for (const SourceDocument &doc : read.documents) {
            const DecodeResult alone = decodeDocument(doc, DecodeOptions{edition});
            expectedEntries.append(alone.entries);
            expectedDiagnostics.append(alone.diagnostics);
            decodeDocument(SourceDocument(doc), DecodeOptions{edition}, entries, diagnostics);
        }
        QCOMPARE(diagnostics, expectedDiagnostics);
        QCOMPARE(entries.size(), expectedEntries.size());
        for (qsizetype i = 0; i < entries.size(); ++i) {
            QVERIFY(entries[i].sameContent(expectedEntries[i]));
            QCOMPARE(entries[i].span, expectedEntries[i].span);
            QVERIFY(sameWithSpans(entries[i].tree, expectedEntries[i].tree));
        }
    }
}

void TestDecoder::canonicalMemberOrder_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("tree");
    // Structs come out in field order and maps in key order, whether they were written that way or not, with
    // the members that decode to nothing (null, read-only, repeated keys) left out wherever they were.
    const QString resolver = uR"({Kind:"service-resolver",Name:"a",DefaultSubset:"v1",Subsets:{v1:{Filter:"x"}},)"
                             uR"(ConnectTimeout:"5s"})"_s;
    QTest::newRow("struct in field order")
        << R"({"Kind":"service-resolver","Name":"a","DefaultSubset":"v1","Subsets":{"v1":{"Filter":"x"}},"ConnectTimeout":"5s"})"_ba
        << resolver;
    QTest::newRow("struct out of field order")
        << R"({"ConnectTimeout":"5s","Subsets":{"v1":{"Filter":"x"}},"Name":"a","Kind":"service-resolver","DefaultSubset":"v1"})"_ba
        << resolver;
    QTest::newRow("struct in field order, null and read-only members dropped")
        << R"({"Kind":"service-resolver","Namespace":null,"Name":"a","DefaultSubset":"v1","Redirect":null,
"Subsets":{"v1":{"Filter":"x"}},"ConnectTimeout":"5s","CreateIndex":7})"_ba
        << resolver;
    QTest::newRow("struct, first member dropped")
        << R"({"CreateIndex":7,"Kind":"service-resolver","Name":"a","DefaultSubset":"v1","Subsets":{"v1":{"Filter":"x"}},"ConnectTimeout":"5s"})"_ba
        << resolver;
    QTest::newRow("struct, repeated key")
        << R"({"Kind":"service-resolver","Name":"b","Name":"a","DefaultSubset":"v1","Subsets":{"v1":{"Filter":"x"}},"ConnectTimeout":"5s"})"_ba
        << resolver;
    QTest::newRow("maps in key order, null struct values dropped, repeated keys last")
        << R"({"Kind":"service-resolver","Name":"a","Subsets":{"a":null,"b":{"Filter":"1"},"c":{"Filter":"2"},"c":{"Filter":"3"}},
"Meta":{"k1":"1","k2":"2"}})"_ba
        << uR"({Kind:"service-resolver",Name:"a",Subsets:{b:{Filter:"1"},c:{Filter:"3"}},Meta:{k1:"1",k2:"2"}})"_s;
    QTest::newRow("maps out of key order")
        << R"({"Kind":"service-resolver","Name":"a","Subsets":{"c":{"Filter":"2"},"b":{"Filter":"1"}},"Meta":{"k2":"2","k1":"1"}})"_ba
        << uR"({Kind:"service-resolver",Name:"a",Subsets:{b:{Filter:"1"},c:{Filter:"2"}},Meta:{k1:"1",k2:"2"}})"_s;
    QTest::newRow("any map in key order keeps its nulls")
        << R"({"Kind":"proxy-defaults","Name":"global","Config":{"a":1,"b":null,"c":{"d":null}}})"_ba
        << uR"({Kind:"proxy-defaults",Name:"global",Config:{a:1,b:null,c:{d:null}}})"_s;
}

void TestDecoder::canonicalMemberOrder()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, tree);
    const DecodeResult r = decodeText(text, u"o.json"_s);
    QVERIFY2(r.diagnostics.isEmpty(), qPrintable(messages(r.diagnostics).join(u'\n')));
    QCOMPARE(r.entries.size(), 1);
    QCOMPARE(compact(r.entries.front().tree), tree);
}

void TestDecoder::parsedKeysAreTheSchemasStrings()
{
    // A key written with its canonical name is, once parsed on this thread, the very string the schema keys
    // its field with: the decoder keeps it as it is instead of renaming the member (the string is shared,
    // not copied and released again, for every member of every entry).
    const schema::Struct &s = schema::entryStruct(EntryKind::ServiceDefaults);
    const QString &protocolKey = schema::fieldKey(*s.field("Protocol"_L1));
    // The text of the key the map holds for "Protocol" (null when it has none).
    const auto protocolKeyIn = [](const Value &map) {
        for (const Value::Member &m : map.members()) {
            if (m.key == u"Protocol")
                return m.key.constData();
        }
        return static_cast<const QChar *>(nullptr);
    };
    for (const QString &file : {u"a.json"_s, u"a.hcl"_s}) {
        const QByteArray text = file.endsWith(u".json") ? R"({"Kind":"service-defaults","Name":"a","Protocol":"http"})"_ba
                                                        : "Kind = \"service-defaults\"\nName = \"a\"\nProtocol = \"http\"\n"_ba;
        ReadResult read = readText(text, file, formatOf(file));
        QCOMPARE(read.documents.size(), 1);
        QCOMPARE(protocolKeyIn(read.documents[0].root), protocolKey.constData());
        const DecodeResult decoded = decodeDocument(std::move(read.documents[0]));
        QCOMPARE(decoded.entries.size(), 1);
        QCOMPARE(protocolKeyIn(decoded.entries[0].tree), protocolKey.constData());
    }
}

QTEST_GUILESS_MAIN(TestDecoder)
#include "tst_decoder.moc"
