// Endpoint health and weight as Consul sends them to Envoy (runtime.md §2).
#pragma once

#include "sim/catalog.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace chainscope::sim {

/** A Consul check status. Maintenance is a critical check with a reserved ID (runtime.md §2.1). */
enum class CheckStatus { Passing, Warning, Critical };

/** "passing", "warning", "critical"; "maintenance" also reads as Critical. Empty optional otherwise. */
[[nodiscard]] std::optional<CheckStatus> parseCheckStatus(QStringView text);
[[nodiscard]] QString checkStatusName(CheckStatus status);

/** The maintenance check IDs Consul registers (api/health.go). */
[[nodiscard]] inline QString nodeMaintenanceCheckId() { return QStringLiteral("_node_maintenance"); }
[[nodiscard]] inline QString serviceMaintenanceCheckId(const QString &serviceId)
{
    return QStringLiteral("_service_maintenance:") + serviceId;
}

/** Envoy caps endpoint weights at 128 the way Consul emits them. */
inline constexpr int kMaxEndpointWeight = 128;

/** What Envoy receives for one endpoint: HEALTHY or UNHEALTHY, and a load-balancing weight 1..128. */
struct EndpointHealth {
    bool healthy = true;
    int weight = 1;
    friend bool operator==(const EndpointHealth &, const EndpointHealth &) = default;
};

/** Summary of an endpoint's checks: whether any is critical, and whether any is not passing. */
struct CheckSummary {
    bool anyCritical = false;
    bool anyWarning = false;
    void add(CheckStatus s)
    {
        anyCritical = anyCritical || s == CheckStatus::Critical;
        anyWarning = anyWarning || s == CheckStatus::Warning;
    }
    [[nodiscard]] CheckStatus worst() const
    {
        return anyCritical ? CheckStatus::Critical : (anyWarning ? CheckStatus::Warning : CheckStatus::Passing);
    }
};

/**
 * Consul's calculateEndpointHealthAndWeight (agent/xds/endpoints.go): critical ⇒ UNHEALTHY; with
 * onlyPassing any non-passing check ⇒ UNHEALTHY; a warning selects Weights.Warning; a weight below 1 makes
 * the endpoint UNHEALTHY with weight 1; weights above 128 are capped.
 */
[[nodiscard]] EndpointHealth endpointHealth(const CheckSummary &checks, qint64 weightsPassing, qint64 weightsWarning, bool onlyPassing);

/** Convenience over a list of statuses. */
[[nodiscard]] EndpointHealth endpointHealth(const QList<CheckStatus> &checks, qint64 weightsPassing, qint64 weightsWarning, bool onlyPassing);

/** Aggregated status as Consul's views rank it (maintenance > critical > warning > passing); no checks = passing. */
[[nodiscard]] CheckStatus aggregatedStatus(const QList<CatalogCheck> &checks, const QHash<QString, QString> &overrides = {});

} // namespace chainscope::sim
