#include "sim/routing.h"

#include "sim/simulation.h"

#include <QRegularExpression>

#include <cmath>

namespace chainscope::sim {

namespace {

/** RE2-style whole-value match (Envoy's safe_regex matches the entire string). An invalid pattern never
 *  matches: config validation rejects it before Envoy would see it. */
bool wholeMatch(const QString &pattern, const QString &value, bool ignoreCase = false)
{
    QRegularExpression re(QRegularExpression::anchoredPattern(pattern),
                          ignoreCase ? QRegularExpression::CaseInsensitiveOption : QRegularExpression::NoPatternOption);
    return re.isValid() && re.match(value).hasMatch();
}

std::optional<QString> queryValue(const Request &request, const QString &name)
{
    for (const auto &[key, value] : request.query) {
        if (key == name)
            return value;
    }
    return std::nullopt;
}

} // namespace

bool parseRequestLine(const QString &line, Request &request)
{
    const QString text = line.trimmed();
    const qsizetype space = text.indexOf(QLatin1Char(' '));
    QString method = QStringLiteral("GET");
    QString target = text;
    if (space > 0) {
        method = text.left(space);
        target = text.mid(space + 1).trimmed();
    }
    if (!target.startsWith(QLatin1Char('/')) || target.contains(QLatin1Char(' ')))
        return false;
    request.method = method;
    request.query.clear();
    const qsizetype q = target.indexOf(QLatin1Char('?'));
    request.path = q < 0 ? target : target.left(q);
    if (q >= 0) {
        const QStringList pairs = target.mid(q + 1).split(QLatin1Char('&'), Qt::SkipEmptyParts);
        for (const QString &pair : pairs) {
            const qsizetype eq = pair.indexOf(QLatin1Char('='));
            request.query.append(eq < 0 ? qMakePair(pair, QString()) : qMakePair(pair.left(eq), pair.mid(eq + 1)));
        }
    }
    return true;
}

bool parseHeader(const QString &text, QPair<QString, QString> &header)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    const QString name = text.left(colon).trimmed();
    if (name.isEmpty())
        return false;
    header = qMakePair(name, text.mid(colon + 1).trimmed());
    return true;
}

std::optional<QString> headerValue(const Request &request, const QString &name)
{
    // Envoy joins repeated header values with "," before matching (header_utility.cc).
    std::optional<QString> value;
    for (const auto &[key, v] : request.headers) {
        if (key.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        value = value ? *value + QLatin1Char(',') + v : v;
    }
    return value;
}

bool matchesHeader(const config::HeaderMatch &m, const Request &request)
{
    const std::optional<QString> value = headerValue(request, m.name);
    if (m.present)
        return value.has_value() != m.invert;
    // An absent header fails the matcher even when inverted (Envoy header_utility.cc).
    if (!value)
        return false;
    bool match = true;
    if (!m.exact.isEmpty())
        match = *value == m.exact;
    else if (!m.prefix.isEmpty())
        match = value->startsWith(m.prefix);
    else if (!m.suffix.isEmpty())
        match = value->endsWith(m.suffix);
    else if (!m.regex.isEmpty())
        match = wholeMatch(m.regex, *value);
    return match != m.invert;
}

bool matchesHeader(const config::IntentionHeaderPermission &m, const Request &request)
{
    const std::optional<QString> value = headerValue(request, m.name);
    if (m.present)
        return value.has_value() != m.invert;
    if (!value)
        return false;
    const Qt::CaseSensitivity cs = m.ignoreCase ? Qt::CaseInsensitive : Qt::CaseSensitive;
    bool match = true;
    if (!m.exact.isEmpty())
        match = value->compare(m.exact, cs) == 0;
    else if (!m.prefix.isEmpty())
        match = value->startsWith(m.prefix, cs);
    else if (!m.suffix.isEmpty())
        match = value->endsWith(m.suffix, cs);
    else if (!m.contains.isEmpty())
        match = value->contains(m.contains, cs);
    else if (!m.regex.isEmpty())
        match = wholeMatch(m.regex, *value, m.ignoreCase);
    return match != m.invert;
}

bool matchesQuery(const config::QueryParamMatch &m, const Request &request)
{
    const std::optional<QString> value = queryValue(request, m.name);
    if (!value)
        return false;
    if (m.present)
        return true;
    if (!m.exact.isEmpty())
        return *value == m.exact;
    if (!m.regex.isEmpty())
        return wholeMatch(m.regex, *value);
    return true;
}

bool matchesRoute(const config::HttpRouteMatch &m, const Request &request)
{
    // Envoy's RouteMatch.case_sensitive=false (Consul's CaseInsensitive) applies to path and prefix,
    // not to safe_regex.
    const Qt::CaseSensitivity cs = m.caseInsensitive ? Qt::CaseInsensitive : Qt::CaseSensitive;
    if (!m.pathExact.isEmpty()) {
        if (request.path.compare(m.pathExact, cs) != 0)
            return false;
    } else if (!m.pathPrefix.isEmpty()) {
        if (!request.path.startsWith(m.pathPrefix, cs))
            return false;
    } else if (!m.pathRegex.isEmpty()) {
        if (!wholeMatch(m.pathRegex, request.path))
            return false;
    }
    for (const config::HeaderMatch &h : m.header) {
        if (!matchesHeader(h, request))
            return false;
    }
    for (const config::QueryParamMatch &q : m.queryParam) {
        if (!matchesQuery(q, request))
            return false;
    }
    // Methods become a ":method" regex "M1|M2" (routes.go): exact, case-sensitive names.
    if (!m.methods.isEmpty() && !m.methods.contains(request.method))
        return false;
    return true;
}

bool matchesRoute(const config::ServiceRoute &route, const Request &request)
{
    if (!route.match || !route.match->http)
        return true;
    return matchesRoute(*route.match->http, request);
}

bool matchesPermission(const config::IntentionPermission &permission, const Request &request)
{
    if (!permission.http)
        return true;
    const config::IntentionHttpPermission &p = *permission.http;
    if (!p.pathExact.isEmpty()) {
        if (request.path != p.pathExact)
            return false;
    } else if (!p.pathPrefix.isEmpty()) {
        if (!request.path.startsWith(p.pathPrefix))
            return false;
    } else if (!p.pathRegex.isEmpty()) {
        if (!wholeMatch(p.pathRegex, request.path))
            return false;
    }
    for (const config::IntentionHeaderPermission &h : p.header) {
        if (!matchesHeader(h, request))
            return false;
    }
    if (!p.methods.isEmpty() && !p.methods.contains(request.method))
        return false;
    return true;
}

int selectRoute(const QList<chain::ChainRoute> &routes, const Request &request)
{
    for (qsizetype i = 0; i < routes.size(); ++i) {
        if (matchesRoute(routes.at(i).definition, request))
            return int(i);
    }
    return -1;
}

quint32 splitIntegerWeight(double percent)
{
    // Consul: uint32(split.Weight * 100) with Weight a float32 (agent/xds/routes.go).
    const float w = float(percent) * 100.0f;
    if (!(w > 0.0f))
        return 0;
    return quint32(std::trunc(w));
}

} // namespace chainscope::sim
