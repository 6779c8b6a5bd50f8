// The simulation flags shared by `chainscope simulate` and `chainscope export` (runtime.md scenarios).
#pragma once

#include "sim/simulation.h"

#include <QCommandLineParser>
#include <QString>

namespace chainscope::app {

/**
 * Registers the what-if options on a parser: --source SERVICE, --down INSTANCE_ID..., --down-dc DC...,
 * --down-peer PEER..., --down-subset TARGET_ID..., --check CHECK_ID=STATUS..., --request 'METHOD /path',
 * -H/--header 'name: value'..., --default-intention allow|deny, --consul-era current|legacy,
 * --explicit-upstreams. Call once per parser, before parse().
 */
void addSimulationOptions(QCommandLineParser &parser);

/**
 * Reads the options addSimulationOptions registered into a Scenario. On a malformed value returns false
 * and sets `error` to a one-line message naming the option (a usage error, exit code 2).
 */
[[nodiscard]] bool parseSimulationFlags(const QCommandLineParser &parser, sim::Scenario &scenario, QString &error);

} // namespace chainscope::app
