// The discovery chain compiler. The passes follow Consul's agent/consul/discoverychain/compile.go
// (assemble, detect circular references, flatten splitters, prune, protocol checks, overrides); the code
// is ours and additionally records where every node, route, split and target came from.
#include "chain/compiler.h"

#include "chain/chaincodes.h"
#include "config/decoder.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cstring>
#include <map>
#include <vector>

namespace chainscope::chain {

using config::Entry;
using config::EntryKind;

// A service identity as Consul's structs.ServiceID: name plus (Enterprise) namespace and partition,
// both already defaulted. Under CE the compiler puts "default" in both, which is what CE's empty
// EnterpriseMeta amounts to.
struct ServiceKey {
    QString name;
    QString ns;
    QString ap;
    friend bool operator==(const ServiceKey &, const ServiceKey &) = default;
};

size_t qHash(const ServiceKey &k, size_t seed = 0) noexcept
{
    // The name alone: namespaces and partitions are nearly always "default", and hashing them on every
    // lookup was a tenth of a compile. Keys that differ only there still compare unequal.
    return qHash(k.name, seed);
}

namespace {

const QString kDefault = QStringLiteral("default");

// Consul's structs.IsProtocolHTTPLike.
bool isHttpLike(const QString &protocol)
{
    return protocol == u"http" || protocol == u"http2" || protocol == u"grpc";
}

QString quoted(const QString &s)
{
    // Go's %q of the plain identifiers that appear here.
    QString out;
    out.reserve(s.size() + 2);
    out += u'"';
    for (QChar c : s) {
        if (c == u'"' || c == u'\\')
            out += u'\\';
        out += c;
    }
    out += u'"';
    return out;
}

const config::Value *treeFind(const config::Value *v, QStringView key)
{
    if (!v || !v->isMap())
        return nullptr;
    return v->find(key);
}

// Span of a top-level (or one level nested) field in an entry's canonical tree; invalid when absent.
SourceSpan treeSpan(const Entry &e, QStringView key, QStringView subKey = {})
{
    const config::Value *v = treeFind(&e.tree, key);
    if (v && !subKey.isEmpty())
        v = treeFind(v, subKey);
    return v ? v->span() : SourceSpan{};
}

Provenance provenanceOf(const Entry *e, QString field = {}, SourceSpan fieldSpan = {})
{
    Provenance p;
    if (!e) {
        p.synthesized = true;
        p.field = std::move(field);
        return p;
    }
    p.kind = e->kind;
    p.entryName = e->name;
    p.namespace_ = e->namespace_;
    p.partition = e->partition;
    p.entrySpan = e->span;
    p.field = std::move(field);
    p.fieldSpan = fieldSpan.isValid() ? std::move(fieldSpan) : e->span;
    return p;
}

QString failoverField(const QString &key)
{
    return QStringLiteral("Failover[\"") + key + QStringLiteral("\"]");
}

// Consul's structs.NormalizeServiceSplitWeight: round to 0.01.
double roundWeight(double w)
{
    return double(qRound64(w * 100.0)) / 100.0;
}

// MergeHTTPHeaderModifiers(base, overrides): overrides win on Add/Set keys, Remove is a de-duplicated union.
config::HttpHeaderModifiers mergeHeaders(const config::HttpHeaderModifiers &base, const config::HttpHeaderModifiers &overrides)
{
    if (base.isEmpty())
        return overrides;
    config::HttpHeaderModifiers merged = base;
    if (overrides.isEmpty())
        return merged;
    for (auto it = overrides.add.cbegin(); it != overrides.add.cend(); ++it)
        merged.add.insert(it.key(), it.value());
    for (auto it = overrides.set.cbegin(); it != overrides.set.cend(); ++it)
        merged.set.insert(it.key(), it.value());
    for (const QString &r : overrides.remove) {
        if (!merged.remove.contains(r))
            merged.remove.append(r);
    }
    return merged;
}

// Consul's ServiceSplit.MergeParent: the child's split, with the parent's request handling merged in
// unless the child overrides it, and the parent's response handling overriding the child's.
config::ServiceSplit mergeParent(const config::ServiceSplit &child, const config::ServiceSplit &parent)
{
    config::ServiceSplit copy = child;
    copy.requestHeaders = mergeHeaders(parent.requestHeaders, child.requestHeaders);
    copy.responseHeaders = mergeHeaders(child.responseHeaders, parent.responseHeaders);
    return copy;
}

// FNV-1a, 64 bit: a stable hash for the customization key (Consul uses hashstructure; the value is
// opaque to every consumer, only its stability and 8-hex-digit form matter).
quint64 fnv1a(QByteArrayView bytes)
{
    quint64 h = 14695981039346656037ULL;
    for (char c : bytes) {
        h ^= quint8(c);
        h *= 1099511628211ULL;
    }
    return h;
}

constexpr int kMaxSplitterDepth = 512;
constexpr qsizetype kMaxSplitLegs = 10000;

} // namespace

// ---- the entry index -----------------------------------------------------------------------------

/** The chain-shaping entries of one service, found with a single lookup. */
struct ServiceEntries {
    const Entry *resolver = nullptr;
    const Entry *router = nullptr;
    const Entry *splitter = nullptr;
    const Entry *serviceDefaults = nullptr;
};

class EntryIndex
{
public:
    explicit EntryIndex(QList<Entry> entries)
        : m_entries(std::move(entries))
    {
        for (const Entry &e : std::as_const(m_entries)) {
            const ServiceKey full{e.name, config::orDefault(e.namespace_), config::orDefault(e.partition)};
            const Entry *ServiceEntries::*slot = nullptr;
            switch (e.kind) {
            case EntryKind::ServiceResolver:
                slot = &ServiceEntries::resolver;
                break;
            case EntryKind::ServiceRouter:
                slot = &ServiceEntries::router;
                break;
            case EntryKind::ServiceSplitter:
                slot = &ServiceEntries::splitter;
                break;
            case EntryKind::ServiceDefaults:
                slot = &ServiceEntries::serviceDefaults;
                break;
            case EntryKind::ProxyDefaults:
                if (!m_proxyDefaults.contains(full.ap))
                    m_proxyDefaults.insert(full.ap, &e);
                if (!m_proxyDefaultsAny)
                    m_proxyDefaultsAny = &e;
                break;
            case EntryKind::ServiceIntentions:
                break;
            }
            if (!slot)
                continue;
            // The first definition wins; duplicates are reported by the loader (config::checkDuplicates).
            ServiceEntries &byKey = m_services[full];
            if (!(byKey.*slot))
                byKey.*slot = &e;
            ServiceEntries &byName = m_servicesByName[e.name];
            if (!(byName.*slot))
                byName.*slot = &e;
        }
    }

