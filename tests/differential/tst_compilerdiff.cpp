// Issue 3: chainscope's entry validation and chain compiler against a real Consul 1.8.7 agent, over
// random entry sets (entrygenerator.h). For every set the agent's config is cleared, the set is written
// in dependency order (the agent compiles the affected chains on every write and refuses entries that
// break them), and then:
//   - every entry the agent refused must be refused by chainscope too (entry validation, or a graph
//     error in a chain the write affects, as 1.8.7 checks them);
//   - for the accepted entries, every chain the set names is compiled by both and compared in a common
//     form (chainform.h), plus a few POST requests with overrides.
// Mismatches are printed with the seed, the entries and both chains; the test fails at the end with a
// summary. CHAINSCOPE_DIFF_SEED / CHAINSCOPE_DIFF_SETS override the seed and the number of sets;
// CHAINSCOPE_DIFF_VERBOSE=1 prints every refusal with both sides' reasons.
#include "chainform.h"
#include "consulagent.h"
#include "entrygenerator.h"

#include "chain/chainjson.h"
#include "chain/compiler.h"
#include "config/configset.h"
#include "config/reader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace chainscope;
using namespace chainscope::difftest;
using namespace Qt::StringLiterals;

namespace {

constexpr quint64 kDefaultSeed = 87001;
constexpr int kDefaultSets = 200;

// Kinds in write order; clearing goes backwards.
const QStringList s_kinds = {u"proxy-defaults"_s, u"service-defaults"_s, u"service-resolver"_s, u"service-splitter"_s,
                             u"service-router"_s};

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString indented(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

/** The services an entry's chain pieces point at (route destinations, splits, redirect, failover). */
QSet<QString> referencedServices(const config::Entry &entry)
{
    QSet<QString> out;
    const auto add = [&](const QString &s) {
        if (!s.isEmpty())
            out.insert(s);
    };
    if (const auto *router = entry.as<config::ServiceRouter>()) {
        for (const config::ServiceRoute &route : router->routes) {
            if (route.destination)
                add(route.destination->service);
        }
    } else if (const auto *splitter = entry.as<config::ServiceSplitter>()) {
        for (const config::ServiceSplit &split : splitter->splits)
            add(split.service);
    } else if (const auto *resolver = entry.as<config::ServiceResolver>()) {
        if (resolver->redirect)
            add(resolver->redirect->service);
        for (const config::ResolverFailover &failover : resolver->failover)
            add(failover.service);
    }
    return out;
}

/** One generated entry on chainscope's side. */
struct LoadedEntry {
    std::optional<config::Entry> entry; ///< unset when decoding failed
    Diagnostics errors;                 ///< decode/validation errors
};

struct Tally {
    int sets = 0;
    int writes = 0;
    int refusedByAgent = 0;
    int missedRefusals = 0;   ///< agent refused, chainscope accepted (a failure)
    int extraRefusals = 0;    ///< chainscope refused what 1.8.7 accepted (reported; newer Consul is stricter)
    int chains = 0;
    int chainErrorsBoth = 0;
    int chainMismatches = 0;  ///< a failure
    int overrides = 0;
    QStringList failures;     ///< one line per hard mismatch
};

} // namespace

class TestCompilerDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void randomSetsMatchTheAgent();

private:
    bool clearConfig(QString *why);
    QList<LoadedEntry> loadOnOurSide(const EntrySet &set);
    QStringList refusalReasons(const QList<config::Entry> &accepted, const config::Entry &candidate, const Diagnostics &entryErrors) const;
    void compareChain(const EntrySet &set, const QList<config::Entry> &accepted, const QString &service,
                      const ChainOverride *override_, Tally &tally);
    void report(const EntrySet &set, const QString &what, const QStringList &details);

    std::unique_ptr<ConsulAgent> m_agent;
    QString m_trustDomain;
    bool m_verbose = qEnvironmentVariableIntValue("CHAINSCOPE_DIFF_VERBOSE") != 0; ///< print every refusal pair
};

void TestCompilerDiff::initTestCase()
{
    const AgentLocation location = locateAgent(QStringLiteral(DIFF_AGENT_STATE_DIR));
    if (location.address.isEmpty()) {
        if (location.maySkip)
            QSKIP(qPrintable(location.unavailableReason));
        QFAIL(qPrintable(u"CI=true and no consul agent: "_s + location.unavailableReason));
    }
    m_agent = std::make_unique<ConsulAgent>(location.address);
    m_trustDomain = m_agent->trustDomain();
    QVERIFY2(m_trustDomain.endsWith(u".consul"), qPrintable(u"no trust domain from /v1/connect/ca/roots: "_s + m_trustDomain));
}

