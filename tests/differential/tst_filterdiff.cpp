// Issue 4: chainscope's go-bexpr evaluator (sim/filter.h, schema Consul1_8) against a real Consul 1.8.7
// agent. A generated catalog is registered in the agent; its own unfiltered /v1/health/service answer is
// loaded through sim/catalog so both sides see identical instances; then for many generated expressions
// the set of Service.ID the agent returns for ?filter= (or its error text) is compared with ours.
// CHAINSCOPE_DIFF_SEED overrides the seed, CHAINSCOPE_DIFF_FILTERS the number of expressions.
#include "consulagent.h"
#include "filtergenerator.h"

#include "sim/catalog.h"
#include "sim/filter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

#include <memory>

using namespace chainscope;
using namespace chainscope::difftest;
using namespace Qt::StringLiterals;

namespace {

constexpr quint64 kDefaultSeed = 87001;
constexpr int kDefaultFilters = 1500;
const QString s_errorPrefix = u"Failed to create boolean expression evaluator: "_s;

QStringList sortedIds(const QJsonArray &answer)
{
    QStringList ids;
    for (const QJsonValue &v : answer)
        ids.append(v.toObject().value(u"Service").toObject().value(u"ID").toString());
    ids.sort();
    return ids;
}

} // namespace

class TestFilterDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void filtersMatchTheAgent();
    void cleanupTestCase();

private:
    void deregister();

    std::unique_ptr<ConsulAgent> m_agent;
};

void TestFilterDiff::initTestCase()
{
    const AgentLocation location = locateAgent(QStringLiteral(DIFF_AGENT_STATE_DIR));
    if (location.address.isEmpty()) {
        if (location.maySkip)
            QSKIP(qPrintable(location.unavailableReason));
        QFAIL(qPrintable(u"CI=true and no consul agent: "_s + location.unavailableReason));
    }
    m_agent = std::make_unique<ConsulAgent>(location.address);
}

void TestFilterDiff::deregister()
{
    const HttpReply nodes = m_agent->get(u"/v1/catalog/nodes"_s);
    for (const QJsonValue &node : nodes.json().array()) {
        const QString name = node.toObject().value(u"Node").toString();
        if (name.startsWith(u"fdiff-node-"))
            (void)m_agent->put(u"/v1/catalog/deregister"_s, QJsonDocument(QJsonObject{{u"Node"_s, name}}).toJson());
    }
}

void TestFilterDiff::cleanupTestCase()
{
    if (m_agent)
        deregister();
}