    const QList<Entry> &entries() const { return m_entries; }

    // CE has no namespaces or partitions: Consul CE looks entries up by service name only.
    const ServiceEntries &service(const ServiceKey &k, bool ce) const
    {
        static const ServiceEntries none;
        if (ce) {
            const auto it = m_servicesByName.constFind(k.name);
            return it == m_servicesByName.cend() ? none : *it;
        }
        const auto it = m_services.constFind(k);
        return it == m_services.cend() ? none : *it;
    }
    const Entry *proxyDefaults(const QString &partition, bool ce) const
    {
        if (ce)
            return m_proxyDefaultsAny;
        return m_proxyDefaults.value(partition, nullptr);
    }

private:
    QList<Entry> m_entries;
    QHash<ServiceKey, ServiceEntries> m_services;
    QHash<QString, ServiceEntries> m_servicesByName;
    QHash<QString, const Entry *> m_proxyDefaults;
    const Entry *m_proxyDefaultsAny = nullptr;
};

// ---- one compilation -----------------------------------------------------------------------------

namespace {

struct TargetOpts {
    QString service, subset, ns, ap, dc, peer;
};

// A single-use compiler, as Consul's `compiler` struct. Fields marked OUTPUT become the result.
class Compilation
{
public:
    Compilation(const EntryIndex &index, const CompileRequest &request)
        : m_index(index)
        , m_req(request)
        , m_ce(request.edition == config::Edition::CE)
        , m_ns(request.evaluateInNamespace)
        , m_ap(request.evaluateInPartition)
    {
        if (!request.overrideProtocol.isEmpty())
            m_disableAdvancedRouting = !isHttpLike(request.overrideProtocol);
    }

    Result<CompiledChain> run();

private:
    // -- helpers
    bool fail(QLatin1StringView code, QString message, const Provenance &where, QList<SourceSpan> related = {})
    {
        Diagnostic d;
        d.severity = Severity::Error;
        d.code = code;
        d.message = std::move(message);
        d.where = where.fieldSpan.isValid() ? where.fieldSpan : where.entrySpan;
        d.field = where.field;
        d.related = std::move(related);
        m_error = std::move(d);
        return false;
    }

    const config::ServiceResolver &resolverBody(const Entry *e) const
    {
        static const config::ServiceResolver empty;
        if (!e)
            return empty;
        const auto *r = e->as<config::ServiceResolver>();
        return r ? *r : empty;
    }

    // structs.ServiceID of a target: CE's empty EnterpriseMeta makes every namespace/partition "default".
    ServiceKey keyOf(const ChainTarget &t) const { return ServiceKey{t.service, nsOf(t.namespace_), apOf(t.partition)}; }
    QString nsOf(const QString &ns) const { return m_ce || ns.isEmpty() ? kDefault : ns; }
    QString apOf(const QString &ap) const { return m_ce || ap.isEmpty() ? kDefault : ap; }

    bool recordServiceProtocol(const ServiceKey &sid, const ServiceEntries &entries, const Provenance &cause);
    QString newTarget(TargetOpts opts);
    QString rewriteTarget(const QString &id, const TargetOpts &opts);
    QString getSplitterOrResolverNode(const QString &targetId, const Provenance &cause);
    // Returns the splitter node key, "" when the service has no (usable) splitter; errors set m_error.
    QString getSplitterNode(const ServiceKey &sid);
    // Returns the final target ID ("" on error). The node key is "resolver:" + ID.
    QString getResolverNode(QString targetId, bool forFailover, QList<Hop> path, const Provenance &cause);
    void recordPath(const QString &targetId, const QList<Hop> &path);

    bool assembleChain();
    bool detectCircularReferences();
    bool flattenAdjacentSplitterNodes();
    void removeUnusedNodes();
    bool determineIfDefaultChain() const;

    const EntryIndex &m_index;
    const CompileRequest &m_req;
    const bool m_ce;
    const QString m_ns; // requested namespace/partition (Consul's evaluateIn*)
    const QString m_ap;

    bool m_usesAdvancedRouting = false;
    bool m_disableAdvancedRouting = false;
    struct {
        bool meshGateway = false, protocol = false, connectTimeout = false;
    } m_customizedBy; // OUTPUT
    QString m_protocol;  // OUTPUT
    ServiceKey m_protocolService;
    Provenance m_protocolSource;
    QString m_startNode; // OUTPUT
    QMap<QString, ChainNode> m_nodes; // OUTPUT
    struct Loaded {
        ChainTarget target;
        bool retained = false; // kept in the result (a node's target or a failover target)
        bool hasNode = false;  // has a resolver node
    };
    // The targets loaded so far, by ID. A chain loads a handful, so a linear scan beats hashing the
    // long IDs; a hash index is built only for chains that load many. Like any growing container,
    // inserting may move the elements: never hold a reference across newTarget/rewriteTarget.
    class TargetTable
    {
    public:
        TargetTable() { m_items.reserve(kLinear); }
        Loaded *find(const QString &id)
        {
            if (m_index.isEmpty()) {
                // IDs of one chain mostly have the same length: compare the bytes directly (QString's
                // operator== goes through a general collation-free compare that costs more here).
                const size_t bytes = size_t(id.size()) * sizeof(QChar);
                for (Loaded &l : m_items) {
                    if (l.target.id.size() == id.size() && std::memcmp(l.target.id.constData(), id.constData(), bytes) == 0)
                        return &l;
                }
                return nullptr;
            }
            const auto it = m_index.constFind(id);
            return it == m_index.cend() ? nullptr : &m_items[*it];
        }
        const Loaded *find(const QString &id) const { return const_cast<TargetTable *>(this)->find(id); }
        /** The target with this ID (which must have been loaded). */
        Loaded &at(const QString &id)
        {
            Loaded *l = find(id);
            Q_ASSERT(l);
            return *l;
        }
        /** A new, empty target with this ID (which must not be loaded yet). */
        Loaded &add(const QString &id)
        {
            Loaded &l = m_items.emplace_back();
            l.target.id = id;
            if (!m_index.isEmpty()) {
                m_index.insert(id, m_items.size() - 1);
            } else if (m_items.size() > kLinear) {
                m_index.reserve(qsizetype(m_items.size()) * 2);
                for (size_t i = 0; i < m_items.size(); ++i)
                    m_index.insert(m_items[i].target.id, i);
            }
            return l;
        }
        std::vector<Loaded> &items() { return m_items; }