bool TestCompilerDiff::clearConfig(QString *why)
{
    // Routers and splitters first, then resolvers stripped of everything that points elsewhere (two
    // resolvers failing over to each other's subsets cannot be deleted one after the other), then the rest.
    for (int pass = 0; pass < 4; ++pass) {
        bool any = false;
        for (qsizetype k = s_kinds.size() - 1; k >= 0; --k) {
            const QString &kind = s_kinds.at(k);
            const HttpReply list = m_agent->get(u"/v1/config/"_s + kind);
            if (!list.ok()) {
                *why = u"GET /v1/config/"_s + kind + u": "_s + QString::number(list.status) + u' ' + list.text() + list.error;
                return false;
            }
            for (const QJsonValue &value : list.json().array()) {
                any = true;
                const QJsonObject entry = value.toObject();
                const QString name = entry.value(u"Name").toString();
                if (kind == u"service-resolver" && pass == 0 && (entry.contains(u"Redirect") || entry.contains(u"Failover"))) {
                    QJsonObject plain{{u"Kind"_s, kind}, {u"Name"_s, name}};
                    if (entry.contains(u"Subsets"))
                        plain.insert(u"Subsets"_s, entry.value(u"Subsets"));
                    (void)m_agent->put(u"/v1/config"_s, QJsonDocument(plain).toJson());
                }
                (void)m_agent->del(u"/v1/config/"_s + kind + u'/' + name);
            }
        }
        if (!any)
            return true;
    }
    QStringList left;
    for (const QString &kind : s_kinds) {
        for (const QJsonValue &value : m_agent->get(u"/v1/config/"_s + kind).json().array())
            left.append(kind + u'/' + value.toObject().value(u"Name").toString());
    }
    *why = u"entries the agent would not delete: "_s + left.join(u", "_s);
    return left.isEmpty();
}

QList<LoadedEntry> TestCompilerDiff::loadOnOurSide(const EntrySet &set)
{
    config::ReadResult read;
    QStringList files;
    for (qsizetype i = 0; i < set.entries.size(); ++i) {
        const QString file = QStringLiteral("set-%1/%2-%3-%4.json")
                                 .arg(set.seed)
                                 .arg(i)
                                 .arg(set.entries.at(i).value(u"Kind").toString(), set.entries.at(i).value(u"Name").toString());
        files.append(file);
        config::ReadResult one = config::readText(QJsonDocument(set.entries.at(i)).toJson(), file, config::DocumentFormat::Json);
        read.documents << one.documents;
        read.files << one.files;
        read.diagnostics << one.diagnostics;
    }
    config::LoadOptions options;
    options.edition = config::Edition::CE;
    const config::ConfigSet loaded = config::loadDocuments(read, options);

    QList<LoadedEntry> out(set.entries.size());
    for (const config::Entry &entry : loaded.entries) {
        const qsizetype i = files.indexOf(entry.span.file);
        if (i >= 0)
            out[i].entry = entry;
    }
    for (const Diagnostic &d : loaded.diagnostics) {
        const qsizetype i = files.indexOf(d.where.file);
        if (d.severity == Severity::Error && i >= 0)
            out[i].errors.append(d);
    }
    return out;
}

QStringList TestCompilerDiff::refusalReasons(const QList<config::Entry> &accepted, const config::Entry &candidate,
                                             const Diagnostics &entryErrors) const
{
    QStringList reasons;
    for (const Diagnostic &d : entryErrors)
        reasons.append(d.format());
    if (!reasons.isEmpty())
        return reasons;

    // What the agent's store does on write (state/config_entry.go validateProposedConfigEntryInGraph):
    // compile the entry's own chain and the chains of entries that point at its service with the
    // proposed entry in place; proxy-defaults "global" re-checks every chain.
    QList<config::Entry> proposed;
    for (const config::Entry &e : accepted) {
        if (!(e.kind == candidate.kind && e.name == candidate.name))
            proposed.append(e);
    }
    proposed.append(candidate);

    QSet<QString> check{candidate.name};
    for (const config::Entry &e : std::as_const(proposed)) {
        if (candidate.kind == config::EntryKind::ProxyDefaults) {
            if (e.kind != config::EntryKind::ProxyDefaults)
                check.insert(e.name);
        } else if (referencedServices(e).contains(candidate.name)) {
            check.insert(e.name);
        }
    }
    check.remove(u"global"_s);
    QStringList services(check.begin(), check.end());
    services.sort();

    const chain::ChainCompiler compiler(proposed);
    for (const QString &service : std::as_const(services)) {
        chain::CompileRequest request = chain::CompileRequest::forService(service);
        request.evaluateInTrustDomain = m_trustDomain;
        request.edition = config::Edition::CE;
        const Result<chain::CompiledChain> result = compiler.compile(request);
        for (const Diagnostic &d : result.diagnostics) {
            if (d.severity == Severity::Error)
                reasons.append(u"chain "_s + service + u": "_s + d.message);
        }
    }
    return reasons;
}

