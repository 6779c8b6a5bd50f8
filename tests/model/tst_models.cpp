// The scene builder and the graph models over a hand-built chain: every model under
// QAbstractItemModelTester, and a health change arriving as dataChanged on the affected rows and roles only.
#include "diagnosticsmodel.h"
#include "edgemodel.h"
#include "instancesmodel.h"
#include "nodemodel.h"
#include "servicelistmodel.h"
#include "simulationcontroller.h"

#include "layout/graphlayout.h"
#include "layout/scenebuilder.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace chainscope;
using namespace chainscope::layout;
using namespace chainscope::model;

namespace {

chain::Provenance prov(config::EntryKind kind, const QString &name, const QString &field, int line)
{
    chain::Provenance p;
    p.kind = kind;
    p.entryName = name;
    p.field = field;
    p.entrySpan = SourceSpan{QStringLiteral("/mesh/web/web.hcl"), SourcePos{1, 1, 0}, SourcePos{40, 1, -1}};
    p.fieldSpan = SourceSpan{QStringLiteral("/mesh/web/web.hcl"), SourcePos{line, 3, -1}, SourcePos{line + 2, 1, -1}};
    return p;
}

chain::ChainTarget target(const QString &subset, const QString &dc)
{
    chain::ChainTarget t;
    t.service = QStringLiteral("web");
    t.serviceSubset = subset;
    t.namespace_ = QStringLiteral("default");
    t.partition = QStringLiteral("default");
    t.datacenter = dc;
    t.id = (subset.isEmpty() ? QString() : subset + u'.') + QStringLiteral("web.default.default.") + dc;
    t.subset.filter = QStringLiteral("Service.Meta.version == ") + subset;
    t.source = prov(config::EntryKind::ServiceResolver, QStringLiteral("web"), QString(), 1);
    return t;
}

/** router web: /admin → v2, catch-all → splitter (90 v1 / 10 v2); v1 fails over to dc2. */
chain::CompiledChain webChain()
{
    chain::CompiledChain c;
    c.serviceName = QStringLiteral("web");
    c.protocol = QStringLiteral("http");
    const chain::ChainTarget v1 = target(QStringLiteral("v1"), QStringLiteral("dc1"));
    const chain::ChainTarget v2 = target(QStringLiteral("v2"), QStringLiteral("dc1"));
    const chain::ChainTarget v1dc2 = target(QStringLiteral("v1"), QStringLiteral("dc2"));
    for (const auto &t : {v1, v2, v1dc2})
        c.targets.insert(t.id, t);

    chain::ChainNode router;
    router.type = chain::NodeType::Router;
    router.name = QStringLiteral("web.default.default");
    router.source = prov(config::EntryKind::ServiceRouter, QStringLiteral("web"), QString(), 1);
    chain::ChainRoute admin;
    admin.definition.match = config::RouteMatch{config::HttpRouteMatch{}};
    admin.definition.match->http->pathPrefix = QStringLiteral("/admin");
    admin.definition.match->http->methods = {QStringLiteral("GET")};
    admin.nextNode = QStringLiteral("resolver:") + v2.id;
    admin.source = prov(config::EntryKind::ServiceRouter, QStringLiteral("web"), QStringLiteral("Routes[0]"), 5);
    chain::ChainRoute catchAll;
    catchAll.implicit = true;
    catchAll.nextNode = QStringLiteral("splitter:web.default.default");
    catchAll.source.synthesized = true;
    router.routes = {admin, catchAll};

    chain::ChainNode splitter;
    splitter.type = chain::NodeType::Splitter;
    splitter.name = QStringLiteral("web.default.default");
    splitter.source = prov(config::EntryKind::ServiceSplitter, QStringLiteral("web"), QString(), 1);
    chain::ChainSplit s1;
    s1.weight = 90;
    s1.nextNode = QStringLiteral("resolver:") + v1.id;
    s1.source = prov(config::EntryKind::ServiceSplitter, QStringLiteral("web"), QStringLiteral("Splits[0]"), 3);
    chain::ChainSplit s2 = s1;
    s2.weight = 10;
    s2.nextNode = QStringLiteral("resolver:") + v2.id;
    s2.source.field = QStringLiteral("Splits[1]");
    splitter.splits = {s1, s2};

    const auto resolver = [](const chain::ChainTarget &t) {
        chain::ChainNode n;
        n.type = chain::NodeType::Resolver;
        n.name = t.id;
        n.resolver = chain::ChainResolver{};
        n.resolver->target = t.id;
        n.resolver->connectTimeout = std::chrono::seconds(5);
        n.source = t.source;
        return n;
    };
    chain::ChainNode r1 = resolver(v1);
    r1.resolver->failover = chain::ChainFailover{{v1dc2.id}, std::nullopt,
                                                 {prov(config::EntryKind::ServiceResolver, QStringLiteral("web"), QStringLiteral("Failover[\"*\"].Datacenters[0]"), 20)}};
    const chain::ChainNode r2 = resolver(v2);
    for (const auto &n : {router, splitter, r1, r2})
        c.nodes.insert(n.key(), n);
    c.startNode = router.key();
    return c;
}

sim::TargetOutcome outcome(const QString &id, int level, double share, sim::TargetState state, int healthy, int total,
                           const QString &explanation = {})
{
    sim::TargetOutcome t;
    t.id = id;
    t.level = level;
    t.share = share;
    t.delivered = share;
    t.state = state;
    t.healthyInstances = healthy;
    t.totalInstances = total;
    t.explanation = explanation;
    return t;
}

sim::SimulationResult healthy()
{
    sim::SimulationResult r;
    r.routes = {{0, 0.0}, {1, 1.0}};
    r.splits = {{QStringLiteral("splitter:web.default.default"), 0, 0.9}, {QStringLiteral("splitter:web.default.default"), 1, 0.1}};
    r.targets = {outcome(QStringLiteral("v1.web.default.default.dc1"), 0, 0.9, sim::TargetState::Active, 3, 3),
                 outcome(QStringLiteral("v2.web.default.default.dc1"), 0, 0.1, sim::TargetState::Active, 2, 2),
                 outcome(QStringLiteral("v1.web.default.default.dc2"), 1, 0.0, sim::TargetState::Standby, 2, 2)};
    return r;
}

/** dc1's v1 instances all down: the 90 % fail over to dc2. */
sim::SimulationResult v1Down()
{
    sim::SimulationResult r = healthy();
    r.targets[0] = outcome(QStringLiteral("v1.web.default.default.dc1"), 0, 0.0, sim::TargetState::Dead, 0, 3);
    r.targets[2] = outcome(QStringLiteral("v1.web.default.default.dc2"), 1, 0.9, sim::TargetState::Active, 2, 2,
                           QStringLiteral("dc1 has no healthy v1 instance"));
    return r;
}

QSet<QString> keysOf(const QList<QList<QVariant>> &spyArgs, const QAbstractItemModel &model, int keyRole)
{
    QSet<QString> keys;
    for (const auto &args : spyArgs) {
        const QModelIndex first = args.at(0).toModelIndex();
        const QModelIndex last = args.at(1).toModelIndex();
        for (int r = first.row(); r <= last.row(); ++r)
            keys.insert(model.index(r, 0).data(keyRole).toString());
    }
    return keys;
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sceneFollowsTheChain()
    {
        const Scene scene = buildScene(webChain());
        QCOMPARE(scene.nodes.first().key, QStringLiteral("router:web.default.default"));
        QCOMPARE(scene.nodes.first().kind, NodeKind::Router);
        QCOMPARE(scene.nodes.first().rows.size(), 2);
        QCOMPARE(scene.nodes.first().rows.first().text, QStringLiteral("path /admin*"));
        QCOMPARE(scene.nodes.first().rows.first().detail, QStringLiteral("GET"));
        QCOMPARE(scene.nodes.first().rows.last().text, QStringLiteral("default route"));
        QVERIFY(scene.nodes.first().provenance.startsWith(QStringLiteral("service-router/web")));
        QVERIFY(scene.nodes.first().provenance.endsWith(QStringLiteral("web/web.hcl:1")));
        // 4 chain nodes + 3 targets; every key unique.
        QCOMPARE(scene.nodes.size(), 7);
        QSet<QString> keys;
        for (const SceneNode &n : scene.nodes)
            keys.insert(n.key);
        QCOMPARE(keys.size(), scene.nodes.size());
        // Failover edge with its order and provenance.
        const auto failover = std::find_if(scene.edges.cbegin(), scene.edges.cend(), [](const SceneEdge &e) { return e.kind == EdgeKind::Failover; });
        QVERIFY(failover != scene.edges.cend());
        QCOMPARE(failover->label, QStringLiteral("1st failover"));
        QCOMPARE(failover->order, 1);
        QVERIFY(failover->provenance.contains(QStringLiteral("Failover[\"*\"].Datacenters[0]")));
        QVERIFY(failover->provenance.endsWith(QStringLiteral(":20")));
        // Splits carry their weight.
        const auto split = std::find_if(scene.edges.cbegin(), scene.edges.cend(), [](const SceneEdge &e) { return e.kind == EdgeKind::Split; });
        QCOMPARE(split->label, QStringLiteral("90%"));
        // The same chain gives the same scene.
        QCOMPARE(buildScene(webChain()), scene);
        QVERIFY(layoutScene(scene));
        QCOMPARE(ordinal(2), QStringLiteral("2nd"));
        QCOMPARE(ordinal(13), QStringLiteral("13th"));
        QCOMPARE(ordinal(23), QStringLiteral("23rd"));
    }

    void overlayMapsTheSimulation()
    {
        const Scene scene = buildScene(webChain());
        const SceneOverlay o = buildOverlay(scene, v1Down());
        const qsizetype dc1 = scene.indexOfNode(QStringLiteral("target:v1.web.default.default.dc1"));
        const qsizetype dc2 = scene.indexOfNode(QStringLiteral("target:v1.web.default.default.dc2"));
        QCOMPARE(o.nodes.at(dc1).state, NodeState::Dead);
        QCOMPARE(o.nodes.at(dc2).state, NodeState::Active);
        QVERIFY(o.nodes.at(dc2).emphasised);
        QCOMPARE(o.nodes.at(dc2).healthText, QStringLiteral("2/2 healthy"));
        for (qsizetype i = 0; i < scene.edges.size(); ++i) {
            if (scene.edges.at(i).kind == EdgeKind::Failover) {
                QVERIFY(o.edges.at(i).emphasised);
                QCOMPARE(o.edges.at(i).traffic, 0.9);
            }
        }
        // The router carries everything, its catch-all row all of it.
        QCOMPARE(o.nodes.at(0).traffic, 1.0);
        QCOMPARE(o.edges.at(1).traffic, 1.0);
    }

    void deniedTargetsMarkTheirEdges()
    {
        const Scene scene = buildScene(webChain());
        sim::SimulationResult r = healthy();
        r.targets[1].allowed = false;
        r.targets[1].decidingIntention = QStringLiteral("service-intentions/web: * → deny");
        const SceneOverlay o = buildOverlay(scene, r);
        bool found = false;
        for (qsizetype i = 0; i < scene.edges.size(); ++i) {
            if (scene.edges.at(i).to == u"target:v2.web.default.default.dc1") {
                QVERIFY(o.edges.at(i).denied);
                QCOMPARE(o.edges.at(i).note, r.targets[1].decidingIntention);
                found = true;
            }
        }
        QVERIFY(found);
    }

    void healthToggleIsDataChangedOnAffectedRowsOnly()
    {
        const Scene scene = buildScene(webChain());
        const auto geometry = layoutScene(scene);
        QVERIFY(geometry);
        NodeModel nodes;
        EdgeModel edges;
        QAbstractItemModelTester nodeTester(&nodes, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester edgeTester(&edges, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const SceneOverlay before = buildOverlay(scene, healthy());
        nodes.setScene(scene.nodes, geometry->nodes, before.nodes);
        edges.setScene(scene.edges, geometry->edges, before.edges);
        QCOMPARE(nodes.rowCount(), scene.nodes.size());

        QSignalSpy nodeReset(&nodes, &QAbstractItemModel::modelReset);
        QSignalSpy edgeReset(&edges, &QAbstractItemModel::modelReset);
        QSignalSpy nodeChanged(&nodes, &QAbstractItemModel::dataChanged);
        QSignalSpy edgeChanged(&edges, &QAbstractItemModel::dataChanged);
        const SceneOverlay after = buildOverlay(scene, v1Down());
        nodes.setOverlay(after.nodes);
        edges.setOverlay(after.edges);

        QCOMPARE(nodeReset.size(), 0);
        QCOMPARE(edgeReset.size(), 0);
        const QSet<QString> changedNodes = keysOf(nodeChanged, nodes, NodeModel::KeyRole);
        // The resolver keeps its traffic and stays active (its failover target serves): only the targets change.
        QCOMPARE(changedNodes,
                 (QSet<QString>{QStringLiteral("target:v1.web.default.default.dc1"), QStringLiteral("target:v1.web.default.default.dc2")}));
        const QSet<QString> changedEdges = keysOf(edgeChanged, edges, EdgeModel::KeyRole);
        QCOMPARE(changedEdges.size(), 2); // the primary edge (now idle) and the failover edge (now engaged)
        for (const QString &k : changedEdges)
            QVERIFY(k.startsWith(QStringLiteral("resolver:v1.web.default.default.dc1->")));
        // Only overlay roles: geometry never changes on a health toggle.
        const QList<int> geometryRoles{NodeModel::XRole, NodeModel::YRole, NodeModel::WidthRole, NodeModel::HeightRole, NodeModel::RowsRole};
        for (const auto &args : std::as_const(nodeChanged)) {
            const QList<int> roles = args.at(2).value<QList<int>>();
            QVERIFY(!roles.isEmpty());
            for (int role : geometryRoles)
                QVERIFY(!roles.contains(role));
        }
        for (const auto &args : std::as_const(edgeChanged)) {
            const QList<int> roles = args.at(2).value<QList<int>>();
            QVERIFY(!roles.contains(EdgeModel::PathRole));
            QVERIFY(roles.contains(EdgeModel::TrafficTextRole));
        }
        const int failoverRow = edges.indexOf(QStringLiteral("resolver:v1.web.default.default.dc1->target:v1.web.default.default.dc2#failover1"));
        QVERIFY(failoverRow >= 0);
        QCOMPARE(edges.index(failoverRow).data(EdgeModel::TrafficTextRole).toString(), QStringLiteral("90%"));
        QCOMPARE(edges.index(failoverRow).data(EdgeModel::EmphasisedRole).toBool(), true);
        QCOMPARE(edges.index(failoverRow).data(EdgeModel::DashedRole).toBool(), false);
        const int dc1Row = nodes.indexOf(QStringLiteral("target:v1.web.default.default.dc1"));
        QCOMPARE(nodes.index(dc1Row).data(NodeModel::StateRole).toString(), QStringLiteral("dead"));

        // The same overlay again changes nothing.
        nodeChanged.clear();
        edgeChanged.clear();
        nodes.setOverlay(after.nodes);
        edges.setOverlay(after.edges);
        QCOMPARE(nodeChanged.size(), 0);
        QCOMPARE(edgeChanged.size(), 0);
    }

    void edgeHitTestingFollowsThePath()
    {
        const Scene scene = buildScene(webChain());
        const auto geometry = layoutScene(scene);
        EdgeModel edges;
        edges.setScene(scene.edges, geometry->edges, {});
        const EdgeGeometry &g = geometry->edges.first();
        QCOMPARE(edges.edgeAt(g.points.at(g.points.size() / 2)), scene.edges.first().key);
        QCOMPARE(edges.edgeAt(QPointF(-100, -100)), QString());
    }

    void colourSchemeAndHighlightUpdateInPlace()
    {
        const Scene scene = buildScene(webChain());
        const auto geometry = layoutScene(scene);
        NodeModel nodes;
        QAbstractItemModelTester tester(&nodes, QAbstractItemModelTester::FailureReportingMode::QtTest);
        nodes.setScene(scene.nodes, geometry->nodes, {});
        QSignalSpy reset(&nodes, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&nodes, &QAbstractItemModel::dataChanged);
        const QString light = nodes.index(0).data(NodeModel::FillColorRole).toString();
        nodes.setColorScheme(ColorScheme::Dark);
        QVERIFY(nodes.index(0).data(NodeModel::FillColorRole).toString() != light);
        nodes.setHighlight(scene.nodes.first().key, {scene.nodes.first().key});
        QVERIFY(nodes.index(0).data(NodeModel::SelectedRole).toBool());
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 2); // all rows' colours once, then the selected row
    }

    void serviceListFiltersAndKeepsRowsOnBadgeChanges()
    {
        ServiceListModel services;
        QAbstractItemModelTester tester(&services, QAbstractItemModelTester::FailureReportingMode::QtTest);
        services.setServices({{QStringLiteral("web"), 1, 0, {QStringLiteral("resolver")}},
                              {QStringLiteral("api"), 0, 0, {QStringLiteral("defaults")}},
                              {QStringLiteral("checkout"), 0, 2, {QStringLiteral("router")}}});
        QCOMPARE(services.rowCount(), 3);
        QCOMPARE(services.nameAt(0), QStringLiteral("api"));
        QCOMPARE(services.index(1).data(ServiceListModel::ProblemCountRole).toInt(), 2);
        services.setFilter(QStringLiteral("EB"));
        QCOMPARE(services.rowCount(), 1);
        QCOMPARE(services.nameAt(0), QStringLiteral("web"));
        services.setFilter(QString());
        QSignalSpy reset(&services, &QAbstractItemModel::modelReset);
        services.setServices({{QStringLiteral("web"), 0, 0, {QStringLiteral("resolver")}},
                              {QStringLiteral("api"), 0, 0, {QStringLiteral("defaults")}},
                              {QStringLiteral("checkout"), 0, 2, {QStringLiteral("router")}}});
        QCOMPARE(reset.size(), 0);
        QCOMPARE(services.index(services.indexOf(QStringLiteral("web"))).data(ServiceListModel::ProblemCountRole).toInt(), 0);
    }

    void diagnosticsCarryTheirLocation()
    {
        DiagnosticsModel diagnostics;
        QAbstractItemModelTester tester(&diagnostics, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Diagnostic d;
        d.code = QStringLiteral("CS3001");
        d.message = QStringLiteral("detected circular resolver redirect: [a -> b -> a]");
        d.where = SourceSpan{QStringLiteral("/mesh/web/resolver.hcl"), SourcePos{4, 3, -1}, {}};
        diagnostics.setItems({{d, QStringLiteral("web")}}, QStringLiteral("/mesh"));
        QCOMPARE(diagnostics.errorCount(), 1);
        QCOMPARE(diagnostics.index(0).data(DiagnosticsModel::LocationRole).toString(), QStringLiteral("web/resolver.hcl:4:3"));
        QCOMPARE(diagnostics.index(0).data(DiagnosticsModel::LineRole).toInt(), 4);
        QSignalSpy reset(&diagnostics, &QAbstractItemModel::modelReset);
        diagnostics.setItems({{d, QStringLiteral("web")}}, QStringLiteral("/mesh"));
        QCOMPARE(reset.size(), 0);
    }

    void instancesUpdateInPlace()
    {
        InstancesModel instances;
        QAbstractItemModelTester tester(&instances, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<InstancesModel::Item> items{{QStringLiteral("web-v1-a"), QStringLiteral("n1"), QStringLiteral("v1.web"), QStringLiteral("dc1"), true, false, 0.5, {}},
                                          {QStringLiteral("web-v1-b"), QStringLiteral("n2"), QStringLiteral("v1.web"), QStringLiteral("dc1"), true, false, 0.5, {}}};
        instances.setItems(items);
        QSignalSpy reset(&instances, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&instances, &QAbstractItemModel::dataChanged);
        items[0].forcedDown = true;
        items[0].healthy = false;
        items[0].share = 0.0;
        items[1].share = 1.0;
        instances.setItems(items);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(instances.index(1).data(InstancesModel::ShareTextRole).toString(), QStringLiteral("100%"));
    }

    void simulationControllerSignalsRealChangesOnly()
    {
        SimulationController controller;
        QSignalSpy changed(&controller, &SimulationController::scenarioChanged);
        controller.setInstanceDown(QStringLiteral("web-v1-a"), true);
        controller.setInstanceDown(QStringLiteral("web-v1-a"), true);
        QCOMPARE(changed.size(), 1);
        QVERIFY(controller.scenario().health.downInstances.contains(QStringLiteral("web-v1-a")));
        controller.setHeaders(QStringLiteral("x-canary: true\nbroken line\n"));
        QCOMPARE(controller.scenario().request.headers.size(), 1);
        QCOMPARE(controller.headers(), QStringLiteral("x-canary: true"));
        controller.setPath(QStringLiteral("v2/cart"));
        QCOMPARE(controller.path(), QStringLiteral("/v2/cart"));
        controller.setCheckStatus(QStringLiteral("serfHealth"), QStringLiteral("bogus"));
        QCOMPARE(changed.size(), 3);
        controller.setEra(QStringLiteral("legacy"));
        QCOMPARE(controller.scenario().era, sim::ConsulEra::Legacy);
        controller.setLocations({QStringLiteral("dc1"), QStringLiteral("dc2"), QStringLiteral("peer:peer-01")});
        QCOMPARE(controller.peers(), QStringList{QStringLiteral("peer-01")});
        controller.resetHealth();
        QVERIFY(controller.scenario().health.downInstances.isEmpty());
    }
};

QTEST_MAIN(TestModels)
#include "tst_models.moc"