void TestFilterDiff::filtersMatchTheAgent()
{
    bool seedOk = false;
    quint64 seed = qEnvironmentVariable("CHAINSCOPE_DIFF_SEED").toULongLong(&seedOk);
    if (!seedOk)
        seed = kDefaultSeed;
    bool countOk = false;
    int count = qEnvironmentVariableIntValue("CHAINSCOPE_DIFF_FILTERS", &countOk);
    if (!countOk || count <= 0)
        count = kDefaultFilters;

    deregister();
    for (const QJsonObject &registration : generateCatalog(seed)) {
        const HttpReply reply = m_agent->put(u"/v1/catalog/register"_s, QJsonDocument(registration).toJson());
        QVERIFY2(reply.ok(), qPrintable(QStringLiteral("seed %1: register %2: %3 %4%5")
                                            .arg(seed)
                                            .arg(QString::fromUtf8(QJsonDocument(registration).toJson(QJsonDocument::Compact)))
                                            .arg(reply.status)
                                            .arg(reply.text(), reply.error)));
    }

    const QStringList expressions = generateFilters(seed, count);
    int compared = 0, invalidBoth = 0, selective = 0, setMismatches = 0, validityMismatches = 0, messageMismatches = 0;
    QStringList failures;
    for (const QString &service : QStringList{kFilterService.toString(), kFilterSidecar.toString()}) {
        const QString path = u"/v1/health/service/"_s + service;
        const HttpReply all = m_agent->get(path);
        QVERIFY2(all.ok(), qPrintable(path + u": "_s + all.text() + all.error));
        const Result<sim::Catalog> catalog = sim::parseCatalog(all.body, u"agent:"_s + path);
        QVERIFY2(catalog, qPrintable(u"sim::parseCatalog refused the agent's own answer"_s));
        for (const Diagnostic &d : catalog.diagnostics)
            qWarning().noquote() << "catalog:" << d.format();
        const QList<sim::Instance> instances = catalog->all();
        QCOMPARE(instances.size(), all.json().array().size());

        for (const QString &expression : expressions) {
            ++compared;
            const HttpReply reply = m_agent->get(path, u"filter="_s + QString::fromLatin1(QUrl::toPercentEncoding(expression)));
            QVERIFY2(reply.status != 0, qPrintable(u"no answer from the agent: "_s + reply.error));
            const sim::Filter filter = sim::Filter::compile(expression, sim::FilterSchema::Consul1_8);

            QString agentError;
            if (!reply.ok()) {
                agentError = reply.text();
                if (agentError.startsWith(s_errorPrefix))
                    agentError = agentError.mid(s_errorPrefix.size());
            }
            const QString ourError = filter.isValid() ? QString() : filter.error() ? filter.error()->message : u"(invalid)"_s;
            const QString where = QStringLiteral("seed %1 %2 filter `%3`").arg(seed).arg(service, expression);

            if (agentError.isEmpty() != ourError.isEmpty()) {
                ++validityMismatches;
                failures.append(QStringLiteral("%1: agent %2, chainscope %3")
                                    .arg(where, agentError.isEmpty() ? u"accepts"_s : u"rejects (" + agentError + u')',
                                         ourError.isEmpty() ? u"accepts"_s : u"rejects (" + ourError + u')'));
                continue;
            }
            if (!agentError.isEmpty()) {
                ++invalidBoth;
                if (agentError != ourError) {
                    ++messageMismatches;
                    failures.append(QStringLiteral("%1: error text differs: agent `%2`, chainscope `%3`").arg(where, agentError, ourError));
                }
                continue;
            }
            QStringList ours;
            for (const sim::Instance &instance : sim::filterInstances(filter, instances))
                ours.append(instance.service.id);
            ours.sort();
            const QStringList theirs = sortedIds(reply.json().array());
            if (!theirs.isEmpty() && theirs.size() < instances.size())
                ++selective;
            if (ours != theirs) {
                ++setMismatches;
                const QSet<QString> a(theirs.begin(), theirs.end()), b(ours.begin(), ours.end());
                QStringList onlyAgent = QSet<QString>(a).subtract(b).values(), onlyOurs = QSet<QString>(b).subtract(a).values();
                onlyAgent.sort();
                onlyOurs.sort();
                failures.append(QStringLiteral("%1: only the agent selects [%2]; only chainscope selects [%3]")
                                    .arg(where, onlyAgent.join(u", "_s), onlyOurs.join(u", "_s)));
            }
        }
    }
    for (const QString &line : std::as_const(failures))
        qWarning().noquote() << "MISMATCH" << line;
    const QString summary = QStringLiteral("seed %1: %2 filter evaluations (%3 invalid on both sides, %7 valid ones selecting some but "
                                           "not all instances): %4 validity mismatches, %5 error-text mismatches, "
                                           "%6 selection mismatches")
                                .arg(seed)
                                .arg(compared)
                                .arg(invalidBoth)
                                .arg(validityMismatches)
                                .arg(messageMismatches)
                                .arg(setMismatches)
                                .arg(selective);
    qInfo().noquote() << summary;
    QVERIFY2(failures.isEmpty(), qPrintable(summary + u"\n"_s + failures.mid(0, 30).join(u'\n')));
}

QTEST_GUILESS_MAIN(TestFilterDiff)
#include "tst_filterdiff.moc"
