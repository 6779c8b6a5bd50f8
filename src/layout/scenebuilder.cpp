// CompiledChain → Scene, simulation result → overlay.
#include "layout/scenebuilder.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

#include <chrono>

namespace chainscope::layout {

namespace {

using chain::ChainNode;
using chain::ChainTarget;
using chain::Hop;
using chain::NodeType;
using chain::Provenance;

QString targetKey(const QString &id)
{
    return QStringLiteral("target:") + id;
}

QString duration(config::Duration d)
{
    using namespace std::chrono;
    const auto ms = duration_cast<milliseconds>(d).count();
    if (ms % 1000 == 0)
        return QString::number(ms / 1000) + u's';
    return QString::number(ms) + QStringLiteral("ms");
}

QString percent(double weight)
{
    QString s = QString::number(weight, 'f', 2);
    while (s.contains(u'.') && (s.endsWith(u'0') || s.endsWith(u'.')))
        s.chop(1);
    return s + u'%';
}

/** "dir/file.hcl:12" — enough of the path to find the file, short enough for a tooltip. */
QString shortLocation(const SourceSpan &span)
{
    if (span.file.isEmpty())
        return QString();
    const QFileInfo info(span.file);
    QString shown = info.dir().dirName() + u'/' + info.fileName();
    if (span.begin.isValid())
        shown += u':' + QString::number(span.begin.line);
    return shown;
}

QString provenanceText(const Provenance &p)
{
    if (!p.hasEntry())
        return QStringLiteral("implicit (no config entry)");
    QString text = config::kindName(p.kind) + u'/' + p.entryName;
    if (!p.field.isEmpty())
        text += u' ' + p.field;
    const QString where = shortLocation(p.fieldSpan.isValid() ? p.fieldSpan : p.entrySpan);
    if (!where.isEmpty())
        text += QStringLiteral(", ") + where;
    return text;
}

/** "web" from "web.default.default"; namespace/partition shown when not default. */
QString serviceTitle(const QString &dottedName)
{
    const QStringList parts = dottedName.split(u'.');
    if (parts.size() >= 3 && parts.at(1) == u"default" && parts.at(2) == u"default")
        return parts.first();
    if (parts.size() >= 3)
        return parts.first() + QStringLiteral(" (") + parts.at(1) + u'/' + parts.at(2) + u')';
    return dottedName;
}

QString targetTitle(const ChainTarget &t)
{
    return t.serviceSubset.isEmpty() ? t.service : t.serviceSubset + u'.' + t.service;
}

QString targetWhere(const ChainTarget &t)
{
    return t.peer.isEmpty() ? t.datacenter : QStringLiteral("peer ") + t.peer;
}

QString routeText(const chain::ChainRoute &r)
{
    if (r.implicit)
        return QStringLiteral("default route");
    if (!r.definition.match || !r.definition.match->http)
        return QStringLiteral("any request");
    const config::HttpRouteMatch &m = *r.definition.match->http;
    QString text;
    if (!m.pathExact.isEmpty())
        text = QStringLiteral("path = ") + m.pathExact;
    else if (!m.pathPrefix.isEmpty())
        text = QStringLiteral("path ") + m.pathPrefix + u'*';
    else if (!m.pathRegex.isEmpty())
        text = QStringLiteral("path ~ ") + m.pathRegex;
    else
        text = QStringLiteral("any path");
    if (m.caseInsensitive)
        text += QStringLiteral(" (i)");
    if (r.definition.destination && !r.definition.destination->prefixRewrite.isEmpty())
        text += QStringLiteral(" ⇒ ") + r.definition.destination->prefixRewrite;
    return text;
}

QString headerText(const config::HeaderMatch &h)
{
    QString op;
    QString value;
    if (h.present) {
        op = QStringLiteral(" present");
    } else if (!h.exact.isEmpty()) {
        op = QStringLiteral(": ");
        value = h.exact;
    } else if (!h.prefix.isEmpty()) {
        op = QStringLiteral(": ");
        value = h.prefix + u'*';
    } else if (!h.suffix.isEmpty()) {
        op = QStringLiteral(": *");
        value = h.suffix;
    } else if (!h.regex.isEmpty()) {
        op = QStringLiteral(" ~ ");
        value = h.regex;
    }
    return (h.invert ? QStringLiteral("!") : QString()) + h.name + op + value;
}

QString routeDetail(const chain::ChainRoute &r)
{
    if (r.implicit)
        return QStringLiteral("catch-all");
    QStringList parts;
    if (r.definition.match && r.definition.match->http) {
        const config::HttpRouteMatch &m = *r.definition.match->http;
        if (!m.methods.isEmpty())
            parts << m.methods.join(u' ');
        for (const config::HeaderMatch &h : m.header)
            parts << headerText(h);
        for (const config::QueryParamMatch &q : m.queryParam)
            parts << u'?' + q.name + (q.present ? QString() : (!q.exact.isEmpty() ? QString(u'=' + q.exact) : QString(u'~' + q.regex)));
    }
    return parts.join(QStringLiteral("  "));
}

QString splitDetail(const chain::ChainSplit &s)
{
    QStringList parts;
    for (auto it = s.definition.requestHeaders.set.cbegin(); it != s.definition.requestHeaders.set.cend(); ++it)
        parts << QStringLiteral("req ") + it.key();
    for (auto it = s.definition.requestHeaders.add.cbegin(); it != s.definition.requestHeaders.add.cend(); ++it)
        parts << QStringLiteral("req +") + it.key();
    for (auto it = s.definition.responseHeaders.set.cbegin(); it != s.definition.responseHeaders.set.cend(); ++it)
        parts << QStringLiteral("resp ") + it.key();
    for (auto it = s.definition.responseHeaders.add.cbegin(); it != s.definition.responseHeaders.add.cend(); ++it)
        parts << QStringLiteral("resp +") + it.key();
    return parts.join(QStringLiteral("  "));
}

SourceSpan spanOf(const Provenance &p)
{
    return p.fieldSpan.isValid() ? p.fieldSpan : p.entrySpan;
}

const config::Entry *findEntry(const QList<config::Entry> &entries, const Provenance &p)
{
    if (!p.hasEntry())
        return nullptr;
    for (const config::Entry &e : entries) {
        if (e.kind == p.kind && e.name == p.entryName && config::orDefault(e.namespace_) == config::orDefault(p.namespace_)
            && config::orDefault(e.partition) == config::orDefault(p.partition))
            return &e;
    }
    return nullptr;
}

QString nodeTitleOf(const chain::CompiledChain &chain, const QString &key)
{
    const ChainNode *n = chain.node(key);
    if (!n)
        return key;
    if (n->type == NodeType::Resolver) {
        if (const ChainTarget *t = chain.target(n->resolver ? n->resolver->target : n->name))
            return targetTitle(*t);
    }
    return serviceTitle(n->name);
}

} // namespace

QString ordinal(int n)
{
    const int lastTwo = n % 100;
    const int last = n % 10;
    QString suffix = QStringLiteral("th");
    if (lastTwo < 11 || lastTwo > 13) {
        if (last == 1)
            suffix = QStringLiteral("st");
        else if (last == 2)
            suffix = QStringLiteral("nd");
        else if (last == 3)
            suffix = QStringLiteral("rd");
    }
    return QString::number(n) + suffix;
}

Scene buildScene(const chain::CompiledChain &chain, const QList<config::Entry> &entries)
{
    Scene scene;
    scene.service = chain.serviceName;

    // Chain nodes in walk order from the start node (routes, then legs, in their order), then any the
    // walk did not reach (there should be none after Consul's pruning), so the order is deterministic.
    QStringList order;
    QSet<QString> seen;
    QList<QString> queue;
    if (chain.nodes.contains(chain.startNode))
        queue << chain.startNode;
    while (!queue.isEmpty()) {
        const QString key = queue.takeFirst();
        if (seen.contains(key))
            continue;
        seen.insert(key);
        order << key;
        const ChainNode *n = chain.node(key);
        for (const chain::ChainRoute &r : n->routes)
            queue << r.nextNode;
        for (const chain::ChainSplit &s : n->splits)
            queue << s.nextNode;
    }
    for (auto it = chain.nodes.cbegin(); it != chain.nodes.cend(); ++it) {
        if (!seen.contains(it.key()))
            order << it.key();
    }

    QStringList targetOrder;
    for (const QString &key : std::as_const(order)) {
        const ChainNode &n = chain.nodes[key];
        SceneNode sn;
        sn.key = key;
        sn.provenance = provenanceText(n.source);
        sn.source = n.source.entrySpan;
        switch (n.type) {
        case NodeType::Router:
            sn.kind = NodeKind::Router;
            sn.title = serviceTitle(n.name);
            sn.subtitle = QStringLiteral("service-router · %1 routes").arg(n.routes.size());
            for (qsizetype i = 0; i < n.routes.size(); ++i) {
                const chain::ChainRoute &r = n.routes.at(i);
                sn.rows.append(SceneRow{routeText(r), routeDetail(r), spanOf(r.source)});
                SceneEdge e;
                e.from = key;
                e.fromRow = static_cast<int>(i);
                e.to = r.nextNode;
                e.kind = EdgeKind::Route;
                e.key = key + u'#' + QString::number(i) + QStringLiteral("->") + r.nextNode;
                e.provenance = provenanceText(r.source);
                e.source = spanOf(r.source);
                scene.edges.append(e);
            }
            break;
        case NodeType::Splitter:
            sn.kind = NodeKind::Splitter;
            sn.title = serviceTitle(n.name);
            sn.subtitle = QStringLiteral("service-splitter");
            for (qsizetype i = 0; i < n.splits.size(); ++i) {
                const chain::ChainSplit &s = n.splits.at(i);
                sn.rows.append(SceneRow{percent(s.weight) + QStringLiteral("  → ") + nodeTitleOf(chain, s.nextNode), splitDetail(s), spanOf(s.source)});
                SceneEdge e;
                e.from = key;
                e.fromRow = static_cast<int>(i);
                e.to = s.nextNode;
                e.kind = EdgeKind::Split;
                e.label = percent(s.weight);
                e.key = key + u'#' + QString::number(i) + QStringLiteral("->") + s.nextNode;
                e.provenance = provenanceText(s.source);
                e.source = spanOf(s.source);
                scene.edges.append(e);
            }
            break;
        case NodeType::Resolver: {
            sn.kind = NodeKind::Resolver;
            const chain::ChainResolver r = n.resolver.value_or(chain::ChainResolver{});
            const ChainTarget *primary = chain.target(r.target);
            sn.title = primary ? targetTitle(*primary) : n.name;
            sn.subtitle = QStringLiteral("service-resolver") + (primary ? QStringLiteral(" · ") + targetWhere(*primary) : QString())
                + (r.isDefault ? QStringLiteral(" · default") : QString());
            if (const config::Entry *entry = findEntry(entries, n.source)) {
                if (const auto *body = entry->as<config::ServiceResolver>()) {
                    for (auto it = body->subsets.cbegin(); it != body->subsets.cend(); ++it) {
                        QString detail = it->filter;
                        if (it->onlyPassing)
                            detail += detail.isEmpty() ? QStringLiteral("only passing") : QStringLiteral("  · only passing");
                        sn.rows.append(SceneRow{QStringLiteral("subset ") + it.key(), detail, it->span});
                    }
                    if (!body->defaultSubset.isEmpty())
                        sn.rows.append(SceneRow{QStringLiteral("default subset ") + body->defaultSubset, QString(), entry->spanOf(u"DefaultSubset")});
                }
            }
            sn.rows.append(SceneRow{QStringLiteral("connect timeout ") + duration(r.connectTimeout), QString(), {}});
            if (r.requestTimeout.count() > 0)
                sn.rows.append(SceneRow{QStringLiteral("request timeout ") + duration(r.requestTimeout), QString(), {}});
            if (n.loadBalancer && !n.loadBalancer->policy.isEmpty()) {
                QStringList hashes;
                for (const config::HashPolicy &h : n.loadBalancer->hashPolicies)
                    hashes << (h.sourceIP ? QStringLiteral("source IP") : h.field + u' ' + h.fieldValue);
                sn.rows.append(SceneRow{QStringLiteral("LB ") + n.loadBalancer->policy, hashes.join(QStringLiteral(", ")), n.loadBalancer->span});
            }
            if (r.failover && r.failover->policy && !r.failover->policy->mode.isEmpty())
                sn.rows.append(SceneRow{QStringLiteral("failover policy ") + r.failover->policy->mode, r.failover->policy->regions.join(u' '), {}});

            // The primary target, reached directly or through a redirect.
            if (primary) {
                SceneEdge e;
                e.from = key;
                e.to = targetKey(primary->id);
                e.kind = EdgeKind::Resolve;
                for (const QList<Hop> &path : primary->paths) {
                    for (const Hop &h : path) {
                        if (h.kind == Hop::Kind::Redirect) {
                            e.kind = EdgeKind::Redirect;
                            e.label = QStringLiteral("redirect");
                            e.provenance = provenanceText(h.via);
                            e.source = spanOf(h.via);
                        }
                    }
                }
                if (e.provenance.isEmpty())
                    e.provenance = provenanceText(primary->source);
                e.key = key + QStringLiteral("->") + e.to + u'#' + edgeKindName(e.kind);
                scene.edges.append(e);
                if (!targetOrder.contains(primary->id))
                    targetOrder << primary->id;
            }
            if (r.failover) {
                for (qsizetype i = 0; i < r.failover->targets.size(); ++i) {
                    const QString &id = r.failover->targets.at(i);
                    SceneEdge e;
                    e.from = key;
                    e.to = targetKey(id);
                    e.kind = EdgeKind::Failover;
                    e.order = static_cast<int>(i) + 1;
                    e.label = ordinal(e.order) + QStringLiteral(" failover");
                    const Provenance via = r.failover->sources.value(i);
                    e.provenance = provenanceText(via);
                    e.source = spanOf(via);
                    e.key = key + QStringLiteral("->") + e.to + QStringLiteral("#failover") + QString::number(e.order);
                    scene.edges.append(e);
                    if (!targetOrder.contains(id))
                        targetOrder << id;
                }
            }
            break;
        }
        }
        scene.nodes.append(sn);
    }

    for (const QString &id : std::as_const(targetOrder)) {
        const ChainTarget *t = chain.target(id);
        SceneNode sn;
        sn.key = targetKey(id);
        sn.kind = NodeKind::Target;
        if (!t) {
            sn.title = id;
            sn.subtitle = QStringLiteral("target");
            scene.nodes.append(sn);
            continue;
        }
        sn.title = targetTitle(*t);
        sn.subtitle = QStringLiteral("target · ") + targetWhere(*t);
        sn.provenance = provenanceText(t->source);
        sn.source = t->source.entrySpan;
        sn.rows.append(SceneRow{QStringLiteral("service ") + t->service,
                                config::orDefault(t->namespace_) + u'/' + config::orDefault(t->partition), {}});
        if (!t->serviceSubset.isEmpty()) {
            QString detail = t->subset.filter;
            if (t->subset.onlyPassing)
                detail += detail.isEmpty() ? QStringLiteral("only passing") : QStringLiteral("  · only passing");
            sn.rows.append(SceneRow{QStringLiteral("subset ") + t->serviceSubset, detail, {}});
        }
        if (t->peer.isEmpty())
            sn.rows.append(SceneRow{QStringLiteral("datacenter ") + t->datacenter,
                                    t->meshGateway.mode.isEmpty() ? QString() : QStringLiteral("gateway ") + t->meshGateway.mode, {}});
        else
            sn.rows.append(SceneRow{QStringLiteral("peer ") + t->peer,
                                    t->locality ? t->locality->region : QString(), {}});
        scene.nodes.append(sn);
    }
    return scene;
}

SceneOverlay buildOverlay(const Scene &scene, const sim::SimulationResult &result)
{
    SceneOverlay overlay;
    overlay.nodes.resize(scene.nodes.size());
    overlay.edges.resize(scene.edges.size());

    QHash<QString, const sim::TargetOutcome *> outcomes;
    for (const sim::TargetOutcome &t : result.targets)
        outcomes.insert(targetKey(t.id), &t);
    QHash<QString, double> splitShares;
    for (const sim::SplitShare &s : result.splits)
        splitShares.insert(s.node + u'#' + QString::number(s.index), s.share);
    QHash<int, double> routeShares;
    for (const sim::RouteShare &r : result.routes)
        routeShares.insert(r.index, r.share);

    // Incoming traffic per node, accumulated along edges in scene order (which follows the chain walk).
    QHash<QString, double> nodeTraffic;
    if (!scene.nodes.isEmpty())
        nodeTraffic.insert(scene.nodes.first().key, 1.0 - std::clamp(result.failed, 0.0, 1.0));
    for (qsizetype i = 0; i < scene.edges.size(); ++i) {
        const SceneEdge &e = scene.edges.at(i);
        EdgeOverlay &o = overlay.edges[i];
        switch (e.kind) {
        case EdgeKind::Route:
            o.traffic = routeShares.value(e.fromRow, 0.0);
            break;
        case EdgeKind::Split:
            o.traffic = splitShares.value(e.from + u'#' + QString::number(e.fromRow), 0.0);
            break;
        case EdgeKind::Resolve:
        case EdgeKind::Redirect:
        case EdgeKind::Failover: {
            const sim::TargetOutcome *t = outcomes.value(e.to);
            const double upstream = nodeTraffic.value(e.from, 0.0);
            o.traffic = t ? std::min(t->share, upstream) : 0.0;
            if (t && !t->allowed) {
                o.denied = true;
                o.note = t->decidingIntention;
            }
            o.emphasised = e.kind == EdgeKind::Failover && t && t->share > 0.0;
            break;
        }
        }
        if (e.kind == EdgeKind::Route || e.kind == EdgeKind::Split)
            nodeTraffic[e.to] += o.traffic;
    }

    for (qsizetype i = 0; i < scene.nodes.size(); ++i) {
        const SceneNode &n = scene.nodes.at(i);
        NodeOverlay &o = overlay.nodes[i];
        if (n.kind == NodeKind::Target) {
            const sim::TargetOutcome *t = outcomes.value(n.key);
            if (!t)
                continue;
            o.traffic = t->share;
            o.state = t->state == sim::TargetState::Active ? NodeState::Active
                : t->state == sim::TargetState::Dead   ? NodeState::Dead
                                                       : NodeState::Standby;
            o.emphasised = t->level > 0 && t->share > 0.0;
            o.denied = !t->allowed;
            QStringList notes;
            if (!t->explanation.isEmpty())
                notes << t->explanation;
            if (!t->allowed && !t->decidingIntention.isEmpty())
                notes << QStringLiteral("denied: ") + t->decidingIntention;
            o.note = notes.join(u'\n');
            o.healthText = QStringLiteral("%1/%2 healthy").arg(t->healthyInstances).arg(t->totalInstances);
            continue;
        }
        o.traffic = nodeTraffic.value(n.key, 0.0);
        if (n.kind == NodeKind::Resolver) {
            // A resolver is as alive as its targets: active if one serves, dead if all are dead.
            bool anyActive = false;
            bool allDead = true;
            bool any = false;
            bool denied = false;
            for (const SceneEdge &e : scene.edges) {
                if (e.from != n.key)
                    continue;
                const sim::TargetOutcome *t = outcomes.value(e.to);
                if (!t)
                    continue;
                any = true;
                anyActive = anyActive || t->state == sim::TargetState::Active;
                allDead = allDead && t->state == sim::TargetState::Dead;
                denied = denied || (!t->allowed && t->share > 0.0);
            }
            if (any)
                o.state = anyActive ? NodeState::Active : (allDead ? NodeState::Dead : NodeState::Standby);
            o.denied = denied;
        } else {
            o.state = o.traffic > 0.0 ? NodeState::Active : NodeState::Standby;
        }
    }
    return overlay;
}

} // namespace chainscope::layout
