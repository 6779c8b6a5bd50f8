// Kubernetes custom resources: the API server's "required" schema fields and the consul-k8s webhook's
// Validate() of each CRD (config.md §3.7). Unlike Consul, the webhook gathers every field error; each is
// one diagnostic whose field is the CRD path and whose message is the k8s error body
// (`Invalid value: "api": must begin with a '/'`), as kubectl prints it after the path.
#include "config/filterexpr.h"
#include "config/validatecodes.h"
#include "config/validator_p.h"

#include <QSet>

namespace chainscope::config::detail {
namespace {

QString invalid(const QString &valueText, const QString &detail)
{
    return QStringLiteral("Invalid value: ") + valueText + QStringLiteral(": ") + detail;
}

QString quoted(const QString &s)
{
    return goQuote(s);
}

// ---- JSON of CRD values (the webhook passes json.Marshal output as the bad value) -----------------

/** consul-k8s' JSON name of a canonical field: `ConnectTimeout` → `connectTimeout`, `HTTP` → `http`,
 *  `SourceIP` → `sourceIP`, `JSONFormat` → `jsonFormat`. */
QString crdKey(const QString &canonical)
{
    qsizetype upper = 0;
    while (upper < canonical.size() && canonical[upper].isUpper())
        ++upper;
    if (upper == 0)
        return canonical;
    if (upper == canonical.size())
        return canonical.toLower();
    const qsizetype lowerCount = upper == 1 ? 1 : upper - 1;
    return canonical.left(lowerCount).toLower() + canonical.mid(lowerCount);
}

bool isDataMap(QStringView key)
{
    return key == u"Subsets" || key == u"Failover" || key == u"Add" || key == u"Set" || key == u"Config" || key == u"Meta";
}

QString numberJson(const Value &v)
{
    if (v.isInt())
        return QString::number(v.toInt());
    const double d = v.toDouble();
    if (d == std::floor(d) && std::fabs(d) < 1e15)
        return QString::number(qint64(d));
    return jsonFloat32(float(d));
}

QString crdJson(const Value &v, bool verbatimKeys = false)
{
    switch (v.type()) {
    case Value::Type::Null:
        return QStringLiteral("null");
    case Value::Type::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Value::Type::Int:
    case Value::Type::Float:
        return numberJson(v);
    case Value::Type::String:
        return jsonString(v.toString());
    case Value::Type::List: {
        QStringList items;
        for (const Value &item : v.items())
            items.append(crdJson(item));
        return u'[' + items.join(u',') + u']';
    }
    case Value::Type::Map: {
        QStringList members;
        for (const Value::Member &m : v.members())
            members.append(jsonString(verbatimKeys ? m.key : crdKey(m.key)) + u':' + crdJson(m.value, !verbatimKeys && isDataMap(m.key)));
        return u'{' + members.join(u',') + u'}';
    }
    }
    Q_UNREACHABLE();
}

/** The Go-quoted JSON of the tree value at a canonical path (`"{}"` when absent). */
QString jsonValueAt(const EntryReport &report, QStringView path)
{
    const Value *v = report.treeAt(path);
    return quoted(v ? crdJson(*v) : QStringLiteral("{}"));
}

// ---- ServiceResolver -----------------------------------------------------------------------------

void resolverRules(EntryReport &report, const ServiceResolver &r)
{
    const auto err = [&report](QStringView canonical, const QString &k8sPath, const QString &message) {
        report.k8s(codes::K8sResolver, canonical, k8sPath, message);
    };
    for (auto it = r.subsets.cbegin(); it != r.subsets.cend(); ++it) {
        const QString &name = it.key();
        // Paths (and below, JSON values) are only built for a failing rule.
        const auto canonical = [&name] { return QString(QStringLiteral("Subsets") + keySegment(name)); };
        const auto k8sPath = [&name] { return QStringLiteral("spec.subsets[%1]").arg(name); };
        if (name.isEmpty()) {
            err(canonical(), QStringLiteral("spec.subsets"), invalid(quoted(name), QStringLiteral("subset defined with empty name")));
        } else if (!matchesDnsLabelPattern(name)) {
            // No length limit here, unlike Consul's validateServiceSubset.
            err(canonical(), k8sPath(),
                invalid(quoted(name), QStringLiteral("subset name must begin or end with lower case alphanumeric characters, and contain lower case "
                                                     "alphanumeric characters or '-' in between")));
        }
        if (!it->filter.isEmpty() && checkFilterSyntax(it->filter))
            err(QString(canonical() + QStringLiteral(".Filter")), k8sPath() + QStringLiteral(".filter"),
                invalid(quoted(it->filter), QStringLiteral("filter for subset is not a valid expression")));
    }

    for (auto it = r.failover.cbegin(); it != r.failover.cend(); ++it) {
        const ResolverFailover &f = it.value();
        const QString &key = it.key();
        const auto canonical = [&key] { return QString(QStringLiteral("Failover") + keySegment(key)); };
        const auto path = [&key] { return QStringLiteral("spec.failover[%1]").arg(key); };
        if (f.service.isEmpty() && f.serviceSubset.isEmpty() && f.namespace_.isEmpty() && f.datacenters.isEmpty() && f.targets.isEmpty()
            && !f.policy && f.samenessGroup.isEmpty())
            err(canonical(), path(),
                invalid(quoted(QStringLiteral("{}")),
                        QStringLiteral("service, serviceSubset, namespace, datacenters, policy, and targets cannot all be empty at once")));
        if (f.policy && !f.policy->mode.isEmpty() && f.policy->mode != u"sequential" && f.policy->mode != u"order-by-locality")
            err(QString(canonical() + QStringLiteral(".Policy.Mode")), path() + QStringLiteral(".policy.mode"),
                invalid(quoted(f.policy->mode), QStringLiteral("must be one of \"\", \"sequential\", \"order-by-locality\"")));
        if (!f.samenessGroup.isEmpty()) {
            const auto sgErr = [&](const QString &message) {
                err(QString(canonical() + QStringLiteral(".SamenessGroup")), path() + QStringLiteral(".samenessGroup"), message);
            };
            if (!f.datacenters.isEmpty())
                sgErr(invalid(quoted(f.samenessGroup), QStringLiteral("samenessGroup cannot be set with datacenters")));
            if (!f.serviceSubset.isEmpty())
                sgErr(invalid(quoted(f.samenessGroup), QStringLiteral("samenessGroup cannot be set with serviceSubset")));
            if (!f.targets.isEmpty())
                sgErr(invalid(quoted(f.samenessGroup), QStringLiteral("samenessGroup cannot be set with targets")));
        }
        if (!f.targets.isEmpty()) {
            const auto targetsErr = [&](const char *detail) {
                const QString targetsCanonical = canonical() + QStringLiteral(".Targets");
                err(targetsCanonical, path() + QStringLiteral(".targets"), invalid(jsonValueAt(report, targetsCanonical), QLatin1String(detail)));
            };
            if (!f.datacenters.isEmpty())
                targetsErr("targets cannot be set with datacenters");
            if (!f.serviceSubset.isEmpty())
                targetsErr("targets cannot be set with serviceSubset");
            if (!f.service.isEmpty())
                targetsErr("targets cannot be set with service");
        }
        for (qsizetype i = 0; i < f.targets.size(); ++i) {
            const FailoverTarget &t = f.targets[i];
            const auto targetErr = [&](const char *detail) {
                const QString tCanonical = canonical() + QStringLiteral(".Targets") + indexSegment(i);
                err(tCanonical, path() + QStringLiteral(".targets") + indexSegment(i), invalid(jsonValueAt(report, tCanonical), QLatin1String(detail)));
            };
            if (!t.peer.isEmpty() && !t.serviceSubset.isEmpty())
                targetErr("target.peer cannot be set with target.serviceSubset");
            if (!t.partition.isEmpty() && !t.peer.isEmpty())
                targetErr("target.partition cannot be set with target.peer");
            if (!t.peer.isEmpty() && !t.datacenter.isEmpty())
                targetErr("target.peer cannot be set with target.datacenter");
            if (!t.partition.isEmpty() && !t.datacenter.isEmpty())
                targetErr("target.partition cannot be set with target.datacenter");
        }
        for (qsizetype i = 0; i < f.datacenters.size(); ++i) {
            if (f.datacenters[i].isEmpty())
                err(QString(canonical() + QStringLiteral(".Datacenters") + indexSegment(i)), path() + QStringLiteral(".datacenters") + indexSegment(i),
                    invalid(quoted(QString()), QStringLiteral("found empty datacenter")));
        }
    }

    if (!r.failover.isEmpty() && r.redirect)
        err(u"Redirect", QStringLiteral("spec"), invalid(quoted(crdJson(report.entry().tree)), QStringLiteral("service resolver redirect and failover cannot both be set")));

    if (r.redirect) {
        const ResolverRedirect &rd = *r.redirect;
        const auto rerr = [&](const char *canonicalField, const char *k8sField, const QString &value, const char *detail) {
            err(QString(QStringLiteral("Redirect.") + QLatin1String(canonicalField)), QStringLiteral("spec.redirect.") + QLatin1String(k8sField),
                invalid(quoted(value), QLatin1String(detail)));
        };
        if (rd.service.isEmpty() && rd.serviceSubset.isEmpty() && rd.namespace_.isEmpty() && rd.partition.isEmpty() && rd.datacenter.isEmpty()
            && rd.peer.isEmpty() && rd.samenessGroup.isEmpty())
            err(u"Redirect", QStringLiteral("spec.redirect"), invalid(quoted(QStringLiteral("{}")), QStringLiteral("service resolver redirect cannot be empty")));
        // The controller's partition is "default" unless admin partitions are in use; a redirect naming
        // no partition stays in it (see config.md §6 on this assumption).
        if (!rd.datacenter.isEmpty() && !rd.partition.isEmpty() && rd.partition != u"default")
            rerr("Partition", "partition", rd.partition, "cross-datacenter and cross-partition redirect is not supported");
        if (!rd.samenessGroup.isEmpty() && !rd.serviceSubset.isEmpty())
            rerr("SamenessGroup", "samenessGroup", rd.samenessGroup, "samenessGroup cannot be set with serviceSubset");
        if (!rd.samenessGroup.isEmpty() && !rd.partition.isEmpty())
            rerr("Partition", "partition", rd.partition, "partition cannot be set with samenessGroup");
        if (!rd.samenessGroup.isEmpty() && !rd.datacenter.isEmpty())
            rerr("SamenessGroup", "samenessGroup", rd.samenessGroup, "samenessGroup cannot be set with datacenter");
        if (!rd.peer.isEmpty() && !rd.serviceSubset.isEmpty())
            rerr("Peer", "peer", rd.peer, "peer cannot be set with serviceSubset");
        if (!rd.peer.isEmpty() && !rd.partition.isEmpty())
            rerr("Partition", "partition", rd.partition, "partition cannot be set with peer");
        if (!rd.peer.isEmpty() && !rd.datacenter.isEmpty())
            rerr("Peer", "peer", rd.peer, "peer cannot be set with datacenter");
        if (rd.service.isEmpty()) {
            if (!rd.serviceSubset.isEmpty())
                rerr("ServiceSubset", "serviceSubset", rd.serviceSubset, "serviceSubset defined without service");
            if (!rd.namespace_.isEmpty())
                rerr("Namespace", "namespace", rd.namespace_, "namespace defined without service");
            if (!rd.partition.isEmpty())
                rerr("Partition", "partition", rd.partition, "partition defined without service");
            if (!rd.peer.isEmpty())
                rerr("Peer", "peer", rd.peer, "peer defined without service");
        }
    }

    if (r.prioritizeByLocality && !r.prioritizeByLocality->mode.isEmpty() && r.prioritizeByLocality->mode != u"none"
        && r.prioritizeByLocality->mode != u"failover")
        err(u"PrioritizeByLocality.Mode", QStringLiteral("spec.prioritizeByLocality.mode"),
            invalid(quoted(r.prioritizeByLocality->mode), QStringLiteral("must be one of \"\", \"none\", \"failover\"")));

    if (r.loadBalancer) {
        for (qsizetype i = 0; i < r.loadBalancer->hashPolicies.size(); ++i) {
            const HashPolicy &hp = r.loadBalancer->hashPolicies[i];
            const auto canonical = [i] { return QString(QStringLiteral("LoadBalancer.HashPolicies") + indexSegment(i)); };
            const auto path = [i] { return QString(QStringLiteral("spec.loadBalancer.hashPolicies") + indexSegment(i)); };
            if (!hp.field.isEmpty() && hp.field != u"header" && hp.field != u"cookie" && hp.field != u"query_parameter")
                err(QString(canonical() + QStringLiteral(".Field")), path() + QStringLiteral(".field"),
                    invalid(quoted(hp.field), QStringLiteral("must be one of \"header\", \"cookie\", \"query_parameter\"")));
            if (!hp.field.isEmpty() && hp.sourceIP)
                err(canonical(), path(), invalid(jsonValueAt(report, canonical()), QStringLiteral("cannot set both field and sourceIP")));
            else if (!hp.field.isEmpty() && hp.fieldValue.isEmpty())
                err(QString(canonical() + QStringLiteral(".FieldValue")), path() + QStringLiteral(".fieldValue"),
                    invalid(quoted(hp.fieldValue), QStringLiteral("fieldValue cannot be empty if field is set")));
            if (hp.cookieConfig && hp.cookieConfig->session && hp.cookieConfig->ttl.count() > 0)
                err(QString(canonical() + QStringLiteral(".CookieConfig")), path() + QStringLiteral(".cookieConfig"),
                    invalid(jsonValueAt(report, QString(canonical() + QStringLiteral(".CookieConfig"))), QStringLiteral("cannot set both session and ttl")));
        }
    }

    if (report.isCe()) {
        // validateEnterprise: namespaces and partitions are not enabled in a CE installation.
        const auto gate = [&](QLatin1StringView code, QStringView canonical, const QString &k8sPath, const QString &value, const QString &detail) {
            report.k8s(code, canonical, k8sPath, invalid(quoted(value), detail));
        };
        if (r.redirect && !r.redirect->namespace_.isEmpty())
            gate(codes::EnterpriseNamespace, u"Redirect.Namespace", QStringLiteral("spec.redirect.namespace"), r.redirect->namespace_,
                 QStringLiteral("Consul Enterprise namespaces must be enabled to set redirect.namespace"));
        for (auto it = r.failover.cbegin(); it != r.failover.cend(); ++it) {
            if (!it->namespace_.isEmpty())
                gate(codes::EnterpriseNamespace, QString(QStringLiteral("Failover") + keySegment(it.key()) + QStringLiteral(".Namespace")),
                     QStringLiteral("spec.failover[%1].namespace").arg(it.key()), it->namespace_,
                     QStringLiteral("Consul Enterprise namespaces must be enabled to set failover.namespace"));
        }
        if (r.redirect && !r.redirect->partition.isEmpty())
            gate(codes::EnterprisePartition, u"Redirect.Partition", QStringLiteral("spec.redirect.partition"), r.redirect->partition,
                 QStringLiteral("Consul Enterprise partitions must be enabled to set redirect.partition"));
    }
}

// ---- ServiceRouter -------------------------------------------------------------------------------

/** API-server schema: router header/queryParam `name` has no omitempty, so it is required. */
int routerRequired(EntryReport &report, const ServiceRouter &router)
{
    int errors = 0;
    // Routes[i].Match.HTTP.Header / .QueryParam as written, walked without building their paths.
    const auto member = [](const Value *v, QStringView key) { return v && v->isMap() ? v->find(key) : nullptr; };
    const Value *routes = member(&report.entry().tree, u"Routes");
    for (qsizetype i = 0; i < router.routes.size(); ++i) {
        const Value *route = routes && routes->isList() && i < routes->items().size() ? &routes->items()[i] : nullptr;
        const Value *http = member(member(route, u"Match"), u"HTTP");
        const std::pair<QStringView, const char *> lists[] = {{u"Header", ".header"}, {u"QueryParam", ".queryParam"}};
        for (const auto &[canonicalList, k8sList] : lists) {
            const Value *items = member(http, canonicalList);
            if (!items || !items->isList())
                continue;
            for (qsizetype j = 0; j < items->items().size(); ++j) {
                const Value &item = items->items()[j];
                if (item.isMap() && !item.find(u"Name")) {
                    report.k8sAt(codes::K8sRequired, item.span(),
                                 QStringLiteral("spec.routes[%1].match.http").arg(i) + QLatin1String(k8sList) + indexSegment(j) + QStringLiteral(".name"),
                                 QStringLiteral("Required value"));
                    ++errors;
                }
            }
        }
    }
    return errors;
}

void routerRules(EntryReport &report, const ServiceRouter &router)
{
    const auto err = [&report](const QString &canonical, const QString &k8sPath, const QString &message) {
        report.k8s(codes::K8sRouter, canonical, k8sPath, message);
    };
    for (qsizetype i = 0; i < router.routes.size(); ++i) {
        const ServiceRoute &route = router.routes[i];
        // Paths and JSON values are only built for a failing rule.
        const auto canonical = [i] { return QString(QStringLiteral("Routes") + indexSegment(i)); };
        const auto path = [i] { return QStringLiteral("spec.routes[%1]").arg(i); };
        const HttpRouteMatch *http = route.match && route.match->http ? &*route.match->http : nullptr;
        if (route.destination && !route.destination->prefixRewrite.isEmpty() && (!http || (http->pathExact.isEmpty() && http->pathPrefix.isEmpty())))
            err(canonical(), path(),
                invalid(jsonValueAt(report, canonical()),
                        QStringLiteral("destination.prefixRewrite requires that either match.http.pathPrefix or match.http.pathExact be configured on this route")));
        if (http) {
            const auto hCanonical = [&] { return QString(canonical() + QStringLiteral(".Match.HTTP")); };
            const auto hPath = [&] { return QString(path() + QStringLiteral(".match.http")); };
            const int parts = int(!http->pathExact.isEmpty()) + int(!http->pathPrefix.isEmpty()) + int(!http->pathRegex.isEmpty());
            if (parts > 1)
                err(hCanonical(), hPath(),
                    invalid(jsonValueAt(report, hCanonical()), QStringLiteral("at most only one of pathExact, pathPrefix, or pathRegex may be configured")));
            if (!http->pathExact.isEmpty() && !http->pathExact.startsWith(u'/'))
                err(hCanonical() + QStringLiteral(".PathExact"), hPath() + QStringLiteral(".pathExact"),
                    invalid(quoted(http->pathExact), QStringLiteral("must begin with a '/'")));
            if (!http->pathPrefix.isEmpty() && !http->pathPrefix.startsWith(u'/'))
                err(hCanonical() + QStringLiteral(".PathPrefix"), hPath() + QStringLiteral(".pathPrefix"),
                    invalid(quoted(http->pathPrefix), QStringLiteral("must begin with a '/'")));
            for (qsizetype j = 0; j < http->header.size(); ++j) {
                const HeaderMatch &h = http->header[j];
                const int matchers = int(h.present) + int(!h.exact.isEmpty()) + int(!h.regex.isEmpty()) + int(!h.prefix.isEmpty()) + int(!h.suffix.isEmpty());
                if (matchers > 1) {
                    const QString c = hCanonical() + QStringLiteral(".Header") + indexSegment(j);
                    err(c, hPath() + QStringLiteral(".header") + indexSegment(j),
                        invalid(jsonValueAt(report, c), QStringLiteral("at most only one of exact, prefix, suffix, regex, or present may be configured")));
                }
            }
            for (qsizetype j = 0; j < http->queryParam.size(); ++j) {
                const QueryParamMatch &q = http->queryParam[j];
                const int matchers = int(q.present) + int(!q.exact.isEmpty()) + int(!q.regex.isEmpty());
                if (matchers > 1) {
                    const QString c = hCanonical() + QStringLiteral(".QueryParam") + indexSegment(j);
                    err(c, hPath() + QStringLiteral(".queryParam") + indexSegment(j),
                        invalid(jsonValueAt(report, c), QStringLiteral("at most only one of exact, regex, or present may be configured")));
                }
            }
        }
        if (report.isCe() && route.destination) {
            if (!route.destination->namespace_.isEmpty())
                report.k8s(codes::EnterpriseNamespace, QString(canonical() + QStringLiteral(".Destination.Namespace")), path() + QStringLiteral(".destination.namespace"),
                           invalid(quoted(route.destination->namespace_), QStringLiteral("Consul Enterprise namespaces must be enabled to set destination.namespace")));
            if (!route.destination->partition.isEmpty())
                report.k8s(codes::EnterprisePartition, QString(canonical() + QStringLiteral(".Destination.Partition")), path() + QStringLiteral(".destination.partition"),
                           invalid(quoted(route.destination->partition), QStringLiteral("Consul Enterprise partitions must be enabled to set destination.partition")));
        }
    }
}

// ---- ServiceSplitter -----------------------------------------------------------------------------

void splitterRules(EntryReport &report, const ServiceSplitter &splitter)
{
    float sum = 0.0f;
    const Value &tree = report.entry().tree;
    const Value *writtenSplits = tree.isMap() ? tree.find(u"Splits") : nullptr;
    for (qsizetype i = 0; i < splitter.splits.size(); ++i) {
        const ServiceSplit &s = splitter.splits[i];
        const auto canonical = [i] { return QString(QStringLiteral("Splits") + indexSegment(i)); };
        const auto path = [i] { return QString(QStringLiteral("spec.splits") + indexSegment(i)); };
        // The webhook sees the weight as written; an Entry holds it after Consul's rounding to 0.01, so
        // weights that only differ below 0.005 (e.g. 0.004 vs 0) are judged on the rounded value.
        const Value *split = writtenSplits && writtenSplits->isList() && i < writtenSplits->items().size() ? &writtenSplits->items()[i] : nullptr;
        const Value *written = split && split->isMap() ? split->find(u"Weight") : nullptr;
        const float weight = written && written->isNumber() ? float(written->toDouble()) : s.weight;
        sum += weight;
        if (weight != 0.0f && (weight < 0.01f || weight > 100.0f))
            report.k8s(codes::K8sSplitter, QString(canonical() + QStringLiteral(".Weight")), path() + QStringLiteral(".weight"),
                       invalid(goFloat32(weight), QStringLiteral("weight must be a percentage between 0.01 and 100")));
        if (report.isCe()) {
            if (!s.namespace_.isEmpty())
                report.k8s(codes::EnterpriseNamespace, QString(canonical() + QStringLiteral(".Namespace")), path() + QStringLiteral(".namespace"),
                           invalid(quoted(s.namespace_), QStringLiteral("Consul Enterprise namespaces must be enabled to set split.namespace")));
            if (!s.partition.isEmpty())
                report.k8s(codes::EnterprisePartition, QString(canonical() + QStringLiteral(".Partition")), path() + QStringLiteral(".partition"),
                           invalid(quoted(s.partition), QStringLiteral("Consul Enterprise partitions must be enabled to set split.partition")));
        }
    }
    // An exact float32 comparison, no rounding (servicesplitter_types.go).
    if (sum != 100.0f)
        report.k8s(codes::K8sSplitter, u"Splits", QStringLiteral("spec.splits"),
                   invalid(jsonValueAt(report, u"Splits"),
                           QStringLiteral("the sum of weights across all splits must add up to 100 percent, but adds up to %1").arg(double(sum), 0, 'f', 6)));
}

// ---- ServiceIntentions ---------------------------------------------------------------------------

void intentionsRules(EntryReport &report, const ServiceIntentions &intentions)
{
    const Value *written = report.treeAt(u"Sources");
    if (intentions.sources.isEmpty()) {
        report.k8s(codes::K8sIntentions, u"Sources", QStringLiteral("spec.sources"), QStringLiteral("Required value: at least one source must be specified"));
        return;
    }
    // The webhook sees the sources as written, not sorted by precedence: walk them in written order.
    QList<std::pair<qsizetype, const SourceIntention *>> ordered;
    for (const SourceIntention &src : intentions.sources) {
        qsizetype index = ordered.size();
        if (written && written->isList()) {
            for (qsizetype k = 0; k < written->items().size(); ++k) {
                if (written->items()[k].span().begin == src.span.begin && src.span.isValid())
                    index = k;
            }
        }
        ordered.append({index, &src});
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto &a, const auto &b) { return a.first < b.first; });

