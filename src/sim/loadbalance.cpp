#include "sim/loadbalance.h"

#include "sim/routing.h"
#include "sim/simulation.h"

#include <QRegularExpression>

#include <numeric>

namespace chainscope::sim {

namespace {

/** 64-bit FNV-1a: a stable stand-in for Envoy's xxHash (which endpoint a key lands on is not modelled). */
quint64 fnv1a(const QByteArray &bytes, quint64 seed = 14695981039346656037ULL)
{
    quint64 h = seed;
    for (const char c : bytes) {
        h ^= quint64(quint8(c));
        h *= 1099511628211ULL;
    }
    return h;
}

std::optional<QString> cookieValue(const Request &request, const QString &name)
{
    const std::optional<QString> cookies = headerValue(request, QStringLiteral("cookie"));
    if (!cookies)
        return std::nullopt;
    const QStringList parts = cookies->split(QRegularExpression(QStringLiteral("[;,]")), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq > 0 && part.left(eq).trimmed() == name)
            return part.mid(eq + 1).trimmed();
    }
    return std::nullopt;
}

} // namespace

LbPolicy lbPolicy(const std::optional<config::LoadBalancer> &lb)
{
    if (!lb)
        return LbPolicy::RoundRobin;
    if (lb->policy == u"least_request")
        return LbPolicy::LeastRequest;
    if (lb->policy == u"random")
        return LbPolicy::Random;
    if (lb->policy == u"ring_hash")
        return LbPolicy::RingHash;
    if (lb->policy == u"maglev")
        return LbPolicy::Maglev;
    return LbPolicy::RoundRobin;
}

QString lbPolicyName(LbPolicy policy)
{
    switch (policy) {
    case LbPolicy::RoundRobin:
        return QStringLiteral("round_robin");
    case LbPolicy::LeastRequest:
        return QStringLiteral("least_request");
    case LbPolicy::Random:
        return QStringLiteral("random");
    case LbPolicy::RingHash:
        return QStringLiteral("ring_hash");
    case LbPolicy::Maglev:
        return QStringLiteral("maglev");
    }
    return {};
}

std::optional<quint64> requestHash(const std::optional<config::LoadBalancer> &lb, const Request &request, bool httpChain)
{
    // Hash policies ride on HTTP routes only (routes.go injectLBToRouteAction); TCP never hashes a key.
    if (!lb || !lb->isHashBased() || !httpChain)
        return std::nullopt;
    std::optional<quint64> hash;
    for (const config::HashPolicy &p : lb->hashPolicies) {
        std::optional<QString> value;
        if (p.field == u"header")
            value = headerValue(request, p.fieldValue);
        else if (p.field == u"cookie")
            value = cookieValue(request, p.fieldValue);
        else if (p.field == u"query_parameter") {
            for (const auto &[k, v] : request.query) {
                if (k == p.fieldValue) {
                    value = v;
                    break;
                }
            }
        }
        if (!value)
            continue;
        const quint64 h = fnv1a((p.field + QLatin1Char(':') + p.fieldValue + QLatin1Char('=') + *value).toUtf8());
        // Envoy combines the hashes of every policy that produced one: ((prev << 1) | (prev >> 63)) ^ h.
        hash = hash ? (((*hash << 1) | (*hash >> 63)) ^ h) : h;
        if (p.terminal)
            break;
    }
    return hash;
}

void lbShares(LbPolicy policy, std::optional<quint64> hashKey, std::span<const int> weights, std::span<double> out)
{
    const std::size_t n = std::min(weights.size(), out.size());
    if (n == 0)
        return;
    const bool hashed = policy == LbPolicy::RingHash || policy == LbPolicy::Maglev;
    if (policy == LbPolicy::Random) {
        for (std::size_t i = 0; i < n; ++i)
            out[i] = 1.0 / double(n);
        return;
    }
    const qint64 total = std::accumulate(weights.begin(), weights.begin() + qsizetype(n), qint64(0));
    if (hashed && hashKey) {
        // One key lands on one endpoint; the ring/table gives each endpoint a weight-proportional part.
        const qint64 point = qint64(*hashKey % quint64(total));
        qint64 acc = 0;
        bool done = false;
        for (std::size_t i = 0; i < n; ++i) {
            acc += weights[i];
            out[i] = (!done && point < acc) ? 1.0 : 0.0;
            done = done || point < acc;
        }
        return;
    }
    for (std::size_t i = 0; i < n; ++i)
        out[i] = double(weights[i]) / double(total);
}

} // namespace chainscope::sim