void TestCompilerDiff::report(const EntrySet &set, const QString &what, const QStringList &details)
{
    QString text = QStringLiteral("MISMATCH seed %1 (rerun: CHAINSCOPE_DIFF_SEED=%1 CHAINSCOPE_DIFF_SETS=1): %2\n").arg(set.seed).arg(what);
    text += u"  entries:\n"_s;
    for (const QJsonObject &entry : set.entries)
        text += u"    "_s + compact(entry) + u'\n';
    for (const QString &line : details)
        text += u"  "_s + line + u'\n';
    qWarning().noquote() << text;
}

void TestCompilerDiff::compareChain(const EntrySet &set, const QList<config::Entry> &accepted, const QString &service,
                                    const ChainOverride *override_, Tally &tally)
{
    const QString path = u"/v1/discovery-chain/"_s + service;
    const QString query = u"compile-dc=dc1"_s;
    const HttpReply reply = override_ ? m_agent->post(path, query, QJsonDocument(override_->body).toJson()) : m_agent->get(path, query);
    QVERIFY2(reply.status != 0, qPrintable(u"no answer from the agent: "_s + reply.error));

    chain::CompileRequest request = chain::CompileRequest::forService(service);
    request.evaluateInTrustDomain = m_trustDomain;
    request.edition = config::Edition::CE;
    if (override_) {
        request.overrideProtocol = override_->body.value(u"OverrideProtocol").toString();
        request.overrideConnectTimeout = config::Duration(parseGoDuration(override_->body.value(u"OverrideConnectTimeout")));
        request.overrideMeshGateway.mode = override_->body.value(u"OverrideMeshGateway").toObject().value(u"Mode").toString();
    }
    const Result<chain::CompiledChain> ours = chain::compile(accepted, request);
    const QString what = (override_ ? u"POST "_s + compact(override_->body) + u' ' : u"GET "_s) + path;
    ++tally.chains;

    if (!reply.ok() || !ours) {
        QStringList ourErrors;
        for (const Diagnostic &d : ours.diagnostics)
            ourErrors.append(d.format());
        if (!reply.ok() && !ours) {
            ++tally.chainErrorsBoth;
            return;
        }
        ++tally.chainMismatches;
        tally.failures.append(QStringLiteral("seed %1: %2: agent %3, chainscope %4")
                                  .arg(set.seed)
                                  .arg(what, reply.ok() ? u"compiled"_s : u"refused"_s, ours ? u"compiled"_s : u"refused"_s));
        report(set, what + u": only one side compiles"_s,
               {u"agent: "_s + QString::number(reply.status) + u' ' + (reply.ok() ? indented(comparableFromAgent(reply.json().object().value(u"Chain").toObject())) : reply.text()),
                u"chainscope: "_s + (ours ? indented(comparableFromModern(chain::chainToJson(*ours))) : ourErrors.join(u"; "_s))});
        return;
    }
    const QJsonObject agentChain = comparableFromAgent(reply.json().object().value(u"Chain").toObject());
    QJsonObject ourChain = comparableFromModern(chain::chainToJson(*ours));
    if (override_ && !request.overrideMeshGateway.mode.isEmpty() && ourChain.contains(u"Customized")) {
        // 1.8.7 applies OverrideMeshGateway only to targets in other datacenters (see
        // comparableFromModern): without such a target the override changes nothing, so it alone does
        // not make the chain customized there.
        bool remoteTarget = false;
        for (const QJsonValue &t : ourChain.value(u"Targets").toObject())
            remoteTarget = remoteTarget || t.toObject().value(u"Datacenter") != ourChain.value(u"Datacenter");
        chain::CompileRequest withoutMeshOverride = request;
        withoutMeshOverride.overrideMeshGateway = {};
        const Result<chain::CompiledChain> plain = chain::compile(accepted, withoutMeshOverride);
        if (!remoteTarget && plain && plain->customizationHash.isEmpty())
            ourChain.remove(u"Customized"_s);
    }
    const QStringList differences = chainDifferences(agentChain, ourChain);
    if (differences.isEmpty())
        return;
    ++tally.chainMismatches;
    tally.failures.append(QStringLiteral("seed %1: %2: %3").arg(set.seed).arg(what, differences.constFirst()));
    report(set, what + u": chains differ"_s,
           QStringList{u"differences:"_s} + differences + QStringList{u"agent:"_s, indented(agentChain), u"chainscope:"_s, indented(ourChain)});
}

