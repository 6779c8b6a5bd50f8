// Consul's Normalize()/Validate() rules per kind, consul-k8s webhook rules, editions, duplicates.
#pragma once

#include "common/diagnostic.h"
#include "config/entries.h"

namespace chainscope::config {

struct ValidateOptions {
    Edition edition = Edition::Enterprise;
};

/** Entry-level rules (config.md §3, §3.7 for Kubernetes entries) with Consul's exact messages, located at
 *  the offending field. Includes the filter-expression syntax check of resolver subsets. */
[[nodiscard]] Diagnostics validateEntry(const Entry &entry, const ValidateOptions &options = {});

/** Same kind, name, namespace and partition defined twice: one error naming both places. Also the
 *  consul-k8s "unique names across namespaces" rule under CE. */
[[nodiscard]] Diagnostics checkDuplicates(const QList<Entry> &entries, const ValidateOptions &options = {});

} // namespace chainscope::config
