// Envoy's priority-load arithmetic (runtime.md §3.4): which share of requests each priority level gets.
#pragma once

#include <QList>

namespace chainscope::sim {

/** One priority level: endpoint counts (not weights), as Envoy counts hosts. */
struct PriorityLevel {
    int healthy = 0;
    int total = 0;
    friend bool operator==(const PriorityLevel &, const PriorityLevel &) = default;
};

/** Envoy's default overprovisioning factor (1.4), in percent. */
inline constexpr int kDefaultOverprovisioningFactor = 140;
/** Consul ≤ 1.13 set this factor on multi-priority load assignments (consul PR #6259). */
inline constexpr int kLegacyOverprovisioningFactor = 100000;
/** Envoy's default healthy panic threshold, in percent (applies to aggregate clusters, runtime.md §3.2). */
inline constexpr int kDefaultPanicThreshold = 50;

/** The outcome of the priority-load computation, all in integer percent like Envoy. */
struct PriorityLoad {
    QList<int> health;        ///< h_i = min(100, floor(OPF × healthy / total))
    int normalizedTotal = 0;  ///< N = min(100, Σ h_i)
    QList<int> load;          ///< L_i, Σ = 100 whenever there is at least one level
    QList<bool> panic;        ///< level in panic (ordinary clusters then balance over all its hosts)
    bool totalPanic = false;  ///< every level in panic: load distributed by host count
    friend bool operator==(const PriorityLoad &, const PriorityLoad &) = default;
};

/**
 * Computes per-level health, load and panic as Envoy's LoadBalancerBase does (recalculatePerPriorityState,
 * distributeLoad, recalculatePerPriorityPanic, recalculateLoadInTotalPanic). `overprovisioningFactor` is in
 * percent (140 = Envoy's default); `panicThreshold` in percent (0 disables panic). Integer semantics
 * throughout, so the numbers match Envoy's exactly. An empty level list gives empty results.
 */
[[nodiscard]] PriorityLoad computePriorityLoad(const QList<PriorityLevel> &levels, int overprovisioningFactor = kDefaultOverprovisioningFactor,
                                               int panicThreshold = 0);

} // namespace chainscope::sim