    const auto err = [&report](const QString &canonical, const QString &k8sPath, const QString &message) {
        report.k8s(codes::K8sIntentions, canonical, k8sPath, message);
    };
    if (report.isCe() && !report.entry().namespace_.isEmpty())
        report.k8s(codes::EnterpriseNamespace, u"Namespace", QStringLiteral("spec.destination.namespace"),
                   invalid(quoted(report.entry().namespace_), QStringLiteral("Consul Enterprise namespaces must be enabled to set destination.namespace")));
    static const QString methodsMessage =
        QStringLiteral("must be one of \"GET\", \"HEAD\", \"POST\", \"PUT\", \"PATCH\", \"DELETE\", \"CONNECT\", \"OPTIONS\", \"TRACE\"");
    for (const auto &[i, src] : std::as_const(ordered)) {
        const QString canonical = QStringLiteral("Sources") + indexSegment(i);
        const QString path = QStringLiteral("spec.sources") + indexSegment(i);
        if (!src->action.isEmpty() && !src->permissions.isEmpty())
            err(canonical, path,
                invalid(jsonValueAt(report, canonical), QStringLiteral("action and permissions are mutually exclusive and only one of them can be specified")));
        else if (src->permissions.isEmpty() && src->action != u"allow" && src->action != u"deny")
            err(canonical + QStringLiteral(".Action"), path + QStringLiteral(".action"), invalid(quoted(src->action), QStringLiteral("must be one of \"allow\", \"deny\"")));
        for (qsizetype j = 0; j < src->permissions.size(); ++j) {
            const IntentionPermission &perm = src->permissions[j];
            const QString pc = canonical + QStringLiteral(".Permissions") + indexSegment(j);
            const QString pp = path + QStringLiteral(".permissions") + indexSegment(j);
            if (perm.action != u"allow" && perm.action != u"deny")
                err(pc + QStringLiteral(".Action"), pp + QStringLiteral(".action"), invalid(quoted(perm.action), QStringLiteral("must be one of \"allow\", \"deny\"")));
            if (!perm.http)
                continue;
            const IntentionHttpPermission &http = *perm.http;
            const QString hc = pc + QStringLiteral(".HTTP");
            const QString hp = pp + QStringLiteral(".http");
            if (!http.pathExact.isEmpty() && !http.pathExact.startsWith(u'/'))
                err(hc + QStringLiteral(".PathExact"), hp + QStringLiteral(".pathExact"), invalid(quoted(http.pathExact), QStringLiteral("must begin with a '/'")));
            if (!http.pathPrefix.isEmpty() && !http.pathPrefix.startsWith(u'/'))
                err(hc + QStringLiteral(".PathPrefix"), hp + QStringLiteral(".pathPrefix"), invalid(quoted(http.pathPrefix), QStringLiteral("must begin with a '/'")));
            if (int(!http.pathExact.isEmpty()) + int(!http.pathPrefix.isEmpty()) + int(!http.pathRegex.isEmpty()) > 1)
                err(hc, hp, invalid(jsonValueAt(report, hc), QStringLiteral("at most only one of pathExact, pathPrefix, or pathRegex may be configured.")));
            QSet<QString> seen;
            for (qsizetype k = 0; k < http.methods.size(); ++k) {
                const QString &m = http.methods[k];
                const QString mc = hc + QStringLiteral(".Methods") + indexSegment(k);
                const QString mp = hp + QStringLiteral(".methods") + indexSegment(k);
                if (!isHttpMethod(m))
                    err(mc, mp, invalid(quoted(m), methodsMessage));
                else if (seen.contains(m))
                    err(mc, mp, invalid(quoted(m), QStringLiteral("method listed more than once.")));
                seen.insert(m);
            }
            for (qsizetype k = 0; k < http.header.size(); ++k) {
                const IntentionHeaderPermission &h = http.header[k];
                const int matchers = int(h.present) + int(!h.exact.isEmpty()) + int(!h.regex.isEmpty()) + int(!h.prefix.isEmpty()) + int(!h.suffix.isEmpty());
                const QString c = hc + QStringLiteral(".Header") + indexSegment(k);
                if (matchers > 1)
                    err(c, hp + QStringLiteral(".header") + indexSegment(k),
                        invalid(jsonValueAt(report, c), QStringLiteral("at most only one of exact, prefix, suffix, regex, or present may be configured.")));
            }
        }
        if (report.isCe()) {
            if (!src->namespace_.isEmpty())
                report.k8s(codes::EnterpriseNamespace, QString(canonical + QStringLiteral(".Namespace")), path + QStringLiteral(".namespace"),
                           invalid(quoted(src->namespace_), QStringLiteral("Consul Enterprise namespaces must be enabled to set source.namespace")));
            if (!src->partition.isEmpty())
                report.k8s(codes::EnterprisePartition, QString(canonical + QStringLiteral(".Partition")), path + QStringLiteral(".partition"),
                           invalid(quoted(src->partition), QStringLiteral("Consul Enterprise Admin Partitions must be enabled to set source.partition")));
        }
        if (!src->peer.isEmpty() && !src->partition.isEmpty())
            err(canonical, path, invalid(jsonValueAt(report, canonical), QStringLiteral("Both source.peer and source.partition cannot be set.")));
    }
}

// ---- ServiceDefaults / ProxyDefaults -------------------------------------------------------------

QString treeStringAt(const EntryReport &report, QStringView path)
{
    const Value *v = report.treeAt(path);
    return v && v->isString() ? v->toString() : QString();
}

/** meshGateway, mode and transparentProxy: shared by ServiceDefaults and ProxyDefaults. */
void proxySharedRules(EntryReport &report, QLatin1StringView code, const QString &meshGatewayMode, const QString &mode)
{
    if (!meshGatewayMode.isEmpty() && meshGatewayMode != u"remote" && meshGatewayMode != u"local" && meshGatewayMode != u"none")
        report.k8s(code, u"MeshGateway.Mode", QStringLiteral("spec.meshGateway.mode"),
                   invalid(quoted(meshGatewayMode), QStringLiteral("must be one of \"remote\", \"local\", \"none\", \"\"")));
    if (const Value *port = report.treeAt(u"TransparentProxy.OutboundListenerPort"); port && port->isNumber() && port->toInt() != 0)
        report.k8s(code, u"TransparentProxy.OutboundListenerPort", QStringLiteral("spec.transparentProxy.outboundListenerPort"),
                   invalid(QString::number(port->toInt()),
                           QStringLiteral("use the annotation `consul.hashicorp.com/transparent-proxy-outbound-listener-port` to configure the Outbound Listener Port")));
    if (!mode.isEmpty())
        report.k8s(code, u"Mode", QStringLiteral("spec.mode"),
                   invalid(quoted(mode), QStringLiteral("use the annotation `consul.hashicorp.com/transparent-proxy` to configure the Transparent Proxy Mode")));
}

void mutualTlsRule(EntryReport &report, QLatin1StringView code, const QString &mode)
{
    if (!mode.isEmpty() && mode != u"strict" && mode != u"permissive")
        report.k8s(code, u"MutualTLSMode", QStringLiteral("spec.mutualTLSMode"), invalid(quoted(mode), QStringLiteral("Must be one of \"\", \"strict\", or \"permissive\".")));
}

void serviceDefaultsRules(EntryReport &report, const ServiceDefaults &d)
{
    const auto code = codes::K8sServiceDefaults;
    if (!d.protocol.isEmpty() && d.protocol != u"tcp" && d.protocol != u"http" && d.protocol != u"http2" && d.protocol != u"grpc")
        report.k8s(code, u"Protocol", QStringLiteral("spec.protocol"), invalid(quoted(d.protocol), QStringLiteral("must be one of \"tcp\", \"http\", \"http2\", \"grpc\"")));
    proxySharedRules(report, code, d.meshGateway.mode, d.mode);
    mutualTlsRule(report, code, d.mutualTLSMode);
    const std::pair<const char *, const char *> positives[] = {{"MaxInboundConnections", "MaxInboundConnections must be > 0"},
                                                               {"LocalConnectTimeoutMs", "LocalConnectTimeoutMs must be > 0"},
                                                               {"LocalRequestTimeoutMs", "LocalRequestTimeoutMs must be > 0"}};
    for (const auto &[field, message] : positives) {
        const QString canonical = QLatin1String(field);
        if (const Value *v = report.treeAt(canonical); v && v->isNumber() && v->toInt() < 0)
            report.k8s(code, canonical, QStringLiteral("spec.") + crdKey(canonical), invalid(QString::number(v->toInt()), QLatin1String(message)));
    }
    const QString balance = treeStringAt(report, u"BalanceInboundConnections");
    if (!balance.isEmpty() && balance != u"exact_balance")
        report.k8s(code, u"BalanceInboundConnections", QStringLiteral("spec.balanceInboundConnections"),
                   invalid(quoted(balance), QStringLiteral("BalanceInboundConnections must be an empty string or exact_balance")));
    if (const Value *name = report.treeAt(u"UpstreamConfig.Defaults.Name"); name && name->isString() && !name->toString().isEmpty())
        report.k8s(code, u"UpstreamConfig.Defaults.Name", QStringLiteral("spec.upstreamConfig.defaults.name"),
                   invalid(quoted(name->toString()), QStringLiteral("upstream.name for a default upstream must be \"\"")));
    if (const Value *overrides = report.treeAt(u"UpstreamConfig.Overrides"); overrides && overrides->isList()) {
        for (qsizetype i = 0; i < overrides->items().size(); ++i) {
            const QString canonical = QStringLiteral("UpstreamConfig.Overrides") + indexSegment(i);
            if (treeStringAt(report, QString(canonical + QStringLiteral(".Name"))).isEmpty())
                report.k8s(code, canonical, QStringLiteral("spec.upstreamConfig.overrides[%1].name").arg(i),
                           invalid(quoted(QString()), QStringLiteral("upstream.name for an override upstream cannot be \"\"")));
            if (!treeStringAt(report, QString(canonical + QStringLiteral(".Namespace"))).isEmpty()
                && !treeStringAt(report, QString(canonical + QStringLiteral(".Peer"))).isEmpty())
                report.k8s(code, canonical, QStringLiteral("spec.upstreamConfig.overrides[%1]").arg(i),
                           invalid(jsonValueAt(report, canonical), QStringLiteral("both namespace and peer cannot be specified.")));
        }
    }
    if (const Value *paths = report.treeAt(u"Expose.Paths"); paths && paths->isList()) {
        for (qsizetype i = 0; i < paths->items().size(); ++i) {
            const QString canonical = QStringLiteral("Expose.Paths") + indexSegment(i);
            const QString p = treeStringAt(report, QString(canonical + QStringLiteral(".Path")));
            const QString protocol = treeStringAt(report, QString(canonical + QStringLiteral(".Protocol")));
            if (!p.isEmpty() && !p.startsWith(u'/'))
                report.k8s(code, QString(canonical + QStringLiteral(".Path")), QStringLiteral("spec.expose.paths[%1].path").arg(i),
                           invalid(quoted(p), QStringLiteral("must begin with a '/'")));
            if (!protocol.isEmpty() && protocol != u"http" && protocol != u"http2")
                report.k8s(code, QString(canonical + QStringLiteral(".Protocol")), QStringLiteral("spec.expose.paths[%1].protocol").arg(i),
                           invalid(quoted(protocol), QStringLiteral("must be one of \"http\", \"http2\"")));
        }
    }
    if (report.treeAt(u"Destination")) {
        const Value *addresses = report.treeAt(u"Destination.Addresses");
        if (!addresses || !addresses->isList() || addresses->items().isEmpty())
            report.k8s(code, u"Destination", QStringLiteral("spec.destination.addresses"),
                       invalid(quoted(QString()), QStringLiteral("at least one address must be define per destination")));
        const Value *port = report.treeAt(u"Destination.Port");
        const qint64 portNumber = port && port->isNumber() ? port->toInt() : 0;
        if (portNumber < 1 || portNumber > 65535)
            report.k8s(code, u"Destination.Port", QStringLiteral("spec.destination.port"), invalid(QString::number(portNumber), QStringLiteral("invalid port number")));
    }
}

void proxyDefaultsRules(EntryReport &report, const ProxyDefaults &d)
{
    const auto code = codes::K8sProxyDefaults;
    if (!report.entry().name.isEmpty() && report.entry().name != u"global")
        report.k8s(code, u"Name", QStringLiteral("metadata.name"), QStringLiteral("proxydefaults resource name must be \"global\""));
    if (report.treeAt(u"AccessLogs")) {
        const QString type = treeStringAt(report, u"AccessLogs.Type");
        const QString path = treeStringAt(report, u"AccessLogs.Path");
        const QString jsonFormat = treeStringAt(report, u"AccessLogs.JSONFormat");
        const QString textFormat = treeStringAt(report, u"AccessLogs.TextFormat");
        // The closing parenthesis is missing in consul-k8s' own text.
        if (!type.isEmpty() && type != u"stdout" && type != u"stderr" && type != u"file")
            report.k8s(code, u"AccessLogs.Type", QStringLiteral("spec.accessLogs.type"),
                       invalid(quoted(type), QStringLiteral("invalid access log type (must be one of \"stdout\", \"stderr\", \"file\"")));
        if (type == u"file" && path.isEmpty())
            report.k8s(code, u"AccessLogs.Path", QStringLiteral("spec.accessLogs.path"),
                       invalid(quoted(path), QStringLiteral("path must be specified when using file type access logs")));
        if (!jsonFormat.isEmpty() && !textFormat.isEmpty())
            report.k8s(code, u"AccessLogs.TextFormat", QStringLiteral("spec.accessLogs.textFormat"),
                       invalid(quoted(textFormat), QStringLiteral("cannot specify both access log jsonFormat and textFormat")));
        if (type != u"file" && !path.isEmpty())
            report.k8s(code, u"AccessLogs.Path", QStringLiteral("spec.accessLogs.path"),
                       invalid(quoted(path), QStringLiteral("path is only valid for file type access logs")));
    }
    if (d.failoverPolicy && !d.failoverPolicy->mode.isEmpty() && d.failoverPolicy->mode != u"sequential" && d.failoverPolicy->mode != u"order-by-locality")
        report.k8s(code, u"FailoverPolicy.Mode", QStringLiteral("spec.failoverPolicy.mode"),
                   invalid(quoted(d.failoverPolicy->mode), QStringLiteral("must be one of \"\", \"sequential\", \"order-by-locality\"")));
    if (d.prioritizeByLocality && !d.prioritizeByLocality->mode.isEmpty() && d.prioritizeByLocality->mode != u"none"
        && d.prioritizeByLocality->mode != u"failover")
        report.k8s(code, u"PrioritizeByLocality.Mode", QStringLiteral("spec.prioritizeByLocality.mode"),
                   invalid(quoted(d.prioritizeByLocality->mode), QStringLiteral("must be one of \"\", \"none\", \"failover\"")));
    proxySharedRules(report, code, d.meshGateway.mode, d.mode);
    mutualTlsRule(report, code, treeStringAt(report, u"MutualTLSMode"));
}

} // namespace

int validateKubernetes(EntryReport &report)
{
    const int before = report.count();
    const EntryBody &body = report.entry().body;
    if (const auto *router = std::get_if<ServiceRouter>(&body)) {
        // The API server refuses a schema violation before the webhook ever sees the object.
        if (routerRequired(report, *router) > 0)
            return report.count() - before;
        routerRules(report, *router);
    } else if (const auto *resolver = std::get_if<ServiceResolver>(&body)) {
        resolverRules(report, *resolver);
    } else if (const auto *splitter = std::get_if<ServiceSplitter>(&body)) {
        splitterRules(report, *splitter);
    } else if (const auto *intentions = std::get_if<ServiceIntentions>(&body)) {
        intentionsRules(report, *intentions);
    } else if (const auto *serviceDefaults = std::get_if<ServiceDefaults>(&body)) {
        serviceDefaultsRules(report, *serviceDefaults);
    } else if (const auto *proxyDefaults = std::get_if<ProxyDefaults>(&body)) {
        proxyDefaultsRules(report, *proxyDefaults);
    }
    return report.count() - before;
}

} // namespace chainscope::config::detail
