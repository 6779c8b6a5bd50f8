// A what-if scenario in one line, for people: the "Simulation:" line of exported pictures (CLI and app).
#pragma once

#include "sim/simulation.h"

#include <QSet>
#include <QString>
#include <QStringList>

namespace chainscope::sim {

/**
 * Describes a scenario by what differs from the defaults, in a fixed order:
 * "catalog CATALOG; down a, b; datacenter down dc1; peer down p; target down t; checks id=status;
 * request POST /x?a=1; headers name: value; source frontend; default intention deny; Consul era legacy".
 * Sets are sorted (a scenario built by toggling has no order); the request is written only when it is not
 * "GET /" without query, the default intention only when "deny", the era only when legacy. catalog names
 * where the instances came from ("" leaves that part out).
 */
/** The members of a scenario set (down instances, datacenters, ...) in sorted order, for display. */
[[nodiscard]] QStringList sortedMembers(const QSet<QString> &set);

[[nodiscard]] QString describeScenario(const Scenario &scenario, const QString &catalog);

} // namespace chainscope::sim
