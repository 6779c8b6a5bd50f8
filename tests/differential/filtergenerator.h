// Random, reproducible catalogs and go-bexpr filter expressions for the filter differential (issue 4).
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace chainscope::difftest {

/** The application service and its sidecar name in the generated catalog. */
inline constexpr QStringView kFilterService = u"fdiff-api";
inline constexpr QStringView kFilterSidecar = u"fdiff-api-sidecar-proxy";

/** Bodies for PUT /v1/catalog/register: nodes with meta and tagged addresses, instances of
 *  kFilterService with tags/meta/ports/weights, node and service checks in every state, and sidecar
 *  proxies (kFilterSidecar) with upstreams, mesh-gateway mode and expose paths. */
[[nodiscard]] QList<QJsonObject> generateCatalog(quint64 seed);

/**
 * Filter expressions over the selectors of runtime.md §1.6 (including some that Consul 1.8.7 does not
 * have), every operator, and/or/not and parentheses, bare/double-quoted/raw values, and deliberately
 * invalid ones (operator not allowed for the type, bad coercions, hyphenated barewords, upper-case
 * keywords, unknown selectors, bad regexes, the selector-first `in`).
 */
[[nodiscard]] QStringList generateFilters(quint64 seed, int count);

} // namespace chainscope::difftest
