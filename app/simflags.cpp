#include "simflags.h"

#include "sim/health.h"
#include "sim/routing.h"

namespace chainscope::app {

namespace {

QString opt(const char *name)
{
    return QString::fromLatin1(name);
}

} // namespace

void addSimulationOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {opt("source"), QStringLiteral("Calling service whose intentions are checked."), QStringLiteral("SERVICE")},
        {opt("down"), QStringLiteral("Take an instance down (Service.ID of the application or its sidecar). Repeatable."), QStringLiteral("INSTANCE_ID")},
        {opt("down-dc"), QStringLiteral("Take every instance in a datacenter down. Repeatable."), QStringLiteral("DC")},
        {opt("down-peer"), QStringLiteral("Take every instance imported from a cluster peer down. Repeatable."), QStringLiteral("PEER")},
        {opt("down-subset"), QStringLiteral("Take every instance of a chain target down (target ID). Repeatable."), QStringLiteral("TARGET_ID")},
        {opt("check"), QStringLiteral("Override a check: CHECK_ID=passing|warning|critical|maintenance. Repeatable."), QStringLiteral("CHECK_ID=STATUS")},
        {opt("request"), QStringLiteral("The request to route, e.g. 'POST /api/orders?x=1' (default 'GET /')."), QStringLiteral("REQUEST")},
        {{opt("H"), opt("header")}, QStringLiteral("A request header 'name: value'. Repeatable."), QStringLiteral("HEADER")},
        {opt("default-intention"), QStringLiteral("Decision when no intention matches: allow (default) or deny."), QStringLiteral("POLICY"), QStringLiteral("allow")},
        {opt("consul-era"), QStringLiteral("Failover translation: current (1.14+, aggregate clusters) or legacy (1.6-1.13)."), QStringLiteral("ERA"), QStringLiteral("current")},
        {opt("explicit-upstreams"), QStringLiteral("The source calls through explicit upstreams, not transparent proxy.")},
    });
}

bool parseSimulationFlags(const QCommandLineParser &parser, sim::Scenario &scenario, QString &error)
{
    scenario.sourceService = parser.value(opt("source"));
    for (const QString &id : parser.values(opt("down")))
        scenario.health.downInstances.insert(id);
    for (const QString &dc : parser.values(opt("down-dc")))
        scenario.health.downDatacenters.insert(dc);
    for (const QString &peer : parser.values(opt("down-peer")))
        scenario.health.downPeers.insert(peer);
    for (const QString &target : parser.values(opt("down-subset")))
        scenario.health.downSubsets.insert(target);
    for (const QString &check : parser.values(opt("check"))) {
        const qsizetype eq = check.lastIndexOf(QLatin1Char('='));
        const QString id = eq > 0 ? check.left(eq) : QString();
        const QString status = eq > 0 ? check.mid(eq + 1) : QString();
        if (id.isEmpty() || !sim::parseCheckStatus(status)) {
            error = QStringLiteral("--check %1: expected CHECK_ID=passing|warning|critical|maintenance").arg(check);
            return false;
        }
        scenario.health.checkStatus.insert(id, status);
    }
    if (parser.isSet(opt("request")) && !sim::parseRequestLine(parser.value(opt("request")), scenario.request)) {
        error = QStringLiteral("--request %1: expected 'METHOD /path[?query]'").arg(parser.value(opt("request")));
        return false;
    }
    for (const QString &header : parser.values(opt("header"))) {
        QPair<QString, QString> h;
        if (!sim::parseHeader(header, h)) {
            error = QStringLiteral("-H %1: expected 'name: value'").arg(header);
            return false;
        }
        scenario.request.headers.append(h);
    }
    const QString policy = parser.value(opt("default-intention"));
    if (policy != u"allow" && policy != u"deny") {
        error = QStringLiteral("--default-intention must be allow or deny, not %1").arg(policy);
        return false;
    }
    scenario.defaultIntention = policy;
    const QString era = parser.value(opt("consul-era"));
    if (era != u"current" && era != u"legacy") {
        error = QStringLiteral("--consul-era must be current or legacy, not %1").arg(era);
        return false;
    }
    scenario.era = era == u"legacy" ? sim::ConsulEra::Legacy : sim::ConsulEra::Current;
    scenario.transparentProxy = !parser.isSet(opt("explicit-upstreams"));
    return true;
}

} // namespace chainscope::app
