#include "sim/scenariotext.h"

#include <QStringList>

#include <algorithm>

namespace chainscope::sim {

namespace {

/** "POST /api/orders?x=1", the form parseRequestLine reads. */
QString requestLine(const Request &request)
{
    QString line = request.method + u' ' + request.path;
    QStringList query;
    for (const auto &[key, value] : request.query)
        query << key + u'=' + value;
    if (!query.isEmpty())
        line += u'?' + query.join(u'&');
    return line;
}

} // namespace

QStringList sortedMembers(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    std::sort(list.begin(), list.end());
    return list;
}

QString describeScenario(const Scenario &scenario, const QString &catalog)
{
    QStringList parts;
    if (!catalog.isEmpty())
        parts << QStringLiteral("catalog ") + catalog;
    const auto list = [&](const QStringList &values, const QString &label) {
        if (!values.isEmpty())
            parts << label + u' ' + values.join(QStringLiteral(", "));
    };
    const HealthOverrides &health = scenario.health;
    list(sortedMembers(health.downInstances), QStringLiteral("down"));
    list(sortedMembers(health.downDatacenters), QStringLiteral("datacenter down"));
    list(sortedMembers(health.downPeers), QStringLiteral("peer down"));
    list(sortedMembers(health.downSubsets), QStringLiteral("target down"));
    QStringList checks;
    for (auto it = health.checkStatus.cbegin(); it != health.checkStatus.cend(); ++it)
        checks << it.key() + u'=' + it.value();
    std::sort(checks.begin(), checks.end());
    list(checks, QStringLiteral("checks"));

    const Request defaults;
    if (scenario.request.method != defaults.method || scenario.request.path != defaults.path || !scenario.request.query.isEmpty())
        parts << QStringLiteral("request ") + requestLine(scenario.request);
    QStringList headers;
    for (const auto &[name, value] : scenario.request.headers)
        headers << name + QStringLiteral(": ") + value;
    list(headers, QStringLiteral("headers"));
    if (!scenario.sourceService.isEmpty())
        parts << QStringLiteral("source ") + scenario.sourceService;
    if (scenario.defaultIntention != Scenario().defaultIntention)
        parts << QStringLiteral("default intention ") + scenario.defaultIntention;
    if (scenario.era == ConsulEra::Legacy)
        parts << QStringLiteral("Consul era legacy");
    return parts.join(QStringLiteral("; "));
}

} // namespace chainscope::sim
