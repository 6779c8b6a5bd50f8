// The compiled chain as JSON, in the shape GET /v1/discovery-chain/:service returns.
#pragma once

#include "chain/compiledchain.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace chainscope::chain {

struct ChainJsonOptions {
    /** Adds chainscope's provenance under extra "chainscope" keys (on the chain, nodes, routes, splits,
     *  failovers and targets). Off by default, so the output has exactly Consul's keys. */
    bool provenance = false;
};

/** The chain object (what the API returns inside "Chain"). Durations are Go Duration.String() text,
 *  `Default` and `Resolver.Default` are always written, other empty fields are left out. */
[[nodiscard]] QJsonObject chainToJson(const CompiledChain &chain, const ChainJsonOptions &options = {});

/** `{"Chain": {...}}` as indented UTF-8 text, ending in a newline. */
[[nodiscard]] QByteArray chainResponseJson(const CompiledChain &chain, const ChainJsonOptions &options = {});

/** Go's time.Duration.String(): "0s", "1.5µs", "500ms", "5s", "1m30s", "2m0s", "1h0m0s", "-2s". */
[[nodiscard]] QString goDurationString(Duration d);

/** Go's time.ParseDuration (used by tests and the command line): "15s", "1m30s", "1.5h", "-2s", "0";
 *  nullopt on a malformed string. */
[[nodiscard]] std::optional<Duration> parseGoDuration(QStringView text);

} // namespace chainscope::chain
