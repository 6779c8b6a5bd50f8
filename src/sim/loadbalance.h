// Load-balancing shares inside one priority level (runtime.md §5).
#pragma once

#include "config/entries.h"

#include <QtGlobal>

#include <optional>
#include <span>

namespace chainscope::sim {

struct Request;

enum class LbPolicy { RoundRobin, LeastRequest, Random, RingHash, Maglev };

/** The Envoy policy a resolver's LoadBalancer selects ("" and absent = round robin, Envoy's default). */
[[nodiscard]] LbPolicy lbPolicy(const std::optional<config::LoadBalancer> &lb);
[[nodiscard]] QString lbPolicyName(LbPolicy policy);

/**
 * The hash a ring_hash/maglev route computes for a request (runtime.md §5): the values of the header,
 * cookie and query-parameter policies that produce one, in order, stopping after a Terminal policy that
 * produced a value. nullopt when the policy is not hash-based, the chain is not HTTP, or no policy yields
 * a value (Envoy then hashes randomly). SourceIP differs per calling instance, so it yields no single value.
 */
[[nodiscard]] std::optional<quint64> requestHash(const std::optional<config::LoadBalancer> &lb, const Request &request, bool httpChain);

/**
 * Long-run share (Σ = 1) of each eligible endpoint, given their weights (1..128). Weighted round robin,
 * least request at low concurrency and hashing over many keys all converge to w/Σw; random ignores
 * weights (Envoy's RandomLoadBalancer). With a fixed hash key one endpoint takes everything (chosen
 * deterministically, weight-proportionally). An empty span leaves `out` untouched.
 */
void lbShares(LbPolicy policy, std::optional<quint64> hashKey, std::span<const int> weights, std::span<double> out);

} // namespace chainscope::sim