    private:
        static constexpr size_t kLinear = 16;
        std::vector<Loaded> m_items;
        QHash<QString, size_t> m_index;
    };
    TargetTable m_targets; // OUTPUT (loaded targets)
    QHash<QString, QString> m_splitterNodes; // splitter name → key
    int m_splitterDepth = 0;
    std::optional<Diagnostic> m_error;
};

bool Compilation::recordServiceProtocol(const ServiceKey &sid, const ServiceEntries &entries, const Provenance &cause)
{
    // Consul: service-defaults wins even with an empty Protocol; then proxy-defaults; then tcp.
    // The provenance is only built when it is kept (the first service) or reported (a mismatch).
    QString protocol;
    const Entry *pd = nullptr;
    if (const Entry *sd = entries.serviceDefaults) {
        if (const auto *body = sd->as<config::ServiceDefaults>())
            protocol = body->protocol;
    } else if ((pd = m_index.proxyDefaults(sid.ap, m_ce))) {
        const auto *body = pd->as<config::ProxyDefaults>();
        if (body && !body->protocol.isEmpty())
            protocol = body->protocol;
        else
            pd = nullptr;
    }
    protocol = protocol.isEmpty() ? QStringLiteral("tcp") : protocol.toLower();
    if (!m_protocol.isEmpty() && m_protocol == protocol)
        return true;

    Provenance source = cause;
    if (const Entry *sd = entries.serviceDefaults)
        source = provenanceOf(sd, QStringLiteral("Protocol"), treeSpan(*sd, u"Protocol"));
    else if (pd)
        source = provenanceOf(pd, QStringLiteral("Config.protocol"), treeSpan(*pd, u"Config", u"protocol"));

    if (m_protocol.isEmpty()) {
        m_protocol = protocol;
        m_protocolService = sid;
        m_protocolSource = std::move(source);
        return true;
    }
    QList<SourceSpan> related;
    const SourceSpan first = m_protocolSource.fieldSpan.isValid() ? m_protocolSource.fieldSpan : m_protocolSource.entrySpan;
    if (first.isValid())
        related << first;
    return fail(codes::ProtocolMismatch,
                QStringLiteral("discovery chain ") + quoted(m_req.serviceName) + QStringLiteral(" uses inconsistent protocols; service ")
                    + quoted(sid.name) + QStringLiteral(" has ") + quoted(protocol) + QStringLiteral(" which is not ") + quoted(m_protocol),
                source, related);
}

QString Compilation::newTarget(TargetOpts opts)
{
    Q_ASSERT(!opts.service.isEmpty());
    if (opts.peer.isEmpty()) {
        if (opts.dc.isEmpty())
            opts.dc = m_req.evaluateInDatacenter;
        // Even CE keeps an explicit namespace/partition here (validation refuses them before this).
        if (opts.ns.isEmpty())
            opts.ns = m_ns;
        if (opts.ap.isEmpty())
            opts.ap = m_ap;
    } else {
        // Consul: peer targets only query the local catalog's imported copy, which lives in the
        // requesting partition; there is no datacenter and the namespace defaults to "default".
        opts.dc.clear();
        opts.ap = apOf(m_ap);
        opts.ns = nsOf(opts.ns);
    }

    // structs.ChainID
    QString id;
    if (!opts.peer.isEmpty())
        id = opts.service + u'.' + opts.ns + u'.' + opts.ap + QStringLiteral(".external.") + opts.peer;
    else if (opts.subset.isEmpty())
        id = opts.service + u'.' + opts.ns + u'.' + opts.ap + u'.' + opts.dc;
    else
        id = opts.subset + u'.' + opts.service + u'.' + opts.ns + u'.' + opts.ap + u'.' + opts.dc;
    if (m_targets.find(id))
        return id;

    ChainTarget &t = m_targets.add(id).target;
    t.service = opts.service;
    t.serviceSubset = opts.subset;
    t.namespace_ = opts.ns;
    t.partition = opts.ap;
    t.datacenter = opts.dc;
    t.peer = opts.peer;
    if (opts.peer.isEmpty()) {
        // connect.TargetSNI: the partition only appears (with the "internal-v1" marker) outside "default".
        const QString subsetPrefix = opts.subset.isEmpty() ? QString() : opts.subset + u'.';
        QString sni;
        if (opts.ap == kDefault)
            sni = subsetPrefix + opts.service + u'.' + opts.ns + u'.' + opts.dc + QStringLiteral(".internal.") + m_req.evaluateInTrustDomain;
        else
            sni = subsetPrefix + opts.service + u'.' + opts.ns + u'.' + opts.ap + u'.' + opts.dc + QStringLiteral(".internal-v1.")
                + m_req.evaluateInTrustDomain;
        t.sni = sni;
        t.name = std::move(sni);
    } else {
        for (const PeerInfo &p : m_req.peers) {
            if (p.name == opts.peer) {
                t.locality = p.remoteLocality;
                break;
            }
        }
    }
    return id;
}

QString Compilation::rewriteTarget(const QString &id, const TargetOpts &opts)
{
    const ChainTarget &t = m_targets.at(id).target;
    TargetOpts merged{t.service, t.serviceSubset, t.namespace_, t.partition, t.datacenter, t.peer};
    if (!opts.service.isEmpty() && opts.service != merged.service) {
        merged.service = opts.service;
        merged.subset.clear(); // another service's subsets mean nothing here
    }
    if (!opts.subset.isEmpty())
        merged.subset = opts.subset;
    if (!opts.ap.isEmpty())
        merged.ap = opts.ap;
    if (!opts.ns.isEmpty() || !opts.peer.isEmpty())
        merged.ns = opts.ns;
    if (!opts.dc.isEmpty())
        merged.dc = opts.dc;
    merged.peer = opts.peer;
    return newTarget(std::move(merged));
}

// A path of one hop, moved in (an initializer list would copy the hop and its provenance).
QList<Hop> onePath(Hop hop)
{
    QList<Hop> path;
    path.reserve(4); // room for the redirect / DefaultSubset hops that may follow
    path.append(std::move(hop));
    return path;
}

void Compilation::recordPath(const QString &targetId, const QList<Hop> &path)
{
    Loaded *loaded = m_targets.find(targetId);
    if (!loaded || loaded->target.paths.contains(path))
        return;
    loaded->target.paths.append(path);
}

QString Compilation::getSplitterOrResolverNode(const QString &targetId, const Provenance &cause)
{
    const ServiceKey sid = keyOf(m_targets.at(targetId).target);
    const QString splitter = getSplitterNode(sid);
    if (m_error)
        return {};
    if (!splitter.isEmpty())
        return splitter;
    const QString id = getResolverNode(targetId, false, onePath(Hop{Hop::Kind::Primary, {}, targetId, cause, -1}), cause);
    return id.isEmpty() ? QString() : nodeKey(NodeType::Resolver, id);
}

QString Compilation::getSplitterNode(const ServiceKey &sid)
{
    // Most services have no splitter: find that out before building the node name.
    const Entry *entry = m_index.service(sid, m_ce).splitter;
    if (!entry)
        return {};
    const QString name = sid.name + u'.' + sid.ns + u'.' + sid.ap;
    if (auto it = m_splitterNodes.constFind(name); it != m_splitterNodes.cend())
        return *it;

    if (entry && m_disableAdvancedRouting) {
        entry = nullptr;
        m_customizedBy.protocol = true;
    }
    const auto *splitter = entry ? entry->as<config::ServiceSplitter>() : nullptr;
    if (!splitter)
        return {};

    if (m_splitterDepth >= kMaxSplitterDepth) {
        fail(codes::NestingTooDeep,
             QStringLiteral("splitters are nested more than %1 levels deep (chainscope limit)").arg(kMaxSplitterDepth),
             provenanceOf(entry));
        return {};
    }

    ChainNode node;
    node.type = NodeType::Splitter;
    node.name = name;
    node.source = provenanceOf(entry);
    const QString key = node.key();
    // Recorded before recursing so a loop below finds it (and detectCircularReferences reports it).
    m_nodes[key] = std::move(node); // (QMap::insert would copy)
    m_splitterNodes.insert(name, key);

    QList<ChainSplit> splits;
    splits.reserve(splitter->splits.size());
    std::optional<config::LoadBalancer> lb;
    ++m_splitterDepth;
    for (qsizetype i = 0; i < splitter->splits.size(); ++i) {
        const config::ServiceSplit &split = splitter->splits.at(i);
        ChainSplit leg;
        leg.definition = split;
        leg.weight = roundWeight(double(split.weight));
        leg.source = provenanceOf(entry, QStringLiteral("Splits[") + QString::number(i) + u']', split.span);

        // In CE a split's Namespace/Partition are ignored (split.GetEnterpriseMeta).
        const ServiceKey splitId{split.service.isEmpty() ? sid.name : split.service, m_ce || split.namespace_.isEmpty() ? sid.ns : split.namespace_,
                                 m_ce || split.partition.isEmpty() ? sid.ap : split.partition};

        if (!(splitId == sid) && split.serviceSubset.isEmpty()) {
            const QString next = getSplitterNode(splitId);
            if (m_error) {
                --m_splitterDepth;
                return {};
            }
            if (!next.isEmpty()) {
                leg.nextNode = next;
                splits.append(std::move(leg));
                continue;
            }
        }

        const QString tid = newTarget({splitId.name, split.serviceSubset, splitId.ns, splitId.ap, {}, {}});
        const QString rid = getResolverNode(tid, false, onePath(Hop{Hop::Kind::Primary, {}, tid, leg.source, -1}), leg.source);
        if (rid.isEmpty()) {
            --m_splitterDepth;
            return {};
        }
        leg.nextNode = nodeKey(NodeType::Resolver, rid);
        // Only one hash policy can apply to the splitter's route: the first hash-based resolver LB wins.
        if (!lb) {
            const ChainNode &resolverNode = m_nodes[leg.nextNode];
            if (resolverNode.loadBalancer && resolverNode.loadBalancer->isHashBased())
                lb = resolverNode.loadBalancer;
        }
        splits.append(std::move(leg));
    }
    --m_splitterDepth;

    ChainNode &stored = m_nodes[key];
    stored.splits = std::move(splits);
    stored.loadBalancer = std::move(lb);
    m_usesAdvancedRouting = true;
    return key;
}

QString Compilation::getResolverNode(QString targetId, bool forFailover, QList<Hop> path, const Provenance &cause)
{
    QVarLengthArray<QString, 4> redirectOrder; // redirect chains are short: no allocation, a list beats a hash
    // What last set the target's subset (for locating a missing-subset error).
    qsizetype subsetHop = -1; // the path's hop that last set the subset (for a missing-subset error); -1: `cause`
    const Entry *entry = nullptr;
    const ServiceEntries *serviceEntries = nullptr;

    for (;;) {
        Loaded &loaded = m_targets.at(targetId);
        if (loaded.hasNode) {
            recordPath(targetId, path);
            return targetId;
        }
        const ServiceKey sid = keyOf(loaded.target);
        // Consul only checks protocols of local targets (a peer's protocol is not known here).
        const ServiceEntries &found = m_index.service(sid, m_ce);
        serviceEntries = &found;
        if (loaded.target.peer.isEmpty() && !recordServiceProtocol(sid, found, cause))
            return {};

        entry = found.resolver;
        const config::ServiceResolver &resolver = resolverBody(entry);

        if (redirectOrder.contains(targetId)) {
            redirectOrder << targetId;
            fail(codes::CircularRedirect,
                 QStringLiteral("detected circular resolver redirect: [") + QStringList(redirectOrder.cbegin(), redirectOrder.cend()).join(QStringLiteral(" -> ")) + u']',
                 provenanceOf(entry, QStringLiteral("Redirect"), resolver.redirect ? resolver.redirect->span : SourceSpan{}));
            return {};
        }
        redirectOrder << targetId;

        // Redirects to sameness groups are failovers (handled below).
        if (resolver.redirect && resolver.redirect->samenessGroup.isEmpty()) {
            const config::ResolverRedirect &r = *resolver.redirect;
            const QString redirected = rewriteTarget(targetId, {r.service, r.serviceSubset, r.namespace_, r.partition, r.datacenter, r.peer});
            if (redirected != targetId) {
                path.append(Hop{Hop::Kind::Redirect, targetId, redirected, provenanceOf(entry, QStringLiteral("Redirect"), r.span), -1});
                if (!r.serviceSubset.isEmpty())
                    subsetHop = path.size() - 1;
                targetId = redirected;
                continue;
            }
        }

        if (loaded.target.serviceSubset.isEmpty() && !resolver.defaultSubset.isEmpty()) {
            const QString withSubset = rewriteTarget(targetId, {{}, resolver.defaultSubset, {}, {}, {}, {}});
            path.append(Hop{Hop::Kind::DefaultSubset, targetId, withSubset, provenanceOf(entry, QStringLiteral("DefaultSubset"), treeSpan(*entry, u"DefaultSubset")), -1});
            subsetHop = path.size() - 1;
            targetId = withSubset;
            continue;
        }
        break;
    }

    const config::ServiceResolver &resolver = resolverBody(entry);
    Loaded *loadedTarget = &m_targets.at(targetId);
    ChainTarget *target = &loadedTarget->target;
    const ServiceKey sid = keyOf(*target);

    if (!target->serviceSubset.isEmpty() && !resolver.subsets.contains(target->serviceSubset)) {
        QList<SourceSpan> related;
        if (entry)
            related << entry->span;
        fail(codes::SubsetMissing,
             QStringLiteral("service ") + quoted(target->service) + QStringLiteral(" does not have a subset named ") + quoted(target->serviceSubset),
             subsetHop < 0 ? cause : path.at(subsetHop).via, related);
        return {};
    }

    Duration connectTimeout = resolver.connectTimeout;
    if (connectTimeout.count() < 1)
        connectTimeout = std::chrono::seconds(5);
    if (m_req.overrideConnectTimeout.count() > 0 && connectTimeout != m_req.overrideConnectTimeout) {
        connectTimeout = m_req.overrideConnectTimeout;
        m_customizedBy.connectTimeout = true;
    }
    target->connectTimeout = connectTimeout;
    target->source = provenanceOf(entry);
    const Provenance &entrySource = target->source;

    ChainNode node;
    node.type = NodeType::Resolver;
    node.name = targetId;
    node.source = entrySource;
    node.resolver = ChainResolver{entry ? resolver.isDefault() : true, connectTimeout, resolver.requestTimeout, targetId, std::nullopt};
    node.loadBalancer = resolver.loadBalancer;

    const Entry *proxyDefaultsEntry = m_index.proxyDefaults(sid.ap, m_ce);
    const config::ProxyDefaults *proxyDefaults = proxyDefaultsEntry ? proxyDefaultsEntry->as<config::ProxyDefaults>() : nullptr;

    // PrioritizeByLocality only applies to local targets in the requesting partition.
    if (target->partition == m_ap && target->peer.isEmpty()) {
        if (resolver.prioritizeByLocality)
            target->prioritizeByLocality = resolver.prioritizeByLocality;
        else if (proxyDefaults && proxyDefaults->prioritizeByLocality)
            target->prioritizeByLocality = proxyDefaults->prioritizeByLocality;
    }

    if (auto it = resolver.subsets.constFind(target->serviceSubset); it != resolver.subsets.cend())
        target->subset = TargetSubset{it->filter, it->onlyPassing};
    else
        target->subset = {};

    // The loop's last lookup was for this very service.
    const Entry *serviceDefaultsEntry = serviceEntries->serviceDefaults;
    const config::ServiceDefaults *serviceDefaults = serviceDefaultsEntry ? serviceDefaultsEntry->as<config::ServiceDefaults>() : nullptr;
    if (serviceDefaults && !serviceDefaults->externalSNI.isEmpty()) {
        target->sni = serviceDefaults->externalSNI;
        target->external = true;
    }

    if (target->external) {
        const QString prefix = QStringLiteral("service ") + quoted(target->service) + QStringLiteral(" has an external SNI set; ");
        QList<SourceSpan> related;
        related << treeSpan(*serviceDefaultsEntry, u"ExternalSNI");
        if (resolver.redirect) {
            fail(codes::ExternalSniRedirect, prefix + QStringLiteral("cannot define redirects for external services"),
                 provenanceOf(entry, QStringLiteral("Redirect"), resolver.redirect->span), related);
            return {};
        }
        if (!resolver.subsets.isEmpty()) {
            fail(codes::ExternalSniSubsets, prefix + QStringLiteral("cannot define subsets for external services"),
                 provenanceOf(entry, QStringLiteral("Subsets"), treeSpan(*entry, u"Subsets")), related);
            return {};
        }
        if (!resolver.failover.isEmpty()) {
            fail(codes::ExternalSniFailover, prefix + QStringLiteral("cannot define failover for external services"),
                 provenanceOf(entry, QStringLiteral("Failover"), treeSpan(*entry, u"Failover")), related);
            return {};
        }
        // External services bypass mesh gateways.
        target->meshGateway = {};
    } else {
        target->meshGateway = serviceDefaults ? serviceDefaults->meshGateway : config::MeshGatewayConfig{};
        if (proxyDefaults && target->meshGateway.mode.isEmpty())
            target->meshGateway.mode = proxyDefaults->meshGateway.mode;
        if (!m_req.overrideMeshGateway.mode.isEmpty() && target->meshGateway.mode != m_req.overrideMeshGateway.mode) {
            target->meshGateway.mode = m_req.overrideMeshGateway.mode;
            m_customizedBy.meshGateway = true;
        }
    }

    const QString service = target->service;
    const QString subsetName = target->serviceSubset;
    loadedTarget->retained = true;
    // m_targets grows below (failover rewrites); don't hold on to an element.
    target = nullptr;
    loadedTarget = nullptr;
    recordPath(targetId, path);

    // A failover target is resolved (redirects, default subset, settings) but gets no node of its own,
    // and its own failover is not followed.
    if (forFailover)
        return targetId;

    const QString key = node.key();
    m_nodes[key] = std::move(node); // (QMap::insert would copy)
    m_targets.at(targetId).hasNode = true;

    std::optional<config::FailoverPolicy> policy;
    if (proxyDefaults)
        policy = proxyDefaults->failoverPolicy;

    if (resolver.redirect && !resolver.redirect->samenessGroup.isEmpty()) {
        // chainscope loads no sameness-group entries, so every group is missing.
        fail(codes::SamenessGroupMissing, QStringLiteral("sameness group missing for service ") + quoted(service),
             provenanceOf(entry, QStringLiteral("Redirect.SamenessGroup"), resolver.redirect->span));
        return {};
    }

    struct Candidate {
        QString id;
        Provenance via;
    };
    QList<Candidate> candidates;
    if (!resolver.failover.isEmpty()) {
        QString sectionKey = subsetName;
        auto section = resolver.failover.constFind(sectionKey);
        if (section == resolver.failover.cend()) {
            sectionKey = QStringLiteral("*");
            section = resolver.failover.constFind(sectionKey);
        }
        if (section == resolver.failover.cend())
            return targetId;

        const config::ResolverFailover &f = *section;
        const QString field = failoverField(sectionKey);
        if (f.policy)
            policy = f.policy;

        if (!f.datacenters.isEmpty()) {
            const config::Value *dcs = treeFind(treeFind(treeFind(&entry->tree, u"Failover"), sectionKey), u"Datacenters");
            for (qsizetype i = 0; i < f.datacenters.size(); ++i) {
                const QString id = rewriteTarget(targetId, {f.service, f.serviceSubset, f.namespace_, {}, f.datacenters.at(i), {}});
                if (id == targetId)
                    continue; // never fail over to yourself
                SourceSpan span = dcs && dcs->isList() && i < dcs->items().size() ? dcs->items().at(i).span() : f.span;
                candidates.append({id, provenanceOf(entry, field + QStringLiteral(".Datacenters[") + QString::number(i) + u']', span)});
            }
        } else if (!f.targets.isEmpty()) {
            for (qsizetype i = 0; i < f.targets.size(); ++i) {
                const config::FailoverTarget &ft = f.targets.at(i);
                const QString id = rewriteTarget(targetId, {ft.service, ft.serviceSubset, ft.namespace_, ft.partition, ft.datacenter, ft.peer});
                if (id == targetId)
                    continue;
                candidates.append({id, provenanceOf(entry, field + QStringLiteral(".Targets[") + QString::number(i) + u']', ft.span)});
            }
        } else if (!f.samenessGroup.isEmpty()) {
            fail(codes::SamenessGroupMissing, QStringLiteral("sameness group missing for service ") + quoted(service),
                 provenanceOf(entry, field + QStringLiteral(".SamenessGroup"), f.span));
            return {};
        } else {
            const QString id = rewriteTarget(targetId, {f.service, f.serviceSubset, f.namespace_, {}, {}, {}});
            if (id != targetId)
                candidates.append({id, provenanceOf(entry, field, f.span)});
        }
    }

    if (candidates.isEmpty())
        return targetId;

    ChainFailover failover;
    failover.policy = policy;
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        Candidate &c = candidates[i];
        const QString resolved = getResolverNode(c.id, true, onePath(Hop{Hop::Kind::Failover, targetId, c.id, c.via, int(i)}), c.via);
        if (resolved.isEmpty())
            return {};
        failover.targets << resolved;
        failover.sources << std::move(c.via);
    }
    m_nodes[key].resolver->failover = std::move(failover);
    return targetId;
}

bool Compilation::assembleChain()
{
    const ServiceKey sid{m_req.serviceName, nsOf(m_ns), apOf(m_ap)};
    const Provenance start = provenanceOf(nullptr, QString());

    const Entry *routerEntry = m_index.service(sid, m_ce).router;
    if (routerEntry && m_disableAdvancedRouting) {
        routerEntry = nullptr;
        m_customizedBy.protocol = true;
    }
    const auto *router = routerEntry ? routerEntry->as<config::ServiceRouter>() : nullptr;
    if (!router) {
        m_startNode = getSplitterOrResolverNode(newTarget({m_req.serviceName, {}, {}, {}, {}, {}}), start);
        return !m_startNode.isEmpty();
    }

    const QString routerNs = nsOf(routerEntry->namespace_);
    const QString routerAp = apOf(routerEntry->partition);
    const ServiceKey routerId{routerEntry->name, routerNs, routerAp};

    ChainNode node;
    node.type = NodeType::Router;
    node.name = routerId.name + u'.' + routerNs + u'.' + routerAp;
    node.source = provenanceOf(routerEntry);
    node.routes.reserve(router->routes.size() + 1);
    m_usesAdvancedRouting = true;
    if (!recordServiceProtocol(routerId, m_index.service(routerId, m_ce), provenanceOf(routerEntry)))
        return false;

    for (qsizetype i = 0; i < router->routes.size(); ++i) {
        const config::ServiceRoute &route = router->routes.at(i);
        ChainRoute compiled;
        compiled.definition = route;
        compiled.source = provenanceOf(routerEntry, QStringLiteral("Routes[") + QString::number(i) + u']', route.span);

        // A route without Destination goes to the chain's own service.
        config::RouteDestination dest;
        if (route.destination)
            dest = *route.destination;
        const QString svc = dest.service.isEmpty() ? m_req.serviceName : dest.service;
        const QString ns = dest.namespace_.isEmpty() ? routerNs : dest.namespace_;
        const QString ap = dest.partition.isEmpty() ? routerAp : dest.partition;

        QString next;
        if (dest.serviceSubset.isEmpty()) {
            next = getSplitterOrResolverNode(newTarget({svc, {}, ns, ap, {}, {}}), compiled.source);
        } else {
            const QString tid = newTarget({svc, dest.serviceSubset, ns, ap, {}, {}});
            const QString rid = getResolverNode(tid, false, onePath(Hop{Hop::Kind::Primary, {}, tid, compiled.source, -1}), compiled.source);
            if (!rid.isEmpty())
                next = nodeKey(NodeType::Resolver, rid);
        }
        if (next.isEmpty())
            return false;
        compiled.nextNode = next;
        node.routes.append(std::move(compiled));
    }

    // The catch-all route at the end sends unmatched traffic on to the router service itself.
    ChainRoute catchAll;
    catchAll.implicit = true;
    catchAll.source = provenanceOf(nullptr, QStringLiteral("(catch-all route)"));
    config::HttpRouteMatch http;
    http.pathPrefix = QStringLiteral("/");
    catchAll.definition.match = config::RouteMatch{http};
    config::RouteDestination dest;
    dest.service = routerEntry->name;
    dest.namespace_ = routerNs;
    dest.partition = routerAp;
    catchAll.definition.destination = dest;
    catchAll.nextNode = getSplitterOrResolverNode(newTarget({routerEntry->name, {}, routerNs, routerAp, {}, {}}), catchAll.source);
    if (catchAll.nextNode.isEmpty())
        return false;
    node.routes.append(std::move(catchAll));

    m_startNode = node.key();
    m_nodes[m_startNode] = std::move(node);
    return true;
}

// The nodes as a flat array in key order, so the graph walks below run on indices (no string hashing, no
// per-node allocations: this was a tenth of every compile as QSet/QStringList code).
struct NodeIndex {
    std::vector<std::pair<const QString *, const ChainNode *>> nodes;