void TestCompilerDiff::randomSetsMatchTheAgent()
{
    bool seedOk = false;
    quint64 seed = qEnvironmentVariable("CHAINSCOPE_DIFF_SEED").toULongLong(&seedOk);
    if (!seedOk)
        seed = kDefaultSeed;
    bool countOk = false;
    int sets = qEnvironmentVariableIntValue("CHAINSCOPE_DIFF_SETS", &countOk);
    if (!countOk || sets <= 0)
        sets = kDefaultSets;
    qInfo("compiler differential: seeds %llu..%llu against %s", seed, seed + quint64(sets) - 1,
          qPrintable(m_agent->address().toString()));

    Tally tally;
    for (int n = 0; n < sets; ++n) {
        const EntrySet set = generateEntrySet(seed + quint64(n));
        QString why;
        QVERIFY2(clearConfig(&why), qPrintable(QStringLiteral("seed %1: %2").arg(set.seed).arg(why)));
        ++tally.sets;

        const QList<LoadedEntry> ours = loadOnOurSide(set);
        QList<config::Entry> accepted;
        for (qsizetype i = 0; i < set.entries.size(); ++i) {
            const QJsonObject &json = set.entries.at(i);
            const HttpReply reply = m_agent->put(u"/v1/config"_s, QJsonDocument(json).toJson());
            QVERIFY2(reply.status != 0, qPrintable(u"no answer from the agent: "_s + reply.error));
            ++tally.writes;
            const bool agentAccepted = reply.ok() && reply.text() == u"true";
            const LoadedEntry &mine = ours.at(i);
            const QStringList reasons = mine.entry ? refusalReasons(accepted, *mine.entry, mine.errors)
                                                   : [&] {
                                                         QStringList r;
                                                         for (const Diagnostic &d : mine.errors)
                                                             r.append(d.format());
                                                         return r.isEmpty() ? QStringList{u"not decoded"_s} : r;
                                                     }();
            const QString entryName = json.value(u"Kind").toString() + u'/' + json.value(u"Name").toString();
            if (!agentAccepted) {
                ++tally.refusedByAgent;
                if (reasons.isEmpty()) {
                    ++tally.missedRefusals;
                    tally.failures.append(QStringLiteral("seed %1: %2 refused by the agent (%3), accepted by chainscope")
                                              .arg(set.seed)
                                              .arg(entryName, reply.text()));
                    report(set, entryName + u" refused by the agent, accepted by chainscope"_s,
                           {u"agent: "_s + QString::number(reply.status) + u' ' + reply.text()});
                }
                if (m_verbose)
                    qInfo().noquote() << QStringLiteral("seed %1: %2 refused; agent: %3; chainscope: %4")
                                             .arg(set.seed)
                                             .arg(entryName, reply.text(), reasons.join(u"; "_s));
                continue;
            }
            if (!reasons.isEmpty()) {
                ++tally.extraRefusals;
                qInfo().noquote() << QStringLiteral("note: seed %1: %2 accepted by Consul 1.8.7, refused by chainscope: %3")
                                         .arg(set.seed)
                                         .arg(entryName, reasons.join(u"; "_s));
            }
            if (mine.entry) {
                accepted.removeIf([&](const config::Entry &e) { return e.kind == mine.entry->kind && e.name == mine.entry->name; });
                accepted.append(*mine.entry);
            }
        }

        for (const QString &service : set.services) {
            compareChain(set, accepted, service, nullptr, tally);
            if (QTest::currentTestFailed())
                return;
        }
        for (const ChainOverride &override_ : set.overrides) {
            ++tally.overrides;
            compareChain(set, accepted, override_.service, &override_, tally);
            if (QTest::currentTestFailed())
                return;
        }
    }
    QString why;
    QVERIFY2(clearConfig(&why), qPrintable(why));

    const QString summary = QStringLiteral("%1 sets (seeds %2..%3), %4 writes (%5 refused by the agent), %6 chains compared "
                                           "(%7 refused by both, %8 with overrides): %9 refusals missed, %10 chain mismatches; "
                                           "%11 entries accepted by 1.8.7 but refused by chainscope (stricter modern rules, "
                                           "not counted as failures)")
                                .arg(tally.sets)
                                .arg(seed)
                                .arg(seed + quint64(sets) - 1)
                                .arg(tally.writes)
                                .arg(tally.refusedByAgent)
                                .arg(tally.chains)
                                .arg(tally.chainErrorsBoth)
                                .arg(tally.overrides)
                                .arg(tally.missedRefusals)
                                .arg(tally.chainMismatches)
                                .arg(tally.extraRefusals);
    qInfo().noquote() << summary;
    QVERIFY2(tally.missedRefusals == 0 && tally.chainMismatches == 0,
             qPrintable(summary + u"\n"_s + tally.failures.mid(0, 40).join(u'\n')));
}

QTEST_GUILESS_MAIN(TestCompilerDiff)
#include "tst_compilerdiff.moc"
