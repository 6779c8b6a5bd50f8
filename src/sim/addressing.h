// Which name the application should call for a chain (runtime.md §7).
#pragma once

#include "chain/compiledchain.h"
#include "config/entries.h"

#include <QString>
#include <QStringList>

namespace chainscope::sim {

/** The Consul DNS name of a service's virtual IP (runtime.md §7.2): `S.virtual.consul` in CE and for
 *  default namespace/partition; `S.virtual.NS.ns.AP.ap.consul` for other Enterprise namespaces or
 *  partitions; `S.virtual.PEER.consul` for a service imported from a cluster peer (Enterprise with a
 *  non-default namespace/partition: `S.virtual.NS.ns.AP.ap.PEER.peer.consul`). */
[[nodiscard]] QString virtualDnsName(const QString &service, const QString &namespace_, const QString &partition, const QString &peer,
                                     config::Edition edition, const QString &domain = QStringLiteral("consul"));

/** The KubeDNS name consul-k8s makes reachable: `S.<k8s-namespace>.svc.cluster.local`. */
[[nodiscard]] QString kubeDnsName(const QString &service, const QString &kubernetesNamespace);

/**
 * Names an application in transparent-proxy mode should call to use this chain (runtime.md §7.4): the
 * chain's own virtual DNS name and the KubeDNS form (the Kubernetes namespace taken to mirror the Consul
 * namespace, "default" otherwise). Never a failover or split target's name: calling those bypasses the
 * chain's routing and failover.
 */
[[nodiscard]] QStringList chainAddresses(const chain::CompiledChain &chain, config::Edition edition);

} // namespace chainscope::sim
