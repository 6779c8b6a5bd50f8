// A mesh report: every service's picture plus a failover table (primary, ordered failover targets, and
// whether each source service named by intentions may reach each target), as Markdown or HTML.
#pragma once

#include "common/diagnostic.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace chainscope::exporter {

/** Whether one source service may reach one target, and why. */
struct ReportAccess {
    QString source;
    bool allowed = true;
    bool known = true;      ///< false: decided elsewhere (a peer cluster's intentions, which we do not have)
    bool dependsOnRequest = false; ///< an L7 intention decides per request (method, path, headers)
    QString deciding; ///< the deciding intention, e.g. "service-intentions/web: frontend → allow", or "default allow"
    friend bool operator==(const ReportAccess &, const ReportAccess &) = default;
};

/** One row of a failover table: a target at its place in a resolver's order. */
struct ReportTarget {
    QString resolver;  ///< the resolver (subset) this order belongs to, e.g. "v1.web"
    int level = 0;     ///< 0 = primary, 1 = first failover, ...
    QString id;        ///< Consul target ID
    QString service;
    QString subset;
    QString location;  ///< "dc3", "peer peer-01", "namespace secondary · dc1"
    QList<ReportAccess> access; ///< one per Report::sourceServices, same order
    friend bool operator==(const ReportTarget &, const ReportTarget &) = default;
};

/** One service's section. */
struct ReportChain {
    QString service;
    QString namespace_;
    QString protocol;
    QString pictureFile; ///< Markdown: the SVG file beside the report (relative path); "" when not drawn
    QByteArray svg;      ///< HTML: the picture inlined; empty when not drawn
    QList<ReportTarget> targets;
    Diagnostics problems; ///< why the chain could not be compiled or drawn
    friend bool operator==(const ReportChain &, const ReportChain &) = default;
};

struct Report {
    QString title;
    QStringList sources;        ///< configuration paths
    QString catalog;            ///< catalog path, "" when none
    QDateTime timestamp;        ///< printed in UTC
    QString datacenter;
    QStringList sourceServices; ///< the columns of the access part of each table
    QList<ReportChain> chains;  ///< in service order
    Diagnostics configProblems; ///< loading/validation problems worth showing at the top
};

/** The cell text: "allowed", "denied", "per request (L7)" or "decided by the peer". */
[[nodiscard]] QString accessText(const ReportAccess &access);

/** "primary", "1st failover", "2nd failover", "3rd failover", "4th failover", ... */
[[nodiscard]] QString failoverOrdinal(int level);

/** GitHub-flavoured Markdown; pictures are linked (`![web](web.svg)`), tables are pipe tables. */
[[nodiscard]] QString renderMarkdown(const Report &report);

/** A self-contained HTML5 page (inline CSS, inline SVG), readable printed or on screen. */
[[nodiscard]] QByteArray renderHtml(const Report &report);

} // namespace chainscope::exporter
