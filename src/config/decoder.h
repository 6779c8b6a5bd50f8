// Decoding neutral trees into typed, normalised entries, as Consul (HCL/JSON) and consul-k8s (YAML) do.
#pragma once

#include "common/diagnostic.h"
#include "config/entries.h"
#include "config/reader.h"

namespace chainscope::config {

struct DecodeOptions {
    Edition edition = Edition::Enterprise;
};

struct DecodeResult {
    QList<Entry> entries; ///< decoded and normalised (may be empty when decoding failed)
    Diagnostics diagnostics;
};

/** Kind detection, key translation (aliases, case-insensitive match, k8s camelCase), shape
 *  normalisation (list-of-one unwrapping, map merging), weak scalar coercion, durations, unknown keys
 *  (with "did you mean"), Consul's Normalize() (methods upper-cased, weights rounded, precedence sorted,
 *  protocol lower-cased, proxy-defaults name "global"...). Validation rules are in validator.h. */
[[nodiscard]] DecodeResult decodeDocument(const SourceDocument &document, const DecodeOptions &options = {});
/** decodeDocument() consuming the document: the raw tree's strings, spans and lists become the entry's
 *  canonical tree instead of being copied (the loader hands over documents it no longer needs). */
[[nodiscard]] DecodeResult decodeDocument(SourceDocument &&document, const DecodeOptions &options = {});
/** decodeDocument() consuming the document, its entry and problems appended to lists the caller keeps (a
 *  load's own): nothing is built aside and moved over. */
void decodeDocument(SourceDocument &&document, const DecodeOptions &options, QList<Entry> &entries, Diagnostics &diagnostics);

/** For an entry read from Kubernetes YAML: the CRD path (`spec.failover.namespace`,
 *  `metadata.name`) of a canonical field path (`Failover["*"].Namespace`, `Name`); for other formats the
 *  canonical path unchanged. Used to name fields in diagnostics the way the operator wrote them. */
[[nodiscard]] QString displayFieldPath(const Entry &entry, QStringView canonicalPath);

} // namespace chainscope::config
