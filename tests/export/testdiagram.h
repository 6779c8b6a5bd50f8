// A hand-written scene that exercises every node and edge kind, laid out by the real layout module.
#pragma once

#include "export/diagram.h"
#include "layout/graphlayout.h"

#include <QDateTime>
#include <QTimeZone>

namespace chainscope::exporter::testing {

inline layout::Scene sampleScene()
{
    using namespace layout;
    Scene s;
    s.service = QStringLiteral("web");
    const QString router = QStringLiteral("router:web.default.default");
    const QString splitter = QStringLiteral("splitter:web.default.default");
    const QString resolverV1 = QStringLiteral("resolver:v1.web.default.default.dc1");
    const QString resolverV2 = QStringLiteral("resolver:v2.web.default.default.dc1");
    const QString v1 = QStringLiteral("target:v1.web.default.default.dc1");
    const QString v1dc3 = QStringLiteral("target:v1.web.default.default.dc3");
    const QString v1peer = QStringLiteral("target:web.default.default.external.peer-01");
    const QString v2 = QStringLiteral("target:v2.web.default.default.dc1");
    s.nodes = {
        {router, NodeKind::Router, QStringLiteral("web"), QStringLiteral("service-router"),
         {{QStringLiteral("PathPrefix /v2"), QStringLiteral("GET POST"), {}},
          {QStringLiteral("Header x-canary = \"true\""), QStringLiteral("<a&b>"), {}},
          {QStringLiteral("PathPrefix / (default)"), QString(), {}}},
         QStringLiteral("service-router/web, mesh/web/router.hcl:1"), {}},
        {splitter, NodeKind::Splitter, QStringLiteral("web"), QStringLiteral("service-splitter"),
         {{QStringLiteral("90% → v1"), QString(), {}}, {QStringLiteral("10% → v2"), QString(), {}}}, QString(), {}},
        {resolverV1, NodeKind::Resolver, QStringLiteral("v1.web"), QStringLiteral("service-resolver · dc1"),
         {{QStringLiteral("filter"), QStringLiteral("Service.Meta.version == v1"), {}}, {QStringLiteral("connect timeout"), QStringLiteral("15s"), {}}},
         QString(), {}},
        {resolverV2, NodeKind::Resolver, QStringLiteral("v2.web"), QStringLiteral("service-resolver · dc1"), {}, QString(), {}},
        {v1, NodeKind::Target, QStringLiteral("v1.web"), QStringLiteral("target · dc1"), {}, QString(), {}},
        {v1dc3, NodeKind::Target, QStringLiteral("v1.web"), QStringLiteral("target · dc3"), {}, QString(), {}},
        {v1peer, NodeKind::Target, QStringLiteral("web"), QStringLiteral("target · peer peer-01"), {}, QString(), {}},
        {v2, NodeKind::Target, QStringLiteral("v2.web"), QStringLiteral("target · dc1"), {}, QString(), {}},
    };
    s.edges = {
        {router + QStringLiteral("#0->") + resolverV2, router, 0, resolverV2, EdgeKind::Route, 0, QString(), QString(), {}},
        {router + QStringLiteral("#1->") + resolverV2, router, 1, resolverV2, EdgeKind::Route, 0, QString(), QString(), {}},
        {router + QStringLiteral("#2->") + splitter, router, 2, splitter, EdgeKind::Route, 0, QString(), QString(), {}},
        {splitter + QStringLiteral("#0->") + resolverV1, splitter, 0, resolverV1, EdgeKind::Split, 0, QStringLiteral("90%"), QString(), {}},
        {splitter + QStringLiteral("#1->") + resolverV2, splitter, 1, resolverV2, EdgeKind::Split, 0, QStringLiteral("10%"), QString(), {}},
        {resolverV1 + QStringLiteral("->") + v1, resolverV1, -1, v1, EdgeKind::Resolve, 0, QString(), QString(), {}},
        {resolverV1 + QStringLiteral("->") + v1dc3 + QStringLiteral("#failover1"), resolverV1, -1, v1dc3, EdgeKind::Failover, 1,
         QStringLiteral("1st failover"), QString(), {}},
        {resolverV1 + QStringLiteral("->") + v1peer + QStringLiteral("#failover2"), resolverV1, -1, v1peer, EdgeKind::Failover, 2,
         QStringLiteral("2nd failover"), QString(), {}},
        {resolverV2 + QStringLiteral("->") + v2, resolverV2, -1, v2, EdgeKind::Resolve, 0, QString(), QString(), {}},
    };
    return s;
}

/** The overlay of "dc1's v1 is down, traffic fails over to dc3; the source may not reach v2". */
inline layout::SceneOverlay sampleOverlay(const layout::Scene &scene)
{
    using namespace layout;
    SceneOverlay o;
    o.nodes.resize(scene.nodes.size());
    o.edges.resize(scene.edges.size());
    for (NodeOverlay &n : o.nodes)
        n.traffic = 0.0;
    for (EdgeOverlay &e : o.edges)
        e.traffic = 0.0;
    o.nodes[0].traffic = 1.0;
    o.nodes[4] = {NodeState::Dead, 0.0, false, false, QStringLiteral("no healthy instance"), QStringLiteral("0/3 healthy")};
    o.nodes[5] = {NodeState::Active, 0.9, true, false, QString(), QStringLiteral("1/2 healthy")};
    o.nodes[6] = {NodeState::Standby, 0.0, false, false, QString(), QStringLiteral("2/2 healthy")};
    o.nodes[7] = {NodeState::Active, 0.1, false, true, QStringLiteral("service-intentions/web: * → deny"), QStringLiteral("1/1 healthy")};
    o.edges[2].traffic = 1.0;
    o.edges[3].traffic = 0.9;
    o.edges[4] = {0.1, false, true, QStringLiteral("service-intentions/web: * → deny")};
    o.edges[6] = {0.9, true, false, QString()};
    o.edges[8] = {0.1, false, true, QStringLiteral("service-intentions/web: * → deny")};
    return o;
}

/** The sample scene laid out by Graphviz (through layout::layoutScene), with title-block facts. */
inline Diagram sampleDiagram(bool withOverlay = false)
{
    Diagram d;
    d.scene = sampleScene();
    Result<layout::Geometry> geometry = layout::layoutScene(d.scene);
    if (geometry)
        d.geometry = *geometry;
    if (withOverlay)
        d.overlay = sampleOverlay(d.scene);
    d.info.service = QStringLiteral("web");
    d.info.datacenter = QStringLiteral("dc1");
    d.info.sources = {QStringLiteral("resources/demo/mesh")};
    d.info.timestamp = QDateTime(QDate(2024, 5, 1), QTime(12, 30), QTimeZone::utc());
    if (withOverlay)
        d.info.scenario = QStringLiteral("down: web-v1-a, web-v1-b, web-v1-c; source: frontend");
    return d;
}

} // namespace chainscope::exporter::testing
