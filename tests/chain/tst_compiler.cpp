// Compiler behaviour the Consul corpus does not pin: Enterprise namespaces and partitions, peers,
// provenance, error locations, overrides, limits and the JSON writer. Entries are built by hand.
#include "chain/chaincodes.h"
#include "chain/chainjson.h"
#include "chain/compiler.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace chainscope;
using namespace chainscope::chain;
using config::Entry;
using config::EntryKind;

namespace {

SourceSpan at(const QString &file, int line, int column = 1)
{
    return SourceSpan{file, SourcePos{line, column, -1}, SourcePos{line, column + 10, -1}};
}

template<class Body>
Entry entry(EntryKind kind, const QString &name, Body body, const QString &ns = {}, const QString &ap = {})
{
    Entry e;
    e.kind = kind;
    e.name = name;
    e.namespace_ = ns;
    e.partition = ap;
    e.body = std::move(body);
    e.span = at(name + QStringLiteral(".hcl"), 1);
    e.format = config::SourceFormat::Hcl;
    return e;
}

Entry defaults(const QString &name, const QString &protocol, const QString &ns = {}, const QString &ap = {})
{
    config::ServiceDefaults sd;
    sd.protocol = protocol;
    return entry(EntryKind::ServiceDefaults, name, sd, ns, ap);
}

CompileRequest request(const QString &service, config::Edition edition = config::Edition::Enterprise)
{
    CompileRequest r = CompileRequest::forService(service);
    r.evaluateInTrustDomain = QStringLiteral("td.consul");
    r.edition = edition;
    return r;
}

QString hops(const QList<Hop> &path)
{
    QStringList parts;
    for (const Hop &h : path)
        parts << hopKindName(h.kind) + u'(' + h.from + QStringLiteral("->") + h.to + u')';
    return parts.join(u' ');
}

} // namespace

