// Consul's own compiler cases (CHAINSCOPE_SHARED_DIR/consul-compile/*.json), run through our whole
// pipeline under CE: each entry object → JSON text → reader → decoder → CE validation → compiler →
// API-shape JSON, compared with the case's "expect" (absent keys unchecked, missing == empty,
// durations parsed). The folder is read at run time, so new cases join by themselves.
#include "chain/chainjson.h"
#include "chain/compiler.h"
#include "config/decoder.h"
#include "config/reader.h"
#include "config/validator.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace chainscope;

namespace {

QString casesDir()
{
    return QStringLiteral(CHAINSCOPE_SHARED_DIR "/consul-compile");
}

bool isDurationKey(const QString &key)
{
    return key == u"ConnectTimeout" || key == u"RequestTimeout" || key == u"IdleTimeout" || key == u"TTL";
}

std::optional<qint64> durationOf(const QJsonValue &v)
{
    if (v.isDouble())
        return qint64(v.toDouble());
    if (v.isString()) {
        if (const auto d = chain::parseGoDuration(v.toString()))
            return d->count();
    }
    return std::nullopt;
}

bool isEmptyValue(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return true;
    case QJsonValue::Bool:
        return !v.toBool();
    case QJsonValue::Double:
        return v.toDouble() == 0.0;
    case QJsonValue::String:
        return v.toString().isEmpty();
    case QJsonValue::Array:
        return v.toArray().isEmpty();
    case QJsonValue::Object: {
        const QJsonObject o = v.toObject();
        return std::all_of(o.begin(), o.end(), [](const QJsonValue &m) { return isEmptyValue(m); });
    }
    }
    return false;
}

// Compares `expected` against `actual`: keys absent from expected are not checked; missing == empty.
void compareJson(const QJsonValue &expected, const QJsonValue &actual, const QString &path, const QString &key, QStringList &problems)
{
    if (actual.isUndefined() || actual.isNull()) {
        if (!isEmptyValue(expected))
            problems << path + QStringLiteral(": missing, expected ") + QString::fromUtf8(QJsonDocument(QJsonArray{expected}).toJson(QJsonDocument::Compact));
        return;
    }
    if (isDurationKey(key)) {
        const auto e = durationOf(expected);
        const auto a = durationOf(actual);
        if (!e || !a || *e != *a)
            problems << path + QStringLiteral(": duration ") + actual.toVariant().toString() + QStringLiteral(" != expected ") + expected.toVariant().toString();
        return;
    }
    switch (expected.type()) {
    case QJsonValue::Object: {
        const QJsonObject e = expected.toObject();
        const QJsonObject a = actual.toObject();
        if (!actual.isObject()) {
            problems << path + QStringLiteral(": not an object");
            return;
        }
        for (auto it = e.begin(); it != e.end(); ++it)
            compareJson(it.value(), a.value(it.key()), path + u'.' + it.key(), it.key(), problems);
        return;
    }
    case QJsonValue::Array: {
        const QJsonArray e = expected.toArray();
        const QJsonArray a = actual.toArray();
        if (!actual.isArray() || a.size() != e.size()) {
            problems << path + QStringLiteral(": array of %1, expected %2").arg(a.size()).arg(e.size());
            return;
        }
        for (qsizetype i = 0; i < e.size(); ++i)
            compareJson(e.at(i), a.at(i), path + QStringLiteral("[%1]").arg(i), QString(), problems);
        return;
    }
    case QJsonValue::Double:
        if (!actual.isDouble() || qAbs(actual.toDouble() - expected.toDouble()) > 1e-9)
            problems << path + QStringLiteral(": ") + actual.toVariant().toString() + QStringLiteral(" != expected ") + expected.toVariant().toString();
        return;
    default:
        if (expected != actual)
            problems << path + QStringLiteral(": ") + actual.toVariant().toString() + QStringLiteral(" != expected ") + expected.toVariant().toString();
        return;
    }
}

