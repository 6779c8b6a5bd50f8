// service-router and service-splitter: Consul's ServiceRouterConfigEntry.Validate and
// ServiceSplitterConfigEntry.Validate (config.md §3.3, §3.4).
#include "config/validatecodes.h"
#include "config/validator_p.h"

#include <algorithm>
#include <cmath>

namespace chainscope::config::detail {
namespace {

const QStringList &retryConditions()
{
    // config_entry_discoverychain.go isValidRetryCondition.
    static const QStringList conditions = {QStringLiteral("5xx"),
                                           QStringLiteral("gateway-error"),
                                           QStringLiteral("reset"),
                                           QStringLiteral("connect-failure"),
                                           QStringLiteral("envoy-ratelimited"),
                                           QStringLiteral("retriable-4xx"),
                                           QStringLiteral("refused-stream"),
                                           QStringLiteral("cancelled"),
                                           QStringLiteral("deadline-exceeded"),
                                           QStringLiteral("internal"),
                                           QStringLiteral("resource-exhausted"),
                                           QStringLiteral("unavailable")};
    return conditions;
}

/** The bit of an HTTP method in Consul's set once upper-cased (Normalize), or 0 when it is none of them. */
int httpMethodBit(const QString &method)
{
    static const QLatin1StringView methods[] = {QLatin1StringView("GET"),     QLatin1StringView("HEAD"),    QLatin1StringView("POST"),
                                                QLatin1StringView("PUT"),     QLatin1StringView("PATCH"),   QLatin1StringView("DELETE"),
                                                QLatin1StringView("CONNECT"), QLatin1StringView("OPTIONS"), QLatin1StringView("TRACE")};
    for (const QChar c : method) {
        if (c.unicode() >= 0x80) {
            // Full Unicode upper-casing (e.g. U+017F to 'S') decides for anything beyond ASCII.
            const QString upper = method.toUpper();
            for (int k = 0; k < 9; ++k) {
                if (upper == methods[k])
                    return 1 << k;
            }
            return 0;
        }
    }
    // ASCII only: case-insensitive is upper-casing a to z (the names are upper-case letters), no call into QtCore.
    for (int k = 0; k < 9; ++k) {
        const QLatin1StringView name = methods[k];
        if (method.size() != name.size())
            continue;
        qsizetype i = 0;
        for (; i < name.size(); ++i) {
            char16_t c = method[i].unicode();
            if (c >= u'a' && c <= u'z')
                c = char16_t(c - (u'a' - u'A'));
            if (c != char16_t(uchar(name[i].toLatin1())))
                break;
        }
        if (i == name.size())
            return 1 << k;
    }
    return 0;
}

/** Match.HTTP of route i; returns whether PathExact or PathPrefix is set (PrefixRewrite eligibility). */
bool validateHttpMatch(EntryReport &report, qsizetype i, const HttpRouteMatch &http)
{
    // Paths and message prefixes are only built for a failing check.
    const auto base = [i] { return QString(QStringLiteral("Routes") + indexSegment(i) + QStringLiteral(".Match.HTTP")); };
    const auto prefix = [i] { return QStringLiteral("Route[%1]").arg(i); };

    // The leading-slash checks run in field order before the count, and the first failure ends the group.
    int pathParts = 0;
    bool pathFailed = false;
    if (!http.pathExact.isEmpty()) {
        ++pathParts;
        if (!http.pathExact.startsWith(u'/')) {
            report.error(codes::RouteMatchInvalid, QString(base() + QStringLiteral(".PathExact")),
                         prefix() + QStringLiteral(" PathExact doesn't start with '/': %1").arg(goQuote(http.pathExact)));
            pathFailed = true;
        }
    }
    if (!http.pathPrefix.isEmpty()) {
        ++pathParts;
        if (!pathFailed && !http.pathPrefix.startsWith(u'/')) {
            report.error(codes::RouteMatchInvalid, QString(base() + QStringLiteral(".PathPrefix")),
                         prefix() + QStringLiteral(" PathPrefix doesn't start with '/': %1").arg(goQuote(http.pathPrefix)));
            pathFailed = true;
        }
    }
    if (!http.pathRegex.isEmpty())
        ++pathParts;
    if (!pathFailed && pathParts > 1)
        report.error(codes::RouteMatchInvalid, base(),
                     prefix() + QStringLiteral(" should only contain at most one of PathExact, PathPrefix, or PathRegex"));

    for (qsizetype j = 0; j < http.header.size(); ++j) {
        const HeaderMatch &h = http.header[j];
        const auto hpath = [&] { return QString(base() + QStringLiteral(".Header") + indexSegment(j)); };
        if (h.name.isEmpty()) {
            report.error(codes::RouteMatchInvalid, hpath(), prefix() + QStringLiteral(" Header[%1] missing required Name field").arg(j));
            continue;
        }
        const int matchers = int(h.present) + int(!h.exact.isEmpty()) + int(!h.regex.isEmpty()) + int(!h.prefix.isEmpty()) + int(!h.suffix.isEmpty());
        if (matchers != 1)
            report.error(codes::RouteMatchInvalid, hpath(),
                         prefix() + QStringLiteral(" Header[%1] should only contain one of Present, Exact, Prefix, Suffix, or Regex").arg(j));
    }
    for (qsizetype j = 0; j < http.queryParam.size(); ++j) {
        const QueryParamMatch &q = http.queryParam[j];
        const auto qpath = [&] { return QString(base() + QStringLiteral(".QueryParam") + indexSegment(j)); };
        if (q.name.isEmpty()) {
            report.error(codes::RouteMatchInvalid, qpath(), prefix() + QStringLiteral(" QueryParam[%1] missing required Name field").arg(j));
            continue;
        }
        const int matchers = int(q.present) + int(!q.exact.isEmpty()) + int(!q.regex.isEmpty());
        if (matchers != 1)
            report.error(codes::RouteMatchInvalid, qpath(),
                         prefix() + QStringLiteral(" QueryParam[%1] should only contain one of Present, Exact, or Regex").arg(j));
    }
    // Normalize upper-cases methods before Validate; only valid methods can repeat one another.
    int seen = 0;
    for (qsizetype j = 0; j < http.methods.size(); ++j) {
        const int bit = httpMethodBit(http.methods[j]);
        const auto mpath = [&] { return QString(base() + QStringLiteral(".Methods") + indexSegment(j)); };
        if (bit == 0)
            report.error(codes::RouteMatchInvalid, mpath(),
                         prefix() + QStringLiteral(" Methods contains an invalid method %1").arg(goQuote(http.methods[j].toUpper())));
        else if (seen & bit)
            report.error(codes::RouteMatchInvalid, mpath(),
                         prefix() + QStringLiteral(" Methods contains %1 more than once").arg(goQuote(http.methods[j].toUpper())));
        seen |= bit;
    }
    return !http.pathExact.isEmpty() || !http.pathPrefix.isEmpty();
}

} // namespace

void validateRouter(EntryReport &report, const ServiceRouter &router)
{
    validateCommon(report);
    if (!report.isKubernetes())
        validateMeta(report);
    for (qsizetype i = 0; i < router.routes.size(); ++i) {
        const ServiceRoute &route = router.routes[i];
        bool eligibleForPrefixRewrite = false;
        if (route.match && route.match->http)
            eligibleForPrefixRewrite = validateHttpMatch(report, i, *route.match->http);
        if (!route.destination)
            continue;
        const RouteDestination &dest = *route.destination;
        const auto base = [i] { return QString(QStringLiteral("Routes") + indexSegment(i) + QStringLiteral(".Destination")); };
        if (!dest.prefixRewrite.isEmpty() && !eligibleForPrefixRewrite)
            report.error(codes::RouteDestinationInvalid, QString(base() + QStringLiteral(".PrefixRewrite")),
                         QStringLiteral("Route[%1] cannot make use of PrefixRewrite without configuring either PathExact or PathPrefix").arg(i));
        for (qsizetype j = 0; j < dest.retryOn.size(); ++j) {
            if (!retryConditions().contains(dest.retryOn[j]))
                report.error(codes::RouteDestinationInvalid, QString(base() + QStringLiteral(".RetryOn") + indexSegment(j)),
                             QStringLiteral("Route[%1] contains an invalid retry condition: %2").arg(i).arg(goQuote(dest.retryOn[j])));
        }
    }
}

void validateSplitter(EntryReport &report, const ServiceSplitter &splitter)
{
    const Entry &entry = report.entry();
    validateCommon(report);
    if (splitter.splits.isEmpty()) {
        report.error(codes::SplitsEmpty, u"Splits", QStringLiteral("no splits configured"));
        return;
    }
    if (!report.isKubernetes())
        validateMeta(report);

    // Consul keys each split by its destination with Weight zeroed, plus the *pointers* of its header
    // modifiers: a split that carries modifiers therefore never counts as a duplicate.
    // Where the splits are written, to see whether a split carries header modifiers at all.
    const Value *writtenSplits = entry.tree.isMap() ? entry.tree.find(u"Splits") : nullptr;
    if (writtenSplits && !writtenSplits->isList())
        writtenSplits = nullptr;
    QList<qsizetype> destinations; // splits without modifiers seen so far (a splitter has a handful)
    qint64 sumScaled = 0;
    for (qsizetype i = 0; i < splitter.splits.size(); ++i) {
        const ServiceSplit &s = splitter.splits[i];
        // int(math.Round(float64(split.Weight * 100))): the product is a float32.
        const float scaled = s.weight * 100.0f;
        sumScaled += qint64(std::round(double(scaled)));

        const Value *written = writtenSplits && i < writtenSplits->items().size() ? &writtenSplits->items()[i] : nullptr;
        const bool writtenModifiers = written && written->isMap() && (written->find(u"RequestHeaders") || written->find(u"ResponseHeaders"));
        if (writtenModifiers || !s.requestHeaders.isEmpty() || !s.responseHeaders.isEmpty())
            continue;
        const QString &service = s.service.isEmpty() ? entry.name : s.service;
        const auto sameDestination = [&](qsizetype k) {
            const ServiceSplit &o = splitter.splits[k];
            return (o.service.isEmpty() ? entry.name : o.service) == service && o.serviceSubset == s.serviceSubset && o.namespace_ == s.namespace_
                && o.partition == s.partition;
        };
        if (std::any_of(destinations.cbegin(), destinations.cend(), sameDestination))
            report.error(codes::SplitDuplicate, QString(QStringLiteral("Splits") + indexSegment(i)),
                         QStringLiteral("split destination occurs more than once: service=%1, subset=%2, namespace=%3, partition=%4")
                             .arg(goQuote(service), goQuote(s.serviceSubset), goQuote(s.namespace_), goQuote(s.partition)));
        else
            destinations.append(i);
    }
    if (sumScaled != 10000) {
        const float sum = float(sumScaled) / 100.0f;
        report.error(codes::SplitWeightSum, u"Splits",
                     QStringLiteral("the sum of all split weights must be 100, not %1").arg(double(sum), 0, 'f', 6));
    }
}

} // namespace chainscope::config::detail
