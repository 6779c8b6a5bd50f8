#include "simulationcontroller.h"

#include "sim/scenariotext.h"

#include <algorithm>

namespace chainscope::model {

SimulationController::SimulationController(QObject *parent)
    : QObject(parent)
{
}

void SimulationController::setScenario(const sim::Scenario &scenario)
{
    const bool same = scenario.request.method == m_scenario.request.method && scenario.request.path == m_scenario.request.path
        && scenario.request.headers == m_scenario.request.headers && scenario.request.query == m_scenario.request.query
        && scenario.health == m_scenario.health && scenario.sourceService == m_scenario.sourceService
        && scenario.defaultIntention == m_scenario.defaultIntention && scenario.era == m_scenario.era;
    if (same)
        return;
    m_scenario = scenario;
    Q_EMIT scenarioChanged();
}

void SimulationController::setMethod(const QString &method)
{
    const QString m = method.trimmed().toUpper();
    if (m.isEmpty() || m == m_scenario.request.method)
        return;
    m_scenario.request.method = m;
    Q_EMIT scenarioChanged();
}

void SimulationController::setPath(const QString &path)
{
    QString p = path.trimmed();
    if (!p.startsWith(u'/'))
        p.prepend(u'/');
    if (p == m_scenario.request.path)
        return;
    m_scenario.request.path = p;
    Q_EMIT scenarioChanged();
}

QString SimulationController::headers() const
{
    QStringList lines;
    for (const auto &h : m_scenario.request.headers)
        lines << h.first + u": " + h.second;
    return lines.join(u'\n');
}

void SimulationController::setHeaders(const QString &text)
{
    QList<QPair<QString, QString>> headers;
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts)) {
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0)
            continue;
        headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    if (headers == m_scenario.request.headers)
        return;
    m_scenario.request.headers = headers;
    Q_EMIT scenarioChanged();
}

QString SimulationController::query() const
{
    QStringList parts;
    for (const auto &q : m_scenario.request.query)
        parts << q.first + u'=' + q.second;
    return parts.join(u'&');
}

void SimulationController::setQuery(const QString &text)
{
    QList<QPair<QString, QString>> query;
    QString t = text.trimmed();
    if (t.startsWith(u'?'))
        t.remove(0, 1);
    for (const QString &part : t.split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(u'=');
        query.append(eq < 0 ? qMakePair(part, QString()) : qMakePair(part.left(eq), part.mid(eq + 1)));
    }
    if (query == m_scenario.request.query)
        return;
    m_scenario.request.query = query;
    Q_EMIT scenarioChanged();
}

void SimulationController::setSourceService(const QString &service)
{
    const QString s = service.trimmed();
    if (s == m_scenario.sourceService)
        return;
    m_scenario.sourceService = s;
    Q_EMIT scenarioChanged();
}

QString SimulationController::era() const
{
    return m_scenario.era == sim::ConsulEra::Legacy ? QStringLiteral("legacy") : QStringLiteral("current");
}

void SimulationController::setEra(const QString &era)
{
    const sim::ConsulEra e = era == u"legacy" ? sim::ConsulEra::Legacy : sim::ConsulEra::Current;
    if (e == m_scenario.era)
        return;
    m_scenario.era = e;
    Q_EMIT scenarioChanged();
}

void SimulationController::setDefaultIntention(const QString &action)
{
    const QString a = action == u"deny" ? QStringLiteral("deny") : QStringLiteral("allow");
    if (a == m_scenario.defaultIntention)
        return;
    m_scenario.defaultIntention = a;
    Q_EMIT scenarioChanged();
}

QStringList SimulationController::downInstances() const
{
    return sim::sortedMembers(m_scenario.health.downInstances);
}

QStringList SimulationController::downDatacenters() const
{
    return sim::sortedMembers(m_scenario.health.downDatacenters);
}

QStringList SimulationController::downPeers() const
{
    return sim::sortedMembers(m_scenario.health.downPeers);
}

QStringList SimulationController::downSubsets() const
{
    return sim::sortedMembers(m_scenario.health.downSubsets);
}

void SimulationController::toggle(QSet<QString> &set, const QString &value, bool on)
{
    if (value.isEmpty() || set.contains(value) == on)
        return;
    if (on)
        set.insert(value);
    else
        set.remove(value);
    Q_EMIT scenarioChanged();
}

void SimulationController::setInstanceDown(const QString &id, bool down)
{
    toggle(m_scenario.health.downInstances, id, down);
}

void SimulationController::toggleInstance(const QString &id)
{
    setInstanceDown(id, !m_scenario.health.downInstances.contains(id));
}

void SimulationController::setDatacenterDown(const QString &datacenter, bool down)
{
    toggle(m_scenario.health.downDatacenters, datacenter, down);
}

void SimulationController::setPeerDown(const QString &peer, bool down)
{
    toggle(m_scenario.health.downPeers, peer, down);
}

void SimulationController::setSubsetDown(const QString &targetId, bool down)
{
    toggle(m_scenario.health.downSubsets, targetId, down);
}

void SimulationController::setCheckStatus(const QString &checkId, const QString &status)
{
    if (checkId.isEmpty())
        return;
    if (status.isEmpty()) {
        if (m_scenario.health.checkStatus.remove(checkId) > 0)
            Q_EMIT scenarioChanged();
        return;
    }
    static const QStringList valid{QStringLiteral("passing"), QStringLiteral("warning"), QStringLiteral("critical"),
                                   QStringLiteral("maintenance")};
    if (!valid.contains(status) || m_scenario.health.checkStatus.value(checkId) == status)
        return;
    m_scenario.health.checkStatus.insert(checkId, status);
    Q_EMIT scenarioChanged();
}

void SimulationController::resetHealth()
{
    if (m_scenario.health == sim::HealthOverrides{})
        return;
    m_scenario.health = {};
    Q_EMIT scenarioChanged();
}

void SimulationController::setLocations(const QStringList &locations)
{
    QStringList dcs;
    QStringList peers;
    for (const QString &l : locations) {
        if (l.startsWith(QLatin1String("peer:")))
            peers << l.mid(5);
        else
            dcs << l;
    }
    if (dcs == m_datacenters && peers == m_peers)
        return;
    m_datacenters = dcs;
    m_peers = peers;
    Q_EMIT locationsChanged();
}

void SimulationController::setResult(bool available, const QString &summary, double failed)
{
    if (available == m_available && summary == m_summary && failed == m_failed)
        return;
    m_available = available;
    m_summary = summary;
    m_failed = failed;
    Q_EMIT resultChanged();
}

} // namespace chainscope::model
