#include "sim/priorityload.h"

#include <algorithm>

namespace chainscope::sim {

PriorityLoad computePriorityLoad(const QList<PriorityLevel> &levels, int overprovisioningFactor, int panicThreshold)
{
    PriorityLoad r;
    const qsizetype n = levels.size();
    if (n == 0)
        return r;
    r.health.resize(n, 0);
    r.load.resize(n, 0);
    r.panic.resize(n, false);

    // Envoy: per_priority_health = min(100, OPF * healthy / total), integer division on host counts.
    qint64 sum = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const PriorityLevel &l = levels.at(i);
        if (l.total > 0) {
            const qint64 h = qint64(overprovisioningFactor) * std::max(0, l.healthy) / l.total;
            r.health[i] = int(std::min<qint64>(100, h));
        }
        sum += r.health.at(i);
    }
    r.normalizedTotal = int(std::min<qint64>(100, sum));
    const int normalized = r.normalizedTotal;

    if (normalized > 0) {
        // distributeLoad: each level takes its normalised health, capped by what is left; rounding
        // leftovers go to the first level with any health.
        int remaining = 100;
        for (qsizetype i = 0; i < n; ++i) {
            const int share = std::min(remaining, r.health.at(i) * 100 / normalized);
            r.load[i] = share;
            remaining -= share;
        }
        if (remaining > 0) {
            for (qsizetype i = 0; i < n; ++i) {
                if (r.health.at(i) > 0) {
                    r.load[i] += remaining;
                    break;
                }
            }
        }
    } else {
        // Nothing healthy: Envoy leaves everything on P0 unless total panic redistributes it below.
        r.load[0] = 100;
    }

    if (panicThreshold <= 0)
        return r;

    // recalculatePerPriorityPanic: no level panics while the normalised total is 100.
    bool allPanic = true;
    for (qsizetype i = 0; i < n; ++i) {
        const PriorityLevel &l = levels.at(i);
        bool panic = false;
        if (normalized < 100) {
            const double healthyPercent = l.total > 0 ? 100.0 * double(l.healthy) / double(l.total) : 0.0;
            panic = healthyPercent < double(panicThreshold);
        }
        r.panic[i] = panic;
        allPanic = allPanic && panic;
    }
    if (!allPanic)
        return r;

    // recalculateLoadInTotalPanic: distribute by host counts, leftovers to the first level with hosts.
    qint64 hosts = 0;
    for (const PriorityLevel &l : levels)
        hosts += std::max(0, l.total);
    if (hosts == 0)
        return r;
    r.totalPanic = true;
    int assigned = 0;
    for (qsizetype i = 0; i < n; ++i) {
        r.load[i] = int(100 * qint64(std::max(0, levels.at(i).total)) / hosts);
        assigned += r.load.at(i);
    }
    if (assigned < 100) {
        for (qsizetype i = 0; i < n; ++i) {
            if (levels.at(i).total > 0) {
                r.load[i] += 100 - assigned;
                break;
            }
        }
    }
    return r;
}

} // namespace chainscope::sim
