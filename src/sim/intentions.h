// Intention decisions (runtime.md §6): may a source service reach a destination service with a request?
#pragma once

#include "common/sourcelocation.h"
#include "config/entries.h"

#include <QList>
#include <QString>

namespace chainscope::sim {

struct Request;

/** The calling side. Namespace/partition "" mean "default". */
struct IntentionSource {
    QString name;
    QString namespace_;
    QString partition;
    QString peer; ///< "" = a local service
    /** Match sources with any non-empty Peer: how an exporting cluster names the importing one is not in
     *  the config we read, so its intentions are recognised by carrying a Peer at all. */
    bool anyPeer = false;
};

/** The serving side. protocol decides whether L7 intentions can apply ("tcp" ⇒ an L7 intention denies). */
struct IntentionDestination {
    QString name;
    QString namespace_;
    QString partition;
    QString protocol = QStringLiteral("tcp");
};

/** Consul's intention precedence (agent/structs/intention.go UpdatePrecedence): 9 for exact → exact down
 *  to 1 for any/any → any/any ("*" namespaces and names). Namespaces "" count as exact. */
[[nodiscard]] int intentionPrecedence(const QString &srcNamespace, const QString &srcName, const QString &dstNamespace, const QString &dstName);

/** One decision and what made it. */
struct IntentionDecision {
    bool allowed = true;
    bool byDefault = true;         ///< no intention decided (or an L7 intention whose permissions all missed)
    bool l7 = false;               ///< the deciding intention has Permissions
    int precedence = 0;            ///< of the deciding intention (0 when none)
    int permission = -1;           ///< index of the deciding permission, -1 when none
    QString entry;                 ///< "service-intentions/api" ("" when by default)
    QString sourceName;            ///< the intention's source as written, e.g. "frontend", "*"
    SourceSpan span;               ///< the source (or permission) that decided, invalid when by default
    QString description;           ///< operator wording, e.g. "service-intentions/api: frontend → allow (precedence 9)"

    /** Whether the destination sidecar would get this source as an "intention upstream" in transparent
     *  proxy mode (runtime.md §6.4): allowed by an L4 intention, any L7 intention, or the default allows. */
    bool upstream = true;
};

/**
 * Consul's decision for src → dst (agent/xds/rbac.go, state IntentionDecision): the highest-precedence
 * intention whose destination and source match decides; an L4 intention returns its action; an L7
 * intention denies on a tcp destination, else its first matching permission decides and, if none
 * matches, the default applies (never a lower intention). `request` null means "any request" (L4 view:
 * L7 intentions then count as "depends on the request" and report the default). Sameness-group sources
 * are not modelled and never match.
 */
[[nodiscard]] IntentionDecision decideIntention(const QList<config::Entry> &entries, const IntentionSource &src, const IntentionDestination &dst,
                                                const Request *request, bool defaultAllow);

} // namespace chainscope::sim
