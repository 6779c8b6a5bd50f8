// Compiled chain → scene (+ overlay) → Graphviz geometry, and the service lists exports iterate over.
#include "export/chaindiagram.h"

#include "layout/graphlayout.h"
#include "layout/scenebuilder.h"
#include "sim/intentions.h"

#include <QSet>

#include <algorithm>

namespace chainscope::exporter {

QList<ServiceRef> chainServices(const QList<config::Entry> &entries)
{
    QList<ServiceRef> out;
    for (const config::Entry &e : entries) {
        if (e.kind == config::EntryKind::ProxyDefaults || e.name.isEmpty() || e.name == u"*")
            continue;
        const ServiceRef ref{e.name, e.namespace_ == u"default" ? QString() : e.namespace_,
                             e.partition == u"default" ? QString() : e.partition};
        if (!out.contains(ref))
            out.append(ref);
    }
    std::sort(out.begin(), out.end());
    return out;
}

QStringList intentionSources(const QList<config::Entry> &entries)
{
    QStringList out;
    for (const config::Entry &e : entries) {
        const auto *intentions = e.as<config::ServiceIntentions>();
        if (!intentions)
            continue;
        for (const config::SourceIntention &source : intentions->sources) {
            // Peers and sameness groups are sources from elsewhere; the report asks about local services.
            if (source.name.isEmpty() || source.name == u"*" || !source.peer.isEmpty() || !source.samenessGroup.isEmpty())
                continue;
            if (!out.contains(source.name))
                out.append(source.name);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

QString pictureFileName(const ServiceRef &service, Format format)
{
    QString base = service.name;
    if (!service.namespace_.isEmpty() && service.namespace_ != u"default")
        base += u'.' + service.namespace_;
    if (!service.partition.isEmpty() && service.partition != u"default")
        base += u'.' + service.partition;
    for (QChar &c : base) {
        if (!(c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.'))
            c = u'_';
    }
    if (base.startsWith(u'.'))
        base.prepend(u'_');
    return base + u'.' + formatName(format);
}

QString targetLabel(const chain::ChainTarget &target, const QString &chainDatacenter)
{
    QString label = target.serviceSubset.isEmpty() ? target.service : target.serviceSubset + u'.' + target.service;
    if (!target.peer.isEmpty())
        label += QStringLiteral(" on peer ") + target.peer;
    else if (!target.datacenter.isEmpty() && target.datacenter != chainDatacenter)
        label += QStringLiteral(" in ") + target.datacenter;
    return label;
}

QString targetLocation(const chain::ChainTarget &target)
{
    QStringList parts;
    if (!target.partition.isEmpty() && target.partition != u"default")
        parts << QStringLiteral("partition ") + target.partition;
    if (!target.namespace_.isEmpty() && target.namespace_ != u"default")
        parts << QStringLiteral("namespace ") + target.namespace_;
    parts << (target.peer.isEmpty() ? target.datacenter : QStringLiteral("peer ") + target.peer);
    return parts.join(QStringLiteral(" · "));
}

QList<ReportTarget> failoverTable(const chain::CompiledChain &chain)
{
    QList<ReportTarget> rows;
    const auto row = [&](const QString &resolver, int level, const QString &id) {
        ReportTarget t;
        t.resolver = resolver;
        t.level = level;
        t.id = id;
        if (const chain::ChainTarget *target = chain.target(id)) {
            t.service = target->service;
            t.subset = target->serviceSubset;
            t.location = targetLocation(*target);
        }
        rows.append(t);
    };
    for (const chain::ChainNode &node : chain.nodes) {
        if (node.type != chain::NodeType::Resolver || !node.resolver)
            continue;
        const chain::ChainTarget *primary = chain.target(node.resolver->target);
        const QString resolver = primary ? targetLabel(*primary, chain.datacenter) : node.name;
        row(resolver, 0, node.resolver->target);
        if (node.resolver->failover) {
            int level = 0;
            for (const QString &id : node.resolver->failover->targets)
                row(resolver, ++level, id);
        }
    }
    return rows;
}

void fillAccess(QList<ReportTarget> &table, const chain::CompiledChain &chain, const QList<config::Entry> &entries, const QStringList &sources,
                bool defaultAllow)
{
    for (ReportTarget &row : table) {
        row.access.clear();
        const chain::ChainTarget *target = chain.target(row.id);
        for (const QString &source : sources) {
            ReportAccess access;
            access.source = source;
            if (!target) {
                access.known = false;
            } else if (!target->peer.isEmpty()) {
                access.known = false;
                access.deciding = QStringLiteral("the intentions of peer ") + target->peer + QStringLiteral(" on ") + target->service;
            } else {
                sim::IntentionSource src;
                src.name = source;
                sim::IntentionDestination dst;
                dst.name = target->service;
                dst.namespace_ = target->namespace_;
                dst.partition = target->partition;
                dst.protocol = chain.protocol.isEmpty() ? QStringLiteral("tcp") : chain.protocol;
                const sim::IntentionDecision decision = sim::decideIntention(entries, src, dst, nullptr, defaultAllow);
                access.allowed = decision.allowed;
                access.dependsOnRequest = decision.l7;
                access.deciding = decision.description;
                if (access.deciding.isEmpty() && decision.byDefault)
                    access.deciding = defaultAllow ? QStringLiteral("default allow") : QStringLiteral("default deny");
            }
            row.access.append(access);
        }
    }
}

Result<Diagram> diagramForChain(const chain::CompiledChain &chain, const QList<config::Entry> &entries, const DiagramInfo &info,
                                const std::optional<sim::SimulationResult> &simulation, layout::ColorScheme scheme)
{
    Result<Diagram> result;
    Diagram d;
    d.scene = layout::buildScene(chain, entries);
    if (simulation)
        d.overlay = layout::buildOverlay(d.scene, *simulation);
    Result<layout::Geometry> geometry = layout::layoutScene(d.scene);
    result.diagnostics = geometry.diagnostics;
    if (!geometry)
        return result;
    d.geometry = *geometry;
    d.info = info;
    if (d.info.service.isEmpty())
        d.info.service = chain.serviceName;
    if (d.info.datacenter.isEmpty())
        d.info.datacenter = chain.datacenter;
    if (d.info.namespace_.isEmpty())
        d.info.namespace_ = chain.namespace_;
    d.scheme = scheme;
    result.value = std::move(d);
    return result;
}

} // namespace chainscope::exporter
