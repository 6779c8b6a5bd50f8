#include "sim/addressing.h"

namespace chainscope::sim {

namespace {

bool isDefault(const QString &s)
{
    return s.isEmpty() || s == u"default";
}

} // namespace

QString virtualDnsName(const QString &service, const QString &namespace_, const QString &partition, const QString &peer,
                       config::Edition edition, const QString &domain)
{
    // Label order of Consul DNS: service → virtual → <ns>.ns → <ap>.ap → <peer>.peer → domain
    // (website/content/docs/services/discovery/dns-static-lookups.mdx).
    QString name = service + QStringLiteral(".virtual.");
    const bool scoped = edition == config::Edition::Enterprise && (!isDefault(namespace_) || !isDefault(partition));
    if (!scoped) {
        if (!peer.isEmpty())
            name += peer + QLatin1Char('.');
        return name + domain;
    }
    name += config::orDefault(namespace_) + QStringLiteral(".ns.") + config::orDefault(partition) + QStringLiteral(".ap.");
    if (!peer.isEmpty())
        name += peer + QStringLiteral(".peer.");
    return name + domain;
}

QString kubeDnsName(const QString &service, const QString &kubernetesNamespace)
{
    return service + QLatin1Char('.') + config::orDefault(kubernetesNamespace) + QStringLiteral(".svc.cluster.local");
}

QStringList chainAddresses(const chain::CompiledChain &chain, config::Edition edition)
{
    QStringList out;
    out.append(virtualDnsName(chain.serviceName, chain.namespace_, chain.partition, QString(), edition));
    // consul-k8s registers the Kubernetes ClusterIP as the `virtual` tagged address (runtime.md §7.3);
    // only reachable from the same partition, and only when a Kubernetes Service of that name exists.
    out.append(kubeDnsName(chain.serviceName, chain.namespace_));
    return out;
}

} // namespace chainscope::sim
