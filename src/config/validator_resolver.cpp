// service-resolver: Consul's ServiceResolverConfigEntry.Validate (config.md §3.2) plus the CE gates of
// config_entry_discoverychain_ce.go. Consul stops at the first failure; we keep its order inside each
// independent group (a subset, the redirect, a failover key, the load balancer, a hash policy) and report
// one diagnostic per failing group. Maps are visited in sorted key order (QMap).
#include "config/filterexpr.h"
#include "config/validatecodes.h"
#include "config/validator_p.h"

namespace chainscope::config::detail {
namespace {

void validateSubsets(EntryReport &report, const ServiceResolver &r)
{
    for (auto it = r.subsets.cbegin(); it != r.subsets.cend(); ++it) {
        const QString &name = it.key();
        // Paths and messages are only built for a failing subset.
        const auto path = [&name] { return QString(QStringLiteral("Subsets") + keySegment(name)); };
        if (name.isEmpty()) {
            report.error(codes::SubsetName, path(), QStringLiteral("Subset defined with empty name"));
            continue;
        }
        // validateServiceSubset: the length check comes before the pattern.
        if (name.size() > 63) {
            report.error(codes::SubsetName, path(),
                         QStringLiteral("Subset %1 is invalid: must be non-empty and 63 characters or fewer").arg(goQuote(name)));
            continue;
        }
        if (!matchesDnsLabelPattern(name)) {
            report.error(codes::SubsetName, path(),
                         QStringLiteral("Subset %1 is invalid: must be 63 characters or fewer, begin or end with lower case alphanumeric "
                                        "characters, and contain lower case alphanumeric characters or '-' in between")
                             .arg(goQuote(name)));
            continue;
        }
        if (!it->filter.isEmpty()) {
            if (const auto parseError = checkFilterSyntax(it->filter)) {
                report.error(codes::SubsetFilter, QString(path() + QStringLiteral(".Filter")),
                             QStringLiteral("Filter for subset %1 is not a valid expression: %2").arg(goQuote(name), parseError->message));
            }
        }
    }
}

void validateRedirect(EntryReport &report, const ServiceResolver &r)
{
    const ResolverRedirect &rd = *r.redirect;
    const QString &name = report.entry().name;
    const auto fail = [&report](QLatin1StringView code, const QString &field, const QString &message) {
        report.error(code, field.isEmpty() ? QStringLiteral("Redirect") : QStringLiteral("Redirect.") + field, message);
    };

    if (!report.isCe() && !rd.datacenter.isEmpty() && orDefault(report.entry().partition) != u"default") {
        fail(codes::EnterprisePartitionScope, QStringLiteral("Datacenter"),
             QStringLiteral("Cross-datacenter redirect is only supported in the default partition"));
        return;
    }
    if (orDefault(rd.partition) != orDefault(report.entry().partition) && !rd.datacenter.isEmpty()) {
        fail(codes::RedirectInvalid, QStringLiteral("Partition"), QStringLiteral("Cross-datacenter and cross-partition redirect is not supported"));
        return;
    }
    if (report.isCe()) {
        // config_entry_discoverychain_ce.go validateRedirect... : one gate per enterprise field.
        if (!rd.partition.isEmpty()) {
            fail(codes::EnterprisePartition, QStringLiteral("Partition"), QStringLiteral("Redirect: Setting Partition requires Consul Enterprise"));
            return;
        }
        if (!rd.namespace_.isEmpty()) {
            fail(codes::EnterpriseNamespace, QStringLiteral("Namespace"), QStringLiteral("Redirect: Setting Namespace requires Consul Enterprise"));
            return;
        }
        if (!rd.samenessGroup.isEmpty()) {
            fail(codes::EnterpriseSamenessGroup, QStringLiteral("SamenessGroup"),
                 QStringLiteral("Redirect: Setting SamenessGroup requires Consul Enterprise"));
            return;
        }
    }
    if (!r.failover.isEmpty()) {
        fail(codes::RedirectInvalid, QString(), QStringLiteral("Redirect and Failover cannot both be set"));
        return;
    }
    if (rd.service.isEmpty() && rd.serviceSubset.isEmpty() && rd.namespace_.isEmpty() && rd.partition.isEmpty() && rd.datacenter.isEmpty()
        && rd.peer.isEmpty() && rd.samenessGroup.isEmpty()) {
        fail(codes::RedirectInvalid, QString(), QStringLiteral("Redirect is empty"));
        return;
    }

    struct Conflict {
        bool when;
        const char *field;
        const char *message;
    };
    const Conflict conflicts[] = {
        {!rd.samenessGroup.isEmpty() && !rd.serviceSubset.isEmpty(), "SamenessGroup", "Redirect.SamenessGroup cannot be set with Redirect.ServiceSubset"},
        {!rd.samenessGroup.isEmpty() && !rd.partition.isEmpty(), "Partition", "Redirect.Partition cannot be set with Redirect.SamenessGroup"},
        {!rd.samenessGroup.isEmpty() && !rd.datacenter.isEmpty(), "SamenessGroup", "Redirect.SamenessGroup cannot be set with Redirect.Datacenter"},
        {!rd.peer.isEmpty() && !rd.serviceSubset.isEmpty(), "Peer", "Redirect.Peer cannot be set with Redirect.ServiceSubset"},
        {!rd.peer.isEmpty() && !rd.partition.isEmpty(), "Partition", "Redirect.Partition cannot be set with Redirect.Peer"},
        {!rd.peer.isEmpty() && !rd.datacenter.isEmpty(), "Peer", "Redirect.Peer cannot be set with Redirect.Datacenter"},
    };
    for (const Conflict &c : conflicts) {
        if (c.when) {
            fail(codes::RedirectInvalid, QLatin1String(c.field), QLatin1String(c.message));
            return;
        }
    }
    if (rd.service.isEmpty()) {
        const Conflict missing[] = {
            {!rd.serviceSubset.isEmpty(), "ServiceSubset", "Redirect.ServiceSubset defined without Redirect.Service"},
            {!rd.namespace_.isEmpty(), "Namespace", "Redirect.Namespace defined without Redirect.Service"},
            {!rd.partition.isEmpty(), "Partition", "Redirect.Partition defined without Redirect.Service"},
            {!rd.peer.isEmpty(), "Peer", "Redirect.Peer defined without Redirect.Service"},
        };
        for (const Conflict &c : missing) {
            if (c.when) {
                fail(codes::RedirectInvalid, QLatin1String(c.field), QLatin1String(c.message));
                return;
            }
        }
    }
    if (!rd.serviceSubset.isEmpty() && rd.service == name && !r.subsets.contains(rd.serviceSubset)) {
        fail(codes::RedirectInvalid, QStringLiteral("ServiceSubset"),
             QStringLiteral("Redirect.ServiceSubset %1 is not a valid subset of %2").arg(goQuote(rd.serviceSubset), goQuote(name)));
    }
}

/** One failover key; returns after the first failure, as Consul does inside its loop body. */
void validateFailover(EntryReport &report, const ServiceResolver &r, const QString &key, const ResolverFailover &f)
{
    const QString &name = report.entry().name;
    // The path and the message prefix are only built when a check fails.
    const auto base = [&key] { return QString(QStringLiteral("Failover") + keySegment(key)); };
    const auto prefix = [&key] { return QStringLiteral("Bad Failover[%1]: ").arg(goQuote(key)); };
    const auto fail = [&](QLatin1StringView code, const QString &field, const QString &message) {
        report.error(code, field.isEmpty() ? base() : base() + u'.' + field, message);
    };

    if (!report.isCe() && !f.datacenters.isEmpty() && orDefault(report.entry().partition) != u"default") {
        fail(codes::EnterprisePartitionScope, QStringLiteral("Datacenters"),
             QStringLiteral("Cross-datacenter failover is only supported in the default partition"));
        return;
    }
    if (report.isCe()) {
        if (!f.namespace_.isEmpty()) {
            fail(codes::EnterpriseNamespace, QStringLiteral("Namespace"), prefix() + QStringLiteral("Setting Namespace requires Consul Enterprise"));
            return;
        }
        if (!f.samenessGroup.isEmpty()) {
            fail(codes::EnterpriseSamenessGroup, QStringLiteral("SamenessGroup"),
                 prefix() + QStringLiteral("Setting SamenessGroup requires Consul Enterprise"));
            return;
        }
    }
    if (key != u"*" && !r.subsets.contains(key)) {
        // The doubled word is Consul's own text.
        fail(codes::FailoverInvalid, QString(), prefix() + QStringLiteral("not a valid subset subset"));
        return;
    }
    // A failover that only sets Policy counts as empty.
    if (f.service.isEmpty() && f.serviceSubset.isEmpty() && f.namespace_.isEmpty() && f.datacenters.isEmpty() && f.targets.isEmpty()
        && f.samenessGroup.isEmpty()) {
        fail(codes::FailoverInvalid, QString(),
             prefix() + QStringLiteral("one of Service, ServiceSubset, Namespace, Targets, SamenessGroup, or Datacenters is required"));
        return;
    }
    if (f.policy && !f.policy->mode.isEmpty()) {
        if (report.isCe()) {
            fail(codes::EnterpriseFailoverPolicy, QStringLiteral("Policy"), prefix() + QStringLiteral("Setting failover policies requires Consul Enterprise"));
            return;
        }
        if (f.policy->mode != u"sequential" && f.policy->mode != u"order-by-locality") {
            fail(codes::FailoverInvalid, QStringLiteral("Policy.Mode"),
                 prefix() + QStringLiteral("Failover-policy mode must be one of '', 'sequential', or 'order-by-locality'"));
            return;
        }
    }
    if (!f.serviceSubset.isEmpty() && (f.service.isEmpty() || f.service == name) && !r.subsets.contains(f.serviceSubset)) {
        // The second value is the failover's own Service, which may be "" (Consul's text).
        fail(codes::FailoverInvalid, QStringLiteral("ServiceSubset"),
             prefix() + QStringLiteral("ServiceSubset %1 is not a valid subset of %2").arg(goQuote(f.serviceSubset), goQuote(f.service)));
        return;
    }
    if (!f.samenessGroup.isEmpty()) {
        if (!f.datacenters.isEmpty()) {
            fail(codes::FailoverInvalid, QStringLiteral("SamenessGroup"), prefix() + QStringLiteral("SamenessGroup cannot be set with Datacenters"));
            return;
        }
        if (!f.serviceSubset.isEmpty()) {
            fail(codes::FailoverInvalid, QStringLiteral("SamenessGroup"), prefix() + QStringLiteral("SamenessGroup cannot be set with ServiceSubset"));
            return;
        }
        if (!f.targets.isEmpty()) {
            fail(codes::FailoverInvalid, QStringLiteral("SamenessGroup"), prefix() + QStringLiteral("SamenessGroup cannot be set with Targets"));
            return;
        }
    }
    if (!f.targets.isEmpty()) {
        if (!f.datacenters.isEmpty()) {
            fail(codes::FailoverInvalid, QStringLiteral("Targets"), prefix() + QStringLiteral("Targets cannot be set with Datacenters"));
            return;
        }
        if (!f.serviceSubset.isEmpty()) {
            fail(codes::FailoverInvalid, QStringLiteral("Targets"), prefix() + QStringLiteral("Targets cannot be set with ServiceSubset"));
            return;
        }
        if (!f.service.isEmpty()) {
            fail(codes::FailoverInvalid, QStringLiteral("Targets"), prefix() + QStringLiteral("Targets cannot be set with Service"));
            return;
        }
    }
    for (qsizetype i = 0; i < f.targets.size(); ++i) {
        const FailoverTarget &t = f.targets[i];
        const auto tpath = [i] { return QString(QStringLiteral("Targets") + indexSegment(i)); };
        const auto tprefix = [&key, i] { return QStringLiteral("Bad Failover[%1].Targets[%2]: ").arg(goQuote(key)).arg(i); };
        if (report.isCe()) {
            if (!t.partition.isEmpty()) {
                fail(codes::EnterprisePartition, tpath() + QStringLiteral(".Partition"), tprefix() + QStringLiteral("Setting Partition requires Consul Enterprise"));
                return;
            }
            if (!t.namespace_.isEmpty()) {
                fail(codes::EnterpriseNamespace, tpath() + QStringLiteral(".Namespace"), tprefix() + QStringLiteral("Setting Namespace requires Consul Enterprise"));
                return;
            }
        }
        struct Conflict {
            bool when;
            const char *field;
            const char *message;
        };
        const Conflict conflicts[] = {
            {!t.peer.isEmpty() && !t.serviceSubset.isEmpty(), ".Peer", "Peer cannot be set with ServiceSubset"},
            {!t.peer.isEmpty() && !t.partition.isEmpty(), ".Partition", "Partition cannot be set with Peer"},
            {!t.peer.isEmpty() && !t.datacenter.isEmpty(), ".Peer", "Peer cannot be set with Datacenter"},
            {!t.partition.isEmpty() && !t.datacenter.isEmpty(), ".Partition", "Partition cannot be set with Datacenter"},
        };
        for (const Conflict &c : conflicts) {
            if (c.when) {
                fail(codes::FailoverInvalid, tpath() + QLatin1String(c.field), tprefix() + QLatin1String(c.message));
                return;
            }
        }
        if (!t.serviceSubset.isEmpty() && (t.service.isEmpty() || t.service == name) && !r.subsets.contains(t.serviceSubset)) {
            // Here the second value is the entry's Name, unlike the failover-level check above.
            fail(codes::FailoverInvalid, tpath() + QStringLiteral(".ServiceSubset"),
                 tprefix() + QStringLiteral("ServiceSubset %1 is not a valid subset of %2").arg(goQuote(t.serviceSubset), goQuote(name)));
            return;
        }
    }
    for (qsizetype i = 0; i < f.datacenters.size(); ++i) {
        if (f.datacenters[i].isEmpty()) {
            fail(codes::FailoverInvalid, QStringLiteral("Datacenters") + indexSegment(i),
                 QStringLiteral("Bad Failover[%1].Datacenters: found empty datacenter").arg(goQuote(key)));
            return;
        }
    }
}

void validateHashPolicy(EntryReport &report, qsizetype i, const HashPolicy &hp)
{
    const auto fail = [&](const QString &field, const QString &message) {
        const QString path = QStringLiteral("LoadBalancer.HashPolicies") + indexSegment(i);
        report.error(codes::LoadBalancerInvalid, field.isEmpty() ? path : path + u'.' + field,
                     QStringLiteral("Bad LoadBalancer HashPolicy[%1]: ").arg(i) + message);
    };
    if (!hp.field.isEmpty() && hp.field != u"header" && hp.field != u"cookie" && hp.field != u"query_parameter")
        return fail(QStringLiteral("Field"), QStringLiteral("%1 is not a supported field").arg(goQuote(hp.field)));
    if (hp.sourceIP && !hp.field.isEmpty())
        return fail(QStringLiteral("SourceIP"), QStringLiteral("A single hash policy cannot hash both a source address and a %1").arg(goQuote(hp.field)));
    if (hp.sourceIP && !hp.fieldValue.isEmpty())
        return fail(QStringLiteral("FieldValue"), QStringLiteral("A FieldValue cannot be specified when hashing SourceIP"));
    if (!hp.field.isEmpty() && hp.fieldValue.isEmpty())
        return fail(QStringLiteral("Field"), QStringLiteral("Field %1 was specified without a FieldValue").arg(goQuote(hp.field)));
    if (!hp.fieldValue.isEmpty() && hp.field.isEmpty())
        return fail(QStringLiteral("FieldValue"), QStringLiteral("FieldValue requires a Field to apply to"));
    if (hp.cookieConfig && hp.field != u"cookie")
        return fail(QStringLiteral("CookieConfig"), QStringLiteral("cookie_config provided for %1").arg(goQuote(hp.field)));
    if (hp.cookieConfig && hp.cookieConfig->session && hp.cookieConfig->ttl.count() != 0)
        return fail(QStringLiteral("CookieConfig.TTL"), QStringLiteral("a session cookie cannot have an associated TTL"));
}

void validateLoadBalancer(EntryReport &report, const LoadBalancer &lb)
{
    static const QStringList policies = {QString(), QStringLiteral("random"), QStringLiteral("round_robin"), QStringLiteral("least_request"),
                                         QStringLiteral("ring_hash"), QStringLiteral("maglev")};
    if (!policies.contains(lb.policy)) {
        report.error(codes::LoadBalancerInvalid, u"LoadBalancer.Policy",
                     QStringLiteral("Bad LoadBalancer policy: %1 is not supported").arg(goQuote(lb.policy)));
        return;
    }
    if (lb.hasRingHashConfig && lb.policy != u"ring_hash") {
        report.error(codes::LoadBalancerInvalid, u"LoadBalancer.RingHashConfig",
                     QStringLiteral("Bad LoadBalancer configuration. RingHashConfig specified for incompatible load balancing policy %1")
                         .arg(goQuote(lb.policy)));
        return;
    }
    if (lb.hasLeastRequestConfig && lb.policy != u"least_request") {
        report.error(codes::LoadBalancerInvalid, u"LoadBalancer.LeastRequestConfig",
                     QStringLiteral("Bad LoadBalancer configuration. LeastRequestConfig specified for incompatible load balancing policy %1")
                         .arg(goQuote(lb.policy)));
        return;
    }
    if (!lb.hashPolicies.isEmpty() && !lb.isHashBased()) {
        report.error(codes::LoadBalancerInvalid, u"LoadBalancer.HashPolicies",
                     QStringLiteral("Bad LoadBalancer configuration: HashPolicies specified for non-hash-based Policy: %1").arg(goQuote(lb.policy)));
        return;
    }
    for (qsizetype i = 0; i < lb.hashPolicies.size(); ++i)
        validateHashPolicy(report, i, lb.hashPolicies[i]);
}

} // namespace

void validateResolver(EntryReport &report, const ServiceResolver &r)
{
    validateCommon(report);
    if (!report.isKubernetes())
        validateMeta(report);
    validateSubsets(report, r);

    if (!r.defaultSubset.isEmpty() && !r.subsets.contains(r.defaultSubset))
        report.error(codes::DefaultSubsetUnknown, u"DefaultSubset",
                     QStringLiteral("DefaultSubset %1 is not a valid subset").arg(goQuote(r.defaultSubset)));

    if (report.isCe() && r.prioritizeByLocality && !r.prioritizeByLocality->mode.isEmpty()) {
        // The trailing space is part of Consul CE's message.
        report.error(codes::EnterprisePrioritizeByLocality, u"PrioritizeByLocality.Mode",
                     QStringLiteral("Prioritize-by-locality requires Consul Enterprise "));
    }

    if (r.redirect)
        validateRedirect(report, r);
    for (auto it = r.failover.cbegin(); it != r.failover.cend(); ++it)
        validateFailover(report, r, it.key(), it.value());

    if (r.connectTimeout.count() < 0)
        report.error(codes::TimeoutNegative, u"ConnectTimeout",
                     QStringLiteral("Bad ConnectTimeout '%1', must be >= 0").arg(goDuration(r.connectTimeout)));
    if (r.requestTimeout.count() < 0)
        report.error(codes::TimeoutNegative, u"RequestTimeout",
                     QStringLiteral("Bad RequestTimeout '%1', must be >= 0").arg(goDuration(r.requestTimeout)));

    if (r.loadBalancer)
        validateLoadBalancer(report, *r.loadBalancer);
}

} // namespace chainscope::config::detail
