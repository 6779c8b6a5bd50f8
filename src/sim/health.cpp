#include "sim/health.h"

#include <algorithm>

namespace chainscope::sim {

std::optional<CheckStatus> parseCheckStatus(QStringView text)
{
    if (text == u"passing")
        return CheckStatus::Passing;
    if (text == u"warning")
        return CheckStatus::Warning;
    // Maintenance is a critical check (_node_maintenance, _service_maintenance:<id>), runtime.md §2.1.
    if (text == u"critical" || text == u"maintenance")
        return CheckStatus::Critical;
    return std::nullopt;
}

QString checkStatusName(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Passing:
        return QStringLiteral("passing");
    case CheckStatus::Warning:
        return QStringLiteral("warning");
    case CheckStatus::Critical:
        return QStringLiteral("critical");
    }
    return {};
}

EndpointHealth endpointHealth(const CheckSummary &checks, qint64 weightsPassing, qint64 weightsWarning, bool onlyPassing)
{
    // agent/xds/endpoints.go calculateEndpointHealthAndWeight; the catalog always supplies Weights.
    EndpointHealth h;
    qint64 weight = weightsPassing;
    if (checks.anyCritical)
        h.healthy = false;
    if (onlyPassing && (checks.anyCritical || checks.anyWarning))
        h.healthy = false;
    if (checks.anyWarning)
        weight = weightsWarning;
    if (weight < 1) {
        h.healthy = false;
        weight = 1;
    }
    h.weight = int(std::min<qint64>(weight, kMaxEndpointWeight));
    return h;
}

EndpointHealth endpointHealth(const QList<CheckStatus> &checks, qint64 weightsPassing, qint64 weightsWarning, bool onlyPassing)
{
    CheckSummary s;
    for (CheckStatus c : checks)
        s.add(c);
    return endpointHealth(s, weightsPassing, weightsWarning, onlyPassing);
}

CheckStatus aggregatedStatus(const QList<CatalogCheck> &checks, const QHash<QString, QString> &overrides)
{
    CheckSummary s;
    for (const CatalogCheck &c : checks) {
        const auto it = overrides.constFind(c.checkId);
        const QString &text = it == overrides.cend() ? c.status : *it;
        s.add(parseCheckStatus(text).value_or(CheckStatus::Critical));
    }
    return s.worst();
}

} // namespace chainscope::sim
