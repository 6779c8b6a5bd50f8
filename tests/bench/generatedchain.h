// The generated 200-node chain shared by the layout and health-toggle benchmarks.
#pragma once

#include "chain/compiledchain.h"

namespace chainscope::bench {

inline chain::ChainTarget makeTarget(const QString &service, const QString &subset, const QString &dc)
{
    chain::ChainTarget t;
    t.service = service;
    t.serviceSubset = subset;
    t.datacenter = dc;
    t.id = subset + u'.' + service + QStringLiteral(".default.default.") + dc;
    t.subset.filter = QStringLiteral("Service.Meta.version == ") + subset;
    return t;
}

/** router (16 routes + catch-all) → 16 splitters × 3 legs → 48 resolvers, each with a primary target and
 *  two failover targets: 209 nodes, 257 edges. */
inline chain::CompiledChain generatedChain()
{
    chain::CompiledChain c;
    c.serviceName = QStringLiteral("edge");
    chain::ChainNode router;
    router.type = chain::NodeType::Router;
    router.name = QStringLiteral("edge.default.default");
    for (int i = 0; i < 16; ++i) {
        const QString service = QStringLiteral("svc%1").arg(i);
        chain::ChainNode splitter;
        splitter.type = chain::NodeType::Splitter;
        splitter.name = service + QStringLiteral(".default.default");
        for (int j = 0; j < 3; ++j) {
            const QString subset = QStringLiteral("v%1").arg(j);
            const chain::ChainTarget primary = makeTarget(service, subset, QStringLiteral("dc1"));
            chain::ChainNode resolver;
            resolver.type = chain::NodeType::Resolver;
            resolver.name = primary.id;
            resolver.resolver = chain::ChainResolver{};
            resolver.resolver->target = primary.id;
            resolver.resolver->connectTimeout = std::chrono::seconds(5);
            resolver.resolver->failover = chain::ChainFailover{};
            c.targets.insert(primary.id, primary);
            for (const char *dc : {"dc2", "dc3"}) {
                const chain::ChainTarget f = makeTarget(service, subset, QString::fromLatin1(dc));
                c.targets.insert(f.id, f);
                resolver.resolver->failover->targets << f.id;
                resolver.resolver->failover->sources << chain::Provenance{};
            }
            c.nodes.insert(resolver.key(), resolver);
            chain::ChainSplit leg;
            leg.weight = j == 0 ? 80 : 10;
            leg.nextNode = resolver.key();
            splitter.splits << leg;
        }
        c.nodes.insert(splitter.key(), splitter);
        chain::ChainRoute route;
        route.definition.match = config::RouteMatch{config::HttpRouteMatch{}};
        route.definition.match->http->pathPrefix = u'/' + service;
        route.nextNode = splitter.key();
        router.routes << route;
    }
    chain::ChainRoute catchAll;
    catchAll.implicit = true;
    catchAll.nextNode = router.routes.first().nextNode;
    router.routes << catchAll;
    c.nodes.insert(router.key(), router);
    c.startNode = router.key();
    return c;
}

} // namespace chainscope::bench
