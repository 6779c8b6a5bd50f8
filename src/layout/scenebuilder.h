// CompiledChain (+ simulation result) → Scene (+ overlay): what to draw, before any geometry.
#pragma once

#include "chain/compiledchain.h"
#include "config/entries.h"
#include "layout/scene.h"
#include "sim/simulation.h"

namespace chainscope::layout {

/**
 * Boxes and arrows for one compiled chain, left to right: router (one row per route, the implicit
 * catch-all included), splitters (one row per leg), resolvers (subsets, filters, default subset, timeouts,
 * LB policy), targets (service, subset, datacenter, namespace, partition, peer). Failover edges carry their
 * order ("1st failover", …), redirect edges show where a resolver sent the request. Deterministic: the
 * same chain always gives the same scene. entries (optional) add what the chain does not carry: a
 * resolver's subset list and default subset.
 */
[[nodiscard]] Scene buildScene(const chain::CompiledChain &chain, const QList<config::Entry> &entries = {});

/** Maps a simulation result onto a scene built from the same chain (index-aligned overlay). */
[[nodiscard]] SceneOverlay buildOverlay(const Scene &scene, const sim::SimulationResult &result);

/** "1st", "2nd", "3rd", "4th", … */
[[nodiscard]] QString ordinal(int n);

} // namespace chainscope::layout