class TestCompiler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultChainWithoutEntries()
    {
        const auto r = compile({}, request(QStringLiteral("web")));
        QVERIFY(r);
        QCOMPARE(r->startNode, QStringLiteral("resolver:web.default.default.dc1"));
        QVERIFY(r->isDefault);
        QCOMPARE(r->protocol, QStringLiteral("tcp"));
        const ChainTarget *t = r->target(QStringLiteral("web.default.default.dc1"));
        QVERIFY(t);
        QCOMPARE(t->sni, QStringLiteral("web.default.dc1.internal.td.consul"));
        QCOMPARE(t->connectTimeout, Duration(std::chrono::seconds(5)));
        QVERIFY(t->source.synthesized);
        QCOMPARE(t->paths.size(), 1);
        QCOMPARE(t->paths[0].size(), 1);
        QCOMPARE(t->paths[0][0].kind, Hop::Kind::Primary);
    }

    void enterpriseNamespaceAndPartitionInIdsAndSni()
    {
        config::ServiceResolver res;
        res.redirect = config::ResolverRedirect{QStringLiteral("billing"), {}, QStringLiteral("finance"), QStringLiteral("ap2"), {}, {}, {}, at(QStringLiteral("web.hcl"), 4)};
        QList<Entry> entries{entry(EntryKind::ServiceResolver, QStringLiteral("web"), res, QStringLiteral("shop"), QStringLiteral("ap1"))};
        CompileRequest req = request(QStringLiteral("web"));
        req.evaluateInNamespace = QStringLiteral("shop");
        req.evaluateInPartition = QStringLiteral("ap1");
        const auto r = compile(entries, req);
        QVERIFY2(r, qPrintable(r.diagnostics.value(0).message));
        QCOMPARE(r->startNode, QStringLiteral("resolver:billing.finance.ap2.dc1"));
        const ChainTarget *t = r->target(QStringLiteral("billing.finance.ap2.dc1"));
        QVERIFY(t);
        // Outside the default partition the SNI carries the partition and the "internal-v1" marker.
        QCOMPARE(t->sni, QStringLiteral("billing.finance.ap2.dc1.internal-v1.td.consul"));
        QCOMPARE(t->name, t->sni);
        QCOMPARE(r->targets.size(), 1); // the pre-redirect target is not retained
        QVERIFY(!r->isDefault);          // a redirect to a default resolver is not a default chain

        // The same resolver is invisible from another namespace under Enterprise...
        CompileRequest other = request(QStringLiteral("web"));
        const auto o = compile(entries, other);
        QVERIFY(o);
        QCOMPARE(o->startNode, QStringLiteral("resolver:web.default.default.dc1"));
        // ...but CE looks resolvers up by name only.
        const auto ce = compile(entries, request(QStringLiteral("web"), config::Edition::CE));
        QVERIFY(ce);
        QCOMPARE(ce->startNode, QStringLiteral("resolver:billing.finance.ap2.dc1"));
    }

    void enterpriseRouteAndSplitNamespaces()
    {
        config::ServiceRouter router;
        config::ServiceRoute route;
        route.destination = config::RouteDestination{};
        route.destination->service = QStringLiteral("api");
        route.destination->namespace_ = QStringLiteral("team-a");
        router.routes << route;
        config::ServiceSplitter splitter;
        config::ServiceSplit a, b;
        a.weight = 50;
        a.service = QStringLiteral("api-v1");
        b.weight = 50;
        b.service = QStringLiteral("api-v2");
        b.namespace_ = QStringLiteral("team-b");
        splitter.splits << a << b;
        QList<Entry> entries{defaults(QStringLiteral("web"), QStringLiteral("http")),
                             defaults(QStringLiteral("api"), QStringLiteral("http"), QStringLiteral("team-a")),
                             defaults(QStringLiteral("api-v1"), QStringLiteral("http"), QStringLiteral("team-a")),
                             defaults(QStringLiteral("api-v2"), QStringLiteral("http"), QStringLiteral("team-b")),
                             entry(EntryKind::ServiceRouter, QStringLiteral("web"), router),
                             entry(EntryKind::ServiceSplitter, QStringLiteral("api"), splitter, QStringLiteral("team-a"))};
        const auto r = compile(entries, request(QStringLiteral("web")));
        QVERIFY2(r, qPrintable(r.diagnostics.value(0).message));
        const ChainNode *router0 = r->node(QStringLiteral("router:web.default.default"));
        QVERIFY(router0);
        QCOMPARE(router0->routes[0].nextNode, QStringLiteral("splitter:api.team-a.default"));
        const ChainNode *split = r->node(QStringLiteral("splitter:api.team-a.default"));
        QVERIFY(split);
        // A split without Namespace inherits the splitter's; with one it uses its own.
        QCOMPARE(split->splits[0].nextNode, QStringLiteral("resolver:api-v1.team-a.default.dc1"));
        QCOMPARE(split->splits[1].nextNode, QStringLiteral("resolver:api-v2.team-b.default.dc1"));
        QCOMPARE(r->target(QStringLiteral("api-v2.team-b.default.dc1"))->sni, QStringLiteral("api-v2.team-b.dc1.internal.td.consul"));
    }

    void peerTargets()
    {
        config::ServiceResolver res;
        config::ResolverFailover f;
        config::FailoverTarget viaPeer;
        viaPeer.peer = QStringLiteral("east");
        viaPeer.namespace_ = QStringLiteral("ops");
        f.targets << viaPeer;
        res.failover.insert(QStringLiteral("*"), f);
        QList<Entry> entries{entry(EntryKind::ServiceResolver, QStringLiteral("web"), res)};
        CompileRequest req = request(QStringLiteral("web"));
        req.evaluateInPartition = QStringLiteral("ap1");
        req.peers << PeerInfo{QStringLiteral("east"), Locality{QStringLiteral("us-east-1"), QStringLiteral("use1-az1")}};
        // Enterprise: the resolver lives in the default partition, the chain is evaluated in ap1, so the
        // chain sees no resolver for web in ap1 and compiles a default one. Put the resolver in ap1 too.
        entries[0].partition = QStringLiteral("ap1");
        const auto r = compile(entries, req);
        QVERIFY2(r, qPrintable(r.diagnostics.value(0).message));
        const ChainNode *n = r->node(QStringLiteral("resolver:web.default.ap1.dc1"));
        QVERIFY(n);
        QVERIFY(n->resolver->failover);
        // Peer IDs: service.namespace.<requesting partition>.external.peer; no SNI, no datacenter.
        QCOMPARE(n->resolver->failover->targets, QStringList{QStringLiteral("web.ops.ap1.external.east")});
        const ChainTarget *t = r->target(QStringLiteral("web.ops.ap1.external.east"));
        QVERIFY(t);
        QCOMPARE(t->peer, QStringLiteral("east"));
        QVERIFY(t->sni.isEmpty());
        QVERIFY(t->name.isEmpty());
        QVERIFY(t->datacenter.isEmpty());
        QVERIFY(t->locality);
        QCOMPARE(t->locality->region, QStringLiteral("us-east-1"));

        // CE: peer namespaces collapse to "default".
        entries[0].partition.clear();
        const auto ce = compile(entries, request(QStringLiteral("web"), config::Edition::CE));
        QVERIFY(ce);
        QVERIFY(ce->target(QStringLiteral("web.default.default.external.east")));
    }

    void provenanceOfRedirectAndFailover()
    {
        config::ServiceResolver web;
        web.redirect = config::ResolverRedirect{QStringLiteral("api"), {}, {}, {}, {}, {}, {}, at(QStringLiteral("web.hcl"), 3)};
        config::ServiceResolver api;
        config::ResolverFailover f;
        f.span = at(QStringLiteral("api.hcl"), 5);
        config::FailoverTarget t1, t2, self;
        t1.datacenter = QStringLiteral("dc2");
        t1.span = at(QStringLiteral("api.hcl"), 7);
        self.datacenter = QStringLiteral("dc1"); // the primary itself: dropped
        self.span = at(QStringLiteral("api.hcl"), 8);
        t2.service = QStringLiteral("legacy");
        t2.span = at(QStringLiteral("api.hcl"), 9);
        f.targets << t1 << self << t2;
        api.failover.insert(QStringLiteral("*"), f);
        config::ServiceResolver legacy;
        legacy.defaultSubset = QStringLiteral("v1");
        legacy.subsets.insert(QStringLiteral("v1"), config::ResolverSubset{QStringLiteral("Service.Meta.version == v1"), true, at(QStringLiteral("legacy.hcl"), 4)});
        QList<Entry> entries{entry(EntryKind::ServiceResolver, QStringLiteral("web"), web), entry(EntryKind::ServiceResolver, QStringLiteral("api"), api),
                             entry(EntryKind::ServiceResolver, QStringLiteral("legacy"), legacy)};
        const auto r = compile(entries, request(QStringLiteral("web")));
        QVERIFY2(r, qPrintable(r.diagnostics.value(0).message));

        const ChainTarget *primary = r->target(QStringLiteral("api.default.default.dc1"));
        QVERIFY(primary);
        QCOMPARE(primary->paths.size(), 1);
        QCOMPARE(hops(primary->paths[0]), QStringLiteral("primary(->web.default.default.dc1) redirect(web.default.default.dc1->api.default.default.dc1)"));
        const Hop &redirect = primary->paths[0][1];
        QCOMPARE(redirect.via.entryName, QStringLiteral("web"));
        QCOMPARE(redirect.via.field, QStringLiteral("Redirect"));
        QCOMPARE(redirect.via.fieldSpan.begin.line, 3);

        const ChainNode *n = r->node(QStringLiteral("resolver:api.default.default.dc1"));
        QVERIFY(n && n->resolver->failover);
        QCOMPARE(n->resolver->failover->targets, (QStringList{QStringLiteral("api.default.default.dc2"), QStringLiteral("v1.legacy.default.default.dc1")}));
        QCOMPARE(n->resolver->failover->sources.size(), 2);
        QCOMPARE(n->resolver->failover->sources[1].field, QStringLiteral("Failover[\"*\"].Targets[2]"));

        const ChainTarget *first = r->target(QStringLiteral("api.default.default.dc2"));
        QVERIFY(first);
        QCOMPARE(first->paths.size(), 1);
        QCOMPARE(first->paths[0][0].kind, Hop::Kind::Failover);
        QCOMPARE(first->paths[0][0].failoverIndex, 0);
        QCOMPARE(first->paths[0][0].from, QStringLiteral("api.default.default.dc1"));
        QCOMPARE(first->paths[0][0].via.field, QStringLiteral("Failover[\"*\"].Targets[0]"));
        QCOMPARE(first->paths[0][0].via.fieldSpan.begin.line, 7);

        // The 2nd failover went through legacy's DefaultSubset; the hop list says so, in order.
        const ChainTarget *second = r->target(QStringLiteral("v1.legacy.default.default.dc1"));
        QVERIFY(second);
        QCOMPARE(hops(second->paths[0]), QStringLiteral("failover(api.default.default.dc1->legacy.default.default.dc1) default-subset(legacy.default.default.dc1->v1.legacy.default.default.dc1)"));
        QCOMPARE(second->paths[0][0].failoverIndex, 1);
        QCOMPARE(second->paths[0][0].via.fieldSpan.begin.line, 9);
        QCOMPARE(second->paths[0][1].via.entryName, QStringLiteral("legacy"));
        QCOMPARE(second->subset.filter, QStringLiteral("Service.Meta.version == v1"));
        QVERIFY(second->subset.onlyPassing);
        QCOMPARE(second->source.entryName, QStringLiteral("legacy"));
        // Pass-through targets (web before the redirect, legacy before its default subset) are dropped.
        QCOMPARE(r->targets.size(), 3);

        // Extended JSON carries the same story; the plain form has none of it.
        const QJsonObject plain = chainToJson(*r);
        QVERIFY(!QJsonDocument(plain).toJson().contains("chainscope"));
        const QJsonObject extended = chainToJson(*r, {true});
        const QJsonArray paths = extended[u"Targets"][u"api.default.default.dc2"][u"chainscope"][u"paths"].toArray();
        QCOMPARE(paths.size(), 1);
        QCOMPARE(paths[0][0][u"kind"].toString(), QStringLiteral("failover"));
        QCOMPARE(paths[0][0][u"via"][u"at"][u"line"].toInt(), 7);
    }

    void routerProvenanceAndCatchAll()
    {
        config::ServiceRouter router;
        config::ServiceRoute route;
        route.span = at(QStringLiteral("web.hcl"), 6);
        route.match = config::RouteMatch{config::HttpRouteMatch{}};
        route.match->http->pathPrefix = QStringLiteral("/admin");
        route.destination = config::RouteDestination{};
        route.destination->service = QStringLiteral("admin");
        router.routes << route;
        QList<Entry> entries{defaults(QStringLiteral("web"), QStringLiteral("http")), defaults(QStringLiteral("admin"), QStringLiteral("http")),
                             entry(EntryKind::ServiceRouter, QStringLiteral("web"), router)};
        const auto r = compile(entries, request(QStringLiteral("web")));
        QVERIFY(r);
        const ChainNode *n = r->node(r->startNode);
        QVERIFY(n);
        QCOMPARE(n->routes.size(), 2);
        QCOMPARE(n->routes[0].source.field, QStringLiteral("Routes[0]"));
        QCOMPARE(n->routes[0].source.fieldSpan.begin.line, 6);
        QVERIFY(!n->routes[0].implicit);
        QVERIFY(n->routes[1].implicit);
        QVERIFY(n->routes[1].source.synthesized);
        QCOMPARE(n->routes[1].definition.destination->service, QStringLiteral("web"));
        QCOMPARE(n->routes[1].nextNode, QStringLiteral("resolver:web.default.default.dc1"));
    }

    void protocolMismatchIsLocated()
    {
        config::ServiceResolver res;
        res.redirect = config::ResolverRedirect{QStringLiteral("db"), {}, {}, {}, {}, {}, {}, at(QStringLiteral("web.hcl"), 2)};
        Entry db = defaults(QStringLiteral("db"), QStringLiteral("tcp"));
        db.tree = config::Value::map({config::Value::Member{QStringLiteral("Protocol"), at(QStringLiteral("db.hcl"), 3), config::Value::string(QStringLiteral("tcp"), at(QStringLiteral("db.hcl"), 3, 12))}});
        QList<Entry> entries{defaults(QStringLiteral("web"), QStringLiteral("http")), db, entry(EntryKind::ServiceResolver, QStringLiteral("web"), res)};
        const auto r = compile(entries, request(QStringLiteral("web")));
        QVERIFY(!r);
        QCOMPARE(r.diagnostics.size(), 1);
        const Diagnostic &d = r.diagnostics[0];
        QCOMPARE(d.code, QString(codes::ProtocolMismatch));
        QCOMPARE(d.message, QStringLiteral("discovery chain \"web\" uses inconsistent protocols; service \"db\" has \"tcp\" which is not \"http\""));
        QCOMPARE(d.where.file, QStringLiteral("db.hcl"));
        QCOMPARE(d.where.begin.line, 3);
        QCOMPARE(d.where.begin.column, 12);
        QCOMPARE(d.field, QStringLiteral("Protocol"));
        QCOMPARE(d.related.size(), 1); // where the chain's protocol came from
    }

    void circularRedirectIsLocated()
    {
        config::ServiceResolver a, b;
        a.redirect = config::ResolverRedirect{QStringLiteral("b"), {}, {}, {}, {}, {}, {}, at(QStringLiteral("a.hcl"), 2)};
        b.redirect = config::ResolverRedirect{QStringLiteral("a"), {}, {}, {}, {}, {}, {}, at(QStringLiteral("b.hcl"), 5)};
        QList<Entry> entries{entry(EntryKind::ServiceResolver, QStringLiteral("a"), a), entry(EntryKind::ServiceResolver, QStringLiteral("b"), b)};
        const auto r = compile(entries, request(QStringLiteral("a")));
        QVERIFY(!r);
        QCOMPARE(r.diagnostics[0].code, QString(codes::CircularRedirect));
        QCOMPARE(r.diagnostics[0].message,
                 QStringLiteral("detected circular resolver redirect: [a.default.default.dc1 -> b.default.default.dc1 -> a.default.default.dc1]"));
        QCOMPARE(r.diagnostics[0].where.file, QStringLiteral("a.hcl"));
        QCOMPARE(r.diagnostics[0].field, QStringLiteral("Redirect"));
    }

    void missingSubsetIsLocatedAtTheReference()
    {
        config::ServiceSplitter splitter;
        config::ServiceSplit s;
        s.weight = 100;
        s.serviceSubset = QStringLiteral("v9");
        s.span = at(QStringLiteral("web.hcl"), 4);
        splitter.splits << s;
        QList<Entry> entries{defaults(QStringLiteral("web"), QStringLiteral("http")), entry(EntryKind::ServiceSplitter, QStringLiteral("web"), splitter)};
        const auto r = compile(entries, request(QStringLiteral("web")));
        QVERIFY(!r);
        QCOMPARE(r.diagnostics[0].code, QString(codes::SubsetMissing));
        QCOMPARE(r.diagnostics[0].message, QStringLiteral("service \"web\" does not have a subset named \"v9\""));
        QCOMPARE(r.diagnostics[0].field, QStringLiteral("Splits[0]"));
        QCOMPARE(r.diagnostics[0].where.begin.line, 4);
    }

    void nestedSplitsFlattenWithHeaderMerge()
    {
        config::ServiceSplitter outer, inner;
        config::ServiceSplit o1, o2, i1, i2;
        o1.weight = 50;
        o1.service = QStringLiteral("mid");
        o1.requestHeaders.set.insert(QStringLiteral("x-a"), QStringLiteral("parent"));
        o1.requestHeaders.set.insert(QStringLiteral("x-b"), QStringLiteral("parent"));
        o1.responseHeaders.set.insert(QStringLiteral("x-r"), QStringLiteral("parent"));
        o2.weight = 50;
        o2.service = QStringLiteral("web");
        i1.weight = 33.33f;
        i1.service = QStringLiteral("v1");
        i1.requestHeaders.set.insert(QStringLiteral("x-a"), QStringLiteral("child"));
        i1.responseHeaders.set.insert(QStringLiteral("x-r"), QStringLiteral("child"));
        i2.weight = 66.67f;
        i2.service = QStringLiteral("v2");
        outer.splits << o1 << o2;
        inner.splits << i1 << i2;
        QList<Entry> entries;
        for (const char *svc : {"web", "mid", "v1", "v2"})
            entries << defaults(QString::fromLatin1(svc), QStringLiteral("http"));
        entries << entry(EntryKind::ServiceSplitter, QStringLiteral("web"), outer) << entry(EntryKind::ServiceSplitter, QStringLiteral("mid"), inner);
        const auto r = compile(entries, request(QStringLiteral("web")));
        QVERIFY2(r, qPrintable(r.diagnostics.value(0).message));
        QVERIFY(!r->node(QStringLiteral("splitter:mid.default.default"))); // flattened away
        const ChainNode *n = r->node(QStringLiteral("splitter:web.default.default"));
        QVERIFY(n);
        QCOMPARE(n->splits.size(), 3);
        QCOMPARE(n->splits[0].weight, 16.67);
        QCOMPARE(n->splits[1].weight, 33.34);
        QCOMPARE(n->splits[2].weight, 50.0);
        const config::ServiceSplit &def = n->splits[0].definition;
        QCOMPARE(def.service, QStringLiteral("v1"));
        QCOMPARE(def.requestHeaders.set.value(QStringLiteral("x-a")), QStringLiteral("child"));  // child wins requests
        QCOMPARE(def.requestHeaders.set.value(QStringLiteral("x-b")), QStringLiteral("parent"));
        QCOMPARE(def.responseHeaders.set.value(QStringLiteral("x-r")), QStringLiteral("parent")); // parent wins responses
        QCOMPARE(n->splits[0].flattenedFrom.size(), 1);
        QCOMPARE(n->splits[0].flattenedFrom[0].field, QStringLiteral("Splits[0]"));
        QCOMPARE(n->splits[0].source.entryName, QStringLiteral("mid"));
    }

    void overridesAndCustomizationHash()
    {
        QList<Entry> entries{defaults(QStringLiteral("web"), QStringLiteral("http"))};
        CompileRequest req = request(QStringLiteral("web"));
        req.overrideConnectTimeout = std::chrono::seconds(7);
        req.overrideMeshGateway.mode = QStringLiteral("local");
        const auto a = compile(entries, req);
        QVERIFY(a);
        QCOMPARE(a->customizationHash.size(), 8);
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{8}$")).match(a->customizationHash).hasMatch());
        QCOMPARE(a->target(QStringLiteral("web.default.default.dc1"))->connectTimeout, Duration(std::chrono::seconds(7)));
        QCOMPARE(a->target(QStringLiteral("web.default.default.dc1"))->meshGateway.mode, QStringLiteral("local"));
        QCOMPARE(compile(entries, req)->customizationHash, a->customizationHash); // stable
        req.overrideConnectTimeout = std::chrono::seconds(8);
        QVERIFY(compile(entries, req)->customizationHash != a->customizationHash);
        // An override equal to what the chain already has customizes nothing.
        CompileRequest same = request(QStringLiteral("web"));
        same.overrideProtocol = QStringLiteral("http");
        same.overrideConnectTimeout = std::chrono::seconds(5);
        QVERIFY(compile(entries, same)->customizationHash.isEmpty());
    }

    void requestErrors()
    {
        CompileRequest req = request(QString());
        const auto r = compile({}, req);
        QVERIFY(!r);
        QCOMPARE(r.diagnostics[0].code, QString(codes::RequestInvalid));
        QCOMPARE(r.diagnostics[0].message, QStringLiteral("serviceName is required"));
    }

    void checkGraphReportsOncePerPlace()
    {
        // Two chains (web and api) both reach db's broken protocol through api's redirect.
        config::ServiceResolver api;
        api.redirect = config::ResolverRedirect{QStringLiteral("db"), {}, {}, {}, {}, {}, {}, at(QStringLiteral("api.hcl"), 2)};
        config::ServiceSplitter web;
        config::ServiceSplit s;
        s.weight = 100;
        s.service = QStringLiteral("api");
        web.splits << s;
        QList<Entry> entries{defaults(QStringLiteral("web"), QStringLiteral("http")), defaults(QStringLiteral("api"), QStringLiteral("http")),
                             defaults(QStringLiteral("db"), QStringLiteral("tcp")), entry(EntryKind::ServiceResolver, QStringLiteral("api"), api),
                             entry(EntryKind::ServiceSplitter, QStringLiteral("web"), web)};
        const Diagnostics d = checkGraph(entries);
        QCOMPARE(d.size(), 1);
        QCOMPARE(d[0].code, QString(codes::ProtocolMismatch));
        QCOMPARE(d[0].where.file, QStringLiteral("db.hcl"));
        QVERIFY(checkGraph({defaults(QStringLiteral("web"), QStringLiteral("http"))}).isEmpty());
    }

    void hostileNestingIsRefusedNotCrashing()
    {
        // 40 splitters, each 50/50 into the next two: flattening would explode exponentially.
        QList<Entry> entries;
        for (int i = 0; i < 40; ++i) {
            const QString name = QStringLiteral("s%1").arg(i);
            entries << defaults(name, QStringLiteral("http"));
            config::ServiceSplitter sp;
            config::ServiceSplit a, b;
            a.weight = 50;
            a.service = QStringLiteral("s%1").arg(i + 1);
            b.weight = 50;
            b.service = QStringLiteral("s%1").arg(i + 2);
            sp.splits << a << b;
            entries << entry(EntryKind::ServiceSplitter, name, sp);
        }
        entries << defaults(QStringLiteral("s40"), QStringLiteral("http")) << defaults(QStringLiteral("s41"), QStringLiteral("http"));
        const auto r = compile(entries, request(QStringLiteral("s0")));
        QVERIFY(!r);
        QCOMPARE(r.diagnostics[0].code, QString(codes::TooManySplits));

        // A 2,000-deep chain of splitters is refused before the recursion gets deep.
        QList<Entry> deep;
        for (int i = 0; i < 2000; ++i) {
            config::ServiceSplitter sp;
            config::ServiceSplit a;
            a.weight = 100;
            a.service = QStringLiteral("d%1").arg(i + 1);
            sp.splits << a;
            deep << entry(EntryKind::ServiceSplitter, QStringLiteral("d%1").arg(i), sp);
        }
        const auto d = compile(deep, request(QStringLiteral("d0")));
        QVERIFY(!d);
        QCOMPARE(d.diagnostics[0].code, QString(codes::NestingTooDeep));
    }

    void goDurations_data()
    {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << qint64(0) << QStringLiteral("0s");
        QTest::newRow("ns") << qint64(5) << QStringLiteral("5ns");
        QTest::newRow("us") << qint64(1500) << QStringLiteral("1.5\u00B5s");
        QTest::newRow("ms") << qint64(500'000'000) << QStringLiteral("500ms");
        QTest::newRow("s") << qint64(5'000'000'000) << QStringLiteral("5s");
        QTest::newRow("frac s") << qint64(1'500'000'000) << QStringLiteral("1.5s");
        QTest::newRow("2m") << qint64(120'000'000'000) << QStringLiteral("2m0s");
        QTest::newRow("1m30s") << qint64(90'000'000'000) << QStringLiteral("1m30s");
        QTest::newRow("1h") << qint64(3'600'000'000'000) << QStringLiteral("1h0m0s");
        QTest::newRow("negative") << qint64(-2'000'000'000) << QStringLiteral("-2s");
    }

    void goDurations()
    {
        QFETCH(qint64, ns);
        QFETCH(QString, text);
        QCOMPARE(goDurationString(Duration(ns)), text);
        const auto parsed = parseGoDuration(text);
        QVERIFY(parsed);
        QCOMPARE(parsed->count(), ns);
    }

    void badDurations()
    {
        QVERIFY(!parseGoDuration(u""));
        QVERIFY(!parseGoDuration(u"15"));
        QVERIFY(!parseGoDuration(u"15x"));
        QVERIFY(!parseGoDuration(u"99999999999999999999h"));
        QCOMPARE(parseGoDuration(u"1.5h")->count(), qint64(5'400'000'000'000));
    }
};

QTEST_GUILESS_MAIN(TestCompiler)
#include "tst_compiler.moc"
