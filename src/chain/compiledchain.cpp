#include "chain/compiledchain.h"

namespace chainscope::chain {

namespace {

// The chain module only ever names the kinds that shape a chain; kept local so this file needs nothing
// from config/ at link time.
QString entryKindName(config::EntryKind kind)
{
    switch (kind) {
    case config::EntryKind::ServiceResolver:
        return QStringLiteral("service-resolver");
    case config::EntryKind::ServiceRouter:
        return QStringLiteral("service-router");
    case config::EntryKind::ServiceSplitter:
        return QStringLiteral("service-splitter");
    case config::EntryKind::ServiceIntentions:
        return QStringLiteral("service-intentions");
    case config::EntryKind::ServiceDefaults:
        return QStringLiteral("service-defaults");
    case config::EntryKind::ProxyDefaults:
        return QStringLiteral("proxy-defaults");
    }
    Q_UNREACHABLE();
}

} // namespace

QString Provenance::toString() const
{
    if (synthesized || entryName.isEmpty())
        return QStringLiteral("(implicit)");
    QString s = entryKindName(kind) + u'/' + entryName;
    if (!namespace_.isEmpty() && namespace_ != u"default")
        s += QStringLiteral(" ns=") + namespace_;
    if (!partition.isEmpty() && partition != u"default")
        s += QStringLiteral(" ap=") + partition;
    if (!field.isEmpty())
        s += u' ' + field;
    return s;
}

QString hopKindName(Hop::Kind kind)
{
    switch (kind) {
    case Hop::Kind::Primary:
        return QStringLiteral("primary");
    case Hop::Kind::Redirect:
        return QStringLiteral("redirect");
    case Hop::Kind::DefaultSubset:
        return QStringLiteral("default-subset");
    case Hop::Kind::Failover:
        return QStringLiteral("failover");
    }
    Q_UNREACHABLE();
}

QString nodeTypeName(NodeType type)
{
    switch (type) {
    case NodeType::Router:
        return QStringLiteral("router");
    case NodeType::Splitter:
        return QStringLiteral("splitter");
    case NodeType::Resolver:
        return QStringLiteral("resolver");
    }
    Q_UNREACHABLE();
}

QString nodeKey(NodeType type, const QString &name)
{
    return nodeTypeName(type) + u':' + name;
}

QDebug operator<<(QDebug dbg, const Provenance &p)
{
    QDebugStateSaver saver(dbg);
    dbg.nospace() << "Provenance(" << p.toString();
    if (p.fieldSpan.isValid())
        dbg << " @" << p.fieldSpan.toString();
    else if (p.entrySpan.isValid())
        dbg << " @" << p.entrySpan.toString();
    dbg << ')';
    return dbg;
}

QDebug operator<<(QDebug dbg, const Hop &h)
{
    QDebugStateSaver saver(dbg);
    dbg.nospace() << "Hop(" << hopKindName(h.kind) << ' ' << h.from << " -> " << h.to;
    if (h.failoverIndex >= 0)
        dbg << " #" << h.failoverIndex;
    dbg << " via " << h.via.toString() << ')';
    return dbg;
}

QDebug operator<<(QDebug dbg, const ChainNode &n)
{
    QDebugStateSaver saver(dbg);
    dbg.nospace() << "ChainNode(" << n.key() << ", routes=" << n.routes.size() << ", splits=" << n.splits.size();
    if (n.resolver)
        dbg << ", target=" << n.resolver->target << ", failover=" << (n.resolver->failover ? n.resolver->failover->targets : QStringList());
    dbg << ')';
    return dbg;
}

QDebug operator<<(QDebug dbg, const ChainTarget &t)
{
    QDebugStateSaver saver(dbg);
    dbg.nospace() << "ChainTarget(" << t.id << ", sni=" << t.sni << ", paths=" << t.paths.size() << ')';
    return dbg;
}

} // namespace chainscope::chain
