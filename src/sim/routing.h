// Request matching against router routes and intention permissions (runtime.md §4.2, §6.3).
#pragma once

#include "chain/compiledchain.h"
#include "config/entries.h"

#include <QList>
#include <QPair>
#include <QString>

namespace chainscope::sim {

struct Request;

/** Splits "METHOD /path?query" (method optional, default GET) into a Request. Query parameters are kept
 *  as they appear in the URL (no percent-decoding, runtime.md §4.2). Returns false for text that is not
 *  a request line (no path starting with "/"). */
[[nodiscard]] bool parseRequestLine(const QString &line, Request &request);

/** Splits "name: value" into a header pair; false when there is no ':' or the name is empty. */
[[nodiscard]] bool parseHeader(const QString &text, QPair<QString, QString> &header);

/** The request's value of a header (names case-insensitive; repeated headers joined with ","), or
 *  nullopt when absent. */
[[nodiscard]] std::optional<QString> headerValue(const Request &request, const QString &name);

/** Envoy's header matcher for a route (absent header ⇒ no match, even inverted, except Present+Invert). */
[[nodiscard]] bool matchesHeader(const config::HeaderMatch &m, const Request &request);
/** The same for an intention permission (adds Contains and IgnoreCase). */
[[nodiscard]] bool matchesHeader(const config::IntentionHeaderPermission &m, const Request &request);
/** Query parameter matcher (absent ⇒ no match). */
[[nodiscard]] bool matchesQuery(const config::QueryParamMatch &m, const Request &request);

/** Whether every condition of a route's HTTP match holds (path without query, headers, query, methods). */
[[nodiscard]] bool matchesRoute(const config::HttpRouteMatch &m, const Request &request);
/** Whether a route (match absent ⇒ prefix "/") takes the request. */
[[nodiscard]] bool matchesRoute(const config::ServiceRoute &route, const Request &request);
/** Whether an intention permission's HTTP block matches (absent block ⇒ every request). */
[[nodiscard]] bool matchesPermission(const config::IntentionPermission &permission, const Request &request);

/** Index of the first route that takes the request (routes are tried in order, runtime.md §4.2), or -1. */
[[nodiscard]] int selectRoute(const QList<chain::ChainRoute> &routes, const Request &request);

/** Envoy's integer weight of a split: Consul emits uint32(float32(weight) × 100) (routes.go). */
[[nodiscard]] quint32 splitIntegerWeight(double percent);

} // namespace chainscope::sim
