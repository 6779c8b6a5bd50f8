#include "entrygenerator.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSet>

#include <algorithm>

namespace chainscope::difftest {

using namespace Qt::StringLiterals;

namespace {

const QStringList s_servicePool = {QStringLiteral("web"), QStringLiteral("api"), QStringLiteral("db"),
                                   QStringLiteral("cache"), QStringLiteral("auth"), QStringLiteral("billing")};
const QStringList s_subsetPool = {QStringLiteral("v1"), QStringLiteral("v2"), QStringLiteral("v3"), QStringLiteral("canary")};

class Draw
{
public:
    explicit Draw(quint64 seed)
        : m_random(static_cast<quint32>(seed ^ (seed >> 32)))
    {
    }

    /** True with the given probability (percent). */
    bool chance(int percent) { return int(m_random.bounded(100)) < percent; }
    int between(int low, int high) { return low + int(m_random.bounded(high - low + 1)); }
    template<class T>
    const T &pick(const QList<T> &list) { return list.at(int(m_random.bounded(qsizetype(list.size())))); }
    template<class T>
    void shuffle(QList<T> &list)
    {
        for (qsizetype i = list.size() - 1; i > 0; --i)
            list.swapItemsAt(i, qsizetype(m_random.bounded(i + 1)));
    }
    /** One of the values, weighted. */
    QString weighted(const QList<std::pair<QString, int>> &choices)
    {
        int total = 0;
        for (const auto &choice : choices)
            total += choice.second;
        int roll = int(m_random.bounded(total));
        for (const auto &choice : choices) {
            if (roll < choice.second)
                return choice.first;
            roll -= choice.second;
        }
        return choices.constLast().first;
    }

private:
    QRandomGenerator m_random;
};

QString filterFor(Draw &draw, const QString &subset)
{
    switch (draw.between(0, 5)) {
    case 0:
        return QStringLiteral("Service.Meta.version == %1").arg(subset);
    case 1:
        return QStringLiteral("\"%1\" in Service.Tags").arg(subset);
    case 2:
        return QStringLiteral("Service.Meta.version == \"%1\" and Service.Meta.track != canary").arg(subset);
    case 3:
        return QStringLiteral("Node.Meta.zone matches \"us-.*\" or Service.Meta.version == %1").arg(subset);
    case 4:
        return QStringLiteral("not Checks.Status == critical");
    default:
        return {};
    }
}

QJsonObject serviceDefaults(Draw &draw, const QString &name)
{
    QJsonObject entry{{u"Kind"_s, u"service-defaults"_s}, {u"Name"_s, name}};
    const QString protocol = draw.weighted({{u"http"_s, 62}, {u"http2"_s, 5}, {u"grpc"_s, 5}, {u"tcp"_s, 18}, {QString(), 10}});
    if (!protocol.isEmpty())
        entry.insert(u"Protocol"_s, protocol);
    if (draw.chance(15))
        entry.insert(u"MeshGateway"_s, QJsonObject{{u"Mode"_s, draw.pick(QStringList{u"local"_s, u"remote"_s, u"none"_s})}});
    return entry;
}

QJsonObject proxyDefaults(Draw &draw)
{
    QJsonObject entry{{u"Kind"_s, u"proxy-defaults"_s}, {u"Name"_s, u"global"_s}};
    entry.insert(u"Config"_s, QJsonObject{{u"protocol"_s, draw.weighted({{u"http"_s, 60}, {u"tcp"_s, 25}, {u"grpc"_s, 15}})}});
    if (draw.chance(30))
        entry.insert(u"MeshGateway"_s, QJsonObject{{u"Mode"_s, draw.pick(QStringList{u"local"_s, u"remote"_s})}});
    return entry;
}

QJsonObject failoverSection(Draw &draw, const QStringList &services, const QString &self)
{
    QJsonObject section;
    switch (draw.between(0, 9)) {
    case 0:
    case 1:
        section.insert(u"Service"_s, draw.pick(services));
        break;
    case 2:
    case 3:
        section.insert(u"ServiceSubset"_s, draw.pick(s_subsetPool));
        break;
    case 4:
    case 5:
    case 6: {
        QJsonArray dcs{u"dc2"_s};
        if (draw.chance(60))
            dcs.append(u"dc3"_s);
        if (draw.chance(10))
            dcs.append(u"dc1"_s); // the primary's own datacenter: Consul drops that target
        section.insert(u"Datacenters"_s, dcs);
        if (draw.chance(20))
            section.insert(u"Service"_s, draw.pick(services));
        break;
    }
    case 7:
    case 8:
        section.insert(u"Service"_s, draw.chance(30) ? self : draw.pick(services));
        section.insert(u"ServiceSubset"_s, draw.pick(s_subsetPool));
        break;
    default:
        break; // empty: "one of Service, ServiceSubset, ... is required"
    }
    return section;
}

QJsonObject serviceResolver(Draw &draw, const QString &name, const QStringList &services)
{
    QJsonObject entry{{u"Kind"_s, u"service-resolver"_s}, {u"Name"_s, name}};
    QStringList subsets;
    QJsonObject subsetMap;
    const int subsetCount = draw.chance(70) ? draw.between(1, 3) : 0;
    QStringList pool = s_subsetPool;
    draw.shuffle(pool);
    for (int i = 0; i < subsetCount; ++i) {
        QJsonObject subset;
        const QString filter = filterFor(draw, pool.at(i));
        if (!filter.isEmpty())
            subset.insert(u"Filter"_s, filter);
        if (draw.chance(25))
            subset.insert(u"OnlyPassing"_s, true);
        subsetMap.insert(pool.at(i), subset);
        subsets.append(pool.at(i));
    }
    if (!subsetMap.isEmpty())
        entry.insert(u"Subsets"_s, subsetMap);
    if (!subsets.isEmpty() && draw.chance(35))
        entry.insert(u"DefaultSubset"_s, draw.chance(90) ? draw.pick(subsets) : u"v9"_s);
    if (draw.chance(25))
        entry.insert(u"ConnectTimeout"_s, draw.pick(QStringList{u"3s"_s, u"15s"_s, u"1m30s"_s, u"250ms"_s}));

    const bool redirect = draw.chance(22);
    if (redirect) {
        QJsonObject target;
        if (draw.chance(75))
            target.insert(u"Service"_s, draw.pick(services));
        if (draw.chance(30))
            target.insert(u"ServiceSubset"_s, draw.pick(s_subsetPool));
        if (draw.chance(25))
            target.insert(u"Datacenter"_s, draw.pick(QStringList{u"dc1"_s, u"dc2"_s}));
        entry.insert(u"Redirect"_s, target);
    }
    if (draw.chance(redirect ? 8 : 35)) {
        QJsonObject failover;
        const int keys = draw.chance(75) ? 1 : 2;
        for (int i = 0; i < keys; ++i) {
            QString key = u"*"_s;
            if (!subsets.isEmpty() && draw.chance(40))
                key = draw.pick(subsets);
            else if (draw.chance(5))
                key = u"v9"_s;
            failover.insert(key, failoverSection(draw, services, name));
        }
        entry.insert(u"Failover"_s, failover);
    }
    return entry;
}

QJsonArray weights(Draw &draw, int count)
{
    QJsonArray result;
    if (count == 3 && draw.chance(20)) {
        result = {33.33, 33.33, 33.34};
    } else {
        int left = 100;
        for (int i = 0; i < count - 1; ++i) {
            const int weight = draw.between(0, left);
            result.append(weight);
            left -= weight;
        }
        result.append(left);
    }
    if (draw.chance(5)) // the weights must sum to 100
        result.replace(0, result.at(0).toDouble() + 10);
    return result;
}

QJsonObject serviceSplitter(Draw &draw, const QString &name, const QStringList &services)
{
    QJsonArray splits;
    const int count = draw.between(1, 3);
    const QJsonArray weight = weights(draw, count);
    for (int i = 0; i < count; ++i) {
        QJsonObject split{{u"Weight"_s, weight.at(i)}};
        if (draw.chance(50))
            split.insert(u"Service"_s, draw.pick(services));
        if (draw.chance(40))
            split.insert(u"ServiceSubset"_s, draw.pick(s_subsetPool));
        splits.append(split);
    }
    return {{u"Kind"_s, u"service-splitter"_s}, {u"Name"_s, name}, {u"Splits"_s, splits}};
}

QJsonObject routeMatch(Draw &draw, int index)
{
    QJsonObject http;
    switch (draw.between(0, 4)) {
    case 0:
    case 1:
        http.insert(u"PathPrefix"_s, QStringLiteral("/p%1").arg(index));
        break;
    case 2:
        http.insert(u"PathExact"_s, QStringLiteral("/e%1").arg(index));
        break;
    case 3:
        http.insert(u"PathRegex"_s, u"/r[0-9]+"_s);
        break;
    default:
        break;
    }
    if (draw.chance(30)) {
        QJsonObject header{{u"Name"_s, u"x-variant"_s}};
        const QString how = draw.pick(QStringList{u"Exact"_s, u"Prefix"_s, u"Suffix"_s, u"Regex"_s, u"Present"_s});
        if (how == u"Present")
            header.insert(how, true);
        else
            header.insert(how, how == u"Regex" ? u"v[0-9]"_s : u"beta"_s);
        if (draw.chance(20))
            header.insert(u"Invert"_s, true);
        http.insert(u"Header"_s, QJsonArray{header});
    }
    if (draw.chance(15)) {
        QJsonObject query{{u"Name"_s, u"debug"_s}};
        if (draw.chance(50))
            query.insert(u"Exact"_s, u"1"_s);
        else
            query.insert(u"Present"_s, true);
        http.insert(u"QueryParam"_s, QJsonArray{query});
    }
    if (draw.chance(20))
        http.insert(u"Methods"_s, QJsonArray{u"GET"_s, u"POST"_s});
    return http.isEmpty() ? QJsonObject() : QJsonObject{{u"HTTP"_s, http}};
}

QJsonObject serviceRouter(Draw &draw, const QString &name, const QStringList &services)
{
    QJsonArray routes;
    const int count = draw.between(1, 3);
    for (int i = 0; i < count; ++i) {
        QJsonObject route;
        if (draw.chance(90)) {
            const QJsonObject match = routeMatch(draw, i);
            if (!match.isEmpty())
                route.insert(u"Match"_s, match);
        }
        if (draw.chance(85)) {
            QJsonObject destination;
            if (draw.chance(55))
                destination.insert(u"Service"_s, draw.pick(services));
            if (draw.chance(30))
                destination.insert(u"ServiceSubset"_s, draw.pick(s_subsetPool));
            if (draw.chance(15))
                destination.insert(u"PrefixRewrite"_s, u"/"_s);
            if (draw.chance(15))
                destination.insert(u"RequestTimeout"_s, u"5s"_s);
            if (draw.chance(15))
                destination.insert(u"NumRetries"_s, 3);
            if (draw.chance(10))
                destination.insert(u"RetryOnConnectFailure"_s, true);
            if (draw.chance(10))
                destination.insert(u"RetryOnStatusCodes"_s, QJsonArray{503, 504});
            route.insert(u"Destination"_s, destination);
        }
        routes.append(route);
    }
    return {{u"Kind"_s, u"service-router"_s}, {u"Name"_s, name}, {u"Routes"_s, routes}};
}

void collectReferences(const QJsonValue &value, QSet<QString> &into)
{
    if (value.isArray()) {
        for (const QJsonValue &element : value.toArray())
            collectReferences(element, into);
        return;
    }
    if (!value.isObject())
        return;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == u"Service" && it.value().isString())
            into.insert(it.value().toString());
        else
            collectReferences(it.value(), into);
    }
}

} // namespace

