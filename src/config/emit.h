// Writing entries back out: Consul API JSON, Consul HCL, and Kubernetes CRD YAML.
#pragma once

#include "config/entries.h"

#include <QList>
#include <QString>

namespace chainscope::config {

/** The entries as one JSON array in Consul's API form (what `consul config write` PUTs): CamelCase keys
 *  in API field order, map keys sorted, resolver/route timeouts as Go duration strings, every other
 *  duration as integer nanoseconds, float32 weights in their shortest form. Indented by two spaces. */
[[nodiscard]] QString emitJson(const QList<Entry> &entries);

/** The entries as Consul HCL, one entry per block of text. `consul config write` takes one entry per
 *  file, so several entries are separated by a `# ----` comment line naming the next entry. */
[[nodiscard]] QString emitHcl(const QList<Entry> &entries);

/** The entries as consul.hashicorp.com/v1alpha1 CRD documents separated by `---` (camelCase spec keys,
 *  every duration as a Go duration string). Meta and Partition have no place in a CRD (the controller
 *  sets them); an entry that has them gets a comment saying they were left out. */
[[nodiscard]] QString emitYaml(const QList<Entry> &entries);

} // namespace chainscope::config
