// service-router and service-splitter: Consul's ServiceRouterConfigEntry.Validate and
// ServiceSplitterConfigEntry.Validate (config.md §3.3, §3.4).
#include "config/validatecodes.h"
#include "config/validator_p.h"

#include <QSet>

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

/** Match.HTTP of route i; returns whether PathExact or PathPrefix is set (PrefixRewrite eligibility). */
bool validateHttpMatch(EntryReport &report, qsizetype i, const HttpRouteMatch &http)
{
    const QString base = QStringLiteral("Routes") + indexSegment(i) + QStringLiteral(".Match.HTTP");
    const QString prefix = QStringLiteral("Route[%1]").arg(i);

    // The leading-slash checks run in field order before the count, and the first failure ends the group.
    int pathParts = 0;
    bool pathFailed = false;
    if (!http.pathExact.isEmpty()) {
        ++pathParts;
        if (!http.pathExact.startsWith(u'/')) {
            report.error(codes::RouteMatchInvalid, QString(base + QStringLiteral(".PathExact")),
                         prefix + QStringLiteral(" PathExact doesn't start with '/': %1").arg(goQuote(http.pathExact)));
            pathFailed = true;
        }
    }
    if (!http.pathPrefix.isEmpty()) {
        ++pathParts;
        if (!pathFailed && !http.pathPrefix.startsWith(u'/')) {
            report.error(codes::RouteMatchInvalid, QString(base + QStringLiteral(".PathPrefix")),
                         prefix + QStringLiteral(" PathPrefix doesn't start with '/': %1").arg(goQuote(http.pathPrefix)));
            pathFailed = true;
        }
    }
    if (!http.pathRegex.isEmpty())
        ++pathParts;
    if (!pathFailed && pathParts > 1)
        report.error(codes::RouteMatchInvalid, base,
                     prefix + QStringLiteral(" should only contain at most one of PathExact, PathPrefix, or PathRegex"));

    for (qsizetype j = 0; j < http.header.size(); ++j) {
        const HeaderMatch &h = http.header[j];
        const QString hpath = base + QStringLiteral(".Header") + indexSegment(j);
        if (h.name.isEmpty()) {
            report.error(codes::RouteMatchInvalid, hpath, prefix + QStringLiteral(" Header[%1] missing required Name field").arg(j));
            continue;
        }
        const int matchers = int(h.present) + int(!h.exact.isEmpty()) + int(!h.regex.isEmpty()) + int(!h.prefix.isEmpty()) + int(!h.suffix.isEmpty());
        if (matchers != 1)
            report.error(codes::RouteMatchInvalid, hpath,
                         prefix + QStringLiteral(" Header[%1] should only contain one of Present, Exact, Prefix, Suffix, or Regex").arg(j));
    }
    for (qsizetype j = 0; j < http.queryParam.size(); ++j) {
        const QueryParamMatch &q = http.queryParam[j];
        const QString qpath = base + QStringLiteral(".QueryParam") + indexSegment(j);
        if (q.name.isEmpty()) {
            report.error(codes::RouteMatchInvalid, qpath, prefix + QStringLiteral(" QueryParam[%1] missing required Name field").arg(j));
            continue;
        }
        const int matchers = int(q.present) + int(!q.exact.isEmpty()) + int(!q.regex.isEmpty());
        if (matchers != 1)
            report.error(codes::RouteMatchInvalid, qpath,
                         prefix + QStringLiteral(" QueryParam[%1] should only contain one of Present, Exact, or Regex").arg(j));
    }
    QSet<QString> seen;
    for (qsizetype j = 0; j < http.methods.size(); ++j) {
        // Normalize upper-cases methods before Validate.
        const QString method = http.methods[j].toUpper();
        const QString mpath = base + QStringLiteral(".Methods") + indexSegment(j);
        if (!isHttpMethod(method))
            report.error(codes::RouteMatchInvalid, mpath, prefix + QStringLiteral(" Methods contains an invalid method %1").arg(goQuote(method)));
        else if (seen.contains(method))
            report.error(codes::RouteMatchInvalid, mpath, prefix + QStringLiteral(" Methods contains %1 more than once").arg(goQuote(method)));
        seen.insert(method);
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
        const QString base = QStringLiteral("Routes") + indexSegment(i) + QStringLiteral(".Destination");
        if (!dest.prefixRewrite.isEmpty() && !eligibleForPrefixRewrite)
            report.error(codes::RouteDestinationInvalid, QString(base + QStringLiteral(".PrefixRewrite")),
                         QStringLiteral("Route[%1] cannot make use of PrefixRewrite without configuring either PathExact or PathPrefix").arg(i));
        for (qsizetype j = 0; j < dest.retryOn.size(); ++j) {
            if (!retryConditions().contains(dest.retryOn[j]))
                report.error(codes::RouteDestinationInvalid, QString(base + QStringLiteral(".RetryOn") + indexSegment(j)),
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
    QSet<QString> seen;
    qint64 sumScaled = 0;
    for (qsizetype i = 0; i < splitter.splits.size(); ++i) {
        const ServiceSplit &s = splitter.splits[i];
        const QString path = QStringLiteral("Splits") + indexSegment(i);
        // int(math.Round(float64(split.Weight * 100))): the product is a float32.
        const float scaled = s.weight * 100.0f;
        sumScaled += qint64(std::round(double(scaled)));

        const bool hasModifiers = report.treeAt(QString(path + QStringLiteral(".RequestHeaders")))
            || report.treeAt(QString(path + QStringLiteral(".ResponseHeaders"))) || !s.requestHeaders.isEmpty() || !s.responseHeaders.isEmpty();
        if (hasModifiers)
            continue;
        const QString service = s.service.isEmpty() ? entry.name : s.service;
        // The message is only built for a duplicate; the key just has to tell destinations apart.
        const QString key = service + u'\x1f' + s.serviceSubset + u'\x1f' + s.namespace_ + u'\x1f' + s.partition;
        if (seen.contains(key))
            report.error(codes::SplitDuplicate, path,
                         QStringLiteral("split destination occurs more than once: service=%1, subset=%2, namespace=%3, partition=%4")
                             .arg(goQuote(service), goQuote(s.serviceSubset), goQuote(s.namespace_), goQuote(s.partition)));
        else
            seen.insert(key);
    }
    if (sumScaled != 10000) {
        const float sum = float(sumScaled) / 100.0f;
        report.error(codes::SplitWeightSum, u"Splits",
                     QStringLiteral("the sum of all split weights must be 100, not %1").arg(double(sum), 0, 'f', 6));
    }
}

} // namespace chainscope::config::detail