chain::CompileRequest requestOf(const QJsonObject &caseObj)
{
    const QJsonObject r = caseObj.value(u"request").toObject();
    chain::CompileRequest req;
    req.serviceName = r.value(u"ServiceName").toString();
    req.evaluateInNamespace = r.value(u"EvaluateInNamespace").toString(QStringLiteral("default"));
    req.evaluateInPartition = r.value(u"EvaluateInPartition").toString(QStringLiteral("default"));
    req.evaluateInDatacenter = r.value(u"EvaluateInDatacenter").toString(QStringLiteral("dc1"));
    req.evaluateInTrustDomain = r.value(u"EvaluateInTrustDomain").toString(QStringLiteral("trustdomain.consul"));
    req.overrideProtocol = r.value(u"OverrideProtocol").toString();
    if (const QJsonValue ct = r.value(u"OverrideConnectTimeout"); !ct.isUndefined())
        req.overrideConnectTimeout = chain::Duration(durationOf(ct).value_or(0));
    req.overrideMeshGateway.mode = r.value(u"OverrideMeshGateway").toObject().value(u"Mode").toString();
    req.edition = config::Edition::CE;
    for (const QJsonValue &p : caseObj.value(u"peers").toArray()) {
        const QJsonObject loc = p[u"Remote"][u"Locality"].toObject();
        req.peers << chain::PeerInfo{p[u"Name"].toString(), chain::Locality{loc.value(u"Region").toString(), loc.value(u"Zone").toString()}};
    }
    return req;
}

} // namespace