    explicit NodeIndex(const QMap<QString, ChainNode> &map)
    {
        nodes.reserve(size_t(map.size()));
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            nodes.emplace_back(&it.key(), &it.value());
    }
    /** Index of the node with this key, -1 if there is none. */
    [[nodiscard]] qsizetype find(const QString &key) const
    {
        const auto it = std::lower_bound(nodes.cbegin(), nodes.cend(), key, [](const auto &n, const QString &k) { return *n.first < k; });
        return it != nodes.cend() && *it->first == key ? qsizetype(it - nodes.cbegin()) : -1;
    }
    /** Number of outgoing edges (routes, then splits). */
    [[nodiscard]] qsizetype childCount(qsizetype i) const { return nodes[size_t(i)].second->routes.size() + nodes[size_t(i)].second->splits.size(); }
    /** The key of edge c (routes first, then splits). */
    [[nodiscard]] const QString &child(qsizetype i, qsizetype c) const
    {
        const ChainNode &n = *nodes[size_t(i)].second;
        return c < n.routes.size() ? n.routes[c].nextNode : n.splits[c - n.routes.size()].nextNode;
    }
};

bool Compilation::detectCircularReferences()
{
    // Consul walks depth first with an explicit stack, taking the children of a node last-pushed-first,
    // and reports the current path when it meets a node already on it. We walk in the same order, so the
    // reported cycle reads the same; unlike Consul we never re-enter a finished node (nothing below it can
    // close a cycle), which keeps diamond-shaped meshes linear instead of exponential.
    const NodeIndex index(m_nodes);
    enum : char { Unseen, OnPath, Done };
    std::vector<char> state(index.nodes.size(), Unseen);
    struct Frame {
        qsizetype node;  // index, or -1 for a key with no node (nothing below it)
        qsizetype next;  // children taken so far, counting from the last
    };
    std::vector<Frame> stack;
    const auto push = [&](const QString &key) {
        const qsizetype i = index.find(key);
        if (i >= 0)
            state[size_t(i)] = OnPath;
        stack.push_back(Frame{i, 0});
    };
    push(m_startNode);
    while (!stack.empty()) {
        Frame &top = stack.back();
        const qsizetype count = top.node < 0 ? 0 : index.childCount(top.node);
        if (top.next == count) {
            if (top.node >= 0)
                state[size_t(top.node)] = Done;
            stack.pop_back();
            continue;
        }
        const QString &child = index.child(top.node, count - 1 - top.next++);
        const qsizetype c = index.find(child);
        if (c >= 0 && state[size_t(c)] == OnPath) {
            QStringList chain;
            for (const Frame &f : stack)
                chain << *index.nodes[size_t(f.node)].first;
            chain << child;
            // Locate it at the route/split that closes the loop.
            const ChainNode &from = *index.nodes[size_t(stack.back().node)].second;
            Provenance where = from.source;
            for (const ChainSplit &sp : from.splits) {
                if (sp.nextNode == child) {
                    where = sp.source;
                    break;
                }
            }
            for (const ChainRoute &r : from.routes) {
                if (r.nextNode == child) {
                    where = r.source;
                    break;
                }
            }
            return fail(codes::CircularReference, QStringLiteral("detected circular reference: [") + chain.join(QStringLiteral(" -> ")) + u']', where);
        }
        if (c >= 0 && state[size_t(c)] == Done)
            continue;
        push(child);
    }
    return true;
}

bool Compilation::flattenAdjacentSplitterNodes()
{
    for (;;) {
        bool anyChanged = false;
        for (auto it = m_nodes.begin(); it != m_nodes.end(); ++it) {
            if (it->type != NodeType::Splitter)
                continue;
            bool changed = false;
            QList<ChainSplit> fixed;
            fixed.reserve(it->splits.size());
            for (const ChainSplit &split : std::as_const(it->splits)) {
                const auto next = m_nodes.constFind(split.nextNode);
                if (next == m_nodes.cend() || next->type != NodeType::Splitter) {
                    fixed.append(split);
                    continue;
                }
                changed = true;
                for (const ChainSplit &inner : next->splits) {
                    ChainSplit leg;
                    leg.weight = roundWeight(split.weight * inner.weight / 100.0);
                    leg.nextNode = inner.nextNode;
                    leg.definition = mergeParent(inner.definition, split.definition);
                    leg.source = inner.source;
                    leg.flattenedFrom = split.flattenedFrom;
                    leg.flattenedFrom << split.source;
                    leg.flattenedFrom << inner.flattenedFrom;
                    fixed.append(std::move(leg));
                    if (fixed.size() > kMaxSplitLegs)
                        return fail(codes::TooManySplits,
                                    QStringLiteral("flattening nested splitters gives more than %1 splits (chainscope limit)").arg(kMaxSplitLegs),
                                    it->source);
                }
            }
            if (changed) {
                it->splits = std::move(fixed);
                anyChanged = true;
            }
        }
        if (!anyChanged)
            return true;
    }
}

void Compilation::removeUnusedNodes()
{
    const NodeIndex index(m_nodes);
    std::vector<char> visited(index.nodes.size(), 0);
    qsizetype reached = 0;
    std::vector<qsizetype> todo;
    if (const qsizetype start = index.find(m_startNode); start >= 0)
        todo.push_back(start);
    while (!todo.empty()) {
        const qsizetype next = todo.back();
        todo.pop_back();
        if (visited[size_t(next)])
            continue;
        visited[size_t(next)] = 1;
        ++reached;
        for (qsizetype c = 0, n = index.childCount(next); c < n; ++c) {
            if (const qsizetype i = index.find(index.child(next, c)); i >= 0 && !visited[size_t(i)])
                todo.push_back(i);
        }
    }
    if (reached == m_nodes.size())
        return;
    // Erase in key order, which is index order.
    size_t i = 0;
    for (auto it = m_nodes.begin(); it != m_nodes.end(); ++i) {
        if (visited[i])
            ++it;
        else
            it = m_nodes.erase(it);
    }
}

bool Compilation::determineIfDefaultChain() const
{
    if (m_startNode.isEmpty() || m_nodes.isEmpty())
        return true;
    const ChainNode *node = &*m_nodes.constFind(m_startNode);
    if (node->type != NodeType::Resolver || !node->resolver || !node->resolver->isDefault)
        return false;
    const Loaded *t = m_targets.find(node->resolver->target);
    return t && t->target.service == m_req.serviceName && t->target.namespace_ == m_ns && t->target.partition == m_ap;
}

Result<CompiledChain> Compilation::run()
{
    Result<CompiledChain> result;
    const auto requestError = [&](const char *what) {
        Diagnostic d;
        d.code = codes::RequestInvalid;
        d.message = QString::fromLatin1(what) + QStringLiteral(" is required");
        result.diagnostics << d;
        return result;
    };
    if (m_req.serviceName.isEmpty())
        return requestError("serviceName");
    if (m_req.evaluateInNamespace.isEmpty())
        return requestError("evaluateInNamespace");
    if (m_req.evaluateInPartition.isEmpty())
        return requestError("evaluateInPartition");
    if (m_req.evaluateInDatacenter.isEmpty())
        return requestError("evaluateInDatacenter");
    if (m_req.evaluateInTrustDomain.isEmpty())
        return requestError("evaluateInTrustDomain");

    const bool ok = assembleChain() && detectCircularReferences() && flattenAdjacentSplitterNodes();
    if (!ok) {
        Q_ASSERT(m_error);
        if (m_error)
            result.diagnostics << *m_error;
        return result;
    }
    removeUnusedNodes();

    if (!isHttpLike(m_protocol) && m_usesAdvancedRouting) {
        // Locate it at the first router or splitter that asks for L7 behaviour.
        Provenance where = m_protocolSource;
        for (const ChainNode &n : std::as_const(m_nodes)) {
            if (n.type != NodeType::Resolver) {
                where = n.source;
                break;
            }
        }
        if (const ChainNode *start = &m_nodes[m_startNode]; start->type != NodeType::Resolver)
            where = start->source;
        QList<SourceSpan> related;
        const SourceSpan protocolSpan = m_protocolSource.fieldSpan.isValid() ? m_protocolSource.fieldSpan : m_protocolSource.entrySpan;
        if (protocolSpan.isValid())
            related << protocolSpan;
        fail(codes::AdvancedRouting,
             QStringLiteral("discovery chain ") + quoted(m_req.serviceName) + QStringLiteral(" uses a protocol ") + quoted(m_protocol)
                 + QStringLiteral(" that does not permit advanced routing or splitting behavior"),
             where, related);
        result.diagnostics << *m_error;
        return result;
    }

    if (!m_req.overrideProtocol.isEmpty() && m_req.overrideProtocol != m_protocol) {
        m_protocol = m_req.overrideProtocol;
        m_customizedBy.protocol = true;
    }

    CompiledChain chain;
    if (m_customizedBy.meshGateway || m_customizedBy.protocol || m_customizedBy.connectTimeout) {
        // Only the overrides that changed something take part, as in Consul.
        QByteArray key = "chainscope-customization/1";
        if (m_customizedBy.meshGateway)
            key += "\nmesh-gateway=" + m_req.overrideMeshGateway.mode.toUtf8();
        if (m_customizedBy.protocol)
            key += "\nprotocol=" + m_req.overrideProtocol.toUtf8();
        if (m_customizedBy.connectTimeout)
            key += "\nconnect-timeout=" + QByteArray::number(qint64(m_req.overrideConnectTimeout.count()));
        chain.customizationHash = QStringLiteral("%1").arg(fnv1a(key), 16, 16, QLatin1Char('0')).left(8);
    }

    chain.serviceName = m_req.serviceName;
    chain.namespace_ = m_req.evaluateInNamespace;
    chain.partition = m_req.evaluateInPartition;
    chain.datacenter = m_req.evaluateInDatacenter;
    chain.isDefault = determineIfDefaultChain();
    chain.protocol = m_protocol;
    if (const Entry *sd = m_index.service(ServiceKey{m_req.serviceName, nsOf(m_ns), apOf(m_ap)}, m_ce).serviceDefaults)
        chain.serviceMeta = sd->meta;
    chain.startNode = m_startNode;
    chain.nodes = std::move(m_nodes);
    // Moved into a std::map first: QMap::insert copies and operator[] default-constructs, then assigns.
    std::map<QString, ChainTarget> targets;
    for (Loaded &l : m_targets.items()) {
        if (l.retained) {
            QString id = l.target.id;
            targets.emplace(std::move(id), std::move(l.target));
        }
    }
    chain.targets = QMap<QString, ChainTarget>(std::move(targets));
    result.value = std::move(chain);
    return result;
}

} // namespace

