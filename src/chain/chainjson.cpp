#include "chain/chainjson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <limits>

namespace chainscope::chain {

// ---- durations -----------------------------------------------------------------------------------

namespace {

// Appends the fraction v / 10^prec to `out` (".5", ".125"), trailing zeros dropped, nothing when zero;
// returns v / 10^prec. Go: time.fmtFrac.
quint64 appendFrac(QString &digitsReversed, quint64 v, int prec)
{
    bool print = false;
    for (int i = 0; i < prec; ++i) {
        const quint64 digit = v % 10;
        print = print || digit != 0;
        if (print)
            digitsReversed += QChar(u'0' + char16_t(digit));
        v /= 10;
    }
    if (print)
        digitsReversed += u'.';
    return v;
}

void appendInt(QString &digitsReversed, quint64 v)
{
    if (v == 0) {
        digitsReversed += u'0';
        return;
    }
    while (v > 0) {
        digitsReversed += QChar(u'0' + char16_t(v % 10));
        v /= 10;
    }
}

} // namespace

QString goDurationString(Duration d)
{
    // Built back to front like Go's time.Duration.format, then reversed.
    const qint64 n = d.count();
    const bool negative = n < 0;
    quint64 u = negative ? quint64(0) - quint64(n) : quint64(n);
    QString r;
    constexpr quint64 second = 1'000'000'000ULL;
    if (u < second) {
        int prec = 0;
        r += u's';
        if (u == 0)
            return QStringLiteral("0s");
        if (u < 1000ULL) {
            prec = 0;
            r += u'n';
        } else if (u < 1'000'000ULL) {
            prec = 3;
            r += QChar(0x00B5); // Go writes U+00B5 MICRO SIGN
        } else {
            prec = 6;
            r += u'm';
        }
        u = appendFrac(r, u, prec);
        appendInt(r, u);
    } else {
        r += u's';
        u = appendFrac(r, u, 9);
        appendInt(r, u % 60);
        u /= 60;
        if (u > 0) {
            r += u'm';
            appendInt(r, u % 60);
            u /= 60;
            if (u > 0) {
                r += u'h';
                appendInt(r, u);
            }
        }
    }
    if (negative)
        r += u'-';
    std::reverse(r.begin(), r.end());
    return r;
}

std::optional<Duration> parseGoDuration(QStringView s)
{
    // Go: time.ParseDuration.
    bool negative = false;
    if (!s.isEmpty() && (s.front() == u'-' || s.front() == u'+')) {
        negative = s.front() == u'-';
        s = s.mid(1);
    }
    if (s == u"0")
        return Duration{0};
    if (s.isEmpty())
        return std::nullopt;
    constexpr quint64 maxNs = quint64(std::numeric_limits<qint64>::max());
    quint64 total = 0;
    qsizetype i = 0;
    while (i < s.size()) {
        quint64 v = 0;
        const qsizetype start = i;
        bool overflow = false;
        while (i < s.size() && s[i] >= u'0' && s[i] <= u'9') {
            const quint64 digit = s[i].unicode() - u'0';
            if (v > (maxNs - digit) / 10)
                overflow = true;
            else
                v = v * 10 + digit;
            ++i;
        }
        const bool hadInt = i > start;
        quint64 frac = 0;
        double scale = 1.0;
        bool hadFrac = false;
        if (i < s.size() && s[i] == u'.') {
            ++i;
            const qsizetype fracStart = i;
            while (i < s.size() && s[i] >= u'0' && s[i] <= u'9') {
                if (frac <= (maxNs - 9) / 10) { // ignore digits beyond precision, as Go does
                    frac = frac * 10 + (s[i].unicode() - u'0');
                    scale *= 10.0;
                }
                ++i;
            }
            hadFrac = i > fracStart;
        }
        if (overflow || (!hadInt && !hadFrac))
            return std::nullopt;
        const qsizetype unitStart = i;
        while (i < s.size() && s[i] != u'.' && (s[i] < u'0' || s[i] > u'9'))
            ++i;
        const QStringView unitText = s.mid(unitStart, i - unitStart);
        quint64 unit = 0;
        if (unitText == u"ns")
            unit = 1;
        else if (unitText == u"us" || unitText == u"\u00B5s" || unitText == u"\u03BCs")
            unit = 1000;
        else if (unitText == u"ms")
            unit = 1'000'000;
        else if (unitText == u"s")
            unit = 1'000'000'000ULL;
        else if (unitText == u"m")
            unit = 60ULL * 1'000'000'000ULL;
        else if (unitText == u"h")
            unit = 3600ULL * 1'000'000'000ULL;
        else
            return std::nullopt;
        if (v > maxNs / unit)
            return std::nullopt;
        v *= unit;
        if (frac > 0) {
            const double extra = double(frac) * (double(unit) / scale);
            v += quint64(extra);
        }
        if (v > maxNs - total)
            return std::nullopt;
        total += v;
    }
    const qint64 signedTotal = qint64(total);
    return Duration{negative ? -signedTotal : signedTotal};
}

// ---- JSON ----------------------------------------------------------------------------------------

namespace {

void putString(QJsonObject &o, const char *key, const QString &value)
{
    if (!value.isEmpty())
        o.insert(QLatin1StringView(key), value);
}

void putDuration(QJsonObject &o, const char *key, Duration d)
{
    if (d.count() != 0)
        o.insert(QLatin1StringView(key), goDurationString(d));
}

QJsonArray stringArray(const QStringList &list)
{
    QJsonArray a;
    for (const QString &s : list)
        a.append(s);
    return a;
}

QJsonObject stringMap(const QMap<QString, QString> &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QJsonObject headersJson(const config::HttpHeaderModifiers &h)
{
    QJsonObject o;
    if (!h.add.isEmpty())
        o.insert(u"Add", stringMap(h.add));
    if (!h.set.isEmpty())
        o.insert(u"Set", stringMap(h.set));
    if (!h.remove.isEmpty())
        o.insert(u"Remove", stringArray(h.remove));
    return o;
}

QJsonObject spanJson(const SourceSpan &span)
{
    QJsonObject o;
    if (!span.isValid())
        return o;
    o.insert(u"file", span.file);
    o.insert(u"line", span.begin.line);
    o.insert(u"column", span.begin.column);
    if (span.end.isValid()) {
        o.insert(u"endLine", span.end.line);
        o.insert(u"endColumn", span.end.column);
    }
    return o;
}

QString kindText(config::EntryKind kind)
{
    switch (kind) {
    case config::EntryKind::ServiceResolver:
        return QStringLiteral("service-resolver");
    case config::EntryKind::ServiceRouter:
        return QStringLiteral("service-router");
    case config::EntryKind::ServiceSplitter:
        return QStringLiteral("service-splitter");
    case config::EntryKind::ServiceIntentions:
        return QStringLiteral("service-intentions");
    case config::EntryKind::ServiceDefaults:
        return QStringLiteral("service-defaults");
    case config::EntryKind::ProxyDefaults:
        return QStringLiteral("proxy-defaults");
    }
    Q_UNREACHABLE();
}

QJsonObject provenanceJson(const Provenance &p)
{
    QJsonObject o;
    if (p.synthesized || p.entryName.isEmpty()) {
        o.insert(u"synthesized", true);
        putString(o, "field", p.field);
        return o;
    }
    o.insert(u"kind", kindText(p.kind));
    o.insert(u"name", p.entryName);
    putString(o, "namespace", p.namespace_);
    putString(o, "partition", p.partition);
    putString(o, "field", p.field);
    if (p.entrySpan.isValid())
        o.insert(u"entry", spanJson(p.entrySpan));
    if (p.fieldSpan.isValid())
        o.insert(u"at", spanJson(p.fieldSpan));
    return o;
}

QJsonObject routeDefinitionJson(const config::ServiceRoute &route)
{
    QJsonObject def;
    if (route.match && route.match->http) {
        const config::HttpRouteMatch &m = *route.match->http;
        QJsonObject http;
        putString(http, "PathExact", m.pathExact);
        putString(http, "PathPrefix", m.pathPrefix);
        putString(http, "PathRegex", m.pathRegex);
        if (m.caseInsensitive)
            http.insert(u"CaseInsensitive", true);
        if (!m.header.isEmpty()) {
            QJsonArray headers;
            for (const config::HeaderMatch &h : m.header) {
                QJsonObject ho;
                putString(ho, "Name", h.name);
                if (h.present)
                    ho.insert(u"Present", true);
                putString(ho, "Exact", h.exact);
                putString(ho, "Prefix", h.prefix);
                putString(ho, "Suffix", h.suffix);
                putString(ho, "Regex", h.regex);
                if (h.invert)
                    ho.insert(u"Invert", true);
                headers.append(ho);
            }
            http.insert(u"Header", headers);
        }
        if (!m.queryParam.isEmpty()) {
            QJsonArray params;
            for (const config::QueryParamMatch &q : m.queryParam) {
                QJsonObject qo;
                putString(qo, "Name", q.name);
                if (q.present)
                    qo.insert(u"Present", true);
                putString(qo, "Exact", q.exact);
                putString(qo, "Regex", q.regex);
                params.append(qo);
            }
            http.insert(u"QueryParam", params);
        }
        if (!m.methods.isEmpty())
            http.insert(u"Methods", stringArray(m.methods));
        QJsonObject match;
        match.insert(u"HTTP", http);
        def.insert(u"Match", match);
    } else if (route.match) {
        def.insert(u"Match", QJsonObject());
    }
    if (route.destination) {
        const config::RouteDestination &d = *route.destination;
        QJsonObject dest;
        putString(dest, "Service", d.service);
        putString(dest, "ServiceSubset", d.serviceSubset);
        putString(dest, "Namespace", d.namespace_);
        putString(dest, "Partition", d.partition);
        putString(dest, "PrefixRewrite", d.prefixRewrite);
        putDuration(dest, "RequestTimeout", d.requestTimeout);
        putDuration(dest, "IdleTimeout", d.idleTimeout);
        if (d.numRetries != 0)
            dest.insert(u"NumRetries", qint64(d.numRetries));
        if (d.retryOnConnectFailure)
            dest.insert(u"RetryOnConnectFailure", true);
        if (!d.retryOn.isEmpty())
            dest.insert(u"RetryOn", stringArray(d.retryOn));
        if (!d.retryOnStatusCodes.isEmpty()) {
            QJsonArray codes;
            for (quint32 c : d.retryOnStatusCodes)
                codes.append(qint64(c));
            dest.insert(u"RetryOnStatusCodes", codes);
        }
        if (!d.requestHeaders.isEmpty())
            dest.insert(u"RequestHeaders", headersJson(d.requestHeaders));
        if (!d.responseHeaders.isEmpty())
            dest.insert(u"ResponseHeaders", headersJson(d.responseHeaders));
        def.insert(u"Destination", dest);
    }
    return def;
}

QJsonObject splitDefinitionJson(const config::ServiceSplit &split)
{
    QJsonObject def;
    def.insert(u"Weight", double(qRound64(double(split.weight) * 100.0)) / 100.0);
    putString(def, "Service", split.service);
    putString(def, "ServiceSubset", split.serviceSubset);
    putString(def, "Namespace", split.namespace_);
    putString(def, "Partition", split.partition);
    if (!split.requestHeaders.isEmpty())
        def.insert(u"RequestHeaders", headersJson(split.requestHeaders));
    if (!split.responseHeaders.isEmpty())
        def.insert(u"ResponseHeaders", headersJson(split.responseHeaders));
    return def;
}

QJsonObject loadBalancerJson(const config::LoadBalancer &lb)
{
    QJsonObject o;
    putString(o, "Policy", lb.policy);
    if (lb.hasRingHashConfig || lb.ringMinimumSize || lb.ringMaximumSize) {
        QJsonObject ring;
        if (lb.ringMinimumSize && *lb.ringMinimumSize != 0)
            ring.insert(u"MinimumRingSize", qint64(*lb.ringMinimumSize));
        if (lb.ringMaximumSize && *lb.ringMaximumSize != 0)
            ring.insert(u"MaximumRingSize", qint64(*lb.ringMaximumSize));
        o.insert(u"RingHashConfig", ring);
    }
    if (lb.hasLeastRequestConfig || lb.leastRequestChoiceCount) {
        QJsonObject least;
        if (lb.leastRequestChoiceCount && *lb.leastRequestChoiceCount != 0)
            least.insert(u"ChoiceCount", qint64(*lb.leastRequestChoiceCount));
        o.insert(u"LeastRequestConfig", least);
    }
    if (!lb.hashPolicies.isEmpty()) {
        QJsonArray policies;
        for (const config::HashPolicy &p : lb.hashPolicies) {
            QJsonObject po;
            putString(po, "Field", p.field);
            putString(po, "FieldValue", p.fieldValue);
            if (p.cookieConfig) {
                QJsonObject cookie;
                if (p.cookieConfig->session)
                    cookie.insert(u"Session", true);
                putDuration(cookie, "TTL", p.cookieConfig->ttl);
                putString(cookie, "Path", p.cookieConfig->path);
                po.insert(u"CookieConfig", cookie);
            }
            if (p.sourceIP)
                po.insert(u"SourceIP", true);
            if (p.terminal)
                po.insert(u"Terminal", true);
            policies.append(po);
        }
        o.insert(u"HashPolicies", policies);
    }
    return o;
}

QJsonObject failoverPolicyJson(const config::FailoverPolicy &p)
{
    QJsonObject o;
    putString(o, "Mode", p.mode);
    if (!p.regions.isEmpty())
        o.insert(u"Regions", stringArray(p.regions));
    return o;
}

QJsonObject nodeJson(const ChainNode &node, bool provenance)
{
    QJsonObject o;
    o.insert(u"Type", nodeTypeName(node.type));
    o.insert(u"Name", node.name);
    if (!node.routes.isEmpty()) {
        QJsonArray routes;
        for (const ChainRoute &r : node.routes) {
            QJsonObject ro;
            ro.insert(u"Definition", routeDefinitionJson(r.definition));
            ro.insert(u"NextNode", r.nextNode);
            if (provenance) {
                QJsonObject cs{{u"source"_qs, provenanceJson(r.source)}};
                if (r.implicit)
                    cs.insert(u"implicit", true);
                ro.insert(u"chainscope", cs);
            }
            routes.append(ro);
        }
        o.insert(u"Routes", routes);
    }
    if (!node.splits.isEmpty()) {
        QJsonArray splits;
        for (const ChainSplit &s : node.splits) {
            QJsonObject so;
            so.insert(u"Definition", splitDefinitionJson(s.definition));
            so.insert(u"Weight", s.weight);
            so.insert(u"NextNode", s.nextNode);
            if (provenance) {
                QJsonObject cs{{u"source"_qs, provenanceJson(s.source)}};
                if (!s.flattenedFrom.isEmpty()) {
                    QJsonArray outer;
                    for (const Provenance &p : s.flattenedFrom)
                        outer.append(provenanceJson(p));
                    cs.insert(u"flattenedFrom", outer);
                }
                so.insert(u"chainscope", cs);
            }
            splits.append(so);
        }
        o.insert(u"Splits", splits);
    }
    if (node.resolver) {
        const ChainResolver &r = *node.resolver;
        QJsonObject ro;
        ro.insert(u"Default", r.isDefault);
        ro.insert(u"ConnectTimeout", goDurationString(r.connectTimeout));
        putDuration(ro, "RequestTimeout", r.requestTimeout);
        ro.insert(u"Target", r.target);
        if (r.failover) {
            QJsonObject fo;
            fo.insert(u"Targets", stringArray(r.failover->targets));
            if (r.failover->policy)
                fo.insert(u"Policy", failoverPolicyJson(*r.failover->policy));
            if (provenance) {
                QJsonArray sources;
                for (const Provenance &p : r.failover->sources)
                    sources.append(provenanceJson(p));
                fo.insert(u"chainscope", QJsonObject{{u"sources"_qs, sources}});
            }
            ro.insert(u"Failover", fo);
        }
        o.insert(u"Resolver", ro);
    }
    if (node.loadBalancer)
        o.insert(u"LoadBalancer", loadBalancerJson(*node.loadBalancer));
    if (provenance)
        o.insert(u"chainscope", QJsonObject{{u"source"_qs, provenanceJson(node.source)}});
    return o;
}

QJsonObject hopJson(const Hop &h)
{
    QJsonObject o;
    o.insert(u"kind", hopKindName(h.kind));
    putString(o, "from", h.from);
    o.insert(u"to", h.to);
    if (h.failoverIndex >= 0)
        o.insert(u"failoverIndex", h.failoverIndex);
    o.insert(u"via", provenanceJson(h.via));
    return o;
}

QJsonObject targetJson(const ChainTarget &t, bool provenance)
{
    QJsonObject o;
    o.insert(u"ID", t.id);
    o.insert(u"Service", t.service);
    o.insert(u"ServiceSubset", t.serviceSubset);
    o.insert(u"Namespace", t.namespace_);
    o.insert(u"Partition", t.partition);
    o.insert(u"Datacenter", t.datacenter);
    putString(o, "Peer", t.peer);
    QJsonObject mg;
    putString(mg, "Mode", t.meshGateway.mode);
    o.insert(u"MeshGateway", mg);
    QJsonObject subset;
    putString(subset, "Filter", t.subset.filter);
    if (t.subset.onlyPassing)
        subset.insert(u"OnlyPassing", true);
    o.insert(u"Subset", subset);
    o.insert(u"TransparentProxy", QJsonObject());
    o.insert(u"SNI", t.sni);
    o.insert(u"Name", t.name);
    if (t.external)
        o.insert(u"External", true);
    putDuration(o, "ConnectTimeout", t.connectTimeout);
    if (t.locality && !t.locality->isEmpty()) {
        QJsonObject loc;
        putString(loc, "Region", t.locality->region);
        putString(loc, "Zone", t.locality->zone);
        o.insert(u"Locality", loc);
    }
    if (t.prioritizeByLocality) {
        QJsonObject p;
        putString(p, "Mode", t.prioritizeByLocality->mode);
        o.insert(u"PrioritizeByLocality", p);
    }
    if (provenance) {
        QJsonArray paths;
        for (const QList<Hop> &path : t.paths) {
            QJsonArray hops;
            for (const Hop &h : path)
                hops.append(hopJson(h));
            paths.append(hops);
        }
        o.insert(u"chainscope", QJsonObject{{u"source"_qs, provenanceJson(t.source)}, {u"paths"_qs, paths}});
    }
    return o;
}

} // namespace

QJsonObject chainToJson(const CompiledChain &chain, const ChainJsonOptions &options)
{
    QJsonObject o;
    o.insert(u"ServiceName", chain.serviceName);
    o.insert(u"Namespace", chain.namespace_);
    o.insert(u"Partition", chain.partition);
    o.insert(u"Datacenter", chain.datacenter);
    putString(o, "CustomizationHash", chain.customizationHash);
    o.insert(u"Default", chain.isDefault);
    o.insert(u"Protocol", chain.protocol);
    if (!chain.serviceMeta.isEmpty())
        o.insert(u"ServiceMeta", stringMap(chain.serviceMeta));
    o.insert(u"StartNode", chain.startNode);
    QJsonObject nodes;
    for (auto it = chain.nodes.cbegin(); it != chain.nodes.cend(); ++it)
        nodes.insert(it.key(), nodeJson(it.value(), options.provenance));
    o.insert(u"Nodes", nodes);
    QJsonObject targets;
    for (auto it = chain.targets.cbegin(); it != chain.targets.cend(); ++it)
        targets.insert(it.key(), targetJson(it.value(), options.provenance));
    o.insert(u"Targets", targets);
    return o;
}

QByteArray chainResponseJson(const CompiledChain &chain, const ChainJsonOptions &options)
{
    QJsonObject root;
    root.insert(u"Chain", chainToJson(chain, options));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace chainscope::chain