class TestConsulFixtures : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixtures_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(casesDir());
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QVERIFY2(!files.isEmpty(), qPrintable(QStringLiteral("no cases in ") + casesDir()));
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void fixtures()
    {
        QFETCH(QString, file);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonParseError perr;
        const QJsonObject c = QJsonDocument::fromJson(f.readAll(), &perr).object();
        QVERIFY2(perr.error == QJsonParseError::NoError, qPrintable(perr.errorString()));

        const bool expectValidationError = c.value(u"expectValidationError").toBool();
        const QString expectError = c.value(u"expectError").toString();

        // Entries through the real loading pipeline (CE, as the corpus is CE).
        QList<config::Entry> entries;
        QStringList validationErrors;
        const QJsonArray rawEntries = c.value(u"entries").toArray();
        for (qsizetype i = 0; i < rawEntries.size(); ++i) {
            QJsonObject raw = rawEntries.at(i).toObject();
            // The corpus holds decoded entries: an entry-level Namespace/Partition (055) is Enterprise-only
            // and has no place on a CE struct, so it is dropped here rather than refused by the CE decoder
            // (compiler.md part 3, "New keys").
            raw.remove(u"Namespace");
            raw.remove(u"Partition");
            const QByteArray bytes = QJsonDocument(raw).toJson(QJsonDocument::Indented);
            const QString name = QFileInfo(file).fileName() + QStringLiteral("#entries[%1].json").arg(i);
            const config::ReadResult read = config::readText(bytes, name, config::DocumentFormat::Json);
            QVERIFY2(!hasErrors(read.diagnostics), qPrintable(read.diagnostics.value(0).format()));
            QCOMPARE(read.documents.size(), 1);
            const config::DecodeResult decoded = config::decodeDocument(read.documents.first(), {config::Edition::CE});
            for (const Diagnostic &d : decoded.diagnostics) {
                if (d.severity == Severity::Error)
                    validationErrors << d.format();
            }
            for (const config::Entry &e : decoded.entries) {
                if (e.kind == config::EntryKind::ServiceResolver || e.kind == config::EntryKind::ServiceRouter || e.kind == config::EntryKind::ServiceSplitter) {
                    for (const Diagnostic &d : config::validateEntry(e, {config::Edition::CE})) {
                        if (d.severity == Severity::Error)
                            validationErrors << d.message;
                    }
                }
                entries << e;
            }
        }
        if (expectValidationError) {
            QVERIFY2(!validationErrors.isEmpty(), qPrintable(QStringLiteral("expected a validation error containing: ") + expectError));
            const bool found = std::any_of(validationErrors.cbegin(), validationErrors.cend(), [&](const QString &m) { return m.contains(expectError); });
            QVERIFY2(found, qPrintable(QStringLiteral("expected \"%1\", got:\n  %2").arg(expectError, validationErrors.join(QStringLiteral("\n  ")))));
            return;
        }
        QVERIFY2(validationErrors.isEmpty(), qPrintable(validationErrors.join(u'\n')));

        const chain::CompileRequest req = requestOf(c);
        const Result<chain::CompiledChain> compiled = chain::compile(entries, req);
        if (!expectError.isEmpty()) {
            if (compiled)
                QFAIL(qPrintable(QStringLiteral("expected error \"%1\" but the chain compiled:\n").arg(expectError)
                                 + QString::fromUtf8(chain::chainResponseJson(*compiled))));
            QCOMPARE(compiled.diagnostics.size(), 1);
            QVERIFY2(compiled.diagnostics.first().message.contains(expectError),
                     qPrintable(QStringLiteral("got \"%1\", expected \"%2\"").arg(compiled.diagnostics.first().message, expectError)));
            if (c.value(u"expectGraphError").toBool())
                QVERIFY(compiled.diagnostics.first().code.startsWith(u"CS30"));
            return;
        }
        QVERIFY2(compiled, qPrintable(compiled.diagnostics.value(0).format()));

        const QJsonObject actual = chain::chainToJson(*compiled);
        QStringList problems;
        QJsonObject expect = c.value(u"expect").toObject();
        // Implied by the format: request identity, and an absent CustomizationHash means none.
        expect.insert(u"ServiceName", req.serviceName);
        expect.insert(u"Namespace", req.evaluateInNamespace);
        expect.insert(u"Partition", req.evaluateInPartition);
        expect.insert(u"Datacenter", req.evaluateInDatacenter);
        if (!expect.contains(u"ServiceMeta"))
            expect.insert(u"ServiceMeta", QJsonObject());
        if (!expect.contains(u"Default"))
            expect.insert(u"Default", false);
        compareJson(expect, actual, QStringLiteral("Chain"), QString(), problems);
        // Nodes and targets must be exactly the expected sets.
        for (const char *map : {"Nodes", "Targets"}) {
            const QString key = QString::fromLatin1(map);
            if (!expect.contains(key))
                continue;
            QStringList e = expect.value(key).toObject().keys();
            QStringList a = actual.value(key).toObject().keys();
            if (e != a)
                problems << key + QStringLiteral(": have [") + a.join(QStringLiteral(", ")) + QStringLiteral("], expected [") + e.join(QStringLiteral(", ")) + u']';
        }
        if (c.value(u"expectCustomizationHash").toBool()) {
            if (compiled->customizationHash.isEmpty())
                problems << QStringLiteral("CustomizationHash: empty, expected a hash");
        } else if (!compiled->customizationHash.isEmpty()) {
            problems << QStringLiteral("CustomizationHash: ") + compiled->customizationHash + QStringLiteral(", expected none");
        }

        if (!problems.isEmpty()) {
            const QString outDir = QStringLiteral(CHAINSCOPE_BINARY_DIR "/golden-actual");
            QDir().mkpath(outDir);
            const QString outFile = outDir + u'/' + QFileInfo(file).fileName();
            QFile out(outFile);
            if (out.open(QIODevice::WriteOnly))
                out.write(QJsonDocument(actual).toJson(QJsonDocument::Indented));
            qWarning().noquote() << "ours:\n" << QString::fromUtf8(QJsonDocument(actual).toJson(QJsonDocument::Indented));
            qWarning().noquote() << "diff hint: diff -u <(jq -S .expect" << file << ") <(jq -S ." << outFile << ")";
            QFAIL(qPrintable(problems.join(u'\n')));
        }
    }
};

QTEST_GUILESS_MAIN(TestConsulFixtures)
#include "tst_consul_fixtures.moc"
