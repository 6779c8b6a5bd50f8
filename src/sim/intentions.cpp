#include "sim/intentions.h"

#include "config/entries.h"
#include "sim/routing.h"
#include "sim/simulation.h"

#include <algorithm>

namespace chainscope::sim {

namespace {

int exactness(const QString &ns, const QString &name)
{
    // countExact in agent/structs/intention.go.
    if (ns == u"*")
        return 0;
    if (name == u"*")
        return 1;
    return 2;
}

bool nameMatches(const QString &pattern, const QString &name)
{
    return pattern == u"*" || pattern == name;
}

struct Candidate {
    const config::Entry *entry = nullptr;
    const config::SourceIntention *source = nullptr;
    int precedence = 0;
};

QString actionWord(bool allowed)
{
    return allowed ? QStringLiteral("allow") : QStringLiteral("deny");
}

} // namespace

int intentionPrecedence(const QString &srcNamespace, const QString &srcName, const QString &dstNamespace, const QString &dstName)
{
    static constexpr int base[3] = {3, 6, 9};
    return base[exactness(dstNamespace, dstName)] - (2 - exactness(srcNamespace, srcName));
}

IntentionDecision decideIntention(const QList<config::Entry> &entries, const IntentionSource &src, const IntentionDestination &dst,
                                  const Request *request, bool defaultAllow)
{
    const QString dstNs = config::orDefault(dst.namespace_);
    const QString dstPartition = config::orDefault(dst.partition);
    const QString srcNs = config::orDefault(src.namespace_);
    const QString srcPartition = config::orDefault(src.partition);

    QList<Candidate> candidates;
    for (const config::Entry &e : entries) {
        const auto *ixn = e.as<config::ServiceIntentions>();
        if (!ixn || config::orDefault(e.partition) != dstPartition)
            continue;
        const QString entryNs = config::orDefault(e.namespace_);
        if (!nameMatches(entryNs, dstNs) || !nameMatches(e.name, dst.name))
            continue;
        for (const config::SourceIntention &s : ixn->sources) {
            // Partition and peer are always exact (intention.go validation); sameness groups are not modelled.
            if (!s.samenessGroup.isEmpty())
                continue;
            if (config::orDefault(s.partition) != srcPartition || (src.anyPeer ? s.peer.isEmpty() : s.peer != src.peer))
                continue;
            const QString sNs = config::orDefault(s.namespace_);
            if (!nameMatches(sNs, srcNs) || !nameMatches(s.name, src.name))
                continue;
            candidates.append({&e, &s, intentionPrecedence(sNs, s.name, entryNs, e.name)});
        }
    }

    IntentionDecision d;
    d.allowed = defaultAllow;
    d.upstream = defaultAllow;
    d.description = QStringLiteral("default %1").arg(actionWord(defaultAllow));
    if (candidates.isEmpty())
        return d;

    // IntentionPrecedenceSorter: precedence first, then the names for a stable order.
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate &a, const Candidate &b) {
        if (a.precedence != b.precedence)
            return a.precedence > b.precedence;
        const auto key = [](const Candidate &c) {
            return QStringList{config::orDefault(c.source->namespace_), c.source->name, config::orDefault(c.entry->namespace_), c.entry->name};
        };
        return key(a) < key(b);
    });
    const Candidate &top = candidates.front();
    const config::SourceIntention &s = *top.source;
    d.entry = top.entry->displayName();
    d.sourceName = s.peer.isEmpty() ? s.name : s.name + QStringLiteral(" (peer ") + s.peer + QLatin1Char(')');
    d.precedence = top.precedence;
    d.span = s.span;
    const QString head = QStringLiteral("%1: %2 → ").arg(d.entry, d.sourceName);

    if (s.permissions.isEmpty()) {
        d.byDefault = false;
        d.allowed = s.action == u"allow";
        d.upstream = d.allowed;
        d.description = head + QStringLiteral("%1 (precedence %2)").arg(actionWord(d.allowed)).arg(d.precedence);
        return d;
    }

    d.l7 = true;
    d.upstream = true;
    if (dst.protocol.isEmpty() || dst.protocol == u"tcp") {
        // An L7 intention on a TCP destination denies every connection (rbac.go).
        d.byDefault = false;
        d.allowed = false;
        d.description = head + QStringLiteral("permissions on a tcp service deny every connection (precedence %1)").arg(d.precedence);
        return d;
    }
    if (!request) {
        d.description = head + QStringLiteral("permissions decide per request (precedence %1)").arg(d.precedence);
        return d;
    }
    for (qsizetype i = 0; i < s.permissions.size(); ++i) {
        const config::IntentionPermission &p = s.permissions.at(i);
        if (!matchesPermission(p, *request))
            continue;
        d.byDefault = false;
        d.allowed = p.action == u"allow";
        d.permission = int(i);
        if (p.span.isValid())
            d.span = p.span;
        d.description = head + QStringLiteral("Permissions[%1] %2 (precedence %3)").arg(i).arg(actionWord(d.allowed)).arg(d.precedence);
        return d;
    }
    // The first matching intention shadows lower ones even when no permission matched.
    d.description = head + QStringLiteral("no permission matches %1 %2, so the default %3 applies (precedence %4)")
                               .arg(request->method, request->path, actionWord(defaultAllow))
                               .arg(d.precedence);
    return d;
}

} // namespace chainscope::sim
