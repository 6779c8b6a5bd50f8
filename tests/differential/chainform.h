// Bringing discovery chains from Consul 1.8.7 and from chainscope into one comparable form.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace chainscope::difftest {

/**
 * The chain as GET /v1/discovery-chain/<svc> of Consul 1.8.7 returns it (the object inside "Chain"),
 * reduced to the fields both sides know: compiler.md "Comparing with a real Consul 1.8.7 agent".
 * Target IDs and node names keep 1.8.7's shape (no partition segment); empty objects, empty strings,
 * false and null are dropped (so `{}` == absent); durations become integer nanoseconds; weights are
 * rounded to 0.01; CustomizationHash becomes "Customized": true when set (its value is a hash nobody
 * can reproduce across implementations).
 */
[[nodiscard]] QJsonObject comparableFromAgent(const QJsonObject &chain);

/**
 * The same for a chain in chainscope's modern JSON form (the consul-compile fixtures' "expect" shape:
 * `v1.web.default.default.dc1`, `web.default.default`, Partition, Default, ConnectTimeout on targets,
 * split Definitions ...): IDs lose their partition segment, fields 1.8.7 lacks are dropped, and targets
 * in the chain's own datacenter lose their mesh-gateway mode (1.8.7 sets it only for remote ones).
 */
[[nodiscard]] QJsonObject comparableFromModern(const QJsonObject &chain);

/** Human-readable differences between two comparable chains (`Nodes["x"].Resolver.Target: agent "a", chainscope "b"`);
 *  empty when equal. */
[[nodiscard]] QStringList chainDifferences(const QJsonObject &agent, const QJsonObject &ours);

/** A Go duration ("1m30s", "250ms", "5s") or a number of nanoseconds; -1 when unparsable. */
[[nodiscard]] qint64 parseGoDuration(const QJsonValue &value);


} // namespace chainscope::difftest