// ---- public API ----------------------------------------------------------------------------------

ChainCompiler::ChainCompiler(QList<config::Entry> entries)
    : m_index(std::make_unique<EntryIndex>(std::move(entries)))
{
}

ChainCompiler::~ChainCompiler() = default;
ChainCompiler::ChainCompiler(ChainCompiler &&) noexcept = default;
ChainCompiler &ChainCompiler::operator=(ChainCompiler &&) noexcept = default;

Result<CompiledChain> ChainCompiler::compile(const CompileRequest &request) const
{
    Compilation c(*m_index, request);
    return c.run();
}

const QList<config::Entry> &ChainCompiler::entries() const
{
    return m_index->entries();
}

Result<CompiledChain> compile(const QList<config::Entry> &entries, const CompileRequest &request)
{
    return ChainCompiler(entries).compile(request);
}

Diagnostics checkGraph(const QList<config::Entry> &entries, const CheckOptions &options)
{
    const bool ce = options.edition == config::Edition::CE;
    // Every chain an entry names, in that entry's namespace and partition (CE: all "default").
    QMap<std::tuple<QString, QString, QString>, bool> chains;
    for (const Entry &e : entries) {
        switch (e.kind) {
        case EntryKind::ServiceResolver:
        case EntryKind::ServiceRouter:
        case EntryKind::ServiceSplitter:
        case EntryKind::ServiceDefaults:
            if (!e.name.isEmpty() && e.name != u"*")
                chains.insert({e.name, ce ? kDefault : config::orDefault(e.namespace_), ce ? kDefault : config::orDefault(e.partition)}, true);
            break;
        case EntryKind::ServiceIntentions:
        case EntryKind::ProxyDefaults:
            break;
        }
    }

    const ChainCompiler compiler(entries);
    Diagnostics out;
    for (auto it = chains.cbegin(); it != chains.cend(); ++it) {
        CompileRequest request;
        request.serviceName = std::get<0>(it.key());
        request.evaluateInNamespace = std::get<1>(it.key());
        request.evaluateInPartition = std::get<2>(it.key());
        request.evaluateInDatacenter = options.datacenter;
        request.evaluateInTrustDomain = options.trustDomain;
        request.edition = options.edition;
        const Result<CompiledChain> r = compiler.compile(request);
        for (const Diagnostic &d : r.diagnostics) {
            // The same broken entry breaks every chain through it; report it once, at its place.
            const bool seen = std::any_of(out.cbegin(), out.cend(), [&](const Diagnostic &o) {
                return o.code == d.code && o.where == d.where && o.field == d.field;
            });
            if (!seen)
                out << d;
        }
    }

    // Consul: service-intentions with L7 Permissions need an HTTP-like chain protocol at a non-wildcard
    // destination (config.md §4.3), re-checked whenever defaults or chain entries change.
    for (const Entry &e : entries) {
        const auto *intentions = e.as<config::ServiceIntentions>();
        if (!intentions || e.name.isEmpty() || e.name == u"*")
            continue;
        qsizetype withPermissions = -1;
        for (qsizetype i = 0; i < intentions->sources.size(); ++i) {
            if (!intentions->sources[i].permissions.isEmpty()) {
                withPermissions = i;
                break;
            }
        }
        if (withPermissions < 0)
            continue;
        CompileRequest request;
        request.serviceName = e.name;
        request.evaluateInNamespace = ce ? kDefault : config::orDefault(e.namespace_);
        request.evaluateInPartition = ce ? kDefault : config::orDefault(e.partition);
        request.evaluateInDatacenter = options.datacenter;
        request.evaluateInTrustDomain = options.trustDomain;
        request.edition = options.edition;
        const Result<CompiledChain> r = compiler.compile(request);
        if (!r || isHttpLike(r->protocol))
            continue;
        const QString path = QStringLiteral("Sources[%1].Permissions").arg(withPermissions);
        Diagnostic d;
        d.code = codes::L7IntentionsProtocol;
        d.message = QStringLiteral("service \"%1\" has protocol \"%2\", which is incompatible with L7 intentions permissions")
                        .arg(e.name, r->protocol);
        const SourceSpan &sourceSpan = intentions->sources[withPermissions].span;
        d.where = sourceSpan.isValid() ? sourceSpan : e.spanOf(path);
        d.field = config::displayFieldPath(e, path);
        out << d;
    }
    return out;
}

} // namespace chainscope::chain