EntrySet generateEntrySet(quint64 seed)
{
    Draw draw(seed);
    EntrySet set;
    set.seed = seed;

    QStringList services = s_servicePool;
    draw.shuffle(services);
    services = services.mid(0, draw.between(2, 5));

    QList<QJsonObject> defaults, resolvers, splitters, routers;
    if (draw.chance(18))
        defaults.append(proxyDefaults(draw));
    for (const QString &name : std::as_const(services)) {
        if (draw.chance(75))
            defaults.append(serviceDefaults(draw, name));
        if (draw.chance(70))
            resolvers.append(serviceResolver(draw, name, services));
        if (draw.chance(35))
            splitters.append(serviceSplitter(draw, name, services));
        if (draw.chance(35))
            routers.append(serviceRouter(draw, name, services));
    }
    // Now and then a deliberate redirect cycle between two services (circular-redirect errors).
    if (services.size() >= 2 && draw.chance(10)) {
        for (int i = 0; i < 2; ++i) {
            const QString &from = services.at(i);
            const QString &to = services.at(1 - i);
            resolvers.removeIf([&](const QJsonObject &e) { return e.value(u"Name").toString() == from; });
            resolvers.append({{u"Kind"_s, u"service-resolver"_s}, {u"Name"_s, from},
                              {u"Redirect"_s, QJsonObject{{u"Service"_s, to}}}});
        }
    }
    draw.shuffle(defaults);
    draw.shuffle(resolvers);
    draw.shuffle(splitters);
    draw.shuffle(routers);
    set.entries << defaults << resolvers << splitters << routers;

    QSet<QString> named(services.begin(), services.end());
    for (const QJsonObject &entry : std::as_const(set.entries))
        collectReferences(entry, named);
    set.services = QStringList(named.begin(), named.end());
    set.services.sort();

    if (draw.chance(15)) {
        QJsonObject body;
        if (draw.chance(70))
            body.insert(u"OverrideProtocol"_s, draw.pick(QStringList{u"http"_s, u"tcp"_s, u"grpc"_s}));
        if (draw.chance(50))
            body.insert(u"OverrideConnectTimeout"_s, u"7s"_s);
        if (draw.chance(40))
            body.insert(u"OverrideMeshGateway"_s, QJsonObject{{u"Mode"_s, draw.pick(QStringList{u"local"_s, u"remote"_s})}});
        set.overrides.append({draw.pick(services), body});
    }
    return set;
}

} // namespace chainscope::difftest
